"""Builds the SQL models in `transforms/` and publishes the marts atomically.

Each `transforms/<layer>/<name>.sql` holds one SELECT. Staging, core and marts
become views in the warehouse's schemas of those names (ordered by the
`layer.name` references between them). Seed files (the entities of
`extractors/entities.csv`) are read in place as views `seeds.<name>`, so the
warehouse always sees the seed as it is now. Validating and publishing read a
build instead (`build`, `materialize`): every seed and model computed once, in
order, as a table of the in-memory catalog `build`, so a mart is not computed
again for each query that reads it. A run validates a build and publishes that
same build, so what is published is what passed.
Publishing copies every built mart into a new DuckDB file, then renames it over
the published one, so a reader holding the old file keeps a consistent old
version and never blocks the run. The
published file is written in DuckDB's v1.0.0 storage format (`STORAGE_VERSION`),
whatever duckdb wrote it, so every DuckDB 1.x client and BI driver opens it.

Documentation: a model's leading `--` lines describe it, `-- @column name: text`
lines describe its columns, and `transforms/column_glossary.csv` describes
columns shared by many marts. Every published table and column gets a
`COMMENT ON`; publishing refuses a mart column that nothing describes.
"""

from __future__ import annotations

import csv
import os
import re
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import duckdb

from extractors.helpers import ENTITIES_CSV
from warehouse.processes import Process

TRANSFORMS_DIR = Path(__file__).resolve().parents[1] / "transforms"
GLOSSARY_CSV = TRANSFORMS_DIR / "column_glossary.csv"
LAYERS = ("staging", "core", "marts")
BUILD = "build"  # the in-memory catalog `materialize` fills
BUILT_AS_VIEWS = ("staging",)  # layers a build leaves as views: thin selects over the warehouse, computed where read, not held (as dbt does)
SEEDS = {"entities": ENTITIES_CSV}
# The storage format of the published file: the oldest that holds what the marts use
# (tables, comments), so DuckDB 1.0 and newer clients read it (version number 64 in its header).
STORAGE_VERSION = "v1.0.0"
_REF = re.compile(r"\b(seeds|staging|core|marts)\.([a-z_][a-z0-9_]*)\b")
_COLUMN_DOC = re.compile(r"^--\s*@column\s+([a-z_][a-z0-9_]*)\s*:\s*(.+)$")


@dataclass(frozen=True)
class Model:
    layer: str
    name: str
    sql: str
    description: str
    column_descriptions: dict[str, str]

    @property
    def qualified(self) -> str:
        return f"{self.layer}.{self.name}"

    @property
    def refs(self) -> set[str]:
        return {f"{layer}.{name}" for layer, name in _REF.findall(_strip_comments(self.sql))} - {self.qualified}


def _strip_comments(sql: str) -> str:
    return "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))


def _read_model(layer: str, path: Path) -> Model:
    text = path.read_text(encoding="utf-8")
    description, columns = [], {}
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        column = _COLUMN_DOC.match(line)
        if column:
            columns[column.group(1)] = column.group(2).strip()
        else:
            description.append(line[2:].strip())
    return Model(layer, path.stem, text.strip().rstrip(";"), " ".join(d for d in description if d), columns)


def load_models(seeds: dict[str, Path] | None = None) -> list[Model]:
    """Every model, in an order where each comes after what it references."""
    models = {
        m.qualified: m for layer in LAYERS for m in (_read_model(layer, p) for p in sorted((TRANSFORMS_DIR / layer).glob("*.sql")))
    }
    ordered, placed = [], {f"seeds.{name}" for name in (SEEDS if seeds is None else seeds)}
    pending = sorted(models, key=lambda q: (LAYERS.index(models[q].layer), q))
    while pending:
        ready = [q for q in pending if models[q].refs <= placed]
        if not ready:
            missing = {q: sorted(models[q].refs - placed) for q in pending}
            raise ValueError(f"transforms reference unknown or circular models: {missing}")
        for q in ready:
            ordered.append(models[q])
            placed.add(q)
        pending = [q for q in pending if q not in placed]
    return ordered


def build_views(conn: duckdb.DuckDBPyConnection, seeds: dict[str, Path] | None = None) -> list[Model]:
    """(Re)create every seed and model as a view in the warehouse."""
    return _build(conn, "VIEW", "", seeds)


def materialize(conn: duckdb.DuckDBPyConnection, seeds: dict[str, Path] | None = None) -> list[Model]:
    """The warehouse's views rebuilt (build_views), then every seed and model computed once, in
    order, as a table `build.<layer>.<name>` of a new in-memory catalog (replacing the last build);
    the layers of BUILT_AS_VIEWS stay views there, computed as the models that read them are."""
    build_views(conn, seeds)
    conn.execute(f"DETACH DATABASE IF EXISTS {BUILD}")
    conn.execute(f"ATTACH ':memory:' AS {BUILD}")
    return _build(conn, "TABLE", f"{BUILD}.", seeds)


def discard_build(conn: duckdb.DuckDBPyConnection) -> None:
    """Free the memory of the last build."""
    conn.execute(f"DETACH DATABASE IF EXISTS {BUILD}")


@dataclass(frozen=True)
class Build:
    """The models as `materialize` computed them into the catalog BUILD, or why they could not be."""

    models: list[Model]
    error: str | None = None  # a transform (or a seed) that failed: nothing to publish

    @property
    def marts(self) -> list[Model]:
        return [m for m in self.models if m.layer == "marts"]


@contextmanager
def build(conn: duckdb.DuckDBPyConnection, seeds: dict[str, Path] | None = None) -> Iterator[Build]:
    """Every model materialized for the block (validation reads it, publishing copies it), discarded after;
    a transform (or a seed) that fails is the build's `error`, not an exception."""
    try:
        built = Build(materialize(conn, seeds))
    except (RuntimeError, duckdb.Error) as exc:
        built = Build([], str(exc))
    try:
        yield built
    finally:
        discard_build(conn)


def _build(conn: duckdb.DuckDBPyConnection, kind: str, catalog: str, seeds: dict[str, Path] | None) -> list[Model]:
    """Every seed and model as a VIEW or TABLE in `catalog` (the warehouse's: ''), each model's
    references pointing into the same catalog."""
    seeds = SEEDS if seeds is None else seeds
    models = load_models(seeds)
    for layer in ("seeds", *LAYERS):
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {catalog}{layer}")
    for name, path in seeds.items():
        conn.execute(
            f"CREATE OR REPLACE {kind} {catalog}seeds.{name} AS"
            f" SELECT * FROM read_csv({sql_literal(str(path))}, header = true, all_varchar = true)"
        )
    for model in models:
        body = _REF.sub(lambda ref: f"{catalog}{ref.group(0)}", model.sql) if catalog else model.sql
        made = "VIEW" if model.layer in BUILT_AS_VIEWS else kind
        try:
            conn.execute(f"CREATE OR REPLACE {made} {catalog}{model.qualified} AS {body}")
        except duckdb.Error as exc:
            raise RuntimeError(f"transform {model.layer}/{model.name}.sql failed: {exc}") from exc
    return models


def sql_literal(text: str) -> str:
    """A string as a SQL literal (for paths and comments, which DuckDB takes as literals only)."""
    return "'" + text.replace("'", "''") + "'"


def glossary(path: Path = GLOSSARY_CSV) -> dict[str, str]:
    """Descriptions of columns that several marts share, by column name."""
    with path.open(encoding="utf-8") as fh:
        return {row["column"]: row["description"] for row in csv.DictReader(fh)}


def column_comments(conn: duckdb.DuckDBPyConnection, model: Model, shared: dict[str, str]) -> dict[str, str]:
    """Each column of a built model (`materialize`) with its description: its own, else the glossary's."""
    columns = [row[0] for row in conn.execute(f"DESCRIBE {BUILD}.{model.qualified}").fetchall()]
    stale = sorted(set(model.column_descriptions) - set(columns))
    missing = [c for c in columns if c not in model.column_descriptions and c not in shared]
    if stale or missing or not model.description:
        raise ValueError(
            f"transforms/{model.layer}/{model.name}.sql documentation is incomplete:"
            + (" no description;" if not model.description else "")
            + (f" undocumented columns {missing};" if missing else "")
            + (f" @column lines for absent columns {stale};" if stale else "")
        )
    return {c: model.column_descriptions.get(c) or shared[c] for c in columns}


def _temp_file(published_path: Path) -> Path:
    """Where a publish builds its file before the rename, named after its process:
    `.<stem>.<pid>.<hex>.tmp.duckdb`."""
    return published_path.with_name(f".{published_path.stem}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp.duckdb")


def remove_dead_temp_files(published_path: Path) -> list[Path]:
    """Remove what publishers that died mid-publish (kill -9) left next to the published file:
    the temporary files (and their `.wal`) whose process no longer runs, and those of versions
    that did not name the process (`.<stem>.<hex>.tmp.duckdb`). A live publisher's are left alone."""
    names = re.compile(rf"^\.{re.escape(published_path.stem)}\.(?:(\d+)\.)?[0-9a-f]{{8}}\.tmp\.duckdb(?:\.wal)?$")
    removed = []
    for path in published_path.parent.glob(f".{published_path.stem}.*.tmp.duckdb*"):
        found = names.match(path.name)
        if found and not (found.group(1) and Process(int(found.group(1))).alive()):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _discard(tmp: Path) -> None:
    for path in (tmp, tmp.with_name(tmp.name + ".wal")):
        path.unlink(missing_ok=True)


def publish(conn: duckdb.DuckDBPyConnection, published_path: Path, seeds: dict[str, Path] | None = None) -> dict[str, int]:
    """Build every model and publish the build (`publish_build`); returns row counts."""
    with build(conn, seeds) as built:
        return publish_build(conn, built, published_path)


def publish_build(conn: duckdb.DuckDBPyConnection, built: Build, published_path: Path) -> dict[str, int]:
    """The built marts, documented, into a temporary file renamed over `published_path`; returns row counts.
    First removes the temporary files of publishers that died (remove_dead_temp_files). A failed build
    publishes nothing: RuntimeError with its error."""
    if built.error:
        raise RuntimeError(built.error)
    models = built.marts
    shared = glossary()
    comments = {m.name: column_comments(conn, m, shared) for m in models}
    published_path.parent.mkdir(parents=True, exist_ok=True)
    remove_dead_temp_files(published_path)
    tmp = _temp_file(published_path)
    counts: dict[str, int] = {}
    conn.execute(f"ATTACH {sql_literal(str(tmp))} AS publish_target (STORAGE_VERSION {sql_literal(STORAGE_VERSION)})")
    try:
        for model in models:
            target = f"publish_target.main.{model.name}"
            conn.execute(f"CREATE TABLE {target} AS SELECT * FROM {BUILD}.{model.qualified}")
            conn.execute(f"COMMENT ON TABLE {target} IS {sql_literal(model.description)}")
            for column, text in comments[model.name].items():
                conn.execute(f"COMMENT ON COLUMN {target}.{column} IS {sql_literal(text)}")
            counts[model.name] = conn.execute(f"SELECT count(*) FROM {target}").fetchone()[0]
        conn.execute("CHECKPOINT publish_target")
    except BaseException:
        conn.execute("DETACH publish_target")
        _discard(tmp)
        raise
    conn.execute("DETACH publish_target")
    os.replace(tmp, published_path)
    return counts
