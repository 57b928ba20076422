"""Li Auto (理想): monthly delivery updates and quarterly results on ir.lixiang.com.

Titles: "Li Auto Inc. December 2025 Delivery Update" and "Li Auto Inc.
Announces Unaudited Fourth Quarter and Full Year 2025 Financial Results"; the
results carry an operating table whose "Deliveries" row has a column per
quarter or year.
"""

from __future__ import annotations

import re

from extractors.newsroom import MONTH_NAMES, NOTIFIED, QUARTER_NAMES, Newsroom, Publication

NEWSROOM = Newsroom(
    name="li-auto",
    publisher="li-auto",
    company="li-auto",
    base_url="https://ir.lixiang.com",
    list_path="news-releases?page={page}",
    layout=NOTIFIED,
    publications=(
        Publication("delivery_update", "final", re.compile(rf"Li Auto Inc\. (?P<month>{MONTH_NAMES}) (?P<year>\d{{4}}) Delivery Update", re.I)),
        Publication("results", "results", re.compile(rf"Li Auto Inc\. Announces Unaudited (?P<quarter>{QUARTER_NAMES}) Quarter(?: and Full Year)? (?P<year>\d{{4}}) Financial Results", re.I)),
    ),
    description="Li Auto delivery updates and quarterly results (ir.lixiang.com)",
)
SOURCE = NEWSROOM.source()
