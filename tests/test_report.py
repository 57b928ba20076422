"""The offline HTML report: charts drawn and inlined, no network needed to open it."""

from __future__ import annotations

import re

import pytest
from figures_warehouse import publish_figures
from typer.testing import CliRunner

from extractors.helpers import entities
from flows.cli import app
from warehouse.report import SECTIONS, build_report

CHARTS = ("monthly", "target", "penetration", "reconciliation")


@pytest.fixture(scope="module")
def published(tmp_path_factory, published_figures):
    return publish_figures(tmp_path_factory.mktemp("evd"), published_figures.rows)


def chart_svgs(html: str) -> dict[str, str]:
    return dict(re.findall(r'<div class="chart" data-chart="([a-z]+)">(<svg.*?</svg>)</div>', html, flags=re.S))


def test_every_chart_is_drawn_with_marks_and_its_table(published):
    html = build_report(published)
    svgs = chart_svgs(html)
    assert tuple(svgs) == CHARTS and len(SECTIONS) == len(CHARTS)
    for key, svg in svgs.items():
        marks = re.findall(r'<(?:path|rect|line)[^>]*>', svg.split('role-mark', 1)[-1])
        assert 'role-mark' in svg and len(marks) > 3, f"chart {key} has no marks"
        rows = re.search(rf'<table data-table="{key}">.*?<tbody>(.*?)</tbody>', html, flags=re.S).group(1)
        assert rows.count("<tr>") > 0, f"chart {key} has no table"


def test_the_report_needs_no_network(published):
    html = build_report(published)
    assert "<script" not in html.lower()
    assert not re.search(r'(?:src|href)\s*=\s*["\']?(?:https?:)?//', html, flags=re.I)
    assert not re.search(r'@import|url\(\s*["\']?(?:https?:)?//', html, flags=re.I)


def test_the_target_chart_shows_the_entity_with_most_months_against_its_target(published, published_figures):
    """XPeng is the one maker with every month of 2025 in the figures: its 2025 target is drawn."""
    html = build_report(published)
    section = re.search(r'<section id="target".*?</section>', html, flags=re.S).group(0)
    (target,) = published_figures.where(entity="xpeng", metric="target", period="2025")
    assert f"<h2>{entities()['xpeng'].name_en} against its 2025 target</h2>" in section
    assert f"({int(target['value']):,}, latest revision)" in section
    assert section.count("<tr>") == 1 + 12


def test_an_empty_warehouse_gives_a_report_without_charts(tmp_path):
    published = publish_figures(tmp_path, [])
    html = build_report(published)
    assert chart_svgs(html) == {}
    assert html.count("No data to draw yet.") == len(CHARTS)


def test_report_command(published, tmp_path):
    out = tmp_path / "out" / "report.html"
    result = CliRunner().invoke(app, ["report", "--out", str(out), "--home", str(published.parent.parent)])
    assert result.exit_code == 0, result.output
    assert set(chart_svgs(out.read_text(encoding="utf-8"))) == set(CHARTS)
