"""Whatever a person types into a data file, `plan` answers with diagnostics,
never a traceback. Every line of the base plan is mutated in several ways and
the whole pipeline (load, checks, status) must cope."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from plan_cli.check import run_checks
from plan_cli.diagnostics import Severity
from plan_cli.load import DataLocation, load
from plan_cli.reports.status import build_status
from tests.conftest import BASE_PLAN

MUTATIONS = {
    "delete line": lambda line: None,
    "value to list": lambda line: _set_value(line, "[1, 2]"),
    "value to mapping": lambda line: _set_value(line, "{a: 1}"),
    "value to empty": lambda line: _set_value(line, ""),
    "value to number": lambda line: _set_value(line, "-3.5"),
    "value to text": lambda line: _set_value(line, "某某"),
    "tab indent": lambda line: "\t" + line.lstrip(),
    "unbalanced": lambda line: line + " {",
}


def _set_value(line: str, value: str) -> str | None:
    key, sep, _ = line.partition(": ")
    return f"{key}: {value}" if sep else line + ": " + value


def _files():
    return sorted(p.relative_to(BASE_PLAN) for p in BASE_PLAN.rglob("*.yaml"))


@pytest.mark.parametrize("rel", _files(), ids=str)
def test_every_mutation_gives_diagnostics_not_a_crash(rel: Path, tmp_path):
    original = (BASE_PLAN / rel).read_text(encoding="utf-8").splitlines()
    data = tmp_path / "data"
    shutil.copytree(BASE_PLAN, data)
    today = date(2024, 5, 10)
    for number, line in enumerate(original):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        for name, mutate in MUTATIONS.items():
            changed = mutate(line)
            lines = original[:number] + ([] if changed is None else [changed]) + original[number + 1:]
            (data / rel).write_text("\n".join(lines) + "\n", encoding="utf-8")
            ws = load(DataLocation(data, "option"))
            diags = run_checks(ws, today)
            if ws.plan is not None and not any(d.severity is Severity.error for d in diags):
                build_status(ws, today)  # reports must cope with whatever validated
            for diag in diags:
                assert diag.line >= 0 and diag.text("en")[0] and diag.text("zh")[0], (name, line)
    (data / rel).write_text("", encoding="utf-8")  # emptied by mistake
    emptied = run_checks(load(DataLocation(data, "option")), today)
    assert any(d.severity is Severity.error for d in emptied), "an emptied file must not pass"
