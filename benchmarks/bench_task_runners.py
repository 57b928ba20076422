"""Parsing on every core: the offline backfill's parse batches on each task runner, over a large archive.

    .venv/bin/python benchmarks/bench_task_runners.py [--documents 3000] [--runners threads,processes] [--repeat 1]

Writes clearly SYNTHETIC CPCA monthly-analysis pages (`synthetic_corpus.py`: made-up values that validate,
never real figures) over ten years, `--documents` of them, into a data home's archive (temporary, never the
samples). Then:

1. the parse phase alone: the same batches (`flows.parsing.batch_size`) read from the archive and parsed by
   `flows.reading.parse_entries` in this process, then on a pool of a process per core: seconds and
   the speed-up;
2. the CLI's `backfill --offline --sources cpca` over the ten years with each `--task-runner`, each on a fresh
   copy of the home (fresh processes, no PREFECT_* set, so each starts its temporary server): wall and CPU
   (user+sys of the command and the processes it waited for).

Prints; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic_corpus import MONTHS, synthetic_home  # noqa: E402

from flows.parsing import batch_size  # noqa: E402
from flows.reading import parse_entries  # noqa: E402
from warehouse.archive import Archive, ManifestEntry  # noqa: E402


def _read(job: tuple[str, list[ManifestEntry]]) -> int:
    root, entries = job
    return sum(len(p.extraction.figures) for p in parse_entries((root,), entries) if p.extraction)


def parse_phase(archive: Archive) -> None:
    entries = archive.entries()
    size = batch_size(len(entries))
    jobs = [(str(archive.root), entries[i:i + size]) for i in range(0, len(entries), size)]
    started = time.perf_counter()
    serial = sum(_read(job) for job in jobs)
    one = time.perf_counter() - started
    workers = os.cpu_count() or 1
    started = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        pooled = sum(pool.map(_read, jobs))
    every = time.perf_counter() - started
    print(f"parse phase, {len(entries)} documents in {len(jobs)} batches of {size}: 1 process {one:.1f} s, "
          f"{workers} processes {every:.1f} s (pool start included): {one / every:.2f}x; figures {serial} / {pooled}")


def backfill(home: Path, runner: str) -> tuple[float, float, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "flows.cli", "backfill", "--start", MONTHS[0], "--end", MONTHS[1],
                           "--offline", "--sources", "cpca", "--task-runner", runner, "--home", str(home)],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = next((line for line in done.stdout.splitlines() + done.stderr.splitlines() if line.startswith("run ")), done.stderr[-300:])
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=3000)
    parser.add_argument("--runners", default="threads,processes")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="evd-runners-") as tmp:
        seed_home = Path(tmp) / "seed"
        parse_phase(synthetic_home(seed_home, args.documents))
        for repetition in range(args.repeat):
            for runner in args.runners.split(","):
                home = Path(tmp) / f"{runner}-{repetition}"
                shutil.copytree(seed_home, home)
                wall, cpu, summary = backfill(home, runner)
                print(f"backfill --task-runner {runner:<9} wall {wall:6.1f} s  CPU {cpu:6.1f} s  {summary[:160]}")
                shutil.rmtree(home)


if __name__ == "__main__":
    main()
