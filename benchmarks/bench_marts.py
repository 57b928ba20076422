"""Latency of every BI query on the published marts, and publish time.

    .venv/bin/python benchmarks/bench_marts.py [--home DIR] [--runs 50]

Without --home, builds the sample warehouse first: the offline backfill of
the bundled samples (2024-01..2025-12) in a temporary data home. Then:
publish (build every mart into a new file and swap it in) timed over a few
runs, a fresh read-only connection, and each named query of
warehouse/queries/bi.sql (what a dashboard on the marts asks) timed over
--runs runs after one warm-up. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

import duckdb  # noqa: E402

from flows.settings import load_settings, prefect_defaults  # noqa: E402
from warehouse import models  # noqa: E402
from warehouse.bi import bi_queries  # noqa: E402

prefect_defaults(Path(tempfile.mkdtemp(prefix="evd-bench-")))

def ms(seconds: float) -> float:
    return seconds * 1000


def timed(work, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times


def build_sample_home(home: Path) -> None:
    from prefect.testing.utilities import prefect_test_harness

    from flows.pipeline import backfill

    with prefect_test_harness(server_startup_timeout=60):
        start = time.perf_counter()
        state = backfill(start="2024-01", end="2025-12", offline=True, home=str(home), return_state=True)
    print(f"offline backfill of the samples: {time.perf_counter() - start:.1f} s -> {state.name}")


def bench_publish(warehouse: Path, runs: int) -> Path:
    """Publish from a copy of the warehouse (the real one stays untouched)."""
    work = Path(tempfile.mkdtemp(prefix="bench-marts-"))
    shutil.copy(warehouse, work / "warehouse.duckdb")
    conn = duckdb.connect(str(work / "warehouse.duckdb"))
    target = work / "published" / "ev_deliveries.duckdb"
    counts = models.publish(conn, target)  # first run also creates the views
    times = timed(lambda: models.publish(conn, target), runs)
    conn.close()
    print(f"publish ({sum(counts.values())} rows in {len(counts)} marts): median {ms(statistics.median(times)):.0f} ms, "
          f"min {ms(min(times)):.0f} ms over {runs} runs")
    for name, rows in sorted(counts.items()):
        print(f"  {name:<22} {rows:>7} rows")
    return target


def bench_queries(published: Path, runs: int) -> None:
    connect = timed(lambda: duckdb.connect(str(published), read_only=True).close(), 10)
    print(f"\nfresh read-only connection: median {ms(statistics.median(connect)):.2f} ms")
    conn = duckdb.connect(str(published), read_only=True)
    print(f"\n{'query':<30} {'rows':>6} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    for query in bi_queries().values():
        rows = len(conn.execute(query.sql).fetchall())  # warm-up
        times = sorted(timed(lambda: conn.execute(query.sql).fetchall(), runs))
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"{query.name:<30} {rows:>6} {ms(statistics.median(times)):>10.2f} {ms(p95):>8.2f} {ms(times[-1]):>8.2f}")
    conn.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="an existing data home (default: backfill the samples into a temporary one)")
    parser.add_argument("--runs", type=int, default=50, help="timed runs per query")
    parser.add_argument("--publish-runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = args.home or Path(tmp)
        if not args.home:
            build_sample_home(home)
        settings = load_settings(home)
        published = bench_publish(settings.warehouse_path, args.publish_runs)
        bench_queries(published, args.runs)
        shutil.rmtree(published.parent.parent, ignore_errors=True)
