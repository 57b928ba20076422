"""The temporary Prefect server missing its start deadline, as a user's run meets it
(a real `ev-deliveries` process with no Prefect API configured): the start is tried
once more, and a second miss ends the run in one line, with no traceback, no server
left running and nothing written."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from real_runs import SERVER_APP, backfill_args, run

from warehouse.processes import running

pytestmark = pytest.mark.slow  # end to end: real processes, flows, servers (the slow tier)


def servers_of_home(prefect_home) -> list[int]:
    """Temporary Prefect servers running with this Prefect home."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = open(f"/proc/{pid}/cmdline", "rb").read()
            environ = open(f"/proc/{pid}/environ", "rb").read()
        except OSError:
            continue
        if SERVER_APP.encode() in command and f"PREFECT_HOME={prefect_home}".encode() in environ.split(b"\0"):
            found.append(int(pid))
    return [pid for pid in found if running(pid)]


def test_a_server_missing_its_deadline_twice_ends_the_run_in_one_line(tmp_path):
    home = tmp_path / "evd"
    done = run([*backfill_args(home)], env={"PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "0"})
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines == [
        "the temporary Prefect server did not answer within 0 s; starting it once more",
        "error: the temporary Prefect server did not answer within 0 s, 2 times (a busy machine?): "
        "raise PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, or set PREFECT_API_URL to a running server",
    ]
    assert servers_of_home(home / "prefect") == []
    assert not (home / "warehouse.duckdb").exists()


def test_a_server_that_starts_is_started_once_and_said_nothing_of(tmp_path):
    """On a machine with no template yet (a new cache): it is made, and the new home's database is a copy of it."""
    cache = tmp_path / "cache"
    done = run(backfill_args(tmp_path / "evd"), env={"XDG_CACHE_HOME": str(cache)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "temporary Prefect server" not in done.stdout + done.stderr
    (template,) = (cache / "ev-deliveries").glob("prefect-*.db")
    assert schema_version(tmp_path / "evd" / "prefect" / "prefect.db") == schema_version(template)


def schema_version(database: Path) -> str:
    """The Alembic revision a Prefect database is migrated to."""
    with closing(sqlite3.connect(database)) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_a_new_prefect_home_gets_a_copy_of_the_template_made_once(tmp_path, monkeypatch):
    from flows.server import seed_database, template_database

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    seed_database(first)
    template = template_database()
    assert template.parent == tmp_path / "cache" / "ev-deliveries"
    made = template.stat().st_mtime_ns
    seed_database(second)
    assert template.stat().st_mtime_ns == made, "made once, then copied"
    assert schema_version(first / "prefect.db") == schema_version(second / "prefect.db") == schema_version(template)
    assert [p.name for p in first.iterdir()] == ["prefect.db"], "no temporary copy left behind"

    (first / "prefect.db").write_bytes(b"a database of its own")
    seed_database(first)
    assert (first / "prefect.db").read_bytes() == b"a database of its own", "an existing database is never replaced"


def test_a_template_that_cannot_be_made_leaves_the_migrating_to_the_server(tmp_path, monkeypatch):
    from flows.server import seed_database

    (tmp_path / "cache").write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    home = tmp_path / "prefect"
    home.mkdir()
    seed_database(home)
    assert list(home.iterdir()) == [], "nothing half-copied: the server makes its own database"


def test_a_prefect_database_over_its_bound_is_set_aside_before_the_server_starts(tmp_path):
    """Prefect's temporary server never vacuums its flow runs: a database over EVD_PREFECT_DB_MAX_MB is set aside and
    a new one made. The one set aside here is not a database at all, so a server that still used it could not start."""
    prefect_home = tmp_path / "evd" / "prefect"
    prefect_home.mkdir(parents=True)
    grown = b"not a database " * 140_000  # 2 MB
    (prefect_home / "prefect.db").write_bytes(grown)
    (prefect_home / "prefect.db.previous").write_bytes(b"the one set aside before")
    done = run(backfill_args(tmp_path / "evd"), env={"EVD_PREFECT_DB_MAX_MB": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    said = " ".join((done.stdout + done.stderr).split())
    assert f"Prefect's database ({prefect_home / 'prefect.db'}, 2 MB) was over EVD_PREFECT_DB_MAX_MB=1: set aside as prefect.db.previous" in said
    assert (prefect_home / "prefect.db.previous").read_bytes() == grown, "the older one replaced: at most two databases"
    assert (prefect_home / "prefect.db").read_bytes()[:16] == b"SQLite format 3\x00", "the server made a new one"

    again = run(backfill_args(tmp_path / "evd"), env={"EVD_PREFECT_DB_MAX_MB": "1000"})
    assert again.returncode == 0 and "set aside" not in again.stdout + again.stderr, "under its bound, left as it is"


def test_a_malformed_database_bound_is_refused():
    import pytest

    from flows.server import bound_database

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EVD_PREFECT_DB_MAX_MB", "lots")
        with pytest.raises(ValueError, match="EVD_PREFECT_DB_MAX_MB must be a positive number of megabytes, not 'lots'"):
            bound_database(Path("/nonexistent"))


def test_the_run_starts_its_server_itself_and_never_loads_prefects_server(tmp_path):
    """A run's process launches the server before it imports Prefect, and Prefect's server code (about 75 MB)
    never loads into it: the flow reports to the server's port like any remote Prefect API."""
    import sys

    probe = (
        "import sys\nfrom flows.cli import app\n"
        f"try:\n    app({backfill_args(tmp_path / 'evd')[3:]!r})\nexcept SystemExit as end:\n    code = end.code\n"
        "print('exit', code, 'server loaded', 'prefect.server.api.server' in sys.modules)\n"
    )
    done = run([sys.executable, "-c", probe])
    assert done.stdout.strip().splitlines()[-1] == "exit 0 server loaded False", done.stdout + done.stderr
    assert "Error logging to API" not in done.stderr, "what Prefect held for the API was sent before the server stopped"


def test_the_server_skips_what_this_run_does_not_need_unless_told_otherwise(monkeypatch):
    from flows.server import _boot_settings

    for name in ("PREFECT_SERVER_REGISTER_BLOCKS_ON_START", "PREFECT_API_BLOCKS_REGISTER_ON_START",
                 "PREFECT_SERVER_DATABASE_MIGRATE_ON_START", "PREFECT_API_DATABASE_MIGRATE_ON_START"):
        monkeypatch.delenv(name, raising=False)
    assert _boot_settings(seeded=False) == {"PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false"}
    assert _boot_settings(seeded=True) == {
        "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false", "PREFECT_SERVER_DATABASE_MIGRATE_ON_START": "false",
    }
    monkeypatch.setenv("PREFECT_API_BLOCKS_REGISTER_ON_START", "true")
    assert _boot_settings(seeded=True) == {"PREFECT_SERVER_DATABASE_MIGRATE_ON_START": "false"}, "the user's word wins"


def test_an_api_named_in_a_prefect_profile_is_used_and_the_runs_own_server_stopped_unused(tmp_path, monkeypatch):
    """The run launches its server before it can read Prefect's settings; a profile naming an API wins, and the
    flow run is recorded there, none in the run's own Prefect database."""
    import json
    import urllib.request

    from flows.server import TemporaryServer

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "users-prefect"))
    (tmp_path / "users-prefect").mkdir()
    users = TemporaryServer.launch(lambda line: None)  # the user's own server, for this test
    try:
        users.wait_until_ready(90)
        profiles = tmp_path / "profiles.toml"
        profiles.write_text(f'active = "mine"\n[profiles.mine]\nPREFECT_API_URL = "{users.api_url}"\n')
        done = run(backfill_args(tmp_path / "evd"), env={"PREFECT_PROFILES_PATH": str(profiles)})
        assert done.returncode == 0, done.stdout + done.stderr
        request = urllib.request.Request(f"{users.api_url}/flow_runs/filter", data=b"{}", headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            flows_there = [run["name"] for run in json.load(answer)]
    finally:
        users.stop()
    assert len(flows_there) == 1
    with closing(sqlite3.connect(tmp_path / "evd" / "prefect" / "prefect.db")) as conn:
        assert conn.execute("SELECT count(*) FROM flow_run").fetchone()[0] == 0
    assert servers_of_home(tmp_path / "evd" / "prefect") == []
