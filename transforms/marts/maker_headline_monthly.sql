-- Each maker's (and group's) headline monthly volume, one row per maker and
-- month: its own deliveries where the company reports them, else its own
-- sales (BYD), else CPCA's wholesale for it (Tesla China). One measure per
-- maker, so a maker's months are never a mix of measures: the first of those
-- the maker has any month of, in its series with the most months (ties to all
-- powertrains, then all segments). Each month's value is that key's current
-- value, by the documented precedence (as in monthly_deliveries).
-- @column measure: What the maker's headline counts and whose count it is: company deliveries, company sales or cpca wholesale (the same for every month of a maker).
-- @column measure_months: How many months the measure's publisher (the company, or CPCA) states for this series: what chose it among the maker's scopes and segments.
WITH series AS (
    SELECT
        entity, metric, scope, segment,
        CASE
            WHEN publisher_kind = 'company' AND metric = 'deliveries' THEN 1
            WHEN publisher_kind = 'company' AND metric = 'sales' THEN 2
            ELSE 3
        END AS measure_rank,
        publisher_kind || ' ' || metric AS measure,
        count(DISTINCT period) AS measure_months
    FROM staging.stg_figures
    WHERE period_grain = 'month'
      AND ((publisher_kind = 'company' AND metric IN ('deliveries', 'sales')) OR (publisher_kind = 'cpca' AND metric = 'wholesale'))
    GROUP BY ALL
),
headline AS (
    SELECT s.*
    FROM series AS s
    JOIN core.core_entities AS e ON e.id = s.entity
    WHERE e.kind IN ('maker', 'group')
    QUALIFY row_number() OVER (
        PARTITION BY s.entity
        ORDER BY s.measure_rank, s.measure_months DESC, s.scope = 'all' DESC, s.segment = 'all' DESC, s.scope, s.segment
    ) = 1
)
SELECT
    m.entity, e.name_en AS entity_name, e.name_zh AS entity_name_zh,
    m.period AS month, m.month_start, m.period_year AS year,
    h.measure, m.metric, m.scope, m.segment, h.measure_months,
    m.value, m.qualifier, m.publisher, m.release, m.published_on, m.url, m.document_sha256
FROM core.core_monthly AS m
JOIN headline AS h USING (entity, metric, scope, segment)
LEFT JOIN core.core_entities AS e ON e.id = m.entity
ORDER BY m.entity, m.period
