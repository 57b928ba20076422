"""One script and one language for every Text, whatever the original used."""

from __future__ import annotations

from datetime import date

from extractors.formats.chinese import cjk_share, is_traditional, to_simplified
from extractors.formats.model import Table, Text


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
    frozen = tuple(tuple(tuple(row) for row in table) for table in tables)
    return Text(title, published_on, language, tuple(paragraphs), frozen, original, script, tuple(captions))
