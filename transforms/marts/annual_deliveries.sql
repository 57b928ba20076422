-- One row per entity, year, metric, scope and segment: the reported annual
-- figure where a document gives one, else the sum of the year's four quarters
-- (each reported, or summed from its months) when all are known.
-- @column qualifier: Of the reported figure; for a sum, at_least when any quarter is a floor, else approx when any is rounded, else exact.
-- @column quarters_found: How many of the year's quarters have a value (4 for a sum).
-- @column publisher: Who published the reported figure (empty for a sum).
-- @column release: Stage of the reported figure (empty for a sum).
-- @column published_on: When the reported figure was published (empty for a sum).
-- @column url: The document of the reported figure (empty for a sum).
-- @column document_sha256: SHA-256 of the reported figure's document (empty for a sum).
SELECT
    a.entity, e.name_en AS entity_name, e.name_zh AS entity_name_zh, a.period_year AS year,
    a.metric, a.scope, a.segment, a.value, a.qualifier, a.basis, a.reported_value, a.summed_value, a.quarters_found,
    a.publisher, a.release, a.published_on, a.url, a.document_sha256
FROM core.core_annual AS a
LEFT JOIN core.core_entities AS e ON e.id = a.entity
ORDER BY a.entity, a.metric, a.scope, a.segment, a.period_year
