-- One row per entity, quarter, metric, scope and segment: the reported
-- quarterly figure where a document gives one, else the sum of the quarter's
-- three months when all are known (basis says which).
-- @column quarter_number: 1 to 4.
-- @column qualifier: Of the reported figure; for a sum, at_least when any month is a floor, else approx when any is rounded, else exact.
-- @column months_found: How many of the quarter's months have a value (3 for a sum).
-- @column publisher: Who published the reported figure (empty for a sum).
-- @column release: Stage of the reported figure (empty for a sum).
-- @column published_on: When the reported figure was published (empty for a sum).
-- @column url: The document of the reported figure (empty for a sum).
-- @column document_sha256: SHA-256 of the reported figure's document (empty for a sum).
SELECT
    q.entity, e.name_en AS entity_name, e.name_zh AS entity_name_zh,
    q.period AS quarter, q.period_year AS year, q.period_quarter AS quarter_number,
    q.metric, q.scope, q.segment, q.value, q.qualifier, q.basis, q.reported_value, q.summed_value, q.months_found,
    q.publisher, q.release, q.published_on, q.url, q.document_sha256
FROM core.core_quarterly AS q
LEFT JOIN core.core_entities AS e ON e.id = q.entity
ORDER BY q.entity, q.metric, q.scope, q.segment, q.period
