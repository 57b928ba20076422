"""The English statement reader, one row per sentence form. Sentences and
figures are invented; they follow the forms releases and news print."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.prose import Context, read_statements

JULY = date(2025, 8, 2)
JANUARY = date(2026, 1, 9)

# (text, published, company) → [(entity, metric, scope, period, value, qualifier, yoy)]
READS = [
    ("Acme news. Zeekr delivered 12,345 vehicles in July, up 20.5 percent from 10,245 a year earlier but down 3.5 percent from 12,793 in June.",
     JULY, None, [("zeekr", "deliveries", "all", "2025-07", 12345, "exact", 20.5), ("zeekr", "deliveries", "all", "2024-07", 10245, "exact", None),
                  ("zeekr", "deliveries", "all", "2025-06", 12793, "exact", None)]),
    ("NIO delivers in July\n\nNio delivered 23,456 vehicles in July. So far this year, the company has delivered 134,567 vehicles, up 12.3 percent year-on-year.",
     JULY, None, [("nio-group", "deliveries", "all", "2025-07", 23456, "exact", None), ("nio-group", "deliveries", "all", "2025-07-YTD", 134567, "exact", 12.3)]),
    ("The NIO brand delivered 17,890 vehicles in July.", JULY, None, [("nio", "deliveries", "all", "2025-07", 17890, "exact", None)]),
    ("Hongmeng Zhixing sold 44,321 cars in July.", JULY, None, [("hima", "sales", "all", "2025-07", 44321, "exact", None)]),
    ("Tesla China sold 61,234 vehicles in July. Tesla delivered 384,122 vehicles in the second quarter.",
     JULY, None, [("tesla-china", "sales", "all", "2025-07", 61234, "exact", None), ("tesla", "deliveries", "all", "2025-Q2", 384122, "exact", None)]),
    ("Tesla's retail sales in China were 40,321 units in July, up 8.2% year-on-year, data from the China Passenger Car Association showed.",
     JULY, None, [("tesla-china", "retail", "all", "2025-07", 40321, "exact", 8.2)]),
    ("China's passenger vehicle retail sales rose 5.6 percent year on year to 1.93 million units in July.",
     JULY, None, [("market", "retail", "all", "2025-07", 1930000, "approx", 5.6)]),
    ("Sales of electric vehicles and plug-in hybrids climbed 12% from a year earlier, accounting for 987,000 of the 1.95 million vehicles sold in July.",
     JULY, None, [("market", "sales", "nev", "2025-07", 987000, "approx", 12.0), ("market", "sales", "all", "2025-07", 1950000, "approx", None)]),
    ("Exports of passenger vehicles soared 21 percent from a year ago to 415,000 units last month.",
     JULY, None, [("market", "exports", "all", "2025-07", 415000, "approx", 21.0)]),
    ("New-energy passenger vehicle wholesale reached 1.12 mln in July, according to the CPCA.",
     JULY, None, [("market", "wholesale", "nev", "2025-07", 1120000, "approx", None)]),
    ("Leapmotor delivered 31,111 vehicles in H1 2025.", JULY, None, [("leapmotor", "deliveries", "all", "2025-H1", 31111, "exact", None)]),
    ("Xpeng delivered 45,678 vehicles in the first half of 2025.", JULY, None, [("xpeng", "deliveries", "all", "2025-H1", 45678, "exact", None)]),
    ("From January through November, BYD sold 3,456,789 vehicles.", JANUARY, None, [("byd", "sales", "all", "2025-11-YTD", 3456789, "exact", None)]),
    ("In the first 11 months of 2025, Li Auto delivered 345,678 vehicles.", JANUARY, None, [("li-auto", "deliveries", "all", "2025-11-YTD", 345678, "exact", None)]),
    ("Li Auto delivered more than 40,000 vehicles in December.", JANUARY, None, [("li-auto", "deliveries", "all", "2025-12", 40000, "at_least", None)]),
    ("Xiaomi delivered nearly 30,000 vehicles in December.", JANUARY, None, [("xiaomi", "deliveries", "all", "2025-12", 30000, "approx", None)]),
    ("Xiaomi delivered 36,400 vehicles in December.", JANUARY, None, [("xiaomi", "deliveries", "all", "2025-12", 36400, "approx", None)]),
    ("Xiaomi raised its full-year 2026 delivery target to over 550,000 units.", JANUARY, None, [("xiaomi", "target", "all", "2026", 550000, "at_least", None)]),
    ("Geely cut its 2026 sales target from 3.5 million to 3.1 million.", JANUARY, None, [("geely", "target", "all", "2026", 3100000, "exact", None)]),
    ("At the end of December, Zeekr's cumulative deliveries since inception stood at 765,432 vehicles.",
     JANUARY, None, [("zeekr", "deliveries_cumulative", "all", "2025-12", 765432, "exact", None)]),
    ("Vehicle deliveries were 87,654 in the fourth quarter of 2025, representing an increase of 15.5% from the fourth quarter of 2024.",
     JANUARY, "nio-group", [("nio-group", "deliveries", "all", "2025-Q4", 87654, "exact", 15.5)]),
    ("BYD sold 321,456 NEVs in December, up 3.4 percent from 310,890 units in the same month last year.",
     JANUARY, None, [("byd", "sales", "nev", "2025-12", 321456, "exact", 3.4), ("byd", "sales", "nev", "2024-12", 310890, "exact", None)]),
    ("Lynk & Co sold 123,456 vehicles in 2025 (+12% YoY).", JANUARY, None, [("lynk-co", "sales", "all", "2025", 123456, "exact", 12.0)]),
]

# (text, published, company, the skip reason's words)
SKIPS = [
    ("Nio expects deliveries to be between 80,000 and 84,000 vehicles in the first quarter.", JANUARY, None, "forecast"),
    ("Retail sales are expected to amount to 1.7 million units in January.", JANUARY, None, "forecast"),
    ("Xiaomi delivered more than 40,000 vehicles in December.", None, None, "publication date"),
    ("Li Auto's orders exceeded 20,000 units in December.", JANUARY, None, "orders"),
    ("Xpeng delivered 12,345 Mona M03 cars in December.", JANUARY, None, "one model"),
    ("BYD sold 98,765 SUVs in December.", JANUARY, None, "body type"),
    ("Li Auto delivered 1,234 vehicles a day in December.", JANUARY, None, "daily"),
    ("2025 Q4 2025 Q3 2025 Q2 Deliveries 98,765 87,654 76,543", JANUARY, "li-auto", "table row"),
    ("Deliveries rose to 20,000 units last month, one analyst said.", JANUARY, None, "no entity"),
]


def rows(reading):
    return [(s.entity, s.metric, s.scope, s.period, s.value, s.qualifier, s.yoy_pct) for s in reading.statements]


@pytest.mark.parametrize("text, published, company, expected", READS)
def test_each_form_reads_its_figures(text, published, company, expected):
    assert rows(read_statements(text, Context(published, company))) == expected


@pytest.mark.parametrize("text, published, company, reason", SKIPS)
def test_what_is_no_figure_is_skipped_with_its_reason(text, published, company, reason):
    reading = read_statements(text, Context(published, company))
    assert reading.statements == []
    assert any(reason in s.reason for s in reading.skipped), [s.reason for s in reading.skipped]


def test_a_story_on_cpca_data_cites_it():
    text = ("China's passenger car sales rose 4.1% in July from a year earlier. Sales hit 1.91 million vehicles in July, "
            "up from 1.83 million a year earlier, according to data from the China Passenger Car Association.")
    reading = read_statements(text, Context(JULY))
    assert [(s.period, s.value, s.yoy_pct, s.cites) for s in reading.statements] == [
        ("2025-07", 1910000, 4.1, "cpca"), ("2024-07", 1830000, None, "cpca"),
    ]


def test_a_subject_carries_from_the_title():
    text = "Zeekr's deliveries slip in July\n\nJuly deliveries dropped to 14,321 units, the company said."
    assert rows(read_statements(text, Context(JULY))) == [("zeekr", "deliveries", "all", "2025-07", 14321, "exact", None)]
