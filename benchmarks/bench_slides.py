"""Accuracy of the CPCA slide reader on rendered slides: every cell read exactly, or not at all.

    .venv/bin/python benchmarks/bench_slides.py [--slides 40] [--seed 1] [--engine project|tesseract] [--save DIR]

Renders clearly SYNTHETIC "新能源市场-YYYY年M月零售、出口分析表" slides (random values, never
real figures; `samples/writers/cpca_slides.py`): a year 2024 or 2025 and a month M, blocks 零售
and 出口 (and 批发 on some), rows 1月份..M月份, each row's parts random one-decimal 万辆 (BEV
20-90, PHEV 10-50, EREV 2-15; exports BEV 3-25, PHEV 1-15, EREV 0.1-3) and 新能源 their exact
sum. The noise variants cycle over the slides: clean, JPEG quality 35, rotated +0.8° and -1.0°,
scaled to 0.75, a dropped decimal (one cell printed "637" for 63.7; the truth stays 63.7: a
correct reader repairs it only when the row sum proves it, or refuses), and rows whose parts are
printed "-" (not stated: only their 新能源 total is a truth cell).

Each slide is read as a `Document` (source cpca, kind slide, image/jpeg) by
`extractors.cpca.slides.read_slide`; with `--engine tesseract`, by Tesseract instead (pytesseract,
chi_sim+eng, --psm 6), its words joined by `extractors.formats.image.text_from_words` and read by
`extractors.cpca.slides.slide_figures`: the same table reader and checks behind either engine.
Every stated cell (block, month, column) is one truth cell: read exactly (a figure with the truth
value), wrong (a figure with another value, or a figure for no cell of the slide: must be 0), or
missing (slide refused or passed over, or figure absent). The first slide is read once untimed
(the engine loads its models). Prints a row per variant and the total, then the first line of
each refusal (cut at 240 characters). Exit code 1 if a wrong figure passed (or reading raised
anything but ParseError), 2 if the engine or the reader is not available.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, NoReturn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.base import Document, Extraction, ParseError  # noqa: E402
from samples.writers.cpca_slides import Block, render_slide, slide_title  # noqa: E402
from warehouse.processes import hand_back_large_blocks  # noqa: E402

METRICS = {"零售": "retail", "批发": "wholesale", "出口": "exports"}
SCOPES = ("bev", "phev", "erev", "nev")
# Ranges of the parts in tenths of 万辆: (BEV, PHEV, EREV).
RANGES = {"domestic": ((200, 900), (100, 500), (20, 150)), "exports": ((30, 250), (10, 150), (1, 30))}
VARIANTS: tuple[tuple[str, dict], ...] = (
    ("clean", {}),
    ("jpeg q35", {"jpeg_quality": 35}),
    ("rotate +0.8", {"rotate": 0.8}),
    ("rotate -1.0", {"rotate": -1.0}),
    ("scale 0.75", {"scale": 0.75}),
    ("dropped decimal", {}),
    ("parts not stated", {}),
)
Truth = dict[tuple[str, str, str], int]  # (metric, scope, period) → vehicles


@dataclass(frozen=True)
class Slide:
    """One synthetic slide: its JPEG, what it states, and how it was degraded."""

    index: int
    variant: str
    period: str
    content: bytes
    truth: Truth


def _tenths(value: int) -> str:
    return f"{value // 10}.{value % 10}"


def synthetic_slide(rng: random.Random, index: int) -> Slide:
    year, month = rng.choice((2024, 2025)), rng.randint(1, 12)
    variant, options = VARIANTS[index % len(VARIANTS)]
    labels = ["零售", *(["批发"] if rng.random() < 0.5 else []), "出口"]
    truth: Truth = {}
    cells: dict[str, list[tuple[str, list[str]]]] = {}
    for label in labels:
        cells[label] = []
        for m in range(1, month + 1):
            parts = [rng.randint(low, high) for low, high in RANGES["exports" if label == "出口" else "domestic"]]
            values = [*parts, sum(parts)]
            cells[label].append((f"{m}月份", [_tenths(v) for v in values]))
            for scope, value in zip(SCOPES, values):
                truth[(METRICS[label], scope, f"{year}-{m:02d}")] = value * 1000
    if variant == "dropped decimal":  # one cell of at least 1.0 printed without its point
        choices = [(label, r, c) for label in labels for r, (_, row) in enumerate(cells[label]) for c, text in enumerate(row)
                   if not text.startswith("0.")]
        label, r, c = rng.choice(choices)
        cells[label][r][1][c] = cells[label][r][1][c].replace(".", "")
    if variant == "parts not stated":  # half the rows print "-" for BEV, PHEV and EREV, as a month the slide leaves open
        for label in labels:
            for m, (_, row) in enumerate(cells[label], 1):
                if rng.random() < 0.5:
                    row[:3] = ["-"] * 3
                    for scope in SCOPES[:3]:
                        del truth[(METRICS[label], scope, f"{year}-{m:02d}")]
    blocks = [Block(label, tuple((name, tuple(row)) for name, row in cells[label])) for label in labels]  # type: ignore[misc]
    content = render_slide(slide_title(year, month), blocks, **options)
    return Slide(index, variant, f"{year}-{month:02d}", content, truth)


def slide_document(slide: Slide) -> Document:
    return Document(
        content=slide.content, sha256=hashlib.sha256(slide.content).hexdigest(), url=f"synthetic://slide/{slide.index}.jpg",
        source="cpca", kind="slide", period=slide.period, content_type="image/jpeg",
    )


def unavailable(message: str) -> NoReturn:
    """One line on stderr and exit code 2: the engine or the reader is not there."""
    print(" ".join(message.split()), file=sys.stderr)
    raise SystemExit(2)


def project_reader() -> Callable[[Document], Extraction]:
    from extractors.cpca.slides import read_slide

    return read_slide


def tesseract_reader() -> Callable[[Document], Extraction]:
    """Tesseract's words through the project's table reader; exits 2 when Tesseract is not there."""
    needs = "--engine tesseract needs pytesseract and the tesseract binary with chi_sim"
    try:
        import pytesseract
    except ImportError:
        unavailable(f"{needs}: pytesseract is not installed (pip install pytesseract)")
    try:
        languages = pytesseract.get_languages()
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        unavailable(f"{needs}: {exc}")
    if "chi_sim" not in languages:
        unavailable(f"{needs}: Tesseract has no chi_sim language data (apt-get install tesseract-ocr-chi-sim)")
    from PIL import Image

    from extractors.cpca.slides import slide_figures
    from extractors.formats.image import Word, text_from_words

    def read(doc: Document) -> Extraction:
        data = pytesseract.image_to_data(Image.open(io.BytesIO(doc.content)), lang="chi_sim+eng", config="--psm 6",
                                         output_type=pytesseract.Output.DICT)
        boxes = zip(data["text"], data["left"], data["top"], data["width"], data["height"], data["conf"])
        words = [Word(text.strip(), left, top, left + width, top + height, float(conf) / 100)  # Word's confidence is 0-1
                 for text, left, top, width, height, conf in boxes if text.strip() and float(conf) >= 0]
        return slide_figures(doc, text_from_words(words))

    return read


@dataclass
class Tally:
    slides: int = 0
    cells: int = 0
    exact: int = 0
    wrong: int = 0
    missing: int = 0
    refused: int = 0
    seconds: float = 0.0
    refusals: list[str] = field(default_factory=list)
    wrongs: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for name in ("slides", "cells", "exact", "wrong", "missing", "refused", "seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.refusals += other.refusals
        self.wrongs += other.wrongs


def score(slide: Slide, read: Callable[[Document], Extraction]) -> tuple[Tally, bool]:
    """The slide's tally, and whether reading raised something other than ParseError."""
    tally = Tally(slides=1, cells=len(slide.truth))
    untyped = False
    start = time.perf_counter()
    try:
        found = read(slide_document(slide))
        figures = found.figures
        if not figures:  # passed over as a slide of another table: nothing read is a refusal too
            tally.refusals.append(f"slide {slide.index} ({slide.variant}): no figure; passed over: {getattr(found, 'passed_over', None)!r}")
            tally.refused, tally.missing = 1, len(slide.truth)
    except Exception as exc:  # ParseError is a refusal; anything else is a reader bug, reported and counted as one
        untyped = not isinstance(exc, ParseError)
        first = (str(exc).splitlines() or [""])[0]
        first = first if len(first) <= 240 else first[:239] + "…"
        tally.refusals.append(f"slide {slide.index} ({slide.variant}): {'' if not untyped else type(exc).__name__ + ': '}{first}")
        tally.refused, tally.missing, figures = 1, len(slide.truth), []
    tally.seconds = time.perf_counter() - start
    read_values: dict[tuple[str, str, str], set[int]] = {}
    for figure in figures:
        key = (figure.metric, figure.scope, figure.period)
        if figure.entity != "market" or key not in slide.truth:
            tally.wrong += 1
            tally.wrongs.append(f"slide {slide.index} ({slide.variant}): {figure.entity} {key} = {figure.value}, on no cell of the slide")
        else:
            read_values.setdefault(key, set()).add(figure.value)
    if not tally.refused:
        for key, value in slide.truth.items():
            values = read_values.get(key, set())
            tally.exact += values == {value}
            tally.missing += not values
            if values - {value}:
                tally.wrong += 1
                tally.wrongs.append(f"slide {slide.index} ({slide.variant}): {key} read {sorted(values)}, truth {value}")
    return tally, untyped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slides", type=int, default=40, help="synthetic slides (default 40)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--engine", choices=("project", "tesseract"), default="project",
                        help="project: read_slide (the project's OCR); tesseract: Tesseract's words through the same table reader")
    parser.add_argument("--save", type=Path, metavar="DIR", help="also write the rendered slides there")
    args = parser.parse_args()
    hand_back_large_blocks()  # glibc's allocator as a run holds it: its time a slide is a run's

    try:
        read = tesseract_reader() if args.engine == "tesseract" else project_reader()
    except ImportError as exc:
        unavailable(f"the slide reader is not available: {exc}")
    rng = random.Random(args.seed)
    slides = [synthetic_slide(rng, i) for i in range(args.slides)]
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for slide in slides:
            (args.save / f"slide-{slide.index:03d}.jpg").write_bytes(slide.content)

    try:  # one untimed read first: the engine loads its models on the first picture
        read(slide_document(slides[0])) if slides else None
    except Exception:  # scored below
        pass
    by_variant = {name: Tally() for name, _ in VARIANTS}
    untyped = False
    for slide in slides:
        tally, raised = score(slide, read)
        by_variant[slide.variant].add(tally)
        untyped |= raised
    total = Tally()
    for tally in by_variant.values():
        total.add(tally)

    print(f"engine {args.engine}, {args.slides} SYNTHETIC slides, seed {args.seed}")
    columns = ("slides", "cells", "exact", "wrong", "missing", "refused", "exact %", "s/slide")
    print(f"{'variant':<16} " + " ".join(f"{name:>7}" for name in columns))
    for name, tally in [*by_variant.items(), ("total", total)]:
        if tally.slides:
            counts = (tally.slides, tally.cells, tally.exact, tally.wrong, tally.missing, tally.refused)
            print(f"{name:<16} " + " ".join(f"{n:>7}" for n in counts)
                  + f" {100 * tally.exact / max(1, tally.cells):>6.1f}% {tally.seconds / tally.slides:>7.2f}")
    for line in total.refusals:
        print(f"refused  {line}")
    for line in total.wrongs:
        print(f"WRONG    {line}")
    return 1 if total.wrong or untyped else 0


if __name__ == "__main__":
    sys.exit(main())
