"""Shared fixtures: a CLI runner that fails loudly, and fixture trees from text."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plan_cli.cli import app

TESTS = Path(__file__).parent
BASE_PLAN = TESTS / "cases" / "base"  # a small, valid, synthetic plan


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch):
    """No user settings leak in: English unless a test asks, no PLAN_DATA, no colour."""
    for name in ("PLAN_DATA", "LC_ALL", "LC_MESSAGES", "LANG", "PLAN_DEBUG", "GITHUB_ACTIONS",
                 "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture
def run_plan():
    """Invoke ``plan ARGS…`` in-process; returns typer's Result (.exit_code, .stdout, .stderr)."""

    def run(*args: str):
        return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)

    return run


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write ``{relative path: text}`` under ``root`` (text is dedented)."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def base_plan(tmp_path) -> Path:
    """A copy of the valid synthetic plan in tests/cases/base, safe to modify."""
    target = tmp_path / "data"
    shutil.copytree(BASE_PLAN, target)
    return target


def with_settings(fixture: Path, tmp_path: Path, settings: str) -> Path:
    """A copy of ``fixture`` whose plan.yaml settings gain ``settings`` (YAML flow text)."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(fixture, data)
    plan = data / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "stale_after_quarters: 1}" in text
    plan.write_text(text.replace("stale_after_quarters: 1}",
                                 f"stale_after_quarters: 1,\n    {settings}}}"), encoding="utf-8")
    return data


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/* from the current output (review the diff!)")


@pytest.fixture
def golden(request):
    """Compare text with tests/golden/NAME, or rewrite it under --update-golden."""

    def compare(name: str, text: str) -> None:
        path = TESTS / "golden" / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), f"differs from {path}"

    return compare


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> tuple[Path, Path]:
    """``plan example demo`` and its site as on 2025-08-15 (mid-2025Q3): (data, site)."""
    root = tmp_path_factory.mktemp("example-site")
    runner = CliRunner()
    for args in (["example", str(root / "demo")],
                 ["site", str(root / "site"), "--data", str(root / "demo"),
                  "--as-of", "2025-08-15"]):
        result = runner.invoke(app, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return root / "demo", root / "site"
