"""``plan show ID`` on the synthetic progress fixture."""

from __future__ import annotations

import json

import pytest

from tests.conftest import TESTS

PROGRESS = TESTS / "fixtures" / "progress"
BEFORE, MID, AFTER = "2022-11-15", "2024-05-15", "2026-03-01"


def show_json(run_plan, id_: str, as_of: str) -> dict:
    result = run_plan("show", id_, "--data", PROGRESS, "--as-of", as_of, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["report"] == "show"
    return data["subject"]


@pytest.mark.parametrize("as_of, states, updates", [
    # before the plan: every entry still to come, no update yet
    (BEFORE, ["upcoming"] * 4, []),
    # 2024Q2: two done; the 2024Q2 entry done on 2024-06-25 is still due
    (MID, ["done", "done", "due", "upcoming"], ["2023-06-21", "2024-04-10"]),
    # after: 2024Q4 never done, 2026Q1 - 2024Q4 = 5 quarters late
    (AFTER, ["done", "done", "done", "overdue"], ["2023-06-21", "2024-04-10", "2024-06-26"]),
])
def test_item_schedule_states(run_plan, as_of, states, updates):
    item = show_json(run_plan, "PT-01", as_of)
    assert item["kind"] == "item" and item["owners"]["department"] == "市科技局"
    assert [e["state"] for e in item["schedule"]] == states
    assert [u["date"] for u in item["updates"]] == updates
    assert [i["id"] for i in item["indicators"]] == ["rd", "labs"]


def test_item_done_late_and_quarters_late(run_plan):
    item = show_json(run_plan, "PT-01", AFTER)
    # 2023Q4 done on 2024-02-10: after 2023-12-31, late; 2024Q4 open on 2026-03-01: 5.
    assert [e["done_late"] for e in item["schedule"]] == [False, True, False, False]
    assert item["schedule"][3]["quarters_late"] == 5
    assert item["stale"] is True  # last update 2024-06-26, before 2025-10-01
    assert [i["status"] for i in item["indicators"]] == ["missed", "met"]


def test_indicator_values_and_trajectory(run_plan):
    ind = show_json(run_plan, "rd", MID)
    # baseline 2.2 (2022); 2023: 2.45 against 2.2 + 0.6 / 3 = 2.4; target 2.8 (2025).
    values = [(v["period"], v["value"], v["expected"], v["kind"]) for v in ind["values"]]
    assert values[0] == ("2022", 2.2, 2.2, "baseline")
    assert values[1][:2] == ("2023", 2.45) and values[1][2] == pytest.approx(2.4)
    assert values[2] == ("2025", None, 2.8, "target")
    assert ind["status"] == "on_track" and ind["items"][0]["id"] == "PT-01"


def test_indicator_chart_in_the_table(run_plan):
    result = run_plan("show", "energy", "--data", PROGRESS, "--as-of", MID)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    chart = lines[lines.index("# actual   | trajectory   ! target") + 1:]
    # energy: 0.8 (2022), 0.78 (2023) against 0.7, target 0.5 (2025). Scale: low 0.5,
    # high 0.8, margin (0.8 - 0.5) * 0.1 = 0.03 -> 0.47 … 0.8 over 40 columns:
    # target at (0.5 - 0.47) / 0.33 * 40 = 3.6 -> 4, trajectory 0.7 -> 27.9 -> 28,
    # 0.78 -> 37.6 -> 38 bars (the markers overwrite two of them).
    assert chart[0] == "0.47 … 0.8"
    row_2023 = chart[2]
    assert row_2023.startswith("2023  ")
    bar = row_2023[6:6 + 41]
    assert bar.index("!") == 4 and bar.index("|") == 28
    assert bar.count("#") == 36 and row_2023.endswith("0.78")
    assert chart[3].startswith("2025") and chart[3].endswith("(0.5)")


def test_area_and_ledger(run_plan):
    area = show_json(run_plan, "innovation", MID)
    assert area["kind"] == "area"
    assert [i["id"] for i in area["indicators"]] == ["labs", "rd", "platforms", "patents"]
    assert [i["id"] for i in area["items"]] == ["PT-01", "PT-05"]
    ledger = show_json(run_plan, "key-indicators", MID)
    assert ledger["kind"] == "ledger" and ledger["declared"] == 3
    assert [i["id"] for i in ledger["items"]] == ["KI-01", "KI-02"]


def test_unknown_id_suggests(run_plan):
    result = run_plan("show", "PT-1", "--data", PROGRESS, "--as-of", MID)
    assert result.exit_code == 1
    assert "no item, indicator or area 'PT-1' (did you mean 'PT-01'" in result.stderr
    zh = run_plan("show", "rdd", "--data", PROGRESS, "--as-of", MID, "--lang", "zh")
    assert zh.exit_code == 1 and "没有编号为“rdd”的事项、指标或重点任务" in zh.stderr


def test_item_table_in_chinese(run_plan):
    result = run_plan("show", "PT-02", "--data", PROGRESS, "--as-of", MID, "--lang", "zh")
    assert result.exit_code == 0, result.output
    for words in ("事项 PT-02 — 培育服务出口基地", "推进计划", "逾期", "已取消", "进展记录",
                  "久未更新"):
        assert words in result.stdout
