-- The canonical entities (markets, groups, makers, brands) from the seed
-- extractors/entities.csv, with English and Chinese names and their parent;
-- an id a parser produced that the seed lacks appears as kind 'unmapped'.
-- @column id: Canonical entity id; every mart's entity column joins here.
-- @column name_en: English name.
-- @column name_zh: Chinese name.
-- @column kind: market, group, maker, brand (or unmapped: an id found in figures but not in the seed).
-- @column parent: The id of the group or maker this entity belongs to (NIO Inc. for ONVO, BYD for Denza), if any.
-- @column parent_name: The parent's English name.
-- @column aliases: Other spellings the extractors recognise, separated by |.
-- @column in_seed: Whether the entity is in the seed file (false for unmapped ids).
SELECT e.id, e.name_en, e.name_zh, e.kind, e.parent, p.name_en AS parent_name, e.aliases, e.in_seed
FROM core.core_entities AS e
LEFT JOIN core.core_entities AS p ON p.id = e.parent
ORDER BY e.kind, e.id
