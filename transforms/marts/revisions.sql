-- Every change of a published value: for each key (entity, metric, scope,
-- segment, period) and publisher, each observation whose value or qualifier
-- differs from the one that publisher stated before it (a flash superseded by
-- the final figure, a final by the data API, a company restating a month).
-- @column previous_value: The value stated before, vehicles.
-- @column previous_qualifier: Its qualifier.
-- @column previous_release: Its stage (flash, final, api, results, article).
-- @column previous_published_on: When it was published.
-- @column previous_url: Its document.
-- @column previous_document_sha256: SHA-256 of its document.
-- @column new_value: The value stated next, vehicles.
-- @column new_qualifier: Its qualifier.
-- @column new_release: Its stage.
-- @column new_published_on: When it was published.
-- @column new_url: Its document.
-- @column new_document_sha256: SHA-256 of its document.
-- @column change: new_value - previous_value.
-- @column change_pct: change as a percentage of previous_value.
-- @column new_is_current: Whether the new value is the key's current value (see monthly_deliveries for the precedence).
WITH ordered AS (
    SELECT
        *,
        lag(value) OVER w AS previous_value,
        lag(qualifier) OVER w AS previous_qualifier,
        lag(release) OVER w AS previous_release,
        lag(published_on) OVER w AS previous_published_on,
        lag(url) OVER w AS previous_url,
        lag(document_sha256) OVER w AS previous_document_sha256
    FROM core.core_figures_ranked
    WINDOW w AS (
        PARTITION BY entity, metric, scope, segment, period, publisher
        ORDER BY published_on NULLS FIRST, fetched_at, document_sha256
    )
)
SELECT
    o.entity, e.name_en AS entity_name, e.name_zh AS entity_name_zh,
    o.metric, o.scope, o.segment, o.period, o.period_year AS year, o.publisher,
    o.previous_value, o.previous_qualifier, o.previous_release, o.previous_published_on, o.previous_url, o.previous_document_sha256,
    o.value AS new_value, o.qualifier AS new_qualifier, o.release AS new_release, o.published_on AS new_published_on,
    o.url AS new_url, o.document_sha256 AS new_document_sha256,
    o.value - o.previous_value AS change,
    round((o.value - o.previous_value) / o.previous_value * 100, 2) AS change_pct,
    o.rank_in_key = 1 AS new_is_current
FROM ordered AS o
LEFT JOIN core.core_entities AS e ON e.id = o.entity
WHERE o.previous_value IS NOT NULL AND (o.previous_value <> o.value OR o.previous_qualifier <> o.qualifier)
ORDER BY o.entity, o.metric, o.period, o.published_on
