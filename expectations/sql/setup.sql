-- What the validation queries share, created on the validating connection
-- (temporary: nothing is left in the warehouse).

-- How far apart two values are, each read as an interval [low, high] (a NULL
-- high is unbounded: a floor, or a sum with parts missing), relative to a
-- reference value: 0 when the intervals meet.
CREATE OR REPLACE TEMP MACRO validation_gap(low_a, high_a, low_b, high_b, reference) AS
    greatest(0, (low_a - high_b) / reference, (low_b - high_a) / reference);

-- A figure in words: "xiaomi deliveries/all/passenger 2025-12 = 50,000 at_least".
-- (NULL-safe, so a row with a missing key part is still named.)
CREATE OR REPLACE TEMP MACRO validation_label(entity, metric, scope, segment, period, value, qualifier) AS
    concat(
        coalesce(entity, 'NULL'), ' ', coalesce(metric, 'NULL'), '/', coalesce(scope, 'NULL'), '/', coalesce(segment, 'NULL'),
        ' ', coalesce(period, 'NULL'), ' = ', coalesce(format('{:,}', value), 'NULL'), ' ', coalesce(qualifier, 'NULL')
    );

-- Every observation with what the business rules compare it by: its upper
-- bound (NULL for a floor), the months of its year its period spans, and the
-- periods a year and a month earlier.
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
FROM core.core_figures_ranked;
