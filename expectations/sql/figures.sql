-- The figures suite's batch: every row of the figures table as the parsers
-- produced it, read straight from main.figures (not through the transforms,
-- so a row no model would show is still seen), with its document, a label,
-- the ceiling of its metric and period grain (rules.toml `ceilings`) and the
-- year its period lies in (held to rules.toml `periods`).
WITH figures AS (
    SELECT
        f.*,
        CASE
            WHEN f.period LIKE '%-YTD' OR f.period LIKE '%-H_' THEN 'year'  -- a year to date or a half is held to the year's ceiling
            WHEN f.period LIKE '%-Q_' THEN 'quarter'
            WHEN length(f.period) = 7 THEN 'month'
            ELSE 'year'
        END AS grain
    FROM main.figures AS f
)
SELECT
    f.publisher, f.entity, f.metric, f.scope, f.segment, f.period, f.value, f.qualifier, f.release,
    f.yoy_pct, f.mom_pct, f.document_sha256, f.grain, c.ceiling, TRY_CAST(left(f.period, 4) AS INTEGER) AS period_year,
    validation_label(f.entity, f.metric, f.scope, f.segment, f.period, f.value, f.qualifier)
        || ' (' || f.publisher || ' ' || f.release || ')' AS subject,
    coalesce(f.url, d.url, f.document_sha256) AS documents
FROM figures AS f
LEFT JOIN main.documents AS d ON d.sha256 = f.document_sha256
LEFT JOIN validation_ceilings AS c ON c.metric = f.metric AND c.grain = f.grain
ORDER BY f.publisher, f.entity, f.metric, f.scope, f.segment, f.period, f.document_sha256
