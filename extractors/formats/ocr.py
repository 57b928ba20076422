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
        _ENGINE = RapidOCR()
    return _ENGINE
