"""Corpus tests: each case folder overrides files of tests/cases/base, and its
expected.txt holds the exact diagnostics `plan check` must print (hints aside).

To add a case: make a folder under invalid/ (or valid/ for data that must not
fail), put in it the files that differ from base/, and write expected.txt by
hand, checking each line and column in an editor.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"
ALL = sorted(p for kind in ("invalid", "valid") for p in (CASES / kind).iterdir() if p.is_dir())
# Cases of a change: base/ is committed (BASE, on 2024-04-10), the case's files are
# the working tree, and `plan check --against main` judges the step.
CHANGES = sorted(p for kind in ("invalid", "valid")
                 for p in (CASES / "change" / kind).iterdir() if p.is_dir())
_NOT_DATA = {"expected.txt", "DELETE", "near-miss.txt", "AS_OF"}


def _overlay(case: Path, data: Path) -> None:
    """The case's files over data/; paths listed in DELETE are removed."""
    for source in case.rglob("*"):
        if source.is_file() and source.name not in _NOT_DATA:
            target = data / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    if (case / "DELETE").is_file():
        for rel in (case / "DELETE").read_text(encoding="utf-8").split():
            (data / rel).unlink()


def _as_of(case: Path) -> str:
    path = case / "AS_OF"
    return path.read_text(encoding="utf-8").strip() if path.is_file() else "2024-05-10"


@pytest.mark.parametrize("case", CHANGES, ids=lambda p: f"change/{p.parent.name}/{p.name}")
def test_change_case(case: Path, tmp_path, monkeypatch, run_plan):
    from tests.gitrepo import make_repo

    repo = make_repo(tmp_path / "repo")
    _overlay(case, repo / "data")
    monkeypatch.chdir(repo)
    result = run_plan("check", "--against", "main", "--as-of", _as_of(case))
    _compare(case, result)


@pytest.mark.parametrize("case", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case(case: Path, tmp_path, monkeypatch, run_plan):
    data = tmp_path / "data"
    shutil.copytree(CASES / "base", data)
    _overlay(case, data)
    monkeypatch.chdir(tmp_path)

    result = run_plan("check", "--as-of", _as_of(case))
    _compare(case, result)


def _compare(case: Path, result) -> None:

    printed = [line for line in result.stdout.splitlines() if not line.startswith("    ")]
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert printed == expected, result.output
    has_errors = any(": error[" in line for line in expected)
    assert result.exit_code == (1 if has_errors else 0), result.output
    assert "Traceback" not in result.output
    if case.parent.name == "invalid":
        assert has_errors, "an invalid case must expect at least one error"


