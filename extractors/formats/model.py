"""The normalized text every format reader produces."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

Table = tuple[tuple[str, ...], ...]  # rows of cells, header rows first


@dataclass(frozen=True)
class Text:
    title: str
    published_on: date | None
    language: str  # "en" or "zh"
    paragraphs: tuple[str, ...]  # in simplified script for Chinese
    tables: tuple[Table, ...] = ()
    original: str = ""  # the decoded text before any conversion, for evidence
    script: str = ""  # "hant" when the original was traditional Chinese
    captions: tuple[str, ...] = ()  # the words printed just before each table ("" when none), in simplified script

    def captioned_tables(self) -> list[tuple[Table, str]]:
        """Each table with the words printed just before it."""
        return [(table, self.captions[i] if i < len(self.captions) else "") for i, table in enumerate(self.tables)]

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    def dated(self, published_on: date) -> "Text":
        return dataclasses.replace(self, published_on=published_on)
