-- Every figure ever parsed, with its document's title and fetch time.
SELECT
    f.publisher, f.entity, f.metric, f.scope, f.segment, f.period,
    CASE
        WHEN f.period LIKE '%-YTD' THEN 'ytd'
        WHEN f.period LIKE '%-Q_' THEN 'quarter'
        WHEN length(f.period) = 7 THEN 'month'
        ELSE 'year'
    END AS period_grain,
    f.value, f.qualifier, f.release, f.yoy_pct, f.mom_pct,
    coalesce(f.published_on, CAST(d.fetched_at AS DATE)) AS published_on,
    f.document_sha256, f.url, f.source, d.title AS document_title, d.fetched_at,
    f.evidence, f.load_id
FROM main.figures AS f
JOIN main.documents AS d ON d.sha256 = f.document_sha256
