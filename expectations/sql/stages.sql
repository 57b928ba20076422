-- A publisher's later release of a figure against its earlier one (rules.toml
-- `stages`, e.g. a CPCA final against its flash): every pair of observations
-- of the same key, the deviation relative to the later value.
SELECT
    r.rule,
    l.label || ' vs ' || e.label AS subject,
    concat_ws(' ', l.document, e.document) AS documents,
    validation_gap(l.value, l.high, e.value, e.high, l.value) AS deviation
FROM validation_rules_stages AS r
JOIN validation_figures AS l
    ON l.publisher = r.publisher AND l.is_flow AND list_contains(string_split(r.later, '|'), l.release)
JOIN validation_figures AS e
    ON e.publisher = l.publisher AND e.entity = l.entity AND e.metric = l.metric AND e.scope = l.scope
    AND e.segment = l.segment AND e.period = l.period
    AND list_contains(string_split(r.earlier, '|'), e.release)
