-- Quarterly values of the flow metrics: the reported quarter where a document
-- gives one, else the sum of the quarter's three months when all are known.
-- Each row also says how many months were found and what they sum to.
WITH reported AS (
    SELECT * FROM core.core_current_figures WHERE period_grain = 'quarter' AND is_flow
),
summed AS (
    SELECT
        entity, metric, scope, segment, period_year, (period_month - 1) // 3 + 1 AS period_quarter,
        count(*) AS months_found, CAST(sum(value) AS BIGINT) AS months_sum, max(qualifier_rank) AS months_qualifier_rank
    FROM core.core_monthly
    GROUP BY ALL
),
joined AS (
    SELECT
        coalesce(r.entity, s.entity) AS entity, coalesce(r.metric, s.metric) AS metric,
        coalesce(r.scope, s.scope) AS scope, coalesce(r.segment, s.segment) AS segment,
        coalesce(r.period_year, s.period_year) AS period_year, coalesce(r.period_quarter, s.period_quarter) AS period_quarter,
        r.value AS reported_value, r.qualifier_rank AS reported_qualifier_rank,
        coalesce(s.months_found, 0) AS months_found, s.months_sum, s.months_qualifier_rank,
        r.publisher, r.release, r.published_on, r.url, r.document_sha256
    FROM reported AS r
    FULL JOIN summed AS s
        ON r.entity = s.entity AND r.metric = s.metric AND r.scope = s.scope AND r.segment = s.segment AND r.period_year = s.period_year AND r.period_quarter = s.period_quarter
)
SELECT
    entity, metric, scope, segment, period_year || '-Q' || period_quarter AS period, period_year, period_quarter,
    coalesce(reported_value, CASE WHEN months_found = 3 THEN months_sum END) AS value,
    CASE WHEN reported_value IS NOT NULL THEN 'reported' ELSE 'summed' END AS basis,
    coalesce(reported_qualifier_rank, months_qualifier_rank) AS qualifier_rank,
    ['exact', 'approx', 'at_least'][coalesce(reported_qualifier_rank, months_qualifier_rank) + 1] AS qualifier,
    reported_value,
    CASE WHEN months_found = 3 THEN months_sum END AS summed_value,
    months_found, months_sum, months_qualifier_rank,
    publisher, release, published_on, url, document_sha256
FROM joined
WHERE reported_value IS NOT NULL OR months_found = 3
