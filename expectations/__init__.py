"""The validation gate. Suites live beside this module, one per layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ValidationReport:
    critical_failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def validate(conn, docs_dir: Path, load_id: str) -> ValidationReport:
    """Run every suite against the warehouse behind `conn`."""
    return ValidationReport()
