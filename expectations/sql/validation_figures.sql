-- The business rules' view of the figures (temporary, on the validating
-- connection; it reads the build, warehouse.models.materialize): every observation with what the
-- rules compare it by: its upper bound (NULL for a floor), the months of its
-- year its period spans, and the periods a year and a month earlier.
CREATE OR REPLACE TEMP VIEW validation_figures AS
SELECT
    *,
    CASE WHEN qualifier = 'at_least' THEN NULL ELSE value END AS high,
    coalesce(url, document_sha256) AS document,
    validation_label(entity, metric, scope, segment, period, value, qualifier) || ' (' || publisher || ' ' || release || ')' AS label,
    CASE period_grain WHEN 'quarter' THEN 3 * period_quarter - 2 WHEN 'month' THEN period_month ELSE 1 END AS first_month,
    CASE period_grain WHEN 'quarter' THEN 3 * period_quarter WHEN 'year' THEN 12 ELSE period_month END AS last_month,
    CAST(period_year - 1 AS VARCHAR) || substr(period, 5) AS year_earlier,
    CASE WHEN period_grain = 'month' THEN strftime(make_date(period_year, period_month, 1) - INTERVAL 1 MONTH, '%Y-%m') END AS month_earlier
FROM build.core.core_figures_ranked;
