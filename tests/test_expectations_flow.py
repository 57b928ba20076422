"""The validation gate in real runs: an offline backfill of the samples passes
every critical expectation and renders the Data Docs, and a wrong figure
(Xiaomi's December 2025 stored as 48,000, against its own floor of 50,000)
stops publishing while the last published file stays readable and unchanged.
Real Prefect flows, DuckDB files, Great Expectations, and the CLI as a
subprocess. (The full 2024-2025 samples are validated without Prefect in
test_expectations_rules.py, to keep this file quick.)"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime
from urllib.parse import unquote

import pytest
from support import rows
from test_cli import cli

from extractors.base import Figure
from flows.pipeline import backfill
from warehouse.archive import ManifestEntry
from warehouse.writer import Writer

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]

WRONG_URL = "https://example.invalid/xiaomi/2025-12-deliveries"


def store_wrong_december(warehouse_path):
    """Xiaomi's 2025-12 deliveries stated as exactly 48,000 by a later company document."""
    sha = hashlib.sha256(WRONG_URL.encode()).hexdigest()
    entry = ManifestEntry(
        sha256=sha, url=WRONG_URL, source="xiaomi", kind="monthly_post", period="2025-12",
        fetched_at=datetime(2026, 1, 20, 8).isoformat(), http_status=200, content_type="text/html; charset=utf-8",
        encoding="utf-8", size=0, title="Xiaomi December deliveries (wrong)",
    )
    figure = Figure(
        publisher="xiaomi", entity="xiaomi", metric="deliveries", scope="all", segment="passenger", period="2025-12",
        value=48_000, qualifier="exact", release="final", sha256=sha, url=WRONG_URL, published_on=date(2026, 1, 20),
    )
    with Writer(warehouse_path) as writer:
        writer.load_document(entry, [figure], "test-wrong-december")


def linked_pages(docs_dir):
    index = (docs_dir / "index.html").read_text(encoding="utf-8")
    return {unquote(page) for page in re.findall(r'href="((?:expectations|validations)/[^"]+\.html)"', index)}


def test_samples_pass_and_a_wrong_figure_blocks_publishing(evd_home, settings):
    state = backfill(start="2025-10", end="2025-12", offline=True, home=str(evd_home), return_state=True)
    assert state.is_completed(), state.message
    warnings = [line for line in state.message.splitlines() if line.startswith("  warning: ")]
    assert all("): expected: " in line for line in warnings), warnings  # never the expectation stated as a fact
    ((good_run,),) = rows(settings.warehouse_path, "SELECT load_id FROM runs")
    outcomes = rows(settings.warehouse_path, "SELECT suite, severity, success FROM validation_results WHERE load_id = ?", [good_run])
    assert {suite for suite, _, _ in outcomes} == {"figures", "business_rules", "delivery_tables"}
    assert [o for o in outcomes if o[1] == "critical" and not o[2]] == []

    pages = linked_pages(settings.docs_dir)
    assert {f"expectations/{suite}.html" for suite in ("figures", "business_rules", "delivery_tables")} <= pages
    assert all((settings.docs_dir / page).is_file() for page in pages)
    assert any(page.startswith(f"validations/figures/{good_run}/") for page in pages)

    published = settings.published_path.read_bytes()
    published_rows = rows(settings.published_path, "SELECT * FROM monthly_deliveries ORDER BY ALL")

    store_wrong_december(settings.warehouse_path)
    state = backfill(start="2025-12", end="2025-12", offline=True, home=str(evd_home), return_state=True)
    assert state.is_failed()
    assert "xiaomi_2025_12_deliveries_exceed_50000" in state.message
    assert "expected: Xiaomi delivered more than 50,000 vehicles in December 2025" in state.message
    assert "found: xiaomi deliveries/all/passenger 2025-12 = 48,000 exact" in state.message and WRONG_URL in state.message
    assert "not published" in state.message

    assert settings.published_path.read_bytes() == published
    assert rows(settings.published_path, "SELECT * FROM monthly_deliveries ORDER BY ALL") == published_rows

    bad_run, status = rows(settings.warehouse_path, "SELECT load_id, status FROM runs ORDER BY started_at DESC LIMIT 1")[0]
    assert status == "failed"
    ((success, offending),) = rows(
        settings.warehouse_path,
        "SELECT success, offending_keys FROM validation_results WHERE load_id = ? AND expectation = 'xiaomi_2025_12_deliveries_exceed_50000'",
        [bad_run],
    )
    assert not success and [o["documents"] for o in json.loads(offending)] == [WRONG_URL]
    pages = linked_pages(settings.docs_dir)
    assert any(page.startswith(f"validations/business_rules/{bad_run}/") for page in pages)
    assert any(page.startswith(f"validations/business_rules/{good_run}/") for page in pages)  # every run stays listed
    assert all((settings.docs_dir / page).is_file() for page in pages)

    result = cli("validate", env={"COLUMNS": "250"})
    assert result.returncode == 1, result.stderr
    assert re.search(r"xiaomi_2025_12_deliveries_exceed_50000 .* critical .* FAILED", result.stdout)
    assert WRONG_URL in result.stdout

    result = cli("status", "--start", "2025-12", "--end", "2025-12", env={"COLUMNS": "250"})
    assert result.returncode == 0, result.stderr
    assert "Last validation per suite" in result.stdout
    business = next(line for line in result.stdout.splitlines() if "business_rules" in line)
    assert "validate-" in business and "xiaomi_2025_12_deliveries_exceed_50000" in business
