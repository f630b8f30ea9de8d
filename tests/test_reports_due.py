"""``plan due`` on the synthetic progress fixture at three dates.

The fixture's open work (tests/fixtures/progress/ledgers/tasks.yaml), by hand:

* PT-01 (市科技局, 王副市长): 2024Q2 done on 2024-06-25, so open on 2024-05-15;
  2024Q4 planned; updates 2023-06-21, 2024-04-10, 2024-06-26.
* PT-02 (市发展改革委, 李副市长): 2023Q3 delayed, 2024Q2 in progress, 2025Q1 dropped;
  one update, 2023-08-01.
* PT-03 (市工业和信息化局): every entry done (2024Q3 on 2024-10-20, late).
* PT-04 (no owner): 2024Q2 planned; no update.
* PT-05 (市科技局, no leader): 2024Q3 planned; update 2025-11-01.

Stale (stale_after_quarters 1): work due or overdue and no update since the start
of the previous quarter (2024-01-01 on 2024-05-15; 2025-10-01 on 2026-03-01).
"""

from __future__ import annotations

import json

from tests.conftest import TESTS

PROGRESS = TESTS / "fixtures" / "progress"
BEFORE, MID, AFTER = "2022-11-15", "2024-05-15", "2026-03-01"


def due_json(run_plan, as_of: str, *extra: str) -> dict:
    result = run_plan("due", "--data", PROGRESS, "--as-of", as_of, "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def rows(group: dict) -> list[tuple]:
    return [(e["item"], e["quarter"], e["state"], e["quarters_late"], e["stale"])
            for e in group["entries"]]


def test_before_the_period_nothing_is_due(run_plan):
    data = due_json(run_plan, BEFORE)
    assert data["report"] == "due" and data["version"] == 1
    assert data["quarter"] == "2022Q4" and data["groups"] == []


def test_mid_period_by_department(run_plan):
    data = due_json(run_plan, MID)
    assert data["quarter"] == data["current_quarter"] == "2024Q2"
    groups = [(g["key"], g["overdue"]) for g in data["groups"]]
    # 发改委 has the only overdue entry (2023Q3: 2024Q2 - 2023Q3 = 3 quarters late);
    # 科技局 and unassigned have one due entry each: unassigned comes last.
    assert groups == [("市发展改革委", 1), ("市科技局", 0), (None, 0)]
    assert rows(data["groups"][0]) == [("PT-02", "2023Q3", "overdue", 3, True),
                                       ("PT-02", "2024Q2", "due", 0, True)]
    # PT-01's 2024Q2 entry was done only on 2024-06-25; last update 2024-04-10: not stale.
    assert rows(data["groups"][1]) == [("PT-01", "2024Q2", "due", 0, False)]
    assert rows(data["groups"][2]) == [("PT-04", "2024Q2", "due", 0, True)]


def test_mid_period_by_leader_and_ledger(run_plan):
    data = due_json(run_plan, MID, "--by", "leader")
    assert [(g["key"], len(g["entries"])) for g in data["groups"]] == [
        ("李副市长", 2), ("王副市长", 1), (None, 1)]
    data = due_json(run_plan, MID, "--by", "ledger")
    assert [(g["key"], g["name"], len(g["entries"])) for g in data["groups"]] == [
        ("tasks", "任务台账", 4)]


def test_next_quarter(run_plan):
    # --next on 2024-05-15 asks for 2024Q3: PT-03 (done only on 2024-10-20) and PT-05 are
    # due then; PT-02's 2023Q3 is still overdue; entries of 2024Q2 are neither.
    data = due_json(run_plan, MID, "--next")
    assert data["quarter"] == "2024Q3"
    found = sorted((e["item"], e["quarter"], e["state"]) for g in data["groups"]
                   for e in g["entries"])
    assert found == [("PT-02", "2023Q3", "overdue"), ("PT-03", "2024Q3", "due"),
                     ("PT-05", "2024Q3", "due")]


def test_after_the_period_everything_open_is_overdue(run_plan):
    data = due_json(run_plan, AFTER)
    assert data["quarter"] == "2026Q1" and data["final"] is True
    # 2026Q1 - 2023Q3 = 10, - 2024Q2 = 7, - 2024Q3 = 6, - 2024Q4 = 5.
    by_key = {g["key"]: rows(g) for g in data["groups"]}
    assert [g["key"] for g in data["groups"]] == ["市发展改革委", "市科技局", None]
    assert by_key["市发展改革委"] == [("PT-02", "2023Q3", "overdue", 10, True),
                                      ("PT-02", "2024Q2", "overdue", 7, True)]
    # PT-05's update of 2025-11-01 is after 2025-10-01: not stale. PT-01's last is 2024-06-26.
    assert by_key["市科技局"] == [("PT-05", "2024Q3", "overdue", 6, False),
                                  ("PT-01", "2024Q4", "overdue", 5, True)]
    assert by_key[None] == [("PT-04", "2024Q2", "overdue", 7, True)]


def test_quarter_option_and_status_filter(run_plan):
    data = due_json(run_plan, AFTER, "--quarter", "2024Q2", "--status", "overdue",
                    "--department", "市发改委")
    assert data["quarter"] == "2024Q2"
    assert [rows(g) for g in data["groups"]] == [[("PT-02", "2023Q3", "overdue", 10, True),
                                                  ("PT-02", "2024Q2", "overdue", 7, True)]]


def test_table_groups_and_unassigned_in_both_languages(run_plan):
    en = run_plan("due", "--data", PROGRESS, "--as-of", MID)
    assert en.exit_code == 0, en.output
    assert "市发展改革委 — entries: 2, overdue: 1" in en.stdout
    assert "unassigned — entries: 1, overdue: 0" in en.stdout
    zh = run_plan("due", "--data", PROGRESS, "--as-of", MID, "--lang", "zh")
    assert "未落实责任:共1项,逾期0项" in zh.stdout
    assert "久未更新" in zh.stdout and "2024Q2到期及逾期事项" in zh.stdout


def test_bad_quarter_is_a_usage_error(run_plan):
    result = run_plan("due", "--data", PROGRESS, "--quarter", "2024Q5")
    assert result.exit_code == 2
    assert "write it as 2024Q2" in result.stderr
    assert "Traceback" not in result.output
    result = run_plan("due", "--data", PROGRESS, "--quarter", "2024Q2", "--next")
    assert result.exit_code == 2


def test_unassigned_filter(run_plan):
    data = due_json(run_plan, MID, "--department", "未落实")
    assert [(g["key"], rows(g)) for g in data["groups"]] == [
        (None, [("PT-04", "2024Q2", "due", 0, True)])]
    # No leader: PT-04 (due 2024Q2) and PT-05 (nothing due before 2024Q3).
    data = due_json(run_plan, MID, "--leader", "unassigned", "--by", "leader")
    assert [e["item"] for g in data["groups"] for e in g["entries"]] == ["PT-04"]
