"""The guard-rail holes of issue 8, each closed in CI (plan check --against) and at
the desk (plan update / plan record refuse what CI would refuse).

Every test here fails on the code before issue 8: the change it makes was
accepted there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.gitrepo import commit, git, make_repo

TODAY = "2024-05-10"  # base committed 2024-04-10: 2023 and 2023Q1–2024Q1 had closed


@pytest.fixture
def repo(tmp_path) -> Path:
    return make_repo(tmp_path / "repo")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _errors(run_plan, repo: Path, against: bool = True) -> list[tuple[str, str, int, int]]:
    extra = ("--against", "main") if against else ()
    result = run_plan("check", "--data", repo / "data", *extra, "--as-of", TODAY,
                      "--format", "json")
    found = json.loads(result.stdout)["diagnostics"]
    return [(d["code"], d["path"].rsplit("/", 1)[-1], d["line"], d["column"]) for d in found
            if d["severity"] == "error"]


# --- an actual of a closed period changes only with a correction ----------------------


def test_rewriting_a_past_actual_by_hand_fails_the_pull_request(repo, run_plan):
    indicators = repo / "data" / "indicators.yaml"
    _replace(indicators, "{period: 2023, value: 2.4, source: synthetic}",
             "{period: 2023, value: 2.55, source: synthetic}")
    commit(repo, "2023 figure", date="2024-04-11")
    # BASE (main) holds 2.55 now
    _replace(indicators, "value: 2.55,", "value: 2.75,")
    assert _errors(run_plan, repo) == [("closed-actual-changed", "indicators.yaml", 12, 31)]
    zh = run_plan("check", "--data", repo / "data", "--against", "main", "--as-of", TODAY,
                  "--lang", "zh")
    assert "rd-intensity:2023 的实际值属于已结束的期间,由 2.55 改为 2.75,但未标注为更正" in zh.stdout
    _replace(indicators, "value: 2.75, source: synthetic}",
             "value: 2.75, source: synthetic, correction: {date: 2024-05-09, reason: 统计公报修订}}")
    assert _errors(run_plan, repo) == []


def test_removing_a_past_actual_fails_the_pull_request(repo, run_plan):
    _replace(repo / "data" / "indicators.yaml",
             "    actuals:\n      - {period: 2023, value: 2.4, source: synthetic}\n",
             "    actuals: []\n")
    assert [e[0] for e in _errors(run_plan, repo)] == ["closed-actual-changed"]


def test_adding_the_actual_of_a_past_period_is_normal_work(repo, run_plan):
    _replace(repo / "data" / "indicators.yaml", "value: 2.4, source: synthetic}",
             "value: 2.4, source: synthetic}\n      - {period: 2024Q1, value: 2.5, source: 季报}")
    assert _errors(run_plan, repo) == []


def test_plan_record_asks_for_a_correction_to_revise_a_closed_period(repo, run_plan):
    data = repo / "data"
    args = ("record", "rd-intensity", "--period", "2023", "--value", "2.75",
            "--source", "统计公报", "--data", data, "--as-of", TODAY)
    refused = run_plan(*args)
    assert refused.exit_code == 1
    assert "error[closed-actual-changed]" in refused.stderr and "--correction" in refused.stderr
    assert git(repo, "status", "--porcelain") == ""
    assert run_plan(*args, "--correction", "统计公报修订").exit_code == 0
    assert _errors(run_plan, repo) == []


# --- the figure in a target's wording is its value; the words decide the measure ---------


def test_a_target_value_that_contradicts_its_wording_fails_even_with_a_revision(repo, run_plan):
    _replace(repo / "data" / "indicators.yaml", "value: 2.8, wording: 达到2.8%左右}",
             "value: 2.6, wording: 达到2.8%左右}\n"
             "    revisions: [{date: 2024-05-01, approved_by: 市政府, document: 威政字〔2024〕1号}]")
    assert _errors(run_plan, repo) == [("value-contradicts-wording", "indicators.yaml", 9, 46)]
    # Changing value and wording together, with the revision, is the approved way.
    _replace(repo / "data" / "indicators.yaml", "达到2.8%左右", "达到2.6%左右")
    assert _errors(run_plan, repo) == []


@pytest.mark.parametrize("old, new, code", [
    ("    measure: annual_growth\n", "    measure: level\n", "measure-contradicts-wording"),
    ("2家以上}", "全省领先}", "measure-contradicts-wording"),
    ("value: 2, wording: 2家以上", "value: 3, wording: 2家以上", "value-contradicts-wording"),
])
def test_wording_decides_the_measure_and_the_figure(base_plan, run_plan, old, new, code):
    path = base_plan / "indicators.yaml"
    _replace(path, old, new)
    if new == "全省领先}":  # a rank: lower is better, at most first
        _replace(path, "direction: up\n    measure: cumulative\n    target: {period: 2025, "
                 "op: at_least, value: 2,", "direction: down\n    measure: cumulative\n"
                 "    target: {period: 2025, op: at_most, value: 1,")
    result = run_plan("check", "--data", base_plan, "--as-of", TODAY, "--format", "json")
    codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"]
             if d["severity"] == "error"]
    assert codes == [code] and result.exit_code == 1


def test_life_expectancy_80_against_wording_82_is_refused(base_plan, run_plan):
    _replace(base_plan / "indicators.yaml", "value: 2.8, wording: 达到2.8%左右",
             "value: 80, wording: 达到82岁左右")
    result = run_plan("check", "--data", base_plan, "--as-of", TODAY)
    assert "error[value-contradicts-wording] value 80 does not match the plan's wording " \
        "'达到82岁左右' (which says 82)" in result.stdout


# --- plan update does not reopen a closed quarter without a correction ------------------


def test_plan_update_refuses_to_reopen_a_done_entry_of_a_closed_quarter(repo, run_plan):
    data = repo / "data"
    args = ("update", "PT-001", "--quarter", "2023Q2", "--status", "in_progress",
            "--data", data, "--as-of", TODAY)
    refused = run_plan(*args, "--lang", "zh")
    assert refused.exit_code == 1
    assert "error[closed-entry-changed] PT-001:2023Q2 已结束,其推进计划被改写,但未标注为更正" \
        in refused.stderr
    assert git(repo, "status", "--porcelain") == ""  # done_on is still there
    assert run_plan(*args, "--correction", "验收未通过,重新整改").exit_code == 0
    line = (data / "ledgers" / "tasks.yaml").read_text(encoding="utf-8").split("2023Q2", 1)[1]
    assert "status: in_progress, done_on: null, correction: {date: 2024-05-10" in line
    assert _errors(run_plan, repo) == []


# --- plan record asks for cause and action when the indicator falls behind ---------------


def test_plan_record_asks_for_cause_and_action_when_off_track(repo, run_plan):
    args = ("record", "rd-intensity", "--period", "2024", "--value", "2.2", "--source", "公报",
            "--data", repo / "data", "--as-of", "2025-03-01")
    refused = run_plan(*args, "--lang", "zh")
    assert refused.exit_code == 1 and "error[off-track-without-cause]" in refused.stderr
    assert "cause(原因)和 corrective_action(整改措施)" in refused.stderr
    assert git(repo, "status", "--porcelain") == ""
    assert run_plan(*args, "--cause", "重点企业研发投入下降", "--action", "加计扣除").exit_code == 0
