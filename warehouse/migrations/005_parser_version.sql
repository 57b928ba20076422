-- What a re-run needs to know to do nothing when nothing changed:
-- which version of the readers parsed each document (extractors.code_version),
-- and which state of the warehouse each run published.

ALTER TABLE documents ADD COLUMN parser_version VARCHAR;  -- the readers' code digest when it was last parsed
ALTER TABLE runs ADD COLUMN published_state VARCHAR;      -- the digest of the documents and the mart code it published
