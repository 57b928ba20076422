"""The format layer: documents of layouts no source was written for → one Text.

Every document here is written for the test, in the layouts real copies use;
the figures are invented.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from fpdf import FPDF

from extractors.base import Document, ParseError
from extractors.formats import read_text


def doc(content: str | bytes, url: str = "https://news.example.com/story", **fields) -> Document:
    raw = content.encode("utf-8") if isinstance(content, str) else content
    return Document(content=raw, sha256=hashlib.sha256(raw).hexdigest(), url=url, **fields)


# ---------------------------------------------------------------- HTML

def test_html_with_its_own_structure_keeps_paragraphs_tables_and_metadata_date():
    page = """<html><head><title>Site | News</title><meta property="og:title" content="Maker delivers 12,340 cars">
    <meta property="article:published_time" content="2025-04-01T09:00:00+08:00"></head><body><nav>Home</nav>
    <article><h1>Maker delivers 12,340 cars</h1><p>As of March 31, 2025, the maker had 90 stores.</p>
    <p>Deliveries rose in March, the company said on Tuesday, in a statement long enough to be the body of the story.</p>
    <p>The company said demand stayed strong through the quarter and that new models would follow later this year.</p>
    <table><tr><th></th><th>2025 Q1</th></tr><tr><td>Deliveries</td><td>12,340</td></tr></table></article></body></html>"""
    text = read_text(doc(page))
    assert text.title == "Maker delivers 12,340 cars"
    assert text.published_on == date(2025, 4, 1)
    assert text.tables == ((("", "2025 Q1"), ("Deliveries", "12,340")),)
    assert any("new models" in p for p in text.paragraphs) and not any("Home" in p for p in text.paragraphs)


def test_html_without_paragraph_markup_is_read_through_main_content_extraction():
    sentences = " ".join(f"<span>Sentence {i} of the story says deliveries of the maker kept rising through the month.</span>"
                         for i in range(6))
    page = (f"<html><head><title>Story</title></head><body><div class='menu'><a href='/'>Home</a></div>"
            f"<div class='wrap'><div class='txt'>GUANGZHOU, March 3, 2025 -- The maker delivered 8,880 vehicles in February. "
            f"{sentences}</div></div></body></html>")
    text = read_text(doc(page))
    assert any("delivered 8,880 vehicles in February" in p for p in text.paragraphs)
    assert text.published_on == date(2025, 3, 3)


# ---------------------------------------------------------------- plain text and dates

@pytest.mark.parametrize("opening, url, published", [
    ("SHANGHAI, China, Nov. 01, 2025 (GLOBE NEWSWIRE) -- The Company announced its deliveries.", "", date(2025, 11, 1)),
    ("SHENZHEN, China, June 2, 2025 /PRNewswire/ -- The Company announced its results.", "", date(2025, 6, 2)),
    ("BEIJING, Oct 12 (Reuters) - Car sales rose in September.", "https://wire.example.com/2024/10/12/cars/", date(2024, 10, 12)),
    (" date 2025-01-02 Carmaker reports sales\n\nSHENZHEN, Jan. 1 (Xinhua) -- Sales rose.", "", date(2025, 1, 2)),
    ("超电实验室 2025-12-02 07:36\n\n12月新能源车交付量公布。", "", date(2025, 12, 2)),
    ("南方都市报·2026-01-20 16:47\n\n车企年度销量出炉。", "", date(2026, 1, 20)),
    ("Title of the story\nDATE:  Nov 19 2025\n/ SOURCE:  Wire\n\nThe maker reported results.", "", date(2025, 11, 19)),
    ("快科技3月9日消息,乘联会数据显示,2024年2月乘用车零售同比增长。", "", date(2024, 3, 9)),
    ("IT之家 5 月 8 日消息,乘联会发布数据。", "http://news.example.cn/news/202505/09/1.html", date(2025, 5, 8)),
    ("北京, 中国,2025年6月3日(环球新闻专线)——公司公布业绩。", "", date(2025, 6, 3)),
    ("北京, 中国,2025年6月3日——公司公布了截至2025年3月31日的季度业绩。", "", date(2025, 6, 3)),
    ("HANGZHOU,China,May 20,2025 -- The Company announced its results for the quarter ended March 31,2025.", "",
     date(2025, 5, 20)),
    ("The maker reported deliveries.", "https://news.example.com/2024/08/21/deliveries/", date(2024, 8, 21)),
    ("The maker reported deliveries.", "https://example.com/news/2025-04-16/1.html", date(2025, 4, 16)),
    ("The maker reported deliveries.", "http://en.example.cn/n3/2024/1204/c1-2.html", date(2024, 12, 4)),
    ("As of September 30, 2024, the Company had 300 stores.\n\nIt delivered 1,000 cars.", "", None),
    ("截至2023年12月31日,公司累计交付10万辆。", "", None),
    ("2025年12月4日,某汽车公布了最新交付数据:11月交付12,345辆,同比增长8%,环比下降约5%,1-11月累计交付101,234辆。"
     "其中纯电车型占比约六成,插混车型占比约四成,海外交付持续增长,门店数量继续扩大,新车型将于明年上市。", "", date(2025, 12, 4)),
    ("2025年12月4日 10:32 某汽车公布了最新交付数据,11月交付12,345辆,同比增长8%,环比下降约5%,1-11月累计交付101,234辆。"
     "其中纯电车型占比约六成,插混车型占比约四成,海外交付持续增长,门店数量继续扩大,新车型将于明年上市。", "",
     date(2025, 12, 4)),
    ("发布时间：2025-12-04 10:32 来源：汽车网 某汽车公布了最新交付数据,11月交付12,345辆,同比增长8%,环比下降约5%,累计交付101,234辆。"
     "其中纯电车型占比约六成,插混车型占比约四成,海外交付持续增长,门店数量继续扩大,新车型将于明年上市。", "",
     date(2025, 12, 4)),
    ("（记者 王某）12月4日电 某汽车公布,2025年11月交付12,345辆。", "", date(2025, 12, 4)),
    ("截至2025年12月4日,某汽车累计交付12,345辆,较上月增长8%,其中纯电车型占比约六成,插混车型占比约四成,海外交付持续增长。"
     "其中纯电车型占比约六成,插混车型占比约四成,海外交付持续增长,门店数量继续扩大,新车型将于明年上市。", "", None),
    ("The maker reported deliveries.", "https://news.example.com/maker-sales-rose-in-march-20240410/", date(2024, 4, 10)),
    ("某汽车公布了交付数据。", "http://news.example.cn/news/2022/5/1234.html", date(2022, 5, 1)),
    ("某汽车公布了交付数据。", "https://news.example.cn/china/201812/50-1234.html", date(2018, 12, 1)),
    (" date 2024-04 Retail sales of passenger cars rose last month.", "", date(2024, 4, 1)),
    (" date 2024-04 Retail sales of passenger cars rose last month.", "https://news.example.com/car-sales-rose-20240410/", date(2024, 4, 10)),
])
def test_a_text_is_dated_by_its_metadata_dateline_byline_or_url_never_by_its_data(opening, url, published):
    assert read_text(doc(opening + "\n\nMore of the story follows here.\n", url=url)).published_on == published


def test_a_dateline_outranks_the_url_and_published_dates_only_an_undated_text():
    dated = doc("BEIJING, China, May 2, 2025 (GLOBE NEWSWIRE) -- Results.\n\nMore.\n", url="https://x.example.com/2025/05/09/a/")
    assert read_text(dated, published=date(2025, 5, 30)).published_on == date(2025, 5, 2)
    undated = doc("The maker delivered 1,000 cars in April.\n\nMore.\n", url="")
    assert read_text(undated, published=date(2025, 5, 30)).published_on == date(2025, 5, 30)
    assert read_text(doc("Undated.\n\nStill undated.\n", url="", published_on=date(2025, 6, 1))).published_on == date(2025, 6, 1)


REPOSTED = ("Maker's record month\n\n  • Example News\n  • March 03, 2026\n  • 2 minutes read\n\n"
            "What a month May was for the maker: 11,111 cars delivered. May 2023 deliveries rose 20% from May of 2022.\n")


def test_a_page_date_years_past_every_year_the_text_names_gives_way_to_the_texts_own_months():
    assert read_text(doc(REPOSTED)).published_on == date(2023, 6, 1)  # the month after the latest month it names with its year
    reposted_at = "https://news.example.com/2026/03/03/maker-record/"
    assert read_text(doc(REPOSTED.replace("  • March 03, 2026\n", ""), url=reposted_at)).published_on == date(2023, 6, 1)


def test_a_page_date_a_year_after_the_months_the_text_names_is_kept():
    recent = REPOSTED.replace("May 2023 deliveries rose 20% from May of 2022", "Deliveries rose 20% from May 2025")
    assert read_text(doc(recent)).published_on == date(2026, 3, 3)
    undated_months = REPOSTED.replace("May 2023 deliveries rose 20% from May of 2022", "Its 2023 record fell")
    assert read_text(doc(undated_months)).published_on == date(2026, 3, 3)  # a year alone is no month to date it by
    compared = REPOSTED.replace("May 2023 deliveries rose 20% from May of 2022", "It was the best month since May 2023")
    assert read_text(doc(compared)).published_on == date(2026, 3, 3)  # a month compared with is no month the story reports


def test_a_dateline_is_the_storys_own_date_and_never_judged_a_reposts():
    story = "BEIJING, March 3, 2026 (Reuters) - The maker said May 2023 deliveries rose.\n\nMore of the story.\n"
    assert read_text(doc(story)).published_on == date(2026, 3, 3)


def test_plain_text_has_a_title_line_and_paragraphs():
    text = read_text(doc("Maker beats its target\n\nThe maker delivered 1,000 cars.\n\nIt plans more.\n"))
    assert (text.title, text.paragraphs, text.language) == ("Maker beats its target", ("The maker delivered 1,000 cars.", "It plans more."), "en")


PIPE_TABLE = "\n".join([
    "The ranking, by retail sales:",
    "| Rank | Maker | NEV Retail | Share |",
    "|---|---|---|---|",
    "| 1 | BYD | 300,100 | 30.1% |",
    "| 2 | Geely | 120,400 | 12.0% |",
    "BYD stayed first.",
])
MESSY_PIPES = "\n".join([
    "Key Operating Results", "| ||||", "2025 Q2 | 2025 Q1 | |", "Deliveries | 41,200 | 38,950 |", "Financial Highlights",
])


def test_pipe_tables_are_lifted_out_of_the_paragraphs_with_the_words_before_them():
    text = read_text(doc(PIPE_TABLE))
    assert text.tables == ((("Rank", "Maker", "NEV Retail", "Share"), ("1", "BYD", "300,100", "30.1%"),
                            ("2", "Geely", "120,400", "12.0%")),)
    assert text.captions == ("The ranking, by retail sales:",)
    assert not any("|" in p for p in text.paragraphs) and "BYD stayed first." in text.body


def test_in_a_text_of_one_paragraph_a_line_a_tables_caption_is_the_words_since_the_last_sentence():
    story = "\n".join([
        "The maker sold 12,000 cars in November 2025, it said.", "Market Positioning",
        "The maker competes with its rivals at home.", "| Brand | Sales Milestone |", "|---|---|", "| BYD | 3 million+ units |",
    ])
    text = read_text(doc(story))
    assert text.captions == ("Market Positioning The maker competes with its rivals at home.",)


def test_messy_pipe_lines_are_a_table_of_their_cells():
    text = read_text(doc(MESSY_PIPES))
    assert text.tables == ((("2025 Q2", "2025 Q1"), ("Deliveries", "41,200", "38,950")),)


FLATTENED = {
    "one line": "2025 Q2 2025 Q1 Deliveries 41,200 38,950 2024 Q4 2024 Q3 Deliveries 36,100 30,050",
    "two lines": "2025 Q2 2025 Q1 2024 Q4 2024 Q3\nDeliveries 41,200 38,950 36,100 30,050",
    "glued cells": "2025Q22025Q12024Q42024Q3\n\nTotal deliveries41,20038,95036,10030,050",
    "one cell a line": "2025 Q2\n2025 Q1\n2024 Q4\n2024 Q3\nDeliveries\n41,200\n38,950\n36,100\n30,050",
    "label on the header line": "Deliveries 2025 Q2 2025 Q1\n41,200 38,950\nDeliveries 2024 Q4 2024 Q3\n36,100 30,050",
}


@pytest.mark.parametrize("table", FLATTENED.values(), ids=FLATTENED.keys())
def test_a_table_flattened_into_text_becomes_rows_and_leaves_the_prose(table):
    text = read_text(doc(f"Maker reports results\n\nThe Company announced its results today.\n\n{table}\n\nRevenue rose.\n"))
    (rows,) = text.tables
    cells = [cell for row in rows for cell in row if cell]
    assert [c for c in cells if "Q" in c] == ["2025 Q2", "2025 Q1", "2024 Q4", "2024 Q3"] or \
        [c for c in cells if "Q" in c] == ["2025Q2", "2025Q1", "2024Q4", "2024Q3"]
    assert [c for c in cells if c[0].isdigit() and "," in c] == ["41,200", "38,950", "36,100", "30,050"]
    assert text.paragraphs == ("The Company announced its results today.", "Revenue rose.")


def test_a_fiscal_year_header_in_chinese_heads_a_flattened_table():
    table = "交付量 2024 財年 2024 Q4 2024 Q3\n161,200 41,200 38,950"
    text = read_text(doc(f"某公司公佈業績\n\n該公司今天公佈了全年業績與營運數據。\n\n{table}\n\n總收入較去年增長。\n"))
    assert text.tables == ((("交付量", "2024 财年", "2024 Q4", "2024 Q3"), ("", "161,200", "41,200", "38,950")),)


def test_a_vertical_list_of_periods_and_counts_is_a_table():
    text = read_text(doc("Maker's year\n\nMonthly deliveries:\nJanuary 30,100\nFebruary 28,400\n2月: 13,000\n\nMore.\n"))
    assert text.tables == ((("January", "30,100"), ("February", "28,400"), ("2月", "13,000")),)
    assert text.captions == ("Monthly deliveries:",)


def test_a_markdown_table_inside_a_line_of_prose_is_lifted_out():
    line = ("Summary of the half. Key Data | Indicator | 2025 H1 | 2024 H1 | | :--- | :--- | :--- | | Revenue | 31.50 | 12.40 | "
            "| Net Cash | 1.75 | 0.62 | - Revenue growth was driven by deliveries.")
    text = read_text(doc(line + "\n"))
    assert text.tables == ((("Indicator", "2025 H1", "2024 H1"), ("Revenue", "31.50", "12.40"), ("Net Cash", "1.75", "0.62")),)
    assert "Summary of the half. Key Data" in text.title + text.body and "Revenue growth was driven" in text.body


def test_escaped_html_in_text_is_read_as_the_text_it_shows():
    stored = ("标题\n\n字体:\n\\u003cdiv class=\\\"rich\\\"\\u003e\\u003cp\\u003e记者:张三\\u003c/p\\u003e\\u003cp\\u003e"
              "11月,乘用车零售约200.5万辆。\\u003c/p\\u003e\\u003c!--AD--\\u003e\\u003c/div\\u003e")
    text = read_text(doc(stored))
    assert "11月,乘用车零售约200.5万辆。" in text.paragraphs
    assert "u003c" not in text.body and "<p>" not in text.body and "AD" not in text.body


def test_traditional_chinese_is_read_in_simplified_script_with_its_original_kept():
    stored = "乘聯(lián)會:11月新能源車零售80.1萬輛\n\n乘聯(lián)會發佈數據顯示,11月新能源乘用車零售80.1萬輛,同比增長10%。\n"
    text = read_text(doc(stored))
    assert (text.language, text.script) == ("zh", "hant")
    assert text.title == "乘联会:11月新能源车零售80.1万辆"
    assert "万辆" in text.body and "(lián)" not in text.body
    assert text.original == stored


# ---------------------------------------------------------------- PDF and JSON

def _pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, "BEIJING, China, April 1, 2025 -- The Company delivered 12,340 vehicles in March 2025.")
    pdf.ln(4)
    with pdf.table(first_row_as_headings=False) as table:
        for cells in (("", "March 2025", "February 2025"), ("Deliveries", "12,340", "10,020")):
            row = table.row()
            for cell in cells:
                row.cell(cell)
    return bytes(pdf.output())


def test_a_pdf_gives_its_text_and_its_tables_apart():
    text = read_text(doc(_pdf(), url="https://filings.example.com/a.pdf"))
    assert text.published_on == date(2025, 4, 1)
    assert any("delivered 12,340 vehicles" in p for p in text.paragraphs)
    assert text.tables == ((("", "March 2025", "February 2025"), ("Deliveries", "12,340", "10,020")),)
    assert "10,020" not in text.body


def test_a_json_post_is_read_from_its_prose_fields():
    post = {"ok": 1, "data": {"id": "5012345678", "created_at": "Tue Dec 02 10:00:00 +0800 2025",
                              "text_raw": "小米汽车11月交付量超过40,000台。\n感谢每一位车主!", "user": {"screen_name": "小米汽车"}}}
    text = read_text(doc(json.dumps(post, ensure_ascii=False)))
    assert text.published_on == date(2025, 12, 2)
    assert text.language == "zh" and any("交付量超过40,000台" in p for p in text.paragraphs)


def test_unknown_json_gives_its_long_strings_as_paragraphs():
    data = [{"k": "short", "story": "The maker said on Monday that it delivered 5,000 vehicles in the month of May."}]
    text = read_text(doc(json.dumps(data)))
    assert text.paragraphs == ("The maker said on Monday that it delivered 5,000 vehicles in the month of May.",)


@pytest.mark.parametrize("content", [b"", b"   \n\n  ", b"<html><body><div></div></body></html>", b'{"id": 1, "ok": true}'],
                         ids=["empty", "blank", "empty page", "json without prose"])
def test_a_document_with_no_text_is_a_parse_error_naming_what_was_expected(content):
    with pytest.raises(ParseError, match="expected readable text"):
        read_text(doc(content))


# ---------------------------------------------------------------- forms of held-out copies (invented figures)

def test_counts_grouped_by_spaces_read_as_comma_grouped_when_the_copy_prints_counts_so():
    story = (" date 2025-06-02 Maker posted its best month yet.\n\n"
             "Sales for May were 312 456 units, up 12% year on year. Of those, passenger cars were 301 200.\n\n"
             "The company opened 2 100 stores in 2025.")
    text = read_text(doc(story))
    assert "312,456 units" in text.body and "were 301,200." in text.body and "2,100 stores in 2025" in text.body
    plain = read_text(doc("Maker posted its best month yet.\n\nIt opened 12 345 stores and 2 100 more in 2025 alone."))
    assert "12 345" in plain.body  # no count of vehicles printed so: the spaces are left alone


def test_a_line_of_numbers_that_reads_as_no_table_is_no_prose():
    release = ("Maker Inc. (\"Maker\" or the \"Company\") today announced its results for the quarter ended June 30, 2025.\n"
               "Total deliveries for the second quarter of 2025 were 45,600 vehicles.\n"
               "Key Financial Results\n"
               "2025 YoY QoQ RMB RMB RMB Gross profit 2,176.9 1,318.5 2,067.0 (1.8)% 14.1% Vehicle sales 10,100.5 9,200.1 11,050.2 (4.7)% 17.0% "
               "Vehicle margin 18.7% 19.8% 19.4% 0.7pts (0.4)pts\n"
               "The Company will hold a call on the results.")
    text = read_text(doc(release))
    assert not any("Gross profit" in p for p in text.paragraphs)
    assert any("45,600" in p for p in text.paragraphs) and any("hold a call" in p for p in text.paragraphs)


def test_page_furniture_is_neither_title_nor_paragraph():
    page = (" date 2025-08-08 + ↺ − 16 px\n\nChina’s car sales rose in July, the association said on Friday.\n\n"
            "Image: Maker\n\nA worker at an assembly line of Maker in Wuhan, April 9, 2025. (Photo: Somewire)\n\n"
            "Deliveries were 12,000 vehicles in the quarter.\n\n图片来源:某网\n\nDon’t miss:")
    text = read_text(doc(page))
    assert text.title == "" and text.published_on == date(2025, 8, 8)
    assert text.paragraphs == ("China’s car sales rose in July, the association said on Friday.",
                               "Deliveries were 12,000 vehicles in the quarter.")
    zh = read_text(doc("(相关资料图)\n每经记者:张三 每经编辑:李四\n某车企6月交付1.2万辆,同比增长20%。\n标签:",
                       url="https://news.example.cn/2023/0629/1.html"))
    assert zh.title == "" and zh.paragraphs == ("某车企6月交付1.2万辆,同比增长20%。",)
    filing = read_text(doc("LOGO\n\nExhibit 99.1\n\nMaker Reports Second Quarter 2025 Unaudited Financial Results\n\n"
                           "Quarterly total revenues were RMB1.2 billion."))
    assert filing.title == "Maker Reports Second Quarter 2025 Unaudited Financial Results"


def test_a_dateline_with_a_comma_after_its_year_and_a_url_month_with_a_hyphen_date_the_text():
    wire = read_text(doc("Maker Reports Results\n\nLondon, November 25, 2025, (Somepress) –– Maker Inc. today announced "
                         "its results for the third quarter ended September 30, 2025."))
    assert wire.published_on == date(2025, 11, 25)
    page = read_text(doc("某车企全年交付突破40万辆,远超年初目标。\n最初,目标为30万辆。",
                         url="https://www.example.com.cn/html/2026-01/1077635.html"))
    assert page.published_on == date(2026, 1, 1)


def test_a_caption_ends_at_a_sentence_with_a_footnote_mark():
    release = ("HANGZHOU, China, Nov. 17, 2025 /PRNewswire/ -- Maker Group (\"Maker Group\" or the \"Company\") announced "
               "its results for the quarter ended September 30, 2025.[1]\n"
               "Operating Highlights for the Third Quarter of 2025\n"
               "- In the third quarter of 2025 the Group delivered 52,870 vehicles in total.\n"
               "Deliveries\n2025 Q3\n2025 Q2\n52,870\n49,360\n")
    text = read_text(doc(release))
    assert text.tables and text.captions[0].startswith("Operating Highlights")


def test_a_masthead_block_gives_its_headline_as_the_title():
    page = ("Maker Posts Record Month as Prices Steady\nJane Doe\nDATE:  Aug 08 2025\n/ SOURCE:  Somewire\n"
            "Maker Posts Record Month as Prices Steady Maker Posts Record Month as Prices Steady\n\n"
            "(Somewire) Aug. 8 -- Maker delivered 12,345 cars in July, a record.\n\nIt plans more models.")
    text = read_text(doc(page))
    assert text.title == "Maker Posts Record Month as Prices Steady"
    assert text.published_on == date(2025, 8, 8)
    assert not any("Record Month" in p for p in text.paragraphs) and text.paragraphs[-1] == "It plans more models."


def test_a_grid_of_months_by_year_one_cell_a_line_is_a_table_and_leaves_the_prose():
    grid = ("Maker Monthly Deliveries 2023-2025\n\nMonth\n2023\n2024\n2025\n\nJanuary\n1,100\n2,200\n3,300\n\n"
            "February\n1,150\n2,250\n\nMarch\n1,300\n2,400\n\n")
    text = read_text(doc(f"Maker's month\n\nThe maker delivered 3,300 vehicles in January.\n\n{grid}The maker said more.\n"))
    (rows,) = text.tables
    assert rows[:3] == (("Month", "2023", "2024", "2025"), ("January", "1,100", "2,200", "3,300"), ("February", "1,150", "2,250"))
    assert text.captions == ("Maker Monthly Deliveries 2023-2025",)
    assert "The maker said more." in text.paragraphs and not any(p.startswith("January") for p in text.paragraphs)


def test_years_that_do_not_follow_each_other_head_no_grid():
    text = read_text(doc("Title\n\nMonth\n2019\n2024\n\nJanuary\n1,100\n2,200\n\nFebruary\n1,150\n2,250\n\nEnd of story.\n"))
    assert not text.tables


def test_a_table_flattened_inside_a_sentence_is_lifted_out_of_it():
    line = ("Highlights for the Quarter 2025Q22025Q12024Q4Total deliveries41,20038,95036,100 Total deliveries were 41,200 "
            "for the second quarter. In 2025 the maker delivered 3 models.")
    text = read_text(doc(f"Maker reports\n\n{line}\n\nMore.\n"))
    assert text.tables == ((("", "2025Q2", "2025Q1", "2024Q4"), ("Total deliveries", "41,200", "38,950", "36,100")),)
    assert text.captions == ("Highlights for the Quarter",)
    assert any(p.startswith("Total deliveries were 41,200") for p in text.paragraphs)


def test_one_period_and_a_number_in_a_sentence_are_no_table():
    text = read_text(doc("标题\n\n8 月 1 日上午,某公司宣布:2025 年 7 月汽车交付量突破 30,000 台,同比增长 200%。\n\n其他。\n"))
    assert not text.tables and "突破 30,000 台" in text.body


def test_a_preview_printed_in_numbered_chunks_cut_mid_word_is_one_text_again():
    first = "Maker Reports Results " + "x" * 150 + " over the same period of 2"
    second = "023Quarterly margin was 14.0% " + "y" * 150 + " GUANGZHOU,China,Aug.20,2024(GLOBE NEWSWIRE)-Maker Inc. announced resu"
    third = "lts today."
    text = read_text(doc(f"《某报告》由会员分享。\n1、{first}\n2、{second}\n3、{third}\n"))
    assert any("period of 2023Quarterly margin" in p and "announced results today." in p for p in text.paragraphs)
    assert text.published_on == date(2024, 8, 20)


def test_a_numbered_list_is_no_preview_of_chunks():
    items = "\n".join(f"{n}、第{n}条,销量增长。" for n in range(1, 5))
    text = read_text(doc(f"标题\n\n{items}\n"))
    assert "1、第1条,销量增长。" in text.paragraphs


def test_a_chinese_sentence_broken_after_a_comma_is_one_paragraph():
    text = read_text(doc("标题\n某某汽车、某某集团是5月排名前两位的厂商,\n它们的批发销量分别为1000辆和900辆。\n其他内容。\n"))
    assert "某某汽车、某某集团是5月排名前两位的厂商,它们的批发销量分别为1000辆和900辆。" in text.paragraphs


def test_a_header_one_cell_a_line_over_rows_one_a_line_is_a_table():
    body = "7 月交付量排行榜\n品牌\n交付量\n同比增幅\n核心车型\n甲车 41,200 +26% A1/A2\n乙车 38,950 -12% B 系列\n这款车型上市后销量增长,创下纪录。\n"
    text = read_text(doc("标题\n" + body))
    assert text.tables == ((("品牌", "交付量", "同比增幅", "核心车型"), ("甲车", "41,200", "+26%", "A1/A2"), ("乙车", "38,950", "-12%", "B 系列")),)
    assert "这款车型上市后销量增长,创下纪录。" in text.paragraphs


def test_a_yearless_lead_with_its_time_of_day_takes_the_year_its_sentence_gives():
    text = read_text(doc("8 月 1 日上午,某公司宣布:2025 年 7 月汽车交付量突破 30,000 台。\n其他。\n预计 2027 年投产。\n"))
    assert text.published_on == date(2025, 8, 1)
    assert read_text(doc("11月18日下午,某公司宣布,2024年全年目标提升。\n其他。\n")).published_on is None


def test_an_image_placeholder_in_lenticular_brackets_is_no_title():
    text = read_text(doc("【资料图】\n5月15日,某公司表示销量增长。\n其他内容。\n"))
    assert text.title != "【资料图】" and "【资料图】" not in text.body


def test_a_byline_credit_or_site_name_is_never_the_title():
    byline = read_text(doc("某财经网编译王某 2025-03-14 04:00\n\n最新数据显示，某车企3月交付12,340辆。\n\n其后更多。"))
    assert byline.title == "" and byline.published_on == date(2025, 3, 14)
    credit = read_text(doc("作者|某某\n\n某车企交付量创新高\n\n某车企3月交付12,340辆。\n\n其后更多。"))
    assert credit.title == "某车企交付量创新高"
    site = read_text(doc("Example Daily\nUpdated 4 March 2025 at 19:31 IST\n\nMaker Sales Rise 9.9% in February\n\n"
                         "Maker sold 12,340 cars in February.\n\nMore follows.", url="https://www.exampledaily.com/n/1"))
    assert site.title == "Maker Sales Rise 9.9% in February" and site.published_on == date(2025, 3, 4)


def test_an_undated_text_naming_only_its_own_month_is_dated_after_it():
    text = read_text(doc("乘联会指出,2024 年 3 月乘用车市场的特征如下:\n\n3 月全国乘用车零售 150.1 万辆,较上月增长。\n\n其后更多。"))
    assert text.published_on == date(2024, 4, 1)
    english = read_text(doc("Sales in China – March 2024\n\nRetail sales reached 1.5 million units last month.\n\n"
                            "March was strong."))
    assert english.published_on == date(2024, 4, 1)


def test_an_undated_text_naming_another_yearless_month_stays_undated():
    since = read_text(doc("7月销量创2024年8月以来新高,达12,340辆。\n\n其后更多。"))
    assert since.published_on is None
    other = read_text(doc("某车企4月交付12,340辆,而2024年12月为15,000辆。\n\n其后更多。"))
    assert other.published_on is None
