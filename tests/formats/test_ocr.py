"""The OCR engine's detection in bands (extractors/formats/ocr.py): the bands cover the picture, and a line of text
wherever it lies against their cuts is read once, whole."""

from __future__ import annotations

import hashlib
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.base import Document
from extractors.formats import ocr


@given(height=st.integers(1, 6000), width=st.integers(1, 4000))
def test_bands_cover_every_row_each_within_its_pixels_neighbours_sharing_their_overlap(height, width):
    spans = ocr.bands(height, width)
    assert spans[0][0] == 0 and spans[-1][1] == height
    for (top, bottom), (next_top, next_bottom) in zip(spans, spans[1:]):
        assert bottom - next_top == ocr.BAND_OVERLAP and top % 32 == 0 and (bottom - top) % 32 == 0
        assert next_bottom > bottom
    if height * width > ocr.BAND_PIXELS and width * 2 * ocr.BAND_OVERLAP <= ocr.BAND_PIXELS:
        assert all((bottom - top) * width <= ocr.BAND_PIXELS for top, bottom in spans)
    if height * width <= ocr.BAND_PIXELS:
        assert spans == [(0, height)]


def picture_with_lines(lines: dict[int, str], width: int = 1280, height: int = 1400) -> Document:
    """A white picture with each line of text printed with its middle on the given row."""
    from PIL import Image, ImageDraw, ImageFont

    from samples.writers.cpca_slides import cjk_font_path

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(cjk_font_path()), 28)
    for row, text in lines.items():
        draw.text((width / 2, row), text, font=font, fill="black", anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    content = buffer.getvalue()
    return Document(content=content, sha256=hashlib.sha256(content).hexdigest(), url="file:///lines.png", source="cpca",
                    kind="slide", period="2025-12", content_type="image/png")


@pytest.mark.slow
def test_a_line_across_a_bands_cut_or_inside_two_bands_is_read_once_whole():
    pytest.importorskip("rapidocr_onnxruntime")
    (_, first_bottom), (second_top, _) = ocr.bands(1400, 1280)[:2]
    lines = {40: "新能源市场 第一行", first_bottom - 1: "跨过切口 12月份 133.7", second_top + 2: "重叠之中 11月份 132.1",
             (second_top + first_bottom) // 2: "两带都见 10月份 128.2"}
    lines = dict(sorted(lines.items()))
    read = [word.text.replace(" ", "") for word in ocr.read_words(picture_with_lines(lines))]
    assert read == [text.replace(" ", "") for text in lines.values()]
