"""Documents from the channels that carry the same figures, written for the samples.

The figures of `figures.csv` reach readers through many hands: a Chinese
portal reprinting CPCA's monthly numbers (simplified script, plain text with
a byline, or traditional script in a page laid out with bare divs), a wire
copy of a maker's monthly release (a GlobeNewswire dateline and the
`("NIO" or the "Company")` definition), a results release whose deliveries
table was flattened into one line of text, an English story with a ranking
table in pipes, a Chinese story about a maker. Each is written in our own
words, in the layout and wording such documents use, and states only figures
the CSV holds (changes computed from CSV values at both ends). None is on a
site a source discovers: they stand for documents handed to `extract` or
archived from elsewhere, filed under source `press` and read by content.
"""

from __future__ import annotations

from dataclasses import dataclass

from samples.writers import Figures, SampleDoc, pct_change, wan


@dataclass(frozen=True)
class Reprint:
    url: str
    period: str
    published: str  # ISO date
    title: str
    body: str
    content_type: str = "text/plain; charset=utf-8"


def _market(figures: Figures, metric: str, scope: str, period: str) -> int:
    value = figures.value("market", metric, scope, period, "cpca-monthly-analysis")
    if value is None:
        raise KeyError(f"figures.csv has no market {metric}/{scope} {period}")
    return value


def _change(figures: Figures, metric: str, scope: str, period: str) -> str:
    year, mon = period.split("-")
    change = pct_change(_market(figures, metric, scope, period), _market(figures, metric, scope, f"{int(year) - 1}-{mon}"))
    return f"同比{'增长' if change >= 0 else '下降'}{abs(change):.1f}%"


def cpca_reprint_simplified(figures: Figures) -> Reprint:
    """A portal's plain-text reprint of CPCA's October 2025 numbers, with its byline and date."""
    p = "2025-10"
    retail, nev_retail = _market(figures, "retail", "all", p), _market(figures, "retail", "nev", p)
    wholesale, nev_wholesale = _market(figures, "wholesale", "all", p), _market(figures, "wholesale", "nev", p)
    title = f"乘联分会：10月全国乘用车零售{wan(retail)}万辆"
    body = "\n\n".join([
        title,
        "来源：车市观察 2025-11-10 10:32",
        f"乘联分会11月10日发布数据，10月全国乘用车市场零售{wan(retail)}万辆，{_change(figures, 'retail', 'all', p)}；"
        f"新能源乘用车零售{wan(nev_retail)}万辆，{_change(figures, 'retail', 'nev', p)}。",
        f"厂商批发方面，10月全国乘用车厂商批发{wan(wholesale)}万辆，{_change(figures, 'wholesale', 'all', p)}；"
        f"其中新能源厂商批发{wan(nev_wholesale)}万辆，{_change(figures, 'wholesale', 'nev', p)}。",
        "自主品牌零售份额继续走高，主流合资品牌份额小幅回落。",
    ])
    return Reprint("https://auto.example.cn/news/2025/11/10/cpca-october.txt", p, "2025-11-10", title, body + "\n")


def cpca_reprint_traditional(figures: Figures) -> Reprint:
    """A traditional-script reprint of CPCA's September 2025 numbers, in a page of bare divs."""
    p = "2025-09"
    retail, nev_retail = _market(figures, "retail", "all", p), _market(figures, "retail", "nev", p)
    wholesale, nev_wholesale = _market(figures, "wholesale", "all", p), _market(figures, "wholesale", "nev", p)
    change = lambda metric, scope: _change(figures, metric, scope, p).replace("增长", "增長")  # noqa: E731
    title = f"乘聯會：9月新能源車零售{wan(nev_retail)}萬輛"
    paragraphs = [
        f"據乘聯會數據，9月全國乘用車市場零售{wan(retail)}萬輛，{change('retail', 'all')}；"
        f"新能源乘用車零售{wan(nev_retail)}萬輛，{change('retail', 'nev')}。",
        f"9月全國乘用車廠商批發{wan(wholesale)}萬輛，{change('wholesale', 'all')}；新能源廠商批發{wan(nev_wholesale)}萬輛，"
        f"{change('wholesale', 'nev')}。",
        "乘聯會表示，金九銀十旺季效應明顯，各地促銷活動密集。",
    ]
    body = "".join(f"<div class=\"txt\">{p}</div>" for p in paragraphs)
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}_汽車頻道</title></head>
<body><div class="top-bar">首頁 | 汽車 | 財經</div>
<div class="news-wrap"><div class="news-title">{title}</div>
<div class="news-info">發佈時間：2025-10-13 08:20　來源：財經快訊</div>
<div class="news-body">{body}</div></div>
<div class="copyright">版權所有</div></body></html>
"""
    return Reprint("https://hk.example.com/auto/20251013/cpca-september.html", p, "2025-10-13", title, page, "text/html; charset=utf-8")


def nio_wire_copy(figures: Figures) -> Reprint:
    """A wire copy of NIO's December 2025 delivery release."""
    p = "2025-12"
    group = figures.value("nio-group", "deliveries", "all", p, "company")
    brand, onvo, firefly = (figures.value(e, "deliveries", "all", p, "company") for e in ("nio", "onvo", "firefly"))
    cumulative = figures.value("nio-group", "deliveries_cumulative", "all", p, "company")
    title = "NIO Inc. Provides December and Full Year 2025 Delivery Update"
    body = "\n\n".join([
        title,
        "SHANGHAI, China, Jan. 01, 2026 (GLOBE NEWSWIRE) -- NIO Inc. (NYSE: NIO; HKEX: 9866; SGX: NIO) (\"NIO\" or the "
        "\"Company\"), a pioneer in the global smart electric vehicle market, today provided its December 2025 delivery update.",
        f"The Company delivered {group:,} vehicles in December 2025, consisting of {brand:,} vehicles from its premium smart electric "
        f"vehicle brand NIO, {onvo:,} vehicles from its family-oriented smart electric vehicle brand ONVO, and {firefly:,} vehicles "
        f"from its small smart high-end electric car brand firefly.",
        f"Cumulative deliveries of the Company's vehicles reached {cumulative:,} as of December 31, 2025.",
        "About NIO Inc.: NIO designs, develops and sells smart electric vehicles.",
    ])
    return Reprint("https://wire.example.com/news-release/2026/01/01/nio-december-2025-deliveries.txt", p, "2026-01-01", title, body + "\n")


def xiaomi_results_copy(figures: Figures) -> Reprint:
    """A results release whose quarterly deliveries table lost its cells: periods on one line, counts on the next."""
    quarters = ["2025-Q3", "2025-Q2", "2025-Q1", "2024-Q4", "2024-Q3", "2024-Q2"]
    values = [figures.value("xiaomi", "deliveries", "all", q, "company-quarterly") for q in quarters]
    header = " ".join(f"{q[:4]} {q[5:]}" for q in quarters)
    title = "Xiaomi Corporation Announces Third Quarter 2025 Results"
    body = "\n\n".join([
        title,
        "BEIJING, Nov. 18, 2025 -- Xiaomi Corporation (\"Xiaomi\" or the \"Company\") (HKEX: 1810) today announced its unaudited "
        "results for the three months ended September 30, 2025.",
        "Smart EV and AI-related new initiatives",
        f"{header}\nVehicle deliveries {' '.join(f'{v:,}' for v in values)}",
        "Revenues from the smart EV segment grew on higher deliveries of the SU7 and YU7 series.",
    ])
    return Reprint("https://filings.example.com/xiaomi/2025-q3-results.txt", "2025-09", "2025-11-18", title, body + "\n")


def ranking_story(figures: Figures) -> Reprint:
    """An English story with CPCA's NEV wholesale ranking of October 2024 as a pipe table."""
    p = "2024-10"
    makers = [("byd", "BYD"), ("geely", "Geely"), ("tesla-china", "Tesla China"), ("li-auto", "Li Auto"), ("leapmotor", "Leapmotor")]
    rows = [(name, figures.value(entity, "wholesale", "nev", p, "cpca-maker-flash")) for entity, name in makers]
    table = "\n".join(["| Rank | Automaker | NEV Wholesale |", "|---|---|---|"]
                      + [f"| {i} | {name} | {value:,} |" for i, (name, value) in enumerate(rows, start=1)])
    title = "BYD leads October NEV wholesale ranking as Geely climbs"
    body = "\n\n".join([
        title,
        "Published: November 12, 2024",
        "The China Passenger Car Association (CPCA) released its ranking of new energy passenger vehicle wholesale by maker "
        "for October on Tuesday.",
        table,
        "BYD stayed far ahead of its rivals, while Leapmotor entered the top five for the first time this year.",
    ])
    return Reprint("https://evnews.example.com/2024/11/12/october-nev-wholesale-ranking/", p, "2024-11-12", title, body + "\n")


def leapmotor_story_traditional(figures: Figures) -> Reprint:
    """A traditional-script news story on Leapmotor's December and full-year 2025 deliveries."""
    december = figures.value("leapmotor", "deliveries", "all", "2025-12", "company")
    quarter = figures.value("leapmotor", "deliveries", "all", "2025-Q4", "company")
    year = figures.value("leapmotor", "deliveries", "all", "2025", "company")
    title = "零跑汽車去年交付量創新高"
    body = "\n\n".join([
        title,
        "記者綜合報導　2026-01-02",
        f"零跑汽車1日公佈，12月交付{december}輛；第四季度累計交付{quarter}輛；2025年全年累計交付{year}輛，穩居新勢力首位。",
        "公司表示，新車型上市後訂單持續增加，海外市場亦有進展。",
    ])
    return Reprint("https://tw.example.com/news/20260102/leapmotor-2025.txt", "2025-12", "2026-01-02", title, body + "\n")


WRITERS = (cpca_reprint_simplified, cpca_reprint_traditional, nio_wire_copy, xiaomi_results_copy, ranking_story,
           leapmotor_story_traditional)


def write(figures: Figures) -> list[SampleDoc]:
    return [
        SampleDoc(
            url=doc.url, source="press", kind="article", period=doc.period, content=doc.body.encode("utf-8"),
            content_type=doc.content_type, fetched_at=f"{doc.published}T06:00:00+00:00", encoding="utf-8", title=doc.title,
        )
        for doc in (writer(figures) for writer in WRITERS)
    ]
