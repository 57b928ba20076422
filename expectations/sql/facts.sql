-- Expected facts (rules.toml `facts`) against the current value of their key,
-- the one monthly_deliveries publishes: its lower bound must reach `min`, its
-- upper bound (unbounded for a floor) must stay within `max`. The deviation is
-- the relative distance outside [min, max]; 0 when the value carries the fact.
SELECT
    r.rule,
    c.label || ', expected ' || concat_ws(' and ', 'at least ' || format('{:,}', r."min"), 'at most ' || format('{:,}', r."max")) AS subject,
    c.document AS documents,
    CASE
        WHEN r."max" IS NOT NULL AND c.high IS NULL THEN 'infinity'::DOUBLE
        ELSE greatest(0, (r."min" - c.value) / r."min", (c.high - r."max") / r."max")
    END AS deviation
FROM validation_rules_facts AS r
JOIN validation_figures AS c
    ON c.entity = r.entity AND c.metric = r.metric AND c.scope = r.scope AND c.segment = r.segment
    AND c.period = r.period AND c.rank_in_key = 1
