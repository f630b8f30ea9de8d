"""The command-line contract: exit codes, formats, data discovery, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from plan_cli import cli
from tests.conftest import BASE_PLAN

REPO = Path(__file__).parent.parent
AS_OF = ("--as-of", "2024-05-10")


def broken(base_plan: Path) -> Path:
    path = base_plan / "ledgers" / "tasks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("市科技局}", "市科技委}"),
                    encoding="utf-8")
    return base_plan


def test_exit_codes(run_plan, base_plan):
    assert run_plan("check", "--data", base_plan, *AS_OF).exit_code == 0
    assert run_plan("check", "--data", broken(base_plan), *AS_OF).exit_code == 1


@pytest.mark.parametrize("args", [
    ("check", "--format", "xml"),
    ("status", "--as-of", "2024-13-01"),
    ("check", "--data", "/nonexistent/folder"),
    ("frobnicate",),
])
def test_misuse_exits_2_with_a_message(run_plan, args):
    result = run_plan(*args)
    assert result.exit_code == 2
    assert result.stderr.strip() and "Traceback" not in result.output


def test_strict_turns_warnings_into_errors(run_plan, base_plan):
    tasks = base_plan / "ledgers" / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("declared_count: 2",
                                                               "declared_count: 3"),
                     encoding="utf-8")
    assert run_plan("check", "--data", base_plan, *AS_OF).exit_code == 0
    strict = run_plan("check", "--data", base_plan, "--strict", *AS_OF)
    assert strict.exit_code == 1
    assert "error[ledger-incomplete]" in strict.stdout


def test_github_format_annotates_the_line(run_plan, base_plan, monkeypatch):
    monkeypatch.chdir(base_plan.parent)
    result = run_plan("check", "--format", "github", *AS_OF, "--data", "data")
    line = "::error file=data/ledgers/tasks.yaml,line=21,col=26,title=unknown-department::"
    assert result.exit_code == 0  # base is clean: nothing printed
    result = run_plan("check", "--format", "github", *AS_OF, "--data", broken(base_plan))
    assert result.stdout.startswith(line), result.stdout


def test_json_format_is_stable_and_parses(run_plan, base_plan):
    result = run_plan("check", "--format", "json", *AS_OF, "--data", broken(base_plan))
    doc = json.loads(result.stdout)
    assert doc["version"] == 1
    assert doc["summary"] == {"errors": 1, "warnings": 0}
    [diag] = doc["diagnostics"]
    assert (diag["line"], diag["column"], diag["code"]) == (21, 26, "unknown-department")
    assert "市科技局" in diag["message"]  # the suggestion, unescaped


def test_chinese_messages(run_plan, base_plan, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    result = run_plan("check", *AS_OF, "--data", broken(base_plan))
    assert "责任部门“市科技委”未在 owners.yaml 中登记(是否应为“市科技局”?)" in result.stdout
    assert "个错误" in result.stderr
    english = run_plan("check", *AS_OF, "--lang", "en", "--data", base_plan)
    assert "checked 5 files" in english.stderr


def test_data_is_found_by_walking_up(run_plan, base_plan, monkeypatch):
    (base_plan.parent / "docs" / "deep").mkdir(parents=True)
    monkeypatch.chdir(base_plan.parent / "docs" / "deep")
    result = run_plan("status", *AS_OF, "--format", "json")
    assert json.loads(result.stdout)["plan"]["id"] == "test-plan"


def test_plan_data_environment_variable(run_plan, base_plan, monkeypatch, tmp_path):
    monkeypatch.setenv("PLAN_DATA", str(base_plan))
    monkeypatch.chdir(tmp_path)
    assert json.loads(run_plan("status", *AS_OF, "--format", "json").stdout)["plan"]["id"] == "test-plan"


def test_outside_a_plan_repository_the_shipped_sample_is_used_and_named(run_plan, tmp_path,
                                                                        monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_plan("status", "--format", "json")
    assert result.exit_code == 0
    assert "sample data shipped with plan" in result.stderr
    assert json.loads(result.stdout)["plan"]["id"] == "weihai-2023-2025"


def test_status_refuses_invalid_data_with_located_errors(run_plan, base_plan):
    result = run_plan("status", *AS_OF, "--data", broken(base_plan))
    assert result.exit_code == 1
    assert "tasks.yaml:21:26: error[unknown-department]" in result.stderr
    assert "Traceback" not in result.output


def test_internal_error_exits_3_with_one_line(monkeypatch, capsys, base_plan):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("plan_cli.reports.status.build_status", explode)
    monkeypatch.setattr(sys, "argv", ["plan", "status", "--data", str(base_plan), *AS_OF])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert "internal error (RuntimeError: boom)" in err and "please report" in err
    assert "Traceback" not in err


def test_installed_console_script_runs_on_the_shipped_data():
    """The README's quick start: `plan status` and `plan check` on data/."""
    for command in (["status"], ["check"]):
        proc = subprocess.run([sys.executable, "-m", "plan_cli", *command], cwd=REPO,
                              capture_output=True, text=True, encoding="utf-8")
        assert proc.returncode == 0, proc.stderr
    assert "威海市" in subprocess.run([sys.executable, "-m", "plan_cli", "status"], cwd=REPO,
                                     capture_output=True, text=True, encoding="utf-8").stdout


def test_every_command_has_help(run_plan):
    for command in ("check", "status"):
        result = run_plan(command, "--help")
        assert result.exit_code == 0 and "--data" in result.stdout


def test_two_ledger_files_sharing_an_id_are_each_located(run_plan, base_plan):
    """A copied ledger that kept its id: every problem still points at its own file."""
    (base_plan / "ledgers" / "a-copy.yaml").write_text(
        "ledger: {id: tasks, kind: pilots, title: 复制的台账}\n"
        "items:\n"
        "  - {id: PL-09, title: 试点, owners: {department: 市科技委}}\n", encoding="utf-8")
    result = run_plan("status", *AS_OF, "--data", base_plan)
    assert result.exit_code == 1
    assert "a-copy.yaml:3:49: error[unknown-department]" in result.stderr
    assert "a-copy.yaml:1:14: error[duplicate-id] id 'tasks' is already used at" in result.stderr


def test_language_from_the_environment():
    from plan_cli.messages import detect_language

    assert detect_language({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert detect_language({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert detect_language({}) == "en"


def test_cli_choices_mirror_the_model():
    """The CLI keeps its own copies of some enums so --help need not import the models;
    they must not drift from the model's."""
    from plan_cli.cli.editing import EntryStatusChoice
    from plan_cli.model import EntryStatus

    assert [c.value for c in EntryStatusChoice] == [s.value for s in EntryStatus]
