-- The last validation of each suite: by which run, when, and how it went.
WITH last AS (
    SELECT suite, arg_max(load_id, validated_at) AS load_id
    FROM validation_results
    GROUP BY suite
)
SELECT
    r.suite, r.load_id, max(r.validated_at) AS validated_at,
    count(*) AS expectations,
    count(*) FILTER (WHERE r.success) AS passed,
    count(*) FILTER (WHERE NOT r.success AND r.severity = 'critical') AS critical_failed,
    count(*) FILTER (WHERE NOT r.success AND r.severity = 'warning') AS warnings,
    coalesce(string_agg(r.expectation, ', ' ORDER BY r.expectation)
        FILTER (WHERE NOT r.success AND r.severity = 'critical'), '') AS critical_expectations
FROM validation_results AS r
JOIN last USING (suite, load_id)
GROUP BY r.suite, r.load_id
ORDER BY r.suite
