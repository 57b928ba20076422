"""Cost of the validation gate: validating the full 2024-2025 warehouse.

    /work/venv/bin/python benchmarks/bench_validation.py [--synthetic-makers 40] [--repeat 3]

Builds the warehouse an offline backfill of 2024-01..2025-12 builds (every
bundled sample document parsed by its source and loaded through the single
writer), then times `expectations.validate` on it: importing Great
Expectations, a cold and warm runs, and each step of a warm run (building the
models (materialize), the SQL batches, the three GX suites, the Data Docs, storing results),
with peak memory. With --synthetic-makers N it then adds N clearly SYNTHETIC
makers ("synthetic-maker-NNN", publisher "synthetic", documents at
synthetic://) with 24 months, four quarters and two years of consistent
deliveries each, to show how the cost grows with volume. Prints figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.base import Figure  # noqa: E402
from extractors.helpers import month_range, quarter_of  # noqa: E402
from extractors.registry import get_source  # noqa: E402
from flows.settings import BUNDLED_ARCHIVE  # noqa: E402
from warehouse.archive import Archive, ManifestEntry  # noqa: E402
from warehouse.writer import Writer  # noqa: E402

MONTHS = month_range("2024-01", "2025-12")


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_samples(writer: Writer) -> int:
    """What the offline backfill of 2024-01..2025-12 loads."""
    archive = Archive(BUNDLED_ARCHIVE, read_only=True)
    documents = 0
    for entry in archive.find():
        if entry.kind != "list" and entry.period in MONTHS:
            writer.load_document(entry, get_source(entry.source).parse(archive.document(entry)), "bench-samples")
            documents += 1
    return documents


def synthetic_documents(makers: int) -> list[tuple[ManifestEntry, list[Figure]]]:
    """SYNTHETIC makers, one document per maker and year: months, quarters and the year, all adding up."""
    rng = random.Random(5)
    documents = []
    for n in range(makers):
        entity = f"synthetic-maker-{n:03d}"
        values = {m: rng.randint(1_000, 60_000) for m in MONTHS}
        for year in ("2024", "2025"):
            url = f"synthetic://{entity}/{year}"
            sha = hashlib.sha256(url.encode()).hexdigest()
            months = [m for m in MONTHS if m.startswith(year)]
            totals = {period: value for period, value in values.items() if period in months}
            for quarter in sorted({quarter_of(m) for m in months}):
                totals[quarter] = sum(values[m] for m in months if quarter_of(m) == quarter)
            totals[year] = sum(values[m] for m in months)
            figures = [
                Figure(
                    publisher="synthetic", entity=entity, metric="deliveries", scope="all", segment="passenger", period=period,
                    value=value, qualifier="exact", release="final", sha256=sha, url=url, published_on=date(int(year) + 1, 1, 5),
                    evidence="SYNTHETIC benchmark figure",
                )
                for period, value in totals.items()
            ]
            entry = ManifestEntry(
                sha256=sha, url=url, source="synthetic", kind="synthetic", period=f"{year}-12",
                fetched_at=datetime(int(year) + 1, 1, 5).isoformat(), http_status=200, content_type="text/plain",
                encoding="utf-8", size=0, title=f"SYNTHETIC {entity} {year}",
            )
            documents.append((entry, figures))
    return documents


def timed(work):
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def bench(writer: Writer, docs_dir: Path, repeat: int, label: str) -> None:
    from expectations import checks, gate, store_outcomes, validate
    from expectations.rules import load_rules
    from warehouse import models

    figures = writer.conn.execute("SELECT count(*) FROM figures").fetchone()[0]
    cold, report = timed(lambda: validate(writer.conn, docs_dir, f"bench-{label}-cold"))
    warm = [timed(lambda: validate(writer.conn, docs_dir, f"bench-{label}-{i}"))[0] for i in range(repeat)]
    tracemalloc.start()
    validate(writer.conn, docs_dir, f"bench-{label}-traced")
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()

    rules = load_rules()
    build, _ = timed(lambda: models.materialize(writer.conn))
    sql_batches, batches = timed(lambda: checks.batches(writer.conn, rules))
    run = gate.Gate(docs_dir)
    suites, outcomes = timed(lambda: run.validate(batches, f"bench-{label}-steps"))
    docs, _ = timed(run.render_docs)
    store, _ = timed(lambda: store_outcomes(writer.conn, f"bench-{label}-steps", outcomes))

    print(f"--- {label}")
    print(f"figures in the warehouse   {figures:>10}")
    print(f"batch rows                 {len(batches.figures):>10} figures, {len(batches.business)} rule checks, {len(batches.tables)} table rows")
    print(f"expectations               {len(report.outcomes):>10} ({len(report.critical_failures)} critical failures, {len(report.warnings)} warnings)")
    print(f"validate, cold             {cold:>10.2f} s")
    print(f"validate, warm (median)    {statistics.median(warm):>10.2f} s  of {repeat}")
    print(f"  build the models         {build:>10.2f} s")
    print(f"  SQL batches              {sql_batches:>10.2f} s")
    print(f"  GX suites                {suites:>10.2f} s")
    print(f"  Data Docs                {docs:>10.2f} s")
    print(f"  store results            {store:>10.2f} s")
    print(f"peak Python memory         {peak:>10.1f} MiB  (tracemalloc, one warm run)")
    print(f"max RSS so far             {rss_mib():>10.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic-makers", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        with Writer(Path(tmp) / "warehouse.duckdb") as writer:
            loading, documents = timed(lambda: load_samples(writer))
            print(f"sample documents loaded    {documents:>10} in {loading:.2f} s")
            gx_import, _ = timed(lambda: __import__("expectations.gate"))
            print(f"import Great Expectations  {gx_import:>10.2f} s (once per process)")
            bench(writer, Path(tmp) / "docs", args.repeat, "samples 2024-01..2025-12")
            if args.synthetic_makers:
                for entry, figures in synthetic_documents(args.synthetic_makers):
                    writer.load_document(entry, figures, "bench-synthetic")
                bench(writer, Path(tmp) / "docs", args.repeat, f"samples + {args.synthetic_makers} SYNTHETIC makers")


if __name__ == "__main__":
    main()
