-- One row per entity, month, metric, scope and segment with its current value
-- (chosen by precedence: company exact > CPCA api > CPCA final > CPCA flash >
-- company lower bound > press article) and where it came from.
-- @column month: The calendar month, YYYY-MM.
-- @column value: Vehicles (integer); a floor when qualifier is at_least.
-- @column url: The document the value was read from.
SELECT
    entity, period AS month, metric, scope, segment, value, qualifier, publisher, release,
    yoy_pct, mom_pct, published_on, url, document_sha256
FROM core.core_current_figures
WHERE period_grain = 'month'
