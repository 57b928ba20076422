"""The schedule: `monthly_run` on the 10th (flashes and first finals) and the
20th (revisions and late releases) of each month, 09:00 Asia/Shanghai.

`prefect.yaml` declares the same deployment for `prefect deploy`.
"""

from __future__ import annotations

from prefect import serve
from prefect.schedules import Cron

from flows.pipeline import monthly_run

CRON = "0 9 10,20 * *"
TIMEZONE = "Asia/Shanghai"


def monthly_deployment():
    return monthly_run.to_deployment(
        name="monthly",
        schedule=Cron(CRON, timezone=TIMEZONE),
        description="Fetch last month's CPCA and makers' publications, validate, publish.",
        tags=["ev-deliveries"],
    )


def serve_monthly() -> None:
    """Register the deployment with the Prefect API and run its scheduled flow runs here."""
    serve(monthly_deployment())
