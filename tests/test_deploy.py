"""The deployment `serve` registers, and prefect.yaml, agree on flow and schedule."""

from __future__ import annotations

from pathlib import Path

import yaml

from flows.deploy import CRON, TIMEZONE, monthly_deployment


def test_monthly_deployment_schedule():
    deployment = monthly_deployment()
    assert deployment.name == "monthly"
    assert deployment.flow_name == "monthly_run"
    (schedule,) = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == (CRON, TIMEZONE)


def test_prefect_yaml_declares_the_same_schedule():
    spec = yaml.safe_load((Path(__file__).resolve().parents[1] / "prefect.yaml").read_text(encoding="utf-8"))
    (deployment,) = spec["deployments"]
    assert deployment["entrypoint"] == "flows/pipeline.py:monthly_run"
    (schedule,) = deployment["schedules"]
    assert (schedule["cron"], schedule["timezone"]) == (CRON, TIMEZONE)
