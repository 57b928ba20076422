"""Named SQL: files of `-- name: <name>` blocks, each with a line saying what it does.

`queries/bi.sql` holds what BI tools ask the published file (the benchmark
times them, the tests check their answers against the reference figures, the
README quotes them); `queries/writer.sql` the single writer's statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

BI_SQL = Path(__file__).with_name("queries") / "bi.sql"
_NAME = re.compile(r"^--\s*name:\s*([a-z0-9_]+)\s*$", re.M)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    question: str
    sql: str


def named_queries(path: Path) -> dict[str, NamedQuery]:
    """Every `-- name:` block of the file, in file order."""
    text = path.read_text(encoding="utf-8")
    marks = list(_NAME.finditer(text))
    queries = {}
    for mark, following in zip(marks, marks[1:] + [None]):
        block = text[mark.end() : following.start() if following else len(text)].strip()
        lines = block.splitlines()
        question = lines[0].lstrip("- ").strip() if lines and lines[0].startswith("--") else ""
        sql = "\n".join(line for line in lines if not line.startswith("--")).strip().rstrip(";")
        queries[mark.group(1)] = NamedQuery(mark.group(1), question, sql)
    return queries


def bi_queries() -> dict[str, NamedQuery]:
    return named_queries(BI_SQL)
