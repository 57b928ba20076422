"""Fuzzing the parsers: every source's sample documents, mutated, read the way the pipeline and `extract` read them.

    .venv/bin/python benchmarks/fuzz_parsers.py [--calls 5000] [--seed 1] [--deadline SECONDS] [--show 5]

Each call takes a sample document of the bundled archive (list pages aside: discovery reads those), applies one
to four mutations (`MUTATIONS`: truncation, bit flips, inserted and deleted bytes, duplicated chunks, a multi-byte
character cut, a number replaced by an edge value, a JSON value replaced, markup or JSON nested deep, a long run
of "1,"), then reads it: every other call through its source's `extract` with its recorded encoding (the
pipeline), the others through `registry.extract` with no source and no encoding (`ev-deliveries extract`).
Prints the calls, how many gave figures, typed errors (ParseError), untyped errors (anything else: must be 0) and
hangs (calls over the parse deadline, or refused by it: must be 0), the slowest call (each sample is read once
unmutated first, untimed: a reader's first read loads what it needs), and the first untyped errors.
`tests/test_fuzz.py` draws the same mutations with hypothesis.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.base import Document, ParseError  # noqa: E402
from extractors.guard import GUARDED, parse_deadline  # noqa: E402
from extractors.registry import extract, get_source  # noqa: E402
from flows.settings import BUNDLED_ARCHIVE  # noqa: E402
from warehouse.archive import Archive  # noqa: E402

# What a number or a JSON value is replaced by: months and days that do not exist, a cut or doubled decimal
# point, more digits than BIGINT holds, JSON's null and empty containers, a nesting deeper than any parser reads.
EDGE_NUMBERS = (b"0", b"00", b"13", b"32", b"99", b"-1", b"1.2.3", b"1.23456", b"9" * 25, b"")
EDGE_VALUES = (b"null", b'""', b"[]", b"{}", b"1e999", b"9" * 30, b"[" * 3000 + b"]" * 3000, b'"13\xe6\x9c\x88"')
_NUMBER = re.compile(rb"\d+(?:\.\d+)?")
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_JSON_SCALAR = re.compile(rb':\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|null|true|false)')


def _at(content: bytes, where: float) -> int:
    return min(len(content) - 1, int(where * len(content)))


def truncate(content: bytes, where: float, pick: int) -> bytes:
    return content[:_at(content, where)]


def flip_bit(content: bytes, where: float, pick: int) -> bytes:
    i = _at(content, where)
    return content[:i] + bytes([content[i] ^ (1 << pick % 8)]) + content[i + 1:]


def insert_byte(content: bytes, where: float, pick: int) -> bytes:
    i = _at(content, where)
    return content[:i] + bytes([pick % 256]) + content[i:]


def delete_span(content: bytes, where: float, pick: int) -> bytes:
    i = _at(content, where)
    return content[:i] + content[i + 1 + pick % 64:]


def duplicate_chunk(content: bytes, where: float, pick: int) -> bytes:
    i = _at(content, where)
    return content[:i] + content[i:i + 1 + pick % 256] + content[i:]


def cut_multibyte(content: bytes, where: float, pick: int) -> bytes:
    """One byte of the first multi-byte character at or after `where` removed (a page cut mid-character)."""
    found = _NON_ASCII.search(content, _at(content, where))
    return content[:found.start()] + content[found.end():] if found else content[:-1]


def edge_number(content: bytes, where: float, pick: int) -> bytes:
    found = _NUMBER.search(content, _at(content, where)) or _NUMBER.search(content)
    edge = EDGE_NUMBERS[pick % len(EDGE_NUMBERS)]
    return content[:found.start()] + edge + content[found.end():] if found else content + edge


def edge_json_value(content: bytes, where: float, pick: int) -> bytes:
    found = _JSON_SCALAR.search(content, _at(content, where)) or _JSON_SCALAR.search(content)
    edge = EDGE_VALUES[pick % len(EDGE_VALUES)]
    return content[:found.start(1)] + edge + content[found.end(1):] if found else content


# Nesting and runs stay small (the sizes that hung the parsers, 200k tables and 10 MB of "1,", are the crafted
# cases of tests/test_crafted_inputs.py): a mutation's cost, not the deadline, bounds a fuzz call.
def nest_markup(content: bytes, where: float, pick: int) -> bytes:
    i = _at(content, where)
    return content[:i] + b"<table><tr><td>" * (10 + pick % 50) + content[i:]


def run_of_ones(content: bytes, where: float, pick: int) -> bytes:
    i = _at(content, where)
    return content[:i] + b"1," * (100 + pick % 5_000) + content[i:]


MUTATIONS: tuple[Callable[[bytes, float, int], bytes], ...] = (
    truncate, flip_bit, insert_byte, delete_span, duplicate_chunk, cut_multibyte, edge_number, edge_json_value,
    nest_markup, run_of_ones,
)
Step = tuple[int, float, int]  # (which mutation, where in the document as a fraction, which value)


def mutated(content: bytes, steps: list[Step]) -> bytes:
    for which, where, pick in steps:
        if content:
            content = MUTATIONS[which % len(MUTATIONS)](content, where, pick)
    return content


def sample_documents() -> list[Document]:
    archive = Archive(BUNDLED_ARCHIVE, read_only=True)
    return [archive.document(entry) for entry in archive.entries() if entry.kind != "list"]


def read(doc: Document, as_extract: bool):
    """How the pipeline reads a document (its source, its recorded encoding), or how `ev-deliveries extract` does."""
    if as_extract:
        return extract(dataclasses.replace(doc, source="", kind="", encoding=None))[2]
    return get_source(doc.source).extract(doc)


def outcome(doc: Document, as_extract: bool) -> tuple[str, float, BaseException | None]:
    """("figures" | "typed" | "untyped" | "hang", seconds, the error) of one read."""
    started = time.perf_counter()
    try:
        read(doc, as_extract)
        kind, error = "figures", None
    except ParseError as exc:
        kind, error = ("hang" if "EVD_PARSE_DEADLINE" in exc.expected else "typed"), exc
    except Exception as exc:
        kind, error = "untyped", exc
    seconds = time.perf_counter() - started
    return ("hang" if seconds > parse_deadline() else kind), seconds, error


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--deadline", type=float, help="the parse deadline in seconds (default: EVD_PARSE_DEADLINE, else 60)")
    parser.add_argument("--show", type=int, default=5, help="untyped errors to print")
    args = parser.parse_args()
    if args.deadline:
        os.environ["EVD_PARSE_DEADLINE"] = str(args.deadline)
    logging.disable(logging.WARNING)  # pdfminer's warnings about the damage done on purpose
    rng, documents = random.Random(args.seed), sample_documents()
    for doc in documents:  # each reader's first read loads what it needs (dateparser's languages: seconds), not timed
        outcome(doc, as_extract=False), outcome(doc, as_extract=True)
    counts, converted, slowest, untyped = Counter(), Counter(), (0.0, ""), []
    for call in range(args.calls):
        doc = rng.choice(documents)
        steps = [(rng.randrange(len(MUTATIONS)), rng.random(), rng.randrange(1 << 16)) for _ in range(rng.choice((1, 1, 2, 4)))]
        kind, seconds, error = outcome(dataclasses.replace(doc, content=mutated(doc.content, steps)), as_extract=call % 2 == 1)
        counts[kind] += 1
        if kind == "typed" and GUARDED in str(error):
            converted[type(error.__cause__).__name__] += 1
        slowest = max(slowest, (seconds, f"{doc.source} {doc.url} {steps}"))
        if kind == "untyped" and len(untyped) < args.show:
            untyped.append(f"{doc.source} {doc.url} {steps}: {type(error).__name__}: {error}")
    print(f"calls {args.calls}  figures {counts['figures']}  typed errors {counts['typed']}  untyped errors {counts['untyped']}  "
          f"hangs {counts['hang']} (deadline {parse_deadline():g} s)")
    print(f"  of the typed errors, raised by a parser as another exception and made a ParseError by the guard: "
          f"{sum(converted.values())} {dict(converted.most_common())}")
    print(f"slowest call {slowest[0]:.2f} s: {slowest[1]}")
    for line in untyped:
        print("untyped:", line[:400])


if __name__ == "__main__":
    main()
