-- Annual values of the flow metrics: the reported year where a document gives
-- one, else the sum of its four quarters (each reported, or summed from its
-- months) when all are known. Each row also says how many quarters were found.
WITH reported AS (
    SELECT * FROM core.core_current_figures WHERE period_grain = 'year' AND is_flow
),
summed AS (
    SELECT
        entity, metric, scope, segment, period_year,
        count(*) AS quarters_found, CAST(sum(value) AS BIGINT) AS quarters_sum, max(qualifier_rank) AS quarters_qualifier_rank
    FROM core.core_quarterly
    GROUP BY ALL
),
joined AS (
    SELECT
        coalesce(r.entity, s.entity) AS entity, coalesce(r.metric, s.metric) AS metric,
        coalesce(r.scope, s.scope) AS scope, coalesce(r.segment, s.segment) AS segment,
        coalesce(r.period_year, s.period_year) AS period_year,
        r.value AS reported_value, r.qualifier_rank AS reported_qualifier_rank,
        coalesce(s.quarters_found, 0) AS quarters_found, s.quarters_sum, s.quarters_qualifier_rank,
        r.publisher, r.release, r.published_on, r.url, r.document_sha256
    FROM reported AS r
    FULL JOIN summed AS s
        ON r.entity = s.entity AND r.metric = s.metric AND r.scope = s.scope AND r.segment = s.segment AND r.period_year = s.period_year
)
SELECT
    entity, metric, scope, segment, CAST(period_year AS VARCHAR) AS period, period_year,
    coalesce(reported_value, CASE WHEN quarters_found = 4 THEN quarters_sum END) AS value,
    CASE WHEN reported_value IS NOT NULL THEN 'reported' ELSE 'summed' END AS basis,
    coalesce(reported_qualifier_rank, quarters_qualifier_rank) AS qualifier_rank,
    ['exact', 'approx', 'at_least'][coalesce(reported_qualifier_rank, quarters_qualifier_rank) + 1] AS qualifier,
    reported_value,
    CASE WHEN quarters_found = 4 THEN quarters_sum END AS summed_value,
    quarters_found, quarters_sum, quarters_qualifier_rank,
    publisher, release, published_on, url, document_sha256
FROM joined
WHERE reported_value IS NOT NULL OR quarters_found = 4
