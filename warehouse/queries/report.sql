-- The report's own queries (the others it uses are in bi.sql).

-- name: report_target_choice
-- The target shown: the latest year with at least three months of progress, the entity with most months known.
SELECT t.entity, t.entity_name, t.year, t.target, t.delivered_metric, t.delivered_scope, t.delivered_segment,
    t.delivered_ytd, t.share_of_target, t.status, t.month_reached, count(m.ytd_value) AS months_known
FROM target_tracking AS t
JOIN monthly_deliveries AS m
    ON m.entity = t.entity AND m.year = t.year AND m.metric = t.delivered_metric
    AND m.scope = t.delivered_scope AND m.segment = t.delivered_segment
GROUP BY ALL
ORDER BY count(m.ytd_value) >= 3 DESC, t.year DESC, count(m.ytd_value) DESC, t.share_of_target DESC, t.entity
LIMIT 1;

-- name: report_target_progress
-- One entity's months of one year with the year to date.
SELECT month_start, month, value, qualifier, ytd_value, ytd_qualifier
FROM monthly_deliveries
WHERE entity = $entity AND year = $year AND metric = $metric AND scope = $scope AND segment = $segment
ORDER BY month;

-- name: report_company_vs_cpca
-- Months where a maker's own figure and CPCA's wholesale for it are both known, the differences first (largest share first, matches last).
SELECT entity_name || ' ' || period AS label, entity_name, period, company_metric, company_value, company_qualifier,
    cpca_value, cpca_qualifier, company_minus_cpca, company_minus_cpca_pct, reason_vs_cpca
FROM reconciliation
WHERE grain = 'month' AND company_value IS NOT NULL AND cpca_value IS NOT NULL
ORDER BY reason_vs_cpca = 'match', abs(company_minus_cpca_pct) DESC, period, entity;

-- name: report_headline_monthly
-- Each maker's headline monthly volume, its panel's title (scope and segment where not the plain passenger total), makers largest first.
SELECT month_start, entity, entity_name,
    entity_name || CASE WHEN scope <> 'all' THEN ' · ' || upper(scope) ELSE '' END
        || CASE WHEN segment = 'all' THEN ' · incl. commercial' ELSE '' END AS panel,
    measure, month, value, qualifier, publisher
FROM maker_headline_monthly
ORDER BY max(value) OVER (PARTITION BY entity) DESC, entity, month;

-- name: report_as_of
-- The data's as-of month: the latest month any figure is for.
SELECT max(period) AS as_of
FROM figures
WHERE period_grain = 'month';
