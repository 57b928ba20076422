"""Plain text: a title line, then paragraphs (blank-line separated, or one a line)."""

from __future__ import annotations

import re

from extractors.base import Document
from extractors.formats.chinese import cjk_share, is_traditional, to_simplified
from extractors.formats.dates import date_in_lines, date_in_url
from extractors.formats.model import Text


def normalized(title: str, paragraphs: list[str], original: str, published_on, tables=()) -> Text:
    """A Text in one script and language, whatever the original used."""
    joined = title + "\n" + "\n".join(paragraphs)
    language = "zh" if cjk_share(joined) > 0.2 else "en"
    script = ""
    if language == "zh" and is_traditional(joined):
        script = "hant"
        title, paragraphs = to_simplified(title), [to_simplified(p) for p in paragraphs]
        tables = tuple(tuple(tuple(to_simplified(c) for c in row) for row in table) for table in tables)
    return Text(title, published_on, language, tuple(paragraphs), tuple(tables), original, script)


def read(doc: Document) -> Text:
    original = doc.text
    blocks = [b.strip() for b in re.split(r"\n\s*\n", original) if b.strip()]
    if len(blocks) <= 2:
        blocks = [line.strip() for line in original.splitlines() if line.strip()]
    lines = [line.strip() for line in original.splitlines() if line.strip()][:5]
    published_on = date_in_lines(lines) or date_in_url(doc.url)
    first = blocks[0] if blocks else ""
    is_title = len(first) <= 160 and not re.search(r"[.。!?]$", first) and len(blocks) > 1
    title = first if is_title else ""
    return normalized(title, blocks[1:] if is_title else blocks, original, published_on)
