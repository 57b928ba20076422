"""A packaged install, as a user gets it: the wheel built from this tree,
installed (not editable) into a fresh venv, run from a folder that is not the
source tree. It carries the sample archive, so an offline backfill loads and
publishes; a range the archive does not hold fails loudly; Prefect's state
stays inside the data home, with the temporary server's telemetry off."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # end to end: real processes, flows, servers (the slow tier)

ROOT = Path(__file__).resolve().parents[1]


def _clean_env(tmp: Path) -> dict[str, str]:
    """The environment of a new user: no Prefect or ev-deliveries settings, a home of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "EVD_"))}
    env["HOME"] = str(tmp / "user")
    (tmp / "user").mkdir(exist_ok=True)
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv holding the built wheel; its dependencies come from this test venv's site-packages."""
    tmp = tmp_path_factory.mktemp("packaged")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(tmp / "dist"), str(ROOT)],
                   check=True, capture_output=True, timeout=300, cwd=tmp)
    (wheel,) = (tmp / "dist").glob("ev_deliveries-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    return venv


def _run(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(venv / "bin" / "ev-deliveries"), *args], capture_output=True, text=True, timeout=600,
                          cwd=cwd, env=_clean_env(cwd))


def test_the_installed_package_is_the_wheel_not_the_source_tree(installed, tmp_path):
    where = subprocess.run([installed / "bin" / "python", "-c", "import flows, samples; print(flows.__file__); print(samples.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path, env=_clean_env(tmp_path)).stdout.split()
    assert all(path.startswith(str(installed)) for path in where), where


def test_an_installed_offline_backfill_loads_the_bundled_samples(installed, tmp_path):
    home = tmp_path / "evd"
    done = _run(installed, "backfill", "--start", "2025-12", "--end", "2025-12", "--offline", "--home", str(home), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    documents = int(done.stdout.split(": ", 1)[1].split(" documents")[0])
    assert documents > 0 and "published" in done.stdout
    assert (home / "published" / "ev_deliveries.duckdb").is_file()
    # Prefect's database and storage are inside the data home; the user's ~/.prefect is untouched
    assert (home / "prefect" / "prefect.db").is_file()
    assert not (tmp_path / "user" / ".prefect").exists()


def test_an_offline_backfill_of_months_the_archive_lacks_fails_loudly(installed, tmp_path):
    home = tmp_path / "evd"
    done = _run(installed, "backfill", "--start", "2031-01", "--end", "2031-02", "--offline", "--home", str(home), cwd=tmp_path)
    assert done.returncode != 0
    assert "no archived document for 2031-01 to 2031-02" in done.stdout + done.stderr
    assert not (home / "published" / "ev_deliveries.duckdb").exists()


@pytest.mark.parametrize("user_says, expected", [(None, "False"), ("true", "True")])
def test_the_temporary_servers_telemetry_is_off_unless_the_user_turns_it_on(installed, tmp_path, user_says, expected):
    env = _clean_env(tmp_path)
    if user_says:
        env["PREFECT_SERVER_ANALYTICS_ENABLED"] = user_says
    code = (
        "from pathlib import Path; from flows.settings import prefect_defaults; prefect_defaults(Path('evd'));"
        "from prefect.settings import get_current_settings; s = get_current_settings();"
        "print(s.server.analytics_enabled, s.home)"
    )
    out = subprocess.run([installed / "bin" / "python", "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path, env=env)
    analytics, home = out.stdout.split()
    assert analytics == expected and Path(home) == tmp_path / "evd" / "prefect"
