"""Tying one Chinese count to its subject, metric, scope and period.

Each comes from the nearest phrase before the count since the previous count
(its own clause), else from the count before it in the sentence, else from
the paragraph (its topic "新能源市场方面," or the subject and period of the
sentences before); a new subject carries the period its predecessor was named
with, not one of that subject's asides ("…,第四季度累计Y辆,B交付Z辆": B's month), else — for the subject — the document's company. A count
whose nearest subject is a part (a brand group, a model, an unknown maker) is
skipped; so is one with no metric or no period, with the reason. A count of a
maker no list knows ("；星辰汽车57066辆") is skipped too, but still read: the
skip carries what it would state under the printed name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.helpers import ytd_period
from extractors.prose import zh_rules
from extractors.prose.model import Context
from extractors.prose.zh_dating import PARTIAL, Dating
from extractors.prose.zh_numbers import Count
from extractors.prose.zh_periods import PeriodMention, find_periods
from extractors.prose.zh_subjects import Mention, find_metrics, find_scopes, resolve_name

_METRIC_AFTER = re.compile(r"^\s*(?:辆|台)?的?[^，,。；;\d]{0,8}?(批发|零售|出口|交付|销量|销售)")
_AFTER_METRICS = {"批发": "wholesale", "零售": "retail", "出口": "exports", "交付": "deliveries", "销量": "sales", "销售": "sales"}
_NAME_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,6})\s*(?:[（(]|以\s*(?:全年)?\s*(?:约|近)?)\s*$")
# A clause that is a maker's name alone before its count ("；星辰汽车57066辆"), a name no list knows.
_LONE_NAME = re.compile(r"(?:^|[，,；;、：:])\s*(?:其中)?([\u4e00-\u9fff]{2,10}?(?:汽车|集团))\s*$")
_NOT_A_NAME = re.compile(r"[年月日季度为达是约近共计累的后]$")
# "低于2018年4月181万的最高水平", "超过2024年4月的N辆": a level the period is measured against
_OUTRANKED = re.compile(r"(?:低于|高于|超越|超过)\s*$")
_RECORD_AFTER = re.compile(r"^[^，,；;。]{0,6}?(?:最高|最好|峰值|纪录|记录|高点|新高)")
_IMMEDIATE = re.compile(r"^[\s的为达约近]{0,3}$")
_FORECAST = "a forecast, not a figure"
_NOT_COUNTED = "not a count of vehicles sold or made (orders, stores, recalls, stock …)"
_ASIDE = re.compile(r"[（(](?:含|不含|包括|包含)[^）)]*[）)]")
_TOTAL = re.compile(r"(?<!车)总销量|总数|全品牌|总体")
_YEAR_AFTER = re.compile(r"^\s*(?:辆|台)?的?\s*(?:年度|全年|年销|年交付|年目标)")
# "比亚迪以超460万辆销量蝉联年度冠军", "鸿蒙智行以N辆成为12月交付冠军": a count the clause names its metric and
# period after ("以N辆…"), read from the rest of its clause
_BY_COUNT = re.compile(r"以\s*(?:全年|单月)?\s*(?:超过?|逾|突破|约|近|接近)?\s*$")
_INDUSTRY_TOTAL = re.compile(r"总销量|产销总量|销售总量")
_BREAKDOWN_OPENS = re.compile(r"其中\s*$")
_CLAUSE_END = re.compile(r"[，,。；;：:！？!?（(]")
_MONTH = re.compile(r"\d{4}-\d{2}$")
_YEAR = re.compile(r"\d{4}$")
_QUOTE_OPENS = re.compile(r"(?:表示|称|指出|透露|宣布|介绍|说)\s*[，,:：]?\s*[“「\"]")
_ABROAD = re.compile(r"全球|世界|海外|国外|境外|欧洲|美国|日本|德国|东南亚")


@dataclass
class Tie:
    """What a count was tied to, or why not."""

    entity: str | None = None
    segment: str = "passenger"
    metric: str | None = None
    scope: str = "all"
    period: str | None = None
    compared: bool = False
    part: str | None = None  # the reason a subject is a part, carried to the counts after it
    reason: str | None = None
    unknown: str | None = None  # the printed name of a maker no entity list names, whose count this is
    adjusted: bool = False  # a target the text changes to ("目标从A下调至B": B)
    lead: str | None = None  # the period in force when its subject was named, which a new subject after it takes


@dataclass
class ParagraphState:
    entity: str | None = None
    segment: str = "passenger"
    period: str | None = None
    scope: str | None = None
    metric: str | None = None
    last: Tie | None = None
    forecast: bool = False
    partial: bool = False  # the counts before were of a part of a month (4月1-14日): a count carrying no period is too
    part: str | None = None  # a part the sentence before named last ("吉利开始披露银河销量。6月份售出N辆"): its reason


@dataclass
class DocumentState:
    context: Context
    dating: Dating
    company: str | None
    cites: str | None = None
    paragraph: ParagraphState = field(default_factory=ParagraphState)
    last: Tie | None = None  # the last figure's tie, which a breakdown opening a paragraph continues ("其中", "新能源批发中，")
    lead: str | None = None  # the month a story's one-sentence opening paragraph names ("2025年2月,新势力…")


def _nearest(items: list, start: int, end: int):
    """The item nearest before `end`, not before `start` (items have .start or are (start, end, value))."""
    def position(item):
        return item.start if hasattr(item, "start") else item[0]
    inside = [i for i in items if start <= position(i) < end]
    return max(inside, key=position) if inside else None


def resolve(sentence: str, count: Count, own_start: int, periods: list[PeriodMention], subjects: list[Mention],
            previous: Tie | None, doc: DocumentState, listed: str | None | bool = False) -> Tie:
    """The tie of one count, or the reason it has none."""
    before, after = sentence[:count.start], sentence[count.end:]
    own = sentence[own_start:count.start]
    clause_start = max(before.rfind("；"), before.rfind(";")) + 1
    for quoted in _QUOTE_OPENS.finditer(before, clause_start):  # the words quoted, not the setting of the quote
        clause_start = quoted.end()
    if zh_rules.is_forecast(sentence[clause_start:count.start]):
        return Tie(reason=_FORECAST)
    reason = zh_rules.no_figure_reason(before, after, own)
    if reason:
        return Tie(reason=reason)
    metrics = find_metrics(_ASIDE.sub("", own))
    if metrics and metrics[-1][2] == "not_counted":
        return Tie(reason=_NOT_COUNTED)
    tie = Tie()
    tail = _by_count_tail(before, after)
    _subject(tie, before, own_start, subjects, previous, doc, listed)
    if tie.reason and not tie.unknown:
        return tie
    if tie.entity == "market" and tie.segment == "all" and _INDUSTRY_TOTAL.search(own):
        # "中国汽车市场…总销量突破3000万辆": the industry's total, commercial vehicles with it, not the car market's
        return Tie(reason="the whole vehicle industry's total (汽车总销量, with commercial vehicles), not the car market's")
    unknown_maker, tie.reason = tie.reason, None  # an unknown maker's count is still read, for who keeps such counts
    _metric(tie, own, after, previous, doc.paragraph, before, tail)
    if not tie.reason:
        _scope(tie, own, own_start, subjects, previous, doc.paragraph)
        named = [m for m in subjects if m.kind in ("entity", "market") and own_start <= m.start < count.start]
        new_subject = bool(named) and previous is not None and named[-1].value != previous.entity
        _period(tie, own, after, own_start, count, periods, previous, doc, new_subject)
        if tail is not None and tie.reason and tie.reason.startswith("no period"):
            _period_after(tie, tail, doc)
        tie.lead = tie.period if named or previous is None else (previous.lead or previous.period)
    if tie.metric == "target" and tie.period and not _YEAR.match(tie.period):
        tie.reason = "a plan for a month or part of a year, not an annual target"
    if tie.reason:
        tie.unknown = None
    tie.reason = tie.reason or unknown_maker
    return tie


def _by_count_tail(before: str, after: str) -> str | None:
    """The rest of the clause after a count of the 以N辆 form ("以N辆成为12月交付冠军"), else None."""
    if not _BY_COUNT.search(before):
        return None
    end = _CLAUSE_END.search(after)
    return after[:end.start()] if end else after


def _period_after(tie: Tie, tail: str, doc: DocumentState) -> None:
    """The period a 以N辆 clause names after its count ("…成为12月交付冠军", "…蝉联年度冠军")."""
    found = [p for p in find_periods(tail) if p.kind != "date" and not p.comparison and not p.since]
    if found:
        tie.period, tie.reason = doc.dating.period(found[0])


def _subject(tie: Tie, before: str, own_start: int, subjects: list[Mention], previous: Tie | None,
             doc: DocumentState, listed: str | None | bool) -> None:
    if listed is None:
        tie.reason = "a list of counts (分别) whose subjects cannot be paired with them"
        return
    if listed:
        tie.entity = listed
        return
    named = _NAME_BEFORE.search(before)
    nearest = _nearest(subjects, 0, len(before))
    if named and not _NOT_A_NAME.search(named[1]) and "的" not in named[1] and not (nearest and nearest.end == named.end(1)):
        if resolve_name(named[1]) is None:
            tie.reason = f"the count of {named[1]}, which is not a known maker"
            return
    if (lone := _unknown_name(before, subjects)) is not None:
        tie.unknown, tie.part = lone, f"the count of {lone}, which is not a known maker"
        tie.reason = tie.part
        return
    own_subject = _nearest(subjects, own_start, len(before))
    mention = own_subject or (None if previous else nearest)
    if mention is None and previous is not None:
        tie.entity, tie.segment, tie.part, tie.unknown = previous.entity, previous.segment, previous.part, previous.unknown
        tie.reason = previous.part
        return
    if mention is not None and _maker_segment(before, mention, previous):
        # "比亚迪销售新能源汽车N辆,其中乘用车销量为M辆": the maker's passenger cars, not the market
        tie.entity, tie.segment = previous.entity, mention.value
        if previous.segment == mention.value:
            previous.segment = "all"  # the count it breaks down is the maker's all-vehicle total
        return
    if mention is not None and mention.kind == "company":
        mention = _nearest([s for s in subjects if s.kind == "entity"], 0, mention.start) or mention
    if mention is not None and mention.kind != "company":
        _subject_from(tie, mention)
        return
    paragraph = doc.paragraph
    if paragraph.part and not subjects:
        tie.reason = paragraph.part
        return
    tie.entity = paragraph.entity or doc.company
    tie.segment = paragraph.segment if paragraph.entity else "passenger"
    others = [s for s in subjects if s.start < len(before) or s.kind != "market"]  # "…，标志着车市…" after it: still the market
    if tie.entity is None and doc.last is not None and doc.last.entity == "market" and not others and not _ABROAD.search(before):
        # a paragraph naming no subject after the market's figures goes on about the market ("导致1-2月累计零售…")
        tie.entity, tie.segment = "market", doc.last.segment
    if tie.entity is None:
        tie.reason = "no maker or market named for the count"


def _maker_segment(before: str, mention: Mention, previous: Tie | None) -> bool:
    """A market word opening a breakdown (其中乘用车…) of a maker's count just before: that maker's segment."""
    return (mention.kind == "market" and previous is not None and previous.entity not in (None, "market")
            and not previous.part and bool(_BREAKDOWN_OPENS.search(before[:mention.start])))


def _unknown_name(before: str, subjects: list[Mention]) -> str | None:
    """The name a count follows when its clause is that name alone and no list knows it (no maker, market,
    part, scope, metric or period word in it), else None."""
    m = _LONE_NAME.search(before)
    if not m or resolve_name(m[1]) is not None or any(s.start < len(before) and s.end > m.start(1) for s in subjects):
        return None
    if find_scopes(m[1]) or find_metrics(m[1]) or find_periods(m[1]):
        return None
    return m[1]


def _subject_from(tie: Tie, mention: Mention) -> None:
    if mention.kind == "part":
        tie.part = tie.reason = mention.value
    elif mention.kind == "market":
        tie.entity, tie.segment = "market", mention.value
    else:
        tie.entity = mention.value


def _metric(tie: Tie, own: str, after: str, previous: Tie | None, paragraph: ParagraphState, before: str = "",
            tail: str | None = None) -> None:
    metrics = find_metrics(_ASIDE.sub("", own))
    nearest = metrics[-1][2] if metrics else None
    if nearest is None:
        m = _METRIC_AFTER.match(after)
        nearest = _AFTER_METRICS[m[1]] if m else None
    if nearest is None and tail is not None:
        later = [m for m in find_metrics(tail) if m[2] != "not_counted"]
        nearest = later[0][2] if later else None
    base = nearest or (previous.metric if previous and previous.metric != "target" else None) or paragraph.metric
    kind = zh_rules.target_kind(own, after, zh_rules.clause_of(before))
    if kind == "superseded":
        tie.reason = "a superseded target"
        return
    if kind == "denied":
        tie.reason = "a target the text denies or says cannot be met, not a target set"
        return
    if kind in ("target", "adjusted"):
        tie.metric, tie.adjusted = "target", kind == "adjusted"
        return
    if base is None:
        tie.reason = "no metric (delivered, sold, 零售, 批发 …) for the count"
        return
    if base in ("deliveries", "sales") and zh_rules.is_cumulative(own, maker=tie.entity not in (None, "market")):
        base = "deliveries_cumulative"
    if (previous is not None and previous.metric == "deliveries_cumulative" and base != "deliveries_cumulative"
            and "其中" in own and not find_periods(own)):
        # "累计交付32.3万辆，其中国内市场交付20.6万辆": a part of a count since the start, not a period's figure
        # ("…，其中2025年全年交付量超过35万台" names its own period: read)
        tie.reason = "a part (其中 …) of a cumulative count since the start, not a period's figure"
        return
    tie.metric = base
    segment = zh_rules.segment_of(own)
    if segment and tie.entity != "market":
        tie.segment = segment


def _scope(tie: Tie, own: str, own_start: int, subjects: list[Mention], previous: Tie | None, paragraph: ParagraphState) -> None:
    scopes = [(start + own_start, end + own_start, scope) for start, end, scope in find_scopes(own)]
    qualified = {end for _, end, _ in scopes}  # "燃油乘用车": a market word right after a scope word keeps that scope
    resets = [(s.start, s.end, "all") for s in subjects if s.kind == "market" and own_start <= s.start and s.start not in qualified
              and not (tie.entity != "market" and _BREAKDOWN_OPENS.search(own[:max(0, s.start - own_start)]))]
    resets += [(m.start() + own_start, m.end(), "all") for m in _TOTAL.finditer(own)]
    end = own_start + len(own)
    candidates = sorted([c for c in scopes + resets if c[0] < end], key=lambda c: (c[0], c[2] != "all"))
    new_subject = any(s.kind == "entity" and own_start <= s.start < end and (previous is None or s.value != previous.entity)
                      for s in subjects)
    if candidates:
        tie.scope = candidates[-1][2]
    elif previous is not None and not new_subject:
        tie.scope = previous.scope
    else:
        tie.scope = paragraph.scope or "all"


def _period(tie: Tie, own: str, after: str, own_start: int, count: Count, periods: list[PeriodMention],
            previous: Tie | None, doc: DocumentState, new_subject: bool = False) -> None:
    usable = [p for p in periods if p.kind != "date"]
    immediate = [p for p in usable if p.end <= count.start and _IMMEDIATE.match(own[p.end - own_start:] if p.end >= own_start else "x")]
    cumulative = tie.metric == "deliveries_cumulative"
    if (immediate and immediate[-1].comparison and _OUTRANKED.search(own[:max(0, immediate[-1].start - own_start)])
            and _RECORD_AFTER.match(after)):
        # "仅稍低于2018年4月181万的最高水平": a record the figure is measured against (a year's level compared
        # with, "略低于2023年的181万辆", stays that year's figure)
        tie.reason = "a record level the figure is measured against (低于2018年4月N的最高水平), not a figure"
        return
    if immediate:
        mention = immediate[-1]
        tie.compared = mention.comparison
    else:
        mention = _nearest([p for p in usable if not p.comparison and not p.since], own_start, count.start)
    if (mention is not None and mention.kind == "asof" and not cumulative and tie.entity not in (None, "market")
            and not zh_rules.states_year_start(own[:max(0, mention.start - own_start)] + own[max(0, mention.end - own_start):])):
        # "截至4月,比亚迪新能源销量突破410万辆": a maker's count to a month, from the year's start or its own
        tie.reason = "a maker's count to a month (截至N月) whose start is not stated"
        return
    if mention is not None:
        tie.period, tie.reason = doc.dating.period(mention, cumulative, "累计" in own)
        if mention.kind == "year" and "累计" in own and not cumulative:
            tie.period = _year_to_month(tie.period, [p for p in usable if own_start <= p.start < count.start], doc.dating)
            tie.reason = None if tie.period else "a year's running total to a month that cannot be dated"
    elif _compared_in_clause(own, own_start, count, usable) and not cumulative:
        tie.reason = "its clause names only a period it is compared with (低于10月的…), not its own"
    elif _YEAR_AFTER.match(after):
        tie.period, tie.reason = doc.dating.period(PeriodMention(count.end, count.end, "full_year"))
    elif cumulative:
        tie.period = _as_of((previous.period if previous else None) or doc.paragraph.period, doc.dating)
        if tie.period is None:
            tie.reason = "a count since the maker's start with no month it runs to"
    else:
        # "A交付X辆,第四季度累计Y辆,B交付Z辆": B takes the period A was named with, not A's aside
        carried = previous and ((previous.lead if new_subject else None) or previous.period)
        tie.period = _carried(carried or doc.paragraph.period, own)
        if not carried and doc.paragraph.partial:
            tie.period, tie.reason = None, PARTIAL
        elif tie.period is None:
            tie.reason = "no period (month, quarter, year …) for the count"
    if tie.period and _MONTH.match(tie.period) and "累计" in own and not cumulative and (mention is None or mention.kind == "month"):
        _running_total(tie)


def _compared_in_clause(own: str, own_start: int, count: Count, periods: list[PeriodMention]) -> bool:
    clause_start = own_start + max(own.rfind(mark) for mark in "，,；;") + 1
    return any(p.comparison and clause_start <= p.start < count.start for p in periods)


def _year_to_month(period: str | None, own_periods: list[PeriodMention], dating: Dating) -> str | None:
    """"已于11月在2025年销量累计超N": a year's running total with a month of that year in its clause runs to that month."""
    for mention in reversed(own_periods):
        if mention.kind in ("month", "last_year_month") and not mention.comparison and not mention.since:
            month_period, _ = dating.period(mention)
            if month_period is None:
                return None
            if period and month_period.startswith(period + "-"):
                return ytd_period(*month_period.split("-"))
    return period


def _as_of(period: str | None, dating: Dating) -> str | None:
    """The month a count since the maker's start runs to: the carried month or year to date, else the month the
    text reports when it lies in the carried year."""
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-YTD)?", period or "")
    if m:
        return f"{m[1]}-{m[2]}"
    focus = dating.focus
    if focus and (period is None or period == str(focus[0])):
        return f"{focus[0]:04d}-{focus[1]:02d}"
    return None


def _carried(period: str | None, own: str) -> str | None:
    """A period carried from the counts before; a year to date carried to a count not said to be 累计 is its month."""
    if period and period.endswith("-YTD") and "累计" not in own:
        return period[:-4]
    return period


def _running_total(tie: Tie) -> None:
    """"5月…，累计批发…": CPCA's running total is the year to date; a maker's 累计 may run from its start, so is skipped."""
    if tie.entity != "market":
        tie.period, tie.reason = None, "a running total (累计) whose start is not stated"
        return
    year, mon = tie.period.split("-")
    tie.period = ytd_period(year, mon)
