"""The worst case: one scheduled run with every source's site broken.

    .venv/bin/python benchmarks/bench_stalled_sources.py [--scenarios refuse,stall,retry-after,drip] [--month 2025-12]

Each scenario aims every source's base URL (`EVD_<SOURCE>_BASE_URL`) at local
servers that misbehave one way, one server per real host (sources that share
a host share one, as they would live), and times one `monthly_run` with the
default settings from a fresh data home (the clock starts once Prefect's
temporary server is up, and includes validating and publishing):

- `refuse`: nothing listens (connection refused);
- `stall`: accepts the connection and never answers;
- `retry-after`: answers 503 with `Retry-After: 86400`;
- `drip`: answers 200 and sends the body one byte every 5 s.

Scenarios run side by side, each in its own process (they wait on timeouts,
not on the CPU), so the whole benchmark lasts as long as the slowest one.
Prints the wall time of each run against the run's budget and against the
612 s a run took before with every source down; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from faulty_servers import Silent, drip, refused_port, serve, unavailable  # noqa: E402

OLD_WORST_CASE = 612.0  # seconds: a scheduled run with every source down, before issue 11
SCENARIOS = ("refuse", "stall", "retry-after", "drip")
DRIP_INTERVAL = 5.0


START = {  # a port misbehaving one way, until this process ends (each server's thread keeps it)
    "refuse": refused_port,
    "stall": lambda: Silent().port,
    "retry-after": lambda: serve(unavailable("86400")).server_address[1],
    "drip": lambda: serve(drip(DRIP_INTERVAL, 100_000)).server_address[1],
}


def run_scenario(scenario: str, month: str) -> dict:
    """Serve the scenario, aim every source at it, time one monthly run (this process)."""
    from extractors.registry import SOURCES

    ports: dict[str, int] = {}
    for source in SOURCES.values():
        host = urlsplit(source.base_url).netloc
        if host not in ports:
            ports[host] = START[scenario]()
        os.environ[f"EVD_{source.name.upper().replace('-', '_')}_BASE_URL"] = f"http://127.0.0.1:{ports[host]}"
    home = Path(tempfile.mkdtemp(prefix=f"evd-bench-{scenario}-")) / "evd"

    from flows.settings import load_settings, prefect_defaults

    prefect_defaults(home)
    from prefect import flow

    from flows.pipeline import monthly_run

    @flow(name="warm-up")
    def warm_up():  # starts Prefect's temporary server before the clock: a deployed run has its server already
        pass

    warm_up()
    budget = load_settings(home).run.budget_per_month
    started = time.perf_counter()
    state = monthly_run(month=month, home=str(home), return_state=True)
    seconds = time.perf_counter() - started
    lines = (state.message or "").splitlines()
    problems = [line.strip() for line in lines if line.strip().startswith("FAILED")]
    return {
        "scenario": scenario, "seconds": seconds, "budget": budget, "hosts": len(ports), "state": state.name,
        "problems": len(problems), "breaker": sum("circuit" in p for p in problems),
        "budget_spent": sum("budget" in p for p in problems), "examples": problems[:3],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--month", default="2025-12")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_scenario(args.child, args.month)), flush=True)
        return

    chosen = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = set(chosen) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios {sorted(unknown)}; known: {', '.join(SCENARIOS)}")
    print(f"monthly_run {args.month}, every source aimed at local servers, default settings; {len(chosen)} scenarios side by side")
    logs = Path(tempfile.mkdtemp(prefix="evd-bench-logs-"))
    started = time.perf_counter()
    children = {
        s: subprocess.Popen(
            [sys.executable, __file__, "--child", s, "--month", args.month],
            stdout=subprocess.PIPE, stderr=(logs / f"{s}.log").open("w"), text=True, cwd=ROOT,
        )
        for s in chosen
    }
    print(f"{'scenario':<12} {'run time':>9} {'/ budget':>9} {'/ 612 s':>8}  failures (circuit open, budget spent), hosts")
    for scenario, child in children.items():
        out, _ = child.communicate()
        if child.returncode:
            print(f"{scenario:<12} crashed (exit {child.returncode}): see {logs / f'{scenario}.log'}")
            continue
        result = json.loads(out.strip().splitlines()[-1])
        print(
            f"{scenario:<12} {result['seconds']:>8.1f}s {result['seconds'] / result['budget']:>9.2f} "
            f"{result['seconds'] / OLD_WORST_CASE:>8.2f}  {result['problems']} ({result['breaker']}, {result['budget_spent']}), "
            f"{result['hosts']} hosts; run {result['state']}"
        )
        for example in result["examples"]:
            print(f"{'':14}{example[:150]}")
    print(f"all scenarios: {time.perf_counter() - started:.0f} s wall; the runs' logs in {logs}")


if __name__ == "__main__":
    main()
