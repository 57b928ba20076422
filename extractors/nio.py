"""NIO Inc. (蔚来): monthly delivery updates and quarterly results on ir.nio.com.

Titles: "NIO Inc. Provides December, Fourth Quarter and Full Year 2025
Delivery Update" and "NIO Inc. Reports Unaudited Second Quarter 2025 Financial
Results". The group's figures (NIO Inc. = NIO + ONVO + firefly) and each
brand's ("9,154 vehicles from its … brand ONVO") are kept apart: a bare "NIO"
is the company, "brand NIO" the brand.
"""

from __future__ import annotations

import re

from extractors.newsroom import MONTH_NAMES, NOTIFIED, QUARTER_NAMES, Newsroom, Publication

NEWSROOM = Newsroom(
    name="nio",
    publisher="nio",
    company="nio-group",
    base_url="https://ir.nio.com",
    list_path="news-events/news-releases?page={page}",
    layout=NOTIFIED,
    publications=(
        Publication("delivery_update", "final", re.compile(rf"NIO Inc\. Provides (?P<month>{MONTH_NAMES})\b.*?(?P<year>\d{{4}}) Delivery Update", re.I)),
        Publication("results", "results", re.compile(rf"NIO Inc\. Reports? Unaudited (?P<quarter>{QUARTER_NAMES}) Quarter(?: and Full Year)? (?P<year>\d{{4}}) Financial Results", re.I)),
    ),
    description="NIO Inc. delivery updates and quarterly results (ir.nio.com)",
)
SOURCE = NEWSROOM.source()
