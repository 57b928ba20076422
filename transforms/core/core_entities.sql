-- The seed's entities, plus any entity id a parser produced that the seed
-- does not know (kind 'unmapped'), so that every figure joins to a row.
SELECT id, name_en, name_zh, kind, parent, aliases, true AS in_seed
FROM staging.stg_entities
UNION ALL
SELECT DISTINCT f.entity, f.entity, NULL, 'unmapped', NULL, NULL, false
FROM staging.stg_figures AS f
WHERE f.entity NOT IN (SELECT id FROM staging.stg_entities)
