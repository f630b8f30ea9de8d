"""Whatever validates, every report builds and renders: mutate each line of the progress
fixture and run the reports on every variant that ``plan check`` finds no error in."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest

from plan_cli.check import run_checks
from plan_cli.diagnostics import Severity
from plan_cli.load import DataLocation, load
from plan_cli.render import due, gaps, owners, show
from plan_cli.render.console import make_console
from plan_cli.render.output import render_csv, render_json, render_markdown, render_table
from plan_cli.reports.due import build_due
from plan_cli.reports.filters import Filters
from plan_cli.reports.gaps import build_gaps
from plan_cli.reports.owners import build_owners
from plan_cli.reports.show import build_show
from tests.conftest import TESTS

PROGRESS = TESTS / "fixtures" / "progress"
MUTATIONS = {
    "delete line": lambda line: None,
    "value to zero": lambda line: _set_value(line, "0"),
}  # (few, for speed)


def _set_value(line: str, value: str) -> str:
    key, sep, _ = line.partition(": ")
    return f"{key}: {value}" if sep else line


def _render_all(ws, today: date, tables: bool) -> None:
    f = Filters()
    views = [(gaps, build_gaps(ws, today)), (due, build_due(ws, today)),
             (owners, build_owners(ws, today))]
    for module, report in views:
        view = module.view(report, "data", "zh", f)
        if tables:  # rich tables are the slow part: one date is enough
            render_table(view, make_console(io.StringIO(), width=100))
        render_markdown(view), render_csv(view), render_json(module.to_dict(report, "data", f))
    ids = [ind.id for ind in ws.indicators][:3] + [i.id for lf in ws.ledgers for i in lf.items][:2]
    for id_ in ids:
        report = build_show(ws, today, id_)
        view = show.view(report, "data", "en")
        if tables:
            render_table(view, make_console(io.StringIO(), width=100))
        render_json(show.to_dict(report, "data"))


DATES = (date(2022, 11, 15), date(2024, 5, 15), date(2026, 3, 1))


@pytest.mark.parametrize("rel", ["indicators.yaml", "ledgers/tasks.yaml"])
def test_reports_cope_with_whatever_validates(rel: str, tmp_path: Path):
    original = (PROGRESS / rel).read_text(encoding="utf-8").splitlines()
    data = tmp_path / "data"
    shutil.copytree(PROGRESS, data)
    built = 0
    for number, line in enumerate(original):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        for name, mutate in MUTATIONS.items():
            if name == "value to zero" and not any(c.isdigit() for c in line):
                continue  # zeros matter where numbers were (spans, goals, baselines)
            changed = mutate(line)
            lines = original[:number] + ([] if changed is None else [changed]) \
                + original[number + 1:]
            (data / rel).write_text("\n".join(lines) + "\n", encoding="utf-8")
            ws = load(DataLocation(data, "option"))
            diags = run_checks(ws, date.today())
            if ws.plan is not None and not any(d.severity is Severity.error for d in diags):
                for today in DATES:
                    _render_all(ws, today, tables=today == DATES[1])
                built += 1
    assert built > 10
