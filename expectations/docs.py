"""Data Docs that open offline: GX's index page with its tables in the HTML.

GX renders suite and validation pages as plain HTML, but draws the index's
tables (the links to those pages) with JavaScript fetched from a CDN, so a
site opened without network showed an empty index. This view renders the same
index with our `templates/bootstrap_table.j2`, which writes the rows and links
into the page.
"""

from __future__ import annotations

from pathlib import Path

from great_expectations.render.view import DefaultJinjaIndexPageView
from jinja2 import ChoiceLoader, FileSystemLoader

TEMPLATES = Path(__file__).with_name("templates")


class OfflineIndexPageView(DefaultJinjaIndexPageView):
    """The index page view, with our templates looked up before GX's own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.env.loader = ChoiceLoader([FileSystemLoader(str(TEMPLATES)), self.env.loader])


def site_config(base_directory: Path) -> dict:
    """A Data Docs site on the filesystem, indexed by OfflineIndexPageView."""
    return {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(base_directory)},
        "site_index_builder": {
            "class_name": "DefaultSiteIndexBuilder",
            "view": {"module_name": "expectations.docs", "class_name": "OfflineIndexPageView"},
        },
    }
