"""Reading figures out of Chinese prose (simplified; traditional text is
converted by the format layer before it gets here).

CPCA reprints ("5月全国乘用车市场零售193万辆，同比增长13%，环比增长10%；1-5月
累计零售880.2万辆"), NEV variants ("全国乘用车厂商新能源批发…"), makers in the
news ("比亚迪12月销量42.04万辆，年减18.2%", "全年累计交付32.6万辆",
"乐道、萤火虫上月分别交付9154辆和7084辆") and targets ("2026年目标为总销量345万辆")
all state a count with its subject, metric and period before it, or carry
them from the clauses and sentences before. Each count (`zh_numbers`) is tied
to a subject (`zh_subjects`), a metric and scope, and a period (`zh_periods`),
or skipped with its reason (`zh_rules`): never guessed. A paragraph naming no
subject after the market's figures goes on about the market; a title or subhead
restating a body figure in other words gives way to it. The market's NEV
penetration (渗透率) is read by `zh_shares`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from extractors.prose import zh_rules
from extractors.prose.model import Context, Reading, Skipped, Statement, most_precise
from extractors.prose.zh_dating import PARTIAL, Dating
from extractors.prose.zh_numbers import Count, find_counts, month_on_month, year_on_year
from extractors.prose.zh_periods import PeriodMention, find_periods
from extractors.prose.zh_resolve import DocumentState, ParagraphState, Tie, resolve
from extractors.prose.zh_shares import find_penetrations
from extractors.prose.zh_subjects import Mention, find_metrics, find_scopes, find_subjects, resolve_name

_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_TAG = re.compile(r"<[^>]{0,200}>")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|\s+-\s+|(?:^|\s)[•·](?=\S)")
_DEFINED = re.compile(r"[“\"]([^”\"]{1,8})[”\"]\s*或\s*[“\"](?:本?公司)[”\"]")
_IN_CHINA = re.compile(r"国内|中国市场|在中国|在华|中国区|中国工厂|中国产|中国制造|上海(?:超级)?工厂")
_RESPECTIVELY = re.compile(r"分别|分占")
_CLAUSE_MARK = re.compile(r"[，,。；;：:！？!?]")
_BREAKDOWN = re.compile(r"^(?:在)?([^，,。；;\d]{1,12}?)中[，,]")


def clean(text: str) -> str:
    """Escaped HTML left in a stored copy: unescaped, its tags made paragraph breaks."""
    text = _ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
    return _TAG.sub("\n", text)


def sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if s and s.strip()]


def defined_company(text: str) -> str | None:
    """The company a release defines ("蔚来公司(…)(“蔚来”或“公司”)"), or None."""
    m = _DEFINED.search(text)
    return resolve_name(m[1]) if m else None


def read_statements(text: str, context: Context) -> Reading:
    """Every vehicle count in Chinese prose that can be tied to entity, metric and period."""
    text = clean(text)
    doc = DocumentState(context, Dating(context.published_on, text), context.company or defined_company(text) or context.subject)
    reading = Reading()
    for index, paragraph in enumerate(p for p in text.splitlines() if p.strip()):
        doc.paragraph = ParagraphState(period=doc.lead)
        for sentence in sentences(paragraph):
            reading.extend(_read_sentence(sentence, doc))
        if index == 0:
            doc.lead = _lead_period(paragraph)
    return _without_restated_headlines(most_precise(_without_running_periods(reading, context.published_on)))


# "2025年2月,中国造车新势力销量…呈现分化态势。": a story opening on its month
_LEAD = re.compile(r"^\s*(20\d\d)\s*年\s*(\d{1,2})\s*月\s*[,，]")


def _lead_period(paragraph: str) -> str | None:
    """A text whose first paragraph is one sentence opening on a month with its year, and stating no count,
    reports that month: the counts of the paragraphs after it that name no period of their own are of it."""
    m = _LEAD.match(paragraph)
    if not m or len(sentences(paragraph)) != 1 or find_counts(paragraph) or zh_rules.is_forecast(paragraph):
        return None
    if not 1 <= int(m[2]) <= 12:
        return None
    return f"{int(m[1]):04d}-{int(m[2]):02d}"


_NOT_RUNNING = ("target", "deliveries_cumulative", "penetration")


def _without_running_periods(reading: Reading, published_on: date | None) -> Reading:
    """"6月销量已达2.73万辆" in a text of June 29: a period not over when the text was written is a running count,
    not the period's figure (a text dated on the 1st may be dated by its month alone, so is not judged)."""
    if published_on is None or published_on.day == 1:
        return reading
    kept = Reading(skipped=list(reading.skipped))
    for statement in reading.statements:
        end = period_end(statement.period)
        if statement.metric not in _NOT_RUNNING and end is not None and end > published_on:
            kept.skipped.append(Skipped(str(statement.value), "a period not over when the text was published (a running count)",
                                        statement.evidence))
            continue
        kept.statements.append(statement)
    return kept


def period_end(period: str) -> date | None:
    """The last day of a period (2025, 2025-H1, 2025-Q3, 2025-11, 2025-11-YTD)."""
    m = re.fullmatch(r"(\d{4})(?:-(?:H([12])|Q([1-4])|(\d{2})(?:-YTD)?))?", period)
    if not m:
        return None
    year = int(m[1])
    last = 12 if not (m[2] or m[3] or m[4]) else int(m[2]) * 6 if m[2] else int(m[3]) * 3 if m[3] else int(m[4])
    return date(year + 1, 1, 1) - timedelta(days=1) if last == 12 else date(year, last + 1, 1) - timedelta(days=1)


def _is_headline(sentence: str) -> bool:
    return not _CLAUSE_MARK.search(sentence)


def _without_restated_headlines(reading: Reading) -> Reading:
    """A title or subhead ("比亚迪2月交付量19万辆") restating a figure of the body with its own words
    (same maker, period and value, "新能源车销量19万辆") is the body's figure: the body's metric and scope stand."""
    body = {(s.entity, s.period, s.value) for s in reading.statements if not _is_headline(s.evidence)}
    kept = Reading(skipped=list(reading.skipped))
    for statement in reading.statements:
        if _is_headline(statement.evidence) and (statement.entity, statement.period, statement.value) in body:
            kept.skipped.append(Skipped(str(statement.value), "a headline restating a figure of the body in other words",
                                        statement.evidence))
            continue
        kept.statements.append(statement)
    return kept



# ---------------------------------------------------------------- one sentence


def _read_sentence(sentence: str, doc: DocumentState) -> Reading:
    counts = find_counts(sentence)
    periods, subjects = find_periods(sentence), find_subjects(sentence)
    paragraph = doc.paragraph
    continuation = sentence.startswith("其中") or _opens_breakdown(sentence)
    _apply_frame(sentence, paragraph)
    doc.dating.begin(periods, sentence)
    ties: list[Tie] = []
    previous = (paragraph.last or doc.last) if continuation else None
    respectively = _respectively(sentence, counts, subjects)
    for index, count in enumerate(counts):
        doc.dating.advance(count.start)
        own_start = counts[index - 1].end if index else 0
        tie = resolve(sentence, count, own_start, periods, subjects, previous, doc, respectively.get(index, False))
        if continuation and paragraph.forecast and not tie.reason:
            tie.reason = "a forecast, not a figure"
        ties.append(tie)
        if tie.entity or tie.part:
            previous = tie
        if not tie.reason:
            doc.dating.note(tie.period)
            paragraph.period, paragraph.last = tie.period, tie
            paragraph.partial = False
            doc.last = tie
        elif tie.reason == PARTIAL:
            paragraph.partial = True
    doc.dating.advance(len(sentence))
    if not counts:
        _frame_period(sentence, periods, doc)
    _supersede(ties)
    paragraph.forecast = any(t.reason == "a forecast, not a figure" for t in ties) or (continuation and paragraph.forecast)
    reading = _statements(sentence, counts, ties, doc)
    reading.extend(_penetrations(sentence, periods, subjects, doc))
    _remember_subject(sentence, subjects, paragraph)
    doc.cites = zh_rules.latest_source(sentence) or doc.cites
    return reading


_FRAMING_KINDS = ("year", "quarter", "half", "ytd")


def _frame_period(sentence: str, periods: list[PeriodMention], doc: DocumentState) -> None:
    """"在出口方面,2023年中国汽车出口…创下了历史新高。…出口量达到了383万辆": a sentence with no count naming a
    year, quarter or half frames the paragraph's counts that name none (never a forecast's, a comparison's)."""
    if (doc.paragraph.period is not None and doc.paragraph.period != doc.lead) or zh_rules.is_forecast(sentence):
        return
    framing = [p for p in periods if p.kind in _FRAMING_KINDS and not p.comparison and not p.since]
    if framing:
        period, reason = doc.dating.period(framing[-1])
        if not reason:
            doc.paragraph.period = period


def _supersede(ties: list[Tie]) -> None:
    """"目标从A下调至B", "目标定为A,…这一目标被上调至B": the target before the one the sentence changes it to is superseded."""
    for index, tie in enumerate(ties):
        if tie.adjusted and not tie.reason:
            for earlier in ties[:index]:
                if earlier.metric == "target" and earlier.entity == tie.entity and not earlier.reason:
                    earlier.reason = "a superseded target (the sentence changes it)"


def _opens_breakdown(sentence: str) -> bool:
    """"新能源批发中，纯电动…": a sentence opening with a kind of what was counted just before breaks that figure down."""
    m = _BREAKDOWN.match(sentence)
    return bool(m) and bool(find_scopes(m[1]) or find_metrics(m[1])) and not find_periods(m[1])


def _apply_frame(sentence: str, paragraph: ParagraphState) -> None:
    topic = zh_rules.frame(sentence)
    if not topic:
        return
    scopes, metrics = find_scopes(topic), find_metrics(topic)
    if scopes:
        paragraph.scope = scopes[-1][2]
    if metrics and metrics[-1][2] != "not_counted":
        paragraph.metric = metrics[-1][2]


def _penetrations(sentence: str, periods: list[PeriodMention], subjects: list[Mention], doc: DocumentState) -> Reading:
    """The market's NEV retail penetration, dated by the period before it (else the paragraph's)."""
    reading = Reading()
    for share in find_penetrations(sentence):
        if any(s.kind in ("entity", "part") and s.start < share.end for s in subjects):
            reading.skipped.append(Skipped(share.text, "a share of a maker or a part, not the market's penetration", sentence))
            continue
        before = [p for p in periods if p.end <= share.start and not p.comparison and not p.since and p.kind != "date"]
        period, reason = doc.dating.period(before[-1]) if before else (doc.paragraph.period, None)
        if period is None:
            reading.skipped.append(Skipped(share.text, reason or "no period (month, quarter, year …) for the share", sentence))
            continue
        cites = zh_rules.latest_source(sentence[:share.start]) or doc.cites
        reading.statements.append(Statement("market", "penetration", "nev", period, share.basis_points, "approx", None, sentence, cites))
    return reading


_GROUP_PART = "a part of the market or of a maker"


def _remember_subject(sentence: str, subjects: list[Mention], paragraph: ParagraphState) -> None:
    """The subject the next sentences go on about: the last maker or market named, or a part of a maker named
    after them as what was counted ("吉利开始披露银河销量。6月份售出N辆": the series', no total)."""
    if subjects:
        last = subjects[-1]
        counted = find_metrics(sentence[last.end:last.end + 6])
        paragraph.part = last.value if (last.kind == "part" and last.value.startswith(_GROUP_PART) and counted
                                        and counted[0][0] <= 2 and counted[0][2] != "not_counted") else None
    for mention in reversed(subjects):
        if mention.kind == "entity":
            paragraph.entity, paragraph.segment = mention.value, "passenger"
            return
        if mention.kind == "market":
            paragraph.entity, paragraph.segment = "market", mention.value
            return


def _respectively(sentence: str, counts: list[Count], subjects: list[Mention]) -> dict[int, str | None]:
    """"A、B分别交付 X 辆和 Y 辆": each count's entity by its place; None where the lists differ in length."""
    m = _RESPECTIVELY.search(sentence)
    if not m:
        return {}
    before = [c for c in counts if c.end <= m.start()]
    start = before[-1].end if before else 0
    names = _listed_names(sentence, [s for s in subjects if s.kind == "entity" and start <= s.start < m.start()])
    after = [i for i, c in enumerate(counts) if c.start >= m.end()]
    listed = [after[0]] if after else []
    for i in after[1:]:
        if re.fullmatch(r"\s*(?:和|、|与|及|,|，)\s*", sentence[counts[i - 1].end:counts[i].start]):
            listed.append(i)
        else:
            break
    if len(names) == len(listed) >= 2:
        return dict(zip(listed, names))
    return {i: None for i in listed}


def _listed_names(sentence: str, mentions: list[Mention]) -> list[str]:
    """The last run of names joined by 、/和/与 ("蔚来旗下乐道、萤火虫" → 乐道, 萤火虫)."""
    run = mentions[-1:]
    for mention in reversed(mentions[:-1]):
        if not re.fullmatch(r"\s*(?:品牌)?\s*(?:、|和|与|及|,|，)\s*", sentence[mention.end:run[0].start]):
            break
        run.insert(0, mention)
    return [m.value for m in run]


def _statements(sentence: str, counts: list[Count], resolved: list[Tie], doc: DocumentState) -> Reading:
    reading = Reading()
    read = [i for i, r in enumerate(resolved) if not r.reason or r.unknown]
    for index, (count, found) in enumerate(zip(counts, resolved)):
        if found.reason and not found.unknown:
            reading.skipped.append(Skipped(count.text, found.reason, sentence))
            continue
        following = [i for i in read if i > index]
        window = sentence[count.end:counts[following[0]].start if following else len(sentence)]
        statement = _statement(sentence, count, found, window, doc)
        if found.unknown:
            reading.skipped.append(Skipped(count.text, found.reason, sentence, unknown_maker=statement))
        else:
            reading.statements.append(statement)
    return reading


def _statement(sentence: str, count: Count, found: Tie, window: str, doc: DocumentState) -> Statement:
    year, quarter, mon = _year_quarter_month(found.period)
    yoy = year_on_year(window, year, quarter, bare_allowed=not found.compared, month=mon)
    cites = zh_rules.latest_source(sentence[:count.start]) or doc.cites
    entity = found.entity or found.unknown
    if entity == "tesla" and (_IN_CHINA.search(sentence) or cites == "cpca"):
        entity = "tesla-china"
    target = found.metric == "target"
    return Statement(
        entity, found.metric, found.scope, found.period, count.value, "exact" if target else count.qualifier,
        None if target else yoy, sentence, cites=cites, mom_pct=None if target else month_on_month(window), segment=found.segment,
    )


def _year_quarter_month(period: str) -> tuple[int | None, int | None, int | None]:
    m = re.match(r"(\d{4})(?:-Q(\d)|-(\d{2})$)?", period)
    if not m:
        return None, None, None
    return int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None


