"""JSON documents: the string fields that hold prose or HTML (a Weibo post's
`text_raw`, an article API's `content`), read as plain text; for JSON of
unknown shape, every long string value is a paragraph."""

from __future__ import annotations

import json
from typing import Iterator

import dateparser

from extractors.base import Document, ParseError
from extractors.formats.model import Text
from extractors.formats.plain import text_of

_PROSE_KEYS = ("text_raw", "content", "body", "text", "article", "description", "summary")
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("created_at", "published_at", "publish_time", "pubDate", "date", "datePublished", "time")
_POST_TIME = "%a %b %d %H:%M:%S %z %Y"  # how Weibo's and Twitter's APIs print created_at
_LONG = 40  # characters: shorter strings are ids, labels and names, not prose
_STAMP = 64  # characters: a longer string under a date key is no time stamp (and dateparser reads it slowly)
_LANGUAGES = ("en", "zh")  # the languages the readers read; dateparser tries every one it knows when not told


def _strings(value) -> Iterator[tuple[str, str]]:
    """Every (key, string) in a JSON value, depth first, in document order (a list's items under the list's key);
    walked with a stack of its own, so any depth the JSON parser accepted is walked."""
    stack = [("", value)]
    while stack:
        key, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((key, item) for item in reversed(value))
        elif isinstance(value, str):
            yield key, value


def _first(strings: list[tuple[str, str]], keys: tuple[str, ...]) -> str:
    return next((text for key, text in strings if key in keys and text.strip()), "")


def read(doc: Document) -> Text:
    try:
        data = json.loads(doc.text)
    except json.JSONDecodeError as exc:
        raise ParseError(doc, f"expected JSON (it starts with {{ or [); found invalid JSON: {exc}") from exc
    except RecursionError:
        raise ParseError(doc, "expected JSON nested no deeper than Python's JSON parser reads; found it nested deeper") from None
    strings = list(_strings(data))
    prose = [text for key, text in strings if key in _PROSE_KEYS and text.strip()]
    if not prose:
        prose = [text for _, text in strings if len(text) >= _LONG and " " in text.strip() or len(text) >= _LONG and not text.isascii()]
    stamp = _first(strings, _DATE_KEYS)
    published = dateparser.parse(stamp, date_formats=[_POST_TIME], languages=list(_LANGUAGES),
                                 settings={"REQUIRE_PARTS": ["day", "month", "year"]}) if 0 < len(stamp) <= _STAMP else None
    return text_of(doc, "\n\n".join(prose), _first(strings, _TITLE_KEYS), published_on=published.date() if published else None,
                   original=doc.text)
