"""Whose figure a count is: maker and brand names with their aliases, "the
Company" of a release, the subject carried from the title or the sentences
before ("It", "The automaker"), and the whole market ("China's passenger
vehicle retail sales", "Sales of electric vehicles and plug-in hybrids")."""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.helpers import entities, entity_id

MARKET = "market"
_CORPORATE_SUFFIX = re.compile(r"\s+(?:Inc|Ltd|Limited|Corp|Corporation|Co)\.?$", re.I)

COMPANY_WORDS = re.compile(r"\bthe (?:Company|Group)\b")
BACK_REFERENCE = re.compile(
    r"\b(?:it|its|it's|they|their|these|those|here|the (?:[A-Z][\w-]*\s+){0,4}?(?:company|group|automaker|carmaker|car maker|EV maker|electric vehicle maker|"
    r"EV startup|startup|firm|brand|manufacturer|maker|phonemaker(?: company)?|tech company))\b",
    re.I,
)
_DEFINED_COMPANY = re.compile(r"\(\s*[\"“](?P<name>[^\"”]{2,40})[\"”]\s*(?:,[^)]*)?\s*or the [\"“](?:Company|Group),?[\"”]")
_BRAND_BEFORE = re.compile(r"brand\s*$", re.I)
_BRAND_AFTER = re.compile(r"\s*(?:brand|sub-brand|line)\b|\s*(?:'s|’s)\s+(?:namesake|eponymous|core|main|own)\s+brand\b", re.I)
_CHINA = re.compile(r"\bin China\b|\bChina's\b|\bChinese market\b|\bdomestic\b|\bChina-made\b|\bmade in China\b|\bShanghai-made\b|\blocally[- ]made\b", re.I)
# A maker named to describe another ("the Tesla rival", "a rival of Nio"): not the subject
_DESCRIPTOR_AFTER = re.compile(r"^\.?\s*(?:\(?[A-Z]{2,5}(?:\.[A-Z])?\)?\s+)?(?:-?rivals?|competitors?|challengers?|peers?)\b")
_DESCRIPTOR_BEFORE = re.compile(r"\b(?:rivals?|competitors?|challengers?|peers?) (?:of|to)\s+$|\bcompetes? with\s+$|\b(?:rivals?|competitors?) (?:like|such as|including)\s+$", re.I)
# Capitalised words that name no maker: sentence openers, months, places, metrics
_COMMON_CAPITALISED = re.compile(
    r"^(?:The|This|That|These|Those|It|Its|In|On|At|By|For|From|As|Of|And|But|While|With|After|Before|During|So|Since|Total|Overall|Sales|Deliveries|"
    r"Company|Group|Firm|Brand|Automaker|Carmaker|Maker|Startup|"
    r"Retail|Wholesale|Exports|Production|Monthly|Quarterly|Annual|China|China's|Chinese|Beijing|Shanghai|Shenzhen|Hangzhou|Guangzhou|Hong|Kong|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"Q[1-4]|H[12]|EV|EVs|NEV|NEVs|BEV|BEVs|PHEV|PHEVs|SUV|SUVs|CPCA|Reuters|Bloomberg|CnEVPost|Meanwhile|However|Still|Also|Last|Year|Full|First|Second|Third|Fourth|What|Happened|Why|Matters|YoY|MoM|YTD|QoQ)$"
)
# What the whole market's figures are called when no maker is named.
MARKET_PHRASE = re.compile(
    r"\b(?:China's|Chinese|the country's|domestic|national|nationwide|overall)\s+(?:[\w-]+\s+){0,3}?(?:market|sales|retail|wholesales?|exports?|production|output|carmakers|automakers)\b"
    r"|\bpassenger[- ](?:car|vehicle)s?\b|\b(?:car|auto|vehicle) (?:sales|exports|production)\b"
    r"|\bsales of (?:electric|new[- ]energy|battery[- ]powered)\b|\b(?:auto|car|vehicle) sales in China\b"
    r"|\b(?:wholesale|retail)\s+(?:sales|volumes?)\s+in\s+China\b",
    re.I,
)
# "Domestic brands sold …", "Chinese brands' retail sales", "mainstream JV brands": a group of brands, a part of the market
_BRAND_GROUP = re.compile(
    r"\b(?:domestic|Chinese|local|homegrown|independent|foreign|overseas|international|joint[- ]venture|JV|luxury|premium|mainstream|"
    r"German|Japanese|American|US|European|Korean|French)\s+(?:(?:JV|joint[- ]venture|luxury|premium|car|auto)\s+)?brands\b[^#~]*$", re.I)
_GROUP_THRESHOLD = re.compile(r"\b(?:makers|automakers|carmakers|brands?|startups|manufacturers|companies)\s+(?:with|whose|that|selling)\b[^#]*$", re.I)


@lru_cache(maxsize=1)
def entity_pattern() -> re.Pattern:
    names = set()
    for entity in entities().values():
        if entity.kind == "market":
            continue
        for name in (entity.name_en, *entity.aliases):
            if name and name.isascii() and len(name) >= 2:
                names.add(name.rstrip("."))
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w&])(?:{alternatives})(?:\.(?=\s|,|$))?(?![\w&])(?!\.\w)", re.I)  # not "nio.com"


def _namesake_group(entity_key: str) -> str | None:
    """The group a brand shares its bare name with (NIO → NIO Inc., Zeekr → Zeekr Group)."""
    brand = entities()[entity_key]
    parent = entities().get(brand.parent)
    if brand.kind == "brand" and parent is not None and parent.kind == "group":
        if parent.name_en.lower().startswith(brand.name_en.lower() + " "):
            return parent.id
    return None


def _key(name: str) -> str | None:
    return entity_id(re.sub(r"\s+", " ", name.strip()).rstrip("."))


def resolve_entity(name: str, brand_qualified: bool = False, company: str | None = None) -> str | None:
    """The entity a printed name means here, or None when it is ambiguous.

    "brand NIO" is the NIO brand; a bare "NIO" could be the brand or NIO Inc.,
    so it means the document's company when that is one of the two, and
    nothing otherwise (see `named_entity` for what prose means by it).
    """
    key = _key(name)
    if key is None or brand_qualified:
        return key
    group = _namesake_group(key)
    if group is None:
        return key
    return company if company in (key, group) else None


def named_entity(name: str, brand_qualified: bool = False, company: str | None = None) -> str | None:
    """What prose means by a name: as `resolve_entity`, and a bare name shared by a brand and its group
    is the listed company when the group is "<name> Inc." (news's "NIO" is NIO Inc.), else the brand (Zeekr)."""
    found = resolve_entity(name, brand_qualified, company)
    key = _key(name)
    if found or key is None or re.sub(r"\s+", " ", name.strip()).lower() != entities()[key].name_en.lower():
        return found or key
    group = _namesake_group(key)
    return group if _CORPORATE_SUFFIX.search(entities()[group].name_en) else key


def defined_company(text: str, default: str | None = None) -> str | None:
    """The entity a release's `("NIO" or the "Company")` definition names, else the default."""
    match = _DEFINED_COMPANY.search(text)
    if match:
        found = named_entity(match["name"], company=default)
        if found:
            return found
    return default


def brand_qualified(sentence: str, start: int, end: int) -> bool:
    """A name printed as a brand ("the brand NIO", "NIO brand")."""
    return bool(_BRAND_BEFORE.search(sentence[max(0, start - 12) : start]) or _BRAND_AFTER.match(sentence[end : end + 30])
                or re.search(r"\sbrand$", sentence[start:end], re.I))  # the alias "NIO brand" itself


def descriptor(sentence: str, start: int, end: int) -> bool:
    """A name printed to describe another maker ("the Tesla Inc. TSLA rival delivered", "competes with Nio")."""
    return bool(_DESCRIPTOR_AFTER.match(sentence[end : end + 20]) or _DESCRIPTOR_BEFORE.search(sentence[max(0, start - 30) : start]))


def unknown_subject(clause: str) -> bool:
    """The clause before a count names someone no entity list knows ("GM's China joint venture with SAIC Motor delivered"):
    the subject of the sentences before does not carry to it."""
    clause = re.sub(r"\([^)]*\)?|\b[A-Z]{1,5}\b", lambda m: " " * len(m[0]), clause)  # tickers, "(NASDAQ: LI)"
    words = [m for m in re.finditer(r"(?<![\w'’.-])[A-Z][\w&'’-]*", clause)]
    opening = re.match(r"\s*[A-Z][\w-]*(?=\s+[a-z])", clause)  # "Vehicle deliveries were": a capital that only opens the clause
    return any(not _COMMON_CAPITALISED.match(re.sub(r"['’]s$", "", m[0])) and not (opening and m.start() == opening.end() - len(m[0]))
               for m in words)


# "global EV sales reached …" (not "BYD's global sales"): the world's market, no figure of ours
_WORLD = re.compile(r"(?<!['’]s )\b(?:global|worldwide|world)\s+(?:(?:EV|electric vehicle|electric car|NEV|car|auto|vehicle)\s+)?(?:sales|market|deliveries)\b[^#]*$", re.I)


def world_market(lead_clause: str) -> bool:
    return bool(_WORLD.search(lead_clause))


def in_china(entity: str, metric: str, text: str) -> str:
    """Tesla's figure for China ("Tesla China", Tesla with "in China" or CPCA's retail and wholesale) or its global one."""
    if entity == "tesla" and (metric in ("retail", "wholesale") or _CHINA.search(text)):
        return "tesla-china"
    return entity


_VEHICLE_SALES = re.compile(r"(?:car|auto|vehicle) (?:sales|exports|production)", re.I)


def names_market(text: str, strongly: bool = False) -> bool:
    """The words before a count call it the whole market's ("China's passenger car sales", "Exports of passenger vehicles");
    strongly, by more than "vehicle sales" (which, after a maker's figures, are that maker's: "New-energy vehicle sales
    for April were …")."""
    return any(not (strongly and _VEHICLE_SALES.fullmatch(m[0])) for m in MARKET_PHRASE.finditer(text))


def brand_group(text: str) -> bool:
    """The count is a group of brands' ("Domestic brands sold …", "joint-venture brands' retail"): a part, not the market."""
    return bool(_BRAND_GROUP.search(text))


def group_threshold(text: str) -> bool:
    """The count bounds a group of makers ("brands with monthly deliveries over …"): no one's figure."""
    return bool(_GROUP_THRESHOLD.search(text))


def related(entity: str, other: str | None) -> bool:
    """The same entity, or a brand and its group (a period named for NIO Inc. holds for its brands)."""
    if other is None or entity == other:
        return True
    seed = entities()
    if entity not in seed or other not in seed:
        return False
    return seed[entity].parent == other or seed[other].parent == entity or bool(seed[entity].parent and seed[entity].parent == seed[other].parent)


def name_in(sentence: str, start: int, end: int, company: str | None = None) -> str | None:
    """The entity the name printed at sentence[start:end] means there (the brand when printed as one)."""
    return named_entity(sentence[start:end], brand_qualified(sentence, start, end), company)


def named_by(preceding: str) -> bool:
    """A name introduced as the owner of what comes before it ("sales of the …", "deliveries by …")."""
    return bool(re.search(r"\b(?:of|by|from) (?:the )?$", preceding))


_MODEL_OF = re.compile(r"^(?:'s|’s)\s+(?:Model\s+[A-Z0-9]\b|[A-Z]{1,5}\d{1,3}[A-Z+]*\b)")


def model_of(sentence: str, end: int) -> bool:
    """The name printed before `end` owns a model printed after it ("Tesla's Model Y", "Xiaomi's YU7"): what follows is
    the model's, not the maker's."""
    return bool(_MODEL_OF.match(sentence[end:]))
