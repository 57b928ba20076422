"""Zeekr (极氪): delivery and quarterly results releases on ir.zeekr.com.

Until 2024 the listed company's deliveries were the Zeekr brand's; from 2025
"ZEEKR Group" reports Zeekr and Lynk & Co together. The two are kept apart
by what each release names: "the ZEEKR brand delivered …" is the brand
(zeekr), "ZEEKR Group delivered …" and a release defining ("ZEEKR Group" or
the "Company") are the group (zeekr-group). A bare "ZEEKR" could be either,
so it is not taken for one.
"""

from __future__ import annotations

import re

from extractors.newsroom import MONTH_NAMES, NOTIFIED, QUARTER_NAMES, Newsroom, Publication

NEWSROOM = Newsroom(
    name="zeekr",
    publisher="zeekr",
    company=None,
    base_url="https://ir.zeekr.com",
    list_path="news-releases?page={page}",
    layout=NOTIFIED,
    publications=(
        Publication("delivery_results", "final", re.compile(rf"ZEEKR(?: Group)? Announces (?P<month>{MONTH_NAMES}) (?P<year>\d{{4}}) Delivery Results", re.I)),
        Publication("results", "results", re.compile(rf"ZEEKR(?: Group)? Reports Unaudited (?P<quarter>{QUARTER_NAMES}) Quarter(?: and Full Year)? (?P<year>\d{{4}}) Financial Results", re.I)),
    ),
    description="Zeekr and Zeekr Group delivery and quarterly results releases (ir.zeekr.com)",
)
SOURCE = NEWSROOM.source()
