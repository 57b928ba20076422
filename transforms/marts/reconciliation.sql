-- For each entity and month, quarter and year: the company's own figure vs
-- CPCA's wholesale for the maker vs the sum of the company's own parts (months
-- of a quarter, quarters of a year), the differences, and their likely
-- reason. Rows appear where at least two of the three are known.
-- @column grain: month, quarter or year.
-- @column period: YYYY-MM, YYYY-Qn or YYYY.
-- @column company_metric: The company's measure: deliveries, or sales where it reports no deliveries (BYD).
-- @column company_scope: Powertrain scope of the company's measure.
-- @column company_segment: Segment of the company's measure.
-- @column company_value: The company's own figure for the period (its best current statement), vehicles.
-- @column company_qualifier: exact, approx or at_least.
-- @column company_url: The document of the company's figure.
-- @column cpca_scope: Powertrain scope of CPCA's maker wholesale (nev for the NEV maker ranking).
-- @column cpca_value: CPCA's wholesale for the maker: the month's figure, or the sum of all the period's months.
-- @column cpca_qualifier: exact, approx or at_least.
-- @column parts_sum: The sum of the company's own figures for the period's parts (months of a quarter, quarters of a year) that are known.
-- @column parts_found: How many parts were found.
-- @column parts_expected: How many parts the period has (3 months, 4 quarters).
-- @column parts_qualifier: at_least when any part is a floor, else approx when any is rounded, else exact.
-- @column company_minus_cpca: company_value - cpca_value.
-- @column company_minus_cpca_pct: company_minus_cpca as a percentage of cpca_value.
-- @column company_minus_parts: company_value - parts_sum.
-- @column reason_vs_cpca: match; lower bound (a side is a floor); rounding (a rounded side within 0.5%); revision (a side was restated); exports (the gap is within the exports/overseas sales known for the period); definition (deliveries or sales vs wholesale: timing, scope and counting differ).
-- @column reason_vs_parts: match; missing parts; lower bound (a side is a floor); rounding (within 0.5%); revision (the total or a part was restated).
WITH company_measure AS (
    SELECT entity, metric, scope, segment
    FROM staging.stg_figures
    WHERE publisher_kind = 'company' AND metric IN ('deliveries', 'sales') AND period_grain IN ('month', 'quarter', 'year')
    GROUP BY entity, metric, scope, segment
    QUALIFY row_number() OVER (PARTITION BY entity ORDER BY metric = 'deliveries' DESC, count(*) DESC, scope = 'all' DESC, segment) = 1
),
cpca_measure AS (
    SELECT entity, metric, scope, segment
    FROM staging.stg_figures
    WHERE publisher_kind = 'cpca' AND metric = 'wholesale' AND entity <> 'market' AND period_grain = 'month'
    GROUP BY entity, metric, scope, segment
    QUALIFY row_number() OVER (PARTITION BY entity ORDER BY scope = 'nev' DESC, count(*) DESC, segment) = 1
),
restated AS (
    SELECT entity, metric, scope, segment, period, publisher_kind
    FROM staging.stg_figures
    GROUP BY ALL
    HAVING count(DISTINCT value) > 1
),
company AS (
    SELECT r.*, s.entity IS NOT NULL AS restated,
        r.period_year || '-Q' || ((r.period_month - 1) // 3 + 1) AS in_quarter
    FROM core.core_figures_ranked AS r
    JOIN company_measure USING (entity, metric, scope, segment)
    LEFT JOIN restated AS s USING (entity, metric, scope, segment, period, publisher_kind)
    WHERE r.publisher_kind = 'company' AND r.rank_in_publisher_kind = 1 AND r.period_grain IN ('month', 'quarter', 'year')
),
cpca_months AS (
    SELECT r.*, s.entity IS NOT NULL AS restated,
        r.period_year || '-Q' || ((r.period_month - 1) // 3 + 1) AS in_quarter
    FROM core.core_figures_ranked AS r
    JOIN cpca_measure USING (entity, metric, scope, segment)
    LEFT JOIN restated AS s USING (entity, metric, scope, segment, period, publisher_kind)
    WHERE r.publisher_kind = 'cpca' AND r.rank_in_publisher_kind = 1 AND r.period_grain = 'month'
),
cpca AS (
    SELECT entity, 'month' AS grain, period, scope, value, qualifier_rank, restated FROM cpca_months
    UNION ALL
    SELECT entity, 'quarter', in_quarter, scope, CAST(sum(value) AS BIGINT), max(qualifier_rank), bool_or(restated)
    FROM cpca_months GROUP BY entity, in_quarter, scope HAVING count(*) = 3
    UNION ALL
    SELECT entity, 'year', CAST(period_year AS VARCHAR), scope, CAST(sum(value) AS BIGINT), max(qualifier_rank), bool_or(restated)
    FROM cpca_months GROUP BY entity, period_year, scope HAVING count(*) = 12
),
parts AS (
    SELECT entity, 'quarter' AS grain, in_quarter AS period, CAST(sum(value) AS BIGINT) AS parts_sum, count(*) AS parts_found, 3 AS parts_expected,
        max(qualifier_rank) AS qualifier_rank, bool_or(restated) AS restated
    FROM company WHERE period_grain = 'month' GROUP BY entity, in_quarter
    UNION ALL
    SELECT entity, 'year', CAST(period_year AS VARCHAR), CAST(sum(value) AS BIGINT), count(*), 4, max(qualifier_rank), bool_or(restated)
    FROM company WHERE period_grain = 'quarter' GROUP BY entity, period_year
),
exports AS (
    SELECT entity, period, max(value) AS exports
    FROM core.core_current_figures
    WHERE metric IN ('exports', 'overseas_sales') AND entity <> 'market'
    GROUP BY ALL
),
company_and_cpca AS (
    SELECT
        coalesce(c.entity, w.entity) AS entity, coalesce(c.period_grain, w.grain) AS grain, coalesce(c.period, w.period) AS period,
        c.metric AS company_metric, c.scope AS company_scope, c.segment AS company_segment, c.value AS company_value,
        c.qualifier_rank AS company_qualifier_rank, c.restated AS company_restated, c.url AS company_url,
        w.scope AS cpca_scope, w.value AS cpca_value, w.qualifier_rank AS cpca_qualifier_rank, w.restated AS cpca_restated
    FROM company AS c
    FULL JOIN cpca AS w ON w.entity = c.entity AND w.grain = c.period_grain AND w.period = c.period
),
joined AS (
    SELECT
        coalesce(a.entity, p.entity) AS entity, coalesce(a.grain, p.grain) AS grain, coalesce(a.period, p.period) AS period,
        a.* EXCLUDE (entity, grain, period),
        p.parts_sum, coalesce(p.parts_found, 0) AS parts_found,
        CASE coalesce(a.grain, p.grain) WHEN 'quarter' THEN 3 WHEN 'year' THEN 4 END AS parts_expected,
        p.qualifier_rank AS parts_qualifier_rank, p.restated AS parts_restated
    FROM company_and_cpca AS a
    FULL JOIN parts AS p ON p.entity = a.entity AND p.grain = a.grain AND p.period = a.period
)
SELECT
    j.entity, e.name_en AS entity_name, e.name_zh AS entity_name_zh, j.grain, j.period,
    CAST(left(j.period, 4) AS INTEGER) AS year,
    j.company_metric, j.company_scope, j.company_segment, j.company_value,
    ['exact', 'approx', 'at_least'][j.company_qualifier_rank + 1] AS company_qualifier, j.company_url,
    j.cpca_scope, j.cpca_value, ['exact', 'approx', 'at_least'][j.cpca_qualifier_rank + 1] AS cpca_qualifier,
    j.parts_sum, CASE WHEN j.grain <> 'month' THEN j.parts_found END AS parts_found, j.parts_expected,
    ['exact', 'approx', 'at_least'][j.parts_qualifier_rank + 1] AS parts_qualifier,
    j.company_value - j.cpca_value AS company_minus_cpca,
    round((j.company_value - j.cpca_value) / j.cpca_value * 100, 2) AS company_minus_cpca_pct,
    j.company_value - j.parts_sum AS company_minus_parts,
    CASE
        WHEN j.company_value IS NULL OR j.cpca_value IS NULL THEN NULL
        WHEN j.company_value = j.cpca_value THEN 'match'
        WHEN 2 IN (j.company_qualifier_rank, j.cpca_qualifier_rank) THEN 'lower bound'
        WHEN 1 IN (j.company_qualifier_rank, j.cpca_qualifier_rank)
            AND abs(j.company_value - j.cpca_value) <= 0.005 * greatest(j.company_value, j.cpca_value) THEN 'rounding'
        WHEN j.company_restated OR j.cpca_restated THEN 'revision'
        WHEN abs(j.company_value - j.cpca_value) <= x.exports THEN 'exports'
        ELSE 'definition'
    END AS reason_vs_cpca,
    CASE
        WHEN j.company_value IS NULL OR j.parts_sum IS NULL THEN NULL
        WHEN j.company_value = j.parts_sum THEN 'match'
        WHEN j.parts_found < j.parts_expected THEN 'missing parts'
        WHEN 2 IN (j.company_qualifier_rank, j.parts_qualifier_rank) THEN 'lower bound'
        WHEN 1 IN (j.company_qualifier_rank, j.parts_qualifier_rank)
            AND abs(j.company_value - j.parts_sum) <= 0.005 * greatest(j.company_value, j.parts_sum) THEN 'rounding'
        ELSE 'revision'
    END AS reason_vs_parts
FROM joined AS j
LEFT JOIN exports AS x ON x.entity = j.entity AND x.period = j.period
LEFT JOIN core.core_entities AS e ON e.id = j.entity
WHERE (j.company_value IS NOT NULL)::INTEGER + (j.cpca_value IS NOT NULL)::INTEGER + (j.parts_sum IS NOT NULL)::INTEGER >= 2
ORDER BY j.entity, j.grain, j.period
