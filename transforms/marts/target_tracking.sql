-- Each announced annual target (latest revision) against what the entity has
-- delivered so far that year: its deliveries, else its sales (BYD), in the
-- scope and segment it reports most; the share reached, the monthly run-rate
-- still needed, the year-end projected at the year's average pace so far, and
-- the month the year to date first met the target.
-- @column target: The latest revision of the target (the company's own statement first, then the latest published), vehicles.
-- @column target_qualifier: exact, approx or at_least ('over 400,000').
-- @column target_published_on: When that revision was published.
-- @column target_url: The document of that revision.
-- @column previous_target: The last different value announced before it (a raise or a cut), if any.
-- @column target_statements: How many documents state a target for this entity and year.
-- @column delivered_metric: What is counted against the target: deliveries, or sales where the entity reports no deliveries.
-- @column delivered_scope: The powertrain scope counted.
-- @column delivered_segment: The segment counted.
-- @column delivered_through: The last month the year to date is known for, YYYY-MM.
-- @column delivered_ytd: Year to date through delivered_through, vehicles.
-- @column delivered_qualifier: exact, approx, or at_least when any part of the year to date is a floor.
-- @column share_of_target: delivered_ytd / target.
-- @column run_rate_needed: Vehicles a month needed over the rest of the year to meet the target (0 once met; empty when the year is over).
-- @column projected_year_end: delivered_ytd / months elapsed * 12: the year-end at the average pace so far.
-- @column month_reached: The first month whose known year to date meets the target, YYYY-MM (floors count as their floor; with unknown months before it, it may have been met earlier).
-- @column status: reached, on track (projected to meet it), behind, missed (the year is over), or no data.
WITH observations AS (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY entity, period_year
            ORDER BY publisher_kind = 'company' DESC, published_on DESC NULLS LAST, fetched_at DESC, document_sha256
        ) AS revision_rank,
        count(*) OVER (PARTITION BY entity, period_year) AS target_statements
    FROM core.core_figures_ranked
    WHERE metric = 'target' AND period_grain = 'year'
),
targets AS (
    SELECT
        t.entity, t.period_year AS year, t.value AS target, t.qualifier AS target_qualifier,
        t.published_on AS target_published_on, t.url AS target_url, t.target_statements,
        (SELECT arg_max(p.value, p.published_on) FROM observations AS p
         WHERE p.entity = t.entity AND p.period_year = t.period_year AND p.value <> t.value
           AND p.published_on <= t.published_on) AS previous_target
    FROM observations AS t
    WHERE t.revision_rank = 1
),
measures AS (
    SELECT y.entity, y.period_year AS year, y.metric, y.scope, y.segment
    FROM core.core_ytd AS y
    JOIN targets AS t ON t.entity = y.entity AND t.year = y.period_year
    WHERE y.metric IN ('deliveries', 'sales')
    GROUP BY y.entity, y.period_year, y.metric, y.scope, y.segment
    QUALIFY row_number() OVER (
        PARTITION BY y.entity, y.period_year
        ORDER BY y.metric = 'deliveries' DESC, count(*) DESC, y.scope = 'all' DESC, y.scope = 'nev' DESC, y.segment = 'passenger' DESC
    ) = 1
),
progress AS (
    SELECT
        m.entity, m.year, m.metric, m.scope, m.segment,
        max(y.period_month) AS through_month,
        arg_max(y.ytd_value, y.period_month) AS delivered_ytd,
        arg_max(y.ytd_qualifier, y.period_month) AS delivered_qualifier,
        min(y.period_month) FILTER (WHERE y.ytd_value >= t.target) AS month_reached
    FROM measures AS m
    JOIN targets AS t USING (entity, year)
    JOIN core.core_ytd AS y
        ON y.entity = m.entity AND y.metric = m.metric AND y.scope = m.scope AND y.segment = m.segment AND y.period_year = m.year
    GROUP BY ALL
)
SELECT
    t.entity, e.name_en AS entity_name, e.name_zh AS entity_name_zh, t.year,
    t.target, t.target_qualifier, t.target_published_on, t.target_url, t.previous_target, t.target_statements,
    p.metric AS delivered_metric, p.scope AS delivered_scope, p.segment AS delivered_segment,
    t.year || '-' || lpad(CAST(p.through_month AS VARCHAR), 2, '0') AS delivered_through,
    p.delivered_ytd, p.delivered_qualifier,
    p.delivered_ytd / t.target AS share_of_target,
    CASE
        WHEN p.delivered_ytd >= t.target THEN 0
        WHEN p.through_month < 12 THEN CAST(ceil((t.target - p.delivered_ytd) / (12 - p.through_month)) AS BIGINT)
    END AS run_rate_needed,
    CAST(round(p.delivered_ytd / p.through_month * 12) AS BIGINT) AS projected_year_end,
    t.year || '-' || lpad(CAST(p.month_reached AS VARCHAR), 2, '0') AS month_reached,
    CASE
        WHEN p.delivered_ytd IS NULL THEN 'no data'
        WHEN p.delivered_ytd >= t.target THEN 'reached'
        WHEN p.through_month = 12 THEN 'missed'
        WHEN p.delivered_ytd / p.through_month * 12 >= t.target THEN 'on track'
        ELSE 'behind'
    END AS status
FROM targets AS t
LEFT JOIN progress AS p USING (entity, year)
LEFT JOIN core.core_entities AS e ON e.id = t.entity
ORDER BY t.year, t.entity
