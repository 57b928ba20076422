-- Current monthly values of the flow metrics (deliveries, wholesale, retail,
-- production, exports, sales, overseas sales), with YoY and MoM: as reported
-- where a document states them, else computed from the same key a year and a
-- month earlier (never from a lower bound, which would make the change up).
WITH months AS (
    SELECT *, make_date(period_year, period_month, 1) AS month_start
    FROM core.core_current_figures
    WHERE period_grain = 'month' AND is_flow
)
SELECT
    m.* EXCLUDE (yoy_pct, mom_pct),
    a.value AS value_year_ago,
    p.value AS value_month_ago,
    coalesce(m.yoy_pct, CASE WHEN a.value > 0 AND m.qualifier_rank < 2 AND a.qualifier_rank < 2 THEN round((m.value / a.value - 1) * 100, 1) END) AS yoy_pct,
    CASE WHEN m.yoy_pct IS NOT NULL THEN 'reported' WHEN a.value > 0 AND m.qualifier_rank < 2 AND a.qualifier_rank < 2 THEN 'computed' END AS yoy_basis,
    coalesce(m.mom_pct, CASE WHEN p.value > 0 AND m.qualifier_rank < 2 AND p.qualifier_rank < 2 THEN round((m.value / p.value - 1) * 100, 1) END) AS mom_pct,
    CASE WHEN m.mom_pct IS NOT NULL THEN 'reported' WHEN p.value > 0 AND m.qualifier_rank < 2 AND p.qualifier_rank < 2 THEN 'computed' END AS mom_basis
FROM months AS m
LEFT JOIN months AS a
    ON a.entity = m.entity AND a.metric = m.metric AND a.scope = m.scope AND a.segment = m.segment
    AND a.month_start = m.month_start - INTERVAL 1 YEAR
LEFT JOIN months AS p
    ON p.entity = m.entity AND p.metric = m.metric AND p.scope = m.scope AND p.segment = m.segment
    AND p.month_start = m.month_start - INTERVAL 1 MONTH
