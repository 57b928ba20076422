"""XPeng (小鹏): monthly delivery results and quarterly results on ir.xiaopeng.com.

Titles: "XPENG Announces Vehicle Delivery Results for December and Full Year
2025" and "XPENG Reports Fourth Quarter and Fiscal Year 2025 Unaudited
Financial Results". Deliveries count every XPENG-made car (MONA included);
overseas deliveries, where stated, are kept as `overseas_sales`.
"""

from __future__ import annotations

import re

from extractors.newsroom import MONTH_NAMES, NOTIFIED, QUARTER_NAMES, Newsroom, Publication

NEWSROOM = Newsroom(
    name="xpeng",
    publisher="xpeng",
    company="xpeng",
    base_url="https://ir.xiaopeng.com",
    list_path="news-releases?page={page}",
    layout=NOTIFIED,
    publications=(
        Publication("delivery_results", "final", re.compile(rf"XPENG Announces Vehicle Delivery Results for (?P<month>{MONTH_NAMES})(?: and Full Year)? (?P<year>\d{{4}})", re.I)),
        Publication("results", "results", re.compile(rf"XPENG Reports (?P<quarter>{QUARTER_NAMES}) Quarter(?: and Fiscal Year)? (?P<year>\d{{4}}) Unaudited Financial Results", re.I)),
    ),
    description="XPeng delivery results and quarterly results (ir.xiaopeng.com)",
)
SOURCE = NEWSROOM.source()
