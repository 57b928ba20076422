"""The offline backfill against its naive baseline and Prefect's floor (issue 12, point 6).

    .venv/bin/python benchmarks/bench_backfill.py [--repeat 3] [--documents N] [--keep]

On the bundled samples by default; with `--documents N`, on a SYNTHETIC ten-year archive of N CPCA pages
(`synthetic_corpus.py`: made-up values that validate, 2014-01..2023-12, never the samples), written once
and read by every run: the naive script reads that archive (`--archive`), the backfill replays those months
of CPCA from a copy of it.

Each repetition runs four commands, each in a fresh subprocess whose
environment has no PREFECT_* variable (so every Prefect run starts its own
temporary server), naive and floor swapping places every other repetition
so that a machine growing busier weighs on both sides alike:

- naive:    `benchmarks/naive_backfill.py --home <new dir>` (no Prefect, one transaction)
- backfill: `python -m flows.cli backfill --start 2024-01 --end 2026-02 --offline --home <new dir>`
            (synthetic: `--start 2014-01 --end 2023-12 --sources cpca`, the home a copy of the archive's)
- no-op:    the same backfill again on the same home (right after the backfill)
- floor:    a trivial Prefect flow of 3 tasks, PREFECT_HOME in a new dir (`--prefect-floor`)

Prints a row per command run: wall time; CPU time (user+sys) of the child and
the descendants it waited for (`os.wait4`), and of its whole process tree
(summed from /proc, sampled every 0.1 s: the temporary Prefect server
included); peak RSS of the child (`ru_maxrss`) and of its process tree (the sum
of the RSS of its processes, sampled). Then, on the medians: backfill wall /
(naive + floor), backfill wall / naive, the CPU and memory ratios, no-op /
floor; whether each no-op re-run parsed 0 documents (its summary line, `run
<id>: N documents (a new, b re-parsed, c unchanged[, d of them not read
again]), …`: N - d documents parsed) and left
`published/ev_deliveries.duckdb` untouched (same inode and mtime); and whether
the naive marts equal the backfill's, table by table, row by row (columns that
name a run, load_id and loaded_at, left out). Asserts nothing; the temporary
homes are removed unless `--keep`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic_corpus  # noqa: E402


@dataclass(frozen=True)
class Corpus:
    """What the runs read: the bundled samples, or a synthetic archive (`archive`: its data home, copied per run)."""

    months: tuple[str, str]
    sources: str | None = None
    archive: Path | None = None

    def describe(self) -> str:
        what = f"synthetic archive {self.archive}" if self.archive else "samples"
        return f"{what} {self.months[0]}..{self.months[1]}" + (f", sources {self.sources}" if self.sources else "")


SAMPLES = Corpus(("2024-01", "2026-02"))  # the bundled samples' months (docs/benchmarks.md)
RUN_COLUMNS = {"load_id", "loaded_at"}  # mart columns that name the run, not the data
# The run's summary line; newer pipelines add ", d of them not read again" (unchanged documents not parsed).
SUMMARY = re.compile(r"run (\S+): (\d+) documents \((\d+) new, (\d+) re-parsed, (\d+) unchanged(?:, (\d+) of them not read again)?\)[^\n]*")
TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Measure:
    """One command's run: what it cost and what it said."""

    label: str
    wall: float
    cpu: float  # user+sys of the child and the descendants it waited for
    tree_cpu: float  # user+sys summed over its process tree, sampled
    maxrss_mib: float  # the child's own peak (ru_maxrss: the largest of it and its waited-for descendants)
    tree_rss_mib: float  # peak of the summed RSS of its process tree, sampled
    returncode: int
    output: str


def prefect_free_env() -> dict[str, str]:
    """This environment without any PREFECT_* variable."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}


# ------------------------------------------------------------------ measuring a process tree


def _stat(pid: int) -> tuple[int, int, int] | None:
    """(parent pid, user+sys clock ticks, RSS pages) of a process from /proc, None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()  # after the command name, which may hold spaces
    return int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[21])


def process_tree(root: int) -> dict[int, tuple[int, int]]:
    """Every live process descending from `root` (itself included): pid -> (cpu ticks, RSS pages)."""
    stats = {int(name): s for name in os.listdir("/proc") if name.isdigit() and (s := _stat(int(name)))}
    children: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            found[pid] = stats[pid][1:]
            todo += children.get(pid, [])
    return found


class TreeSampler(threading.Thread):
    """Samples a process tree every `interval` s: the last CPU seen per process, the peak summed RSS."""

    def __init__(self, root: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.cpu_ticks: dict[int, int] = {}
        self.peak_rss_pages = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            tree = process_tree(self.root)
            for pid, (ticks, _) in tree.items():
                self.cpu_ticks[pid] = ticks
            self.peak_rss_pages = max(self.peak_rss_pages, sum(rss for _, rss in tree.values()))
            self.done.wait(self.interval)

    def stop(self) -> tuple[float, float]:
        """(CPU seconds, peak RSS MiB) of the tree."""
        self.done.set()
        self.join()
        return sum(self.cpu_ticks.values()) / TICKS, self.peak_rss_pages * PAGE / 2**20


def measure(label: str, argv: list[str], log: Path) -> Measure:
    """Run `argv` in a fresh subprocess (no PREFECT_* in its environment), its output to `log`."""
    with log.open("w") as out:
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=ROOT, env=prefect_free_env(), stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeSampler(child.pid)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        tree_cpu, tree_rss = sampler.stop()
    return Measure(
        label, wall, usage.ru_utime + usage.ru_stime, tree_cpu, usage.ru_maxrss / 1024, tree_rss,
        child.returncode, log.read_text(errors="replace"),
    )


# ------------------------------------------------------------------ the four commands


def naive_argv(home: Path, corpus: Corpus) -> list[str]:
    archive = ["--archive", str(corpus.archive / "raw")] if corpus.archive else []
    return [str(PYTHON), str(ROOT / "benchmarks" / "naive_backfill.py"), "--home", str(home), *archive]


def backfill_argv(home: Path, corpus: Corpus) -> list[str]:
    (start, end), sources = corpus.months, ["--sources", corpus.sources] if corpus.sources else []
    return [str(PYTHON), "-m", "flows.cli", "backfill", "--start", start, "--end", end, "--offline", *sources, "--home", str(home)]


def floor_argv(prefect_home: Path, tasks: int = 3) -> list[str]:
    return [str(PYTHON), str(Path(__file__).resolve()), "--prefect-floor", str(prefect_home), "--tasks", str(tasks)]


def prefect_floor(home: Path, tasks: int) -> None:
    """(In the child.) A flow of `tasks` trivial tasks, with Prefect set up as the CLI sets it up for a
    data home (`flows.settings.prefect_defaults`: PREFECT_HOME in `home`, its own temporary server).
    Prints the flow's final state."""
    sys.path.insert(0, str(ROOT))
    from flows.settings import prefect_defaults

    prefect_defaults(home)
    from prefect import flow, task
    from prefect.cache_policies import NO_CACHE

    @task(cache_policy=NO_CACHE)  # as the pipeline's tasks
    def step(i: int) -> int:
        return i + 1

    @flow(name="prefect-floor")
    def trivial() -> int:
        return sum(step(i) for i in range(tasks))

    state = trivial(return_state=True)
    print(f"floor: {tasks} tasks -> {state.name}")


def published_stamp(home: Path) -> tuple[int, int] | None:
    """(inode, mtime in ns) of the home's published file, None when there is none."""
    try:
        stat = (home / "published" / "ev_deliveries.duckdb").stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns


# ------------------------------------------------------------------ comparing the marts


def compare_marts(naive: Path, backfill: Path) -> list[str]:
    """Every table of two published files compared row by row (as multisets, the RUN_COLUMNS left out):
    one line per table saying its rows and its differing rows (those of either file with no equal row in
    the other: one changed row counts twice), or what is missing. Returns the lines."""
    import duckdb

    missing = [str(path) for path in (naive, backfill) if not path.is_file()]
    if missing:
        return [f"  no published file {path}  DIFFERS" for path in missing]
    conn = duckdb.connect()
    conn.execute(f"ATTACH '{naive}' AS a (READ_ONLY)")
    conn.execute(f"ATTACH '{backfill}' AS b (READ_ONLY)")
    tables = {db: dict(conn.execute(
        "SELECT table_name, list(column_name ORDER BY ordinal_position) FROM information_schema.columns "
        "WHERE table_catalog = ? GROUP BY table_name", [db]).fetchall()) for db in ("a", "b")}
    lines = []
    for name in sorted(set(tables["a"]) | set(tables["b"])):
        if name not in tables["a"] or name not in tables["b"]:
            lines.append(f"  {name}: only in the {'backfill' if name in tables['b'] else 'naive'} marts  DIFFERS")
            continue
        columns = [c for c in tables["a"][name] if c in tables["b"][name] and c not in RUN_COLUMNS]
        odd = sorted(set(tables["a"][name]) ^ set(tables["b"][name]))
        cols = ", ".join(f'"{c}"' for c in columns)
        differ = conn.execute(
            f"SELECT (SELECT count(*) FROM (SELECT {cols} FROM a.{name} EXCEPT ALL SELECT {cols} FROM b.{name})) + "
            f"(SELECT count(*) FROM (SELECT {cols} FROM b.{name} EXCEPT ALL SELECT {cols} FROM a.{name}))"
        ).fetchone()[0]
        rows = [conn.execute(f"SELECT count(*) FROM {db}.{name}").fetchone()[0] for db in ("a", "b")]
        left_out = sorted(set(tables["a"][name]) & RUN_COLUMNS)
        verdict = "equal" if not differ and not odd and rows[0] == rows[1] else "DIFFERS"
        lines.append(
            f"  {name:<24} rows {rows[0]:>5} / {rows[1]:>5}, differing rows {differ:>4}"
            + (f" (left out {', '.join(left_out)})" if left_out else "")
            + (f", columns in one only: {', '.join(odd)}" if odd else "") + f"  {verdict}"
        )
    conn.close()
    return lines


# ------------------------------------------------------------------ one repetition, the report


@dataclass
class NoOp:
    """What a no-op re-run said and did to the published file."""

    summary: str
    parsed: int | None  # documents the run read and parsed, from its summary line
    published_untouched: bool


def repetition(rep: int, tmp: Path, corpus: Corpus, print_row) -> tuple[dict[str, Measure], NoOp, Path, Path]:
    """One naive, backfill, no-op and floor run (naive and floor swapped on odd repetitions); prints a row
    per run as it ends. Returns the measures, the no-op's verdict and the two published files."""
    naive_home, home, floor_home = (tmp / f"{kind}-{rep}" for kind in ("naive", "backfill", "floor"))
    if corpus.archive:
        shutil.copytree(corpus.archive, home)
    done: dict[str, Measure] = {}

    def go(label: str, argv: list[str]) -> Measure:
        done[label] = measure(label, argv, tmp / f"{label}-{rep}.log")
        print_row(rep, done[label])
        return done[label]

    first, last = [("naive", naive_argv(naive_home, corpus)), ("floor", floor_argv(floor_home))][:: 1 if rep % 2 == 0 else -1]
    go(*first)
    go("backfill", backfill_argv(home, corpus))
    before = published_stamp(home)
    noop = go("no-op", backfill_argv(home, corpus))
    after = published_stamp(home)
    go(*last)
    found = SUMMARY.search(noop.output)
    parsed = int(found.group(2)) - int(found.group(6) or 0) if found else None
    verdict = NoOp(found.group(0) if found else "(no summary line)", parsed, before is not None and before == after)
    return done, verdict, naive_home / "published" / "ev_deliveries.duckdb", home / "published" / "ev_deliveries.duckdb"


def print_header() -> None:
    print(f"{'rep':>3} {'run':<9} {'wall s':>7} {'cpu s':>7} {'tree cpu s':>10} {'maxrss MiB':>10} {'tree rss MiB':>12} {'rc':>3}")


def print_row(rep: int, m: Measure) -> None:
    """One run: wall, CPU (waited-for descendants), CPU of the tree, peak RSS (child, tree), exit code."""
    print(
        f"{rep:>3} {m.label:<9} {m.wall:>7.1f} {m.cpu:>7.1f} {m.tree_cpu:>10.1f} "
        f"{m.maxrss_mib:>10.0f} {m.tree_rss_mib:>12.0f} {m.returncode:>3}",
        flush=True,
    )
    if m.returncode:
        print("    " + "\n    ".join(m.output.strip().splitlines()[-5:]))


def median(runs: list[dict[str, Measure]], label: str, what: str) -> float:
    return statistics.median(getattr(r[label], what) for r in runs)


def print_ratios(runs: list[dict[str, Measure]]) -> None:
    """The issue's ratios, each on the medians over the repetitions."""
    metrics = ("wall", "cpu", "tree_cpu", "maxrss_mib", "tree_rss_mib")
    m = {(label, what): median(runs, label, what) for label in runs[0] for what in metrics}
    naive, backfill, noop, floor = (m[(label, "wall")] for label in ("naive", "backfill", "no-op", "floor"))
    print(f"\nmedians of {len(runs)} repetition(s): naive {naive:.1f} s, backfill {backfill:.1f} s, no-op {noop:.1f} s, "
          f"Prefect floor {floor:.1f} s")
    print(f"backfill / (naive + floor), wall  {backfill / (naive + floor):6.2f}")
    print(f"backfill / naive, wall            {backfill / naive:6.2f}")
    for what, name in (("tree_cpu", "CPU, tree"), ("cpu", "CPU, waited-for")):
        b, n, f = m[("backfill", what)], m[("naive", what)], m[("floor", what)]
        print(f"backfill / naive, {name:<22} {b / n:6.2f}   / (naive + floor) {b / (n + f):5.2f}   ({b:.1f} s vs {n:.1f} s + {f:.1f} s)")
    for what, name in (("tree_rss_mib", "peak RSS, tree"), ("maxrss_mib", "peak RSS, child")):
        b, n, f = m[("backfill", what)], m[("naive", what)], m[("floor", what)]
        print(f"backfill / naive, {name:<22} {b / n:6.2f}   ({b:.0f} MiB vs {n:.0f} MiB; floor {f:.0f} MiB)")
    print(f"no-op re-run / floor, wall        {noop / floor:6.2f}")


def print_noops(noops: list[NoOp]) -> None:
    """Per repetition: the no-op's summary line, whether it parsed 0 documents and left the published file alone."""
    for rep, n in enumerate(noops):
        print(f"no-op {rep}: {n.summary}")
        print(f"  parsed 0 documents: {'yes' if n.parsed == 0 else f'no ({n.parsed} read and parsed again)'}; "
              f"published file untouched (inode, mtime): {'yes' if n.published_untouched else 'no (replaced)'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="repetitions (default 3)")
    parser.add_argument("--documents", type=int, help="a synthetic ten-year archive of this many documents, not the samples")
    parser.add_argument("--keep", action="store_true", help="keep the temporary homes and logs")
    parser.add_argument("--prefect-floor", type=Path, metavar="HOME", help=argparse.SUPPRESS)  # the floor's child
    parser.add_argument("--tasks", type=int, default=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prefect_floor:
        return prefect_floor(args.prefect_floor, args.tasks)
    tmp = Path(tempfile.mkdtemp(prefix="evd-bench-backfill-"))
    corpus = SAMPLES
    if args.documents:
        corpus = Corpus(synthetic_corpus.MONTHS, "cpca", tmp / "synthetic")
        synthetic_corpus.synthetic_home(corpus.archive, args.documents)
    print(f"{corpus.describe()}, {args.repeat} repetition(s), homes in {tmp}")
    print_header()
    runs, noops, marts = [], [], []
    try:
        for rep in range(args.repeat):
            done, noop, naive_file, backfill_file = repetition(rep, tmp, corpus, print_row)
            runs.append(done)
            noops.append(noop)
            marts.append(compare_marts(naive_file, backfill_file))
        print_ratios(runs)
        print_noops(noops)
        print("naive marts vs backfill marts (repetition 0; rows naive / backfill):")
        print("\n".join(marts[0]))
        print("marts equal in every repetition:", all("DIFFERS" not in line for lines in marts for line in lines))
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
