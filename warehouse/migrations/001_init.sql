-- The working warehouse: every document, every figure ever parsed from it,
-- every parse failure and every run. Nothing here is overwritten in place
-- except a document's own figures when that document is re-parsed.

CREATE TABLE runs (
    load_id      VARCHAR PRIMARY KEY,
    flow         VARCHAR NOT NULL,
    params       JSON,
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    status       VARCHAR NOT NULL,          -- running, completed, failed
    summary      JSON
);

CREATE TABLE documents (
    sha256        VARCHAR PRIMARY KEY,
    url           VARCHAR,
    source        VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,
    period        VARCHAR NOT NULL,
    title         VARCHAR,
    fetched_at    TIMESTAMP,
    http_status   INTEGER,
    content_type  VARCHAR,
    encoding      VARCHAR,
    size          BIGINT,
    published_on  DATE,
    parse_status  VARCHAR NOT NULL,         -- parsed, failed
    figure_count  INTEGER NOT NULL DEFAULT 0,
    fingerprint   VARCHAR,                  -- hash of the figures last loaded from it
    parser_error  VARCHAR,
    load_id       VARCHAR NOT NULL,
    loaded_at     TIMESTAMP NOT NULL
);

CREATE TABLE figures (
    publisher       VARCHAR NOT NULL,
    entity          VARCHAR NOT NULL,
    metric          VARCHAR NOT NULL,
    scope           VARCHAR NOT NULL,
    segment         VARCHAR NOT NULL,
    period          VARCHAR NOT NULL,
    value           BIGINT NOT NULL,
    qualifier       VARCHAR NOT NULL,
    release         VARCHAR NOT NULL,
    yoy_pct         DOUBLE,
    mom_pct         DOUBLE,
    published_on    DATE,
    document_sha256 VARCHAR NOT NULL,
    url             VARCHAR,
    source          VARCHAR NOT NULL,
    evidence        VARCHAR,
    load_id         VARCHAR NOT NULL,
    loaded_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (publisher, entity, metric, scope, segment, period, document_sha256)
);

CREATE TABLE parse_errors (
    document_sha256 VARCHAR NOT NULL,
    url             VARCHAR,
    source          VARCHAR,
    period          VARCHAR,
    error           VARCHAR NOT NULL,
    message         VARCHAR NOT NULL,
    load_id         VARCHAR NOT NULL,
    occurred_at     TIMESTAMP NOT NULL
);

CREATE TABLE fetch_errors (
    url         VARCHAR NOT NULL,
    source      VARCHAR,
    period      VARCHAR,
    http_status INTEGER,
    message     VARCHAR NOT NULL,
    load_id     VARCHAR NOT NULL,
    occurred_at TIMESTAMP NOT NULL
);
