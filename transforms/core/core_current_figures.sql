-- The current value of each key: the highest-precedence, latest observation.
-- Its YoY and MoM are the ones stated with that value: by the chosen document,
-- else by the best-ranked other document of the same kind of publisher
-- (company, cpca, press) stating the same value, whose changes the
-- validation holds to the figures a year and a month earlier.
WITH stated AS (
    SELECT
        r.entity, r.metric, r.scope, r.segment, r.period,
        arg_min(r.yoy_pct, r.rank_in_key) FILTER (WHERE r.yoy_pct IS NOT NULL) AS yoy_pct,
        arg_min(r.mom_pct, r.rank_in_key) FILTER (WHERE r.mom_pct IS NOT NULL) AS mom_pct
    FROM core.core_figures_ranked AS r
    JOIN core.core_figures_ranked AS c
        ON c.rank_in_key = 1 AND c.entity = r.entity AND c.metric = r.metric AND c.scope = r.scope AND c.segment = r.segment AND c.period = r.period AND c.value = r.value
        AND c.publisher_kind = r.publisher_kind
    GROUP BY ALL
)
SELECT c.* EXCLUDE (rank_in_key, rank_in_publisher_kind, yoy_pct, mom_pct), s.yoy_pct, s.mom_pct
FROM core.core_figures_ranked AS c
JOIN stated AS s USING (entity, metric, scope, segment, period)
WHERE c.rank_in_key = 1
