-- Parts against their whole (rules.toml `sums`): brands against their group,
-- powertrains against a wider scope, months or quarters against their quarter,
-- year to date or year. One row per whole: the publisher kind's current value
-- against the sum of its own current parts. Parts missing from the warehouse
-- leave the sum unbounded above, floors too, so then only "no more than the
-- whole" is checked; the deviation is validation_gap of the two, relative to
-- the whole.
WITH wholes AS (
    SELECT
        r.rule, r.dimension, string_split(r.parts, '|') AS parts, w.*,
        CASE r.dimension
            WHEN 'period' THEN (w.last_month - w.first_month + 1) // CASE r.parts WHEN 'quarter' THEN 3 ELSE 1 END
            ELSE len(string_split(r.parts, '|'))
        END AS parts_expected
    FROM validation_rules_sums AS r
    JOIN validation_figures AS w
        ON w.rank_in_publisher_kind = 1 AND w.is_flow
        AND list_contains(string_split(r.publishers, '|'), w.publisher_kind)
        AND r.whole = CASE r.dimension WHEN 'entity' THEN w.entity WHEN 'scope' THEN w.scope ELSE w.period_grain END
),
parts AS (
    SELECT
        w.rule, w.entity, w.metric, w.scope, w.segment, w.period, w.publisher_kind, p.value, p.high, p.document,
        CASE w.dimension WHEN 'entity' THEN p.entity WHEN 'scope' THEN p.scope ELSE p.period END
            || ' ' || format('{:,}', p.value) || CASE p.qualifier WHEN 'exact' THEN '' ELSE ' ' || p.qualifier END AS label
    FROM wholes AS w
    JOIN validation_figures AS p
        ON p.rank_in_publisher_kind = 1 AND p.publisher_kind = w.publisher_kind
        AND p.metric = w.metric AND p.segment = w.segment
        AND CASE w.dimension
            WHEN 'entity' THEN list_contains(w.parts, p.entity) AND p.scope = w.scope AND p.period = w.period
            WHEN 'scope' THEN list_contains(w.parts, p.scope) AND p.entity = w.entity AND p.period = w.period
            ELSE list_contains(w.parts, p.period_grain) AND p.entity = w.entity AND p.scope = w.scope
                AND p.period_year = w.period_year AND p.first_month >= w.first_month AND p.last_month <= w.last_month
        END
),
summed AS (
    SELECT
        rule, entity, metric, scope, segment, period, publisher_kind,
        count(*) AS parts_found,
        sum(value) AS low,
        sum(high) FILTER (WHERE high IS NOT NULL) AS high_known,
        count(*) FILTER (WHERE high IS NULL) AS floors,
        string_agg(label, ', ' ORDER BY label) AS part_labels,
        string_agg(DISTINCT document, ' ') AS part_documents
    FROM parts
    GROUP BY ALL
)
SELECT
    w.rule,
    w.label || ' vs its parts summing to ' || format('{:,}', s.low)
        || CASE WHEN s.parts_found < w.parts_expected OR s.floors > 0
            THEN ' or more (' || s.parts_found || ' of ' || w.parts_expected || ' known, ' || s.floors || ' floors)' ELSE '' END
        || ': ' || s.part_labels AS subject,
    concat_ws(' ', w.document, s.part_documents) AS documents,
    validation_gap(
        s.low, CASE WHEN s.parts_found = w.parts_expected AND s.floors = 0 THEN s.high_known END,
        w.value, w.high, w.value
    ) AS deviation
FROM wholes AS w
JOIN summed AS s USING (rule, entity, metric, scope, segment, period, publisher_kind)
