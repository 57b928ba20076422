-- Delivery tables, check "unique": every row of the table named by its key
-- columns; no key may appear twice. (Python fills in the table and column
-- expressions, checked against the table; the rule name is the parameter.)
SELECT ? AS rule, {key} AS subject, {documents} AS documents, NULL::DOUBLE AS value, true AS present
FROM build.marts.{table}
