"""The OCR engine: a picture's bytes → the words printed on it, each with its box.

RapidOCR (`rapidocr-onnxruntime`: PaddleOCR's PP-OCRv4 Chinese models run by
ONNX Runtime, the models inside its wheel, so nothing is fetched at run time).
It is chosen over Tesseract (`chi_sim+eng`) by `benchmarks/bench_slides.py`:
Tesseract drops decimal points and misreads month labels on the same slides
(docs/cpca.md gives the numbers). The engine is an extra
(`pip install 'ev-deliveries[ocr]'`); without it, reading a picture is a
ParseError that says how to install it, so a run never silently lacks a slide.
"""

from __future__ import annotations

import ctypes
import io
import threading
from dataclasses import dataclass

from extractors.base import Document, ParseError

MAX_PIXELS = 40_000_000  # a slide is about 1 megapixel; a bigger picture is refused before it is decoded
BAND_PIXELS = 450_000  # the detector's working memory grows with the pixels it sees at once (about 130 MiB a
# megapixel, its large buffers handed back as freed: warehouse.processes): a taller picture is searched for text a
# band of rows at a time, which bounds that near 100 MiB. The size is bench_slides.py's: bands of 800,000 read more
# lone dashes ("-" for a part not stated) together with the table's rule below them, as 二
BAND_OVERLAP = 128  # rows two neighbouring bands share: more than the tallest line of a slide, so each line lies whole in one
INSTALL_HINT = "reading slide images needs the OCR engine: pip install 'ev-deliveries[ocr]' (rapidocr-onnxruntime)"

_ENGINE = None
_ENGINE_LOCK = threading.Lock()  # one engine per process, one picture at a time


@dataclass(frozen=True)
class Word:
    """A run of text the engine read, its box in pixels (x to the right, y down) and its confidence (0-1)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float

    @property
    def middle_y(self) -> float:
        return (self.y0 + self.y1) / 2


def read_words(doc: Document) -> list[Word]:
    """Every word on the picture, top to bottom; a picture that is not one, or too big, is a ParseError."""
    pixels = _rgb_pixels(doc)
    with _ENGINE_LOCK:
        try:
            found, _ = _engine(doc)(pixels)
        finally:
            _return_freed_memory()
    words = []
    for box, text, confidence in found or ():
        xs, ys = [point[0] for point in box], [point[1] for point in box]
        words.append(Word(str(text).strip(), min(xs), min(ys), max(xs), max(ys), float(confidence)))
    return sorted((w for w in words if w.text), key=lambda w: (w.y0, w.x0))


def _return_freed_memory() -> None:
    """The engine's working memory for one picture (a few hundred MB, freed when it is done) handed back to
    the system rather than kept by the allocator for the rest of the run (glibc's malloc_trim; elsewhere nothing)."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _rgb_pixels(doc: Document):
    import numpy
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(doc.content)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ParseError(doc, f"expected a slide of at most {MAX_PIXELS:,} pixels; found {image.width}×{image.height}")
            rgb = image.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ParseError(doc, f"expected a JPEG or PNG picture that decodes; {exc}") from exc
    return numpy.asarray(rgb)[:, :, ::-1].copy()  # the engine takes OpenCV's BGR order


def _engine(doc: Document):
    global _ENGINE
    if _ENGINE is None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:
            raise ParseError(doc, f"{INSTALL_HINT}; importing it failed: {exc}") from exc
        _ENGINE = RapidOCR(det_limit_type="max")  # each band searched at its own resolution, never enlarged
        _ENGINE.text_det = BandDetector(_ENGINE.text_det)  # the engine's one detection step (its `text_det`)
    return _ENGINE


class BandDetector:
    """The engine's text detector run on overlapping horizontal bands of at most BAND_PIXELS each, its boxes
    put back in the picture's rows. A box that reaches a band's cut edge is a line the band sees only in part
    (its neighbour sees it whole); a line two bands both see whole is kept as the band that sees it farther from
    its cut edges (more of what surrounds it) boxed it."""

    def __init__(self, detect):
        self.detect = detect

    def __call__(self, pixels):
        import numpy

        seen, elapsed = [], 0.0  # (rows between the box and its band's nearest cut edge, the box)
        spans = bands(pixels.shape[0], pixels.shape[1])
        for index, (top, bottom) in enumerate(spans):
            found, took = self.detect(pixels[top:bottom])
            elapsed += took
            for box in found if found is not None else ():
                above = box[:, 1].min() if index > 0 else numpy.inf
                below = bottom - top - 1 - box[:, 1].max() if index < len(spans) - 1 else numpy.inf
                if min(above, below) > EDGE:
                    seen.append((min(above, below), box + numpy.array([0, top], dtype=box.dtype)))
        kept = _once([box for _, box in sorted(seen, key=lambda pair: -pair[0])])
        return (numpy.array(kept) if kept else None), elapsed


EDGE = 3  # pixels from a band's cut edge within which a box counts as reaching it


def _once(boxes: list) -> list:
    """The boxes less those that mostly cover one already kept (the same line, seen by two bands)."""
    kept, rectangles = [], []
    for box in boxes:
        x0, y0, x1, y1 = box[:, 0].min(), box[:, 1].min(), box[:, 0].max(), box[:, 1].max()
        area = max((x1 - x0) * (y1 - y0), 1e-6)
        if not any(_shared(rect, (x0, y0, x1, y1)) > 0.5 * min(area, other) for rect, other in rectangles):
            kept.append(box)
            rectangles.append(((x0, y0, x1, y1), area))
    return kept


def _shared(a, b) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def bands(height: int, width: int) -> list[tuple[int, int]]:
    """(top, bottom) rows of each band of a picture: as few bands as keep each within BAND_PIXELS, neighbours
    sharing BAND_OVERLAP rows, each but the last a multiple of 32 rows (the detector's grid, so it is not resized)."""
    if height * width <= BAND_PIXELS:
        return [(0, height)]
    rows = max(2 * BAND_OVERLAP, BAND_PIXELS // max(width, 1) // 32 * 32)
    count = max(1, -(-(height - BAND_OVERLAP) // (rows - BAND_OVERLAP)))
    step = -(-(height - BAND_OVERLAP) // count // 32) * 32
    return [(index * step, height if index == count - 1 else index * step + step + BAND_OVERLAP) for index in range(count)]
