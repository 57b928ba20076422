"""The deployments: what `serve` registers and prefect.yaml agree on flow and
schedule, and `prefect deploy --all` from prefect.yaml with a real process
worker runs them against a real Prefect server (the test harness)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from flows.deploy import CRON, TIMEZONE, monthly_deployment

pytestmark = pytest.mark.slow  # end to end: real processes, flows, servers (the slow tier)

ROOT = Path(__file__).resolve().parents[1]


def test_monthly_deployment_schedule():
    deployment = monthly_deployment()
    assert deployment.name == "monthly"
    assert deployment.flow_name == "monthly_run"
    (schedule,) = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == (CRON, TIMEZONE)


def test_prefect_yaml_declares_the_same_schedule():
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    (deployment,) = [d for d in spec["deployments"] if d["name"] == "monthly"]
    assert deployment["entrypoint"] == "flows/pipeline.py:monthly_run"
    (schedule,) = deployment["schedules"]
    assert (schedule["cron"], schedule["timezone"]) == (CRON, TIMEZONE)


def _prefect(*args: str, env: dict, timeout: int = 300) -> subprocess.CompletedProcess:
    done = subprocess.run([str(Path(sys.executable).with_name("prefect")), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"prefect {' '.join(args)}: {done.stdout}{done.stderr}"
    return done


def test_prefect_deploy_and_a_process_worker_run_a_backfill_that_completes_and_one_that_fails(prefect_harness, tmp_path):
    from prefect import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL

    env = {k: v for k, v in os.environ.items() if not k.startswith(("EVD_", "PREFECT_"))}
    env["PREFECT_API_URL"] = PREFECT_API_URL.value()
    _prefect("work-pool", "create", "default", "--type", "process", "--overwrite", env=env)
    _prefect("--no-prompt", "deploy", "--all", env=env)
    offline = {"offline": True, "home": str(tmp_path / "evd")}
    good = run_deployment("backfill/backfill", parameters={"start": "2025-12", "end": "2025-12", **offline}, timeout=0)
    empty = run_deployment("backfill/backfill", parameters={"start": "2031-01", "end": "2031-01", **offline}, timeout=0)

    worker = _prefect("worker", "start", "--pool", "default", "--run-once", env=env, timeout=900)

    with get_client(sync_client=True) as client:
        good_state, empty_state = (client.read_flow_run(run.id).state for run in (good, empty))
        logs = "\n".join(log.message for log in client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[good.id, empty.id])), limit=200))
    assert good_state.is_completed(), good_state.message
    assert (tmp_path / "evd" / "published" / "ev_deliveries.duckdb").is_file()
    assert empty_state.is_failed() and "no archived document for 2031-01" in empty_state.message
    assert "Unexpected result for failed state" not in logs + worker.stdout + worker.stderr
