"""The words around a Chinese count that say it is no figure, or what kind.

No figure: forecasts and guidance (预计, 预测, 有望, 将达到, 指引, 展望), ranges
("12.5万至13.2万辆"), increments ("净增207万辆", "同比增长235万辆", "已损失80万辆": a change,
not a level), thresholds ("万辆以上的厂商"), daily averages (日均), weekly
figures (第1-4周), superseded targets (原目标), ordinals (第5万辆: a milestone), parts
named after their count ("其中N辆为…"), streaks ("连续三个月交付超2万辆"), upper
bounds ("不到20万辆"), levels compared with ("较去年的N辆"), levels held ("站稳6万辆关口"). Kinds: targets ("年度目标为N",
"N辆的年度销量目标", "计划全年交付N", "确保交付N", "目标从A下调至B": B; none where the
text denies it: "否认…目标至N的报道", "没有能力完成N的目标"), cumulative deliveries since inception
(历史累计, 历史总交付量, 截至本月累计, 上市以来; a maker's 截至4月底累计 too), and whom a figure cites (乘联会 → cpca,
中汽协 → caam).
"""

from __future__ import annotations

import re

_FORECAST = re.compile(r"预计|预测|(?<!超出)(?<!超)(?<!不及)(?<!符合)(?<!好于)(?<!低于)(?<!高于)预期|有望|将(?:达|超|突破|增|保持|实现|冲击|是)|展望|预判|未来|指引|目标区间|"
                       r"若(?:想|要)|要想|如果想|如要|(?<![主重])(?:需|须|要)(?:要)?(?:达到|达)(?!成)")
_RANGE_BEFORE = re.compile(r"\d\s*万?\s*(?:辆|台)?\s*(?:至|到|~|～|—|-)\s*$")
_RANGE_AFTER = re.compile(r"^\s*(?:至|到|~|～|—|-)\s*\d")
_INCREMENT = re.compile(r"(?:净增|净减|增长|增加|减少|下降|下滑|提升|多卖|少卖|增量|新增|损失|流失|减产|增|减)(?:了)?\s*(?:约|近|超过?)?\s*$")
# "比第二名高出了接近N辆", "离目标仅差N辆": a gap between two figures, not a level
_GAP = re.compile(r"(?:高出|多出|低出|少了|领先|落后|相差|仅差|只差|还差|尚差|差距(?:为|达)?)(?:了)?\s*(?:接近|将近|约|近|超过?)?\s*$")
# "它们的销量也均超过了百万辆": several subjects each above a level, not a figure
_EACH_ABOVE = re.compile(r"(?:均|都|皆|全部|各自)\s*(?:已|已经)?\s*(?:超过|超|突破|破|达到|逾|过)(?:了)?\s*$")
# "较去年的128,517辆增长了176.4%", "比上年同期12.1万辆": the level compared with, not the figure
_COMPARED_BASE = re.compile(r"(?:较|相比|相较于?|对比|(?<![占环同])比(?!亚))\s*(?:于)?\s*(?:去年|上年|前年|上一?月|上一?季度?)"
                            r"\s*(?:同期|全年|同月|同季度?|\d{1,2}\s*月(?:份)?)?\s*(?:的)?\s*(?:约|近)?\s*$")
_THRESHOLD = re.compile(r"^\s*(?:及)?(?:以上)?的?(?:厂商|车企|品牌|企业|车型)")
# "再度站稳6万辆关口": a level held, not a figure ("突破百万辆大关" is one: at least)
_LEVEL_HELD = re.compile(r"(?:站稳|守住|稳住|保持|维持|重回|回到|跌破|失守)\s*(?:在)?\s*$")
_LEVEL_AFTER = re.compile(r"^\s*(?:辆|台)?\s*(?:的)?\s*(?:关口|大关|门槛|台阶|量级|水平|以上)")
# "连续三个月交付量超2万辆", "连续16个月月交付量过万": a streak above a level, not a period's figure
_STREAK = re.compile(r"连续\s*(?:第)?\s*(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*个?(?:月|季度?|周|年)")
_UPPER_BOUND = re.compile(r"(?:不到|不足|未到|未达|未满|低于|少于|不及)\s*(?:约|近)?\s*$")
_DAILY = re.compile(r"日均|每日|平均每天|每天")
_WEEKLY = re.compile(r"第\s*\d+(?:\s*[-~至]\s*\d+)?\s*周|周度|本周|上周|每周|单周|首周|(?:最后|最近|头|末)\s*[一两1-4]?\s*周(?![年期])")
_SUPERSEDED = re.compile(r"原(?:定|先)?(?:的)?(?:年度|全年)?(?:销量|交付)?目标|此前(?:的)?目标|最初(?:的)?目标|调整前")
_TARGET_AFTER = re.compile(r"^\s*(?:辆|台)?\s*的?\s*(?:年度|全年|年)?\s*(?:销量|销售|交付|销)?量?\s*的?\s*目标")
_TARGET_BEFORE = re.compile(r"目标[^，,。；;]*$")
_AMBITION_BEFORE = re.compile(r"(?:计划|力争|冲击|挑战|冲刺|确保|设定|定下|制定|定为)[^，,。；;]*$")
# "目标从70万辆下调至64万辆": the count a target is changed to is the target
_ADJUSTED = re.compile(r"目标[^，,。；;]*(?:下调|上调|调整|调高|调低|提高|提升|降低|修改|修正)\s*(?:至|到|为)\s*$")
# "否认…目标销量至40万辆的报道", "没有足够的能力完成40万辆的目标": a target the text denies is none
_DENIED = re.compile(r"否认|不实|辟谣|谣言|没有(?:足够的?)?能力|不支持|无法|不可能|并非|不是")
_CUMULATIVE = re.compile(r"截至(?:本月|目前|今日|当前|发稿|去年|上年).{0,12}累计|(?<!每)用(?:时)?\s*(?:仅|只)?\s*(?:\d+|[一二三四五六七八九十两]+)\s*(?:个多?月|天|年)[^，,。；;]{0,8}累计|历史(?:累计|总)|累计.{0,8}以来|以来累计|上市以来|成立以来|交付以来|品牌累计")
# A maker's count "截至4月底…累计交付" runs from its start, unless the clause says it runs from the year's ("今年", "1-4月").
_TO_MONTH = re.compile(r"(?:截至|截止(?:到|至)?)\s*(?:\d{4}\s*年\s*)?(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月(?:份)?(?:底|末|\d{1,2}\s*日)?"
                       r"(?=[^。；;]{0,16}累计)")
_YEAR_START = re.compile(r"今年|年内|本年|年初|全年|\d{4}\s*年|\d\s*[-~—–至到]\s*\d{1,2}\s*月|前\s*\S{1,2}\s*个?月")
_ORDINAL = re.compile(r"第\s*$")
_NAMED_AFTER = re.compile(r"^\s*(?:辆|台)?\s*(?:为|是)")
_SOURCES = re.compile(r"(?P<cpca>乘联会|乘联分会|乘联|乘用车市场信息联席分会|乘用车信息联席会|CPCA)|(?P<caam>中汽协|中国汽车工业协会|CAAM)")
_TOTAL = re.compile(r"总销量|总数|总计|全品牌|总体")
_ALL_SEGMENTS = re.compile(r"汽车总销量|含商用车|全品类")
_FRAME = re.compile(r"(?:^|[，,])(?:在|就|从)?([^，,:：。]{1,24}?)(?:方面|来看|(?<=厂商|企业|车企|品牌)中)\s*[，,:：]")


def is_forecast(clause_before: str) -> bool:
    return bool(_FORECAST.search(clause_before))


def no_figure_reason(before: str, after: str, segment: str) -> str | None:
    """Why the count between `before` and `after` is no figure (segment: the text since the last count), or None."""
    if _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after):
        return "a range (guidance or a forecast band), not a figure"
    if _ORDINAL.search(before):
        return "an ordinal (the Nth vehicle: a milestone), not a figure"
    if "其中" in segment and _NAMED_AFTER.match(after):
        return "a part (其中 N 为 …) named only after the count, not read"
    if _COMPARED_BASE.search(before):
        return "the level compared with (较去年的 N), not the figure"
    if _INCREMENT.search(before):
        return "a change (an increment), not a level"
    if _GAP.search(before):
        return "a gap between two figures (高出 / 仅差 N), not a level"
    if _EACH_ABOVE.search(before):
        return "a level several subjects each pass (均超过 N), not a figure"
    if _THRESHOLD.match(after) or (_LEVEL_HELD.search(before) and _LEVEL_AFTER.match(after)):
        return "a threshold (makers above a volume), not a figure"
    if _DAILY.search(segment):
        return "a daily average, not a period total"
    if _WEEKLY.search(segment):
        return "a weekly figure, not a month's"
    if _STREAK.search(clause_of(before)):
        return "a streak (months in a row above a level), not a period's figure"
    if _UPPER_BOUND.search(before):
        return "an upper bound (不到 / 不足 N), not a figure"
    return None


def clause_of(before: str) -> str:
    """The text of the clause a count is in, up to the count (since the last ，。；: mark)."""
    return re.split(r"[，,。；;：:！？!?]", before)[-1]


def target_kind(segment: str, after: str, clause: str = "") -> str | None:
    """'target' when the count is a target, 'superseded' when an old one, 'denied' when the text says there is no
    such target (否认…, 没有能力完成…), else None (clause: the text since the last clause mark before the count)."""
    if _SUPERSEDED.search(segment):
        return "superseded"
    if _TARGET_AFTER.match(after) or _TARGET_BEFORE.search(segment) or _AMBITION_BEFORE.search(segment) or (
            _ADJUSTED.search(clause)):
        if _DENIED.search(clause):
            return "denied"
        return "adjusted" if _ADJUSTED.search(clause) else "target"
    return None


def is_cumulative(segment: str, maker: bool = False) -> bool:
    """A count since the maker's start (历史累计, 截至本月累计; for a maker also 截至4月底累计 with no year's start)."""
    if _CUMULATIVE.search(segment):
        return True
    m = _TO_MONTH.search(segment) if maker else None
    return bool(m) and not _YEAR_START.search(segment[:m.start()] + segment[m.end():])


def states_year_start(segment: str) -> bool:
    """The text says a running count starts with the year (今年, 1-4月, 前4个月, 2025年)."""
    return bool(_YEAR_START.search(segment))


def latest_source(text: str) -> str | None:
    """Whom the text last names as a source of figures (cpca, caam), or None."""
    found = None
    for m in _SOURCES.finditer(text):
        found = m.lastgroup
    return found


def is_total(segment: str) -> bool:
    return bool(_TOTAL.search(segment))


def segment_of(own: str) -> str | None:
    """A maker's segment when the text says it: all vehicles (汽车总销量), commercial, or None (passenger)."""
    if _ALL_SEGMENTS.search(own):
        return "all"
    if "商用车" in own:
        return "commercial"
    return None


# "2025年1-11月累计厂商批发销量排名:比亚迪…": a heading's metric frames the bullets after it
_HEADING = re.compile(r"^([^，,。；;:：]{2,30}?(?:排名|排行榜?|榜单?|一览|情况|数据))\s*[:：]")


def frame(sentence: str) -> str | None:
    """The topic a sentence opens with ("新能源市场方面,", "就新能源乘用车市场来看,", "新能源批发销量居前的厂商中,"),
    framing its paragraph."""
    m = _FRAME.search(sentence) or _HEADING.match(sentence)
    return m[1] if m else None
