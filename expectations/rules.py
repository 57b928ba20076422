"""The rules table (`rules.toml`), read and checked once per validation.

Rules are data so that adding one is a line: each kind below is evaluated by
one SQL file, which reads the rules of its kind as a table.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

RULES_TOML = Path(__file__).with_name("rules.toml")
SEVERITIES = ("critical", "warning")
KINDS = ("ceilings", "facts", "sums", "changes", "stages", "tables")
SETTINGS = ("periods",)
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_REQUIRED = {
    "facts": ("entity", "metric", "scope", "segment", "period"),
    "sums": ("dimension", "whole", "parts", "tolerance", "publishers"),
    "changes": ("reported", "earlier", "tolerance", "publishers"),
    "stages": ("publisher", "earlier", "later", "tolerance"),
    "tables": ("table", "check", "columns"),
}
_OPTIONAL = {
    "facts": ("min", "max"),
    "tables": ("key", "min", "max", "documents"),
}
_REQUIRED_BY_CHECK = {"between": ("key", "min", "max")}
_CHOICES = {
    ("sums", "dimension"): ("entity", "scope", "period"),
    ("changes", "reported"): ("yoy_pct", "mom_pct"),
    ("changes", "earlier"): ("year", "month"),
    ("tables", "check"): ("unique", "between", "no_gaps"),
}
GRAINS = ("month", "quarter", "year")


@dataclass(frozen=True)
class Rule:
    """One line of rules.toml: its kind, name, severity, words and parameters."""

    kind: str
    name: str
    severity: str
    says: str
    params: dict

    def __getitem__(self, key: str):
        return self.params[key]

    def get(self, key: str, default=None):
        return self.params.get(key, default)


@dataclass(frozen=True)
class Ceiling:
    metric: str
    grain: str
    ceiling: int


@dataclass(frozen=True)
class PeriodWindow:
    """The years a figure's period may lie in: from `first_year` to `years_ahead` after this year."""

    first_year: int
    years_ahead: int

    def years(self, today: date | None = None) -> tuple[int, int]:
        """The first and the last year allowed, for a validation run on `today`."""
        return self.first_year, (today or date.today()).year + self.years_ahead


@dataclass(frozen=True)
class Rules:
    ceilings: list[Ceiling]
    rules: list[Rule]
    periods: PeriodWindow

    def of(self, kind: str) -> list[Rule]:
        return [rule for rule in self.rules if rule.kind == kind]

    def table(self, kind: str) -> list[dict]:
        """The rules of a kind as rows for SQL, lists joined with '|'."""
        optional = dict.fromkeys(_OPTIONAL.get(kind, ()))
        return [
            {"rule": rule.name, **optional, **{k: "|".join(v) if isinstance(v, list) else v for k, v in rule.params.items()}}
            for rule in self.of(kind)
        ]


def _rule(kind: str, entry: dict) -> Rule:
    entry = dict(entry)
    name, severity, says = entry.pop("name", ""), entry.pop("severity", ""), entry.pop("says", "")
    where = f"rules.toml {kind} {name or entry}"
    if not _NAME.match(name):
        raise ValueError(f"{where}: name must be lowercase letters, digits and underscores")
    if severity not in SEVERITIES:
        raise ValueError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    if not says:
        raise ValueError(f"{where}: says what it checks, in words")
    required = _REQUIRED[kind] + (_REQUIRED_BY_CHECK.get(entry.get("check"), ()) if kind == "tables" else ())
    missing = [key for key in required if key not in entry]
    if missing:
        raise ValueError(f"{where}: missing {', '.join(missing)}")
    for (choice_kind, key), allowed in _CHOICES.items():
        if choice_kind == kind and entry[key] not in allowed:
            raise ValueError(f"{where}: {key} must be one of {', '.join(allowed)}")
    unknown = set(entry) - set(required) - set(_OPTIONAL.get(kind, ()))
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    if kind == "facts" and "min" not in entry and "max" not in entry:
        raise ValueError(f"{where}: a fact states a min, a max or both")
    return Rule(kind, name, severity, says, entry)


def load_rules(path: Path = RULES_TOML) -> Rules:
    with path.open("rb") as fh:
        config = tomllib.load(fh)
    unknown = set(config) - set(KINDS) - set(SETTINGS)
    if unknown:
        raise ValueError(f"rules.toml: unknown section(s) {', '.join(sorted(unknown))}")
    ceilings = [
        Ceiling(entry["metric"], grain, entry[grain]) for entry in config.get("ceilings", []) for grain in GRAINS if grain in entry
    ]
    rules = [_rule(kind, entry) for kind in KINDS[1:] for entry in config.get(kind, [])]
    names = [rule.name for rule in rules]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"rules.toml: rule names used twice: {', '.join(duplicates)}")
    return Rules(ceilings, rules, _periods(config.get("periods")))


def _periods(entry: dict | None) -> PeriodWindow:
    keys = ("first_year", "years_ahead")
    if not isinstance(entry, dict) or set(entry) != set(keys) or not all(isinstance(entry[k], int) for k in keys):
        raise ValueError("rules.toml: periods = { first_year = <year>, years_ahead = <years> } states the window of a figure's period")
    return PeriodWindow(**entry)
