"""A static HTML report of the published marts that needs no network to open.

Charts are drawn with Altair and rendered to SVG by vl-convert (which bundles
Vega, so nothing is fetched), then inlined in the page with the tables behind
them; the page has no script and no external stylesheet, font or image.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import altair as alt
import duckdb
import numpy as np
import pandas as pd
import vl_convert
from jinja2 import Environment, FileSystemLoader, select_autoescape

from warehouse.bi import bi_queries, named_queries

TEMPLATES = Path(__file__).with_name("templates")
QUERIES = Path(__file__).with_name("queries") / "report.sql"
WIDTH = 760


@dataclass
class Section:
    key: str
    title: str
    note: str
    svg: str  # empty when there is nothing to draw
    table: pd.DataFrame = field(default_factory=pd.DataFrame)


def _frame(conn: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> pd.DataFrame:
    return conn.execute(sql, params or {}).df()


def _svg(chart: alt.TopLevelMixin) -> str:
    return vl_convert.vegalite_to_svg(chart.to_dict())


def monthly_by_maker(conn, queries) -> Section:
    data = _frame(conn, queries["monthly_deliveries_by_maker"].sql)
    svg = ""
    if not data.empty:
        # one row per maker and month, empty where unknown, so that lines break at gaps instead of bridging them
        months = pd.date_range(data["month_start"].min(), data["month_start"].max(), freq="MS")
        grid = pd.MultiIndex.from_product([data["entity_name"].unique(), months], names=["entity_name", "month_start"])
        drawn = data.set_index(["entity_name", "month_start"])[["value", "qualifier"]].reindex(grid).reset_index()
        drawn["figure"] = drawn["qualifier"].map({"at_least": "floor (at least)", "exact": "exact", "approx": "approx"})
        base = alt.Chart(drawn).encode(
            x=alt.X("month_start:T", title="month", axis=alt.Axis(format="%Y-%m")),
            y=alt.Y("value:Q", title="deliveries"),
            color=alt.Color("entity_name:N", title="maker"),
        )
        chart = alt.layer(
            base.mark_line(),
            base.mark_point(filled=True, size=40).encode(
                shape=alt.Shape("figure:N", title="figure", scale=alt.Scale(domain=["exact", "approx", "floor (at least)"], range=["circle", "square", "triangle-up"]))
            ),
        ).properties(width=WIDTH, height=320)
        svg = _svg(chart)
    return Section(
        "monthly", "Monthly deliveries by maker",
        "Each maker's own monthly deliveries, by the documented precedence; triangles mark floors ('over 40,000'); "
        "lines break where a month is unknown.", svg, data.drop(columns=["month_start"]),
    )


def target_progress(conn, queries) -> Section:
    tracked = _frame(conn, queries["report_target_choice"].sql)
    if tracked.empty:
        return Section("target", "A maker against its annual target", "No target with deliveries yet.", "")
    choice = tracked.iloc[0]
    data = _frame(conn, queries["report_target_progress"].sql, {
        "entity": choice.entity, "year": int(choice.year), "metric": choice.delivered_metric,
        "scope": choice.delivered_scope, "segment": choice.delivered_segment,
    })
    target = pd.DataFrame({"target": [int(choice.target)], "label": [f"target {int(choice.target):,}"]})
    base = alt.Chart(data).encode(x=alt.X("month_start:T", title="month", axis=alt.Axis(format="%Y-%m")))
    chart = alt.layer(
        base.mark_bar(opacity=0.45).encode(y=alt.Y("value:Q", title=f"{choice.delivered_metric}")),
        base.mark_line(point=True, color="#d62728").encode(y="ytd_value:Q"),
        alt.Chart(target).mark_rule(strokeDash=[6, 4], color="black").encode(y="target:Q"),
        alt.Chart(target).mark_text(align="left", dx=4, dy=-6).encode(y="target:Q", text="label:N"),
    ).properties(width=WIDTH, height=300)
    title = f"{choice.entity_name} against its {int(choice.year)} target"
    note = (
        f"Bars: {choice.delivered_metric} each month; line: year to date; dashed: the target "
        f"({int(choice.target):,}, latest revision). Status: {choice.status}"
        + (f", reached in {choice.month_reached}." if choice.month_reached else ".")
    )
    return Section("target", title, note, _svg(chart), data.drop(columns=["month_start"]))


def nev_penetration(conn, queries) -> Section:
    data = _frame(conn, queries["nev_penetration"].sql)
    svg = ""
    if not data.empty:
        chart = (
            alt.Chart(data)
            .mark_line(point=True, color="#2ca02c")
            .encode(
                x=alt.X("month_start:T", title="month", axis=alt.Axis(format="%Y-%m")),
                y=alt.Y("nev_penetration_pct:Q", title="NEV share of retail, %", scale=alt.Scale(zero=False)),
                tooltip=["month_start:T", "nev_penetration_pct:Q", "penetration_basis:N"],
            )
            .properties(width=WIDTH, height=260)
        )
        svg = _svg(chart)
    return Section(
        "penetration", "NEV penetration", "New-energy vehicles as a share of CPCA's passenger-car retail: "
        "as CPCA reports it where it does, else computed from NEV and total retail.", svg,
        data.drop(columns=["month_start"]),
    )


def company_vs_cpca(conn, queries) -> Section:
    data = _frame(conn, queries["report_company_vs_cpca"].sql)
    svg = ""
    if not data.empty:
        long = data.melt(
            id_vars=["label"], value_vars=["company_value", "cpca_value"], var_name="source", value_name="vehicles"
        ).replace({"source": {"company_value": "company", "cpca_value": "CPCA wholesale"}})
        chart = (
            alt.Chart(long)
            .mark_bar()
            .encode(
                x=alt.X("label:N", title=None, sort=None),
                xOffset="source:N",
                y=alt.Y("vehicles:Q", title="vehicles"),
                color=alt.Color("source:N", title=None),
            )
            .properties(width=WIDTH, height=280)
        )
        svg = _svg(chart)
    return Section(
        "reconciliation", "Company vs CPCA", "Months where a maker's own figure and CPCA's wholesale for it are both "
        "known, with the difference and its likely reason.", svg, data.drop(columns=["label"]),
    )


SECTIONS = (monthly_by_maker, target_progress, nev_penetration, company_vs_cpca)


def build_report(published_path: Path) -> str:
    """The report's HTML, from the published file (opened read-only)."""
    if not Path(published_path).is_file():
        raise FileNotFoundError(f"no published file at {published_path}: run a backfill first")
    queries = {**bi_queries(), **named_queries(QUERIES)}
    conn = duckdb.connect(str(published_path), read_only=True)
    try:
        sections = [make(conn, queries) for make in SECTIONS]
    finally:
        conn.close()
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    env.filters["cell"] = _cell
    return env.get_template("report.html").render(
        sections=sections, generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), source=Path(published_path).name,
    )


def _cell(value) -> str:
    """A table cell: thousands separators for counts, dates as days, blanks for missing values."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.strftime("%Y-%m-%d")
    return str(value)


def write_report(published_path: Path, out: Path) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(build_report(published_path), encoding="utf-8")
    tmp.replace(out)
    return out
