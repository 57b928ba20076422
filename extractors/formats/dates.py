"""Publication dates from wherever a document carries them.

In order of trust: a copy's metadata line (" date 2024-01-09") or the page's
markup, a dateline ("SHANGHAI, China, Nov. 01, 2025 (GLOBE NEWSWIRE)",
"HANGZHOU,China,Aug. 21,2024 --",
"BEIJING, Oct 12 (Reuters)"), a byline ("超电实验室 2025-12-02 07:36", "DATE:
Nov 19 2025", "发布时间：2025-12-04 10:32"), a Chinese lead ("快科技12月9日消息",
"(记者 …) 12月4日电", "8月1日上午,", a body opening on its full date: "2025年12月4日,小鹏汽车公布…"),
then the URL ("/2024/08/21/", "/20240704/", "…-20240410/"; a month alone:
"/202312/", "/2026-01/", "/2022/5/"). Only the opening lines are looked at, and only short
lines or line starts: a date inside the body's statements ("as of September
30, 2024", "截至2023年12月31日") is data, not publication. A dateline without a
year takes it from the metadata or the URL, else from the latest year the
text names.

A date of a month alone (" date 2024-04", a "/202404/" URL) dates the text on
the 1st of that month (a dateline, byline or URL date in that month gives its
day): its months without a year are the latest not after that month, "last
month" / 上月 is the month before it, "this year" its year — a copy dated by
its month is read as published early in it, as monthly reports are.

A date that is not the story's own (metadata, page markup, byline, URL, a
file's creation date) may be a re-post's: a page reprinting a 2023 story in
2025 shows 2025. When such a date's year is two or more past every year the
text names, and the text names its months with their year ("October 2023",
"2023年10月"), the text is dated from what it says instead: the 1st of the
month after the latest month it names with its year (a monthly report is
published after its month), so that its yearless months take the year the
text itself gives them. Datelines and Chinese leads are the story's own and
are never judged so.
"""

from __future__ import annotations

import re
from datetime import date

from extractors.helpers import MONTHS_EN, parse_date

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_METADATA = re.compile(r"^\s*date\s+(20\d\d)-(\d{2})(?:-(\d{2}))?(?:\s+|$)", re.I)
_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][A-Za-z .'’-]{{1,40}},\s*(?:[A-Z][a-z]+(?: [A-Z][a-z]+)*,\s*)?|\(\w+\)\s*)"
    rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:(?:,\s*|\s+)(?P<year>20\d\d))?,?\s*(?:\(|--|—|–|/|-)"
)
# A date a wire's mark follows, wherever the line holds it (a preview glued the dateline into its prose:
# "…financial ResultsAugust 20,2024…GUANGZHOU,China,Aug.20,2024(GLOBE NEWSWIRE)-XPeng Inc.…").
_WIRE_DATELINE = re.compile(
    rf"[A-Z]{{3,}}[A-Za-z .'’-]{{0,30}},\s*(?:[A-Z][a-z]+(?: [A-Z][a-z]+)*,\s*)?(?P<month>{_MONTH})\s*(?P<day>\d{{1,2}}),\s?(?P<year>20\d\d)\s*"
    r"[(/]\s*(?:GLOBE NEWSWIRE|PRNewswire|PR Newswire|Business Wire|BUSINESS WIRE)"
)
_ZH_DATE = re.compile(r"(20\d\d)\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|([/.-])(\d{1,2})\4(\d{1,2}))")
# A Chinese lead: a short source or reporter's credit, then the date and 消息 / 电 / a parenthesis ("快科技12月9日消息",
# "新华社北京12月4日电", "(记者 王某) 12月4日电"); with its year, a date the body opens on ("2025年12月4日,…", "… 10:32"),
# and a release's dateline ("北京，中国，2024年2月26日——…").
_ZH_LEAD = re.compile(
    r"^(?P<before>[^\d。；;!?！？]{0,20}?)(?:(?P<year>20\d\d)\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日\s*"
    r"(?:(?:消息|电|電|讯|訊|报道|報道|[(（])|(?P<daytime>(?:上午|下午|晚间|晚間|早间|早間|中午|凌晨)\s*[,，])|(?P<open>[,，\s]|——|—|--|\d{1,2}\s*[:：]\s*\d{2}))"
)
_NOT_A_LEAD = re.compile(r"截至|截止|到|至|自|从|從")  # "截至12月31日,…" is a date of the data
# A labelled publication date anywhere on an opening line ("发布时间：2025-12-04 10:32 来源：…", "Published: Dec 4, 2025").
_LABELLED = re.compile(r"(?:发布时间|发布日期|发表时间|发表于|发布于|更新时间|时间|日期|Published|Posted|Updated)\s*(?:[:：]|(?<=[a-z])\s+on\b)\s*", re.I)
_LABEL_WITHIN = 30  # characters from a line's start a publication label may follow a source's name in ("来源：某网 发布时间：…")
_URL_DATE = re.compile(r"/(20\d\d)[/-]?(\d{2})[/-]?(\d{2})(?:/|[^\d])|/(20\d\d)/(\d{2})(\d{2})/")
_URL_SLUG_DATE = re.compile(r"[-_](20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/._-]|$)")  # "…-march-20240410/"
_URL_MONTH = re.compile(r"/(20\d\d)-?(0[1-9]|1[0-2])/|/(20\d\d)/(0?[1-9]|1[0-2])/")  # "/202312/…", "/2026-01/…", "/2022/5/…"
_DATA_WORDS = re.compile(r"\bas of\b|\bended\b|\bthrough\b|截至|截止|until", re.I)
_YEAR_NAMED = re.compile(r"(20\d\d)\s*年(?!\s*\d{1,2}\s*月)|(20\d\d)\s*年\s*(\d{1,2})\s*月|\b(20\d\d)\b")
_MONTH_NAME = r"January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
_MONTH_YEAR = re.compile(rf"\b(?P<name>{_MONTH_NAME})\.?,?\s+(?:of\s+)?(?P<year>20\d\d)\b|(?P<zh_year>20\d\d)\s*年\s*(?P<zh_month>\d{{1,2}})\s*月")
_COMPARED = re.compile(r"(?:\bsince|\bfrom|\bthan|\bversus|\bvs\.?|\bcompared (?:with|to)|\bsurpassing|\bbeat(?:ing)?|自|从|較|较|比|以来)"
                       r"(?:\s+(?:the\s+)?(?:end|start|beginning|middle)\s+of|\s+(?:in|of))?\s*$", re.I)
_ANY_YEAR = re.compile(r"(?<![\d.,])(20\d\d)(?![\d,]|\.\d)")
_OPENING_LINES = 12  # bylines are looked for here
_DATELINE_LINES = 60  # datelines (distinctive enough) here: a filing's cover pages come first
_BYLINE_LENGTH = 100
_REPOST_YEARS = 2  # a date this many years past every year the text names is taken for a re-post's


def _valid(year, mon, day) -> date | None:
    try:
        return date(int(year), int(mon), int(day))
    except (TypeError, ValueError):
        return None


def metadata_date(line: str) -> date | None:
    """A copy's leading metadata line: " date 2024-01-09" (a month alone dates its first day)."""
    match = _METADATA.match(line)
    return _valid(match[1], match[2], match[3] or 1) if match else None


def strip_metadata(line: str) -> str:
    return _METADATA.sub("", line, count=1)


def _printed_date(text: str) -> date | None:
    found = parse_date(text)
    if found is None and (match := _ZH_DATE.search(text)):
        found = _valid(match[1], match[2] or match[5], match[3] or match[6])
    return found


def _byline(line: str) -> date | None:
    """The date a byline prints: a short line's, or one labelled as the publication's on a longer line."""
    if _DATA_WORDS.search(line[:_BYLINE_LENGTH]):
        return None
    if len(line) <= _BYLINE_LENGTH:
        return _printed_date(line)
    label = _LABELLED.search(line, 0, _LABEL_WITHIN + 10)
    return _printed_date(line[label.end(): label.end() + 40]) if label and label.start() <= _LABEL_WITHIN else None


def _dateline(line: str) -> tuple[int | None, int, int] | None:
    """A dateline's (year or None, month, day)."""
    match = _DATELINE.match(line) or _WIRE_DATELINE.search(line)
    mon = MONTHS_EN.get(match["month"].rstrip(".").lower()) if match else None
    return (int(match["year"]) if match["year"] else None, mon, int(match["day"])) if mon else None


def _lead(line: str) -> tuple[int | None, int, int] | None:
    """A Chinese lead's (year or None, month, day); a body opening on a date needs the date's year."""
    match = _ZH_LEAD.match(line)
    if not match or _NOT_A_LEAD.search(match["before"]) or (match["open"] is not None and not match["year"]):
        return None
    if match["daytime"] and not match["year"]:
        # "8月1日上午,雷军宣布:2025年7月…": a news lead whose year is the one its own sentence gives the month before
        named = [(int(y), int(m)) for y, m in re.findall(r"(20\d\d)\s*年\s*(\d{1,2})\s*月", line[match.end(): match.end() + 200])]
        mon = int(match["month"])
        years = {y + (m > mon) for y, m in named if 1 <= m <= 12 and (m <= mon or m == 12)}
        return (years.pop(), mon, int(match["day"])) if len(years) == 1 else None
    return (int(match["year"]) if match["year"] else None), int(match["month"]), int(match["day"])


def byline_date(line: str) -> date | None:
    """The date a short line prints as a byline does ("某网 2025-11-14 04:00", "Updated 4 November 2025 at 19:31 IST")."""
    return _byline(line)


def opening_dates(lines: list[str]) -> tuple[date | None, date | None, tuple[int, int] | None]:
    """The dates a document's opening lines print: (the story's own full date — a dateline or a lead —, a byline's
    date, a yearless dateline's or lead's month and day); each None when there is none."""
    yearless = None
    for line in lines[:_DATELINE_LINES]:
        if dateline := _dateline(line):
            if dateline[0]:
                return _valid(*dateline), None, None
            yearless = yearless or dateline[1:]
    for line in lines[:_OPENING_LINES]:
        if lead := _lead(line):
            if lead[0]:
                return _valid(*lead), None, None
            yearless = yearless or lead[1:]
        elif found := _byline(line):
            return None, found, yearless
    return None, None, yearless


def latest_year(text: str, month_day: tuple[int, int]) -> int | None:
    """The year a yearless dateline falls in: the latest year the text names, or the next one when the
    text already reports a later month, or the whole, of that year."""
    years: dict[int, int] = {}
    for whole, year, mon, bare in _YEAR_NAMED.findall(text):
        value = int(whole or year or bare)
        years[value] = max(years.get(value, 0), 13 if whole else int(mon) if mon else 0)
    if not years:
        return None
    latest = max(years)
    return latest + 1 if years[latest] > month_day[0] else latest


def date_in_url(url: str) -> date | None:
    """A URL's date: "/2024/08/21/", "/20240704/", a slug ending in one ("…-20240410/")."""
    match = _URL_DATE.search(url or "")
    if match:
        return _valid(*match.group(1, 2, 3)) if match[1] else _valid(*match.group(4, 5, 6))
    slug = _URL_SLUG_DATE.search(url or "")
    return _valid(*slug.groups()) if slug else None


def month_in_url(url: str) -> date | None:
    """The 1st of the month a URL's path names without a day ("/202312/2222.html", "/2022/5/591.html")."""
    match = _URL_MONTH.search(url or "")
    if not match:
        return None
    return _valid(match[1], match[2], 1) if match[1] else _valid(match[3], match[4], 1)


def _months_named(text: str) -> list[tuple[int, int]]:
    """Every (year, month) the text names with its year ("October 2023", "2023年10月"), but those it compares with
    ("the first fall since March 2023", "较2023年3月"): a story of any date may name a month long past so."""
    return [(year, mon) for year, mon, _, _ in _months_named_at(text)]


def said_date(text: str, dated: date) -> date | None:
    """For a date that may be a re-post's: None when the text agrees with it, else the date the text's own words
    imply — the 1st of the month after the latest month it names with its year — when every year the text names
    is `_REPOST_YEARS` or more before `dated` and it names its months with their year."""
    years = [int(y) for y in _ANY_YEAR.findall(text)]
    months = _months_named(text)
    if not years or not months or dated.year < max(years) + _REPOST_YEARS:
        return None
    year, mon = max(months)
    return date(year + mon // 12, mon % 12 + 1, 1)


_A_DAY_AFTER = re.compile(r"\s*\d{1,2}\s*(?:日|号|號)|\s+\d{1,2}\b")  # "2023年12月31日", "December 31, 2023" name a day, not a month
_SINCE_AFTER = re.compile(r"^\s*(?:份)?\s*(?:以来|以來|之后|之後|以后|以後)")
_YEARLESS_ZH = re.compile(r"(?<![\d.])(\d{1,2})\s*月(?!\s*\d)")
_YEARLESS_EN = re.compile(rf"\b({_MONTH_NAME})\b(?!\.?,?\s+(?:of\s+)?20\d\d)(?!\s+\d{{1,2}},?\s+20\d\d)")
_YEAR_BEFORE = re.compile(r"(?:20\d\d\s*年\s*(?:\d{1,2}\s*[-~～至到—–]\s*)?|\b20\d\d\s+)$")


def _yearless_months(text: str) -> set[int]:
    """The months the text names without a year ("4月", "1-4月", "in April"; not "2025年4月", "April 2025")."""
    found = set()
    for match in _YEARLESS_ZH.finditer(text):
        if not _YEAR_BEFORE.search(text[max(0, match.start() - 12): match.start()]) and 1 <= int(match[1]) <= 12:
            found.add(int(match[1]))
    for match in _YEARLESS_EN.finditer(text):
        if not _YEAR_BEFORE.search(text[max(0, match.start() - 6): match.start()]):
            found.add(MONTHS_EN[match[1].lower()])
    return found


def told_date(text: str) -> date | None:
    """For a text that carries no date at all: the 1st of the month after the latest month it names with its year
    ("2025年4月乘用车市场的特征", "Sales – January 2023"), when every month it names without a year is that month or
    the next ("4月零售…", "展望5月"), so that those take the same year under any publication date up to a year
    later; months it compares with or counts from ("较2023年4月", "2024年8月以来") are not its own. None otherwise:
    a text naming a yearless month apart from its latest dated one ("7月销量创2024年8月以来新高", "3月…2024年12月")
    may be of any later year."""
    months = [
        (y, m) for y, m, start, end in _months_named_at(text)
        if not _SINCE_AFTER.match(text[end: end + 8]) and not _A_DAY_AFTER.match(text[end: end + 6])
        and not re.search(r"\d\s*$", text[max(0, start - 3): start]) and not _DATA_WORDS.search(text[max(0, start - 12): start])
    ]
    if not months:
        return None
    year, mon = max(months)
    if not _yearless_months(text) <= {mon}:
        return None
    return date(year + mon // 12, mon % 12 + 1, 1)


def _months_named_at(text: str) -> list[tuple[int, int, int, int]]:
    """`_months_named`, with where each mention starts and ends."""
    found = []
    for match in _MONTH_YEAR.finditer(text):
        if _COMPARED.search(text[max(0, match.start() - 25): match.start()]):
            continue
        if match["zh_year"]:
            if 1 <= int(match["zh_month"]) <= 12:
                found.append((int(match["zh_year"]), int(match["zh_month"]), match.start(), match.end()))
        else:
            found.append((int(match["year"]), MONTHS_EN[match["name"].lower()], match.start(), match.end()))
    return found


def _own_words(lines: list[str]) -> str:
    """The text without its bylines and metadata (the lines that print a date and little else)."""
    return "\n".join(line for line in lines if not (len(line) <= _BYLINE_LENGTH and _byline(line)))


def publication_date(lines: list[str], url: str, body: str = "", created_on: date | None = None,
                     stated: date | None = None, title: str = "") -> date | None:
    """The date a document was published: `stated` (a copy's metadata line, the page's markup), else its opening
    lines' dateline, lead or byline, else (a file's) `created_on`, else its URL; a yearless dateline takes its year
    from those, else from the body. A date not the story's own that the text shows to be a re-post's gives way to
    the next one, else to the date the text's words (`title` and `lines`) imply (see `said_date`)."""
    story, byline, yearless = opening_dates(lines)
    words = _own_words([title, *lines] if lines else [title, body])
    in_url = date_in_url(url)
    if stated and not said_date(words, stated):
        if stated.day == 1:  # a month alone (" date 2024-04"): a byline's or the URL's day in that month completes it
            return next((d for d in (story, byline, in_url) if d and (d.year, d.month) == (stated.year, stated.month)), stated)
        return stated
    if story:
        return story
    if byline and not said_date(words, byline):
        return byline
    elsewhere = next((d for d in (created_on, in_url) if d and not said_date(words, d)), None)
    if yearless:
        if reference := elsewhere or month_in_url(url):
            year = reference.year - (yearless[0] - reference.month > 6)  # a December dateline on a January URL
        else:
            year = latest_year(body, yearless)
        if year and (dated := _valid(year, *yearless)):
            return dated
    if elsewhere:
        return elsewhere
    fallback = stated or byline or created_on or in_url or month_in_url(url)
    return (said_date(words, fallback) or fallback) if fallback else told_date(words)
