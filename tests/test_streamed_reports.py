"""Reports read the ledgers one file at a time (load.LedgerStream) and say exactly what
they said on the whole plan."""

from __future__ import annotations

import gc
import shutil
from datetime import date
from pathlib import Path

import pytest

from plan_cli import load as load_module
from plan_cli import model as m
from plan_cli.cache import checked, open_cache
from plan_cli.datadir import DataLocation, shipped_data_dir
from plan_cli.load import LedgerStream, load, load_streamed
from plan_cli.reports.due import build_due
from plan_cli.reports.filters import Filters, resolve
from plan_cli.reports.gaps import build_gaps
from plan_cli.reports.owners import build_owners
from plan_cli.reports.show import NotFound, build_show
from plan_cli.reports.status import build_status

TESTS = Path(__file__).resolve().parent
PLANS = {"shipped": shipped_data_dir(), "progress": TESTS / "fixtures" / "progress"}
DAYS = (date(2024, 5, 15), date(2026, 3, 1))


def reports(ws, today: date) -> list:
    out = [build_status(ws, today), build_gaps(ws, today), build_owners(ws, today),
           build_due(ws, today), build_due(ws, today, by="ledger")]
    some = [lf for lf in load_module.load(ws.location).ledgers][:2]  # names to ask for
    for asked in (Filters(departments=tuple({i.owners.department for lf in some
                                             for i in lf.items[:3] if i.owners.department})),
                  Filters(ledgers=(some[-1].ledger.name or some[-1].ledger.title,))):
        chosen = resolve(ws, asked, ("due", "overdue"))
        out += [chosen, build_status(ws, today, filters=chosen),
                build_due(ws, today, filters=chosen), build_owners(ws, today, chosen),
                build_gaps(ws, today, chosen)]
    whole = load(ws.location)
    wanted = [whole.ledgers[0].items[0].id, whole.ledgers[-1].items[-1].title,
              whole.indicators[0].id, whole.indicators[-1].name, whole.plan.areas[0].id,
              whole.ledgers[-1].ledger.id, whole.ledgers[0].ledger.title, "no-such-thing"]
    for name in wanted:
        try:
            out.append(build_show(ws, today, name))
        except NotFound as exc:
            out.append(("not found", exc.id, exc.suggestions))
    return out


@pytest.mark.parametrize("hold", [0, load_module.HOLD_ITEMS])
@pytest.mark.parametrize("plan", sorted(PLANS))
def test_streamed_reports_equal_the_whole_plans(plan, hold, tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(PLANS[plan], data)
    location = DataLocation(data, "option")
    monkeypatch.setattr(load_module, "HOLD_ITEMS", hold)
    for today in DAYS:
        index: list = []
        checked(location, today, index=index)
        again: list = []
        checked(location, today, index=again)  # now from the check cache
        assert again == index and len(index) == len(load(location).ledgers)
        streamed = load_streamed(location, index, open_cache(location))
        assert isinstance(streamed.ledgers, LedgerStream)
        assert reports(streamed, today) == reports(load(location, keep_data=False), today)


def test_a_streamed_plan_holds_one_ledger_file_at_a_time(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(PLANS["shipped"], data)
    location = DataLocation(data, "option")
    index: list = []
    checked(location, date(2024, 5, 15), index=index)
    assert len(index) >= 3
    monkeypatch.setattr(load_module, "HOLD_ITEMS", 0)
    held: list[int] = []
    real = load_module._validate_ledger

    def counting(source, diags):
        held.append(sum(isinstance(o, m.LedgerFile) for o in gc.get_objects()))
        return real(source, diags)

    monkeypatch.setattr(load_module, "_validate_ledger", counting)
    ws = load_streamed(location, index)
    first = load(location).ledgers[0].items[0].id
    gc.collect()
    before = sum(isinstance(o, m.LedgerFile) for o in gc.get_objects())  # (other tests')
    for build in (build_status, build_owners, build_due):
        held.clear()
        build(ws, date(2024, 5, 15))
        # when a file is read, at most the one before it is still referenced
        assert len(held) == len(index) and max(held) - before <= 1, (before, held)
    held.clear()
    build_show(ws, date(2024, 5, 15), first)
    assert max(held) - before <= 2  # the item asked for keeps its own ledger


def test_a_small_plan_is_read_once_however_often_a_report_walks_it(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(PLANS["shipped"], data)
    location = DataLocation(data, "option")
    index: list = []
    checked(location, date(2024, 5, 15), index=index)
    reads: list[Path] = []
    real = load_module._validate_ledger

    def counting(source, diags):
        reads.append(source.path)
        return real(source, diags)

    monkeypatch.setattr(load_module, "_validate_ledger", counting)
    ws = load_streamed(location, index)
    build_status(ws, date(2024, 5, 15))
    build_owners(ws, date(2024, 5, 15))
    assert len(reads) == len(index)  # held: the shipped plan is far below HOLD_ITEMS
    monkeypatch.setattr(load_module, "HOLD_ITEMS", 0)
    ws = load_streamed(location, index)
    reads.clear()
    build_status(ws, date(2024, 5, 15))
    build_owners(ws, date(2024, 5, 15))
    assert len(reads) == 2 * len(index)  # a large plan is read again each walk


def test_a_ledger_edited_while_a_report_reads_stops_it_with_a_message(tmp_path, monkeypatch,
                                                                      capsys):
    """A file checked sound that no longer validates is never silently left out."""
    import sys

    from plan_cli.cli import main, options
    from plan_cli.datadir import LedgerChanged

    data = tmp_path / "data"
    shutil.copytree(PLANS["shipped"], data)
    tasks = data / "ledgers" / "provincial-tasks.yaml"
    index: list = []
    location = DataLocation(data, "option")
    checked(location, date(2024, 5, 15), index=index)
    sound = tasks.read_bytes()
    tasks.write_bytes(sound + b"\n  - [unclosed\n")
    with pytest.raises(LedgerChanged):
        build_status(load_streamed(location, index), date(2024, 5, 15))
    tasks.write_bytes(sound)
    real = options.require_sound

    def then_edited(*args, **kwargs):
        found = real(*args, **kwargs)
        tasks.write_bytes(sound + b"\n  - [unclosed\n")
        return found

    monkeypatch.setattr(options, "require_sound", then_edited)
    monkeypatch.setattr(sys, "argv", ["plan", "status", "--data", str(data), "--no-cache",
                                      "--lang", "zh"])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "provincial-tasks.yaml" in err and ("被修改" in err or "changed while" in err)
