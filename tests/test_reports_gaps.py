"""``plan gaps`` on the synthetic progress fixture, before, during and after the plan.

Expected values are worked out by hand from tests/fixtures/progress/indicators.yaml.
Trajectories run on period ends: baseline 2022 -> 2023.0, target 2025 -> 2026.0,
an actual for 2023 -> 2024.0 (a third of the way), 2024Q1 -> 2024.25.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import TESTS

PROGRESS = TESTS / "fixtures" / "progress"
BEFORE, MID, AFTER = "2022-11-15", "2024-05-15", "2026-03-01"


def gaps_json(run_plan, as_of: str, *extra: str) -> dict:
    result = run_plan("gaps", "--data", PROGRESS, "--as-of", as_of, "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def by_id(data: dict) -> dict[str, dict]:
    return {row["id"]: row for row in data["indicators"]}


def test_before_the_period_nothing_is_known(run_plan):
    # 2022-11-15: the earliest actual is for 2023 (ends 2023-12-31): every indicator has no data.
    data = gaps_json(run_plan, BEFORE)
    assert data["version"] == 1 and data["report"] == "gaps" and data["final"] is False
    rows = by_id(data)
    assert len(rows) == 9
    assert {r["status"] for r in rows.values()} == {"no_data"}
    # Same status: ordered by id.
    assert [r["id"] for r in data["indicators"]] == sorted(rows)
    assert rows["patents"]["missing"] == ["baseline", "actual"]
    assert rows["platforms"]["missing"] == ["actual"]
    # cumulative: no baseline needed (0 at 2022); annual growth: none either.
    assert rows["bases"]["missing"] == ["actual"] and rows["retail"]["missing"] == ["actual"]


def test_mid_period_statuses_and_order(run_plan):
    data = gaps_json(run_plan, MID)
    order = [r["id"] for r in data["indicators"]]
    # worst first: off_track, at_risk, no_baseline, no_data, on_track..., met.
    # on_track sorted by share behind the trajectory, largest first:
    #   bases -0.5/6 = -8.33%, rd -0.05/0.6 = -8.33% (tie -> id), rank -0.333/2 = -16.7%,
    #   retail (5-6)/5 = -20%.
    assert order == ["energy", "share", "patents", "platforms", "bases", "rd", "rank", "retail",
                     "labs"]
    statuses = {r["id"]: r["status"] for r in data["indicators"]}
    assert statuses == {"energy": "off_track", "share": "at_risk", "patents": "no_baseline",
                        "platforms": "no_data", "bases": "on_track", "rd": "on_track",
                        "rank": "on_track", "retail": "on_track", "labs": "met"}


def test_mid_period_numbers(run_plan):
    rows = by_id(gaps_json(run_plan, MID))
    rd = rows["rd"]
    # rd: baseline 2.2 (2022), goal 2.8, 2023 actual 2.45; expected 2.2 + 0.6/3 = 2.4;
    # gap to target 2.8 - 2.45 = 0.35 = 58.3% of the 0.6 span; behind = 0.2 - 0.25 = -0.05.
    assert rd["latest"] == {"period": "2023", "value": 2.45}
    assert rd["expected"] == pytest.approx(2.4)
    assert rd["gap_to_target"] == pytest.approx(0.35)
    assert rd["gap_to_target_share"] == pytest.approx(0.35 / 0.6)
    assert rd["gap_to_trajectory"] == pytest.approx(-0.05)
    assert rd["target"] == {"op": "about", "value": 2.8, "period": "2025",
                            "wording": "达到2.8%左右", "goal": 2.8}
    share = rows["share"]
    # share: 30 -> 40; expected 30 + 10/3 = 33.33; achieved 2.9 >= 0.8 * 3.33 = 2.67: at risk.
    assert share["expected"] == pytest.approx(100 / 3)
    assert share["gap_to_trajectory"] == pytest.approx(10 / 3 - 2.9)
    assert share["gap_to_trajectory_share"] == pytest.approx((10 / 3 - 2.9) / 10)
    energy = rows["energy"]
    # energy (lower is better): 0.8 -> 0.5; expected 0.7; achieved 0.02 < 0.8 * 0.1: off track;
    # behind 0.1 - 0.02 = 0.08 = 26.7% of the 0.3 span; short of target 0.78 - 0.5 = 0.28.
    assert energy["expected"] == pytest.approx(0.7)
    assert energy["gap_to_trajectory"] == pytest.approx(0.08)
    assert energy["gap_to_trajectory_share"] == pytest.approx(0.08 / 0.3)
    assert energy["gap_to_target"] == pytest.approx(0.28)
    bases = rows["bases"]
    # cumulative: baseline 0 at 2022; latest 2024Q1 = 3 at 2024.25 -> 1.25/3 of the way:
    # expected 6 * 1.25 / 3 = 2.5.
    assert bases["baseline"] == {"period": "2022", "value": 0.0}
    assert bases["latest"] == {"period": "2024Q1", "value": 3}
    assert bases["expected"] == pytest.approx(2.5)
    retail = rows["retail"]
    # annual growth: only 2023 is known (6.0%): its average is 6.0 >= 5 * 0.98.
    assert retail["latest"]["value"] == pytest.approx(6.0) and retail["growth_since"] == 2023
    assert rows["patents"]["target"]["goal"] is None  # 2 x an unknown baseline
    assert rows["patents"]["missing"] == ["baseline"]


def test_after_the_period_final_evaluation(run_plan):
    data = gaps_json(run_plan, AFTER)
    assert data["final"] is True
    rows = by_id(data)
    statuses = {i: r["status"] for i, r in rows.items()}
    # Only 2025 actuals count: labs 13.5 >= 12.74 met; rd 2.7 < 2.744 missed; share 38 < 40
    # missed; bases 5 < 6 missed; rank 1 <= 1 met; energy, patents: no 2025 actual, so a
    # provisional verdict: energy's trend 0.8 (2022) -> 0.78 (2023) reaches 0.74 by the end of
    # 2025, above 0.5: likely missed; patents have no baseline for 翻番: cannot tell.
    assert statuses == {"labs": "met", "rd": "missed", "share": "missed", "bases": "missed",
                        "rank": "met", "energy": "likely_missed", "patents": "cannot_tell",
                        "platforms": "no_data", "retail": "met"}
    # retail: compound average of 6.0, 5.0, 4.5 = (1.06*1.05*1.045)^(1/3) - 1 = 5.1647%, shown 5.16;
    # gap 5 - 5.1647 = -0.16, -0.1647 / 5 = -3.3%.
    assert rows["retail"]["latest"]["value"] == pytest.approx(
        ((1.06 * 1.05 * 1.045) ** (1 / 3) - 1) * 100, abs=1e-4)
    assert rows["retail"]["growth_since"] == 2023
    assert [r["status"] for r in data["indicators"]][:3] == ["missed"] * 3


def test_table_shows_measure_aware_targets(run_plan):
    # Markdown: one line per row, so no wrapping splits the words.
    result = run_plan("gaps", "--data", PROGRESS, "--as-of", AFTER, "--format", "markdown")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "| 社会消费品零售总额年均增长 (%) | green | met | — | 5.16 (avg 2023–2025) | 5 | " \
        "about 5 a year (2025) | -0.16 (-3.3%) | -0.16 (-3.3%) | 5.16 |" in out
    assert "about 5 a year" in out and "2x baseline" in out and "rank 1" in out
    assert "avg 2023–2025" in out
    assert "patents" in out  # the missing-data list names the id


def test_chinese_table(run_plan):
    result = run_plan("gaps", "--data", PROGRESS, "--as-of", MID, "--lang", "zh",
                      "--format", "markdown")
    assert result.exit_code == 0, result.output
    for words in ("指标与目标的差距", "明显滞后", "有风险", "缺基期值", "年均5左右", "基期的2倍",
                  "排名第一", "缺少的数据"):
        assert words in result.stdout


def test_filters(run_plan):
    # 市工信局 is an alias of 市工业和信息化局: its items link energy (PT-03) and share (KI-01).
    rows = by_id(gaps_json(run_plan, MID, "--department", "市工信局"))
    assert set(rows) == {"energy", "share"}
    rows = by_id(gaps_json(run_plan, MID, "--status", "on_track", "--area", "industry"))
    assert set(rows) == {"bases", "rank", "retail"}
    rows = by_id(gaps_json(run_plan, MID, "--ledger", "指标台账"))
    assert set(rows) == {"share", "retail"}


def test_csv_has_ids_and_missing_data(run_plan):
    import csv
    import io

    result = run_plan("gaps", "--data", PROGRESS, "--as-of", MID, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    head = rows[0]
    assert head[0] == "Id" and head[-3:] == ["Missing data", "Cause", "Corrective action"]
    assert [r[0] for r in rows[1:]] == ["energy", "share", "patents", "platforms", "bases",
                                        "rd", "rank", "retail", "labs"]
    missing = head.index("Missing data")
    assert rows[3][missing] == "baseline" and rows[4][missing] == "actual values"
    assert rows[1][missing] == ""
    assert [r[head.index("Light")] for r in rows[1:3]] == ["red", "yellow"]  # off track, at risk
