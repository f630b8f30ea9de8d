"""``plan owners`` on the synthetic progress fixture at three dates.

Per department, by hand (entries from tests/fixtures/progress/ledgers/tasks.yaml;
"on time" = done_on on or before the last day of the entry's quarter):

On 2024-05-15 (2024Q2):
* 市科技局 (PT-01, PT-05): 2023Q2 on time; 2023Q4 done 2024-02-10, late; 2024Q2 due
  (done only 2024-06-25); linked rd on_track, labs met, patents no_baseline.
* 市发展改革委 (PT-02, KI-02): 2023Q3 overdue, 2024Q2 due; PT-02 stale.
* 市工业和信息化局 (PT-03, KI-01): 2024Q1 on time; energy off_track (share at_risk).
* unassigned (PT-04): 2024Q2 due, stale.

On 2026-03-01 (2026Q1, final): rd, share, bases missed; energy, patents no data.
* 市科技局: on time 2 (2023Q2, 2024Q2), late 1, overdue 2 (2024Q4, PT-05 2024Q3),
  stale 1 (PT-01), off track 1 (rd).
* 市发展改革委: overdue 2, stale 1, off track 1 (bases).
* 市工业和信息化局: on time 2 (2024Q1, 2025Q4), late 1 (2024Q3 on 2024-10-20),
  behind 2 (share missed, energy likely missed: its trend 0.8 -> 0.78 ends at 0.74 > 0.5).
* unassigned: overdue 1, stale 1.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import TESTS, with_settings

PROGRESS = TESTS / "fixtures" / "progress"
BEFORE, MID, AFTER = "2022-11-15", "2024-05-15", "2026-03-01"
COLUMNS = ("items", "done_on_time", "done_late", "due", "overdue", "stale", "off_track")


def owners_json(run_plan, as_of: str, *extra: str) -> dict:
    result = run_plan("owners", "--data", PROGRESS, "--as-of", as_of, "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def table(rows: list[dict]) -> list[tuple]:
    return [(r["name"], r["items"], r["entries"]["done_on_time"], r["entries"]["done_late"],
             r["entries"]["due"], r["entries"]["overdue"], r["stale_items"],
             len(r["off_track_indicators"])) for r in rows]


def test_before_the_period(run_plan):
    data = owners_json(run_plan, BEFORE)
    assert data["report"] == "owners" and data["version"] == 1
    # all zero: ordered by name (code point order), unassigned last.
    assert table(data["departments"]) == [
        ("市发展改革委", 2, 0, 0, 0, 0, 0, 0), ("市工业和信息化局", 2, 0, 0, 0, 0, 0, 0),
        ("市科技局", 2, 0, 0, 0, 0, 0, 0), (None, 1, 0, 0, 0, 0, 0, 0)]


def test_mid_period(run_plan):
    data = owners_json(run_plan, MID)
    # worst first: overdue, then off-track indicators, stale items, done late.
    assert table(data["departments"]) == [
        ("市发展改革委", 2, 0, 0, 1, 1, 1, 0),
        ("市工业和信息化局", 2, 1, 0, 0, 0, 0, 1),
        (None, 1, 0, 0, 1, 0, 1, 0),
        ("市科技局", 2, 1, 1, 1, 0, 0, 0)]
    # 王副市长: PT-01 + PT-03 + KI-01; 李副市长: PT-02 + KI-02; no leader: PT-04, PT-05.
    assert table(data["leaders"]) == [
        ("李副市长", 2, 0, 0, 1, 1, 1, 0),
        ("王副市长", 3, 2, 1, 1, 0, 0, 1),
        (None, 2, 0, 0, 1, 0, 1, 0)]
    assert data["departments"][1]["off_track_indicators"] == ["energy"]


def test_after_the_period(run_plan):
    data = owners_json(run_plan, AFTER)
    assert table(data["departments"]) == [
        ("市科技局", 2, 2, 1, 0, 2, 1, 1),
        ("市发展改革委", 2, 0, 0, 0, 2, 1, 1),
        (None, 1, 0, 0, 0, 1, 1, 0),
        ("市工业和信息化局", 2, 2, 1, 0, 0, 0, 2)]
    assert data["departments"][0]["off_track_indicators"] == ["rd"]
    # 王副市长: on time 2 + 2, late 1 + 1, overdue 1 (PT-01 2024Q4), behind rd, share, energy.
    assert table(data["leaders"])[2] == ("王副市长", 3, 4, 2, 0, 1, 1, 3)


def ranking(rows: list[dict]) -> dict:
    return {r["name"]: (r["on_time_rate"], r["score"], r["rank"]) for r in rows}


def test_rates_scores_and_ranking_with_the_default_weights(run_plan):
    # score = 100 x rate - 5 x overdue - 2 x stale - 5 x indicators behind (settings.ranking)
    mid = ranking(owners_json(run_plan, MID)["departments"])
    assert mid["市工业和信息化局"] == (1.0, 95.0, 1)       # 1/1; energy off track: 100 - 5
    assert mid["市科技局"] == (0.5, 50.0, 2)               # 1 on time of 2 owed
    assert mid["市发展改革委"] == (0.0, -7.0, 3)           # 0/1; overdue 1, stale 1: -5 - 2
    assert mid[None] == (None, None, None)   # nothing owed yet (PT-04 due now); never ranked
    final = ranking(owners_json(run_plan, AFTER)["departments"])
    assert final["市工业和信息化局"][1:] == (pytest.approx(56.666667), 1)  # 2/3; 2 behind
    assert final["市科技局"] == (0.4, 23.0, 2)    # 2/5; overdue 2, stale 1, behind 1: 40-10-2-5
    assert final["市发展改革委"] == (0.0, -17.0, 3)
    leaders = ranking(owners_json(run_plan, MID)["leaders"])
    assert leaders["王副市长"][2] == 1 and leaders["李副市长"][2] == 2
    # Before anything is due the rate is undefined and scores full marks: all tie at rank 1.
    before = ranking(owners_json(run_plan, BEFORE)["departments"])
    assert before["市科技局"] == (None, 100.0, 1) and before["市发展改革委"][2] == 1


def test_ranking_weights_come_from_plan_yaml(run_plan, tmp_path):
    data = with_settings(PROGRESS, tmp_path, "ranking: {on_time: 10, overdue: 50, stale: 0, "
                         "indicators_behind: 0}")
    result = run_plan("owners", "--data", data, "--as-of", MID, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = ranking(json.loads(result.stdout)["departments"])
    # 工信局 10 x 1 = 10; 科技局 10 x 0.5 = 5; 发改委 0 - 50 = -50
    assert [rows[n][1] for n in ("市工业和信息化局", "市科技局", "市发展改革委")] == [10, 5, -50]


def test_status_filter_keeps_owners_with_such_entries(run_plan):
    data = owners_json(run_plan, MID, "--status", "overdue")
    assert [r["name"] for r in data["departments"]] == ["市发展改革委"]
    data = owners_json(run_plan, AFTER, "--status", "missed", "--leader", "王副市长")
    assert [r["name"] for r in data["leaders"]] == ["王副市长"]
    # Only 王副市长's items count: 科技局 (PT-01), 工信局 (PT-03, KI-01).
    assert [r["name"] for r in data["departments"]] == ["市科技局", "市工业和信息化局"]


def test_table_in_chinese(run_plan):
    result = run_plan("owners", "--data", PROGRESS, "--as-of", MID, "--lang", "zh")
    assert result.exit_code == 0, result.output
    for words in ("责任落实督导表", "按责任部门", "按分管市领导", "按期完成", "逾期未完成",
                  "未落实责任"):
        assert words in result.stdout
