"""An implausible period or an empty key never reaches the published file: XPeng's
"November 6362" read as 6362-11, and a maker name of punctuation read as entity
'', each loaded through the single writer as a parse would load them, fail a
critical expectation of the figures suite that names them, and a real run over
that warehouse publishes nothing."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

import pytest
from support import rows

from expectations import validate
from expectations.rules import PeriodWindow, load_rules
from extractors.base import Figure
from flows.pipeline import backfill
from warehouse.archive import ManifestEntry
from warehouse.writer import Writer

URL = "https://example.invalid/xpeng/2025-11-deliveries"


def misread_document() -> tuple[ManifestEntry, list[Figure]]:
    """An XPeng release read wrongly: its month as 6362-11, a maker name of punctuation as ''."""
    sha = hashlib.sha256(URL.encode()).hexdigest()
    entry = ManifestEntry(
        sha256=sha, url=URL, source="xpeng", kind="monthly_post", period="2025-11",
        fetched_at=datetime(2025, 12, 1, 8).isoformat(), http_status=200, content_type="text/html; charset=utf-8",
        encoding="utf-8", size=0, title="XPeng November deliveries (misread)",
    )
    common = dict(publisher="xpeng", metric="deliveries", scope="all", segment="passenger", value=36_728,
                  qualifier="exact", release="final", sha256=sha, url=URL, published_on=date(2025, 12, 1))
    return entry, [Figure(entity="xpeng", period="6362-11", **common), Figure(entity="", period="2025-11", **common)]


def store_misread(warehouse_path) -> None:
    entry, figures = misread_document()
    with Writer(warehouse_path) as writer:
        writer.load_document(entry, figures, "test-misread")


def test_the_window_runs_from_its_first_year_to_the_year_after_the_validation():
    assert PeriodWindow(2010, 1).years(date(2026, 3, 5)) == (2010, 2027)
    assert load_rules().periods == PeriodWindow(2010, 1)


def test_a_period_outside_the_window_and_an_empty_entity_fail_critically_naming_them(tmp_path):
    store_misread(tmp_path / "warehouse.duckdb")
    with Writer(tmp_path / "warehouse.duckdb") as writer:
        report = validate(writer.conn, tmp_path / "docs", "misread")
    first, last = load_rules().periods.years()
    (period,) = [line for line in report.critical_failures if line.startswith("figures/period_within_window (critical)")]
    assert f"expected: A figure's period lies between {first}-01 and {last}-12" in period
    assert "found: xpeng deliveries/all/passenger 6362-11 = 36,728 exact (xpeng final)" in period and URL in period
    (entity,) = [line for line in report.critical_failures if line.startswith("figures/entity_not_empty (critical)")]
    assert "found: '' deliveries/all/passenger 2025-11 = 36,728 exact (xpeng final)" in entity and URL in entity


def test_a_run_over_them_publishes_nothing(prefect_harness, evd_home, settings):
    store_misread(settings.warehouse_path)
    state = backfill(start="2025-12", end="2025-12", sources=["xpeng"], offline=True, home=str(evd_home), return_state=True)
    assert state.is_failed()
    assert "figures/period_within_window (critical)" in state.message and "6362-11" in state.message
    assert "figures/entity_not_empty (critical)" in state.message
    assert "not published" in state.message and not settings.published_path.exists()
    assert rows(settings.warehouse_path, "SELECT status FROM runs WHERE flow = 'backfill'") == [("failed",)]


@pytest.mark.parametrize("text, complaint", [
    ("", "periods = { first_year"),
    ("periods = { first_year = 2010 }\n", "periods = { first_year"),
    ('periods = { first_year = 2010, years_ahead = "one" }\n', "periods = { first_year"),
])
def test_a_missing_or_wrong_window_is_refused(tmp_path, text, complaint):
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="rules.toml") as error:
        load_rules(path)
    assert complaint in str(error.value)
