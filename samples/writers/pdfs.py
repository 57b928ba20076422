"""PDF filings in the layouts makers file with HKEX, drawn with fpdf2.

- BYD's "VOLUNTARY ANNOUNCEMENT - PRODUCTION AND SALES VOLUME FOR <MONTH
  YEAR>": a ruled table, one label column and a block of columns per measure
  (sales; production first in later versions), under the company heading.
- Xiaomi's results announcements: headed prose pages.

Deterministic: the creation date is the filing date, so the same inputs give
the same bytes.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from fpdf import FPDF
from fpdf.fonts import FontFace

from extractors.helpers import MONTHS_EN, parse_month

MONTH_NAMES = {MONTHS_EN[name]: name.capitalize() for name in (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")}


def month_label(period: str) -> str:
    year, mon = parse_month(period)
    return f"{MONTH_NAMES[mon]} {year}"


def _document(published: date, orientation: str = "P") -> FPDF:
    pdf = FPDF(orientation=orientation, unit="mm", format="A4")
    pdf.set_creation_date(datetime(published.year, published.month, published.day, 18, 0, tzinfo=timezone.utc))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    return pdf


def _heading(pdf: FPDF, company: str, incorporation: str, stock_code: str, title_lines: list[str]) -> None:
    pdf.set_font("Helvetica", size=8)
    pdf.multi_cell(0, 4, "Hong Kong Exchanges and Clearing Limited and The Stock Exchange of Hong Kong Limited take no "
                   "responsibility for the contents of this announcement.", align="C")
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 7, company, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "I", 8)
    pdf.cell(0, 5, incorporation, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5, f"(Stock Code: {stock_code})", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 11)
    for line in title_lines:
        pdf.cell(0, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _paragraphs(pdf: FPDF, paragraphs: list[str], size: int = 9) -> None:
    pdf.set_font("Helvetica", size=size)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 4.5, paragraph)
        pdf.ln(2)


def _signature(pdf: FPDF, company: str, signer: str, place: str, published: date, day_first: bool) -> None:
    when = f"{published.day} {MONTH_NAMES[published.month]} {published.year}" if day_first else \
        f"{MONTH_NAMES[published.month]} {published.day}, {published.year}"
    _paragraphs(pdf, ["By order of the Board", company, signer, f"{place}, {when}"])


def byd_volume_pdf(
    period: str,
    published: date,
    columns: list[str],
    sales: list[tuple[str, list[str]]],
    production: dict[str, list[str]] | None = None,
) -> bytes:
    """BYD's monthly announcement; `sales` rows are (label, cells), `production` cells by the same labels."""
    pdf = _document(published, orientation="L")
    _heading(
        pdf, "BYD COMPANY LIMITED", "(A joint stock company incorporated in the People's Republic of China with limited liability)",
        "1211", ["VOLUNTARY ANNOUNCEMENT - PRODUCTION AND SALES VOLUME", f"FOR {month_label(period).upper()}"],
    )
    _paragraphs(pdf, [
        "This announcement is made by BYD Company Limited (the \"Company\") on a voluntary basis. The board of directors "
        f"of the Company announces the production and sales volume of new energy vehicles of the Company and its "
        f"subsidiaries for {month_label(period)} as follows:",
    ])
    blocks = ([("Production volume (units)", production)] if production is not None else []) + [("Sales volume (units)", None)]
    label_width = 62
    number_width = (pdf.epw - label_width) / (len(columns) * len(blocks))
    pdf.set_font("Helvetica", size=6.5)
    heading = FontFace(emphasis="BOLD")
    with pdf.table(
        col_widths=(label_width, *([number_width] * len(columns) * len(blocks))), width=pdf.epw, line_height=4.2,
        first_row_as_headings=False, text_align=("LEFT", *(["RIGHT"] * len(columns) * len(blocks))),
    ) as table:
        if production is not None:
            row = table.row(style=heading)
            row.cell("")
            for name, _ in blocks:
                row.cell(name, colspan=len(columns), align="CENTER")
        row = table.row(style=heading)
        row.cell("Unit: vehicles" if production is not None else "Sales volume (units)")
        for _ in blocks:
            for label in columns:
                row.cell(label, align="CENTER")
        for label, cells in sales:
            row = table.row()
            row.cell(label)
            for name, produced in blocks:
                values = cells if produced is None else produced.get(label, [""] * len(columns))
                for value in values:
                    row.cell(value)
    pdf.ln(4)
    _paragraphs(pdf, [
        "Note: The figures above are unaudited and based on the Company's internal statistics. Shareholders and potential "
        "investors are advised to exercise caution when dealing in the securities of the Company.",
    ], size=8)
    _signature(pdf, "BYD Company Limited", "Wang Chuan-fu, Chairman", "Shenzhen, PRC", published, day_first=True)
    return bytes(pdf.output())


def xiaomi_results_pdf(title_lines: list[str], published: date, paragraphs: list[str]) -> bytes:
    """A Xiaomi results announcement: heading, title, then the business review prose."""
    pdf = _document(published)
    _heading(pdf, "XIAOMI CORPORATION", "(Incorporated in the Cayman Islands with limited liability)", "1810", title_lines)
    _paragraphs(pdf, paragraphs)
    _signature(pdf, "Xiaomi Corporation", "Lei Jun, Chairman", "Hong Kong", published, day_first=False)
    return bytes(pdf.output())


def scanned_pdf(published: date) -> bytes:
    """A filing as a scan: one page that is only an image, with no text layer to read."""
    from PIL import Image, ImageDraw

    page = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(page)
    for top in range(80, 800, 24):
        draw.rectangle((60, top, 560 - (top % 7) * 20, top + 8), fill=40)
    pdf = _document(published)
    pdf.image(page, x=0, y=0, w=pdf.w, h=pdf.h)
    return bytes(pdf.output())
