"""Where state lives and how to reach each source.

Precedence, lowest to highest: built-in defaults (each source's own base URL),
the settings file (`$EVD_SETTINGS`, else `./ev-deliveries.toml`, else
`$EVD_HOME/settings.toml`), then environment variables
(`EVD_<SOURCE>_BASE_URL`, `EVD_HTTP_<FIELD>`, `EVD_RUN_<FIELD>`).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
BUNDLED_ARCHIVE = REPO_ROOT / "samples" / "archive"


@dataclass(frozen=True)
class HttpSettings:
    """How one document is fetched (`flows/fetch.py`, the pipeline's only retry layer)."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0  # waiting for the answer, and between two reads of its body
    max_bytes: int = 20 * 1024 * 1024
    retries: int = 4  # after a connection failure, a timeout, 429 or 5xx
    backoff_factor: float = 1.0  # waits 1, 2, 4, 8 s (times this) between attempts
    backoff_max: float = 60.0
    backoff_jitter: float = 0.5  # plus up to this many seconds at random
    retry_after_max: float = 30.0  # the longest Retry-After waited for; a longer one fails the document at once
    document_deadline: float = 60.0  # every attempt, wait and byte of one document, in seconds
    breaker_failures: int = 3  # attempts in a row a host leaves unanswered before its remaining fetches fail fast
    user_agent: str = (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/124.0 Safari/537.36"
    )


@dataclass(frozen=True)
class RunSettings:
    """Limits of one flow run."""

    budget_per_month: float = 600.0  # seconds of fetching a live run may spend per month it covers


@dataclass(frozen=True)
class Settings:
    home: Path
    http: HttpSettings = field(default_factory=HttpSettings)
    run: RunSettings = field(default_factory=RunSettings)
    base_urls: dict[str, str] = field(default_factory=dict)
    bundled_archive: Path = BUNDLED_ARCHIVE

    @property
    def raw_dir(self) -> Path:
        return self.home / "raw"

    @property
    def warehouse_path(self) -> Path:
        return self.home / "warehouse.duckdb"

    @property
    def published_path(self) -> Path:
        return self.home / "published" / "ev_deliveries.duckdb"

    @property
    def docs_dir(self) -> Path:
        return self.home / "docs"

    def base_url(self, source: str, default: str) -> str:
        return self.base_urls.get(source, default).rstrip("/")


def prefect_defaults(home: Path) -> None:
    """Defaults for Prefect in this process and the temporary server a run starts
    when no API is configured; set before Prefect is imported. Explicit settings win.

    - Prefect's state (its database, result storage, memo store) lives in
      `home/prefect`, unless the user chose a `PREFECT_HOME` or a server
      (`PREFECT_API_URL`); the user's own `~/.prefect/profiles.toml` is still read.
    - No anonymous telemetry from the temporary server, and no shutdown noise:
      the run's own summary says what matters.
    - The temporary server gets 90 s to start (Prefect's 20 s is too short for a
      first start, which creates and migrates its database, on a busy machine).
    """
    if not ({"PREFECT_HOME", "PREFECT_API_URL"} & set(os.environ)):
        prefect_home = Path(home).resolve() / "prefect"
        prefect_home.mkdir(parents=True, exist_ok=True)  # the temporary server does not create its database's folder
        os.environ["PREFECT_HOME"] = str(prefect_home)
        user_profiles = Path.home() / ".prefect" / "profiles.toml"
        if user_profiles.is_file():
            os.environ.setdefault("PREFECT_PROFILES_PATH", str(user_profiles))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")


def _settings_file(home: Path) -> Path | None:
    for candidate in (os.environ.get("EVD_SETTINGS"), "ev-deliveries.toml", home / "settings.toml"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def _coerce(kind, raw):
    return kind(raw) if kind in (int, float) else raw


def _section(cls, config: dict, name: str):
    """A settings section from the file's `[name]` table, then `EVD_<NAME>_<FIELD>` variables."""
    section = cls(**config.get(name, {}))
    env = {}
    for f in fields(cls):
        raw = os.environ.get(f"EVD_{name.upper()}_{f.name.upper()}")
        if raw is not None:
            env[f.name] = _coerce(type(getattr(section, f.name)), raw)
    return replace(section, **env)


def load_settings(home: str | Path | None = None) -> Settings:
    home = Path(home or os.environ.get("EVD_HOME") or "data").resolve()
    config: dict = {}
    path = _settings_file(home)
    if path:
        with path.open("rb") as fh:
            config = tomllib.load(fh)

    base_urls = {name: section["base_url"] for name, section in config.get("sources", {}).items() if "base_url" in section}
    for key, value in os.environ.items():
        if key.startswith("EVD_") and key.endswith("_BASE_URL"):
            base_urls[key[4:-9].lower().replace("_", "-")] = value
    return Settings(home=home, http=_section(HttpSettings, config, "http"), run=_section(RunSettings, config, "run"), base_urls=base_urls)
