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

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    def dated(self, published_on: date) -> "Text":
        return dataclasses.replace(self, published_on=published_on)
