"""Ingest throughput and memory: archive → parse → load, and the offline backfill.

    .venv/bin/python benchmarks/bench_ingest.py [--documents 2000]

Part 1 writes clearly SYNTHETIC CPCA monthly-analysis pages (random values, in
a temporary archive, never mixed with the samples) and times archiving,
parsing and loading them through the single writer. Part 2 times the offline
backfill flow of the bundled samples end to end (Prefect, validation, publish).
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import logging
import random
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.cpca import parse  # noqa: E402
from flows.settings import prefect_defaults  # noqa: E402
from samples.writers.cpca_site import page_html  # noqa: E402
from warehouse.archive import Archive  # noqa: E402
from warehouse.writer import Writer  # noqa: E402


def synthetic_page(rng: random.Random, year: int, mon: int) -> bytes:
    values = [rng.randint(500, 3500) / 10 for _ in range(6)]
    paragraphs = [
        f"零售：{mon}月全国乘用车市场零售{values[0]}万辆，同比增长{rng.randint(1, 300) / 10}%，环比下降{rng.randint(1, 300) / 10}%。",
        f"批发：{mon}月全国乘用车厂商批发{values[1]}万辆，同比下降{rng.randint(1, 300) / 10}%。",
        f"{mon}月新能源乘用车市场零售{values[2]}万辆，同比增长{rng.randint(1, 300) / 10}%。",
        f"{mon}月全国乘用车厂商新能源批发{values[3]}万辆。",
        f"新能源批发中，纯电动批发{values[4]}万辆；狭义插混批发{values[5]}万辆。",
        "（合成基准数据，非真实发布）",
    ]
    title = f"【月度分析】{year}年{mon}月份全国乘用车市场分析"
    published = date(year + mon // 12, mon % 12 + 1, 10)  # the month after, as CPCA publishes: "M月" is then a month that ended
    return page_html(title, published, paragraphs, "utf-8").encode("utf-8")


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_parse_and_load(documents: int) -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive(Path(tmp) / "raw")
        start = time.perf_counter()
        entries = []
        for i in range(documents):
            year, mon = 1900 + i // 12, i % 12 + 1
            content = synthetic_page(rng, year, mon)
            entries.append(
                archive.put(content, url=f"synthetic://cpca/{i}", source="cpca", kind="monthly_analysis", period=f"{year:04d}-{mon:02d}")
            )
        archived = time.perf_counter() - start

        start = time.perf_counter()
        parsed = [(entry, parse(archive.document(entry))) for entry in entries]
        parsing = time.perf_counter() - start
        figures = sum(len(f) for _, f in parsed)

        with Writer(Path(tmp) / "warehouse.duckdb") as writer:
            start = time.perf_counter()
            for entry, found in parsed:
                writer.load_document(entry, found, "bench")
            loading = time.perf_counter() - start
            start = time.perf_counter()
            for entry, found in parsed:
                writer.load_document(entry, found, "bench-again")
            reloading = time.perf_counter() - start

    print(f"synthetic documents        {documents:>10}")
    print(f"figures parsed             {figures:>10}")
    print(f"archive  docs/s            {documents / archived:>10.0f}")
    print(f"parse    docs/s            {documents / parsing:>10.0f}")
    print(f"load     docs/s            {documents / loading:>10.0f}   ({figures / loading:.0f} figures/s)")
    print(f"re-load (unchanged) docs/s {documents / reloading:>10.0f}")
    print(f"peak RSS MiB               {rss_mib():>10.0f}")


def bench_offline_backfill() -> None:
    tmp_home = tempfile.mkdtemp(prefix="evd-bench-")
    prefect_defaults(Path(tmp_home))
    from prefect.testing.utilities import prefect_test_harness

    from flows.pipeline import backfill

    logging.getLogger("prefect").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp, prefect_test_harness(server_startup_timeout=60):
        for label in ("first", "again"):
            start = time.perf_counter()
            state = backfill(start="2024-01", end="2025-12", offline=True, home=tmp, return_state=True)
            print(f"offline backfill 2024-01..2025-12 ({label}) {time.perf_counter() - start:>6.1f} s  -> {state.name}")
    print(f"peak RSS MiB               {rss_mib():>10.0f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--skip-flow", action="store_true", help="only the parse/load part")
    args = parser.parse_args()
    bench_parse_and_load(args.documents)
    if not args.skip_flow:
        bench_offline_backfill()
