"""The three suites as Great Expectations code, run on the batches of checks.py.

Imported only in the validation process (engine.py): importing GX takes
seconds. The batches come as Arrow tables; GX reads them as pandas frames. Every expectation carries its rule's name and severity in its
meta, and its words as its description, so the Data Docs read like the rules.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import great_expectations as gx
import great_expectations.expectations as gxe
import pyarrow as pa
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context.types.base import DataContextConfig, InMemoryStoreBackendDefaults, ProgressBarsConfig
from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier
from great_expectations.expectations.row_conditions import Column

from expectations import Outcome
from expectations.checks import Batches
from expectations.docs import site_config
from expectations.rules import Rule
from extractors.base import METRICS, PERIOD_RE, QUALIFIERS, RELEASES, SCOPES, SEGMENTS
from extractors.helpers import entities
from extractors.registry import SOURCES

FIGURE_KEY = ["publisher", "entity", "metric", "scope", "segment", "period", "document_sha256"]
OFFENDER_COLUMNS = ["subject", "documents"]
RESULT_FORMAT = {"result_format": "COMPLETE", "unexpected_index_column_names": OFFENDER_COLUMNS}
SITE = "ev-deliveries"
RESULTS = "results"  # GX's validation results of every run, as JSON, inside the docs folder


def _expect(kind, name: str, severity: str, says: str, check: str | None = None, **kwargs) -> gxe.Expectation:
    """A GX expectation carrying its rule: name, severity, words and (delivery tables) its check."""
    meta = {"rule": name, "severity": severity, "says": says, "check": check}
    return kind(**kwargs, meta=meta, description=f"[{severity}] {name}: {says}")


def figures_suite(period_years: tuple[int, int]) -> list[gxe.Expectation]:
    """What the parsers produced: types, keys, vocabularies, formats, sane values
    (the ceilings per metric come with the batch, from rules.toml), periods within
    the years of rules.toml `periods`."""
    critical = "critical"
    first, last = period_years
    return [
        _expect(gxe.ExpectColumnValuesToBeInTypeList, "value_is_an_integer", critical, "Values are whole vehicles (integers)",
                column="value", type_list=["int64", "int32", "Int64"]),
        *[
            _expect(gxe.ExpectColumnValuesToBeInTypeList, f"{column}_is_a_number", critical, f"{column} is a number or empty",
                    column=column, type_list=["float64", "Float64"])
            for column in ("yoy_pct", "mom_pct")
        ],
        *[
            _expect(gxe.ExpectColumnValuesToNotBeNull, f"{column}_present", critical, f"Every figure has its {column} (natural key)",
                    column=column)
            for column in FIGURE_KEY
        ],
        *[
            _expect(gxe.ExpectColumnValuesToMatchRegex, f"{column}_not_empty", critical,
                    f"A figure's {column} (natural key) has a letter or digit: an empty one, or one of punctuation only, is a misread",
                    column=column, regex=r"[^\W_]")
            for column in FIGURE_KEY
        ],
        *[
            _expect(gxe.ExpectColumnValuesToBeInSet, f"{column}_known", critical, f"{column} is one of {', '.join(values)}",
                    column=column, value_set=list(values))
            for column, values in (
                ("metric", METRICS), ("scope", SCOPES), ("segment", SEGMENTS), ("qualifier", QUALIFIERS), ("release", RELEASES)
            )
        ],
        _expect(gxe.ExpectColumnValuesToBeInSet, "entity_known", "warning",
                "entity is a canonical id of extractors/entities.csv (a name no alias maps is kept, and reported here)",
                column="entity", value_set=sorted(entities())),
        _expect(gxe.ExpectColumnValuesToBeInSet, "publisher_known", "warning",
                "publisher is one a registered source publishes as, or press",
                column="publisher", value_set=sorted({s.publisher for s in SOURCES.values()} | {"press"})),
        _expect(gxe.ExpectColumnValuesToMatchRegex, "period_format", critical, "period is YYYY-MM, YYYY-Qn, YYYY-H1/H2, YYYY or YYYY-MM-YTD",
                column="period", regex=PERIOD_RE.pattern.replace("(", "(?:")),  # pandas warns on capturing groups
        _expect(gxe.ExpectColumnValuesToBeBetween, "period_within_window", critical,
                f"A figure's period lies between {first}-01 and {last}-12 (rules.toml periods): another year is a misread",
                column="period_year", min_value=first, max_value=last),
        _expect(gxe.ExpectColumnValuesToBeBetween, "value_positive", critical,
                "Every value is above zero (a parse that finds nothing is an error, never a zero)",
                column="value", min_value=0, strict_min=True),
        _expect(gxe.ExpectColumnPairValuesAToBeGreaterThanB, "value_within_its_ceiling", critical,
                "A value is at most its metric's ceiling for its period grain (rules.toml ceilings): more is a unit or parse error",
                column_A="ceiling", column_B="value", or_equal=True, ignore_row_if="either_value_is_missing"),
        *[
            _expect(gxe.ExpectColumnValuesToBeBetween, f"{column}_above_minus_100", critical,
                    f"A reported {column} is above -100% (nothing falls by more than all of it)",
                    column=column, min_value=-100, strict_min=True)
            for column in ("yoy_pct", "mom_pct")
        ],
        _expect(gxe.ExpectCompoundColumnsToBeUnique, "one_value_per_key_per_document", critical,
                "A document states one value per natural key", column_list=FIGURE_KEY),
    ]


def business_suite(business_rules: list[Rule]) -> list[gxe.Expectation]:
    """Each business rule holds its rows' deviation to its tolerance (facts: none)."""
    return [
        _expect(gxe.ExpectColumnValuesToBeBetween, rule.name, rule.severity, rule.says,
                column="deviation", min_value=0, max_value=rule.get("tolerance", 0), row_condition=Column("rule") == rule.name)
        for rule in business_rules
    ]


def _table_expectation(rule: Rule) -> gxe.Expectation:
    only = Column("rule") == rule.name
    if rule["check"] == "unique":
        return _expect(gxe.ExpectColumnValuesToBeUnique, rule.name, rule.severity, rule.says, column="subject", row_condition=only)
    if rule["check"] == "between":
        return _expect(gxe.ExpectColumnValuesToBeBetween, rule.name, rule.severity, rule.says,
                       column="value", min_value=rule["min"], max_value=rule["max"], row_condition=only)
    return _expect(gxe.ExpectColumnValuesToBeInSet, rule.name, rule.severity, rule.says, check="no_gaps",
                   column="present", value_set=[True], row_condition=only)


def tables_suite(table_rules: list[Rule]) -> list[gxe.Expectation]:
    """The marts about to be published, for the rules whose tables exist."""
    return [_table_expectation(rule) for rule in table_rules]


def _plain(value):
    """A JSON-friendly copy of a value GX reports (numpy scalars, containers)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):
        return value.item()
    return value


def _error(result) -> str | None:
    info = result.exception_info or {}
    found = [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
    messages = [i.get("exception_message") for i in found if i.get("raised_exception")]
    return "; ".join(m or "error" for m in messages) or None


def _outcome(suite: str, result) -> Outcome:
    config = result.expectation_config
    details = result.result or {}
    error = _error(result)
    offenders = [
        {"subject": row.get("subject"), "documents": row.get("documents")}
        for row in _plain(details.get("unexpected_index_list") or [])
    ]
    if error:
        observed = f"could not be evaluated: {error}"
    elif "observed_value" in details:
        observed = str(_plain(details["observed_value"]))
    else:
        values = [v for v in _plain(details.get("partial_unexpected_list") or []) if not isinstance(v, bool)]
        sample = ", ".join(str(v) for v in values[:5])
        observed = f"{details.get('unexpected_count', 0)} of {details.get('element_count', 0)} unexpected" + (
            f" ({sample})" if sample else ""
        )
    return Outcome(
        suite=suite,
        expectation=config.meta["rule"],
        expectation_type=config.type,
        severity=config.meta["severity"],
        says=config.meta["says"],
        success=bool(result.success) and not error,
        observed=observed,
        element_count=details.get("element_count"),
        unexpected_count=details.get("unexpected_count"),
        offenders=offenders,
        gaps=config.meta.get("check") == "no_gaps",
        evaluated=not error,
    )


def _swap_in(built: Path, target: Path) -> None:
    """Replace the docs folder by the freshly built one, so it never shows half a site."""
    old = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.old")
    if target.exists():
        target.rename(old)
    built.rename(target)
    shutil.rmtree(old, ignore_errors=True)


class Gate:
    """One validation run: an ephemeral GX context whose Data Docs site is built next to
    the docs folder, from a copy of it, then swapped in. GX's validation results are kept
    under the docs folder (RESULTS), so every earlier run stays listed and browsable."""

    def __init__(self, docs_dir: Path):
        self.docs_dir = docs_dir
        self.built = docs_dir.with_name(f".{docs_dir.name}.{uuid.uuid4().hex[:8]}.new")
        self.run_id: RunIdentifier | None = None
        config = DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
            data_docs_sites={SITE: site_config(self.built)},
            progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
        )
        config.stores[config.validation_results_store_name]["store_backend"] = {
            "class_name": "TupleFilesystemStoreBackend", "base_directory": str(self.built / RESULTS),
        }
        self.context = gx.get_context(mode="ephemeral", project_config=config)

    def validate(self, batches: Batches, load_id: str) -> list[Outcome]:
        """Each suite against its batch, as one GX run named after the load."""
        source = self.context.data_sources.add_pandas("warehouse")
        self.run_id = RunIdentifier(run_name=load_id)
        layers: list[tuple[str, pa.Table, list[gxe.Expectation]]] = [
            ("figures", batches.figures, figures_suite(batches.period_years)),
            ("business_rules", batches.business, business_suite(batches.business_rules)),
            ("delivery_tables", batches.tables, tables_suite(batches.table_rules)),
        ]
        outcomes: list[Outcome] = []
        for name, frame, expectations in layers:
            suite = self.context.suites.add(gx.ExpectationSuite(name=name, expectations=expectations))
            batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("current")
            definition = self.context.validation_definitions.add(gx.ValidationDefinition(name=name, data=batch, suite=suite))
            result = definition.run(
                batch_parameters={"dataframe": frame.to_pandas()}, result_format=RESULT_FORMAT, run_id=self.run_id
            )
            order = {e.meta["rule"]: i for i, e in enumerate(expectations)}
            outcomes += sorted((_outcome(name, r) for r in result.results), key=lambda o: order[o.expectation])
        return outcomes

    def render_docs(self) -> Path:
        """This run's pages (and the suites') added to the Data Docs of the earlier runs,
        the index rebuilt to list them all, swapped into the docs folder."""
        if self.docs_dir.exists():
            shutil.copytree(self.docs_dir, self.built, dirs_exist_ok=True)
        self.docs_dir.parent.mkdir(parents=True, exist_ok=True)
        this_run = [key for key in self.context.validation_results_store.list_keys() if key.run_id == self.run_id]
        suites = [ExpectationSuiteIdentifier(suite.name) for suite in self.context.suites.all()]
        self.context.build_data_docs(site_names=[SITE], resource_identifiers=this_run + suites)
        shutil.rmtree(self.built / "static", ignore_errors=True)  # GX's fonts and images: no page of ours uses them
        _swap_in(self.built, self.docs_dir)
        return self.docs_dir / "index.html"

    def discard(self) -> None:
        """Remove what a run that did not finish left of its site."""
        shutil.rmtree(self.built, ignore_errors=True)


def run(batches: Batches, docs_dir: Path, load_id: str) -> list[Outcome]:
    """Validate each suite's batch, then add this run to the Data Docs in docs_dir."""
    gate = Gate(docs_dir)
    try:
        outcomes = gate.validate(batches, load_id)
        gate.render_docs()
    finally:
        gate.discard()
    return outcomes
