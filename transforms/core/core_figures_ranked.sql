-- Every observation of a key (entity, metric, scope, segment, period) ranked by
-- precedence: company exact > CPCA api > CPCA final > CPCA flash > company
-- lower bound or estimate > press citing CPCA > other press; ties go to the
-- latest publication.
-- Also ranked within its publisher kind (company, cpca, press), so that a
-- company's own figure can be set against CPCA's.
WITH ranked AS (
    SELECT
        *,
        CASE
            WHEN publisher_kind = 'company' AND qualifier = 'exact' THEN 1
            WHEN publisher_kind = 'cpca' AND release = 'api' THEN 2
            WHEN publisher_kind = 'cpca' AND release = 'final' THEN 3
            WHEN publisher_kind = 'cpca' AND release = 'flash' THEN 4
            WHEN publisher_kind = 'company' THEN 5
            WHEN cites = 'cpca' THEN 6
            ELSE 7
        END AS precedence
    FROM staging.stg_figures
)
SELECT
    *,
    row_number() OVER (
        PARTITION BY entity, metric, scope, segment, period
        ORDER BY precedence, published_on DESC NULLS LAST, fetched_at DESC, document_sha256
    ) AS rank_in_key,
    row_number() OVER (
        PARTITION BY entity, metric, scope, segment, period, publisher_kind
        ORDER BY precedence, published_on DESC NULLS LAST, fetched_at DESC, document_sha256
    ) AS rank_in_publisher_kind,
    count(*) OVER (PARTITION BY entity, metric, scope, segment, period) AS observations
FROM ranked
