-- One validation outcome (parameters in the order of the columns of
-- warehouse/migrations/002_validation_results.sql).
INSERT INTO validation_results (
    load_id, suite, expectation, expectation_type, severity, success, observed,
    element_count, unexpected_count, offending_keys, validated_at
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
