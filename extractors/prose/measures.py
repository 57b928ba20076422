"""What a count measures: the metric its words name (delivered, sold,
wholesale, a target), its scope (NEV, BEV, PHEV) and segment, how exact it
is, the year-on-year and month-on-month changes stated with it, and whom the
text cites for it; and the counts that are no figure of ours (forecasts,
orders, stores, one model's count, weekly or daily values)."""

from __future__ import annotations

import dataclasses
import re

from extractors.helpers import signed_pct
from extractors.prose.model import Statement
from extractors.prose.periods import previous_period, year_earlier

# One alternation, longest phrase first, so "retail sales" is one metric word, not "retail" then "sales".
_METRIC_WORDS = re.compile(
    r"(?P<retail>\b(?:sold|sales)\s+(?:through|via|at|in)\s+retail(?:\s+channels?)?\b|\bretail(?:\s+(?:passenger\s+)?(?:car\s+|vehicle\s+)?sales)?\b)|(?P<wholesale>\bwholesale (?:(?:passenger\s+)?(?:car\s+|vehicle\s+)?sales|volumes?)\b|\bwholesales?\b)"
    r"|(?P<deliveries>\bdeliver\w*|\bhanded over\b|\bhand(?:ed)?[- ]?overs?\b|\bhandovers?\b)"
    r"|(?P<exports>\bexport(?:s|ed)?\b)|(?P<production>\bproduc(?:ed|tion|es?)\b|\boutput\b|\bmanufactured\b)"
    r"|(?P<sales>\bsold\b|\bsales?\b|\bsell(?:s|ing)?\b)",
    re.I,
)
_TARGET = re.compile(r"\btarget(?:s|ed)?\b|\bgoals?\b|\baim(?:s|ing)? (?:to|for)\b|\bplans? to\b|\bstrives? to\b|\bambition\b", re.I)
_FORECAST = re.compile(
    r"\bexpect(?:s|ed|ing)?\b|\banticipat\w+|\bforecasts?\b|\bprojected\b|\bprojections?\b|\bpredict\w*|\bguidance\b|\boutlook\b"
    r"|\bestimates? (?:that|to)\b|\bwill\b|\bwould\b|\bcould\b|\bto be between\b|\bbetween\s*#*\s*and\s*$|\btargeting\b|\bon track to\b"
    r"|\bguided\b|\bguiding\b|\bguides\b|\bin the range of\b|\bneeds? to\b"
    r"|\bpotentially\b|\b(?:can|may|might) (?:hit|reach|top|exceed|surpass)\b|\blikely to\b",
    re.I,
)
_SUPERSEDED = re.compile(r"\b(?:previous|prior|earlier|initial|original|old)\s+(?:[\w-]+\s+){0,2}?(?:target|goal)\b", re.I)
_REVISION = re.compile(r"\b(?:rais(?:e|ed|es|ing)|lift(?:ed|s)?|increas(?:e|ed|es)|cut(?:s|ting)?|lower(?:ed|s)?|reduc(?:e|ed|es)|trim(?:med|s)?|revis(?:e|ed|es)|adjust(?:ed|s)?)\b", re.I)
_CUMULATIVE = re.compile(r"\bcumulative(?:ly)?\b|\baccumulated\b|\bin total since\b|\bsince (?:its|the) (?:inception|start|launch|founding)\b(?! of (?:the|this) year)|\bsince (?:the company|it) was (?:founded|established|set up)\b|(?<!year-)(?<!year )\bto date\b", re.I)
_HAD_DELIVERED = re.compile(r"\bhad (?:delivered|sold)\b", re.I)
_OVERSEAS = re.compile(r"\boverseas\b|\boutside (?:of )?(?:mainland )?China\b|\binternational (?:sales|deliveries|markets?)\b", re.I)
_NOT_COUNTED = (
    r"(?:orders?|pre-orders?|registrations?|insurance registrations|reservations?|bookings?|backlog|test drives?|recalls?|recalled|"
    r"(?:swap |charging )?stations?|stalls?|chargers?|employees?|staff|stores?|showrooms?|outlets?|centers?|cities|countries|shares?|"
    r"smartphones?|phones?|handsets?|devices?|users?|kilometers?|kWh|GWh|people|visitors?|votes?|"
    r"inventor(?:y|ies)|(?<!in )stocks?)"
)
_NOT_A_COUNT_AFTER = re.compile(rf"^\s*(?:[\w-]+\s+){{0,2}}?{_NOT_COUNTED}(?:\b|(?=and\b))", re.I)  # "356 servicing centersand …": a PDF's lost space
_NOT_A_COUNT_BEFORE = re.compile(rf"\b{_NOT_COUNTED}\b(?!\s+(?:maker|giant|company|firm|brand|manufacturer)s?\b)[^#~]{{0,30}}$", re.I)  # not "smartphone maker Xiaomi sold"
# "6.6 million cars sold last year benefited from subsidies": the cars a scheme reached, a part of the sales
_SCHEME_REACHED = re.compile(r"^[^;]{0,50}?\b(?:benefit(?:ed|ted|s)? from|received|qualified for|claimed)\b[^#~;]{0,30}?\b(?:subsid\w*|trade-ins?|incentives?)\b", re.I)
_PART_OF_TIME = re.compile(r"\bweekly\b|\bper (?:day|week|month)\b|\ba (?:day|week)\b|\b(?:each|every) (?:day|week|month)\b|\bdaily\b|\bweek\b|\bon average\b|\baverage\b", re.I)
# A level approached or a streak stayed above ("closing in on 1 million", "the 8th consecutive month with more than …")
_APPROACHED = re.compile(r"\b(?:closing in on|closing on|approaching|nearing|on the verge of|within reach of|poised to (?:hit|reach|cross|top|pass))\s*$", re.I)
_STREAK = re.compile(r"\b(?:consecutive|straight|successive)\s+(?:month|quarter|week|year)s?\b|\bin a row\b", re.I)
_RUN_RATE = re.compile(r"\bmonthly (?:sales|deliveries)(?: volumes?)? of\s*[^#~]{0,20}$", re.I)
_ESTIMATE = re.compile(r"\banalysts?\b[^#]*\bestimat\w*|\baccording to (?:\w+ )?estimates\b|\bestimates? compiled by\b", re.I)
_BODY_TYPE = re.compile(r"\b(?:SUVs?|sedans?|MPVs?|hatchbacks?|pickups?)\b", re.I)
_MODEL = re.compile(r"^(?:[A-Z]{1,5}\d{1,3}[A-Z+]*|MONA|MEGA|Mona|Mega|Mix|Model)$")
_MODEL_EXCEPTIONS = {"Q1", "Q2", "Q3", "Q4", "H1", "H2", "FY", "EV", "EVs", "NEV", "NEVs", "SUV", "MPV"}

_SCOPES = [
    ("nev", re.compile(r"\bnew[- ]energy\b|\bNEVs?\b|\belectric (?:vehicles? |cars? )?and (?:plug-in )?hybrid|\bEVs? and (?:PHEVs?|(?:plug-in )?hybrids?)\b|\bbattery-powered vehicles including plug-ins\b"
                    r"|\bplug-in hybrids? and (?:pure|battery|all|fully)[- ]electric\b|\b(?:pure|battery|all|fully)[- ]electric (?:\w+ )?and plug-in hybrids?\b", re.I)),
    ("bev", re.compile(r"\bbattery[- ]powered (?:car|vehicle|EV)s?\b|\bbattery[- ]electric\b|\bBEVs?\b|\bpure[- ]electric\b|\bfully[- ]electric\b|\ball[- ]electric\b", re.I)),
    ("phev", re.compile(r"\bplug-in hybrids?\b|\bPHEVs?\b", re.I)),
    ("erev", re.compile(r"\bextended-range\b|\bEREVs?\b|\brange[- ]extend", re.I)),
    ("ice", re.compile(r"\b(?:petrol|gasoline|gas|fuel|diesel)[- ](?:powered )?(?:vehicles?|cars?)\b|\binternal[- ]combustion\b|\bICE (?:vehicles?|cars?)\b", re.I)),
]
_EV_NOUN = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:electric vehicles?|EVs?)\b(?!\s+and)", re.I)
_EV_BEFORE_METRIC = re.compile(r"\b(?:EV|electric vehicle|electric car)s?\s+(?:retail |wholesale )?(?:sales|deliveries)\b", re.I)
_ALL_SCOPE = re.compile(r"\b(?:car|auto|overall|total)\s+(?:sales|deliveries|market)\b|\bpassenger (?:car|vehicle)s?\b(?<!energy passenger cars)", re.I)
_COMMERCIAL = re.compile(r"\bcommercial vehicles?\b", re.I)
_PASSENGER = re.compile(r"\bpassenger\b", re.I)

_AT_LEAST = re.compile(
    r"(?:more than|(?<!handed )(?<!hands )(?<!hand )over|above|exceed(?:ed|ing|s)?|surpass(?:ed|ing|es)?|topp(?:ed|ing)|top(?:s)?|at least|in excess of|upwards of|"
    r"beyond|north of|broke|break(?:ing|s)? through|passed|crossed)\s*$",
    re.I,
)
_APPROX = re.compile(r"(?:about|around|approximately|approx\.?|nearly|almost|roughly|some|close to|an estimated|estimated|just under|just below|under|~)\s*$", re.I)

_UP = r"increas(?:e|ed|es|ing)|growth|grew|grow(?:s|ing)?|ris(?:e|es|ing)|rose|gain(?:s|ed)?|jump(?:s|ed)?|up|climb(?:s|ed)?|surg(?:e|es|ed|ing)|soar(?:s|ed|ing)?|leap(?:s|t|ed)?|higher|improvement|rebound(?:ed)?"
_DOWN = r"decreas(?:e|ed|es|ing)|declin(?:e|es|ed|ing)|drop(?:s|ped)?|fall(?:s|ing)?|fell|down|slump(?:s|ed)?|plung(?:e|ed)|lower|dip(?:s|ped)?|slid|slipp(?:ed)?|contract(?:ed|ion)"
_DIRECTION = rf"(?:{_UP}|{_DOWN})"
_PCT_WORDS = {w: str(i) for i, w in enumerate("one two three four five six seven eight nine".split(), start=1)}  # "up by nine percent"
_PCT = r"(?P<sign>[+-])?(?P<pct>\d+(?:\.\d+)?|" + "|".join(_PCT_WORDS) + r")\s?(?:%|percent|per cent)"
_YOY_WORDS = (
    r"(?:year[- ]over[- ]year|year[- ]on[- ]year|yoy|y/y|yearly|on the year|on an annual basis|from a year (?:earlier|ago)|over a year earlier|(?:from|over|compared (?:with|to)) the (?:previous|prior) year|(?:from|over|compared (?:with|to)) the year before"
    r"|(?:from|compared (?:with|to)|over) (?:the )?same (?:month|period|quarter) (?:of |in )?(?:the )?(?:last|previous|prior) year)"
)
_MOM_WORDS = r"(?:month[- ]on[- ]month|month[- ]over[- ]month|mom|m/m|sequentially|from the previous month|from the prior month|from last month)"


def _change(words: str) -> list[re.Pattern]:
    return [
        re.compile(rf"{_PCT}\s*(?P<dir>{_DIRECTION})?\s*{words}\s*(?P<dir2>{_DIRECTION})?", re.I),
        re.compile(rf"(?P<dir>{_DIRECTION})\s+(?:of\s+|by\s+)?(?:about |nearly |around |approximately )?{_PCT}\s*(?:\w+\s+){{0,3}}?{words}", re.I),
        re.compile(rf"{words}\s+(?P<dir>{_DIRECTION})\s+(?:of\s+)?{_PCT}", re.I),
        re.compile(rf"\(\s*{_PCT}\s*{words}\s*\)", re.I),
        # "rose 4% on the prior month and 15% year on year": the second change takes the first one's direction
        re.compile(rf"(?P<dir>{_DIRECTION})\s+(?:by\s+)?\d+(?:\.\d+)?\s?(?:%|percent|per cent)[^%;]{{0,40}}?\band\s+{_PCT}\s*{words}", re.I),
    ]


_YOY = _change(_YOY_WORDS)
_MOM = _change(_MOM_WORDS)
_DIRECTED_PCT = [
    re.compile(rf"(?P<dir>{_DIRECTION})\s+(?:of\s+|by\s+)?(?:about |nearly |around |approximately )?{_PCT}\s*$", re.I),
    re.compile(rf"{_PCT}\s*(?P<dir2>{_DIRECTION})\s*$", re.I),
]
_CPCA = re.compile(r"\bChina Passenger Car Association\b|\bCPCA\b|\bthe association\b")
_CAAM = re.compile(r"\bChina Association of Automobile Manufacturers\b|\bCAAM\b")
_SOURCE_WORDS = re.compile(r"\baccording to\b|\bdata\b|\bfigures\b|\bshowed\b|\bshows\b|\bsaid\b|\breported\b|\breleased\b|\bpublished\b|\brankings?\b|\blist\b|\bestimated\b|\bstatistics\b", re.I)


_VEHICLE_NOUN = re.compile(
    r"^\s*(?:[A-Za-z][\w-]*\s+){0,4}?(?:vehicles?|units?|cars?|EVs?|NEVs?|BEVs?|PHEVs?|SUVs?|sedans?|autos?|deliveries|automobiles?|volumes?)\b", re.I
)
# "posted record sales in 2025, delivering 4.5 million units": a participle restating the clause before's metric noun
_PARTICIPLE = re.compile(r"^\s*(?:delivering|selling|handing over|shipping)\b", re.I)
_METRIC_NOUN = re.compile(r"\b(?:retail\s+sales|sales|deliveries|wholesales?|exports|output|production)\b", re.I)
_YEAR_TARGET = re.compile(r"\b(?:full[- ]year|annual|yearly|whole[- ]year)\s+(?:[\w-]+\s+){0,2}?(?:target|goal)s?\b", re.I)
MARKET_OF = re.compile(r"\b(?:new[- ]energy|NEV|electric)\s+(?:[\w-]+\s+){0,2}?market\b", re.I)  # "a leader in China's NEV market" scopes no figure


_METRIC_NOUN_AFTER = re.compile(r"^\s*(?:(?:NEV|EV|new[- ]energy|passenger)\s+)?(?:retail\s+sales|sales|wholesales?|exports)\b", re.I)


# "…, taking its 2024 tally to 1.77 million", "bringing its second-quarter total to …": the same measure, summed
_RUNNING_TOTAL = re.compile(r"\b(?:tak|bring|push|lift|rais)\w*\s+(?:its|the|their)\s+(?:\S+\s+){0,3}?(?:total|tally)\s+(?:\S+\s+){0,2}?to\s*$", re.I)


def running_total(lead_clause: str) -> bool:
    return bool(_RUNNING_TOTAL.search(lead_clause))


def vehicle_noun(tail: str) -> bool:
    """The words after a count name vehicles ("47,210 vehicles", "30,412 deliveries") or their sales ("603,114 retail sales")."""
    return bool(_VEHICLE_NOUN.match(tail) or _METRIC_NOUN_AFTER.match(tail))


def restated_metric(before_clause: str, clause: str) -> str | None:
    """The metric of a clause opened by a participle ("…, delivering 4.5 million units") when it restates the metric
    noun of the clause before it (with no count of its own, "#" being where a count was)."""
    if not _PARTICIPLE.match(clause):
        return None
    nouns = list(_METRIC_NOUN.finditer(before_clause))
    if not nouns or "#" in before_clause[nouns[-1].end() :]:
        return None
    return metric_word(nouns[-1][0])


def against_year_target(text: str) -> bool:
    """A count set against a full-year target ("cumulative deliveries …, exceeding its full-year target"): the year so far."""
    return bool(_YEAR_TARGET.search(text))


def metric_word(text: str, last: bool = True) -> str | None:
    """The metric the text's metric words name: its last one (the nearest before a count) or its first."""
    found = [(m.start(), m.lastgroup) for m in _METRIC_WORDS.finditer(text)]
    if not found:
        return None
    return found[-1][1] if last else found[0][1]


def is_target(text: str) -> bool:
    return bool(_TARGET.search(text))


# "its 250,000 annual delivery target": the target named right after the count (a period blanked as "~")
_TARGET_AFTER = re.compile(r"^\s*(?:~+\s+|(?:annual|yearly|full-year|delivery|deliveries|sales|production|volume)\s+){0,3}(?:target|goal)s?\b", re.I)


def target_after(tail: str) -> bool:
    return bool(_TARGET_AFTER.match(tail))


_FUTURE = re.compile(r"\b(?:in|by|over|for|during) (?:the )?(?:next|coming|upcoming) (?:year|quarter|month|few|two|three|\d)\b|\bnext year\b", re.I)


_CHANGE_OF = re.compile(rf"\b(?:{_DIRECTION})\b[^#~]{{0,40}}\b(?:of|by)\s*$", re.I)


def change_of(opening: str) -> bool:
    """Words that open a change's size ("a YoY decline in retail sales of"), which a "to N" after it follows."""
    return bool(_CHANGE_OF.search(opening))


_OPENS_WITH_PART = re.compile(r"^\s*(?:Among (?:them|these|which)|Of (?:them|these|this|which|the total)),", re.I)


def opens_with_part(sentence: str) -> bool:
    """A sentence giving parts of the figure before ("Among them, sales of NEVs …"), which counts what it counted."""
    return bool(_OPENS_WITH_PART.match(sentence))


def names_future(tail: str) -> bool:
    """The words after a count name a period still to come ("reaching 1 million sales in the next year")."""
    return bool(_FUTURE.search(tail))


def is_forecast(text: str) -> bool:
    return bool(_FORECAST.search(text))


def opens_forecasts(sentence: str) -> bool:
    """A sentence that opens a list of forecasts or guidance ("Its forecasts for the year are as follows:", "CPCA expects:")."""
    return sentence.rstrip().endswith(":") and (is_forecast(sentence) or is_target(sentence))


def superseded_target(lead_since_previous: str, sentence: str) -> bool:
    """The old value of a revised target ("cut from 5.5 million to …", "its previous goal of …")."""
    return bool((re.search(r"\bfrom\s+(?:between\s*)?$|\bfrom$", lead_since_previous) and _REVISION.search(sentence)) or _SUPERSEDED.search(lead_since_previous))


# "revised down from the 668,000 units it announced earlier", "up from its preliminary 5,000": an earlier figure replaced
_REVISED_FROM = re.compile(r"\brevised\s+(?:(?:down|up)(?:wards?)?\s+|(?:downwards?|upwards?|lower|higher)\s+)?from\s+(?:the\s+|its\s+|an?\s+)?(?:[\w-]+\s+){0,2}?$", re.I)
_EARLIER_FIGURE = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:it|they|the (?:association|company|CPCA))\s+(?:had\s+)?(?:announced|reported|published|released|gave)\s+(?:earlier|previously|initially|before)\b", re.I)


def superseded_figure(since_previous: str, tail_clause: str) -> bool:
    """The earlier value of a figure the text says was revised ("revised down from the N units it announced earlier")."""
    return bool(_REVISED_FROM.search(since_previous) or _EARLIER_FIGURE.match(tail_clause))


def refine_metric(base: str, window: str, asof: bool) -> tuple[str | None, str]:
    """Cumulative and overseas variants of a base metric, or None with the reason."""
    if _CUMULATIVE.search(window) or (asof and _HAD_DELIVERED.search(window)):
        if base in ("deliveries", "sales"):
            return "deliveries_cumulative", ""
        return None, f"cumulative {base} is not a metric we keep"
    if _OVERSEAS.search(window) and base in ("deliveries", "sales"):
        return "overseas_sales", ""
    return base, ""


def says_cumulative(window: str) -> bool:
    return bool(_CUMULATIVE.search(window))


def not_vehicles(lead_clause: str, tail_clause: str) -> bool:
    """The count is of orders, stores, chargers, phones, a change in inventory … rather than vehicles sold or made."""
    return bool(_NOT_A_COUNT_AFTER.match(tail_clause) or _NOT_A_COUNT_BEFORE.search(lead_clause) or _SCHEME_REACHED.match(tail_clause))


def part_of_time(window: str) -> bool:
    """A weekly or daily (average) value, not the period's total."""
    return bool(_PART_OF_TIME.search(window))


def threshold(lead_clause: str) -> str | None:
    """Why a count is a level, not a figure: one approached, or one a streak of months stayed above."""
    if _APPROACHED.search(lead_clause):
        return "a level being approached, not a figure reached"
    if _RUN_RATE.search(lead_clause):
        return "a monthly level (a run rate), not one month's figure"
    if _STREAK.search(lead_clause):
        return "the threshold of a streak (months in a row above it), not a figure"
    return None


def by_analysts(text: str) -> bool:
    """Analysts' estimates of a maker's figure ("analysts … estimate it sold around …"), not the maker's own."""
    return bool(_ESTIMATE.search(text))


def body_type(tail_clause: str, lead_clause: str) -> bool:
    """A count of one body type (SUVs, sedans), not a maker's or the market's total."""
    noun = re.match(r"^\s*(?:[\w-]+\s+){0,3}?(?:SUVs?|sedans?|MPVs?|hatchbacks?|pickups?)\b", tail_clause, re.I)
    return bool(noun or re.search(r"\b(?:SUVs?|sedans?|MPVs?)\s+(?:sales|deliveries)\b[^#]*$", lead_clause, re.I))


def is_model_level(words_before: list[str], words_after: list[str]) -> bool:
    """A model's name next to the count ("24,410 SU7 sedans", "the YU7 sold 6,042")."""
    return any(_MODEL.match(word) and word not in _MODEL_EXCEPTIONS for word in words_before + words_after)


# "the second-generation ES6 model, based on …, achieved … 10,000 units": a model is the subject, with no maker or
# company word between it and the count
_MODEL_SUBJECT = re.compile(r"\b(?!(?:Q[1-4]|H[12]|FY)\b)[A-Z]{1,5}\d{1,3}[A-Z+]*\s+models?\b(?![^#~]*\b(?:company|group|brand|maker|automaker|carmaker|it|they)\b)[^#~]*$")


_RUNNING_NOW = re.compile(r"\b(?:has|have) now (?:delivered|sold|handed over)\b|\bso far\b|\bthus far\b", re.I)


def running_now(text: str) -> bool:
    """A total said to be reached by now ("has now delivered a total of"): of the period still running."""
    return bool(_RUNNING_NOW.search(text))


def model_subject(lead: str) -> bool:
    return bool(_MODEL_SUBJECT.search(lead))


# "the new energy vehicle (NEV) maker sold …", "an electric car maker": what the maker makes, not what the count counts
_MAKER_OF = re.compile(r"\b(?:new[- ]energy|NEV|electric|EV)\s+(?:(?:vehicle|car)s?\s+)?(?:\(\w+\)\s+)?(?:maker|manufacturer|carmaker|automaker|company|startup|giant)\b", re.I)


def ev_noun(own_noun: str) -> bool:
    """The count's own noun is "electric vehicles" / "EVs" (which a text giving NEVs apart uses for battery EVs)."""
    return bool(_EV_NOUN.match(own_noun))


def scope(own_noun: str, window: str, sentence: str) -> str | None:
    """The scope named for a count: its own noun's first, then its clause's; "all" when stated as all; None when unstated."""
    for text in (own_noun, _MAKER_OF.sub("", window)):
        found = next((name for name, pattern in _SCOPES if pattern.search(text)), None)
        if found:
            return found
    if _EV_NOUN.match(own_noun):
        return "bev" if _SCOPES[2][1].search(sentence) else "all"
    if _EV_BEFORE_METRIC.search(window):
        return "nev"
    if _ALL_SCOPE.search(window):
        return "all"
    return None


def names_commercial(text: str) -> bool:
    return bool(_COMMERCIAL.search(text))


def names_passenger(window: str) -> bool:
    return bool(_PASSENGER.search(window))


def segments_named(text: str) -> list[str]:
    """The segments a text names, in order, once each ("passenger cars as well as commercial vehicles")."""
    found = sorted((m.start(), name) for name, pattern in (("passenger", _PASSENGER), ("commercial", _COMMERCIAL)) for m in pattern.finditer(text))
    return list(dict.fromkeys(name for _, name in found))


def names_segment(window: str) -> bool:
    return bool(_PASSENGER.search(window) or _COMMERCIAL.search(window))


def segment(window: str, splits_segments: bool) -> str:
    """Commercial or passenger as the count's words say; where a text gives both, a count naming neither is "all"."""
    if _COMMERCIAL.search(window):
        return "commercial"
    return "all" if splits_segments and not _PASSENGER.search(window) else "passenger"


def qualifier(lead: str, plus: bool, rounded: bool, metric: str) -> str:
    if plus or _AT_LEAST.search(lead):
        return "at_least"
    # A count printed in "1.2 million" or "24,000" was rounded by its writer; a target is a round number by design.
    if _APPROX.search(lead) or (rounded and metric != "target"):
        return "approx"
    return "exact"


def _signed(match: re.Match) -> float | None:
    word = match.groupdict().get("dir") or match.groupdict().get("dir2")
    pct = _PCT_WORDS.get(match["pct"].lower(), match["pct"])
    if word:
        return signed_pct("decrease" if re.fullmatch(_DOWN, word, re.I) else "increase", pct)
    if match.groupdict().get("sign"):
        return signed_pct("decrease" if match["sign"] == "-" else "increase", pct)
    return None


def _first_change(patterns: list[re.Pattern], text: str) -> float | None:
    found = [(m.start(), value) for pattern in patterns for m in pattern.finditer(text) if (value := _signed(m)) is not None]
    return min(found)[1] if found else None


def yoy(text: str) -> float | None:
    """A year-on-year change the text states ("up 5.6 percent year on year", "(+87% YoY)")."""
    return _first_change(_YOY, text)


def mom(text: str) -> float | None:
    """A month-on-month change the text states ("up 5.22% from the previous month")."""
    return _first_change(_MOM, text)


_RISE_TO = re.compile(r"(?P<change>\d+(?:\.\d+)?\s?(?:%|percent|per cent))\s+(?:to|at)\s+(?:\w+\s+){0,2}$", re.I)
_BARE_CHANGE = re.compile(r"^[^%]{0,50}?\d+(?:\.\d+)?\s?(?:%|percent|per cent)", re.I)
_CLAUSE_BREAK = re.compile(r"[,;]|\bwhile\b|\bwhereas\b|\bbut\b")


def stated_yoy(before: str, after: str, first: bool, monthly: bool) -> float | None:
    """The year-on-year change stated with a count: in the text after it (to the next count), else in its own clause
    before it when it opens the sentence or ends the change ("rose 5% to 1.2 million"); for a year's or a year so far's
    figure, also a change with no comparison named ("an increase of 27.9%"). `before` runs from the count before."""
    stated = yoy(after)
    if stated is not None:
        return stated
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(before)]
    own_clause = before[breaks[-1] if breaks and not first else 0 :]
    rise_to = _RISE_TO.search(own_clause)
    if first or rise_to:
        stated = yoy(own_clause)
        if stated is not None:
            return stated
    if monthly:
        return None  # a month's bare change may be on the month before
    if rise_to:
        return change_before(own_clause[: rise_to.end("change")])
    match = _BARE_CHANGE.match(after)
    if match and not re.match(r"\s*(?:from|compared|over|than)\b", after[match.end() :]):
        return change_before(match[0])
    return None


_CHANGE_FROM_PERIOD = re.compile(r"(?P<change>[^,;]{0,40}?\d+(?:\.\d+)?\s?(?:%|percent|per cent))\s*(?:from|compared (?:with|to)|over)\s*(?:the\s*)?$", re.I)


def change_from_period(text: str) -> float | None:
    """A change stated against the period named right after the text ("an increase of 45.2% from" the fourth quarter)."""
    match = _CHANGE_FROM_PERIOD.search(text)
    return change_before(match["change"]) if match else None


def change_field(period: str, compared: str | None) -> str | None:
    """Which change a comparison with `compared` states for a figure of `period`: "yoy_pct", "mom_pct" or None."""
    if compared and compared == year_earlier(period):
        return "yoy_pct"
    if compared and compared == previous_period(period):
        return "mom_pct"
    return None


def change_before(text: str) -> float | None:
    """A signed change ending the text ("up 98.31 percent from" once "from" is cut off), for a comparison that follows."""
    match = next((m for pattern in _DIRECTED_PCT if (m := pattern.search(text))), None)
    return _signed(match) if match else None


def cites(text: str) -> str | None:
    """Whom a text names as its figures' source: "cpca" or "caam"."""
    if _CPCA.search(text) and _SOURCE_WORDS.search(text):
        return "cpca"
    if _CAAM.search(text):
        return "caam"
    return None


_HYBRIDS = re.compile(r"\bhybrids?\b|\bPHEVs?\b", re.I)


def evs_beside_nevs(statements: list[Statement], ev_named: list[bool], text: str = "") -> list[Statement]:
    """A count of "electric vehicles" beside another value for the same measure said to be of NEVs counts battery EVs
    ("sold 2.1 million EVs in 2025 …; sold 4.3 million NEVs last year")."""
    def key(s: Statement) -> tuple:
        return s.entity, s.metric, s.segment, s.period

    nevs = {key(s): s.value for s in statements if s.scope == "nev"}
    nev_entities = {s.entity for s in statements if s.scope == "nev"}  # "BYD had sold 1.16 m EVs by …" in a text giving BYD's NEVs
    # in a text on a maker of hybrids too, EVs beside a different total of the same measure ("4.25 million passenger cars")
    totals = {(key(s)[:2], s.period, s.value) for s, said in zip(statements, ev_named) if not said and s.scope == "all"} if _HYBRIDS.search(text) else set()

    def part(s: Statement) -> bool:
        return (s.entity in nev_entities and nevs.get(key(s)) != s.value) or any(
            (k, p) == (key(s)[:2], s.period) and v != s.value for k, p, v in totals)

    return [dataclasses.replace(s, scope="bev") if said and s.scope == "all" and part(s) else s for s, said in zip(statements, ev_named)]
