-- Every figure ever parsed, with its document's title and fetch time, its
-- period taken apart (grain: month, quarter, half, year or ytd; year, month,
-- quarter) and who stands behind it.
SELECT
    f.publisher,
    CASE WHEN f.publisher IN ('cpca', 'press') THEN f.publisher ELSE 'company' END AS publisher_kind,
    f.entity, f.metric, f.scope, f.segment, f.period,
    CASE
        WHEN f.period LIKE '%-YTD' THEN 'ytd'
        WHEN f.period LIKE '%-Q_' THEN 'quarter'
        WHEN f.period LIKE '%-H_' THEN 'half'
        WHEN length(f.period) = 7 THEN 'month'
        ELSE 'year'
    END AS period_grain,
    CAST(left(f.period, 4) AS INTEGER) AS period_year,
    CASE WHEN f.period NOT LIKE '%-Q_' AND f.period NOT LIKE '%-H_' AND length(f.period) >= 7 THEN CAST(substr(f.period, 6, 2) AS INTEGER) END AS period_month,
    CASE WHEN f.period LIKE '%-Q_' THEN CAST(right(f.period, 1) AS INTEGER) END AS period_quarter,
    f.metric IN ('deliveries', 'wholesale', 'retail', 'production', 'exports', 'sales', 'overseas_sales') AS is_flow,
    f.value, f.qualifier,
    -- how far a value is from exact, to combine qualifiers: exact 0, approx 1, at_least 2
    CASE f.qualifier WHEN 'at_least' THEN 2 WHEN 'approx' THEN 1 ELSE 0 END AS qualifier_rank,
    f.release, f.yoy_pct, f.mom_pct, f.cites,
    coalesce(f.published_on, CAST(d.fetched_at AS DATE)) AS published_on,
    f.document_sha256, nullif(f.url, '') AS url, f.source, nullif(d.title, '') AS document_title, d.fetched_at,
    nullif(f.evidence, '') AS evidence, f.load_id
FROM main.figures AS f
JOIN main.documents AS d ON d.sha256 = f.document_sha256
