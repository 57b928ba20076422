-- Delivery tables, check "between": each value of one column of the table,
-- its row named by the rule's key columns; the bounds are the expectation's.
-- (Python fills in the table and column expressions, checked against the
-- table; the rule name is the parameter.)
SELECT ? AS rule, {key} || ' {name}' AS subject, {documents} AS documents, CAST({column} AS DOUBLE) AS value, true AS present
FROM build.marts.{table}
WHERE {column} IS NOT NULL
