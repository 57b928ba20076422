"""English news articles, written for the samples, quoting figures.csv.

They carry the CSV's third-party counts (Xiaomi's monthly deliveries the
company itself only gave as floors), a target cut the maker announced but
never filed, and the forms news prose takes: a month named in one sentence
and its figure in the next, a quarter's total after the quarter is named,
"k" and 万 amounts, model splits (which are not a maker's figure) and
counts with nothing to tie them to. Laid out as a WordPress news site
(cnevpost.com's URL scheme: `YYYY/MM/DD/slug/`, date archives
`YYYY/MM/page/N/`); one article is plain text. Each is filed under the
month its headline reports, as discovery files it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from extractors.helpers import month_range, parse_month
from extractors.press import BASE_URL, archive_path, headline_month
from samples.writers import Figures, SampleDoc
from samples.writers.pdfs import MONTH_NAMES

SITE = BASE_URL
PAGE_SIZE = 10


@dataclass(frozen=True)
class Story:
    published: date
    slug: str
    headline: str
    paragraphs: list[str]
    plain_text: bool = False


def _value(figures: Figures, entity: str, metric: str, period: str, basis: str) -> int:
    value = figures.value(entity, metric, "all", period, basis)
    if value is None:
        raise KeyError(f"figures.csv has no {entity} {metric} {period} ({basis})")
    return value


def stories(figures: Figures) -> list[Story]:
    third = lambda period: _value(figures, "xiaomi", "deliveries", period, "third-party")  # noqa: E731
    floor = lambda period: _value(figures, "xiaomi", "deliveries", period, "company")  # noqa: E731
    july_note = figures.where(entity="xiaomi", period="2025-07", basis="third-party")[0]["note"]  # "SU7 24,410 + YU7 6,042"
    november_note = figures.where(entity="xiaomi", period="2025-11", basis="third-party")[0]["note"]
    su7_jul, yu7_jul = (part.split()[1] for part in july_note.split(" + "))
    su7_nov, yu7_nov = (part.split()[1] for part in november_note.split(" + "))
    byd_target = _value(figures, "byd", "target", "2025", "company-target")
    xiaomi_target = _value(figures, "xiaomi", "target", "2025", "company-target")
    return [
        Story(date(2024, 10, 2), "xiaomi-september-2024-deliveries", f"Xiaomi delivered {third('2024-09'):,} vehicles in September",
              [f"Xiaomi delivered {third('2024-09'):,} vehicles in September, according to third-party data compiled by industry analysts.",
               f"The company had said on October 1 that its September deliveries exceeded {floor('2024-09'):,} units.",
               "Deliveries across the startups rose by more than 20,000 units from August, a sign of strong demand for smart EVs."]),
        Story(date(2025, 7, 3), "xiaomi-june-2025-deliveries", f"Xiaomi's June deliveries reach {third('2025-06'):,}",
              ["Xiaomi gave no exact figure for June on its official accounts.",
               f"Third-party data show the EV maker handed over {third('2025-06'):,} cars in June, with the SU7 still its only model on the road."]),
        Story(date(2025, 8, 2), "xiaomi-july-2025-deliveries", f"Xiaomi delivered {third('2025-07'):,} vehicles in July",
              [f"Xiaomi delivered {third('2025-07'):,} vehicles in July, {su7_jul} SU7 sedans and {yu7_jul} YU7 SUVs, according to data from industry sources.",
               f"The company itself said it delivered more than {floor('2025-07'):,} vehicles in the month."]),
        Story(date(2025, 9, 2), "xiaomi-august-2025-deliveries", f"Xiaomi handed over {third('2025-08'):,} cars in August",
              [f"BEIJING, September 2, 2025 - Xiaomi handed over {third('2025-08'):,} cars in August, data from industry sources showed on Tuesday.",
               "Its YU7 SUV, launched at the end of June, made up a growing share."], plain_text=True),
        Story(date(2025, 9, 25), "byd-cuts-2025-sales-target", f"BYD cuts 2025 sales target to {byd_target / 1e6:.1f} million",
              [f"BYD has cut its 2025 sales target to {byd_target / 1e6:.1f} million vehicles from 5.5 million, people familiar with the matter said.",
               "The world's largest NEV maker faces a price war at home and growing competition from rivals."]),
        Story(date(2025, 10, 2), "xiaomi-september-2025-deliveries", f"Xiaomi delivered {third('2025-09'):,} vehicles in September",
              [f"Xiaomi delivered {third('2025-09'):,} vehicles in September, according to industry data.",
               f"That brings the EV maker's third-quarter deliveries to {_value(figures, 'xiaomi', 'deliveries', '2025-Q3', 'company-quarterly'):,} units.",
               f"In its own update on October 1 the company said it delivered over {floor('2025-09') // 1000}k cars in September."]),
        Story(date(2025, 11, 3), "xiaomi-october-2025-deliveries", f"Xiaomi handed over {third('2025-10'):,} cars in October",
              ["Xiaomi gave an update on its October sales on Saturday.",
               f"It handed over {third('2025-10'):,} cars, according to retail data from the China Passenger Car Association."]),
        Story(date(2025, 12, 2), "xiaomi-november-2025-deliveries", f"Xiaomi delivered {third('2025-11'):,} vehicles in November",
              [f"Xiaomi delivered {third('2025-11'):,} vehicles in November: {su7_nov} SU7 and {yu7_nov} YU7, data compiled by industry sources show.",
               f"Xiaomi reached its {xiaomi_target // 1000}k delivery target for 2025 in early December, Lei Jun said."]),
        Story(date(2026, 1, 2), "xiaomi-2025-deliveries", "Xiaomi delivered more than 41万 vehicles in 2025",
              [f"Xiaomi said on January 1 that it delivered more than {_value(figures, 'xiaomi', 'deliveries', '2025', 'company') // 10_000}万 vehicles in 2025.",
               f"It also said it delivered more than {floor('2025-12'):,} vehicles in December, a monthly record."]),
    ]


def article_html(story: Story) -> str:
    when = story.published
    body = "\n".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<title>{escape(story.headline)} - CnEVPost</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{escape(story.headline)}">
<meta property="article:published_time" content="{when.isoformat()}T09:30:00+08:00">
</head>
<body class="post-template-default single single-post">
<header class="site-header"><a class="site-title" href="/">CnEVPost</a></header>
<main id="main" class="site-main">
<article class="post type-post status-publish format-standard">
<header class="entry-header"><h1 class="entry-title">{escape(story.headline)}</h1>
<div class="entry-meta"><time class="entry-date published" datetime="{when.isoformat()}T09:30:00+08:00">{MONTH_NAMES[when.month]} {when.day}, {when.year}</time></div></header>
<div class="entry-content">
{body}
</div>
</article>
</main>
<footer class="site-footer">Sample article written for ev-deliveries.</footer>
</body>
</html>
"""


def article_text(story: Story) -> str:
    when = story.published
    return "\n\n".join([story.headline, f"Published: {MONTH_NAMES[when.month]} {when.day}, {when.year}", *story.paragraphs]) + "\n"


def article_url(story: Story) -> str:
    return f"{SITE}/{story.published:%Y/%m/%d}/{story.slug}/" + ("index.txt" if story.plain_text else "")


def archive_html(period: str, items: list[Story], page: int, pages: int) -> str:
    year, mon = parse_month(period)
    entries = "\n".join(
        f"""<article class="post type-post"><h2 class="entry-title"><a href="{article_url(s)}" rel="bookmark">{escape(s.headline)}</a></h2>
<time class="entry-date published" datetime="{s.published.isoformat()}T09:30:00+08:00">{MONTH_NAMES[s.published.month]} {s.published.day}, {s.published.year}</time></article>"""
        for s in items
    )
    pager = " ".join(f'<a class="page-numbers" href="{SITE}/{archive_path(period, n)}">{n}</a>' for n in range(1, pages + 1))
    return f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8"><title>{MONTH_NAMES[mon]} {year} - CnEVPost</title></head>
<body class="archive date"><main id="main" class="site-main"><h1 class="page-title">Month: {MONTH_NAMES[mon]} {year}</h1>
{entries or '<p class="no-results">Nothing found.</p>'}
<nav class="navigation pagination">{pager}</nav>
</main></body></html>
"""


def write(figures: Figures, start: str = "2024-01", end: str = "2026-03") -> list[SampleDoc]:
    docs = []
    all_stories = stories(figures)
    for story in all_stories:
        plain = story.plain_text
        docs.append(SampleDoc(
            url=article_url(story), source="press", kind="article", period=headline_month(story.headline, story.published),
            content=(article_text(story) if plain else article_html(story)).encode("utf-8"),
            content_type="text/plain; charset=utf-8" if plain else "text/html; charset=UTF-8",
            fetched_at=f"{story.published.isoformat()}T06:00:00+00:00", encoding="utf-8", title=story.headline,
        ))
    for period in month_range(start, end):
        year, mon = parse_month(period)
        mine = sorted((s for s in all_stories if (s.published.year, s.published.month) == (year, mon)), key=lambda s: s.published, reverse=True)
        pages = [mine[i : i + PAGE_SIZE] for i in range(0, len(mine), PAGE_SIZE)] or [[]]
        for n, items in enumerate(pages, start=1):
            docs.append(SampleDoc(
                url=f"{SITE}/{archive_path(period, n)}", source="press", kind="list", period="",
                content=archive_html(period, items, n, len(pages)).encode("utf-8"), content_type="text/html; charset=UTF-8",
                fetched_at=f"{year}-{mon:02d}-28T00:00:00+00:00", encoding="utf-8",
            ))
    return docs
