"""`plan status` on the synthetic base plan at fixed dates (golden files), and the
numbers behind it worked out by hand."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len

from tests.conftest import BASE_PLAN


@pytest.mark.parametrize("fmt, lang, name", [
    ("table", "en", "status_2024-05-10_en.txt"),
    ("table", "zh", "status_2024-05-10_zh.txt"),
    ("markdown", "zh", "status_2024-05-10_zh.md"),
    ("json", "en", "status_2024-05-10.json"),
])
def test_status_golden(run_plan, golden, monkeypatch, fmt, lang, name):
    monkeypatch.chdir(BASE_PLAN.parent.parent)  # stable relative data path
    result = run_plan("status", "--data", "cases/base", "--as-of", "2024-05-10",
                      "--format", fmt, "--lang", lang)
    assert result.exit_code == 0, result.output
    golden(name, result.stdout)


def test_status_numbers_by_hand(run_plan):
    doc = json.loads(run_plan("status", "--data", BASE_PLAN, "--as-of", "2024-05-10",
                              "--format", "json").stdout)
    assert doc["quarter"] == "2024Q2" and doc["final"] is False
    tasks = doc["ledgers"][0]
    # PT-001: 2023Q2 done, 2023Q4 in progress (before 2024Q2: overdue); PT-002: 2024Q1 planned (overdue)
    assert tasks["entries"] == {"total": 3, "done": 1, "due": 0, "overdue": 2}
    assert (tasks["entered"], tasks["declared"], tasks["assigned"]) == (2, 2, 2)
    areas = {a["id"]: a["indicators"] for a in doc["areas"]}
    # rd-intensity: baseline 2022 2.2 -> 2.8 in 2025; 2023 expects 2.4, actual 2.4: on track.
    # patents: 翻番 of 5, no actual: no data.
    assert areas["innovation"]["on_track"] == 1 and areas["innovation"]["no_data"] == 1
    # retail growth 6% in 2023 >= 5% * 0.98: on track; export bases: no actual.
    assert areas["industry"]["on_track"] == 1 and areas["industry"]["no_data"] == 1


def test_status_after_the_period_is_a_final_evaluation(run_plan):
    doc = json.loads(run_plan("status", "--data", BASE_PLAN, "--as-of", "2026-03-01",
                              "--format", "json").stdout)
    assert doc["final"] is True
    # no 2025 actuals in the base plan: nothing is "on track"; the two indicators with a
    # 2023 value get a provisional verdict, the two without any stay no_data
    final = {"met", "missed", "likely_met", "likely_missed", "cannot_tell", "no_data"}
    assert all(set(a["indicators"]) == final for a in doc["areas"])
    assert sum(a["indicators"]["no_data"] for a in doc["areas"]) == 2
    assert sum(a["indicators"]["likely_met"] for a in doc["areas"]) == 2


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tables_with_chinese_stay_aligned_at_100_columns(run_plan, lang):
    result = run_plan("status", "--as-of", "2024-05-10", "--lang", lang)  # shipped Weihai data
    table_lines = [line for line in result.stdout.splitlines()
                   if line.startswith(" ") and line.strip()]
    widths = {cell_len(line) for line in table_lines}
    assert len(table_lines) > 10
    assert max(widths) <= 100
