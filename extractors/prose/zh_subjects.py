"""Whose count, of what, in Chinese prose: subjects, metrics and scopes.

Subjects: makers and brands by their Chinese names in `entities.csv`
(蔚来 alone is NIO Inc., as a brand named like its group means the group;
蔚来主品牌 is the brand; 特斯拉 in China, 国内 or in CPCA's data is Tesla
China); the whole passenger-car market (全国乘用车市场, 狭义乘用车, 乘用车厂商,
车市, 我国新能源汽车 …); and parts of something, whose counts are no total:
brand groups (自主品牌, 主流合资, 豪华车, 德系, 新势力), models (ES8, Model Y,
车型, 系列, a maker's name with a Latin word that is none of its names: 理想ONE), body types (轿车, SUV), makers the entity list does not know, and
sets of makers (这些, 前十, TOP10, 万辆以上的厂商).

Metrics: 交付 / 交车 / 交 before a count (deliveries), 销量 / 销售 (sales), 批发 (wholesale), 零售
(retail), 生产 / 产量 (production), 出口 (exports), 海外销量 (overseas_sales);
and what is no vehicle count at all (召回, 门店, 订单, 充电桩, 库存, 申请量, 产销量).
Scopes: 新能源 (nev), 纯电 (bev), 插混 / 插电 (phev), 增程 (erev), 燃油 (ice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.helpers import entities, entity_id

_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str  # entity, market, part, company
    value: str  # entity id, segment (market), reason (part)


_MARKET = (
    r"狭义乘用车(?:市场)?|全国乘用车(?:市场)?|乘用车(?:零售)?市场|乘用车厂商|新能源乘用车(?:市场)?|新能源车市场|新能源(?:汽车)?市场|"
    r"(?:国内|我国|中国|全国)的?(?:新能源)?乘用车?|乘用车|车市|乘用(?=批发|零售|出口|厂商|累计)"
)
_ALL_VEHICLES = r"(?:中国|我国|全国|国内)的?(?:新能源)?汽车(?:市场)?|汽车市场|整体市场"
_GROUPS = (
    r"(?:主流)?(?:自主|合资|豪华|德系|日系|美系|韩系|法系|欧系|国有大集团|央企)(?:品牌|车企)?(?:燃油|新能源)?(?:乘用车|车)?|"
    r"(?:造车)?新势力|这些|上述|主力厂商|头部(?:车企|企业|厂商)?|二线车企|TOP\s?\d+|前[一二三四五六七八九十\d]+(?:名|大|家|位)|"
    r"万辆以上的?(?:厂商|车企|企业)(?:企业)?|厂商销量之和|银河(?:系列|品牌)?"
)
_MODELS = (
    r"(?<![A-Za-z\d])(?!Q[1-4](?![\d]))(?!H[12](?!\d))(?:Model\s?[3SXY]|[A-Z]{1,3}\d{1,3}[A-Z+]*)(?![A-Za-z\d])|"
    r"(?<!纯电)(?<!纯电动)(?<!插混)(?<!插电)(?<!增程)(?<!新能源)(?<!燃油)(?<!电动)车型|系列|这款|该款|单款|爆款|"
    r"轿车|SUV|MPV|越野车|皮卡|跑车|(?<![（(])包括"
)
# Makers the entity list does not know: a count next to one of them is theirs, not a known maker's.
_OTHER_MAKERS = (
    r"东风(?:汽车|日产|本田|日产)?|广汽丰田|广汽本田|一汽丰田|长安马自达|长安福特|上汽大众|上汽通用(?!五菱)|华晨宝马|北京奔驰|"
    r"极狐(?:汽车)?|智己(?:汽车)?|岚图(?:汽车)?|阿维塔|哪吒(?:汽车)?|北汽(?:新能源)?|上汽(?:集团)?(?!通用五菱)|广汽(?:集团)?(?!埃安)|"
    r"一汽(?:集团)?(?![-\s]?大众)|红旗|智界|享界|尊界|极越|宝骏|哈弗|魏牌|欧拉|丰田|本田|日产|大众|宝马|奔驰|奥迪|别克|现代|起亚"
)
_COMPANY = r"该公司|本公司|公司|该集团|集团|其(?![中他它余次实后])|后者"


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for entity in entities().values():
        if entity.kind == "market":
            continue
        for name in (entity.name_zh, *entity.aliases):
            if name and _CJK.search(name):
                names.setdefault(name, entity.id)
    return names


@lru_cache(maxsize=1)
def _subject_pattern() -> re.Pattern:
    known = "|".join(re.escape(n) for n in sorted(_names(), key=len, reverse=True))
    return re.compile(
        rf"(?P<entity>{known})|(?P<part>{_GROUPS})|(?P<model>{_MODELS})|(?P<other>{_OTHER_MAKERS})|"
        rf"(?P<market>{_MARKET})|(?P<all>{_ALL_VEHICLES})|(?P<company>{_COMPANY})"
    )


def _namesake_group(key: str) -> str:
    """蔚来 alone is NIO Inc.: a brand whose group is called like it plus 公司 / 集团 means the group."""
    brand = entities()[key]
    group = entities().get(brand.parent)
    if brand.kind == "brand" and group is not None and group.kind == "group":
        if group.name_zh in (brand.name_zh + "公司", brand.name_zh + "集团"):
            return group.id
    return key


_LATIN_WORD = re.compile(r"\s?([A-Z][A-Za-z]{1,7})(?![A-Za-z\d])")
_COMPANY_WORDS = {"AUTO", "MOTORS", "MOTOR", "GROUP", "INC", "CARS", "CAR", "EV", "HOLDINGS", "TECHNOLOGY", "BRAND"}


def _own_latin_words(key: str) -> set[str]:
    entity = entities()[key]
    words = set(_COMPANY_WORDS)
    for name in (entity.id, entity.name_en, *entity.aliases):
        words.update(w.upper() for w in re.findall(r"[A-Za-z]+", name or ""))
    return words


def _model_after(sentence: str, end: int, key: str) -> re.Match | None:
    """"理想ONE": a maker's name with a Latin word that is none of its own names is a model."""
    m = _LATIN_WORD.match(sentence, end)
    return m if m and m[1].upper() not in _own_latin_words(key) else None


def find_subjects(sentence: str) -> list[Mention]:
    found = []
    for m in _subject_pattern().finditer(sentence):
        kind = m.lastgroup
        if kind == "entity":
            key = _names()[m[0]]
            found.append(Mention(m.start(), m.end(), "entity", _namesake_group(key) if m[0] == entities()[key].name_zh else key))
            model = _model_after(sentence, m.end(), key)
            if model:
                found.append(Mention(model.start(1), model.end(), "part", f"a model ({m[0]}{model[1]}), not a maker's total"))
        elif kind == "part":
            found.append(Mention(m.start(), m.end(), "part", f"a part of the market or of a maker ({m[0]}), not a total"))
        elif kind == "model":
            found.append(Mention(m.start(), m.end(), "part", f"a model or body type ({m[0]}), not a maker's total"))
        elif kind == "other":
            found.append(Mention(m.start(), m.end(), "part", f"a maker not in the entity list ({m[0]})"))
        elif kind == "market":
            found.append(Mention(m.start(), m.end(), "market", "passenger"))
        elif kind == "all":
            found.append(Mention(m.start(), m.end(), "market", "all"))
        else:
            found.append(Mention(m.start(), m.end(), "company", m[0]))
    return found


def resolve_name(name: str) -> str | None:
    """The entity a printed Chinese name means (蔚来 → NIO Inc.), or None."""
    key = entity_id(name)
    if key is None:
        return None
    return _namesake_group(key) if name == entities()[key].name_zh else key


# ---------------------------------------------------------------- metrics and scopes

_METRIC_WORDS = [
    ("not_counted", r"召回|门店|网点|订单|充电桩|超充|换电站|申请量|注册量|库存|保有量|连接量|产能|上险量|销售额|营收|产销量?"),
    ("overseas_sales", r"海外(?:市场)?(?:销量|销售)"),
    ("wholesale", r"批发(?:销量|量)?"),
    ("retail", r"零售(?:销量|量)?"),
    ("exports", r"出口(?:销量|量)?"),
    ("production", r"生产|产量"),
    ("deliveries", r"交付(?:量)?|交车(?:量)?|(?<![成提移递转上外社])交(?=\s*(?:\d|$))"),
    ("sales", r"销量|销售|卖出|售出|年销|月销|销冠|(?<![促营推热畅经直分])销(?=\s*(?:约|近|超过?)?\s*\d)"),
]
_METRIC = re.compile("|".join(f"(?P<{name}>{words})" for name, words in _METRIC_WORDS))
_SCOPE = re.compile(r"(?P<nev>新能源)|(?P<bev>纯电)|(?P<phev>插混|插电)|(?P<erev>增程)|(?P<ice>燃油)")


def find_metrics(sentence: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.lastgroup) for m in _METRIC.finditer(sentence)]


def find_scopes(sentence: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.lastgroup) for m in _SCOPE.finditer(sentence)]
