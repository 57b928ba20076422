"""One script and one language for every Text, whatever the original used."""

from __future__ import annotations

import re
from datetime import date

from extractors.formats.chinese import cjk_share, is_traditional, to_simplified
from extractors.formats.model import Table, Text

# A count grouped by spaces ("380 089 units", as some English-language presses print thousands), and the sign
# a document prints its counts so: one such count followed by a vehicle word.
_SPACE_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d|[.,]\d|\s\d)")
_SPACE_GROUPED_COUNT = re.compile(_SPACE_GROUPED.pattern + r"\s*(?:units|vehicles|cars|EVs|NEVs)\b", re.I)


def comma_grouped(texts: list[str]) -> list[str]:
    """Counts grouped by spaces ("380 089") as comma-grouped ones ("380,089"), when the document (`texts`) prints
    its counts so (one such count is followed by "units", "vehicles" or "cars"); else the texts unchanged."""
    if not any(_SPACE_GROUPED_COUNT.search(t) for t in texts):
        return texts
    return [_SPACE_GROUPED.sub(lambda m: re.sub(r"\s", ",", m[0]), t) for t in texts]


def normalized(title: str, paragraphs: list[str], original: str, published_on: date | None, tables: list[Table] | tuple = (),
               captions: list[str] | tuple = ()) -> Text:
    """A Text in simplified script and its language ("zh" when a fifth of its letters are Chinese)."""
    joined = title + "\n" + "\n".join(paragraphs)
    language = "zh" if cjk_share(joined) > 0.2 else "en"
    script = ""
    if language == "zh" and is_traditional(joined):
        script = "hant"
        title, paragraphs = to_simplified(title), [to_simplified(p) for p in paragraphs]
        tables = [[[to_simplified(c) for c in row] for row in table] for table in tables]
        captions = [to_simplified(c) for c in captions]
    if language == "en":
        title, *paragraphs = comma_grouped([title, *paragraphs])
    frozen = tuple(tuple(tuple(row) for row in table) for table in tables)
    return Text(title, published_on, language, tuple(paragraphs), frozen, original, script, tuple(captions))
