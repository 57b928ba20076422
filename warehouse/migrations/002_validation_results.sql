-- What the validation gate found, one row per expectation per validation run:
-- kept for every run so that `status` can show the last result per suite and a
-- failure can be traced to the figures and documents that caused it.

CREATE TABLE validation_results (
    load_id          VARCHAR NOT NULL,      -- the run validated: a flow's load id, or a standalone `validate` run
    suite            VARCHAR NOT NULL,      -- figures, business_rules, delivery_tables
    expectation      VARCHAR NOT NULL,      -- the rule's name (expectations/rules.toml or the figures suite)
    expectation_type VARCHAR NOT NULL,      -- the Great Expectations expectation, or 'not_run' when it could not run
    severity         VARCHAR NOT NULL,      -- critical (blocks publishing) or warning
    success          BOOLEAN NOT NULL,
    observed         VARCHAR,               -- what was observed, in words
    element_count    BIGINT,                -- rows the expectation looked at
    unexpected_count BIGINT,                -- rows that broke it
    offending_keys   JSON,                  -- [{subject, documents}]: the figures (or rows) at fault and their documents
    validated_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (load_id, suite, expectation)
);
