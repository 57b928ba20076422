"""A second writer that waits more than 30 s on the warehouse's lock, as real
processes: the run ends Failed saying in one line which process holds the
warehouse (its PID, command and start), without a traceback, and records nothing."""

from __future__ import annotations

import sys

import pytest
from real_runs import backfill_args, run, start, wait_for
from support import rows

from flows.settings import load_settings

pytestmark = pytest.mark.slow  # end to end: real processes, flows, servers (the slow tier)

HOLDER = """
import sys, time
from warehouse.writer import Writer
writer = Writer(sys.argv[1])
writer.start_run("backfill", {})
print("holding", flush=True)
time.sleep(600)
"""


def test_a_writer_kept_waiting_is_told_in_one_line_who_holds_the_warehouse(tmp_path):
    home = tmp_path / "evd"
    settings = load_settings(home)
    log = tmp_path / "holder.log"
    holder = start([sys.executable, "-c", HOLDER, str(settings.warehouse_path)], log)
    try:
        wait_for(lambda: b"holding" in log.read_bytes(), timeout=60, every=0.1, what="the holder to open the warehouse")
        second = run(backfill_args(home), timeout=300)
    finally:
        holder.kill()
        holder.wait()
    output = second.stdout + second.stderr
    assert second.returncode == 1, output
    assert "Traceback" not in output
    message = f"{settings.warehouse_path} is held by another process (PID {holder.pid}, python -c"
    (line,) = [line for line in second.stdout.splitlines() if line.startswith(message)]  # the CLI's last word
    assert line.endswith("; waited 30 s for it to end") and ", started " in line
    assert rows(settings.warehouse_path, "SELECT count(*) FROM runs") == [(1,)]  # the holder's only
