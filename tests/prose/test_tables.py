"""Tables into figures, one layout a test: rows as the format layer hands them over, the values invented."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.prose.model import Context, Statement
from extractors.prose.tables import Surroundings, cell_count, header_period, table_statements

PUBLISHED = date(2025, 10, 20)


@pytest.mark.parametrize("cell, published, period", [
    ("2024 Q3", None, "2024-Q3"), ("Q3 2024", None, "2024-Q3"), ("3Q24", None, "2024-Q3"), ("2024Q4", None, "2024-Q4"),
    ("Sep 2025", None, "2025-09"), ("September 2025", None, "2025-09"), ("2025年9月", None, "2025-09"),
    ("2024年第三季度", None, "2024-Q3"), ("FY2024", None, "2024"), ("2024 财年", None, "2024"), ("2024 財年", None, "2024"), ("2025 H1", None, "2025-H1"), ("2025年上半年", None, "2025-H1"),
    ("1-9月", PUBLISHED, "2025-09-YTD"), ("9月", PUBLISHED, "2025-09"), ("12月", date(2026, 1, 5), "2025-12"),
    ("October", date(2024, 11, 12), "2024-10"), ("Memo", None, None), ("9月", None, None), ("Market Share", None, None),
])
def test_header_cells_name_their_period(cell, published, period):
    assert header_period(cell, published) == period


@pytest.mark.parametrize("cell, count", [
    ("61,234", (61234, "exact")), ("5.6万", (56000, "approx")), ("20.4k", (20400, "approx")), ("20,000+", (20000, "at_least")),
    ("12.7%", None), ("RMB15,310", None), ("37.75", None), ("(1.43)", None), ("", None), ("N/A", None),
])
def test_only_vehicle_counts_are_counts(cell, count):
    assert cell_count(cell) == count


PERIOD_COLUMN_LAYOUTS = {
    "header with a blank label cell": [["", "2025 Q2", "2025 Q1"], ["Deliveries", "41,200", "38,950"]],
    "header without a label cell": [["2025 Q2", "2025 Q1"], ["Deliveries", "41,200", "38,950"]],
    "label in the header row": [["Deliveries", "2025 Q2", "2025 Q1"], ["41,200", "38,950"]],
    "glued cells": [["", "2025Q2", "2025Q1"], ["Total deliveries", "41,200", "38,950"]],
    "Chinese label": [["", "2025 Q2", "2025 Q1"], ["交付量", "41,200", "38,950"]],
    "two header blocks": [["", "2025 Q2"], ["Vehicle deliveries", "41,200"], ["", "2025 Q1"], ["Vehicle deliveries", "38,950"]],
}


@pytest.mark.parametrize("rows", PERIOD_COLUMN_LAYOUTS.values(), ids=PERIOD_COLUMN_LAYOUTS.keys())
def test_a_period_column_table_gives_each_cell_its_columns_period(rows):
    reading = table_statements(rows, Context(PUBLISHED, company="xpeng"))
    assert [(s.entity, s.metric, s.period, s.value, s.qualifier) for s in reading.statements] == [
        ("xpeng", "deliveries", "2025-Q2", 41200, "exact"), ("xpeng", "deliveries", "2025-Q1", 38950, "exact"),
    ]


def test_without_a_company_the_table_is_the_first_maker_the_text_names():
    rows = [["", "2025 Q2"], ["配送", "41,200"]]
    reading = table_statements(rows, Context(PUBLISHED), Surroundings(words="蔚来公司公布第二季度业绩。蔚来品牌与乐道品牌……"))
    assert [(s.entity, s.period, s.value) for s in reading.statements] == [("nio-group", "2025-Q2", 41200)]


def test_a_table_whose_text_names_no_company_is_skipped_with_its_reason():
    reading = table_statements([["", "2025 Q2"], ["Deliveries", "41,200"]], Context(PUBLISHED))
    assert not reading.statements
    assert [(s.number, s.reason) for s in reading.skipped] == [("41,200", "a results table whose text names no company")]


@pytest.mark.parametrize("rows", [
    [["", "2025 Q2", "2025 Q1"], ["Vehicle sales", "16,320", "14,910"]],  # money, in a results table
    [["Indicator", "2025 H1 (RMB billion)", "2024 H1 (RMB billion)"], ["Revenue", "31", "12"], ["Gross Margin", "11.5%", "2.3%"]],
], ids=["vehicle sales revenue", "money table"])
def test_rows_that_count_money_give_no_figures(rows):
    assert not table_statements(rows, Context(PUBLISHED, company="leapmotor")).statements


def test_a_percentage_in_a_deliveries_row_is_skipped_not_read():
    reading = table_statements([["", "2025 Q2", "YoY"], ["Deliveries", "41,200", "12.5%"]], Context(PUBLISHED, company="xpeng"))
    assert [s.value for s in reading.statements] == [41200]
    assert [s.number for s in reading.skipped] == ["12.5%"]


def test_the_last_cell_of_a_row_cut_short_is_skipped():
    rows = [["Deliveries", "2025 Q2", "2025 Q1", "2024 Q4"], ["", "41,200", "36"]]
    reading = table_statements(rows, Context(PUBLISHED, company="xpeng"))
    assert [(s.period, s.value) for s in reading.statements] == [("2025-Q2", 41200)]
    assert [s.number for s in reading.skipped] == ["36"]


RANKING = [
    ["Ranking", "Automaker", "NEV Sales", "Market Share"],
    ["1", "BYD", "300,100", "30.1%"], ["2", "Nio", "25,500", "2.6%"], ["3", "Acme Motors", "9,100", "0.9%"],
]


def test_a_ranking_takes_its_terms_from_the_statements_that_restate_it():
    restated = Statement("byd", "retail", "nev", "2026-02", 300100, "exact", -12.5, "BYD's NEV retail sales …", cites="cpca")
    around = Surroundings(words="CPCA's ranking of NEV retail sales.", statements=(restated,))
    reading = table_statements(RANKING, Context(date(2026, 3, 13)), around)
    assert [(s.entity, s.metric, s.scope, s.period, s.value, s.cites, s.yoy_pct) for s in reading.statements] == [
        ("byd", "retail", "nev", "2026-02", 300100, "cpca", -12.5), ("nio-group", "retail", "nev", "2026-02", 25500, "cpca", None),
    ]
    assert [(s.number, s.reason.split(":")[0]) for s in reading.skipped] == [("9,100", "an automaker the entities list does not name")]


def test_a_ranking_takes_its_period_from_the_paragraph_before_it():
    rows = [["Rank", "Automaker", "NEV Wholesale"], ["1", "BYD", "300,100"], ["2", "Geely", "120,400"]]
    around = Surroundings(words="The China Passenger Car Association (CPCA) released its ranking.",
                          caption="CPCA released its ranking of NEV wholesale by maker for October on Tuesday.")
    reading = table_statements(rows, Context(date(2024, 11, 12)), around)
    assert {(s.entity, s.metric, s.scope, s.period, s.cites) for s in reading.statements} == {
        ("byd", "wholesale", "nev", "2024-10", "cpca"), ("geely", "wholesale", "nev", "2024-10", "cpca"),
    }


def test_a_ranking_borrows_no_period_from_a_story_that_does_not_restate_it():
    rows = [["Brand", "Sales Milestone", "Target"], ["Leapmotor", "400,000 units", "1 million units"], ["BYD", "3 million+ units", "-"]]
    said = (Statement("leapmotor", "sales", "all", "2025-11", 433333, "exact", None, "By November 2025 it had sold 433,333."),)
    around = Surroundings("By November 2025 it had sold 433,333.", said, caption="Market Positioning")
    reading = table_statements(rows, Context(None), around)
    assert not reading.statements
    assert {s.reason for s in reading.skipped} == {"a ranking whose header and text name no metric or period"}


def test_a_statement_of_another_maker_or_measure_sharing_a_value_restates_no_row():
    rows = [["Rank", "Automaker", "Sales"], ["1", "BYD", "300,100"], ["2", "Geely", "120,400"]]
    other_maker = Statement("xpeng", "sales", "all", "2025-10", 300100, "exact", None, "XPeng sold 300,100 …")
    target = Statement("byd", "target", "all", "2025", 300100, "exact", None, "BYD aims at 300,100 …")
    for said in (other_maker, target):
        reading = table_statements(rows, Context(None), Surroundings("A ranking.", (said,)))
        assert not reading.statements, said


def test_a_chinese_ranking_names_its_period_in_the_header():
    rows = [["排名", "厂商", "2025年9月批发销量", "同比增长"], ["1", "比亚迪", "300,100", "-5.0%"], ["2", "吉利汽车", "120,400", "30.2%"]]
    reading = table_statements(rows, Context(PUBLISHED))
    assert [(s.entity, s.metric, s.period, s.value) for s in reading.statements] == [
        ("byd", "wholesale", "2025-09", 300100), ("geely", "wholesale", "2025-09", 120400),
    ]


def test_a_ranking_with_no_period_anywhere_is_skipped():
    reading = table_statements(RANKING[:2], Context(PUBLISHED))
    assert not reading.statements
    assert [s.reason for s in reading.skipped] == ["a ranking whose header and text name no metric or period"]


def test_a_vertical_list_of_months_takes_its_metric_from_the_words_before_it():
    rows = [["January", "30,100"], ["February", "28,400"], ["March", "1.2%"]]
    reading = table_statements(rows, Context(date(2025, 4, 1), company="leapmotor"), Surroundings(caption="Monthly deliveries:"))
    assert [(s.entity, s.metric, s.period, s.value) for s in reading.statements] == [
        ("leapmotor", "deliveries", "2025-01", 30100), ("leapmotor", "deliveries", "2025-02", 28400),
    ]
    assert [s.number for s in reading.skipped] == ["1.2%"]


def test_a_vertical_list_naming_no_metric_is_skipped():
    reading = table_statements([["1月", "30,100"], ["2月", "28,400"]], Context(date(2025, 4, 1), company="leapmotor"))
    assert not reading.statements and len(reading.skipped) == 2


def test_a_grid_of_months_by_year_gives_each_cell_its_rows_month_in_its_columns_year():
    rows = [["Month", "2024", "2025"], ["January", "1,100", "2,200"], ["February", "1,150"], ["March", "1,300"],
            ["Maker monthly deliveries", "2024", "2025"]]
    reading = table_statements(rows, Context(None), Surroundings(words="Xpeng said so.", caption="Xpeng Monthly Deliveries 2024-2025"))
    assert [(s.entity, s.metric, s.period, s.value) for s in reading.statements] == [
        ("xpeng", "deliveries", "2024-01", 1100), ("xpeng", "deliveries", "2025-01", 2200),
        ("xpeng", "deliveries", "2024-02", 1150), ("xpeng", "deliveries", "2024-03", 1300),
    ]


def test_the_last_row_of_a_grid_shorter_than_the_one_before_may_be_cut_and_is_skipped():
    rows = [["Month", "2024", "2025"], ["January", "1,100", "2,200"], ["February", "1,150", "2,250"], ["March", "1,300"]]
    reading = table_statements(rows, Context(None, company="xpeng"), Surroundings(caption="Monthly deliveries"))
    assert [s.period for s in reading.statements] == ["2024-01", "2025-01", "2024-02", "2025-02"]
    assert [s.number for s in reading.skipped] == ["1,300"]


def test_a_grid_of_months_naming_no_metric_is_skipped():
    rows = [["Month", "2024", "2025"], ["January", "1,100", "2,200"], ["February", "1,150", "2,250"]]
    reading = table_statements(rows, Context(None, company="nio-group"), Surroundings(caption="Nio 2024-2025"))
    assert not reading.statements and len(reading.skipped) == 4
