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


@pytest.mark.parametrize("case", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case(case: Path, tmp_path, monkeypatch, run_plan):
    data = tmp_path / "data"
    shutil.copytree(CASES / "base", data)
    for source in case.rglob("*"):
        if source.is_file() and source.name != "expected.txt":
            target = data / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    monkeypatch.chdir(tmp_path)

    result = run_plan("check", "--as-of", "2024-05-10")

    printed = [line for line in result.stdout.splitlines() if not line.startswith("    ")]
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert printed == expected, result.output
    has_errors = any(": error[" in line for line in expected)
    assert result.exit_code == (1 if has_errors else 0), result.output
    assert "Traceback" not in result.output
    if case.parent.name == "invalid":
        assert has_errors, "an invalid case must expect at least one error"


def test_every_rule_code_has_a_case():
    """Each diagnostic code a data mistake can produce is exercised by some case."""
    seen = set()
    for case in ALL:
        for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
            seen.add(line.split("[", 1)[1].split("]", 1)[0])
    wanted = {"yaml-syntax", "duplicate-key", "unknown-field", "wrong-type", "bad-quarter",
              "bad-date", "invalid-choice", "missing-field", "duplicate-id", "unknown-area",
              "unknown-indicator", "unknown-department", "unknown-leader", "unknown-section",
              "outside-period", "done-without-date", "date-in-future", "weak-stretch-target",
              "op-contradicts-wording", "op-contradicts-direction", "period-in-future",
              "encoding", "unknown-ledger-kind", "ledger-incomplete", "unassigned"}
    assert wanted <= seen, wanted - seen
