-- Reported changes (rules.toml `changes`) against the change computed from the
-- same publisher kind's current figure for the same key a year (or a month)
-- earlier, when both are in the warehouse and neither is a floor. The
-- deviation is the difference in percentage points.
WITH compared AS (
    SELECT
        r.rule, c.label, c.document, p.label AS earlier_label, p.document AS earlier_document,
        CASE r.reported WHEN 'yoy_pct' THEN c.yoy_pct ELSE c.mom_pct END AS reported,
        (c.value / p.value - 1) * 100 AS computed
    FROM validation_rules_changes AS r
    JOIN validation_figures AS c
        ON c.rank_in_publisher_kind = 1 AND c.is_flow AND c.high IS NOT NULL
        AND list_contains(string_split(r.publishers, '|'), c.publisher_kind)
    JOIN validation_figures AS p
        ON p.rank_in_publisher_kind = 1 AND p.high IS NOT NULL AND p.value > 0
        AND p.publisher_kind = c.publisher_kind AND p.entity = c.entity AND p.metric = c.metric
        AND p.scope = c.scope AND p.segment = c.segment
        AND p.period = CASE r.earlier WHEN 'year' THEN c.year_earlier ELSE c.month_earlier END
)
SELECT
    rule,
    label || ' reports ' || format('{:+.1f}', reported) || '%, computed ' || format('{:+.2f}', computed)
        || '% from ' || earlier_label AS subject,
    concat_ws(' ', document, earlier_document) AS documents,
    abs(reported - computed) AS deviation
FROM compared
WHERE reported IS NOT NULL
