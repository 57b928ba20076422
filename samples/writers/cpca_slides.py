"""CPCA's "新能源市场-YYYY年M月零售、出口分析表" slide, drawn with Pillow as a JPEG.

The monthly analysis pages of cpcaauto.com carry JPG slides; this one is a
table of blocks (零售, 批发, 出口), each a header row [label, 纯电动, 插混, 增程,
新能源] and month rows ("5月份", four values in 万辆, one decimal, "-" where a
cell is not stated). Layout: 1280 px wide, white, a coloured title band, the
unit at the right under it, each block a ruled table (grey grid, shaded header,
text centred in its column), the source line at the foot.

`rotate`, `scale` and `jpeg_quality` degrade the slide the ways a scan or a
re-encoded upload does. Deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from PIL import Image, ImageDraw, ImageFont

WIDTH = 1280
MARGIN = 64
TITLE_BAND = 96
ROW = 42
BLOCK_GAP = 28
FIRST_COLUMN = 0.22  # share of the table width; the four value columns share the rest equally
HEADER = ("纯电动", "插混", "增程", "新能源")
FOOTER = "数据来源：乘联分会"
BAND_COLOUR = (31, 78, 121)
HEADER_FILL = (221, 230, 242)
GRID = (160, 160, 160)
INK = (20, 20, 20)
FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
NO_FONT = "rendering slides needs a CJK font: apt-get install fonts-noto-cjk (or set EVD_CJK_FONT to a .ttc/.otf/.ttf)"


def slide_title(year: int, month: int) -> str:
    return f"新能源市场-{year}年{month}月零售、出口分析表"


@dataclass(frozen=True)
class Block:
    """One table of the slide: its label (零售, 批发, 出口) and its month rows (label, the four cells)."""

    label: str
    rows: tuple[tuple[str, tuple[str, str, str, str]], ...]


def cjk_font_path() -> Path:
    """A font with the Chinese glyphs: $EVD_CJK_FONT, else fontconfig's Noto Sans CJK SC, else a common path."""
    chosen = os.environ.get("EVD_CJK_FONT")
    if chosen:
        if not Path(chosen).is_file():
            raise RuntimeError(f"EVD_CJK_FONT={chosen} is not a file; {NO_FONT}")
        return Path(chosen)
    if shutil.which("fc-match"):
        try:
            found = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans CJK SC"], capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            found = ""
        name = Path(found).name
        if found and any(mark in name for mark in ("CJK", "wqy", "Noto")) and Path(found).is_file():
            return Path(found)
    for path in map(Path, FONT_PATHS):
        if path.is_file():
            return path
    raise RuntimeError(NO_FONT)


@lru_cache(maxsize=None)
def _face_index(path: Path) -> int:
    """In a collection, the Simplified Chinese face (Noto Sans CJK SC); else the first."""
    if path.suffix.lower() != ".ttc":
        return 0
    for index in range(16):
        try:
            family = ImageFont.truetype(str(path), 12, index=index).getname()[0] or ""
        except OSError:
            break
        if family.endswith("CJK SC"):
            return index
    return 0


@lru_cache(maxsize=None)
def _font(size: int) -> ImageFont.FreeTypeFont:
    path = cjk_font_path()
    return ImageFont.truetype(str(path), size, index=_face_index(path))


def _table(draw: ImageDraw.ImageDraw, top: int, block: Block) -> int:
    """Draws one block from `top`; returns the y below it."""
    width = WIDTH - 2 * MARGIN
    first = round(width * FIRST_COLUMN)
    edges = [MARGIN, MARGIN + first] + [MARGIN + first + round((width - first) * k / 4) for k in range(1, 5)]
    rows = [(block.label, HEADER), *block.rows]
    bottom = top + ROW * len(rows)
    draw.rectangle((MARGIN, top, WIDTH - MARGIN, top + ROW), fill=HEADER_FILL)
    for n, (label, cells) in enumerate(rows):
        middle = top + ROW * n + ROW // 2
        font = _font(24 if n == 0 else 23)
        for column, text in enumerate((label, *cells)):
            draw.text(((edges[column] + edges[column + 1]) / 2, middle), text, font=font, fill=INK, anchor="mm")
    for y in range(top, bottom + 1, ROW):
        draw.line((MARGIN, y, WIDTH - MARGIN, y), fill=GRID, width=1)
    for x in edges:
        draw.line((x, top, x, bottom), fill=GRID, width=1)
    return bottom


def render_slide(
    title: str, blocks: Sequence[Block], *, unit: str = "单位：万辆", rotate: float = 0.0, jpeg_quality: int = 90, scale: float = 1.0
) -> bytes:
    """The slide as JPEG bytes: `title` in the band, `unit` under it, `blocks` in order, the source line last."""
    tables = sum(ROW * (1 + len(block.rows)) for block in blocks) + BLOCK_GAP * max(0, len(blocks) - 1)
    height = TITLE_BAND + 56 + tables + 80
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, TITLE_BAND), fill=BAND_COLOUR)
    draw.text((WIDTH / 2, TITLE_BAND / 2), title, font=_font(40), fill="white", anchor="mm")
    draw.text((WIDTH - MARGIN, TITLE_BAND + 28), unit, font=_font(20), fill=INK, anchor="rm")
    y = TITLE_BAND + 56
    for block in blocks:
        y = _table(draw, y, block) + BLOCK_GAP
    draw.text((MARGIN, height - 36), FOOTER, font=_font(18), fill=(90, 90, 90), anchor="lm")
    if rotate:
        image = image.rotate(rotate, resample=Image.Resampling.BICUBIC, expand=False, fillcolor="white")
    if scale != 1.0:
        image = image.resize((max(1, round(WIDTH * scale)), max(1, round(height * scale))), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=jpeg_quality)
    return out.getvalue()


def render_chart(title: str, months: Sequence[str]) -> bytes:
    """Another of the analysis' slides: a trend chart of bars with month labels and no figures (the reader passes it over)."""
    height = 560
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, TITLE_BAND), fill=BAND_COLOUR)
    draw.text((WIDTH / 2, TITLE_BAND / 2), title, font=_font(40), fill="white", anchor="mm")
    base, step = height - 110, (WIDTH - 2 * MARGIN) // (2 * len(months) + 1)
    for n, label in enumerate(months):
        left = MARGIN + step * (2 * n + 1)
        draw.rectangle((left, base - 120 - 90 * n, left + step, base), fill=(192, 57, 43))
        draw.text((left + step / 2, base + 24), label, font=_font(22), fill=INK, anchor="mm")
    draw.line((MARGIN, base, WIDTH - MARGIN, base), fill=GRID, width=2)
    draw.text((MARGIN, height - 36), FOOTER, font=_font(18), fill=(90, 90, 90), anchor="lm")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()
