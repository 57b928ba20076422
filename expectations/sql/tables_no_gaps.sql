-- Delivery tables, check "no_gaps": every month between each series' first
-- and last month in the table (a series is a value of the rule's columns),
-- and whether the table has it. (Python fills in the table and column
-- expressions, checked against the table; the rule name is the parameter.)
WITH present AS (
    SELECT DISTINCT {series}, month FROM build.marts.{table}
),
spans AS (
    SELECT {series}, strptime(min(month), '%Y-%m') AS first_month, strptime(max(month), '%Y-%m') AS last_month
    FROM present
    GROUP BY ALL
),
expected AS (
    SELECT {series}, strftime(unnest(generate_series(first_month, last_month, INTERVAL 1 MONTH)), '%Y-%m') AS month
    FROM spans
)
SELECT ? AS rule, {key} || ' ' || e.month AS subject, NULL::VARCHAR AS documents, NULL::DOUBLE AS value,
    p.month IS NOT NULL AS present
FROM expected AS e
LEFT JOIN present AS p USING ({series}, month)
