"""What users copy: the pre-commit hook and the example workflow run as written."""

from __future__ import annotations

import shlex
from pathlib import Path

from ruamel.yaml import YAML

from tests.gitrepo import commit, git, make_repo

ROOT = Path(__file__).resolve().parent.parent


def _plan_args(command: str, base: str) -> list[str]:
    command = command.split(">>")[0].replace('"$BASE"', base)
    args = shlex.split(command)
    assert args[0] == "plan"
    return args[1:]


def test_pre_commit_hook_runs_plan_check(run_plan):
    hooks = {h["id"]: h for h in YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert hooks["plan-check"]["entry"] == "plan check"
    assert hooks["plan-check"]["pass_filenames"] is False
    result = run_plan(*hooks["plan-schema"]["entry"].split()[1:], "--out", ROOT / "schemas")
    assert result.exit_code == 0, result.output


def test_workflow_annotates_mistakes_and_summarises(tmp_path, run_plan, monkeypatch):
    """Done when: a department updates an item on a branch; the workflow's own
    commands annotate each mistake at its line and summarise the change."""
    workflow = YAML(typ="safe").load((ROOT / "examples" / "github-workflow.yml").read_text())
    steps = {s.get("name"): s.get("run") for s in workflow["jobs"]["check"]["steps"]}
    check_cmd = next(run for name, run in steps.items() if name and name.startswith("Check"))
    diff_cmd = next(run for name, run in steps.items() if name and name.startswith("Summarise"))
    repo = make_repo(tmp_path / "repo")
    monkeypatch.chdir(repo)
    git(repo, "checkout", "-q", "-b", "update-pt-001")
    assert run_plan("update", "PT-001", "--quarter", "2023Q4", "--status", "done",
                    "--done-on", "2024-01-05", "--as-of", "2024-05-10").exit_code == 0
    # …and a weakened stretch target slipped into the same pull request:
    path = repo / "data" / "ledgers" / "key-indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 3.0}", "value: 2.9}"),
                    encoding="utf-8")
    commit(repo, "更新 PT-001 进度")
    result = run_plan(*_plan_args(diff_cmd, "main"))
    assert result.exit_code == 0, result.output
    assert "| 状态变化 | PT-001 |" in result.stdout and "⚠️" in result.stdout
    monkeypatch.setenv("GITHUB_ACTIONS", "true")  # --format auto: annotations
    result = run_plan(*_plan_args(check_cmd, "main"), "--as-of", "2024-05-10")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=data/ledgers/key-indicators.yaml,line=14,col=5,title=target-changed::"
        "KI-01 的目标发生变化,但没有调整审批记录 (请在其 revisions 中补充审批记录:"
        "{date: 日期, approved_by: 审批机关, document: 文号})",
        "::notice title=plan check::检查了 5 个文件:1 个错误,0 个警告"]
