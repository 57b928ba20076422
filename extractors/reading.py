"""Reading a document nobody vouched for: routing by what it says, not by site.

The format layer turns its bytes into a `Text`; the text's own words then say
what it is. A release that defines its company (`Li Auto Inc. ("Li Auto" or
the "Company")`, as makers' releases and their wire, SEC and HKEX copies do)
is that maker's own publication; anything else (a reprint of CPCA's analysis,
a news story) is press, each figure keeping whom the text cites for it. The
statements come from the language's reader and every table the text holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.base import Document, Figure
from extractors.formats import Text, read_text
from extractors.prose import Context, Reading, Skipped, defined_company, read_statements, table_statements

# The publisher a maker's own release is filed under, when it is not the entity's id.
_GROUP_PUBLISHERS = {"nio-group": "nio", "zeekr-group": "zeekr"}
_QUALIFIER_RANK = {"exact": 0, "at_least": 1, "approx": 2}
_RESULTS = re.compile(r"financial results|财务业绩|業績|业绩公告|interim results|annual results", re.I)


@dataclass(frozen=True)
class DocumentReading:
    text: Text
    publisher: str
    release: str
    figures: list[Figure]
    skipped: list[Skipped]


def one_per_key(reading: Reading) -> Reading:
    """A text that states a key twice keeps its most exact value; the other is skipped with its reason."""
    kept: dict[tuple, object] = {}
    skipped = list(reading.skipped)
    for statement in reading.statements:
        key = (statement.entity, statement.metric, statement.scope, statement.segment, statement.period)
        previous = kept.get(key)
        if previous is None:
            kept[key] = statement
        elif (previous.value, previous.qualifier) != (statement.value, statement.qualifier):
            better = min(previous, statement, key=lambda s: _QUALIFIER_RANK[s.qualifier])
            worse = statement if better is previous else previous
            kept[key] = better
            skipped.append(Skipped(f"{worse.value}", f"a second value for {'/'.join(key)} in the same document", worse.evidence))
    return Reading(list(kept.values()), skipped)


def statements(text: Text, context: Context) -> Reading:
    """What the title, the paragraphs and the tables of a text state."""
    prose = text.body if not text.title or text.body.startswith(text.title) else f"{text.title}\n\n{text.body}"
    reading = read_statements(prose, context, text.language)
    for table in text.tables:
        reading.extend(table_statements([list(row) for row in table], context))
    return one_per_key(reading)


def read_document(doc: Document) -> DocumentReading:
    """The figures any document states, with who published it and whom each figure cites."""
    text = read_text(doc, doc.published_on)
    company = defined_company(text.body)
    reading = statements(text, Context(text.published_on, company))
    if company:
        publisher = _GROUP_PUBLISHERS.get(company, company)
        release = "results" if _RESULTS.search(text.title + " " + text.body[:600]) else "final"
    else:
        publisher, release = "press", "article"
    figures = [
        doc.figure(
            publisher=publisher, entity=s.entity, metric=s.metric, scope=s.scope, segment=s.segment, period=s.period,
            value=s.value, qualifier=s.qualifier, release=release, yoy_pct=s.yoy_pct, mom_pct=s.mom_pct,
            published_on=text.published_on, evidence=s.evidence, cites=s.cites,
        )
        for s in reading.statements
    ]
    return DocumentReading(text, publisher, release, figures, reading.skipped)
