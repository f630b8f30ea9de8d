"""Done when (issue 8): in a fresh plan repository made by ``plan init``, the
generated workflow's commands, run as written, install this project from a
wheel and annotate a broken pull request, and summarise a good one.

The wheel is built once per session; the fresh virtualenv sees the test's own
dependencies through a .pth file, and pip runs with PIP_NO_INDEX, so nothing
is downloaded. Steps are run the way GitHub Actions runs them: bash -e, the
job's env, ``if: always()`` steps after a failure, ``continue-on-error``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.gitrepo import GIT_ENV, commit, git


def _load_yaml(text: str):
    """Plain data from YAML text (ruamel.yaml's safe loader: PyYAML is no dependency)."""
    return YAML(typ="safe", pure=True).load(text)


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def installed_tool(tmp_path_factory) -> tuple[Path, Path]:
    """(the wheel, a virtualenv's bin folder where `python -m pip` will install it)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "--no-build-isolation", "-w", str(out), str(ROOT)], check=True,
                   capture_output=True)
    (wheel,) = out.glob("plan_taizhang-*.whl")
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir)  # pip too comes through the .pth below: no ensurepip (~20 s)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    purelib = subprocess.run([str(bin_dir / "python"), "-c",
                              "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    # typer, pydantic, rich, PyYAML: the ones this test runs with, not a download
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "zz_test_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n")
    return wheel, bin_dir


def _expand(text: str, context: dict[str, str]) -> str:
    """GitHub's ${{ … }} expressions this workflow uses."""
    def one(match: re.Match) -> str:
        expr = match.group(1).strip()
        assert expr == "github.base_ref || 'main'", expr
        return context["base_ref"] or "main"
    return re.sub(r"\$\{\{(.*?)\}\}", one, text)


def _condition(expr: str | None, failed: bool, event: str) -> bool:
    if expr is None:
        return not failed
    assert expr in ("always()", "always() && github.event_name == 'pull_request'"), expr
    return event == "pull_request" if "event_name" in expr else True


def run_workflow(repo: Path, bin_dir: Path, summary: Path) -> list[tuple[str, int, str]]:
    """Each run step's (name, exit status, stdout), in order, as Actions would run them."""
    workflow = _load_yaml((repo / ".github" / "workflows" / "plan.yml").read_text("utf-8"))
    job = workflow["jobs"]["check"]
    context = {"base_ref": "main"}
    env = dict(os.environ, **GIT_ENV, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary),
               PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", PIP_NO_INDEX="1",
               PIP_DISABLE_PIP_VERSION_CHECK="1")
    for name in ("LANG", "LC_ALL", "PLAN_DATA", "VIRTUAL_ENV", "PYTHONPATH"):
        env.pop(name, None)
    env.update({k: _expand(str(v), context) for k, v in job["env"].items()})
    results, failed = [], False
    for step in job["steps"]:
        if "run" not in step or not _condition(step.get("if"), failed, "pull_request"):
            continue
        done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env,
                              capture_output=True, text=True, encoding="utf-8")
        results.append((step["name"], done.returncode, done.stdout + done.stderr))
        if done.returncode != 0 and not step.get("continue-on-error"):
            failed = True
    return results


def _plan_repository(tmp_path: Path, run_plan, wheel: Path) -> Path:
    repo = tmp_path / "weihai-plan"
    result = run_plan("init", repo, "--id", "demo", "--title", "演示市三年行动计划",
                      "--tool", str(wheel))
    assert result.exit_code == 0, result.output
    (repo / "data" / "plan.yaml").write_text(
        (repo / "data" / "plan.yaml").read_text("utf-8").replace(
            "areas: []", "areas:\n  - {id: innovation, title: 科技创新}"), encoding="utf-8")
    (repo / "data" / "owners.yaml").write_text(
        (repo / "data" / "owners.yaml").read_text("utf-8").replace(
            "departments: []", "departments:\n  - name: 市科技局"), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "core.autocrlf", "false")
    commit(repo, "plan init", date="2024-04-10")
    bare = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    git(repo, "remote", "add", "origin", str(bare))
    git(repo, "push", "-q", "origin", "main")
    git(repo, "fetch", "-q", "origin")
    git(repo, "checkout", "-q", "-b", "department-update")
    return repo


def _add_item(repo: Path, department: str, quarter: str) -> None:
    ledger = repo / "data" / "ledgers" / "provincial-tasks.yaml"
    text = ledger.read_text("utf-8").replace("items: []", (
        "items:\n"
        "  - id: PT-001\n"
        "    title: 建设创新平台\n"
        "    area: innovation\n"
        f"    owners: {{department: {department}}}\n"
        "    schedule:\n"
        f"      - {{quarter: {quarter}, deliverable: 制定方案, status: planned}}\n"))
    ledger.write_text(text, encoding="utf-8")


def test_generated_workflow_annotates_a_broken_edit(tmp_path, run_plan, installed_tool):
    wheel, bin_dir = installed_tool
    repo = _plan_repository(tmp_path, run_plan, wheel)
    _add_item(repo, "市科技厅", "2024Q5")
    commit(repo, "新增 PT-001")
    summary = tmp_path / "summary.md"
    steps = run_workflow(repo, bin_dir, summary)
    names = [name for name, _, _ in steps]
    assert names == ["Install plan (安装)", "Check the data and the change (校验)",
                     "Summarise the change (变更摘要)", "Schemas up to date (模式文件)"]
    install, check, diff, schema = steps
    assert install[1] == 0, install[2]
    assert check[1] == 1
    annotations = [line for line in check[2].splitlines() if line.startswith("::")]
    # both mistakes in one run: the bad quarter does not hide the unknown department
    assert annotations[0].startswith(
        "::error file=data/ledgers/provincial-tasks.yaml,line=12,col=26,"
        "title=unknown-department::责任部门“市科技厅”未在 owners.yaml 中登记(是否应为“市科技局”?)")
    assert annotations[1].startswith(
        "::error file=data/ledgers/provincial-tasks.yaml,line=14,col=19,title=bad-quarter::"
        "'2024Q5' 不是有效的季度")
    assert annotations[2].startswith("::notice title=plan check::检查了 8 个文件:2 个错误")
    assert diff[1] != 0 and schema[1] == 0  # the summary fails (broken data); annotations stand
    assert "2 个错误" in summary.read_text("utf-8")
    # the tool that ran is the wheel's, not this checkout
    where = subprocess.run([str(bin_dir / "python"), "-c", "import plan_cli; print(plan_cli.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path).stdout
    assert where.startswith(str(bin_dir.parent)), where


def test_generated_workflow_summarises_a_good_edit(tmp_path, run_plan, installed_tool):
    wheel, bin_dir = installed_tool
    repo = _plan_repository(tmp_path, run_plan, wheel)
    _add_item(repo, "市科技局", "2024Q3")
    commit(repo, "新增 PT-001")
    summary = tmp_path / "summary.md"
    steps = run_workflow(repo, bin_dir, summary)
    assert [code for _, code, _ in steps] == [0, 0, 0, 0], steps
    check_out = steps[1][2]
    assert "::error" not in check_out
    assert "::notice title=plan check::检查了 8 个文件:0 个错误" in check_out
    written = summary.read_text("utf-8")
    assert "**plan check**: 检查了 8 个文件:0 个错误" in written
    assert "| 新增事项 | PT-001 |" in written, written
