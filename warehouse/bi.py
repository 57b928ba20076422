"""The named queries of `queries/bi.sql`: what BI tools ask the published file.

The benchmark times them, the tests check their answers against the
reference figures, and the README quotes them.
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


def bi_queries(path: Path = BI_SQL) -> dict[str, NamedQuery]:
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
