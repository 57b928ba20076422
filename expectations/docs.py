"""Data Docs that open offline, keep every run, and say when a suite only warned.

GX renders its pages with Bootstrap, jQuery and Font Awesome from CDNs and its
logo from S3, and draws the index's tables with JavaScript: offline, a page
was unstyled and the index empty. Our views look up `templates/` before GX's
own: a head with our stylesheet and script inlined (`data_docs.css`,
`data_docs.js`: no file to fetch), the project's name in place of the logo,
and the index tables written into the page (`bootstrap_table.j2`).

GX calls a suite "Failed" when any expectation failed; the gate only stops on
a critical one. The page and index renderers below label each suite by its
verdict: passed, passed with warnings (every failure is a warning), failed.

Every run's results are kept (gate.py keeps them under the docs folder), so
the index lists every validation with its run, time and verdict.
"""

from __future__ import annotations

from pathlib import Path

from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier, ValidationResultIdentifier
from great_expectations.render.renderer import SiteIndexPageRenderer, ValidationResultsPageRenderer
from great_expectations.render.renderer.site_builder import DefaultSiteIndexBuilder
from great_expectations.render.view import DefaultJinjaIndexPageView, DefaultJinjaPageView
from jinja2 import ChoiceLoader, FileSystemLoader

TEMPLATES = Path(__file__).with_name("templates")
PASSED, WARNED, FAILED = "Passed", "Passed with warnings", "Failed"
ICONS = {
    PASSED: '<i class="fas fa-check-circle text-success" aria-hidden="true"></i>',
    WARNED: '<i class="fas fa-exclamation-triangle text-warning" aria-hidden="true"></i>',
    FAILED: '<i class="fas fa-times text-danger" aria-hidden="true"></i>',
}


def verdict(result) -> str:
    """A suite's validation result (ExpectationSuiteValidationResult) as the gate reads it."""
    failed = [r for r in result.results if not r.success]
    if not failed:
        return PASSED
    return WARNED if all(r.expectation_config.meta.get("severity") == "warning" for r in failed) else FAILED


class _OurTemplatesFirst:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.env.loader = ChoiceLoader([FileSystemLoader(str(TEMPLATES)), self.env.loader])


class OfflinePageView(_OurTemplatesFirst, DefaultJinjaPageView):
    """Suite and validation pages, with our templates looked up before GX's own."""


class OfflineIndexPageView(_OurTemplatesFirst, DefaultJinjaIndexPageView):
    """The index page, with our templates looked up before GX's own."""


class ValidationPageRenderer(ValidationResultsPageRenderer):
    """GX's validation page, its status line saying the suite's verdict."""

    @classmethod
    def _render_validation_header(cls, validation_results):
        header = super()._render_validation_header(validation_results)
        params = header.subheader.string_template["params"]
        params["success"] = verdict(validation_results)
        params["html_success_icon"] = ICONS[params["success"]]
        return header


class IndexBuilder(DefaultSiteIndexBuilder):
    """GX's index builder, each validation link carrying its suite's verdict."""

    def _add_validations_to_index_links(self, index_links_dict, validation_and_profiling_result_site_keys):
        super()._add_validations_to_index_links(index_links_dict, validation_and_profiling_result_site_keys)
        store = self.data_context.stores[self.source_stores["validations"]]
        for link in index_links_dict.get("validations_links", []):
            if link["validation_success"]:
                link["verdict"] = PASSED
                continue
            suite = ExpectationSuiteIdentifier(link["expectation_suite_name"])
            link["verdict"] = verdict(store.get(ValidationResultIdentifier(suite, link["run_id"], link["batch_identifier"])))


class IndexPageRenderer(SiteIndexPageRenderer):
    """GX's index, each validation listed by its verdict."""

    @classmethod
    def _generate_validation_results_link_table(cls, index_links_dict):
        table = super()._generate_validation_results_link_table(index_links_dict)
        for row, link in zip(table.table_data, index_links_dict["validations_links"], strict=True):
            row["_validation_success_text"] = link["verdict"]
        return table


def site_config(base_directory: Path) -> dict:
    """A Data Docs site on the filesystem, rendered by the views and renderers above."""
    here = {"module_name": "expectations.docs"}
    page = {**here, "class_name": "OfflinePageView"}
    return {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(base_directory)},
        "site_section_builders": {
            "expectations": {"view": page},
            "validations": {"view": page, "renderer": {**here, "class_name": "ValidationPageRenderer"}},
        },
        "site_index_builder": {
            **here,
            "class_name": "IndexBuilder",
            "view": {**here, "class_name": "OfflineIndexPageView"},
            "renderer": {**here, "class_name": "IndexPageRenderer"},
        },
    }
