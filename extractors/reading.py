"""Reading a document nobody vouched for: routing by what it says, not by site.

The format layer turns its bytes into a `Text`; the text's own words then say
what it is. A release that defines its company (`Li Auto Inc. ("Li Auto" or
the "Company")`, as makers' releases and their wire, SEC and HKEX copies do)
is that maker's own publication; anything else (a reprint of CPCA's analysis,
a news story) is press, each figure keeping whom the text cites for it. The
statements come from the language's reader and every table the text holds.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date

from extractors.base import Document, Figure
from extractors.formats import Text, read_text
from extractors.helpers import names_in
from extractors.prose import Context, Reading, Skipped, Statement, defined_company, read_statements, table_statements
from extractors.prose.chinese import defined_company as defined_company_zh
from extractors.prose.model import most_precise
from extractors.prose.tables import Surroundings

# The publisher a maker's own release is filed under, when it is not the entity's id.
_GROUP_PUBLISHERS = {"nio-group": "nio", "zeekr-group": "zeekr"}
# A group that was one brand alone until a year, and the brand that joined it then: its figures for earlier
# years are the first brand's, unless the text names the one that joined (Zeekr Group was the Zeekr brand
# until Lynk & Co joined it in 2025; its later releases restate earlier periods for the grown group).
_SOLE_BRAND_UNTIL = {"zeekr-group": ("zeekr", 2025, "lynk-co")}
# A results announcement (not "Delivery Results"): "Third Quarter 2025 Results", "unaudited financial results", 业绩.
_RESULTS = re.compile(r"\b(?:financial|quarter(?:ly)?|interim|annual|half[- ]year|fiscal)\b[^.\n]{0,40}?\bresults\b|财务业绩|业绩|業績", re.I)


@dataclass(frozen=True)
class DocumentReading:
    text: Text
    publisher: str
    release: str
    figures: list[Figure]
    skipped: list[Skipped]


def statements(text: Text, context: Context) -> Reading:
    """What the title, the paragraphs and the tables of a text state."""
    prose = text.body if not text.title or text.body.startswith(text.title) else f"{text.title}\n\n{text.body}"
    reading = read_statements(prose, context, text.language)
    said = tuple(reading.statements)
    for table, caption in text.captioned_tables():
        reading.extend(table_statements([list(row) for row in table], context, Surroundings(prose, said, caption)))
    return most_precise(Reading([_as_constituted(s, prose) for s in reading.statements], reading.skipped))


def _as_constituted(statement: Statement, prose: str) -> Statement:
    """A group's figure for a year before its second brand joined is its first brand's, unless the text names the
    brand that joined (a text of the grown group restates its earlier periods for the group as it now is)."""
    brand, until, joined_by = _SOLE_BRAND_UNTIL.get(statement.entity, (None, 0, ""))
    if brand is None or int(statement.period[:4]) >= until or joined_by in names_in(prose):
        return statement
    return dataclasses.replace(statement, entity=brand)


def read_document(doc: Document) -> DocumentReading:
    """The figures any document states, with who published it and whom each figure cites."""
    text = read_text(doc, doc.published_on)
    company = defined_company(text.body) if text.language == "en" else defined_company_zh(text.body)
    reading = statements(text, Context(text.published_on, company))
    if company:
        publisher = _GROUP_PUBLISHERS.get(company, company)
        release = "results" if _RESULTS.search(f"{text.title}\n{text.body[:400]}") else "final"
    else:
        publisher, release = "press", "article"
    figures = figures_from(doc, reading, publisher=publisher, release=release, published_on=text.published_on)
    return DocumentReading(text, publisher, release, figures, reading.skipped)


def figures_from(doc: Document, reading: Reading, *, publisher: str, release: str, published_on: date | None) -> list[Figure]:
    """Figures from what the readers found, stamped with the document's provenance."""
    return [
        doc.figure(
            publisher=publisher, entity=s.entity, metric=s.metric, scope=s.scope, segment=s.segment, period=s.period,
            value=s.value, qualifier=s.qualifier, release=release, yoy_pct=s.yoy_pct, mom_pct=s.mom_pct,
            published_on=published_on, evidence=s.evidence, cites=s.cites,
        )
        for s in reading.statements
    ]
