-- Forget a run's earlier validation before storing its new one (validating a
-- run again replaces its results as a whole).
DELETE FROM validation_results WHERE load_id = ?
