"""Pictures (slides): the words OCR reads on them as a `Text`: the top line its
title, every line a paragraph, and the ruled part as one table.

Lines are words whose vertical middles lie within half a line's height of each
other, once the picture's slant (a slide photographed or scanned a degree
askew) is taken out: the median slope between each word and its neighbour to
the right. Columns are found from the lines of three or more words: a column is
the span of words that overlap horizontally across those lines; every line is
then cut into the columns, a column it prints nothing in being an empty cell.
So a cell keeps its column when a row leaves another cell out.
"""

from __future__ import annotations

import dataclasses
from statistics import median

from extractors.base import Document
from extractors.formats.model import Text
from extractors.formats.normal import normalized
from extractors.formats.ocr import Word, read_words

_MIN_TABLE_WORDS = 3  # a line with fewer words (a title, a unit, a footnote) does not set the columns


def read(doc: Document) -> Text:
    return text_from_words(read_words(doc))


def text_from_words(words: list[Word]) -> Text:
    """The Text of the words an engine read on a picture."""
    lines = _lines(words)
    shown = [" ".join(w.text for w in line) for line in lines]
    columns = _columns([line for line in lines if len(line) >= _MIN_TABLE_WORDS])
    table = [_cells(line, columns) for line in lines if columns and len(line) >= 2]
    return normalized(shown[0] if shown else "", shown[1:], "\n".join(shown), None, [table] if table else [], [""] if table else [])


def _lines(words: list[Word]) -> list[list[Word]]:
    """The words in lines, top to bottom, each line left to right."""
    if not words:
        return []
    height = median(w.y1 - w.y0 for w in words)
    lines: list[list[Word]] = []
    for word in sorted(_unslanted(words, height), key=lambda w: w.middle_y):
        if lines and abs(word.middle_y - median(w.middle_y for w in lines[-1])) <= height / 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _unslanted(words: list[Word], height: float) -> list[Word]:
    """The words with the picture's slant taken out of their heights (y less slope × x)."""
    slopes = []
    for word in words:
        right = [w for w in words if w.x0 > word.x1 and abs(w.middle_y - word.middle_y) < height]
        if right:
            neighbour = min(right, key=lambda w: w.x0)
            slopes.append((neighbour.middle_y - word.middle_y) / ((neighbour.x0 + neighbour.x1 - word.x0 - word.x1) / 2))
    slope = median(slopes) if slopes else 0.0
    return [dataclasses.replace(w, y0=w.y0 - slope * w.x0, y1=w.y1 - slope * w.x0) for w in words]


def _columns(lines: list[list[Word]]) -> list[tuple[float, float]]:
    """The horizontal spans of the table's columns, left to right: overlapping word spans merged."""
    spans = sorted((w.x0, w.x1) for line in lines for w in line)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(x0, x1) for x0, x1 in merged]


def _cells(line: list[Word], columns: list[tuple[float, float]]) -> tuple[str, ...]:
    """A line cut into the columns: each word in the column its middle falls in (or the nearest)."""
    cells = [""] * len(columns)
    for word in line:
        middle = (word.x0 + word.x1) / 2
        index = min(range(len(columns)), key=lambda i: 0 if columns[i][0] <= middle <= columns[i][1] else
                    min(abs(middle - columns[i][0]), abs(middle - columns[i][1])))
        cells[index] = f"{cells[index]} {word.text}".strip()
    return tuple(cells)
