-- Which process ran each run, so that a run whose process died without finishing
-- (kill -9, a power cut) is told from one still going on: the next run closes
-- the row of a dead one as `crashed` (runs.status: running, completed, failed, crashed).

ALTER TABLE runs ADD COLUMN pid INTEGER;          -- the run's process
ALTER TABLE runs ADD COLUMN host VARCHAR;         -- the machine it ran on
ALTER TABLE runs ADD COLUMN pid_started BIGINT;   -- when that process started (clock ticks after boot), so a reused PID is not taken for it
