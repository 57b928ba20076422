"""Reading figures out of English release and news prose.

Makers' releases ("NIO delivered 48,135 vehicles in December 2025,
representing a 54.6% year-over-year increase") and news articles ("Xiaomi
handed over more than 40,000 cars in October") say the same kinds of things:
a count of vehicles, what was counted (delivered, sold, wholesale, a target),
whose, and for which period. `read_statements` finds each count and ties it
to an entity, a metric and a period, from its own sentence or from the
sentences before it (a month named in one sentence, its figure in the next).
A count it cannot tie is skipped with its reason, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.helpers import MONTHS_EN, NUMBER, entities, entity_id, month, parse_month, shift_month, signed_pct, to_units, ytd_period
from extractors.prose.model import Context, Reading, Skipped, Statement

# ---------------------------------------------------------------- periods

_MONTH_NAMES = sorted(MONTHS_EN, key=len, reverse=True)
MONTH = r"(?:" + "|".join(n.capitalize() + (r"\.?" if len(n) <= 4 and n != "may" else "") for n in _MONTH_NAMES) + r")"
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_COUNT_WORDS = {w: i for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve".split(), start=1)}


def month_number(name: str) -> int:
    return MONTHS_EN[name.rstrip(".").lower()]


@dataclass(frozen=True)
class PeriodMention:
    """A period phrase; `year` None means the reader must date it."""

    kind: str  # month, quarter, year, ytd, asof, date, year_earlier, this_year, last_year, last_month, ytd_open
    year: int | None = None
    number: int | None = None  # month (month, ytd, asof) or quarter


def _y(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) if len(text) == 4 else 2000 + int(text)


_PERIOD_PATTERNS: list[tuple[re.Pattern, callable]] = [
    (re.compile(rf"\bas of ({MONTH}) \d{{1,2}}(?:st|nd|rd|th)?,? (\d{{4}})"), lambda m: PeriodMention("asof", _y(m[2]), month_number(m[1]))),
    (re.compile(rf"\b(?:by|at|as of) the end of ({MONTH})(?:,? (\d{{4}}))?"), lambda m: PeriodMention("asof", _y(m[2]), month_number(m[1]))),
    (re.compile(r"\b(?:by|at|as of) the end of (\d{4})\b"), lambda m: PeriodMention("asof", _y(m[1]), 12)),
    (re.compile(rf"\bthree months ended ({MONTH}) \d{{1,2}},? (\d{{4}})", re.I), lambda m: PeriodMention("quarter", _y(m[2]), (month_number(m[1]) + 2) // 3)),
    (re.compile(r"\b(?:the )?(?:fiscal )?year ended December 31,? (\d{4})", re.I), lambda m: PeriodMention("year", _y(m[1]))),
    (re.compile(rf"\b(?:from )?(?:January|Jan\.?)\s*(?:to|through|-|–)\s*({MONTH})(?:,? (\d{{4}}))?"), lambda m: PeriodMention("ytd", _y(m[2]), month_number(m[1]))),
    (re.compile(r"\bthe first (two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2}) months(?: of (\d{4}))?", re.I),
     lambda m: PeriodMention("ytd", _y(m[2]), _COUNT_WORDS.get(m[1].lower()) or int(m[1]))),
    (re.compile(r"\byear[- ]to[- ]date\b|\bYTD\b", re.I), lambda m: PeriodMention("ytd_open")),
    (re.compile(r"\b(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?:,? (?:of |in )?(\d{4}))?", re.I),
     lambda m: PeriodMention("quarter", _y(m[2]), _ORDINAL[m[1].lower()])),
    (re.compile(r"\bQ([1-4])(?:[ -]?(\d{4}))?\b"), lambda m: PeriodMention("quarter", _y(m[2]), int(m[1]))),
    (re.compile(r"\b([1-4])Q[ -]?(\d{4}|\d{2})\b"), lambda m: PeriodMention("quarter", _y(m[2]), int(m[1]))),
    (re.compile(r"\b(?:full[- ]year|fiscal year|FY)\s?(\d{4})\b", re.I), lambda m: PeriodMention("year", _y(m[1]))),
    (re.compile(r"\b(\d{4}) full[- ]year\b", re.I), lambda m: PeriodMention("year", _y(m[1]))),
    (re.compile(r"\b(?:the )?same (?:month|period|quarter) (?:of |in )?(?:the )?(?:last|previous|prior) year\b|\ba year (?:earlier|ago|before)\b", re.I),
     lambda m: PeriodMention("year_earlier")),
    (re.compile(rf"\b({MONTH}) \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? (\d{{4}}))?"), lambda m: PeriodMention("date")),
    (re.compile(rf"\b\d{{1,2}} ({MONTH}),? (\d{{4}})"), lambda m: PeriodMention("date")),
    (re.compile(rf"\b({MONTH})(?:,? (\d{{4}}))?\b"), lambda m: PeriodMention("month", _y(m[2]), month_number(m[1]))),
    (re.compile(r"\blast month\b", re.I), lambda m: PeriodMention("last_month")),
    (re.compile(r"\bthis year\b|\bthis year's\b", re.I), lambda m: PeriodMention("this_year")),
    (re.compile(r"\blast year\b", re.I), lambda m: PeriodMention("last_year")),
    (re.compile(r"\b(?:in|for|of|during|throughout|over) (?:the (?:full )?year )?(20\d\d)\b|\b(20\d\d)(?=(?:'s)?\s+(?:annual |full-year |delivery |deliveries|sales|target|goal|total))", re.I),
     lambda m: PeriodMention("year", _y(m[1] or m[2]))),
    (re.compile(r"\b(?:the )?(?:full[- ]year|annual|whole[- ]year)\b", re.I), lambda m: PeriodMention("year")),
    (re.compile(r"\b(20\d\d)\b"), lambda m: PeriodMention("year", _y(m[1]))),
]

# ---------------------------------------------------------------- entities


@lru_cache(maxsize=1)
def _entity_pattern() -> re.Pattern:
    names = set()
    for entity in entities().values():
        if entity.kind == "market":
            continue
        for name in (entity.name_en, *entity.aliases):
            if name and name.isascii() and len(name) >= 2:
                names.add(name.rstrip("."))
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w&])(?:{alternatives})(?:\.(?=\s|,|$))?(?![\w&])", re.I)


def _namesake_group(entity_key: str) -> str | None:
    """The group a brand shares its bare name with (NIO → NIO Inc., Zeekr → Zeekr Group)."""
    brand = entities()[entity_key]
    parent = entities().get(brand.parent)
    if brand.kind == "brand" and parent is not None and parent.kind == "group":
        if parent.name_en.lower().startswith(brand.name_en.lower() + " "):
            return parent.id
    return None


def resolve_entity(name: str, brand_qualified: bool = False, company: str | None = None) -> str | None:
    """The entity a printed name means here, or None when it is ambiguous.

    "brand NIO" is the NIO brand; a bare "NIO" could be the brand or NIO Inc.,
    so it means the document's company when that is one of the two, and
    nothing otherwise (news is not guessed at).
    """
    key = entity_id(re.sub(r"\s+", " ", name.strip()).rstrip("."))
    if key is None or brand_qualified:
        return key
    group = _namesake_group(key)
    if group is None:
        return key
    return company if company in (key, group) else None


# ---------------------------------------------------------------- words

_VEHICLE_NOUN = re.compile(
    r"^\s*(?:[A-Za-z][\w-]*\s+){0,3}?(?:vehicles?|units?|cars?|EVs?|NEVs?|SUVs?|sedans?|autos?|deliveries|automobiles?)\b", re.I
)
_MODEL = re.compile(r"^(?:[A-Z]{1,5}\d{1,3}[A-Z+]*|MONA|MEGA|Mona|Mega)$")
_BASE_METRICS = [
    ("deliveries", re.compile(r"\bdeliver|\bhanded over\b|\bhand(?:ed)?[- ]?overs?\b|\bhandovers?\b", re.I)),
    ("wholesale", re.compile(r"\bwholesales?\b", re.I)),
    ("retail", re.compile(r"\bretail\b", re.I)),
    ("production", re.compile(r"\bproduc(?:ed|tion|es?)\b|\boutput\b|\bmanufactured\b", re.I)),
    ("exports", re.compile(r"\bexport(?:s|ed)?\b", re.I)),
    ("sales", re.compile(r"\bsold\b|\bsales?\b|\bsell(?:s|ing)?\b", re.I)),
]
_TARGET = re.compile(r"\btargets?\b|\bgoals?\b|\baims? (?:to|for)\b|\bguidance\b|\bplans? to (?:deliver|sell)\b|\bexpects? to (?:deliver|sell)\b", re.I)
_CUMULATIVE = re.compile(r"\bcumulative(?:ly)?\b|\baccumulated\b|\bin total since\b|\bsince (?:its|the) (?:inception|start|launch)\b|(?<!year-)(?<!year )\bto date\b", re.I)
_OVERSEAS = re.compile(r"\boverseas\b|\boutside (?:of )?(?:mainland )?China\b|\binternational (?:sales|deliveries|markets?)\b", re.I)
_NOT_COUNTED = (
    r"(?:orders?|pre-orders?|registrations?|insurance registrations|reservations?|bookings?|backlog|test drives?|"
    r"(?:swap |charging )?stations?|chargers?|employees?|staff|stores?|showrooms?|shares?|kilometers?|kWh|GWh)"
)
_NOT_A_COUNT_AFTER = re.compile(rf"^\s*(?:[\w-]+\s+){{0,2}}?{_NOT_COUNTED}\b", re.I)
_NOT_A_COUNT_BEFORE = re.compile(rf"\b{_NOT_COUNTED}\b[^#~]{{0,30}}$", re.I)
_REVISION = re.compile(r"\b(?:rais(?:e|ed|es|ing)|lift(?:ed|s)?|increas(?:e|ed|es)|cut(?:s|ting)?|lower(?:ed|s)?|reduc(?:e|ed|es)|trim(?:med|s)?|revis(?:e|ed|es)|adjust(?:ed|s)?)\b", re.I)
_SCOPES = [
    ("nev", re.compile(r"\bnew[- ]energy vehicles?\b|\bNEVs?\b")),
    ("bev", re.compile(r"\bbattery[- ]electric\b|\bBEVs?\b|\bpure[- ]electric\b", re.I)),
    ("phev", re.compile(r"\bplug-in hybrids?\b|\bPHEVs?\b", re.I)),
    ("erev", re.compile(r"\bextended-range\b|\bEREVs?\b|\brange[- ]extend", re.I)),
]
_AT_LEAST = re.compile(
    r"(?:more than|(?<!handed )(?<!hands )(?<!hand )over|above|exceed(?:ed|ing|s)?|surpass(?:ed|ing|es)?|topp(?:ed|ing)|top(?:s)?|at least|in excess of|upwards of|"
    r"beyond|north of|broke|break(?:ing|s)? through|passed|exceeded)\s*$",
    re.I,
)
_APPROX = re.compile(r"(?:about|around|approximately|approx\.?|nearly|almost|roughly|some|close to|an estimated|estimated|~)\s*$", re.I)
_UP_WORDS = r"increase|growth|rise|gain|jump|up|increased|rose|grew|climbed|jumped|surged|higher|an increase of|a rise of|a gain of"
_DOWN_WORDS = r"decrease|decline|drop|fall|down|decreased|fell|declined|dropped|slumped|plunged|lower|a decrease of|a decline of|a drop of"
_YOY_WORDS = r"(?:year[- ]over[- ]year|year[- ]on[- ]year|yoy|y/y|from a year (?:earlier|ago)|(?:from|compared with|over) the same (?:month|period|quarter) (?:of |in )?(?:the )?(?:last|previous|prior) year)"
_YOY = [
    re.compile(rf"(?P<pct>\d+(?:\.\d+)?)\s?(?:%|percent)\s*(?P<dir>{_UP_WORDS}|{_DOWN_WORDS})?\s*{_YOY_WORDS}\s*(?P<dir2>{_UP_WORDS}|{_DOWN_WORDS})?", re.I),
    re.compile(rf"(?P<dir>{_UP_WORDS}|{_DOWN_WORDS})\s+(?:by\s+)?(?P<pct>\d+(?:\.\d+)?)\s?(?:%|percent)\s*{_YOY_WORDS}", re.I),
]
_COUNT = re.compile(rf"(?<![\w.$€¥])({NUMBER})(?:\s?(万|thousand|million|mn|k|K|m)(?![A-Za-z]))?(\+)?")
_MONEY = re.compile(rf"(?:RMB|US\$|HK\$|\$|¥|€|CNY|USD|EUR)\s?(?:{NUMBER})(?:\s?(?:billion|million|bn|mn|m|k))?|(?:{NUMBER})\s?(?:billion|bn|yuan|percent|%|kWh|GWh|km)\b|(?:{NUMBER})\s?%", re.I)
_COMPANY_WORDS = re.compile(r"\bthe (?:Company|Group)\b")
_BACK_REFERENCE = re.compile(
    r"\b(?:it|its|it's|they|their|the (?:company|group|automaker|carmaker|car maker|EV maker|electric vehicle maker|"
    r"EV startup|startup|firm|brand|manufacturer|maker))\b",
    re.I,
)
_DEFINED_COMPANY = re.compile(r"\(\s*[\"“](?P<name>[^\"”]{2,40})[\"”]\s*(?:,[^)]*)?\s*or the [\"“](?:Company|Group)[\"”]")
_BOUNDARY = re.compile(r"[,;:]|\bwhile\b|\bwhereas\b|\bbut\b|\bcompared with\b|\bversus\b|\bvs\.?\b")
_ABBREVIATIONS = (
    "Inc.", "Co.", "Ltd.", "No.", "Corp.", "Mr.", "Ms.", "St.", "U.S.", "e.g.", "i.e.", "vs.", "approx.",
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
)


def defined_company(text: str, default: str | None = None) -> str | None:
    """The entity a release's `("NIO" or the "Company")` definition names, else the default."""
    match = _DEFINED_COMPANY.search(text)
    if match:
        found = resolve_entity(match["name"], company=default)
        if found:
            return found
    return default


def sentences(text: str) -> list[str]:
    """Sentences of English prose; paragraph breaks always end one."""
    found = []
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*[A-Z•\-–(])|\r?\n", text):
        paragraph = re.sub(r"\s+", " ", paragraph).strip()
        if not paragraph:
            continue
        protected = paragraph
        for abbr in _ABBREVIATIONS:
            protected = protected.replace(abbr, abbr.replace(".", "\x00"))
        for part in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"(‘'0-9])", protected):
            part = part.replace("\x00", ".").strip()
            if part:
                found.append(part)
    return found


# ---------------------------------------------------------------- spans


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str  # period, entity, count, masked
    text: str
    period: PeriodMention | None = None
    unit: str = ""
    plus: bool = False


def _spans(sentence: str) -> list[_Span]:
    taken = [False] * len(sentence)
    spans: list[_Span] = []

    def claim(match: re.Match, **span) -> bool:
        start, end = match.span()
        if start == end or any(taken[start:end]):
            return False
        for i in range(start, end):
            taken[i] = True
        spans.append(_Span(start, end, text=match.group(0), **span))
        return True

    for pattern, build in _PERIOD_PATTERNS:
        for match in pattern.finditer(sentence):
            claim(match, kind="period", period=build(match))
    for match in _MONEY.finditer(sentence):
        claim(match, kind="masked")
    for match in _entity_pattern().finditer(sentence):
        claim(match, kind="entity")
    for match in _COUNT.finditer(sentence):
        _, unit, plus = match.groups()
        claim(match, kind="count", unit=unit or "", plus=bool(plus))
    return sorted(spans, key=lambda s: s.start)


# ---------------------------------------------------------------- the reader


@dataclass
class _State:
    context: Context
    subject: str | None = None
    period: str | None = None  # last period named, for sentences that name none
    period_entity: str | None = None  # whose figures that period was named for


def _resolve(mention: PeriodMention, state: _State, anchor: str | None) -> str | None:
    """A period mention as a period string, dated from the publication date where it has no year."""
    published = state.context.published_on
    kind = mention.kind
    if kind == "date":
        return None
    if kind == "this_year":
        return str(published.year) if published else None
    if kind == "last_year":
        return str(published.year - 1) if published else None
    if kind == "last_month":
        return shift_month(month(published.year, published.month), -1) if published else None
    if kind == "year_earlier":
        return _year_earlier(anchor) if anchor else None
    if kind == "ytd_open":
        base = anchor or state.period
        if base and re.fullmatch(r"\d{4}-\d{2}", base):
            return ytd_period(*parse_month(base))
        return None
    year = mention.year
    if kind == "year":
        if year is None:
            year = int((anchor or state.period or "")[:4]) if (anchor or state.period) else (published.year if published else None)
        return str(year) if year else None
    if year is None:
        if published is None:
            return None
        first_month = mention.number if kind in ("month", "asof", "ytd") else 3 * mention.number - 2
        year = published.year if first_month <= published.month else published.year - 1
    if kind == "quarter":
        return f"{year}-Q{mention.number}"
    if kind == "ytd":
        return ytd_period(year, mention.number)
    return month(year, mention.number)


def _year_earlier(period: str) -> str | None:
    if re.fullmatch(r"\d{4}-\d{2}", period):
        return shift_month(period, -12)
    if re.fullmatch(r"\d{4}-Q[1-4]", period):
        return f"{int(period[:4]) - 1}{period[4:]}"
    if re.fullmatch(r"\d{4}", period):
        return str(int(period) - 1)
    return None


def _clause_start(text: str, end: int) -> int:
    last = 0
    for match in _BOUNDARY.finditer(text, 0, end):
        last = match.end()
    return last


def _clause_end(text: str, start: int) -> int:
    match = _BOUNDARY.search(text, start)
    return match.start() if match else len(text)


def _masked(sentence: str, spans: list[_Span], start: int, end: int) -> str:
    """The text between start and end with counts and periods blanked (so their digits and commas don't mislead)."""
    chars = list(sentence[start:end])
    for span in spans:
        if span.kind in ("count", "period", "masked") and span.end > start and span.start < end:
            for i in range(max(span.start, start), min(span.end, end)):
                chars[i - start] = "#" if span.kind != "period" else "~"
    return "".join(chars)


def _metric(lead_clause: str, tail_clause: str, inherited: str | None) -> tuple[str | None, str]:
    """The metric a count's clause names, or None with the reason."""
    if _NOT_A_COUNT_AFTER.match(tail_clause) or _NOT_A_COUNT_BEFORE.search(lead_clause):
        return None, "counts something other than vehicles (orders, registrations, stations …)"
    base, best = None, -1
    for name, pattern in _BASE_METRICS:
        for match in pattern.finditer(lead_clause):
            if match.start() > best:
                base, best = name, match.start()
    if base is None:
        base = next((name for name, pattern in _BASE_METRICS if pattern.search(tail_clause)), None)
    window = lead_clause + " " + tail_clause
    if _TARGET.search(window):
        return "target", ""
    if base is None:
        if inherited is None:
            return None, "no metric word (delivered, sold, wholesale, target …) near it"
        return inherited, ""
    if _CUMULATIVE.search(window):
        return ("deliveries_cumulative", "") if base == "deliveries" else (None, f"cumulative {base} is not a metric we keep")
    if _OVERSEAS.search(window) and base in ("deliveries", "sales"):
        return "overseas_sales", ""
    return base, ""


def _scope(window: str) -> str:
    return next((scope for scope, pattern in _SCOPES if pattern.search(window)), "all")


def _qualifier(lead: str, span: _Span, metric: str) -> str:
    if span.plus or _AT_LEAST.search(lead):
        return "at_least"
    # A count in "1.2 million", "41万" or "72k" was rounded by its writer; a target is a round number by design.
    if _APPROX.search(lead) or (span.unit and metric != "target"):
        return "approx"
    return "exact"


def _yoy(text: str) -> float | None:
    """A year-over-year change stated after a count, signed by its direction word."""
    for pattern in _YOY:
        for match in pattern.finditer(text):
            word = match.groupdict().get("dir") or match.groupdict().get("dir2")
            if word:
                direction = "decrease" if re.fullmatch(_DOWN_WORDS, word, re.I) else "increase"
                return signed_pct(direction, match["pct"])
    return None


def _is_model_level(sentence: str, span: _Span, spans: list[_Span]) -> bool:
    """True when the count is one model's ("24,410 SU7 sedans", "the YU7 sold 6,042")."""
    after = re.findall(r"[\w+]+", _masked(sentence, spans, span.end, min(len(sentence), span.end + 24)))[:2]
    before = re.findall(r"[\w+]+", _masked(sentence, spans, max(0, span.start - 30), span.start))[-3:]
    return any(_MODEL.match(word) for word in after + before)


def _entity_for(sentence: str, spans: list[_Span], index: int, clause_end: int, state: _State) -> tuple[str | None, str, bool]:
    """(entity, the words that named it ("" when none did), whether it is the sentence's subject) for one count."""
    span = spans[index]
    company = state.context.company

    def brand_qualified(entity_span: _Span) -> bool:
        before = sentence[max(0, entity_span.start - 12) : entity_span.start].lower()
        after = sentence[entity_span.end : entity_span.end + 10].lower()
        return bool(re.search(r"brand\s*$", before) or re.match(r"\s*(?:brand|sub-brand)\b", after))

    tail_entities = [s for s in spans[index + 1 :] if s.kind == "entity" and s.start < clause_end]
    for entity_span in tail_entities:
        if brand_qualified(entity_span):
            return resolve_entity(entity_span.text, True, company), entity_span.text, False
    lead_entities = [s for s in spans[:index] if s.kind == "entity"]
    if lead_entities:
        nearest = lead_entities[-1]
        if company and _COMPANY_WORDS.search(sentence, nearest.end, span.start):
            return company, "the Company", True
        return resolve_entity(nearest.text, brand_qualified(nearest), company), nearest.text, True
    for entity_span in tail_entities:
        if re.search(r"\b(?:of|by|from) (?:the )?$", sentence[max(0, entity_span.start - 10) : entity_span.start]):
            return resolve_entity(entity_span.text, False, company), entity_span.text, True
    if company:
        return company, "", False  # the document's company
    if state.subject and _BACK_REFERENCE.search(sentence, 0, clause_end):
        return state.subject, "", False  # "it", "the company": the subject of the sentences before
    return None, "", False


def read_statements(text: str, context: Context) -> Reading:
    """Every vehicle count in English prose that can be tied to entity, metric and period."""
    reading = Reading()
    state = _State(context)
    for sentence in sentences(text):
        _read_sentence(sentence, state, reading)
    return reading


def _read_sentence(sentence: str, state: _State, reading: Reading) -> None:
    made_before = len(reading.statements)
    spans = _spans(sentence)
    counts = [i for i, s in enumerate(spans) if s.kind == "count"]
    inherited_metric: str | None = None
    sentence_periods: list[tuple[_Span, str]] = []
    for span in spans:
        if span.kind == "period" and span.period.kind not in ("year_earlier", "ytd_open", "date"):
            resolved = _resolve(span.period, state, None)
            if resolved:
                sentence_periods.append((span, resolved))
    for n, index in enumerate(counts):
        span = spans[index]
        next_start = spans[counts[n + 1]].start if n + 1 < len(counts) else len(sentence)
        previous_end = spans[counts[n - 1]].end if n else 0
        lead_full = _masked(sentence, spans, 0, span.start)
        lead_clause = lead_full[_clause_start(lead_full, len(lead_full)) :]
        lead_since_previous = _masked(sentence, spans, previous_end, span.start)
        clause_end = min(_clause_end(_masked(sentence, spans, 0, len(sentence)), span.end), next_start)
        tail_clause = _masked(sentence, spans, span.end, clause_end)
        number = span.text.strip()
        try:
            value = to_units(re.match(NUMBER, number).group(0), "万" if span.unit == "万" else span.unit.replace("mn", "m"))
        except ValueError:
            continue
        is_candidate = bool(_VEHICLE_NOUN.match(tail_clause)) or any(p.search(lead_clause) for _, p in _BASE_METRICS) or bool(_TARGET.search(lead_clause))
        if value < 100 or not is_candidate:
            continue

        def skip(reason: str) -> None:
            reading.skipped.append(Skipped(number, reason, sentence))

        if _is_model_level(sentence, span, spans):
            skip("counts one model, not a maker or brand")
            continue
        metric, why = _metric(lead_clause, tail_clause, inherited_metric)
        if metric is None:
            skip(why)
            continue
        inherited_metric = metric
        if metric == "target" and re.search(r"\bfrom\s*$", lead_since_previous) and _REVISION.search(sentence):
            skip("the superseded value of a revised target")
            continue

        entity, named, is_subject = _entity_for(sentence, spans, index, clause_end, state)
        if entity is None:
            skip(f"no entity it belongs to ({named!r} is ambiguous or unknown)" if named else "no entity named")
            continue

        period_mentions_tail = [s for s in spans[index + 1 :] if s.kind == "period" and s.start < clause_end]
        period_mentions_lead = [s for s in spans[:index] if s.kind == "period"]
        chosen = None
        for candidate in period_mentions_tail + period_mentions_lead[::-1]:
            if candidate.period.kind == "date":
                continue
            anchor = next((p for s, p in sentence_periods if s is not candidate and p and s.start < candidate.start), None) or state.period
            chosen = _resolve(candidate.period, state, anchor)
            if chosen:
                break
        if chosen is None and state.period and (not named or _related(entity, state.period_entity)):
            chosen = state.period
        if chosen is None:
            skip("no period named for it in this sentence, nor before it for the same maker")
            continue
        period = _fit_period(metric, chosen)
        if period is None:
            skip(f"a {metric} figure needs a {'year' if metric == 'target' else 'month'}, found {chosen}")
            continue
        if is_subject:
            state.subject = entity
        window = lead_clause + " " + tail_clause
        reading.statements.append(
            Statement(
                entity=entity, metric=metric, scope=_scope(window), period=period, value=value,
                qualifier=_qualifier(_masked(sentence, spans, previous_end, span.start), span, metric),
                yoy_pct=_yoy(sentence[span.end : next_start]),
                evidence=sentence[max(0, span.start - 80) : min(len(sentence), span.end + 60)].strip(),
            )
        )
    named_entities = [s for s in spans if s.kind == "entity"]
    first_named = resolve_entity(named_entities[0].text, company=state.context.company) if named_entities else None
    if not counts and first_named:
        state.subject = first_named
    if sentence_periods:
        state.period = sentence_periods[-1][1]
        made = reading.statements[made_before:]
        state.period_entity = made[-1].entity if made else first_named or state.subject


def _related(entity: str, other: str | None) -> bool:
    """The same entity, or a brand and its group (a period named for NIO Inc. holds for its brands)."""
    if other is None or entity == other:
        return True
    seed = entities()
    return seed[entity].parent == other or seed[other].parent == entity or (seed[entity].parent and seed[entity].parent == seed[other].parent)


def _fit_period(metric: str, period: str) -> str | None:
    """The period in the grain the metric is kept in (targets by year, cumulative by month)."""
    if metric == "target":
        return period if re.fullmatch(r"\d{4}", period) else None
    if metric == "deliveries_cumulative":
        if re.fullmatch(r"\d{4}-\d{2}", period):
            return period
        if re.fullmatch(r"\d{4}", period):
            return f"{period}-12"
        if re.fullmatch(r"\d{4}-Q[1-4]", period):
            return month(period[:4], 3 * int(period[-1]))
        return None
    return period


