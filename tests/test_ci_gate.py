"""The CI gate (issue 8, parts 1-2): templates that install this tool, check first
and always, annotate in GitHub and GitLab, and keep warnings to changed lines."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from plan_cli.diagnostics import Diagnostic, Severity, format_gitlab, resolve_format
from plan_cli.scaffold import DISTRIBUTION, installed_version
from tests.gitrepo import commit, git, make_repo


def _load_yaml(text: str):
    """Plain data from YAML text (ruamel.yaml's safe loader: PyYAML is no dependency)."""
    return YAML(typ="safe", pure=True).load(text)


ROOT = Path(__file__).resolve().parent.parent
TODAY = "2024-05-10"


def _install_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()
            if "pip install" in line and not line.lstrip().startswith("#")]


def _tool(text: str) -> str:
    (value,) = re.findall(r"^\s*PLAN_TOOL: (.*)$", text, re.M)
    return _load_yaml(value)


def test_the_distribution_is_ours():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == DISTRIBUTION == "plan-taizhang"
    # the version is read from plan_cli/__init__.py, which `plan --version` prints
    assert project["dynamic"] == ["version"]
    from plan_cli import __version__

    assert __version__ == installed_version()
    assert project["scripts"]["plan"] == "plan_cli.launch:entry"


@pytest.mark.parametrize("name", ["github-workflow.yml", "gitlab-ci.yml"])
def test_every_shipped_template_installs_this_tool_at_this_version(name):
    text = (ROOT / "examples" / name).read_text(encoding="utf-8")
    assert _tool(text) == f"{DISTRIBUTION}=={installed_version()}"
    assert _install_lines(text) == ['run: python -m pip install "$PLAN_TOOL"'] if "github" in name \
        else ['- python -m pip install "$PLAN_TOOL"']
    assert "plan-cli" not in text


@pytest.mark.parametrize("ci, path", [("github", ".github/workflows/plan.yml"),
                                      ("gitlab", ".gitlab-ci.yml")])
def test_plan_init_writes_the_install_line(tmp_path, run_plan, ci, path):
    default = tmp_path / "default"
    assert run_plan("init", default, "--ci", ci).exit_code == 0
    assert _tool((default / path).read_text(encoding="utf-8")) == \
        f"{DISTRIBUTION}=={installed_version()}"
    spec = 'git+https://git.example.gov.cn/tools/plan.git@v0.1.0#egg="plan"'
    mirrored = tmp_path / "mirrored"
    assert run_plan("init", mirrored, "--ci", ci, "--tool", spec).exit_code == 0
    text = (mirrored / path).read_text(encoding="utf-8")
    assert _tool(text) == spec and _load_yaml(text)  # still valid YAML
    other = ".gitlab-ci.yml" if ci == "github" else ".github/workflows/plan.yml"
    assert not (mirrored / other).exists()


def test_plan_init_ci_none_writes_no_ci(tmp_path, run_plan):
    assert run_plan("init", tmp_path / "p", "--ci", "none").exit_code == 0
    assert not (tmp_path / "p" / ".github").exists()
    assert not (tmp_path / "p" / ".gitlab-ci.yml").exists()
    assert run_plan("init", tmp_path / "q", "--ci", "jenkins").exit_code == 2


def test_github_workflow_checks_first_and_always_summarises():
    workflow = _load_yaml((ROOT / "examples" / "github-workflow.yml").read_text("utf-8"))
    runs = [s for s in workflow["jobs"]["check"]["steps"] if "run" in s]
    assert runs[0]["run"] == 'python -m pip install "$PLAN_TOOL"'
    assert runs[1]["run"].startswith("plan check --against") and "if" not in runs[1]
    assert "--format" not in runs[1]["run"]  # auto: annotations inside GitHub Actions
    summary = runs[2]
    assert summary["run"].startswith("plan diff")
    assert summary["if"].startswith("always()") and summary["continue-on-error"] is True
    assert all(s.get("if", "always()").startswith("always()") for s in runs[2:])


def test_gitlab_job_keeps_the_checks_status_and_report():
    job = _load_yaml((ROOT / "examples" / "gitlab-ci.yml").read_text("utf-8"))["plan"]
    script = job["script"]
    check = next(i for i, line in enumerate(script) if "plan check" in line)
    assert "--format gitlab > gl-code-quality-report.json || status=$?" in script[check]
    assert all("|| true" in line or "|| status=" in line for line in script[check + 1:-1]
               if line.startswith("plan "))
    assert script[-1] == "exit $status"
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"


def test_format_auto_follows_github_actions():
    assert resolve_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert resolve_format("auto", {"GITLAB_CI": "true"}) == "text"
    assert resolve_format("auto", {}) == "text"
    assert resolve_format("gitlab", {"GITHUB_ACTIONS": "true"}) == "gitlab"


def test_gitlab_code_quality_report(base_plan, run_plan):
    path = base_plan / "ledgers" / "tasks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("市科技局", "市科枝局"),
                    encoding="utf-8")
    result = run_plan("check", "--data", base_plan, "--format", "gitlab", "--as-of", TODAY,
                      "--lang", "zh")
    assert result.exit_code == 1
    (issue,) = json.loads(result.stdout)
    assert issue["check_name"] == "unknown-department" and issue["severity"] == "major"
    assert issue["location"]["lines"] == {"begin": 21}
    assert issue["location"]["path"].endswith("ledgers/tasks.yaml")
    assert "责任部门“市科枝局”未在 owners.yaml 中登记" in issue["description"]
    again = run_plan("check", "--data", base_plan, "--format", "gitlab", "--as-of", TODAY)
    assert json.loads(again.stdout)[0]["fingerprint"] == issue["fingerprint"]
    warning = Diagnostic("a.yaml", 3, 1, Severity.warning, "unassigned", {"id": "X"})
    assert json.loads(format_gitlab([warning], "en"))[0]["severity"] == "minor"


def test_review_annotates_warnings_only_on_changed_lines(tmp_path, run_plan, monkeypatch):
    repo = make_repo(tmp_path / "repo")
    tasks = repo / "data" / "ledgers" / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text.replace("owners: {department: 市科技局}", "owners: {}"), encoding="utf-8")
    commit(repo, "PT-002 unassigned", date="2024-04-11")  # a warning already on main
    git(repo, "checkout", "-q", "-b", "pr")
    text = tasks.read_text(encoding="utf-8").replace("declared_count: 2", "declared_count: 3")
    tasks.write_text(text + "  - id: PT-003\n    title: 新增事项\n", encoding="utf-8")
    commit(repo, "PT-003, not assigned yet")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run_plan("check", "--against", "main", "--as-of", TODAY, "--lang", "zh")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::warning file=data/ledgers/tasks.yaml,line=25,col=9,"
                               "title=unassigned::事项 PT-003 未落实责任部门")
    assert lines[1:] == ["::notice title=plan check::检查了 5 个文件:0 个错误,2 个警告"
                         "(其中 1 个警告位于本次未修改的行,未逐行标注)"]
    assert "1 个警告位于本次未修改的行" in summary.read_text(encoding="utf-8")
    # At the desk (text) every warning is listed.
    monkeypatch.delenv("GITHUB_ACTIONS")
    text_run = run_plan("check", "--against", "main", "--as-of", TODAY)
    assert text_run.stdout.count("warning[unassigned]") == 2
