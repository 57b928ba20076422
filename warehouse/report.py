"""A static HTML report of the published marts that needs no network to open.

Charts are drawn with Altair and rendered to SVG by vl-convert (which bundles
Vega, so nothing is fetched), then inlined in the page with the tables behind
them; the page has no script and no external stylesheet, font or image. Its
header says what the data is: the as-of month (from the published file) and,
when the warehouse is given, the last run and the source × month coverage
(read read-only, as `ev-deliveries status` reads them).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import groupby
from pathlib import Path

import altair as alt
import duckdb
import numpy as np
import pandas as pd
import vl_convert
from jinja2 import Environment, FileSystemLoader, select_autoescape

from warehouse.bi import bi_queries, named_queries
from warehouse.status import Grid, partition_status

TEMPLATES = Path(__file__).with_name("templates")
QUERIES = Path(__file__).with_name("queries") / "report.sql"
WIDTH = 760
# The headline measures of maker_headline_monthly and the qualifiers, as the charts' legends say them.
MEASURES = {"company deliveries": "own deliveries", "company sales": "own sales", "cpca wholesale": "CPCA wholesale"}
FIGURES = {"exact": "exact", "approx": "approx", "at_least": "floor (at least)"}


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


def _with_gaps(data: pd.DataFrame, series: list[str]) -> pd.DataFrame:
    """One row per series and month from the first month to the last, empty where unknown,
    so that lines break at gaps instead of bridging them."""
    months = pd.DataFrame({"month_start": pd.date_range(data["month_start"].min(), data["month_start"].max(), freq="MS")})
    grid = data[series].drop_duplicates().merge(months, how="cross")
    return grid.merge(data[[*series, "month_start", "value", "qualifier"]], on=[*series, "month_start"], how="left")


def headline_by_maker(conn, queries) -> Section:
    data = _frame(conn, queries["report_headline_monthly"].sql)
    svg = ""
    if not data.empty:
        drawn = _with_gaps(data.assign(measure=data["measure"].map(MEASURES)), ["panel", "measure"])
        drawn["figure"] = drawn["qualifier"].map(FIGURES)
        base = alt.Chart().encode(
            x=alt.X("month_start:T", title=None, axis=alt.Axis(format="%Y-%m", labelAngle=-40)),
            y=alt.Y("value:Q", title="vehicles", axis=alt.Axis(format="~s")),
            color=alt.Color("measure:N", title="measure", scale=alt.Scale(domain=list(MEASURES.values()))),
        )
        chart = (
            alt.layer(
                base.mark_line(),
                base.mark_point(filled=True, size=36).encode(
                    shape=alt.Shape("figure:N", title="figure", scale=alt.Scale(domain=list(FIGURES.values()), range=["circle", "square", "triangle-up"]))
                ),
                data=drawn,
            )
            .properties(width=WIDTH // 3 - 50, height=110)
            .facet(facet=alt.Facet("panel:N", title=None, sort=list(data["panel"].unique())), columns=3)
            .resolve_scale(y="independent")
        )
        svg = _svg(chart)
    return Section(
        "headline", "Monthly volume by maker",
        "Each maker's headline monthly volume, largest maker first, each panel on its own scale: its own deliveries, "
        "else its own sales (BYD), else CPCA's wholesale for it (Tesla China); the colour says which. One measure per "
        "maker, never mixed; triangles mark floors ('over 40,000'); lines break where a month is unknown.",
        svg, data.drop(columns=["month_start", "entity", "panel"]),
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
    x = alt.X("month:O", title=None, axis=alt.Axis(labelAngle=0), scale=alt.Scale(paddingInner=0.25))
    to_date = alt.layer(
        alt.Chart(data).mark_line(point=True, color="#d62728").encode(x=x, y=alt.Y("ytd_value:Q", title="year to date")),
        alt.Chart(target).mark_rule(strokeDash=[6, 4], color="black").encode(y="target:Q"),
        alt.Chart(target).mark_text(align="left", x=4, dy=-6).encode(y="target:Q", text="label:N"),
    ).properties(width=WIDTH, height=200)
    monthly = alt.Chart(data).encode(x=x, y=alt.Y("value:Q", title=f"{choice.delivered_metric} per month"))
    each_month = alt.layer(
        monthly.mark_bar(color="#4c78a8"),
        monthly.mark_text(dy=-6, fontSize=10).encode(text=alt.Text("value:Q", format=",")),
    ).properties(width=WIDTH, height=150)
    chart = alt.vconcat(to_date, each_month, spacing=12).resolve_scale(x="shared")
    title = f"{choice.entity_name} against its {int(choice.year)} target"
    note = (
        f"Top: year to date against the target ({int(choice.target):,}, latest revision, dashed); bottom: "
        f"{choice.delivered_metric} each month, on its own scale. Status: {choice.status}"
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
        "known, the differences first (largest share of CPCA's figure first, matches last), with the likely reason; "
        "≥ marks a floor, ≈ a rounded figure.", svg, _differences_first(data),
    )


@dataclass(frozen=True)
class Qualified:
    """A count with its qualifier, as a table shows it: '≥ 50,000' for a floor, '≈ 51,000' for a rounded one."""

    value: int
    qualifier: str

    def __str__(self) -> str:
        return {"at_least": "≥ ", "approx": "≈ "}.get(self.qualifier, "") + f"{int(self.value):,}"


def _differences_first(data: pd.DataFrame) -> pd.DataFrame:
    """The company-vs-CPCA table, narrow enough for the page: the difference and its reason lead, qualifiers beside the counts."""
    if data.empty:
        return data
    return pd.DataFrame({
        "maker": data["entity_name"], "month": data["period"],
        "company − CPCA": data["company_minus_cpca"], "% of CPCA": data["company_minus_cpca_pct"],
        "likely reason": data["reason_vs_cpca"],
        "company": [Qualified(v, q) for v, q in zip(data["company_value"], data["company_qualifier"])],
        "its measure": data["company_metric"],
        "CPCA wholesale": [Qualified(v, q) for v, q in zip(data["cpca_value"], data["cpca_qualifier"])],
    })


SECTIONS = (headline_by_maker, target_progress, nev_penetration, company_vs_cpca)


@dataclass(frozen=True)
class Header:
    """What the data is: its as-of month, and from the warehouse the last run and the source × month coverage."""

    as_of: str | None
    coverage: Grid | None  # None when the warehouse cannot be read
    unavailable: str = ""  # why coverage is None

    @property
    def years(self) -> list[tuple[str, list[str]]]:
        """The coverage's months by year: one small grid each, side by side, so that a long history wraps instead of widening the page."""
        return [(year, list(months)) for year, months in groupby(self.coverage.months, key=lambda m: m[:4])]


def data_header(conn, queries, warehouse_path: Path | None) -> Header:
    (as_of,) = conn.execute(queries["report_as_of"].sql).fetchone()
    if warehouse_path is None or not Path(warehouse_path).is_file():
        where = "given" if warehouse_path is None else f"at {warehouse_path}"
        return Header(as_of, None, f"no warehouse {where}: the last run and the coverage are not shown")
    try:
        return Header(as_of, partition_status(Path(warehouse_path)))
    except duckdb.IOException as exc:  # a run holds the warehouse for its whole length
        return Header(as_of, None, f"the warehouse is in use (a run is going on?), the last run and the coverage are not shown: {exc}")


def build_report(published_path: Path, warehouse_path: Path | None = None) -> str:
    """The report's HTML, from the published file (opened read-only); the last run and the
    coverage from the warehouse when one is given (read-only, as `status` reads it)."""
    if not Path(published_path).is_file():
        raise FileNotFoundError(f"no published file at {published_path}: run a backfill first")
    queries = {**bi_queries(), **named_queries(QUERIES)}
    conn = duckdb.connect(str(published_path), read_only=True)
    try:
        header = data_header(conn, queries, warehouse_path)
        sections = [make(conn, queries) for make in SECTIONS]
    finally:
        conn.close()
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    env.filters["cell"] = _cell
    return env.get_template("report.html").render(
        header=header, sections=sections, source=Path(published_path).name,
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
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


def write_report(published_path: Path, out: Path, warehouse_path: Path | None = None) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(build_report(published_path, warehouse_path), encoding="utf-8")
    tmp.replace(out)
    return out
