-- Documents and figures per source and data month, with failures counted apart.
-- Parameters: first month, last month (YYYY-MM).
SELECT
    d.source,
    d.period,
    count(*) FILTER (WHERE d.parse_status = 'parsed') AS loaded,
    count(*) FILTER (WHERE d.parse_status = 'failed') AS failed,
    coalesce(sum(d.figure_count) FILTER (WHERE d.parse_status = 'parsed'), 0) AS figures
FROM documents AS d
WHERE d.kind <> 'list' AND d.period BETWEEN ? AND ?
GROUP BY ALL
ORDER BY d.period, d.source
