"""Xiaomi EV (小米汽车): monthly posts on Weibo and quarterly results filed with HKEX.

Monthly posts, on the 1st, give floors more often than counts: "12月交付量
超过50000台", "突破30,000台", "delivered more than 40,000 vehicles in
October", "30,000+" are `at_least`; the first months' plain counts are
exact. Posts are read from the account's timeline (Weibo's web API:
`ajax/statuses/mymblog?uid=…&page=N` lists posts newest first,
`ajax/statuses/show?id=…` is one post as JSON; live access needs a logged-in
cookie). A post is filed under the month it reports, a target-only post
under the month it was made.

The quarterly results PDF states exact quarters ("a total of 27,307 units …
were delivered", release `results`); it is a second source, `xiaomi-hkex`,
because it lives on HKEXnews (stock 1810), a different site.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Iterator

from extractors.base import Document, DocumentRef, Figure, ParseError, Source, Web
from extractors.helpers import MONTHS_EN, NUMBER, month, parse_date, to_units
from extractors.hkex import BASE_URL as HKEX_BASE_URL
from extractors.hkex import discover_filings, first_page_text, open_pdf, pdf_text
from extractors.listing import ListItem, discover_listed
from extractors.prose import Context, Reading, Skipped, Statement, read_statements, reported_month
from extractors.reading import figures_from

WEIBO_BASE_URL = "https://weibo.com"
WEIBO_UID = "7731826016"  # the 小米汽车 account's uid: check it before a live run
ACCOUNT_NAMES = ("小米汽车", "Xiaomi EV", "XiaomiEV")
STOCK_CODE = "01810"
RESULTS_MONTHS_AFTER = 3  # annual results come in March

# ---------------------------------------------------------------- Chinese post prose

_QUALIFIERS = {"超过": "at_least", "突破": "at_least", "超": "at_least", "逾": "at_least", "约": "approx", "近": "approx"}
_VERB = r"(?:再次|持续|稳定)?(?P<word>超过|突破|超|逾|约|近|达到|达|为)?"
_AMOUNT = rf"\s*(?P<num>{NUMBER})\s*(?P<wan>万)?\s*(?P<plus>\+)?\s*(?:台|辆)"
_CHINESE = [
    ("target", re.compile(rf"(?P<year>\d{{4}})年(?:全年)?(?:的)?交付目标(?:提升至|上调至|提高至|提高到|调整为|定为|为|是)?(?P<word>超过|突破)?{_AMOUNT}")),
    ("year", re.compile(rf"(?P<year>\d{{4}})年(?:全年)?(?:累计)?交付(?:量)?{_VERB}{_AMOUNT}")),
    ("month", re.compile(rf"(?:(?P<year>\d{{4}})年)?(?P<month>\d{{1,2}})月(?:份)?[^，。；！\d]{{0,12}}?交付(?:量)?{_VERB}{_AMOUNT}")),
]


def read_chinese(text: str, published_on: date | None) -> Reading:
    """Xiaomi's Chinese delivery and target sentences ("12月交付量超过50000台", "2026年交付目标为55万台")."""
    reading, taken = Reading(), []
    for kind, pattern in _CHINESE:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            year = int(match["year"]) if match["year"] else None
            try:
                value = to_units(match["num"], "万" if match["wan"] else "")
            except ValueError as exc:
                reading.skipped.append(Skipped(match["num"], f"not a count of vehicles ({exc})", match.group(0)))
                continue
            if kind == "month":
                mon = int(match["month"])
                if not 1 <= mon <= 12:
                    reading.skipped.append(Skipped(match["num"], f"{match['month']}月 is no month", match.group(0)))
                    continue
                if year is None and published_on:
                    year = published_on.year if mon <= published_on.month else published_on.year - 1
                if year is None:
                    continue
                period = month(year, mon)
            else:
                period = str(year)
            qualifier = "at_least" if match["plus"] else _QUALIFIERS.get(match["word"] or "", "exact")
            reading.statements.append(
                Statement(
                    entity="xiaomi", metric="target" if kind == "target" else "deliveries", scope="all", period=period,
                    value=value, qualifier=qualifier, yoy_pct=None,
                    evidence=match.group(0),
                )
            )
    return reading


# ---------------------------------------------------------------- Weibo posts


def _post(doc: Document) -> dict | None:
    try:
        post = json.loads(doc.text)
    except (json.JSONDecodeError, RecursionError):
        return None
    if not isinstance(post, dict) or not isinstance(post.get("text_raw"), str) or not isinstance(post.get("user"), dict):
        return None
    return post if post["user"].get("screen_name") in ACCOUNT_NAMES else None


def _created(post: dict) -> date | None:
    try:
        return datetime.strptime(post.get("created_at", ""), "%a %b %d %H:%M:%S %z %Y").date()
    except (TypeError, ValueError):  # none, or not a time as Weibo prints it
        return None


def read_post(text: str, published_on: date | None) -> Reading:
    reading = read_chinese(text, published_on)
    reading.extend(read_statements(text, Context(published_on, company="xiaomi")))
    return reading


def data_month(text: str, published_on: date | None) -> str | None:
    """The month a post reports (its latest month figure), or for a target-only post the month it was made."""
    return reported_month(read_post(text, published_on), published_on)


def sniff(doc: Document) -> str | None:
    return "post" if _post(doc) is not None else None


def parse(doc: Document) -> list[Figure]:
    post = _post(doc)
    if post is None:
        raise ParseError(doc, f"expected a Weibo post (JSON with a text_raw string and its user) by {' / '.join(ACCOUNT_NAMES)}")
    published_on = _created(post)
    figures = figures_from(doc, read_post(post["text_raw"], published_on), publisher="xiaomi", release="final", published_on=published_on)
    if not figures:
        raise ParseError(doc, "expected a delivery or target statement ('N月交付量超过…台', 'delivered more than N vehicles in <Month>'); found none")
    return figures


def timeline_path(page: int) -> str:
    return f"ajax/statuses/mymblog?uid={WEIBO_UID}&page={page}&feature=0"


def post_path(mblogid: str) -> str:
    return f"ajax/statuses/show?id={mblogid}"


def _timeline_ended(doc: Document) -> bool:
    """Weibo's end of a timeline: an `ok` answer whose list is empty (read by _timeline first, so it is JSON)."""
    answer = json.loads(doc.text)
    return answer.get("ok") == 1 and answer["data"]["list"] == []


def _timeline(doc: Document) -> list[ListItem]:
    try:
        posts = json.loads(doc.text)["data"]["list"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:  # {"ok": -100}: logged out
        raise ParseError(doc, "expected a Weibo timeline (JSON data.list); a logged-out answer needs the cookie set") from exc
    return [ListItem(post.get("text_raw", ""), post_path(post["mblogid"]), _created(post)) for post in posts if post.get("mblogid")]


def discover(period: str, web: Web) -> Iterator[DocumentRef]:
    return discover_listed(
        period, web, source="xiaomi", list_path=timeline_path,
        read_list=_timeline, pages=lambda doc: 10_000, first_page=1, ended=_timeline_ended,
        classify=lambda item: ("post", found) if (found := data_month(item.title, item.published_on)) else None,
    )


SOURCE = Source(
    name="xiaomi",
    publisher="xiaomi",
    base_url=WEIBO_BASE_URL,
    discover=discover,
    parse=parse,
    sniff=sniff,
    kinds=("post",),
    description="Xiaomi EV monthly delivery posts (Weibo JSON, Chinese or English)",
)

# ---------------------------------------------------------------- HKEX results

_MONTH = "|".join(n.upper() for n in MONTHS_EN)
RESULTS_TITLE = re.compile(rf"RESULTS\s+ANNOUNCEMENT\s+FOR\s+THE\s+(?:THREE|SIX|NINE|TWELVE)?\s*(?:MONTHS|YEAR)\s+ENDED\s+({_MONTH})\s+\d{{1,2}},?\s+(\d{{4}})", re.I)


def _results_month(title: str) -> str | None:
    match = RESULTS_TITLE.search(title)
    return month(match.group(2), MONTHS_EN[match.group(1).lower()]) if match else None


def parse_results(doc: Document) -> list[Figure]:
    with open_pdf(doc) as pdf:
        text = pdf_text(doc, pdf, "Xiaomi's results announcement")
    if "XIAOMI" not in text.upper() or not _results_month(text):
        raise ParseError(doc, "expected a Xiaomi Corporation 'RESULTS ANNOUNCEMENT FOR THE … ENDED <MONTH DAY, YEAR>'")
    signed = re.findall(r"Hong Kong,\s*([A-Za-z]+ \d{1,2},? \d{4}|\d{1,2} [A-Za-z]+,? \d{4})", text)
    published_on = parse_date(signed[-1]) if signed else None
    prose = re.sub(r"\s*\n\s*", " ", text)
    figures = figures_from(doc, read_statements(prose, Context(published_on, company="xiaomi")), publisher="xiaomi",
                           release="results", published_on=published_on)
    if not figures:
        raise ParseError(doc, "expected a delivery statement ('a total of N units … were delivered'); found none")
    return figures


def sniff_results(doc: Document) -> str | None:
    text = first_page_text(doc)
    return "results" if "XIAOMI" in text.upper() and _results_month(text) else None


def discover_results(period: str, web: Web) -> Iterator[DocumentRef]:
    return discover_filings(
        period, web, source="xiaomi-hkex", stock_code=STOCK_CODE, months_after=RESULTS_MONTHS_AFTER,
        classify=lambda item: ("results", found) if (found := _results_month(item.title)) else None,
    )


RESULTS_SOURCE = Source(
    name="xiaomi-hkex",
    publisher="xiaomi",
    base_url=HKEX_BASE_URL,
    discover=discover_results,
    parse=parse_results,
    sniff=sniff_results,
    kinds=("results",),
    description="Xiaomi Corporation quarterly, interim and annual results (HKEX PDF, stock 1810)",
)
