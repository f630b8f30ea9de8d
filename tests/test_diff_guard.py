"""plan diff and plan check --against on scripted git histories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.gitrepo import commit, git, make_repo

TODAY = "2024-05-10"  # the base plan is committed on 2024-04-10: 2023Q1–2024Q1 are closed


@pytest.fixture
def repo(tmp_path) -> Path:
    return make_repo(tmp_path / "repo")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _guard(run_plan, repo: Path, *extra: str):
    return run_plan("check", "--data", repo / "data", "--against", "main", "--as-of", TODAY,
                    "--format", "json", *extra)


def _codes(result) -> list[tuple[str, str, int]]:
    found = json.loads(result.stdout)["diagnostics"]
    return [(d["code"], d["path"].rsplit("/", 1)[-1], d["line"]) for d in found
            if d["severity"] == "error"]


# --- plan diff -----------------------------------------------------------------


def test_diff_reports_changes_in_plan_terms(repo, run_plan):
    data = repo / "data"
    git(repo, "checkout", "-q", "-b", "progress")
    assert run_plan("update", "PT-001", "--quarter", "2023Q4", "--status", "done",
                    "--done-on", "2024-01-05", "--data", data, "--as-of", TODAY).exit_code == 0
    assert run_plan("record", "rd-intensity", "--period", "2023", "--value", "2.5",
                    "--source", "统计公报", "--correction", "统计公报修订", "--data", data,
                    "--as-of", TODAY).exit_code == 0
    commit(repo, "progress", date="2024-05-10")
    assert run_plan("note", "PT-002", "已提交申报材料", "--data", data, "--as-of", TODAY).exit_code == 0
    _replace(data / "ledgers" / "tasks.yaml", "owners: {department: 市科技局}",
             "owners: {department: 市发展改革委}")
    _replace(data / "indicators.yaml", "value: 2.8, wording", "value: 2.6, wording")
    result = run_plan("diff", "--data", data, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    got = [(c["kind"], c["id"], c["detail"], c["before"], c["after"], c["governance"])
           for c in report["changes"]]
    assert got == [
        ("target-changed", "rd-intensity", "target", "2025: ≈2.8 (达到2.8%左右)",
         "2025: ≈2.6 (达到2.8%左右)", True),
        ("status-changed", "PT-001", "2023Q4 完成建设", "in_progress", "done", False),
        ("owner-changed", "PT-002", "department", "市科技局", "市发展改革委", False),
        ("actual-changed", "rd-intensity", "2023", "2.4", "2.5", False),
        ("note-added", "PT-002", TODAY, None, "已提交申报材料", False),
    ]
    assert report["base"].startswith("merge-base (") and report["head"] == "working tree"
    # Between two commits: only what the branch committed.
    result = run_plan("diff", "main", "progress", "--data", data, "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "status changed | PT-001" in result.stdout and "2.4 | 2.5 |" in result.stdout
    assert "Governance" not in result.stdout and "note" not in result.stdout


def test_diff_items_added_and_removed_are_governance_when_removed(repo, run_plan):
    path = repo / "data" / "ledgers" / "tasks.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: PT-002")
    path.write_text(text[:start] + text[start:].replace("PT-002", "PT-003"), encoding="utf-8")
    result = run_plan("diff", "--data", repo / "data", "--format", "markdown", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert "共 2 处变更,其中 1 处涉及计划调整" in result.stdout
    assert "| 删除事项 | PT-002 |" in result.stdout and "| 新增事项 | PT-003 |" in result.stdout


def test_diff_outside_git_is_a_usage_error(tmp_path, run_plan, base_plan):
    result = run_plan("diff", "--data", base_plan)
    assert result.exit_code == 2 and "git:" in result.stderr


# --- guard rails -----------------------------------------------------------------


def test_unchanged_plan_passes_the_guard(repo, run_plan):
    result = _guard(run_plan, repo)
    assert result.exit_code == 0, result.output


def test_weakened_target_needs_a_revision_record(repo, run_plan):
    indicators = repo / "data" / "indicators.yaml"
    _replace(indicators, "value: 2.8, wording: 达到2.8%左右", "value: 2.6, wording: 达到2.6%左右")
    result = _guard(run_plan, repo)
    assert result.exit_code == 1
    assert _codes(result) == [("target-changed", "indicators.yaml", 9)]
    _replace(indicators, "    source: synthetic\n  - id: retail-growth",
             "    source: synthetic\n    revisions:\n      - {date: 2024-05-01, approved_by: "
             "市政府常务会议, document: 测政字〔2024〕5号}\n  - id: retail-growth")
    result = _guard(run_plan, repo)
    assert result.exit_code == 0, result.output


def test_stretch_target_change_needs_a_revision_record(repo, run_plan):
    _replace(repo / "data" / "ledgers" / "key-indicators.yaml", "value: 3.0}", "value: 2.9}")
    assert _codes(_guard(run_plan, repo)) == [("target-changed", "key-indicators.yaml", 14)]


def test_removed_item_needs_a_revision_record(repo, run_plan):
    path = repo / "data" / "ledgers" / "tasks.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: PT-002")], encoding="utf-8")
    result = _guard(run_plan, repo)
    assert result.exit_code == 1
    assert _codes(result) == [("item-removed", "tasks.yaml", 7)]
    with path.open("a", encoding="utf-8") as handle:
        handle.write("revisions:\n  - {date: 2024-05-01, approved_by: 市指挥部, "
                     "document: 测指发〔2024〕2号, removed: [PT-002]}\n")
    assert _guard(run_plan, repo).exit_code == 0


def test_deleting_a_ledger_file_is_caught(repo, run_plan):
    (repo / "data" / "ledgers" / "key-indicators.yaml").unlink()
    result = _guard(run_plan, repo)
    assert result.exit_code == 1
    assert _codes(result) == [("ledger-removed", "key-indicators.yaml", 1)]


def test_renaming_a_ledger_id_does_not_hide_a_removed_item(repo, run_plan):
    path = repo / "data" / "ledgers" / "tasks.yaml"
    _replace(path, "  id: tasks\n", "  id: tasks-renamed\n")
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: PT-002")], encoding="utf-8")
    assert _codes(_guard(run_plan, repo)) == [("item-removed", "tasks.yaml", 7)]


def test_closed_quarter_needs_a_correction(repo, run_plan):
    data = repo / "data"
    args = ("update", "PT-001", "--quarter", "2023Q2", "--status", "done",
            "--done-on", "2023-06-25", "--data", data, "--as-of", TODAY)
    refused = run_plan(*args)  # the desk says what CI would say, before the push
    assert refused.exit_code == 1 and "error[closed-entry-changed]" in refused.stderr
    assert git(repo, "status", "--porcelain") == ""
    _replace(data / "ledgers" / "tasks.yaml", "done_on: 2023-06-20", "done_on: 2023-06-25")
    assert _codes(_guard(run_plan, repo)) == [("closed-entry-changed", "tasks.yaml", 14)]
    git(repo, "checkout", "--", ".")
    assert run_plan(*args, "--correction", "完成日期录入有误,以验收文件为准").exit_code == 0
    result = _guard(run_plan, repo)
    assert result.exit_code == 0, result.output


def test_late_progress_on_an_open_entry_is_not_a_correction(repo, run_plan):
    assert run_plan("update", "PT-001", "--quarter", "2023Q4", "--status", "done",
                    "--done-on", "2024-01-05", "--data", repo / "data",
                    "--as-of", TODAY).exit_code == 0
    assert _guard(run_plan, repo).exit_code == 0


def test_removing_a_closed_entry_fails(repo, run_plan):
    _replace(repo / "data" / "ledgers" / "tasks.yaml",
             "      - {quarter: 2023Q2, deliverable: 制定方案, status: done, done_on: 2023-06-20}\n", "")
    assert _codes(_guard(run_plan, repo)) == [("closed-entry-removed", "tasks.yaml", 13)]


def test_new_delay_needs_cause_and_corrective_action(repo, run_plan):
    data = repo / "data"
    refused = run_plan("update", "PT-002", "--quarter", "2024Q2", "--status", "delayed",
                       "--deliverable", "评审", "--data", data, "--as-of", TODAY)
    assert refused.exit_code == 2 and "--cause" in refused.stderr
    _replace(data / "ledgers" / "tasks.yaml", "申报基地, status: planned", "申报基地, status: blocked")
    assert _codes(_guard(run_plan, repo)) == [("delay-without-cause", "tasks.yaml", 24)]
    _replace(data / "ledgers" / "tasks.yaml", "status: blocked",
             "status: blocked, cause: 申报通道未开放, corrective_action: 与省厅对接")
    assert _guard(run_plan, repo).exit_code == 0


def test_newly_off_track_indicator_needs_cause(repo, run_plan):
    data = repo / "data"
    when = "2025-03-01"
    args = ("record", "rd-intensity", "--period", "2024", "--value", "2.2",
            "--source", "统计公报", "--data", data, "--as-of", when)
    refused = run_plan(*args)  # the desk asks for the cause and action CI would want
    assert refused.exit_code == 1 and "error[off-track-without-cause]" in refused.stderr
    assert "--cause" in refused.stderr and git(repo, "status", "--porcelain") == ""
    _replace(data / "indicators.yaml", "- {period: 2023, value: 2.4, source: synthetic}",
             "- {period: 2023, value: 2.4, source: synthetic}\n"
             "      - {period: 2024, value: 2.2, source: 统计公报}")
    result = run_plan("check", "--data", data, "--against", "main", "--as-of", when,
                      "--format", "json")
    assert _codes(result) == [("off-track-without-cause", "indicators.yaml", 13)]
    git(repo, "checkout", "--", ".")
    assert run_plan(*args, "--cause", "重点企业研发投入下降",
                    "--action", "落实研发费用加计扣除").exit_code == 0
    result = run_plan("check", "--data", data, "--against", "main", "--as-of", when)
    assert result.exit_code == 0, result.output


def test_github_format_annotates_the_line(repo, run_plan):
    _replace(repo / "data" / "indicators.yaml", "value: 2.8, wording", "value: 2.6, wording")
    result = _guard(run_plan, repo, "--format", "github")
    assert result.stdout.startswith("::error file=")
    assert ",line=9,col=13,title=target-changed::" in result.stdout


def test_the_pull_request_that_adds_the_data(tmp_path, run_plan):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text("plan\n")
    commit(repo, "empty repository")
    git(repo, "checkout", "-q", "-b", "add-data")
    import shutil

    from tests.conftest import BASE_PLAN

    shutil.copytree(BASE_PLAN, repo / "data")
    result = run_plan("diff", "main", "--data", repo / "data", "--format", "json")
    assert result.exit_code == 0, result.output
    kinds = {c["kind"] for c in json.loads(result.stdout)["changes"]}
    assert kinds == {"item-added", "indicator-added"}
    assert _guard(run_plan, repo).exit_code == 0
