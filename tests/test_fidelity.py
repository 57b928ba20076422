"""The fidelity benchmark scores a folder laid out like the real-document sets: documents and expected.json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import fidelity  # noqa: E402


def _folder(tmp_path: Path, published_figures) -> Path:
    november = published_figures.value("leapmotor", "deliveries", "all", "2025-11", "company")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "story.txt").write_text(
        "URL: https://news.example.com/2025/12/02/leapmotor\nRetrieved-from: stored public copy\n\n"
        f"Leapmotor delivered {november:,} vehicles in November, the company said on Monday.\n", encoding="utf-8")
    (docs / "forecast.txt").write_text(
        "URL: https://news.example.com/2025/12/20/outlook\nRetrieved-from: stored public copy\n\n"
        "Retail sales of passenger cars are expected to reach about 2.3 million units in December, the association forecast.\n",
        encoding="utf-8")
    truth = {
        "story.txt": {"expect": [{"entity": "leapmotor", "metric": "deliveries", "period": "2025-11", "value": november,
                                  "qualifier": "exact"}], "forbid_values": []},
        "forecast.txt": {"expect": [], "forbid_values": [2300000], "must_fail": True},
        "missing.txt": {"expect": [{"entity": "xpeng", "metric": "deliveries", "period": "2025-11", "value": 1, "qualifier": "exact"}]},
    }
    (tmp_path / "expected.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path


def test_scores_found_forecasts_and_missing_documents(tmp_path, published_figures):
    scores = {s.name: s for s in fidelity.score_folder(_folder(tmp_path, published_figures))}
    story, forecast, missing = scores["story.txt"], scores["forecast.txt"], scores["missing.txt"]
    assert (story.found, story.expected, story.wrong, story.qualifier_ok) == (1, 1, 0, 1)
    assert forecast.failed_clearly and forecast.emitted == 0
    assert missing.refused and "no file" in missing.error


def test_a_wrong_value_on_an_expected_key_is_counted(tmp_path, published_figures):
    folder = _folder(tmp_path, published_figures)
    truth = json.loads((folder / "expected.json").read_text())
    truth["story.txt"]["expect"][0]["value"] += 1
    (folder / "expected.json").write_text(json.dumps(truth))
    (story,) = [s for s in fidelity.score_folder(folder) if s.name == "story.txt"]
    assert (story.found, story.wrong) == (0, 1)


def test_the_command_prints_totals(tmp_path, published_figures):
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "fidelity.py"), str(_folder(tmp_path, published_figures))],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "recall           1/2 = 50.0%" in result.stdout and "must_fail        1/1 failed clearly" in result.stdout
