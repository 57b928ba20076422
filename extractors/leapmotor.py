"""Leapmotor (零跑): monthly delivery releases and annual results on ir.leapmotor.com.

The English newsroom lists releases at `en/news?page=N` (from 1), each a
dated `ul.news-list` entry; a release page keeps its prose in
`div.news-content`. Titles: "Leapmotor Announces November 2025 Delivery
Results" and "Leapmotor Announces 2024 Annual Results".
"""

from __future__ import annotations

import re

from extractors.newsroom import MONTH_NAMES, Layout, Newsroom, Publication

LAYOUT = Layout(
    list_item="ul.news-list li",
    list_link="a.news-title[href]",
    list_date="span.news-date",
    pager_link="div.pagination a[href]",
    first_page=1,
)

NEWSROOM = Newsroom(
    name="leapmotor",
    publisher="leapmotor",
    company="leapmotor",
    base_url="https://ir.leapmotor.com",
    list_path="en/news?page={page}",
    layout=LAYOUT,
    publications=(
        Publication("delivery_results", "final", re.compile(rf"Leapmotor Announces (?P<month>{MONTH_NAMES}) (?P<year>\d{{4}}) Delivery Results", re.I)),
        Publication("results", "results", re.compile(r"Leapmotor Announces (?P<year>\d{4}) (?P<annual>Annual) Results", re.I)),
    ),
    description="Leapmotor delivery releases and annual results (ir.leapmotor.com)",
)
SOURCE = NEWSROOM.source()
