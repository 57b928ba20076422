"""Makers' releases in their sites' layouts, from figures.csv.

- NIO, XPeng, Li Auto, Zeekr: Notified investor-relations pages (list
  `news-releases?page=N` from 0, release pages with a GlobeNewswire
  dateline), a monthly delivery release for every month the CSV holds and a
  results release for every quarter or year it holds.
- Leapmotor: its own newsroom layout (`en/news?page=N` from 1).
- Xiaomi: Weibo posts as the web API serves them (timeline pages and single
  posts, Chinese or English), and HKEX results PDFs.
- BYD: HKEX production and sales volume PDFs.

Every document states only CSV figures (and YoY computed from two of them);
a cell or sentence whose figure is unknown is left out. Each document is
filed under its data month: a monthly release under its month, results under
the quarter's last month, a target announcement under the month it was made.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from html import escape

from extractors import byd, hkex, leapmotor, li_auto, nio, xiaomi, xpeng, zeekr
from extractors.helpers import month, month_range, parse_month, shift_month
from samples.writers import Figures, SampleDoc, pct_change
from samples.writers.pdfs import MONTH_NAMES, byd_volume_pdf, month_label, xiaomi_results_pdf

ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth"}
LIST_PAGE_SIZE = 10
HKEX_STOCK_IDS = {byd.STOCK_CODE: "1000", xiaomi.STOCK_CODE: "1755"}  # sample ids for the prefix lookup's answer


@dataclass(frozen=True)
class Release:
    source: str
    kind: str
    period: str  # data month
    title: str
    published: date
    slug: str
    paragraphs: list[str]
    tables: list[list[list[str]]] = field(default_factory=list)


# ---------------------------------------------------------------- figures


def _deliveries(figures: Figures, entity: str, period: str, metric: str = "deliveries") -> int | None:
    for basis in ("company", "company-quarterly"):
        value = figures.value(entity, metric, "all", period, basis)
        if value is not None:
            return value
    return None


def _months(figures: Figures, entity: str) -> list[str]:
    return sorted({r["period"] for r in figures.where(entity=entity, metric="deliveries", basis="company") if re.fullmatch(r"\d{4}-\d{2}", r["period"])})


def _quarters(figures: Figures, entity: str) -> list[str]:
    return sorted({r["period"] for r in figures.where(entity=entity, metric="deliveries") if "-Q" in r["period"] and r["basis"].startswith("company")})


def _target(figures: Figures, entity: str, year: int) -> int | None:
    return next((int(r["value"]) for r in figures.where(entity=entity, metric="target", period=str(year))), None)


def _yoy(new: int | None, old: int | None, style: str = "representing") -> str:
    pct = pct_change(new, old)
    if pct is None:
        return ""
    if style == "representing":
        return f", representing a {abs(pct):.1f}% year-over-year {'increase' if pct >= 0 else 'decrease'}"
    return f", {'up' if pct >= 0 else 'down'} {abs(pct):.1f}% year-over-year"


def _month_name(period: str) -> str:
    return MONTH_NAMES[parse_month(period)[1]]


def _last_day(period: str) -> int:
    year, mon = parse_month(period)
    return calendar.monthrange(year, mon)[1]


def _quarter(period: str) -> tuple[int, int]:
    return int(period[:4]), int(period[-1])


def _quarter_end(quarter: str) -> str:
    year, q = _quarter(quarter)
    return month(year, 3 * q)


def delivery_day(period: str) -> date:
    """Monthly releases come out on the 1st of the next month."""
    year, mon = parse_month(shift_month(period, 1))
    return date(year, mon, 1)


def results_day(quarter: str) -> date:
    year, q = _quarter(quarter)
    return {1: date(year, 5, 28), 2: date(year, 8, 26), 3: date(year, 11, 25), 4: date(year + 1, 3, 18)}[q]


def dateline(city: str, day: date) -> str:
    return f"{city}, China, {MONTH_NAMES[day.month][:3]}. {day.day:02d}, {day.year} (GLOBE NEWSWIRE) --"


def results_table(label: str, columns: list[tuple[str, int | None]]) -> list[list[str]]:
    known = [(header, value) for header, value in columns if value is not None]
    return [["", *(header for header, _ in known)], [label, *(f"{value:,}" for _, value in known)]]


# ---------------------------------------------------------------- NIO


NIO_INTRO = ('NIO Inc. (NYSE: NIO; HKEX: 9866; SGX: NIO) ("NIO" or the "Company"), a pioneer and a leading company in the '
             "global smart electric vehicle market")
NIO_BRANDS = (("nio", "from its premium smart electric vehicle brand NIO"), ("onvo", "from its family-oriented smart electric vehicle brand ONVO"),
              ("firefly", "from its small smart high-end electric car brand firefly"))


def _nio_split(figures: Figures, period: str, lead: str) -> str:
    parts = [(value, words) for key, words in NIO_BRANDS if (value := figures.value(key, "deliveries", "all", period, "company"))]
    if not parts:
        return ""
    listed = [f"{value:,} vehicles {words}" for value, words in parts]
    joined = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + f"{',' if len(listed) > 2 else ''} and {listed[-1]}"
    return f" {lead} {joined}."


def nio_releases(figures: Figures) -> list[Release]:
    releases = []
    for period in _months(figures, "nio-group"):
        year, mon = parse_month(period)
        day, name = delivery_day(period), _month_name(period)
        value = _deliveries(figures, "nio-group", period)
        text = [f"{dateline('SHANGHAI', day)} {NIO_INTRO}, today provided its {name} {year} delivery update.",
                f"NIO delivered {value:,} vehicles in {name} {year}{_yoy(value, _deliveries(figures, 'nio-group', shift_month(period, -12)))}."
                + _nio_split(figures, period, "The deliveries consisted of")]
        quarter = f"{year}-Q{(mon - 1) // 3 + 1}"
        quarterly = _deliveries(figures, "nio-group", quarter) if mon % 3 == 0 else None
        if quarterly:
            text.append(f"NIO delivered {quarterly:,} vehicles in the {ORDINALS[mon // 3]} quarter of {year}"
                        f"{_yoy(quarterly, _deliveries(figures, 'nio-group', f'{year - 1}-Q{mon // 3}'))}."
                        + _nio_split(figures, quarter, "The deliveries in the quarter consisted of"))
        annual = _deliveries(figures, "nio-group", str(year)) if mon == 12 else None
        if annual:
            text.append(f"NIO delivered {annual:,} vehicles in {year}{_yoy(annual, _deliveries(figures, 'nio-group', str(year - 1)))}."
                        + _nio_split(figures, str(year), "The deliveries in the year consisted of"))
        cumulative = figures.value("nio-group", "deliveries_cumulative", "all", period, "company")
        if cumulative:
            text.append(f"Cumulative deliveries of NIO Inc. reached {cumulative:,} as of {name} {_last_day(period)}, {year}.")
        text.append("NIO continues to expand its charging and battery swapping network and its sales and service network in China and abroad.")
        title_span = name + (", Fourth Quarter and Full Year" if mon == 12 else f" and {ORDINALS[mon // 3].capitalize()} Quarter" if quarterly else "")
        title = f"NIO Inc. Provides {title_span} {year} Delivery Update"
        releases.append(Release("nio", "delivery_update", period, title, day, _slug(title), text))
    for quarter in _quarters(figures, "nio-group"):
        year, q = _quarter(quarter)
        value, last_year = _deliveries(figures, "nio-group", quarter), _deliveries(figures, "nio-group", f"{year - 1}-Q{q}")
        title = f"NIO Inc. Reports Unaudited {ORDINALS[q].capitalize()} Quarter{' and Full Year' if q == 4 else ''} {year} Financial Results"
        day = results_day(quarter)
        text = [f"{dateline('SHANGHAI', day)} {NIO_INTRO}, today announced its unaudited financial results for the "
                f"{ORDINALS[q]} quarter{' and full year' if q == 4 else ''} {year}.",
                f"Vehicle deliveries were {value:,} in the {ORDINALS[q]} quarter of {year}{_yoy(value, last_year)}."]
        columns = [(f"Q{q} {year - 1}", last_year), (f"Q{q} {year}", value)]
        if q == 4:
            annual = _deliveries(figures, "nio-group", str(year))
            text.append(f"Vehicle deliveries were {annual:,} in {year}.")
            columns += [(f"Full Year {year - 1}", _deliveries(figures, "nio-group", str(year - 1))), (f"Full Year {year}", annual)]
            target = _target(figures, "nio-group", year + 1)
            if target:
                text.append(f"NIO Inc. targets deliveries of {target:,} vehicles in {year + 1}.")
        releases.append(Release("nio", "results", _quarter_end(quarter), title, day, _slug(title), text, [results_table("Deliveries", columns)]))
    return releases


# ---------------------------------------------------------------- XPeng


XPENG_INTRO = ('XPeng Inc. ("XPENG" or the "Company," NYSE: XPEV and HKEX: 9868), a leading Chinese smart electric '
               "vehicle company")


def xpeng_releases(figures: Figures) -> list[Release]:
    releases = []
    for period in _months(figures, "xpeng"):
        year, mon = parse_month(period)
        day, name = delivery_day(period), _month_name(period)
        value = _deliveries(figures, "xpeng", period)
        text = [f"{dateline('GUANGZHOU', day)} {XPENG_INTRO}, today announced its Smart EV delivery results for {name} {year}.",
                f"XPENG delivered a total of {value:,} Smart EVs in {name} {year}"
                f"{_yoy(value, _deliveries(figures, 'xpeng', shift_month(period, -12)), 'up')}."]
        annual = _deliveries(figures, "xpeng", str(year)) if mon == 12 else None
        if annual:
            overseas = figures.where(entity="xpeng", metric="deliveries", period=str(year))[0]["note"]
            including = f", including {overseas.split()[-1]} overseas deliveries" if overseas.startswith("overseas ") else ""
            text.append(f"XPENG's total deliveries in {year} reached {annual:,}{including}.")
        text.append("XPENG's Smart EVs are sold in China and a growing number of overseas markets.")
        title = f"XPENG Announces Vehicle Delivery Results for {name}{' and Full Year' if mon == 12 else ''} {year}"
        releases.append(Release("xpeng", "delivery_results", period, title, day, _slug(title), text))
    for year in sorted({int(r["period"]) for r in figures.where(entity="xpeng", metric="deliveries") if len(r["period"]) == 4}):
        annual, day = _deliveries(figures, "xpeng", str(year)), results_day(f"{year}-Q4")
        title = f"XPENG Reports Fourth Quarter and Fiscal Year {year} Unaudited Financial Results"
        text = [f"{dateline('GUANGZHOU', day)} {XPENG_INTRO}, today announced its unaudited financial results for the fourth quarter "
                f"and the fiscal year ended December 31, {year}.",
                f"Total deliveries of vehicles were {annual:,} for the fiscal year {year}."]
        target = _target(figures, "xpeng", year + 1)
        if target:
            text.append(f"XPENG targets total deliveries of {target:,} vehicles in {year + 1}.")
        columns = [(f"Fiscal Year {year - 1}", _deliveries(figures, "xpeng", str(year - 1))), (f"Fiscal Year {year}", annual)]
        releases.append(Release("xpeng", "results", month(year, 12), title, day, _slug(title), text, [results_table("Deliveries", columns)]))
    return releases


# ---------------------------------------------------------------- Li Auto


LI_INTRO = ('Li Auto Inc. ("Li Auto" or the "Company") (Nasdaq: LI; HKEX: 2015), a leader in China\'s new energy vehicle market')


def li_auto_releases(figures: Figures) -> list[Release]:
    releases = []
    for period in _months(figures, "li-auto"):
        year, mon = parse_month(period)
        day, name = delivery_day(period), _month_name(period)
        value = _deliveries(figures, "li-auto", period)
        text = [f"{dateline('BEIJING', day)} {LI_INTRO}, today announced that the Company delivered {value:,} vehicles in {name} {year}"
                f"{_yoy(value, _deliveries(figures, 'li-auto', shift_month(period, -12)))}."]
        quarterly = _deliveries(figures, "li-auto", f"{year}-Q{mon // 3}") if mon % 3 == 0 else None
        if quarterly:
            text.append(f"Li Auto delivered {quarterly:,} vehicles in the {ORDINALS[mon // 3]} quarter of {year}.")
        annual = _deliveries(figures, "li-auto", str(year)) if mon == 12 else None
        if annual:
            text.append(f"Li Auto delivered {annual:,} vehicles in {year}.")
        cumulative = figures.value("li-auto", "deliveries_cumulative", "all", period, "company")
        if cumulative:
            text.append(f"As of {name} {_last_day(period)}, {year}, Li Auto's cumulative deliveries reached {cumulative:,}.")
        text.append("Li Auto continues to grow its retail and servicing network across China.")
        title = f"Li Auto Inc. {name} {year} Delivery Update"
        releases.append(Release("li-auto", "delivery_update", period, title, day, _slug(title), text))
    for quarter in _quarters(figures, "li-auto"):
        year, q = _quarter(quarter)
        value, day = _deliveries(figures, "li-auto", quarter), results_day(quarter)
        title = f"Li Auto Inc. Announces Unaudited {ORDINALS[q].capitalize()} Quarter{' and Full Year' if q == 4 else ''} {year} Financial Results"
        text = [f"{dateline('BEIJING', day)} {LI_INTRO}, today announced its unaudited financial results for the quarter"
                f"{' and full year' if q == 4 else ''} ended {MONTH_NAMES[3 * q]} {_last_day(month(year, 3 * q))}, {year}.",
                f"Vehicle deliveries were {value:,} in the {ORDINALS[q]} quarter of {year}."]
        columns = [(f"Q{q} {year - 1}", _deliveries(figures, "li-auto", f"{year - 1}-Q{q}")), (f"Q{q} {year}", value)]
        if q == 4:
            columns += [(f"Full Year {year - 1}", _deliveries(figures, "li-auto", str(year - 1))), (f"Full Year {year}", _deliveries(figures, "li-auto", str(year)))]
        releases.append(Release("li-auto", "results", _quarter_end(quarter), title, day, _slug(title), text, [results_table("Deliveries", columns)]))
    return releases


# ---------------------------------------------------------------- Leapmotor


def leapmotor_releases(figures: Figures) -> list[Release]:
    releases = []
    for period in _months(figures, "leapmotor"):
        year, mon = parse_month(period)
        day, name = delivery_day(period), _month_name(period)
        value = _deliveries(figures, "leapmotor", period)
        text = [f"Leapmotor (HKEX: 9863) delivered {value:,} vehicles in {name} {year}"
                f"{_yoy(value, _deliveries(figures, 'leapmotor', shift_month(period, -12)), 'up')}."]
        quarterly = _deliveries(figures, "leapmotor", f"{year}-Q{mon // 3}") if mon % 3 == 0 else None
        if quarterly:
            text.append(f"In the {ORDINALS[mon // 3]} quarter of {year}, Leapmotor delivered {quarterly:,} vehicles.")
        annual = _deliveries(figures, "leapmotor", str(year)) if mon == 12 else None
        if annual:
            text.append(f"In {year}, Leapmotor delivered {annual:,} vehicles"
                        f"{_yoy(annual, _deliveries(figures, 'leapmotor', str(year - 1)), 'up')}.")
            target = _target(figures, "leapmotor", year + 1)
            if target:
                text.append(f"Leapmotor targets {target:,} deliveries in {year + 1}.")
        text.append("Leapmotor keeps expanding its sales network in China and, through Leapmotor International, in Europe.")
        title = f"Leapmotor Announces {name} {year} Delivery Results"
        releases.append(Release("leapmotor", "delivery_results", period, title, day, f"{day:%Y%m%d}{mon:02d}", text))
    for year in sorted({int(r["period"]) for r in figures.where(entity="leapmotor", metric="deliveries") if len(r["period"]) == 4}):
        if month(year, 12) in _months(figures, "leapmotor"):
            continue  # the December release states the year already
        annual, quarterly, day = _deliveries(figures, "leapmotor", str(year)), _deliveries(figures, "leapmotor", f"{year}-Q4"), results_day(f"{year}-Q4")
        text = [f"Leapmotor (HKEX: 9863) announced its annual results for the year ended December 31, {year}.",
                f"In {year}, Leapmotor delivered {annual:,} vehicles."]
        if quarterly:
            text.append(f"In the fourth quarter of {year}, Leapmotor delivered {quarterly:,} vehicles.")
        target = _target(figures, "leapmotor", year + 1)
        if target:
            text.append(f"Leapmotor targets {target:,} deliveries in {year + 1}.")
        title = f"Leapmotor Announces {year} Annual Results"
        releases.append(Release("leapmotor", "results", month(year, 12), title, day, f"{day:%Y%m%d}99", text))
    return releases


# ---------------------------------------------------------------- Zeekr


def _zeekr_intro(group: bool) -> str:
    term = "ZEEKR Group" if group else "ZEEKR"
    return f'ZEEKR Intelligent Technology Holding Limited ("{term}" or the "Company") (NYSE: ZK), a global premium new energy vehicle group'


def zeekr_releases(figures: Figures) -> list[Release]:
    releases = []

    def subject(entity: str) -> str:
        return "ZEEKR Group" if entity == "zeekr-group" else "The ZEEKR brand"

    for entity in ("zeekr", "zeekr-group"):
        for period in _months(figures, entity):
            year, mon = parse_month(period)
            day, name, value = delivery_day(period), _month_name(period), _deliveries(figures, entity, period)
            text = [f"{dateline('HANGZHOU', day)} {_zeekr_intro(entity == 'zeekr-group')}, today announced its delivery results for {name} {year}.",
                    f"{subject(entity)} delivered {value:,} vehicles in {name} {year}."]
            if entity == "zeekr-group":
                text.append("ZEEKR Group's deliveries include the ZEEKR and Lynk & Co brands.")
            title = f"ZEEKR{' Group' if entity == 'zeekr-group' else ''} Announces {name} {year} Delivery Results"
            releases.append(Release("zeekr", "delivery_results", period, title, day, _slug(title), text))
        for quarter in _quarters(figures, entity):
            year, q = _quarter(quarter)
            value, day = _deliveries(figures, entity, quarter), results_day(quarter)
            group = entity == "zeekr-group"
            text = [f"{dateline('HANGZHOU', day)} {_zeekr_intro(group)}, today announced its unaudited financial results for the "
                    f"{ORDINALS[q]} quarter{' and full year' if q == 4 else ''} {year}.",
                    f"{subject(entity)} delivered {value:,} vehicles in the {ORDINALS[q]} quarter of {year}."]
            annual = _deliveries(figures, entity, str(year)) if q == 4 else None
            if annual:
                text.append(f"{subject(entity)} delivered {annual:,} vehicles in {year}.")
            target = _target(figures, entity, year) if (entity, q) == ("zeekr", 1) else None
            if target:
                text.append(f"The Company reiterated its {year} delivery target of {target:,} vehicles for the ZEEKR brand.")
            if q == 4:
                group_target = _target(figures, "zeekr-group", year + 1)
                if group_target:
                    text.append(f"ZEEKR Group targets {group_target:,} deliveries in {year + 1}, across the ZEEKR and Lynk & Co brands.")
            title = f"ZEEKR{' Group' if group else ''} Reports Unaudited {ORDINALS[q].capitalize()} Quarter{' and Full Year' if q == 4 else ''} {year} Financial Results"
            releases.append(Release("zeekr", "results", _quarter_end(quarter), title, day, _slug(title), text))
    return releases


# ---------------------------------------------------------------- Notified and Leapmotor pages

NOTIFIED = {  # source -> (its newsroom, the company's name in page titles)
    "nio": (nio.NEWSROOM, "NIO Inc."),
    "xpeng": (xpeng.NEWSROOM, "XPeng Inc."),
    "li-auto": (li_auto.NEWSROOM, "Li Auto Inc."),
    "zeekr": (zeekr.NEWSROOM, "ZEEKR Intelligent Technology Holding Limited"),
}


def _slug(title: str) -> str:
    return "-".join("".join(c for c in word.lower() if c.isalnum()) for word in title.split())[:90].strip("-")


def _table_html(rows: list[list[str]]) -> str:
    head, *body = rows
    cells = lambda row, tag: "".join(f"<{tag}>{escape(c)}</{tag}>" for c in row)  # noqa: E731
    return (f'<table class="operating-highlights"><thead><tr>{cells(head, "th")}</tr></thead><tbody>'
            + "".join(f"<tr>{cells(row, 'td')}</tr>" for row in body) + "</tbody></table>")


def notified_page(company: str, release: Release) -> str:
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in release.paragraphs)
    tables = "\n".join(f"<p><b>Operating Highlights</b></p>{_table_html(t)}" for t in release.tables)
    when = release.published
    return f"""<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<title>{escape(release.title)} | {escape(company)}</title>
<meta property="og:title" content="{escape(release.title)}">
</head>
<body class="path-node page-node-type-nir-news">
<header class="site-header"><a href="/">{escape(company)} - Investor Relations</a></header>
<main id="main-content">
<article class="node node--type-nir-news node--view-mode-full">
<div class="nir-widget--field nir-widget--news--date-time"><time datetime="{when.isoformat()}T08:00:00+08:00">{MONTH_NAMES[when.month]} {when.day:02d}, {when.year}</time></div>
<h1 class="article-heading">{escape(release.title)}</h1>
<div class="node__content">
{paragraphs}
{tables}
<p>Safe Harbor Statement: this press release contains forward-looking statements, which involve inherent risks and uncertainties.</p>
</div>
</article>
</main>
<footer class="site-footer">© {escape(company)}</footer>
</body>
</html>
"""


def notified_list(company: str, items: list[Release], pages: int) -> str:
    entries = "\n".join(
        f"""<article class="node node--nir-news--nir-widget-list">
<div class="nir-widget--field nir-widget--news--date-time">{MONTH_NAMES[r.published.month][:3]} {r.published.day}, {r.published.year}</div>
<div class="nir-widget--field nir-widget--news--headline"><a href="/news-releases/news-release-details/{r.slug}" hreflang="en">{escape(r.title)}</a></div>
</article>"""
        for r in items
    )
    pager = " ".join(f'<li class="pager__item"><a href="?page={n}">{n + 1}</a></li>' for n in range(pages))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>News Releases | {escape(company)}</title></head>
<body><main id="main-content"><h1>News Releases</h1>
<div class="nir-widget--list">
{entries}
</div>
<nav class="pager" role="navigation"><ul class="pager__items js-pager__items">{pager}</ul></nav>
</main></body></html>
"""


def leapmotor_page(release: Release) -> str:
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in release.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(release.title)} - Leapmotor</title></head>
<body><div class="header"><a href="/en/">Leapmotor Investor Relations</a></div>
<div class="news-detail">
<h1>{escape(release.title)}</h1>
<span class="news-date">{release.published.isoformat()}</span>
<div class="news-content">
{paragraphs}
</div>
</div>
<div class="footer">Zhejiang Leapmotor Technology Co., Ltd.</div>
</body></html>
"""


def leapmotor_list(items: list[Release], pages: int) -> str:
    entries = "\n".join(
        f'<li><a class="news-title" href="/en/news/{r.slug}">{escape(r.title)}</a><span class="news-date">{r.published.isoformat()}</span></li>'
        for r in items
    )
    pager = " ".join(f'<a href="/en/news?page={n}">{n}</a>' for n in range(1, pages + 1))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>News - Leapmotor</title></head>
<body><div class="news"><ul class="news-list">
{entries}
</ul><div class="pagination">{pager}</div></div></body></html>
"""


def _html_doc(url: str, release: Release, html: str) -> SampleDoc:
    return SampleDoc(
        url=url, source=release.source, kind=release.kind, period=release.period, content=html.encode("utf-8"),
        content_type="text/html; charset=utf-8", fetched_at=f"{release.published.isoformat()}T02:00:00+00:00",
        encoding="utf-8", title=release.title,
    )


def _list_doc(url: str, source: str, html: str, newest: date) -> SampleDoc:
    return SampleDoc(url=url, source=source, kind="list", period="", content=html.encode("utf-8"),
                     content_type="text/html; charset=utf-8", fetched_at=f"{newest.isoformat()}T03:00:00+00:00", encoding="utf-8")


def _pages(releases: list[Release]) -> list[list[Release]]:
    ordered = sorted(releases, key=lambda r: (r.published, r.title), reverse=True)
    return [ordered[i : i + LIST_PAGE_SIZE] for i in range(0, len(ordered), LIST_PAGE_SIZE)]


def notified_docs(releases: list[Release]) -> list[SampleDoc]:
    docs = []
    for source in sorted({r.source for r in releases}):
        newsroom, company = NOTIFIED[source]
        mine = [r for r in releases if r.source == source]
        docs += [_html_doc(f"{newsroom.base_url}/news-releases/news-release-details/{r.slug}", r, notified_page(company, r)) for r in mine]
        pages = _pages(mine)
        newest = pages[0][0].published
        docs += [_list_doc(f"{newsroom.base_url}/{newsroom.list_path.format(page=n)}", source, notified_list(company, items, len(pages)), newest)
                 for n, items in enumerate(pages, start=newsroom.layout.first_page)]
    return docs


def leapmotor_docs(releases: list[Release]) -> list[SampleDoc]:
    site = leapmotor.NEWSROOM
    docs = [_html_doc(f"{site.base_url}/en/news/{r.slug}", r, leapmotor_page(r)) for r in releases]
    pages = _pages(releases)
    docs += [_list_doc(f"{site.base_url}/{site.list_path.format(page=n)}", "leapmotor", leapmotor_list(items, len(pages)), pages[0][0].published)
             for n, items in enumerate(pages, start=site.layout.first_page)]
    return docs


# ---------------------------------------------------------------- Xiaomi posts


@dataclass(frozen=True)
class Post:
    period: str
    created: datetime
    text: str
    mblogid: str


XIAOMI_ENGLISH = {
    "2025-07": "Xiaomi EV delivered more than {value:,} vehicles in July. Thank you to every owner for your trust!",
    "2025-09": "In September, we delivered over {value:,} vehicles. Xiaomi YU7 and Xiaomi SU7 owners, thank you!",
    "2025-10": "{value:,}+ deliveries in October! Xiaomi EV keeps growing, thanks to all of you.",
}


def xiaomi_posts(figures: Figures) -> list[Post]:
    posts = []
    rows = [r for r in figures.where(entity="xiaomi", metric="deliveries", basis="company") if re.fullmatch(r"\d{4}-\d{2}", r["period"])]
    for index, row in enumerate(sorted(rows, key=lambda r: r["period"])):
        period, value = row["period"], int(row["value"])
        mon = parse_month(period)[1]
        if period in XIAOMI_ENGLISH:
            text = XIAOMI_ENGLISH[period].format(value=value)
        elif row["qualifier"] == "at_least":
            word, number = ("超过", str(value)) if index % 2 else ("突破", f"{value:,}")
            text = f"{mon}月小米汽车交付量{word}{number}台，感谢每一位用户的信任与支持！"
        else:
            # A figure later revised in a filing was first posted as announced ("first announced as 8,630").
            announced = re.match(r"first announced as ([\d,]+)", row["note"])
            value = int(announced.group(1).replace(",", "")) if announced else value
            text = f"小米汽车{mon}月交付{value}台，感谢每一位车主的耐心等待！"
        if mon == 12:
            annual = figures.where(entity="xiaomi", metric="deliveries", basis="company", period=period[:4])
            if annual and annual[0]["qualifier"] == "at_least":
                text = text.replace("，感谢", f"；{period[:4]}年全年交付超过{int(annual[0]['value']) // 10_000}万台，感谢")
        day = delivery_day(period)
        posts.append(Post(period, datetime(day.year, day.month, day.day, 10, 0, tzinfo=timezone(timedelta(hours=8))), text, f"P{period.replace('-', '')}a"))
    later = figures.where(entity="xiaomi", metric="target", period="2025")[0]["note"]
    if "'over 400,000' on 2025-11-20" in later:
        posts.append(Post("2025-11", datetime(2025, 11, 20, 12, 0, tzinfo=timezone(timedelta(hours=8))),
                          "2025年全年交付目标提升至超过40万台，全力以赴！", "P202511t"))
    target_2026 = _target(figures, "xiaomi", 2026)
    if target_2026:
        posts.append(Post("2026-01", datetime(2026, 1, 5, 20, 0, tzinfo=timezone(timedelta(hours=8))),
                          f"雷军直播：2026年交付目标为{target_2026 // 10_000}万台。", "P202601t"))
    return posts


def _weibo_created(moment: datetime) -> str:
    return moment.strftime("%a %b %d %H:%M:%S %z %Y")


def _weibo_post(post: Post) -> dict:
    return {"id": int(post.created.timestamp()), "mblogid": post.mblogid, "created_at": _weibo_created(post.created),
            "text_raw": post.text, "user": {"id": int(xiaomi.WEIBO_UID), "screen_name": xiaomi.ACCOUNT_NAMES[0]}, "source": "微博网页版"}


def xiaomi_post_docs(figures: Figures) -> list[SampleDoc]:
    posts = sorted(xiaomi_posts(figures), key=lambda p: p.created, reverse=True)
    docs = [
        SampleDoc(url=f"{xiaomi.WEIBO_BASE_URL}/{xiaomi.post_path(p.mblogid)}", source="xiaomi", kind="post", period=p.period,
                  content=json.dumps({"ok": 1, **_weibo_post(p)}, ensure_ascii=False, indent=1).encode("utf-8"),
                  content_type="application/json; charset=utf-8", fetched_at=(p.created + timedelta(hours=2)).isoformat(),
                  encoding="utf-8", title=p.text[:40])
        for p in posts
    ]
    pages = [posts[i : i + LIST_PAGE_SIZE] for i in range(0, len(posts), LIST_PAGE_SIZE)] + [[]]
    for n, items in enumerate(pages, start=1):
        body = {"ok": 1, "data": {"since_id": "", "list": [_weibo_post(p) for p in items], "total": len(posts)}}
        docs.append(SampleDoc(url=f"{xiaomi.WEIBO_BASE_URL}/{xiaomi.timeline_path(n)}", source="xiaomi", kind="list",
                              period="", content=json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"),
                              content_type="application/json; charset=utf-8", fetched_at=posts[0].created.isoformat(), encoding="utf-8"))
    return docs


# ---------------------------------------------------------------- HKEX filings


@dataclass(frozen=True)
class Filing:
    source: str
    stock_code: str
    period: str
    title: str
    published: date
    content: bytes
    sequence: int

    @property
    def path(self) -> str:
        return f"/listedco/listconews/sehk/{self.published:%Y}/{self.published:%m%d}/{self.published:%Y%m%d}{self.sequence:05d}.pdf"


XIAOMI_RESULTS_DAYS = {
    1: lambda year: date(year, 5, 27), 2: lambda year: date(year, 8, 20), 3: lambda year: date(year, 11, 18), 4: lambda year: date(year + 1, 3, 18),
}
XIAOMI_RESULTS = {
    2: ("INTERIM RESULTS ANNOUNCEMENT FOR THE SIX MONTHS ENDED JUNE 30, {year}", "second"),
    1: ("RESULTS ANNOUNCEMENT FOR THE THREE MONTHS ENDED MARCH 31, {year}", "first"),
    3: ("RESULTS ANNOUNCEMENT FOR THE THREE MONTHS ENDED SEPTEMBER 30, {year}", "third"),
    4: ("ANNUAL RESULTS ANNOUNCEMENT FOR THE YEAR ENDED DECEMBER 31, {year}", "fourth"),
}


def xiaomi_filings(figures: Figures) -> list[Filing]:
    filings = []
    for row in figures.where(entity="xiaomi", metric="deliveries", basis="company-quarterly"):
        if "-Q" not in row["period"]:
            continue
        year, q = _quarter(row["period"])
        title, ordinal = XIAOMI_RESULTS[q]
        series = "Xiaomi SU7 and Xiaomi YU7 series" if (year, q) >= (2025, 3) else "Xiaomi SU7 series"
        text = [f"The board of directors (the \"Board\") of Xiaomi Corporation (the \"Company\") announces the unaudited results of the "
                f"Company and its subsidiaries (the \"Group\") for the period ended {MONTH_NAMES[3 * q]} {_last_day(month(year, 3 * q))}, {year}.",
                "Smart EV and AI-related new initiatives",
                f"In the {ordinal} quarter of {year}, a total of {int(row['value']):,} units of the {series} were delivered."]
        revised = figures.where(entity="xiaomi", metric="deliveries", basis="company", period=f"{year}-05")
        if q == 2 and revised and "revised to" in revised[0]["note"]:
            text.append(f"In May {year}, {int(revised[0]['value']):,} units of the Xiaomi SU7 were delivered.")
        if q == 4:
            annual = figures.value("xiaomi", "deliveries", "all", str(year), "company-quarterly")
            text.append(f"In {year}, a total of {annual:,} units of the {series} were delivered.")
            raised = figures.where(entity="xiaomi", metric="target", period=str(year + 1))
            if raised and "raised from 300,000 to 350,000" in raised[0]["note"]:
                text.append(f"The Group raised its {year + 1} delivery target from 300,000 units to {int(raised[0]['value']):,} units.")
        if (year, q) == (2024, 3):
            text.append(f"The Group raised its {year} delivery target to {_target(figures, 'xiaomi', year):,} units.")
        published = XIAOMI_RESULTS_DAYS[q](year)
        filings.append(Filing("xiaomi-hkex", xiaomi.STOCK_CODE, _quarter_end(row["period"]), title.format(year=year), published,
                              xiaomi_results_pdf([title.format(year=year)], published, text), 800 + q))
    return filings


BYD_ROWS = (
    ("New energy vehicles", "sales", "nev", "all"),
    ("Passenger vehicles", "sales", "nev", "passenger"),
    ("- Battery electric vehicles", "sales", "bev", "passenger"),
    ("- Plug-in hybrid vehicles", "sales", "phev", "passenger"),
    ("Commercial vehicles", None, None, None),
    ("- Bus", None, None, None),
    ("- Others", None, None, None),
    ("Overseas sales of new energy vehicles", "overseas_sales", "nev", "all"),
)


def byd_cells(figures: Figures, metric: str | None, scope: str | None, segment: str | None, period: str) -> list[str]:
    """This month, same month last year, change, YTD, YTD last year, change: CSV values or blank."""
    if metric is None:
        return [""] * 6
    year, mon = parse_month(period)
    value = lambda p: next((int(r["value"]) for r in figures.where(entity="byd", metric=metric, scope=scope, segment=segment, period=p)), None)  # noqa: E731
    now, before = value(period), value(shift_month(period, -12))
    ytd, ytd_before = (value(str(year)), value(str(year - 1))) if mon == 12 else (None, None)
    show = lambda v: f"{v:,}" if v is not None else ""  # noqa: E731
    change = lambda a, b: f"{pct_change(a, b):.1f}%" if pct_change(a, b) is not None else ""  # noqa: E731
    return [show(now), show(before), change(now, before), show(ytd), show(ytd_before), change(ytd, ytd_before)]


def byd_columns(period: str) -> list[str]:
    year, mon = parse_month(period)
    name = MONTH_NAMES[mon]
    return [f"{name} {year}", f"{name} {year - 1}", "Year-on-year change", f"January to {name} {year}", f"January to {name} {year - 1}", "Year-on-year change"]


def byd_filings(figures: Figures) -> list[Filing]:
    rows = figures.where(entity="byd", basis="company")
    periods = sorted({r["period"] for r in rows if re.fullmatch(r"\d{4}-\d{2}", r["period"])} | {f"{r['period']}-12" for r in rows if len(r["period"]) == 4})
    filings = []
    for index, period in enumerate(periods):
        published = delivery_day(period)
        table = [(label, byd_cells(figures, metric, scope, segment, period)) for label, metric, scope, segment in BYD_ROWS]
        title = f"VOLUNTARY ANNOUNCEMENT - PRODUCTION AND SALES VOLUME FOR {month_label(period).upper()}"
        filings.append(Filing("byd", byd.STOCK_CODE, period, title, published, byd_volume_pdf(period, published, byd_columns(period), table), 100 + index))
    return filings


def hkex_titlesearch(filings: list[Filing]) -> str:
    rows = "\n".join(
        f"""<tr>
<td class="text-right text-end release-time"><span class="mobile-list-heading">Release Time: </span>{f.published:%d/%m/%Y} 17:00</td>
<td class="text-right text-end stock-short-code"><span class="mobile-list-heading">Stock Code: </span>{f.stock_code}</td>
<td class="stock-short-name">{'BYD COMPANY' if f.source == 'byd' else 'XIAOMI-W'}</td>
<td><div class="headline">Announcements and Notices - [{'Voluntary Announcements' if f.source == 'byd' else 'Final Results'}]</div>
<div class="doc-link"><a href="{f.path}" target="_blank">{escape(f.title)}</a> <span class="attachment_filesize">(120KB)</span></div></td>
</tr>"""
        for f in sorted(filings, key=lambda f: f.published, reverse=True)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>HKEXnews - Title Search</title></head>
<body><div id="titleSearchResultPanel"><div class="component-loadmore-leftPart__container">Total records found: {len(filings)}</div>
<table class="table sticky-header-table table-scroll table-mobile-list"><thead><tr><th>Release Time</th><th>Stock Code</th>
<th>Stock Short Name</th><th>Document</th></tr></thead>
<tbody>
{rows}
</tbody></table></div></body></html>
"""


def hkex_docs(filings: list[Filing], start: str, end: str) -> list[SampleDoc]:
    """The PDFs, each stock's prefix lookup, and a title-search page per stock and month (as discovery asks for them)."""
    docs = [
        SampleDoc(url=f"{hkex.BASE_URL}{f.path}", source=f.source, kind="production_sales" if f.source == "byd" else "results", period=f.period,
                  content=f.content, content_type="application/pdf", fetched_at=f"{f.published.isoformat()}T10:00:00+00:00", title=f.title)
        for f in filings
    ]
    for source, code, months_after in (("byd", byd.STOCK_CODE, byd.MONTHS_AFTER), ("xiaomi-hkex", xiaomi.STOCK_CODE, xiaomi.RESULTS_MONTHS_AFTER)):
        answer = {"more": "0", "stockInfo": [{"stockId": int(HKEX_STOCK_IDS[code]), "code": code, "name": "BYD COMPANY" if source == "byd" else "XIAOMI-W"}]}
        docs.append(SampleDoc(url=f"{hkex.BASE_URL}/{hkex.prefix_path(code)}", source=source,
                              kind="list", period="", content=f"callback({json.dumps(answer)});".encode("utf-8"),
                              content_type="text/javascript; charset=utf-8", fetched_at="2026-03-01T00:00:00+00:00", encoding="utf-8"))
        for period in month_range(start, end):
            first, last = hkex.filing_window(period, months_after)
            window = [f for f in filings if f.source == source and first <= f.published <= last]
            docs.append(SampleDoc(
                url=f"{hkex.BASE_URL}/{hkex.titlesearch_path(HKEX_STOCK_IDS[code], first, last)}", source=source, kind="list", period="",
                content=hkex_titlesearch(window).encode("utf-8"), content_type="text/html; charset=utf-8",
                fetched_at=f"{first.isoformat()}T00:00:00+00:00", encoding="utf-8"))
    return docs


# ---------------------------------------------------------------- all makers


def write(figures: Figures, start: str = "2024-01", end: str = "2026-02") -> list[SampleDoc]:
    notified = nio_releases(figures) + xpeng_releases(figures) + li_auto_releases(figures) + zeekr_releases(figures)
    return (
        notified_docs(notified)
        + leapmotor_docs(leapmotor_releases(figures))
        + xiaomi_post_docs(figures)
        + hkex_docs(xiaomi_filings(figures) + byd_filings(figures), start, end)
    )
