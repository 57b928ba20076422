"""Builds the SQL models in `transforms/` and publishes the marts atomically.

Each `transforms/<layer>/<name>.sql` holds one SELECT. Staging, core and marts
become views in the warehouse's schemas of those names (ordered by the
`layer.name` references between them); publishing copies every mart into a
new DuckDB file, then renames it over the published one, so a reader holding
the old file keeps a consistent old version and never blocks the run.
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

TRANSFORMS_DIR = Path(__file__).resolve().parents[1] / "transforms"
LAYERS = ("staging", "core", "marts")
_REF = re.compile(r"\b(staging|core|marts)\.([a-z_][a-z0-9_]*)\b")
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


def load_models(root: Path = TRANSFORMS_DIR) -> list[Model]:
    """Every model, in an order where each comes after what it references."""
    models = {m.qualified: m for layer in LAYERS for m in (_read_model(layer, p) for p in sorted((root / layer).glob("*.sql")))}
    ordered, placed = [], set()
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


def build_views(conn: duckdb.DuckDBPyConnection, models: list[Model] | None = None) -> list[Model]:
    """(Re)create every model as a view in the warehouse."""
    models = models or load_models()
    for layer in LAYERS:
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {layer}")
    for model in models:
        try:
            conn.execute(f"CREATE OR REPLACE VIEW {model.qualified} AS {model.sql}")
        except duckdb.Error as exc:
            raise RuntimeError(f"transform {model.layer}/{model.name}.sql failed: {exc}") from exc
    return models


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def publish(conn: duckdb.DuckDBPyConnection, published_path: Path) -> dict[str, int]:
    """Materialise every mart into a fresh file and swap it in; returns row counts."""
    models = [m for m in build_views(conn) if m.layer == "marts"]
    published_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = published_path.with_name(f".{published_path.stem}.{uuid.uuid4().hex[:8]}.tmp.duckdb")
    counts: dict[str, int] = {}
    conn.execute(f"ATTACH {_quote(str(tmp))} AS publish_target")
    try:
        for model in models:
            target = f"publish_target.main.{model.name}"
            conn.execute(f"CREATE TABLE {target} AS SELECT * FROM {model.qualified}")
            if model.description:
                conn.execute(f"COMMENT ON TABLE {target} IS {_quote(model.description)}")
            for column, text in model.column_descriptions.items():
                conn.execute(f"COMMENT ON COLUMN {target}.{column} IS {_quote(text)}")
            counts[model.name] = conn.execute(f"SELECT count(*) FROM {target}").fetchone()[0]
        conn.execute("CHECKPOINT publish_target")
    except BaseException:
        conn.execute("DETACH publish_target")
        tmp.unlink(missing_ok=True)
        raise
    conn.execute("DETACH publish_target")
    os.replace(tmp, published_path)
    return counts
