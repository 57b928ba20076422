-- The canonical entities of the seed file extractors/entities.csv.
SELECT
    trim(id) AS id,
    trim(name_en) AS name_en,
    trim(name_zh) AS name_zh,
    trim(kind) AS kind,
    nullif(trim(parent), '') AS parent,
    nullif(trim(aliases), '') AS aliases
FROM seeds.entities
WHERE nullif(trim(id), '') IS NOT NULL
