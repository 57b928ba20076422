-- What the validation queries share, created on the validating connection
-- (temporary: nothing is left in the warehouse). See also validation_figures.sql.

-- How far apart two values are, each read as an interval [low, high] (a NULL
-- high is unbounded: a floor, or a sum with parts missing), relative to a
-- reference value: 0 when the intervals meet.
CREATE OR REPLACE TEMP MACRO validation_gap(low_a, high_a, low_b, high_b, reference) AS
    greatest(0, (low_a - high_b) / reference, (low_b - high_a) / reference);

-- A key part in words: NULL when missing, quoted when blank ('').
CREATE OR REPLACE TEMP MACRO validation_part(part) AS
    CASE WHEN part IS NULL THEN 'NULL' WHEN trim(part) = '' THEN '''' || part || '''' ELSE part END;

-- A figure in words: "xiaomi deliveries/all/passenger 2025-12 = 50,000 at_least".
-- (NULL-safe, so a row with a missing or blank key part is still named.)
CREATE OR REPLACE TEMP MACRO validation_label(entity, metric, scope, segment, period, value, qualifier) AS
    concat(
        validation_part(entity), ' ', validation_part(metric), '/', validation_part(scope), '/', validation_part(segment),
        ' ', validation_part(period), ' = ', coalesce(format('{:,}', value), 'NULL'), ' ', coalesce(qualifier, 'NULL')
    );
