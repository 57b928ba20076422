-- The single writer's statements (warehouse/writer.py), each run inside one
-- of the writer's transactions (a run's row, a document's failure, a batch of documents). Each starts with
-- `-- name: <name>` and a line saying what it does.

-- name: insert_run
-- A run begins: its load id, flow, parameters, start and process.
INSERT INTO runs (load_id, flow, params, started_at, status, pid, host, pid_started) VALUES (?, ?, ?, ?, 'running', ?, ?, ?);

-- name: running_runs
-- The runs not finished: each one's process, to tell a dead one from one going on.
SELECT load_id, started_at, pid, host, pid_started FROM runs WHERE status = 'running' ORDER BY started_at;

-- name: crash_run
-- A run whose process died before it finished, closed when the next run finds it.
UPDATE runs SET finished_at = ?, status = 'crashed', summary = ? WHERE load_id = ?;

-- name: finish_run
-- A run ends, completed or failed, with its summary.
UPDATE runs SET finished_at = ?, status = ?, summary = ? WHERE load_id = ?;

-- name: document_state
-- What was last loaded from a document: the fingerprint of its figures, its parse status and the readers' version.
SELECT fingerprint, parse_status, parser_version FROM documents WHERE sha256 = ?;

-- name: document_states
-- The same for a list of documents (those loaded before), each with its sha256.
SELECT sha256, fingerprint, parse_status, parser_version FROM documents WHERE sha256 IN (SELECT unnest(?::VARCHAR[]));

-- name: parsed_figures
-- How many figures each of the documents gave when this version of the readers parsed it (no row: read it again).
SELECT sha256, figure_count FROM documents
WHERE sha256 IN (SELECT unnest(?::VARCHAR[])) AND parse_status = 'parsed' AND parser_version = ?;

-- name: set_parser_versions
-- Documents parsed again to the same figures by another version of the readers.
UPDATE documents SET parser_version = ? WHERE sha256 IN (SELECT unnest(?::VARCHAR[]));

-- name: documents_digest
-- The state of every document's load (its bytes, status and figures), as one digest.
SELECT md5(coalesce(string_agg(sha256 || ':' || parse_status || ':' || coalesce(fingerprint, ''), ',' ORDER BY sha256), ''))
FROM documents;

-- name: last_publication
-- What the last publication published (runs.published_state), and its run.
SELECT published_state, load_id FROM runs WHERE published_state IS NOT NULL ORDER BY started_at DESC LIMIT 1;

-- name: set_published_state
-- What a run published.
UPDATE runs SET published_state = ? WHERE load_id = ?;

-- name: delete_documents
-- Documents' rows (a list of sha256), before they are written anew.
DELETE FROM documents WHERE sha256 IN (SELECT unnest(?::VARCHAR[]));

-- name: insert_documents
-- Documents with their manifest facts and parse state (new_rows: the writer's Arrow table of them).
INSERT INTO documents (sha256, url, source, kind, period, title, fetched_at, http_status, content_type, encoding, size,
    published_on, parse_status, figure_count, fingerprint, parser_error, load_id, loaded_at, parser_version)
SELECT * FROM new_rows;

-- name: delete_documents_figures
-- Every figure of the documents (a list of sha256), before their new parses are inserted.
DELETE FROM figures WHERE document_sha256 IN (SELECT unnest(?::VARCHAR[]));

-- name: insert_figures
-- Documents' figures (new_rows: the writer's Arrow table of them).
INSERT INTO figures (publisher, entity, metric, scope, segment, period, value, qualifier, release, yoy_pct, mom_pct,
    published_on, document_sha256, url, source, evidence, load_id, loaded_at, cites)
SELECT * FROM new_rows;

-- name: delete_documents_skipped
-- Every skipped number of the documents (a list of sha256), before their new parses' are inserted.
DELETE FROM skipped_numbers WHERE document_sha256 IN (SELECT unnest(?::VARCHAR[]));

-- name: insert_skipped
-- Documents' skipped numbers (new_rows: the writer's Arrow table of them).
INSERT INTO skipped_numbers (document_sha256, url, source, number, reason, sentence, load_id, loaded_at)
SELECT * FROM new_rows;

-- name: insert_parse_error
-- A parse failure, kept as history.
INSERT INTO parse_errors VALUES (?, ?, ?, ?, ?, ?, ?, ?);

-- name: mark_document_failed
-- A known document whose new parse failed: its last good figures stay.
UPDATE documents SET parse_status = 'failed', parser_error = ?, load_id = ?, loaded_at = ? WHERE sha256 = ?;

-- name: insert_fetch_error
-- A fetch or discovery failure, kept as history.
INSERT INTO fetch_errors VALUES (?, ?, ?, ?, ?, ?, ?);
