"""A clearly SYNTHETIC ten-year archive of CPCA monthly-analysis pages, for the benchmarks at scale.

    from synthetic_corpus import synthetic_home, MONTHS
    synthetic_home(home, documents=3000)   # archives into home/raw

One made-up market (random values, never real figures, every page says so) over 2014-01..2023-12, the ten
years before the samples begin, so a backfill of those months reads these documents and no sample. The
values hang together as the validation suites ask (NEV within all powertrains, BEV + PHEV within NEV, YoY
and MoM computed from the values they compare), so a backfill validates and publishes them like real data.
Each month is stated by `documents / 120` pages (reprints of one another, each its own document), so the
documents grow and the months do not.
"""

from __future__ import annotations

import random
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from samples.writers.cpca_site import page_html  # noqa: E402
from warehouse.archive import Archive  # noqa: E402

YEARS = range(2014, 2024)
MONTHS = (f"{YEARS[0]}-01", f"{YEARS[-1]}-12")
SERIES = ("retail", "wholesale", "nev_retail", "nev_wholesale", "bev", "phev")  # 万辆, one decimal


def market(seed: int = 7) -> dict[tuple[int, int], dict[str, float]]:
    """(year, month) -> each series' value in 万辆: all powertrains 120-260, NEV a share of it, BEV + PHEV within NEV."""
    rng, values = random.Random(seed), {}
    for year in YEARS:
        for mon in range(1, 13):
            retail, wholesale = rng.randint(1200, 2600) / 10, rng.randint(1200, 2600) / 10
            nev_wholesale = round(wholesale * rng.uniform(0.05, 0.5), 1)
            bev = round(nev_wholesale * rng.uniform(0.5, 0.7), 1)
            phev = round((nev_wholesale - bev) * rng.uniform(0.6, 0.95), 1)
            values[year, mon] = {
                "retail": retail, "wholesale": wholesale, "nev_retail": round(retail * rng.uniform(0.05, 0.5), 1),
                "nev_wholesale": nev_wholesale, "bev": bev, "phev": phev,
            }
    return values


def _change(now: float, then: float | None, rising: str, falling: str) -> str:
    """'同比增长12.3%' from two values, or '' when there is nothing to compare with."""
    if not then:
        return ""
    pct = round((now / then - 1) * 100, 1)
    return f"，{rising if pct >= 0 else falling}{abs(pct)}%"


def page(values: dict, year: int, mon: int) -> bytes:
    """The month's page: its values, YoY on last year's, MoM on last month's."""
    v = values[year, mon]
    last_year = values.get((year - 1, mon), {})
    last_month = values.get((year, mon - 1) if mon > 1 else (year - 1, 12), {})
    paragraphs = [
        f"零售：{mon}月全国乘用车市场零售{v['retail']}万辆"
        f"{_change(v['retail'], last_year.get('retail'), '同比增长', '同比下降')}"
        f"{_change(v['retail'], last_month.get('retail'), '环比增长', '环比下降')}。",
        f"批发：{mon}月全国乘用车厂商批发{v['wholesale']}万辆"
        f"{_change(v['wholesale'], last_year.get('wholesale'), '同比增长', '同比下降')}。",
        f"{mon}月新能源乘用车市场零售{v['nev_retail']}万辆"
        f"{_change(v['nev_retail'], last_year.get('nev_retail'), '同比增长', '同比下降')}。",
        f"{mon}月全国乘用车厂商新能源批发{v['nev_wholesale']}万辆。",
        f"新能源批发中，纯电动批发{v['bev']}万辆；狭义插混批发{v['phev']}万辆。",
        "（合成基准数据，非真实发布）",
    ]
    title = f"【月度分析】{year}年{mon}月份全国乘用车市场分析"
    published = date(year + mon // 12, mon % 12 + 1, 10)  # the month after, as CPCA publishes
    return page_html(title, published, paragraphs, "utf-8").encode("utf-8")


def synthetic_home(home: Path, documents: int, seed: int = 7) -> Archive:
    """`documents` pages archived in `home/raw`, the same number (give or take one) for every month."""
    values, archive = market(seed), Archive(Path(home) / "raw")
    months = list(values)
    for i in range(documents):
        year, mon = months[i % len(months)]
        copy = i // len(months)  # reprints differ by a line, so each is a document of its own
        content = page(values, year, mon).replace(b"</body>", f"<p>synthetic copy {copy}</p></body>".encode())
        archive.put(content, url=f"synthetic://cpca/{year}-{mon:02d}/{copy}", source="cpca", kind="monthly_analysis",
                    period=f"{year:04d}-{mon:02d}")
    return archive
