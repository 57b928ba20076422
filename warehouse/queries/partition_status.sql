-- Documents and figures per source and data month, with failures counted apart:
-- documents whose last parse failed, and fetches that failed for a url no
-- document has since been loaded from.
-- Parameters: first month, last month (YYYY-MM).
WITH parsed AS (
    SELECT
        source, period,
        count(*) FILTER (WHERE parse_status = 'parsed') AS loaded,
        count(*) FILTER (WHERE parse_status = 'failed') AS failed,
        coalesce(sum(figure_count) FILTER (WHERE parse_status = 'parsed'), 0) AS figures
    FROM documents
    WHERE kind <> 'list' AND period BETWEEN $1 AND $2
    GROUP BY ALL
),
unfetched AS (
    SELECT source, period, count(DISTINCT url) AS failed
    FROM fetch_errors AS e
    WHERE period BETWEEN $1 AND $2
      AND NOT EXISTS (SELECT 1 FROM documents AS d WHERE d.url = e.url AND d.parse_status = 'parsed')
    GROUP BY ALL
)
SELECT
    coalesce(p.source, u.source) AS source,
    coalesce(p.period, u.period) AS period,
    coalesce(p.loaded, 0) AS loaded,
    coalesce(p.failed, 0) + coalesce(u.failed, 0) AS failed,
    coalesce(p.figures, 0) AS figures
FROM parsed AS p
FULL JOIN unfetched AS u ON u.source = p.source AND u.period = p.period
ORDER BY period, source
