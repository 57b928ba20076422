"""What version of the code produced a result: a digest of the files it is made of.

The pipeline records `parser_version()` with every document it parses, and
does not parse a document again while its bytes and this version are the
same. The version is the readers' own code and data (every file of the
`extractors` package), so it changes by itself whenever a change there can
change what a document reads as: no version number to remember to bump. A
change elsewhere (a comment, a test) changes nothing.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

EXTRACTORS = Path(__file__).resolve().parent
SUFFIXES = (".py", ".csv", ".toml", ".json", ".txt")


def code_digest(*roots: Path) -> str:
    """16 hex digits over every code and data file under `roots` (name and bytes), in a fixed order."""
    digest = hashlib.sha256()
    for root in roots:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix in SUFFIXES and "__pycache__" not in p.parts)
        for path in files:
            digest.update(f"{path.relative_to(root.parent)}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def parser_version() -> str:
    """The version of the readers in this process: the digest of the `extractors` package."""
    return code_digest(EXTRACTORS)
