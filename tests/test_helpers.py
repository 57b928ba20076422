"""Shared reading helpers: exact unit conversion, change words, periods, encodings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.encoding import decode, detect_encoding
from extractors.helpers import entity_id, month_range, previous_month, quarter_of, shift_month, to_units


@given(st.integers(min_value=0, max_value=99_999_999))
def test_wan_with_four_decimals_is_exact(units):
    printed = format(Decimal(units) / Decimal(10_000), ".4f")
    assert to_units(printed, "万") == units


@given(st.integers(min_value=0, max_value=99_999_999))
def test_thousands_separators_are_read(units):
    assert to_units(f"{units:,}") == units


def test_known_conversions():
    assert to_units("226.1", "万") == 2_261_000
    assert to_units("170.6382", "万") == 1_706_382
    assert to_units("40", "k") == 40_000
    with pytest.raises(ValueError, match="whole number"):
        to_units("1.23456", "万")


def test_periods():
    assert previous_month(date(2026, 1, 5)) == "2025-12"
    assert shift_month("2025-03", -12) == "2024-03"
    assert month_range("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert quarter_of("2025-09") == "2025-Q3"


def test_entity_names_map_to_canonical_ids():
    assert entity_id("比亚迪汽车") == "byd"
    assert entity_id("特斯拉中国") == "tesla-china"
    assert entity_id("零跑汽车") == "leapmotor"
    assert entity_id("Li Auto") == "li-auto"
    assert entity_id("no such maker") is None


def test_a_wrong_declared_charset_does_not_win():
    html = "<meta charset='utf-8'><div>全国乘用车市场零售226.1万辆</div>".encode("gbk")
    text, encoding = decode(html)
    assert "全国乘用车市场零售" in text and encoding == "gb18030"


@given(st.text(alphabet="全国乘用车市场零售批发新能源同比增长下降万辆，。0123456789", min_size=8, max_size=200))
def test_gbk_and_utf8_bytes_decode_to_the_same_text(text):
    assert decode(text.encode("utf-8"))[0] == text
    assert decode(text.encode("gbk"), "gbk")[0] == text


def test_undecodable_bytes_raise():
    with pytest.raises(UnicodeDecodeError):
        detect_encoding(bytes(range(128, 256)) * 3 + b"\x00\xff\xfe")
