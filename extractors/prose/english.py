"""Reading figures out of English release and news prose.

Makers' releases ("NIO delivered 47,210 vehicles in December 2025, a
52.3% increase over a year earlier") and news articles ("Xiaomi
handed over more than 40,000 cars in October") say the same kinds of things:
a count of vehicles, what was counted, whose, and for which period.
`read_statements` finds each count and ties it to an entity (`subjects`), a
metric (`measures`) and a period (`periods`), from its own sentence or from
the sentences before it (a maker named in the title, its figures in the
body). A comparison base ("up 30% from 11,287 a year earlier") is the same
measure for the earlier period. A text with no publication date dates its
yearless months from what it settles itself (see `periods`). A count it
cannot tie is skipped with its reason, never guessed.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date

from extractors.helpers import parse_month, ytd_period
from extractors.prose import measures, periods, subjects
from extractors.prose.model import Context, Reading, Skipped, Statement
from extractors.prose.numbers import COUNT, GLUED_YEAR, MONEY, count_value, printed, table_row, visibly_rounded
from extractors.prose.periods import PERIOD_PATTERNS, RELATIVE, YEARISH, PeriodMention, TextDating, Undated, fit_period, resolve
from extractors.prose.subjects import MARKET, defined_company, resolve_entity

__all__ = ["defined_company", "marked_sentences", "read_statements", "resolve_entity", "sentences"]

_BOUNDARY = re.compile(r"[,;:]|\bwhile\b|\bwhereas\b|\bbut\b|\bcompared with\b|\bversus\b|\bvs\.?\b|—|–")
_ABBREVIATIONS = (
    "Inc.", "Co.", "Ltd.", "No.", "Corp.", "Mr.", "Ms.", "St.", "U.S.", "e.g.", "i.e.", "vs.", "approx.", "D.C.",
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
)
_COMPARISON = re.compile(r"(?:\bfrom|\bcompared (?:with|to)(?: the)?(?: (?:\w+ ){0,2}of)?|\bversus|\bvs\.?|\bagainst)\s*~*(?:'s|’s)?\s*$", re.I)
_COMPARED_PERIOD = re.compile(r"(?:\bfrom|\bcompared (?:with|to)|\bthan|\bover|\bversus|\bvs\.?|\bagainst|\bbeating)\s*(?:the\s*)?$", re.I)
_PART_OF = re.compile(r"^\s*of (?:the|a total of)\s*#")
_TOTAL_OF = re.compile(r"\bof (?:the|a total of)\s*$", re.I)
_WHEN = re.compile(r"^\s*(?:when|which|where)\b", re.I)
_PAST_FIGURE = re.compile(r"\b(?:delivered|sold|handed over)\b(?![^.]*\bso far\b)", re.I)
_LABELLED = re.compile(r"[^:.]{3,60}:\s*\S")  # "2025 Passenger Vehicle Retail Sales: …", a list's item
_WRAPPED_LINE = re.compile(r"(?<=[^\s.!?:;|])[ \t]*\r?\n[ \t]+(?=[a-z])")
_FIGURE_REFERENCE = re.compile(r"^(?:The|This|That) (?:[\w-]+ ){0,2}?(?:figure|number|total|volume)\b|^(?:This|That|It)(?:'s|’s| was| is| marks| marked| represents| represented)\b")


def sentences(text: str) -> list[str]:
    """Sentences of English prose; paragraph breaks always end one."""
    return [sentence for sentence, _ in marked_sentences(text)]


def marked_sentences(text: str) -> list[tuple[str, bool]]:
    """Sentences of English prose, each with whether it is an item of a list (a bullet, or "Label: value")."""
    found = []
    text = _WRAPPED_LINE.sub(" ", text)  # a sentence wrapped over indented lines ("consisting \n      of 26,402 …") is one
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*[A-Z•\-–(])|\r?\n", text):
        paragraph = re.sub(r"\s+", " ", paragraph).strip()
        if not paragraph:
            continue
        protected = paragraph
        for abbr in _ABBREVIATIONS:
            protected = protected.replace(abbr, abbr.replace(".", "\x00"))
        # sentences glued without a space ("… at their plants.Passenger vehicle sales were …") end at the full stop too
        for part in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"(‘'0-9•-])|\s+(?=[•]\s)|\s+-\s+(?=[A-Z])|(?<=[a-z\d]{2}[.!?])(?=[A-Z][a-z]+\s)", protected):
            item = bool(re.match(r"[•▪●*–-]\s", part)) or bool(_LABELLED.match(part))
            part = part.replace("\x00", ".").strip(" •-")
            if part:
                found.append((part, item))
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
        claim(match, kind="masked" if subjects.descriptor(sentence, *match.span()) else "entity")
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
    period_entities: set[str] = field(default_factory=set)  # whose figures that period was named for (empty: anyone's)
    dating: TextDating | None = None  # what an undated text settles about its yearless months
    metric: str | None = None  # what the sentences before counted
    scopes: dict[str, str] = field(default_factory=dict)  # the scope last stated for each metric
    cites: str | None = None  # CPCA, when the story gives it as its data's source
    splits_segments: bool = False  # the text gives commercial vehicles apart, so a figure naming neither is the total
    month: str | None = None  # the month of the last figure read, which "so far this year" runs to
    pending_yoy: dict[tuple, float] = field(default_factory=dict)  # changes stated before their figure
    passenger_named: list[bool] = field(default_factory=list)  # for each statement read, whether its words said passenger
    ev_named: list[bool] = field(default_factory=list)  # for each statement read, whether its own noun was "EVs"
    part_month: bool = False  # the text reports part of a month ("February 1-23"), so its "so far" runs to a day
    period_age: int = 0  # sentences since `period` was named (1 while reading the sentence right after)


def _resolve(mention: PeriodMention, state: _State, anchor: str | None) -> str | None:
    """A period mention as a period string, dated from the anchor or the publication date; None when it cannot be."""
    try:
        return resolve(mention, state.context.published_on, anchor, state.dating)
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
    def tail_range(self) -> tuple[int, int]:
        """Where the words after the count run to its clause's end; for "21,300 and 17,400 deliveries", the next count's."""
        following = next((s for s in self.spans[self.index + 1 :] if s.kind == "count"), None)
        if following is not None and re.fullmatch(r"\s*(?:and|or)\s*", self.masked(self.span.end, following.start)):
            return following.end, _clause_end(self.masked(0, len(self.sentence)), following.end)
        return self.span.end, self.clause_end

    @property
    def tail_clause(self) -> str:
        return self.masked(*self.tail_range)

    @property
    def first(self) -> bool:
        return self.previous_end == 0

    def periods(self, start: int, end: int) -> list[_Span]:
        return [s for s in self.spans if s.kind == "period" and s.start >= start and s.end <= end]

    def compared(self, mention: _Span) -> bool:
        """A period named as what the figure is compared with ("up 7% from 2024")."""
        before = self.masked(0, mention.start)
        window = before[-20:]
        match = _COMPARED_PERIOD.search(window)
        return bool(match and before[: len(before) - len(window) + match.start()].strip())


def read_statements(text: str, context: Context) -> Reading:
    """Every vehicle count in English prose that can be tied to entity, metric and period."""
    reading = Reading()
    marked = marked_sentences(text)
    parsed = [(sentence, _spans(sentence)) for sentence, _ in marked]
    state = _State(context, subject=context.subject, cites=measures.cites(text) if measures.cites(text) == "cpca" else None,
                   splits_segments=measures.names_commercial(text), dating=_dating(parsed) if context.published_on is None else None)
    forecast_list = False  # the sentences are the items of a list a forecast opened ("The forecasts are as follows:")
    for (sentence, spans), (_, item) in zip(parsed, marked):
        forecast_list = forecast_list and item
        if forecast_list:
            reading.skipped += [Skipped(s.text, "an item of a list of forecasts", sentence) for s in spans if s.kind == "count"]
        else:
            state.period_age += 1
            _read_sentence(sentence, spans, state, reading)
        forecast_list = forecast_list or measures.opens_forecasts(sentence)
    reading.statements = measures.evs_beside_nevs(_totals_beside_passenger(reading.statements, state.passenger_named), state.ev_named, text)
    return _without_running_periods(reading, context.published_on)


def _without_running_periods(reading: Reading, published: date | None) -> Reading:
    running = [s for s in reading.statements if periods.still_running(s.metric, s.period, published)]
    reading.skipped += [Skipped(str(s.value), "a period not over when the text was published (an estimate or a running count)", s.evidence)
                        for s in running]
    reading.statements = [s for s in reading.statements if s not in running]
    return reading


def _dating(parsed: list[tuple[str, list[_Span]]]) -> TextDating:
    """What an undated text settles about its yearless months, from every period it names outside plans and forecasts."""
    mentions, reported = [], []
    for sentence, spans in parsed:
        probe = _Count(sentence, spans, 0, 0, len(sentence), len(sentence))
        planned = measures.is_forecast(sentence) or measures.is_target(sentence)
        past = not planned and any(s.kind == "count" for s in spans) and _PAST_FIGURE.search(sentence)
        base = next((s.period.year for s in spans if s.kind == "period" and s.period.kind == "corresponding" and s.period.year), None)
        for span in (s for s in spans if s.kind == "period"):
            mention = span.period
            if mention.kind == "month" and mention.year is None and base:  # "rose 142% in May from … in the same month of 2022"
                mention = dataclasses.replace(mention, year=base + 1)
            if mention.kind == "month" and mention.year and probe.compared(span):  # "a jump of 180% over Feb. 2021": the month is 2022's
                mention = dataclasses.replace(mention, year=mention.year + 1)
            if past and mention.kind == "year" and mention.year and not probe.compared(span) and not re.search(r"\bsince\b[^,;]*$", sentence[: span.start]):
                reported.append(mention.year)  # "delivered 293,000 vehicles in 2024": that year is over
            mentions.append((mention, planned))
    return periods.text_dating(mentions, tuple(reported))


def _totals_beside_passenger(statements: list[Statement], passenger_named: list[bool]) -> list[Statement]:
    """A maker's figure naming no segment, beside another value for the same measure said to be of passenger vehicles,
    is the maker's total ("NEV sales of 4.27 million …; passenger vehicles … 4.25 million")."""
    def key(s: Statement) -> tuple:
        return s.entity, s.metric, s.scope, s.period

    named = {key(s): s.value for s, said in zip(statements, passenger_named) if said and s.segment == "passenger"}
    return [
        dataclasses.replace(s, segment="all") if not said and s.entity != MARKET and s.segment == "passenger" and named.get(key(s), s.value) != s.value
        else s
        for s, said in zip(statements, passenger_named)
    ]


# ---------------------------------------------------------------- sentences


def _read_sentence(sentence: str, spans: list[_Span], state: _State, reading: Reading) -> None:
    counts = [i for i, s in enumerate(spans) if s.kind == "count"]
    if counts and table_row(sentence):
        reading.skipped += [Skipped(spans[i].text, "a table row printed as text (tables are read apart)", sentence) for i in counts]
        return
    made: list[Statement] = []
    said: list[tuple[bool, bool]] = []  # for each statement made, whether its words said passenger, and EVs
    main = reading.statements[-1] if reading.statements and _FIGURE_REFERENCE.match(sentence) else None  # "That's up 5% from …"
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
        if base_of is not None and base_of not in made:  # the base of the figure the sentence before stated
            main = reading.statements[-1] = _with_change(base_of, statement, count)
            said.append((state.passenger_named[-1], state.ev_named[-1]))
        elif base_of is not None:
            position = made.index(base_of)
            main = made[position] = _with_change(base_of, statement, count)
            said.append(said[position])
        else:
            main = statement
            tally = bool(made) and measures.running_total(count.lead_clause)  # "207,734 EVs …, taking its tally to …": the same measure summed
            if tally:
                main = statement = dataclasses.replace(statement, scope=made[-1].scope, segment=made[-1].segment)
            said.append((measures.names_passenger(_segment_window(count)) or (tally and said[-1][0]),
                         measures.ev_noun(count.tail_clause[:40]) or (tally and said[-1][1])))
        made.append(statement)
    made = [_with_period_changes(s, sentence, spans, state) if s is _first_of(made, s) else s for s in made]
    made = _with_pending_yoy(made, state)
    reading.statements += made
    state.passenger_named += [passenger for passenger, _ in said]
    state.ev_named += [ev for _, ev in said]
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
        for statement in made[::-1]:  # the scope of a sentence's first figure for a metric, not of a part it includes
            if statement.metric != "target":
                state.scopes[statement.metric] = statement.scope
    else:
        named = _first_named(sentence, spans, state)
        if named and (named != MARKET or state.subject is None):  # "citing CPCA data": the story is still the maker's
            state.subject = named
        if _FIGURE_REFERENCE.match(sentence) and reading.statements:
            _give_back_yoy(sentence, reading)
    if any(s.kind == "period" and s.period.kind == "part_month" for s in spans):
        state.part_month, state.period, state.month = True, None, None  # nothing after it is of a whole month by default
        return
    own = [made[0].period] if made else _sentence_periods(sentence, spans, state)
    if own:
        named = {s.entity for s in made} if made else _all_named(spans, state)
        state.period_entities = (state.period_entities | named) if own[-1] == state.period and state.period_entities else named
        state.period, state.period_age = own[-1], 0
        state.month = next((p for p in own[::-1] if re.fullmatch(r"\d{4}-\d{2}", p)), state.month)
        if not made:
            _note_pending_yoy(sentence, spans, state, own[0])  # the first change is of the first period named


def _first_named(sentence: str, spans: list[_Span], state: _State) -> str | None:
    entity_spans = [s for s in spans if s.kind == "entity"]
    if entity_spans:
        return subjects.named_entity(entity_spans[0].text, company=state.context.company)
    return MARKET if subjects.names_market(sentence) else None


def _all_named(spans: list[_Span], state: _State) -> set[str]:
    """Every entity a sentence names, and the subject it is about."""
    named = {subjects.named_entity(s.text, company=state.context.company) for s in spans if s.kind == "entity"} | {state.subject}
    return {entity for entity in named if entity}


def _sentence_periods(sentence: str, spans: list[_Span], state: _State) -> list[str]:
    """The periods a sentence names as its own (not compared-with ones, not relative ones)."""
    probe = _Count(sentence, spans, 0, 0, len(sentence), len(sentence))
    found = []
    for span in spans:
        yearless = span.kind == "period" and span.period.kind == "year" and span.period.year is None  # "full year": no news of its own
        if span.kind == "period" and span.period.kind not in (*RELATIVE, "date") and not yearless and not probe.compared(span):
            resolved = _resolve(span.period, state, state.period)
            if resolved:
                found.append(resolved)
    return found


def _note_pending_yoy(sentence: str, spans: list[_Span], state: _State, period: str) -> None:
    """A change stated before its figure ("sales rose 25.5% in November from a year earlier. Sales totalled …")."""
    change = measures.yoy(sentence)
    entity = _first_named(sentence, spans, state)
    metric = measures.metric_word(sentence, last=False)
    if change is not None and entity and metric:
        state.pending_yoy[(entity, metric, period)] = change


def _with_pending_yoy(made: list[Statement], state: _State) -> list[Statement]:
    out = []
    for statement in made:
        statement = _as_pending_measure(statement, state)
        change = state.pending_yoy.get((statement.entity, statement.metric, statement.period))
        if change is not None and statement.yoy_pct is None and statement.scope == "all":
            statement = dataclasses.replace(statement, yoy_pct=change)
            del state.pending_yoy[(statement.entity, statement.metric, statement.period)]
        out.append(statement)
    return out


def _as_pending_measure(statement: Statement, state: _State) -> Statement:
    """"Retail sales rose 11.3 percent in October. A total of 2.26 million cars were sold last month": the generic "sold"
    of a figure whose change the sentence before stated for a named measure is that measure."""
    if statement.metric != "sales" or (statement.entity, "sales", statement.period) in state.pending_yoy:
        return statement
    named = [m for (entity, m, period) in state.pending_yoy if (entity, period) == (statement.entity, statement.period) and m in ("retail", "wholesale")]
    return dataclasses.replace(statement, metric=named[0]) if len(named) == 1 else statement


def _give_back_yoy(sentence: str, reading: Reading) -> None:
    """"The figure marks a 51 percent year-on-year increase": the change of the figure just read."""
    change = measures.yoy(sentence)
    last = reading.statements[-1]
    if change is not None and last.yoy_pct is None:
        reading.statements[-1] = dataclasses.replace(last, yoy_pct=change)


def _with_change(main: Statement, base: Statement, count: _Count) -> Statement:
    """The main figure with the change stated against its comparison base ("up 96.12 percent from 104,215 … a year earlier")."""
    before = re.sub(_COMPARISON.pattern.replace("~*", r"(?:~|\d{4})*"), "", count.sentence[count.previous_end : count.span.start], flags=re.I)
    return _with(main, base.period, measures.change_before(before.rstrip()))


def _with_period_changes(statement: Statement, sentence: str, spans: list[_Span], state: _State) -> Statement:
    """Changes stated against a named period ("an increase of 45.2% from the fourth quarter of 2023")."""
    for span in spans:
        if span.kind != "period" or span.period.kind in ("date", *RELATIVE):
            continue
        change = measures.change_from_period(sentence[max(0, span.start - 70) : span.start])
        if change is not None:
            statement = _with(statement, _resolve(span.period, state, statement.period), change)
    return statement


def _with(statement: Statement, compared: str | None, change: float | None) -> Statement:
    """The statement with a change against the compared period: its year-on-year or month-on-month one, if not yet stated."""
    field_name = measures.change_field(statement.period, compared) if change is not None else None
    if field_name and getattr(statement, field_name) is None:
        return dataclasses.replace(statement, **{field_name: change})
    return statement


# ---------------------------------------------------------------- counts


def _read_count(count: _Count, state: _State, main: Statement | None, made: list[Statement], sentence_counts: list[_Span]):
    """(statement, the main figure it is the comparison base of, or None), or the reason it is skipped ("" to pass silently)."""
    span = count.span
    number = printed(span.text)
    value = count_value(number, span.unit)
    if value is None or value < 100:
        return ""
    if main is not None and (not count.first or main not in made) and _COMPARISON.search(count.since_previous) and not measures.not_vehicles("", count.tail_clause):
        if main.metric == "target":
            return "the superseded value of a revised target"
        return _comparison(count, state, main, number, value)
    if re.match(r"\s*\(\s*#+\s*\)", count.masked(span.end, min(len(count.sentence), span.end + 24))) and span.unit:
        return "a rounded value restated exactly in the parentheses after it"
    if measures.superseded_figure(count.since_previous, count.tail_clause):
        return "the earlier value of a revised figure"
    why_not = _not_a_figure(count)
    if why_not is not None:
        return why_not
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
    base = measures.metric_word(count.lead_clause + " " + count.tail_clause) or "deliveries"
    metric, period = periods.cumulative_or_year(metric, period, base, measures.against_year_target(count.sentence[span.end :]))
    window = _segment_window(count)
    rounded = visibly_rounded(number, span.unit, value) and (state.context.company is None or bool(span.unit))
    return Statement(
        entity=entity, metric=metric, scope=_scope(count, made, metric, state), period=period, value=value,
        qualifier=measures.qualifier(count.since_previous, span.plus, rounded, metric),
        yoy_pct=measures.stated_yoy(count.sentence[count.previous_end : span.start], count.sentence[span.end : count.next_start],
                                    count.first, bool(re.fullmatch(r"\d{4}-\d{2}", period))),
        mom_pct=measures.mom(count.sentence[span.end : count.next_start]),
        evidence=_evidence(count), cites=_cites(count, state, entity, metric),
        segment=_respective_segment(count, sentence_counts) or measures.segment(window, state.splits_segments),
    ), None


def _respective_segment(count: _Count, sentence_counts: list[_Span]) -> str | None:
    """"passenger cars as well as commercial vehicles …, they sold 234,000 and 600 units, respectively": by position."""
    if "respectively" not in count.sentence or len(sentence_counts) != 2:
        return None
    order = measures.segments_named(count.sentence[: sentence_counts[0].start])
    return order[sentence_counts.index(count.span)] if len(order) == 2 else None


def _not_a_figure(count: _Count) -> str | None:
    """Why a count is no figure of ours ("" when it is plainly no vehicle count), or None when it may be one."""
    span, tail, lead_clause = count.span, count.tail_clause, count.lead_clause
    part_of_next = bool(_PART_OF.match(count.masked(span.end, count.next_start + 1)))  # "712,000 of the 1.94 million vehicles"
    if not (measures.vehicle_noun(tail) or measures.metric_word(lead_clause) or measures.is_target(lead_clause) or measures.target_after(tail)
            or part_of_next or (count.previous_end and measures.running_total(lead_clause))):
        return ""
    if part_of_next:  # the part is of the total's period
        count.clause_end = _clause_end(count.masked(0, len(count.sentence)), count.next_start)
    if measures.not_vehicles(lead_clause, tail):
        return "counts something other than vehicles sold or made (orders, stores, stations, phones, inventory …)"
    words_after = re.findall(r"[\w+]+", count.masked(span.end, min(len(count.sentence), span.end + 24)))[:2]
    words_before = re.findall(r"[\w+]+", count.masked(max(0, span.start - 30), span.start))[-3:]
    if measures.is_model_level(words_before, words_after) or measures.model_subject(count.masked(0, span.start)):
        return "counts one model, not a maker or brand"
    if measures.body_type(tail, lead_clause):
        return "counts one body type (SUVs, sedans), not a total"
    if measures.part_of_time(lead_clause + " " + tail):
        return "a weekly or daily value, not the period's total"
    if subjects.brand_group(lead_clause):
        return "a part (a brand group: domestic, foreign, joint-venture … brands), not the market's total"
    if subjects.group_threshold(lead_clause):
        return "a threshold bounding a group of makers, not a figure"
    if measures.by_analysts(count.lead + " " + tail):
        return "an analysts' estimate, not the maker's figure"
    return measures.threshold(lead_clause) or _range(count)


def _range(count: _Count) -> str | None:
    """"500,000 to 600,000 vehicles", "23,500-25,500": either end of a range (not "from … to …", a change)."""
    counts = [s for s in count.spans if s.kind == "count"]
    position = counts.index(count.span)
    after = count.masked(count.span.end, counts[position + 1].start) if position + 1 < len(counts) else None
    before = count.masked(counts[position - 1].end, count.span.start) if position else None
    joins = (r"\s*(?:to|-|–)\s*", r"\s*and\s*")  # "and" only after "between"
    first = next((count.span for j in joins if after is not None and re.fullmatch(j, after)), None) or next(
        (counts[position - 1] for j in joins if before is not None and re.fullmatch(j, before)), None)
    opening = count.masked(0, first.start) if first is not None else ""
    between = re.search(r"\bbetween\s*$", opening) and not measures.is_forecast(opening)  # a forecast's range is skipped as one
    if first is None or re.search(r"\bfrom\s*$", opening) or (count.masked(first.end, first.end + 6).strip().startswith("and") and not between):
        return None
    if first is not count.span and _bare_small(first) and measures.change_of(opening):
        return None  # "a decline of 5.82 to 318,000 units": a change that lost its percent sign, then the figure
    return "one end of a range, not a figure"


def _bare_small(span: _Span) -> bool:
    value = count_value(printed(span.text), span.unit)
    return not span.unit and (value is None or value < 100)  # "6.35": no count of vehicles


def _segment_window(count: _Count) -> str:
    """The words that say a count's segment: its clause's, else, for a sentence's first count, passenger named alone in
    the words that open the sentence ("Among these passenger NEVs, BEVs sold …")."""
    window = count.lead_clause + " " + count.tail_clause
    if count.first and not measures.names_segment(window) and measures.names_passenger(count.lead) and not measures.names_commercial(count.lead):
        return count.lead + " " + count.tail_clause
    return window


def _scope(count: _Count, made: list[Statement], metric: str, state: _State) -> str:
    tail = count.tail_clause
    window = count.lead_clause + " " + tail
    stated = measures.scope(tail[:40], window, count.sentence)
    if stated is None and count.first:
        stated = measures.scope("", measures.MARKET_OF.sub("", count.lead), count.sentence)
    return stated or _carried_scope(count, made, metric, state)


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
    if measures.is_target(lead_clause) or measures.target_after(tail):
        if measures.superseded_target(count.since_previous, count.sentence):
            return None, "the superseded value of a revised target"
        if any(s.metric == "target" for s in made):
            return None, "a second target in one sentence (a stretch goal or a range)"
        return "target"
    if measures.is_forecast(lead_clause) or measures.is_forecast(count.since_previous) or measures.names_future(tail):
        return None, "a forecast or guidance, not a reported figure"
    clause_start = count.span.start - len(lead_clause)
    base = (measures.restated_metric(count.masked(count.previous_end, clause_start), lead_clause) or measures.metric_word(lead_clause)
            or measures.metric_word(tail, last=False) or measures.metric_word(count.lead))
    if base is None and made:
        base = made[-1].metric
    if base == "sales" and state.metric in ("retail", "wholesale") and measures.opens_with_part(count.sentence):
        base = state.metric  # "Among them, sales of NEVs …": parts of the retail figure before
    if base is None and measures.vehicle_noun(tail):
        base = state.metric
    if base is None:
        return None, "no metric word (delivered, sold, wholesale, target …) near it"
    asof = any(p.period.kind == "asof" for p in count.periods(0, count.clause_end))
    asof = asof and measures.yoy(count.sentence[count.span.end : count.next_start]) is None  # "had sold N by May, up 13%": the year so far
    metric, why = measures.refine_metric(base, lead_clause + " " + tail, asof)
    return metric if metric else (None, why)


def _entity(count: _Count, state: _State, sentence_counts: list[_Span]):
    """The entity a count belongs to, or (None, the reason)."""
    sentence, spans, company = count.sentence, count.spans, state.context.company
    if subjects.world_market(count.lead_clause):
        return None, "the world market's figure, not a maker's nor China's"
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
        if nearest.end <= count.span.start - len(count.lead_clause) and subjects.unknown_subject(count.lead_clause):
            return None, "a subject no entity list names (the maker named before is another clause's)"
        if company and subjects.COMPANY_WORDS.search(sentence, nearest.end, count.span.start):
            return company
        if subjects.model_of(sentence, nearest.end):
            return None, "counts one model, not a maker or brand"
        return _named(nearest, sentence, company)
    lead = count.lead
    opening = count.masked(0, sentence_counts[0].start)
    if re.fullmatch(r"\s*(?:sold|delivered|handed over|exported|produced)\s+(?:a record\s+|about\s+|over\s+|more than\s+)?", opening):
        return None, "the sentence opens with its verb: its subject was cut off"
    if company and subjects.COMPANY_WORDS.search(lead):
        return company  # "deliveries of the Company's vehicles": the release's defined company, not the last brand named
    if state.subject and subjects.BACK_REFERENCE.search(lead):
        return state.subject
    if subjects.names_market(lead + " " + count.tail_clause):
        carried = state.subject not in (None, MARKET) and not subjects.names_market(lead + " " + count.tail_clause, strongly=True)
        return state.subject if carried and not company else MARKET
    if company:
        return company
    if entity_spans:
        first = entity_spans[0]
        return _named(first, sentence, company) if subjects.named_by(sentence[max(0, first.start - 10) : first.start]) else (None, "no entity named before it")
    if state.subject and not subjects.unknown_subject(count.lead_clause):
        return state.subject
    return None, "no entity named" if not state.subject else "a subject no entity list names (the one before does not carry)"


def _named(entity_span: _Span, sentence: str, company: str | None):
    found = subjects.name_in(sentence, entity_span.start, entity_span.end, company)
    return found if found else (None, f"no entity it belongs to ({entity_span.text!r} is ambiguous or unknown)")


def _period(count: _Count, state: _State, metric: str, entity: str):
    """The period a count is for: named in its clause or before it in the sentence, else carried from the sentences before."""
    why_not = _no_whole_period(count, state)
    if why_not:
        return None, why_not
    base = _base_period(count, state, metric)
    if base:
        return base
    specific = _period_candidates(count)
    of_year = metric == "deliveries_cumulative" and _of_a_year(count)
    if metric == "deliveries_cumulative":  # "since its debut in 2019": the cumulative figure's start, not its period
        specific = [p for p in specific if not re.search(r"\bsince\b[^#~,;]*$", count.masked(0, p.start))]
    metric = "deliveries" if of_year else metric  # "cumulative sales for the year": the year to date (see periods.cumulative_or_year)
    named = _named_period(count, state, metric, specific, of_year)
    return named if named is not None else _carried_period(state, metric, entity, bool(specific))


def _no_whole_period(count: _Count, state: _State) -> str | None:
    """Why a count's periods cannot be read as one whole period of its own, or None."""
    if _periods_respectively(count):
        return "periods given respectively (one count for each period) are not paired"
    if any(p.period.kind == "part_month" for p in count.periods(0, max(count.clause_end, count.span.end + len(count.tail_clause)))):
        return "a part of a month (days of it, month to date), not the month's total"
    if state.part_month and any(p.period.kind == "ytd_open" for p in count.periods(0, count.clause_end)):
        return "the year so far in a text on part of a month: it runs to a day, not to a month's end"
    return None


def _named_period(count: _Count, state: _State, metric: str, specific: list[_Span], of_year: bool):
    """The first of the sentence's period mentions that resolves and fits the metric, (None, the reason) when one
    could not be dated, or None when none fits."""
    undated = undated_month = False
    for candidate in specific:
        if undated and (candidate.period.kind in YEARISH or (undated_month and candidate.start < count.span.start)) and metric != "target":
            break  # its month could not be dated: the year or the other figure's month before it is not the figure's period
        if _after_a_later_month(count, candidate, state):
            return None, "a yearless month that follows a later one in a sequence (\"… then\"): its year is not settled"
        anchor = _anchor(count, candidate, state)
        if candidate.period.kind == "year" and candidate.period.year is None and anchor is None and metric != "target":
            continue  # "Full Year Vehicle Deliveries were …" with no year the text reports: not the publication's year
        try:
            resolved = resolve(candidate.period, state.context.published_on, anchor, state.dating)
        except Undated:
            resolved = periods.reported_year(candidate.period, state.month) if metric == "target" else None
            if resolved is None:
                undated, undated_month = True, undated_month or candidate.period.kind not in YEARISH
                continue
        fitted = fit_period(metric, resolved) if resolved else None
        if fitted:
            return _fitted_period(count, state, metric, candidate, fitted, of_year)
    return (None, "a month or quarter with no year, and no publication date to date it by") if undated else None


def _fitted_period(count: _Count, state: _State, metric: str, candidate: _Span, fitted: str, of_year: bool):
    """A resolved period that fits the metric, read as the year so far where the count runs through it."""
    if (of_year or candidate.period.kind == "asof") and re.fullmatch(r"\d{4}-\d{2}", fitted) and metric not in ("target", "deliveries_cumulative"):
        return ytd_period(*parse_month(fitted))  # "cumulative deliveries for 2023, through the end of October"; "by May, it had sold"
    if metric == "target":
        return fitted
    running = measures.running_now(count.lead + " " + count.tail_clause) and candidate.period.year is not None
    if running and not periods.month_before(state.context.published_on, state.month):
        return None, "a year's running total whose last month the text does not settle"
    return periods.year_so_far(candidate.period, fitted, state.month, running)


_SEQUENCE = re.compile(r"\bfollowed by\b|\bthen\b|\bsubsequently\b|\bafter that\b", re.I)


def _after_a_later_month(count: _Count, candidate: _Span, state: _State) -> bool:
    """"… in December 2023. This was followed by a drop to 670,000 in January": in a text with no date, a yearless
    month told as coming after the later month before it is of the next year, which the anchor does not give."""
    mention = candidate.period
    if state.context.published_on or mention.kind != "month" or mention.year or not _SEQUENCE.search(count.masked(0, candidate.start)):
        return False
    anchor = _anchor(count, candidate, state)
    return bool(anchor and re.match(r"\d{4}-\d{2}", anchor) and int(anchor[5:7]) > mention.number)


def _base_period(count: _Count, state: _State, metric: str) -> str | None:
    """"rose 137% in May from 31,220 vehicles in the same month of 2022": a comparison base followed by the period a year
    before the one the sentence names is that period's figure."""
    following = count.periods(count.span.end, count.clause_end)
    if not following or following[0].period.kind not in ("corresponding", "year_earlier") or not _COMPARISON.search(count.since_previous):
        return None
    resolved = _resolve(following[0].period, state, _anchor(count, following[0], state))
    return fit_period(metric, resolved) if resolved else None


def _of_a_year(count: _Count) -> bool:
    """A cumulative count said to be of a year or of the year so far ("For the full year of 2022, cumulative sales were",
    "So far this year, it has accumulated"), a year not named as where the count starts ("since its debut in 2019")."""
    clause_start = len(count.lead) - len(count.lead_clause)
    opening = count.periods(0, clause_start) if count.first else []  # the sentence's opening phrase, for its first count
    return any(p.period.kind in ("ytd_open", "ytd", *YEARISH) and not re.search(r"\bsince\b[^#~,;]*$", count.masked(0, p.start))
               for p in opening + count.periods(clause_start, count.clause_end))


def _periods_respectively(count: _Count) -> bool:
    """"21,300 and 17,400 vehicles in November and December, respectively": several periods after the sentence's counts begin."""
    if "respectively" not in count.sentence:
        return False
    first = next(s for s in count.spans if s.kind == "count")
    named = [p for p in count.periods(first.end, len(count.sentence)) if p.period.kind not in (*RELATIVE, "date")]
    return len(named) > 1


def _period_candidates(count: _Count) -> list[_Span]:
    """The period mentions a count may be for, nearest first (its clause's, then the sentence's before it), years last."""
    tail_start, tail_end = count.tail_range
    shared = count.periods(tail_start, tail_end) if tail_start > count.span.end else []  # "sold 21,300 and 17,400 units in May"
    candidates = count.periods(count.span.end, count.clause_end) + shared + count.periods(0, count.span.start)[::-1]
    candidates = [p for p in candidates if p.period.kind not in ("date", "year_earlier", "corresponding", "previous_month")]
    nearest_lead = next((p for p in count.periods(0, count.span.start)[::-1] if p.period.kind != "date"), None)
    if nearest_lead is not None and count.compared(nearest_lead) and (
            _WHEN.match(count.lead_clause) or re.match(r"\s*,?\s*(?:when|in which)\b", count.masked(nearest_lead.end, count.span.start))):
        candidates.insert(0, nearest_lead)  # "a 19 percent improvement from August, when volumes fell to …"
    else:
        candidates = [p for p in candidates if not count.compared(p)]
    owner = _possessive_period(count)
    if owner is not None:
        candidates = [owner] + [p for p in candidates if p is not owner]
    clause_start = count.span.start - len(count.lead_clause)
    own = [p for p in candidates if p.start >= clause_start]  # its own clause's ("…, while full-year deliveries reached …")
    others = [p for p in candidates if p.start < clause_start]
    return [p for group in (own, others) for yearish in (False, True) for p in group if (p.period.kind in YEARISH) == yearish]


_POSSESSIVE_OF = re.compile(r"\s*(?:'s|’s)\s+(?:(?:[\w-]+\s+){0,3}?of\s+)?(?:about|around|nearly|some|over|more than)?\s*")


def _possessive_period(count: _Count) -> _Span | None:
    """"from December 2024's record of 655,000 units", "up from April's 4,218": the period whose count it is, though compared with."""
    before = [p for p in count.periods(0, count.span.start) if p.period.kind not in ("date", *RELATIVE)]
    if before and _POSSESSIVE_OF.fullmatch(count.masked(before[-1].end, count.span.start)):
        return before[-1]
    return None


def _carried_period(state: _State, metric: str, entity: str, named_some: bool):
    """A count whose sentence names no period that fits: the story's month for a cumulative figure, else the period
    the sentences before named for the same maker (or for a story on CPCA data)."""
    if metric == "deliveries_cumulative" and state.month:
        return state.month  # "cumulative deliveries now stand at …": to the month the story is about
    holds = not state.period_entities or any(subjects.related(entity, other) for other in state.period_entities)
    carried = state.period if state.period and (holds or state.cites) else None
    if carried and not named_some:
        fitted = fit_period(metric, carried)
        if fitted:
            return fitted
    if named_some:
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
    if candidate.period.kind == "the_quarter":  # the quarter the sentence before reported for the same maker, never an older one
        return state.period if state.period_age == 1 else None
    return state.month if candidate.period.kind == "ytd_open" and state.month else state.period
