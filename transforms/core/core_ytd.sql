-- Year to date through each month, per key: the reported year-to-date figure
-- where a document gives one (the full year stands for December), else built
-- from the year's quarters already complete plus the months of the current
-- quarter, when every one of those parts is known.
WITH keys AS (
    SELECT entity, metric, scope, segment, period_year FROM core.core_monthly
    UNION
    SELECT entity, metric, scope, segment, period_year FROM core.core_quarterly
    UNION
    SELECT entity, metric, scope, segment, period_year FROM core.core_current_figures
    WHERE is_flow AND period_grain IN ('ytd', 'year')
),
grid AS (
    SELECT k.*, t.m AS period_month, t.m // 3 AS quarters_done
    FROM keys AS k CROSS JOIN range(1, 13) AS t(m)
),
quarter_parts AS (
    SELECT g.entity, g.metric, g.scope, g.segment, g.period_year, g.period_month,
        count(q.value) AS found, CAST(coalesce(sum(q.value), 0) AS BIGINT) AS total, coalesce(max(q.qualifier_rank), 0) AS qualifier_rank
    FROM grid AS g
    LEFT JOIN core.core_quarterly AS q
        ON q.entity = g.entity AND q.metric = g.metric AND q.scope = g.scope AND q.segment = g.segment
        AND q.period_year = g.period_year AND q.period_quarter <= g.quarters_done AND q.value IS NOT NULL
    GROUP BY ALL
),
month_parts AS (
    SELECT g.entity, g.metric, g.scope, g.segment, g.period_year, g.period_month,
        count(m.value) AS found, CAST(coalesce(sum(m.value), 0) AS BIGINT) AS total, coalesce(max(m.qualifier_rank), 0) AS qualifier_rank
    FROM grid AS g
    LEFT JOIN core.core_monthly AS m
        ON m.entity = g.entity AND m.metric = g.metric AND m.scope = g.scope AND m.segment = g.segment
        AND m.period_year = g.period_year AND m.period_month > g.quarters_done * 3 AND m.period_month <= g.period_month
    GROUP BY ALL
),
reported AS (
    -- value and qualifier of one and the same row: the best-ranked statement
    SELECT * EXCLUDE (chosen), chosen.value AS value, chosen.qualifier_rank AS qualifier_rank
    FROM (
        SELECT entity, metric, scope, segment, period_year, coalesce(period_month, 12) AS period_month,
            arg_min({'value': value, 'qualifier_rank': qualifier_rank}, precedence) AS chosen
        FROM core.core_current_figures
        WHERE is_flow AND period_grain IN ('ytd', 'year')
        GROUP BY ALL
    )
)
SELECT
    g.entity, g.metric, g.scope, g.segment, g.period_year, g.period_month,
    coalesce(r.value, q.total + m.total) AS ytd_value,
    CASE WHEN r.value IS NOT NULL THEN 'reported' ELSE 'summed' END AS ytd_basis,
    coalesce(r.qualifier_rank, greatest(q.qualifier_rank, m.qualifier_rank)) AS ytd_qualifier_rank,
    ['exact', 'approx', 'at_least'][coalesce(r.qualifier_rank, greatest(q.qualifier_rank, m.qualifier_rank)) + 1] AS ytd_qualifier
FROM grid AS g
JOIN quarter_parts AS q USING (entity, metric, scope, segment, period_year, period_month)
JOIN month_parts AS m USING (entity, metric, scope, segment, period_year, period_month)
LEFT JOIN reported AS r USING (entity, metric, scope, segment, period_year, period_month)
WHERE r.value IS NOT NULL OR (q.found = g.quarters_done AND m.found = g.period_month - g.quarters_done * 3)
