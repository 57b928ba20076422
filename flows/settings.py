"""Where state lives and how to reach each source.

Precedence, lowest to highest: built-in defaults (each source's own base URL),
the settings file (`$EVD_SETTINGS`, else `./ev-deliveries.toml`, else
`$EVD_HOME/settings.toml`), then environment variables
(`EVD_<SOURCE>_BASE_URL`, `EVD_HTTP_<FIELD>`).
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
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_bytes: int = 20 * 1024 * 1024
    retries: int = 4
    backoff_factor: float = 1.0
    backoff_max: float = 60.0
    backoff_jitter: float = 0.5
    task_retries: int = 2  # whole-fetch retries by Prefect, after the HTTP retries
    task_retry_delay: float = 30.0
    user_agent: str = (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/124.0 Safari/537.36"
    )


@dataclass(frozen=True)
class Settings:
    home: Path
    http: HttpSettings = field(default_factory=HttpSettings)
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


def load_settings(home: str | Path | None = None) -> Settings:
    home = Path(home or os.environ.get("EVD_HOME") or "data").resolve()
    config: dict = {}
    path = _settings_file(home)
    if path:
        with path.open("rb") as fh:
            config = tomllib.load(fh)

    http = HttpSettings(**config.get("http", {}))
    env_http = {}
    for f in fields(HttpSettings):
        raw = os.environ.get(f"EVD_HTTP_{f.name.upper()}")
        if raw is not None:
            env_http[f.name] = _coerce(type(getattr(http, f.name)), raw)
    http = replace(http, **env_http)

    base_urls = {name: section["base_url"] for name, section in config.get("sources", {}).items() if "base_url" in section}
    for key, value in os.environ.items():
        if key.startswith("EVD_") and key.endswith("_BASE_URL"):
            base_urls[key[4:-9].lower().replace("_", "-")] = value
    return Settings(home=home, http=http, base_urls=base_urls)
