-- The current value of each key: the highest-precedence, latest observation.
SELECT * EXCLUDE (rank_in_key)
FROM core.core_figures_ranked
WHERE rank_in_key = 1
