"""Reading figures out of English release and news prose.

Makers' releases ("NIO delivered 48,135 vehicles in December 2025,
representing a 54.6% year-over-year increase") and news articles ("Xiaomi
handed over more than 40,000 cars in October") say the same kinds of things:
a count of vehicles, what was counted, whose, and for which period.
`read_statements` finds each count and ties it to an entity (`subjects`), a
metric (`measures`) and a period (`periods`), from its own sentence or from
the sentences before it (a maker named in the title, its figures in the
body). A comparison base ("up 30% from 12,039 a year earlier") is the same
measure for the earlier period. A count it cannot tie is skipped with its
reason, never guessed.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from extractors.prose import measures, subjects
from extractors.prose.model import Context, Reading, Skipped, Statement
from extractors.prose.numbers import COUNT, GLUED_YEAR, MONEY, count_value, visibly_rounded
from extractors.prose.periods import PERIOD_PATTERNS, RELATIVE, PeriodMention, Undated, fit_period, previous_period, resolve, year_earlier
from extractors.prose.subjects import MARKET, defined_company, resolve_entity

__all__ = ["defined_company", "read_statements", "resolve_entity", "sentences"]

_BOUNDARY = re.compile(r"[,;:]|\bwhile\b|\bwhereas\b|\bbut\b|\bcompared with\b|\bversus\b|\bvs\.?\b|—|–")
_ABBREVIATIONS = (
    "Inc.", "Co.", "Ltd.", "No.", "Corp.", "Mr.", "Ms.", "St.", "U.S.", "e.g.", "i.e.", "vs.", "approx.", "D.C.",
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
)
_VEHICLE_NOUN = re.compile(
    r"^\s*(?:[A-Za-z][\w-]*\s+){0,4}?(?:vehicles?|units?|cars?|EVs?|NEVs?|BEVs?|PHEVs?|SUVs?|sedans?|autos?|deliveries|automobiles?|volumes?)\b", re.I
)
_COMPARISON = re.compile(r"(?:\bfrom|\bcompared (?:with|to)(?: (?:\w+ ){0,2}of)?|\bversus|\bvs\.?|\bagainst)\s*~*\s*$", re.I)
_COMPARED_PERIOD = re.compile(r"(?:\bfrom|\bcompared (?:with|to)|\bthan|\bover|\bversus|\bvs\.?|\bagainst|\bbeating)\s*(?:the\s*)?$", re.I)
_PART_OF = re.compile(r"^\s*of (?:the|a total of)\s*#")
_TOTAL_OF = re.compile(r"\bof (?:the|a total of)\s*$", re.I)
_RISE_TO = re.compile(r"(?P<change>\d+(?:\.\d+)?\s?(?:%|percent|per cent))\s+(?:to|at)\s+(?:\w+\s+){0,2}$", re.I)
_BARE_CHANGE = re.compile(r"^[^%]{0,40}?\d+(?:\.\d+)?\s?(?:%|percent|per cent)", re.I)
_WHEN = re.compile(r"^\s*(?:when|which|where)\b", re.I)
_FIGURE_REFERENCE = re.compile(r"^(?:The|This|That) (?:figure|number|total|volume)\b|^(?:This|That|It) (?:was|is|marks|marked|represents|represented)\b")
_TABLE_ROW = re.compile(r"(?:\d{1,3}(?:,\d{3})+[\s|]+){2,}\d{1,3}(?:,\d{3})+|\d,\d{3}\d|(?:(?:\d{4} ?Q[1-4]|Q[1-4] \d{4}|FY\d{4})[\s|]*){3,}")
_MARKET_OF = re.compile(r"\b(?:new[- ]energy|NEV|electric)\s+(?:[\w-]+\s+){0,2}?market\b", re.I)  # "a leader in China's NEV market" scopes no figure
_YEARISH = ("year", "this_year", "last_year")


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
        for part in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"(‘'0-9•-])|\s+(?=[•]\s)|\s+-\s+(?=[A-Z])", protected):
            part = part.replace("\x00", ".").strip(" •-")
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

    def claim(match: re.Match, **span) -> None:
        start, end = match.span()
        if start == end or any(taken[start:end]):
            return
        for i in range(start, end):
            taken[i] = True
        spans.append(_Span(start, end, text=match.group(0), **span))

    for match in GLUED_YEAR.finditer(sentence):
        claim(match, kind="masked")
    for pattern, build in PERIOD_PATTERNS:
        for match in pattern.finditer(sentence):
            claim(match, kind="period", period=build(match))
    for match in MONEY.finditer(sentence):
        claim(match, kind="masked")
    for match in subjects.entity_pattern().finditer(sentence):
        claim(match, kind="entity")
    for match in COUNT.finditer(sentence):
        _, unit, plus = match.groups()
        claim(match, kind="count", unit=unit or "", plus=bool(plus))
    return sorted(spans, key=lambda s: s.start)


def _masked(sentence: str, spans: list[_Span], start: int, end: int) -> str:
    """The text between start and end with counts and periods blanked (so their digits and commas don't mislead)."""
    chars = list(sentence[start:end])
    for span in spans:
        if span.kind in ("count", "period", "masked") and span.end > start and span.start < end:
            for i in range(max(span.start, start), min(span.end, end)):
                chars[i - start] = "#" if span.kind != "period" else "~"
    return "".join(chars)


# ---------------------------------------------------------------- state


@dataclass
class _State:
    context: Context
    subject: str | None = None  # whom the sentences before were about
    period: str | None = None  # last period named, for sentences that name none
    period_entity: str | None = None  # whose figures that period was named for
    metric: str | None = None  # what the sentences before counted
    scopes: dict[str, str] = field(default_factory=dict)  # the scope last stated for each metric
    cites: str | None = None  # CPCA, when the story gives it as its data's source
    splits_segments: bool = False  # the text gives commercial vehicles apart, so a figure naming neither is the total
    month: str | None = None  # the month of the last figure read, which "so far this year" runs to
    pending_yoy: dict[tuple, float] = field(default_factory=dict)  # changes stated before their figure


def _resolve(mention: PeriodMention, state: _State, anchor: str | None) -> str | None:
    """A period mention as a period string, dated from the anchor or the publication date; None when it cannot be."""
    try:
        return resolve(mention, state.context.published_on, anchor)
    except Undated:
        return None


@dataclass
class _Count:
    """One count of a sentence and the text around it."""

    sentence: str
    spans: list[_Span]
    index: int  # in spans
    previous_end: int  # end of the count before it in the sentence (0 when first)
    next_start: int  # start of the count after it (the sentence's end when last)
    clause_end: int

    @property
    def span(self) -> _Span:
        return self.spans[self.index]

    def masked(self, start: int, end: int) -> str:
        return _masked(self.sentence, self.spans, start, end)

    @property
    def lead(self) -> str:
        return self.masked(0, self.span.start)

    @property
    def lead_clause(self) -> str:
        lead = self.lead
        starts = [m.end() for m in _BOUNDARY.finditer(lead)]
        return lead[starts[-1] if starts else 0 :]

    @property
    def since_previous(self) -> str:
        return self.masked(self.previous_end, self.span.start)

    @property
    def tail_clause(self) -> str:
        return self.masked(self.span.end, self.clause_end)

    @property
    def first(self) -> bool:
        return self.previous_end == 0

    def periods(self, start: int, end: int) -> list[_Span]:
        return [s for s in self.spans if s.kind == "period" and s.start >= start and s.end <= end]

    def compared(self, mention: _Span) -> bool:
        """A period named as what the figure is compared with ("up 7% from 2024")."""
        before = self.masked(0, mention.start)
        match = _COMPARED_PERIOD.search(before[-14:])
        return bool(match and before[: len(before) - 14 + match.start()].strip())


def read_statements(text: str, context: Context) -> Reading:
    """Every vehicle count in English prose that can be tied to entity, metric and period."""
    reading = Reading()
    state = _State(context, subject=context.subject, cites=measures.cites(text) if measures.cites(text) == "cpca" else None,
                   splits_segments=measures.names_commercial(text))
    for sentence in sentences(text):
        _read_sentence(sentence, state, reading)
    return reading


# ---------------------------------------------------------------- sentences


def _read_sentence(sentence: str, state: _State, reading: Reading) -> None:
    spans = _spans(sentence)
    counts = [i for i, s in enumerate(spans) if s.kind == "count"]
    if counts and _TABLE_ROW.search(sentence):
        reading.skipped += [Skipped(spans[i].text, "a table row printed as text (tables are read apart)", sentence) for i in counts]
        return
    made: list[Statement] = []
    main: Statement | None = None
    for n, index in enumerate(counts):
        count = _Count(
            sentence, spans, index,
            previous_end=spans[counts[n - 1]].end if n else 0,
            next_start=spans[counts[n + 1]].start if n + 1 < len(counts) else len(sentence),
            clause_end=0,
        )
        count.clause_end = min(_clause_end(count.masked(0, len(sentence)), count.span.end), count.next_start)
        outcome = _read_count(count, state, main, made, [spans[i] for i in counts])
        if isinstance(outcome, str):
            if outcome:
                reading.skipped.append(Skipped(count.span.text.strip(), outcome, sentence))
            continue
        statement, base_of = outcome
        if base_of is not None:
            main = made[made.index(base_of)] = _with_change(base_of, statement, count)
        else:
            main = statement
        made.append(statement)
    made = [_with_period_changes(s, sentence, spans, state) if s is _first_of(made, s) else s for s in made]
    made = _with_pending_yoy(made, state)
    reading.statements += made
    _carry(sentence, spans, made, state, reading)


def _clause_end(text: str, start: int) -> int:
    match = _BOUNDARY.search(text, start)
    return match.start() if match else len(text)


def _first_of(made: list[Statement], statement: Statement) -> Statement:
    return next(s for s in made if (s.entity, s.metric, s.period) == (statement.entity, statement.metric, statement.period))


def _carry(sentence: str, spans: list[_Span], made: list[Statement], state: _State, reading: Reading) -> None:
    """What the next sentences inherit: subject, period, metric, scopes, and a change stated before its figure."""
    if made:
        state.subject = made[-1].entity if made[-1].entity != MARKET or state.subject is None else state.subject
        state.metric = made[-1].metric
        for statement in made:
            if statement.metric != "target":
                state.scopes[statement.metric] = statement.scope
    else:
        named = _first_named(sentence, spans, state)
        if named:
            state.subject = named
        if _FIGURE_REFERENCE.match(sentence) and reading.statements:
            _give_back_yoy(sentence, reading)
    own = [made[0].period] if made else _sentence_periods(sentence, spans, state)
    if own:
        state.period = own[-1]
        state.period_entity = made[-1].entity if made else state.subject
        state.month = next((p for p in own[::-1] if re.fullmatch(r"\d{4}-\d{2}", p)), state.month)
        if not made:
            _note_pending_yoy(sentence, state, own[-1])


def _first_named(sentence: str, spans: list[_Span], state: _State) -> str | None:
    entity_spans = [s for s in spans if s.kind == "entity"]
    if entity_spans:
        return subjects.named_entity(entity_spans[0].text, company=state.context.company)
    return MARKET if subjects.names_market(sentence) else None


def _sentence_periods(sentence: str, spans: list[_Span], state: _State) -> list[str]:
    """The periods a sentence names as its own (not compared-with ones, not relative ones)."""
    probe = _Count(sentence, spans, 0, 0, len(sentence), len(sentence))
    found = []
    for span in spans:
        if span.kind == "period" and span.period.kind not in (*RELATIVE, "date") and not probe.compared(span):
            resolved = _resolve(span.period, state, state.period)
            if resolved:
                found.append(resolved)
    return found


def _note_pending_yoy(sentence: str, state: _State, period: str) -> None:
    """A change stated before its figure ("sales rose 25.5% in November from a year earlier. Sales totalled …")."""
    change = measures.yoy(sentence)
    entity = _first_named(sentence, [s for s in _spans(sentence) if s.kind == "entity"], state)
    metric = measures.metric_word(sentence, last=False)
    if change is not None and entity and metric:
        state.pending_yoy[(entity, metric, period)] = change


def _with_pending_yoy(made: list[Statement], state: _State) -> list[Statement]:
    out = []
    for statement in made:
        change = state.pending_yoy.get((statement.entity, statement.metric, statement.period))
        if change is not None and statement.yoy_pct is None and statement.scope == "all":
            statement = dataclasses.replace(statement, yoy_pct=change)
            del state.pending_yoy[(statement.entity, statement.metric, statement.period)]
        out.append(statement)
    return out


def _give_back_yoy(sentence: str, reading: Reading) -> None:
    """"The figure marks a 51 percent year-on-year increase": the change of the figure just read."""
    change = measures.yoy(sentence)
    last = reading.statements[-1]
    if change is not None and last.yoy_pct is None:
        reading.statements[-1] = dataclasses.replace(last, yoy_pct=change)


def _with_change(main: Statement, base: Statement, count: _Count) -> Statement:
    """The main figure with the change stated against its comparison base ("up 98.31 percent from 106,042 … a year earlier")."""
    before = re.sub(_COMPARISON.pattern, "", count.sentence[count.previous_end : count.span.start], flags=re.I)
    change = measures.change_before(before.rstrip())
    if change is None:
        return main
    if base.period == year_earlier(main.period) and main.yoy_pct is None:
        return dataclasses.replace(main, yoy_pct=change)
    if base.period == previous_period(main.period) and main.mom_pct is None:
        return dataclasses.replace(main, mom_pct=change)
    return main


_CHANGE_FROM_PERIOD = re.compile(r"(?P<change>[^,;]{0,40}?\d+(?:\.\d+)?\s?(?:%|percent|per cent))\s*(?:from|compared (?:with|to)|over)\s*(?:the\s*)?$", re.I)


def _with_period_changes(statement: Statement, sentence: str, spans: list[_Span], state: _State) -> Statement:
    """Changes stated against a named period ("an increase of 45.2% from the fourth quarter of 2023")."""
    for span in spans:
        if span.kind != "period" or span.period.kind in ("date", *RELATIVE):
            continue
        match = _CHANGE_FROM_PERIOD.search(sentence[max(0, span.start - 70) : span.start])
        change = measures.change_before(match["change"]) if match else None
        compared = _resolve(span.period, state, statement.period) if change is not None else None
        if compared and compared == year_earlier(statement.period) and statement.yoy_pct is None:
            statement = dataclasses.replace(statement, yoy_pct=change)
        elif compared and compared == previous_period(statement.period) and statement.mom_pct is None:
            statement = dataclasses.replace(statement, mom_pct=change)
    return statement


# ---------------------------------------------------------------- counts


def _read_count(count: _Count, state: _State, main: Statement | None, made: list[Statement], sentence_counts: list[_Span]):
    """(statement, the main figure it is the comparison base of, or None), or the reason it is skipped ("" to pass silently)."""
    span = count.span
    number = re.match(r"[\d,.]+", span.text)[0]
    value = count_value(number, span.unit)
    tail, lead_clause = count.tail_clause, count.lead_clause
    if value is None or value < 100:
        return ""
    if main is not None and not count.first and _COMPARISON.search(count.since_previous) and not measures.not_vehicles("", tail):
        if main.metric == "target":
            return "the superseded value of a revised target"
        return _comparison(count, state, main, number, value)
    part_of_next = bool(_PART_OF.match(count.masked(count.span.end, count.next_start + 1)))  # "767,000 of the 2.03 million vehicles"
    is_candidate = _VEHICLE_NOUN.match(tail) or measures.metric_word(lead_clause) or measures.is_target(lead_clause) or part_of_next
    if not is_candidate:
        return ""
    if part_of_next:  # the part is of the total's period
        count.clause_end = _clause_end(count.masked(0, len(count.sentence)), count.next_start)
    if measures.not_vehicles(lead_clause, tail):
        return "counts something other than vehicles (orders, stores, stations, phones …)"
    words_after = re.findall(r"[\w+]+", count.masked(span.end, min(len(count.sentence), span.end + 24)))[:2]
    words_before = re.findall(r"[\w+]+", count.masked(max(0, span.start - 30), span.start))[-3:]
    if measures.is_model_level(words_before, words_after):
        return "counts one model, not a maker or brand"
    if measures.body_type(tail, lead_clause):
        return "counts one body type (SUVs, sedans), not a total"
    if measures.part_of_time(lead_clause + " " + tail):
        return "a weekly or daily value, not the period's total"
    if subjects.group_threshold(lead_clause):
        return "a threshold bounding a group of makers, not a figure"
    metric = _metric(count, state, made)
    if isinstance(metric, tuple):
        return metric[1]
    entity = _entity(count, state, sentence_counts)
    if isinstance(entity, tuple):
        return entity[1]
    entity = subjects.in_china(entity, metric, count.sentence)
    period = _period(count, state, metric, entity)
    if isinstance(period, tuple):
        return period[1]
    metric, period = _cumulative_or_year(count, metric, period)
    window = lead_clause + " " + tail
    stated_scope = measures.scope(tail[:40], window, count.sentence) or (measures.scope("", _MARKET_OF.sub("", count.lead), count.sentence) if count.first else None)
    scope = stated_scope or _carried_scope(count, made, metric, state)
    rounded = visibly_rounded(number, span.unit, value) and (state.context.company is None or bool(span.unit))
    return Statement(
        entity=entity, metric=metric, scope=scope, period=period, value=value,
        qualifier=measures.qualifier(count.since_previous, span.plus, rounded, metric),
        yoy_pct=_yoy(count, period), mom_pct=measures.mom(count.sentence[span.end : count.next_start]),
        evidence=_evidence(count), cites=_cites(count, state, entity, metric), segment=measures.segment(window, state.splits_segments),
    ), None


def _evidence(count: _Count) -> str:
    return count.sentence[max(0, count.span.start - 80) : min(len(count.sentence), count.span.end + 60)].strip()


def _cites(count: _Count, state: _State, entity: str, metric: str) -> str | None:
    """Whom the sentence names as the figure's source, else CPCA for the market and retail or wholesale figures of a story on CPCA data."""
    own = measures.cites(count.sentence)
    if own:
        return own
    return state.cites if entity == MARKET or metric in ("retail", "wholesale") else None


def _carried_scope(count: _Count, made: list[Statement], metric: str, state: _State) -> str:
    """A scope left unstated: the sentence's figure before (unless this is "of the" total), else the story's for the metric."""
    if made and not _TOTAL_OF.search(count.since_previous):
        return made[-1].scope
    if made:
        return "all"
    return state.scopes.get(metric, "all")


def _comparison(count: _Count, state: _State, main: Statement, number: str, value: int):
    """The base a figure is compared with: the same measure, for the period named with it."""
    own = count.periods(count.previous_end, count.next_start)
    tail_periods = [p for p in own if p.start > count.span.start]
    lead_periods = [p for p in own if p.end <= count.span.start]
    for mention in tail_periods[:1] + lead_periods[-1:]:
        period = _resolve(mention.period, state, main.period)
        if period and period != main.period:
            rounded = visibly_rounded(number, count.span.unit, value) and (state.context.company is None or bool(count.span.unit))
            return dataclasses.replace(
                main, period=period, value=value, yoy_pct=None, mom_pct=None, evidence=_evidence(count),
                qualifier=measures.qualifier(count.since_previous, count.span.plus, rounded, main.metric),
            ), main
    return "a comparison base with no period named for it"


def _metric(count: _Count, state: _State, made: list[Statement]):
    lead_clause, tail = count.lead_clause, count.tail_clause
    if measures.is_target(lead_clause):
        if measures.superseded_target(count.since_previous, count.sentence):
            return None, "the superseded value of a revised target"
        if any(s.metric == "target" for s in made):
            return None, "a second target in one sentence (a stretch goal or a range)"
        return "target"
    if measures.is_forecast(lead_clause) or measures.is_forecast(count.since_previous):
        return None, "a forecast or guidance, not a reported figure"
    base = measures.metric_word(lead_clause) or measures.metric_word(tail, last=False) or measures.metric_word(count.lead)
    if base is None and made:
        base = made[-1].metric
    if base is None and _VEHICLE_NOUN.match(tail):
        base = state.metric
    if base is None:
        return None, "no metric word (delivered, sold, wholesale, target …) near it"
    asof = any(p.period.kind == "asof" for p in count.periods(0, count.clause_end))
    metric, why = measures.refine_metric(base, lead_clause + " " + tail, asof)
    return metric if metric else (None, why)


def _entity(count: _Count, state: _State, sentence_counts: list[_Span]):
    """The entity a count belongs to, or (None, the reason)."""
    sentence, spans, company = count.sentence, count.spans, state.context.company
    entity_spans = [s for s in spans if s.kind == "entity"]
    if "respectively" in sentence:
        named = [s for s in entity_spans if s.end <= sentence_counts[0].start]
        if len(named) == len(sentence_counts) > 1:
            position = sentence_counts.index(count.span)
            return _named(named[position], sentence, company)
    for entity_span in (s for s in entity_spans if count.span.end <= s.start < count.clause_end):
        if subjects.brand_qualified(sentence, entity_span.start, entity_span.end):
            return subjects.named_entity(entity_span.text, True, company)
    lead_entities = [s for s in entity_spans if s.end <= count.span.start]
    if lead_entities:
        nearest = lead_entities[-1]
        if company and subjects.COMPANY_WORDS.search(sentence, nearest.end, count.span.start):
            return company
        return _named(nearest, sentence, company)
    lead = count.lead
    if company and subjects.COMPANY_WORDS.search(lead):
        return company  # "deliveries of the Company's vehicles": the release's defined company, not the last brand named
    if state.subject and subjects.BACK_REFERENCE.search(lead):
        return state.subject
    if subjects.names_market(lead + " " + count.tail_clause):
        return MARKET
    if company:
        return company
    if entity_spans:
        return _named(entity_spans[0], sentence, company) if re.search(r"\b(?:of|by|from) (?:the )?$", sentence[max(0, entity_spans[0].start - 10) : entity_spans[0].start]) else (None, "no entity named before it")
    if state.subject:
        return state.subject
    return None, "no entity named"


def _named(entity_span: _Span, sentence: str, company: str | None):
    found = subjects.named_entity(entity_span.text, subjects.brand_qualified(sentence, entity_span.start, entity_span.end), company)
    return found if found else (None, f"no entity it belongs to ({entity_span.text!r} is ambiguous or unknown)")


def _period(count: _Count, state: _State, metric: str, entity: str):
    """The period a count is for: named in its clause or before it in the sentence, else carried from the sentences before."""
    candidates = [p for p in count.periods(count.span.end, count.clause_end)] + count.periods(0, count.span.start)[::-1]
    candidates = [p for p in candidates if p.period.kind not in ("date", "year_earlier", "corresponding", "previous_month")]
    nearest_lead = next((p for p in count.periods(0, count.span.start)[::-1] if p.period.kind != "date"), None)
    if nearest_lead is not None and count.compared(nearest_lead) and _WHEN.match(count.lead_clause):
        candidates.insert(0, nearest_lead)  # "a 19 percent improvement from August, when volumes fell to …"
    else:
        candidates = [p for p in candidates if not count.compared(p)]
    specific = [p for p in candidates if p.period.kind not in _YEARISH] + [p for p in candidates if p.period.kind in _YEARISH]
    if metric == "deliveries_cumulative":  # "cumulative sales for the year": the year to date (see _cumulative_or_year)
        clause_start = len(count.lead) - len(count.lead_clause)
        metric = "deliveries" if any(p.period.kind in ("ytd_open", "ytd", *_YEARISH) for p in count.periods(clause_start, count.clause_end)) else metric
    undated = False
    for candidate in specific:
        anchor = _anchor(count, candidate, state)
        try:
            resolved = resolve(candidate.period, state.context.published_on, anchor)
        except Undated:
            undated = True
            continue
        fitted = fit_period(metric, resolved) if resolved else None
        if fitted:
            return fitted
    if undated:
        return None, "a month or quarter with no year, and no publication date to date it by"
    if metric == "deliveries_cumulative" and state.month:
        return state.month  # "cumulative deliveries now stand at …": to the month the story is about
    carried = state.period if state.period and (subjects.related(entity, state.period_entity) or state.cites) else None
    if carried and not specific:
        fitted = fit_period(metric, carried)
        if fitted:
            return fitted
    if specific:
        return None, f"a {metric} figure needs a {'year' if metric == 'target' else 'month'}; found none that fits"
    return None, "no period named for it in this sentence, nor before it for the same maker"


def _anchor(count: _Count, candidate: _Span, state: _State) -> str | None:
    """The period a relative or yearless mention is read against: the sentence's own period before it, else the story's
    (for "so far this year", the month of the last figure read)."""
    for span in count.periods(0, candidate.start)[::-1]:
        if span.period.kind not in (*RELATIVE, "date") and not count.compared(span):
            resolved = _resolve(span.period, state, state.period)
            if resolved:
                return resolved
    return state.month if candidate.period.kind == "ytd_open" and state.month else state.period


def _cumulative_or_year(count: _Count, metric: str, period: str) -> tuple[str, str]:
    """Cumulative words with a year ("cumulative sales for the year") mean the year to date, not since inception."""
    if metric == "deliveries_cumulative" and re.fullmatch(r"\d{4}(?:-\d{2}-YTD)?", period or ""):
        base = measures.metric_word(count.lead_clause + " " + count.tail_clause) or "deliveries"
        return base, period
    if metric == "deliveries_cumulative" and period and "-" in period and not re.fullmatch(r"\d{4}-\d{2}", period):
        return metric, fit_period(metric, period) or period
    return metric, period


def _yoy(count: _Count, period: str) -> float | None:
    """A year-on-year change stated with the count: after it, or before it when the count ends the change ("rose 5% to 1.2 million")."""
    after = count.sentence[count.span.end : count.next_start]
    stated = measures.yoy(after)
    if stated is not None:
        return stated
    before = count.sentence[count.previous_end : count.span.start]
    rise_to = _RISE_TO.search(before)
    if count.first or rise_to:
        stated = measures.yoy(before)
        if stated is not None:
            return stated
    if re.fullmatch(r"\d{4}-\d{2}", period):
        return None  # a month's bare change may be on the month before
    if rise_to:
        return measures.change_before(before[: rise_to.end("change")])
    return _bare_change_after(after)


def _bare_change_after(after: str) -> float | None:
    """"2,254,714 EVs, an increase of 27.9%": a change with no comparison named, for a year or year-to-date figure."""
    match = _BARE_CHANGE.match(after)
    if match and not re.match(r"\s*(?:from|compared|over|than)\b", after[match.end() :]):
        return measures.change_before(match[0])
    return None
