-- Whom a figure is attributed to, apart from who published it (a press reprint
-- of CPCA's analysis: publisher press, cites cpca), and every number a parser
-- saw but could not tie to an entity, a metric and a period, with its reason.

ALTER TABLE figures ADD COLUMN cites VARCHAR;

CREATE TABLE skipped_numbers (
    document_sha256 VARCHAR NOT NULL,
    url             VARCHAR,
    source          VARCHAR NOT NULL,
    number          VARCHAR NOT NULL,
    reason          VARCHAR NOT NULL,
    sentence        VARCHAR,
    load_id         VARCHAR NOT NULL,
    loaded_at       TIMESTAMP NOT NULL
);
