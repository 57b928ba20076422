"""The run's processes (warehouse/processes.py): large blocks handed back to the system, in the processes a run starts too."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from warehouse.processes import MMAP_THRESHOLD

CHILD_SEES = ("from warehouse.processes import hand_back_large_blocks; hand_back_large_blocks(); import subprocess, sys; "
              "subprocess.run([sys.executable, '-c', 'import os; print(os.environ[\"MALLOC_MMAP_THRESHOLD_\"])'])")


@pytest.mark.parametrize(("environment", "expected"), [(None, str(MMAP_THRESHOLD)), ("33554432", "33554432")])
def test_the_mmap_threshold_reaches_the_processes_a_run_starts_and_a_value_set_is_kept(environment, expected):
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_MMAP_THRESHOLD_"}
    if environment:
        env["MALLOC_MMAP_THRESHOLD_"] = environment
    child = subprocess.run([sys.executable, "-c", CHILD_SEES], env=env, capture_output=True, text=True, check=True)
    assert child.stdout.strip() == expected
