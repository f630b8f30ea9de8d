"""CSV fit for spreadsheets (issue 11, part 4): each problem of the issue's *Why*,
checked the way a user meets it — the CSV opened by LibreOffice Calc."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import openpyxl
import pytest

from .conftest import TESTS

PROGRESS = TESTS / "fixtures" / "progress"
MID = "2024-05-15"
EVIL = '=HYPERLINK("http://evil.example/","点我")'


def _rows(raw: bytes) -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The progress fixture with a title, a ledger name and an indicator name a
    spreadsheet would run as formulas."""
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(PROGRESS, data)
    tasks = data / "ledgers" / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    text = text.replace("title: 培育服务出口基地", "title: '" + EVIL.replace("'", "''") + "'", 1)
    text = text.replace("name: 任务台账", "name: '-2+3'", 1)
    tasks.write_text(text, encoding="utf-8")
    ind = data / "indicators.yaml"
    ind.write_text(ind.read_text(encoding="utf-8").replace(
        "name: 单位生产总值能耗", "name: '@SUM(1,2)'", 1), encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def opened(hostile, tmp_path_factory):
    """Every report's CSV written with --output, then opened by LibreOffice Calc (as a
    user double-clicking it would: special numbers detected, formulas evaluated) and
    saved as xlsx, read back cell by cell with their types."""
    from typer.testing import CliRunner

    from plan_cli.cli import app

    out = tmp_path_factory.mktemp("csv")
    runs = {"status": ("status", "--table", "ledgers"), "gaps": ("gaps",), "due": ("due",),
            "owners": ("owners",)}
    for name, args in runs.items():
        result = CliRunner().invoke(app, [*args, "--data", str(hostile), "--as-of", MID,
                                          "--format", "csv", "--output", str(out / f"{name}.csv")])
        assert result.exit_code == 0, result.output
    # 44 comma, 34 quote, 76 UTF-8, 1 first line, , 1033 language, false quoted-as-text,
    # true detect special numbers (2/28 -> a date), ... token 13 true: evaluate formulas.
    options = "44,34,76,1,,1033,false,true,false,false,false,-1,true"
    profile = f"file://{out}/lo-profile"
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless",
         f"--infilter=Text - txt - csv (StarCalc):{options}", "--convert-to", "xlsx",
         "--outdir", str(out / "xlsx"), *[str(out / f"{n}.csv") for n in runs]],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    books = {}
    for name in runs:
        values = openpyxl.load_workbook(out / "xlsx" / f"{name}.xlsx").active
        formulas = openpyxl.load_workbook(out / "xlsx" / f"{name}.xlsx").active
        books[name] = ([[c.value for c in row] for row in values.iter_rows()],
                       [[c.data_type for c in row] for row in formulas.iter_rows()])
    return books


def _column(table: list[list], name: str) -> list:
    head = table[0]
    return [row[head.index(name)] for row in table[1:]]


def test_status_entered_and_declared_are_numbers_not_dates(opened):
    values, types = opened["status"]
    assert values[0][:4] == ["Id", "Ledger", "Entered", "Declared"]
    assert _column(values, "Entered") == [5, 2] and _column(values, "Declared") == [5, 3]
    assert all(t != "d" for row in types for t in row)  # nothing became a date


def test_gaps_numbers_are_numbers_with_period_and_share_apart(opened):
    values, _ = opened["gaps"]
    energy = values[1]
    head = values[0]
    assert energy[head.index("Latest")] == 0.78
    assert energy[head.index("Latest (Period)")] == 2023
    assert energy[head.index("Short of target")] == 0.28
    assert energy[head.index("Short of target (%)")] == pytest.approx(93.3333)
    assert isinstance(energy[head.index("Baseline")], float)
    latest = [v for v in _column(values, "Latest") if v is not None]
    assert latest and all(isinstance(v, (int, float)) for v in latest)  # can be summed


def test_due_flags_and_owner_levels_have_their_own_columns(opened):
    values, _ = opened["due"]
    head = values[0]
    for name in ("Department", "Section", "Leader", "Staff", "Due state", "Status", "stale"):
        assert name in head
    row = values[1]
    assert row[head.index("Department")] == "市发展改革委" and row[head.index("Leader")] == "李副市长"
    assert row[head.index("Due state")] == "overdue" and row[head.index("Status")] == "delayed"
    assert row[head.index("stale")] == "stale"
    assert not any(" · " in str(v) or " / " in str(v) for r in values for v in r)
    assert isinstance(row[head.index("Quarters late")], int)


def test_formula_looking_cells_stay_text(opened, hostile):
    values, types = opened["due"]
    titles = _column(values, "Title")
    assert "'" + EVIL in titles or EVIL in titles  # shown as the text, not a link
    assert all(t != "f" for row in types for t in row)
    status, status_types = opened["status"]
    assert any(str(v).endswith("-2+3") for v in _column(status, "Ledger"))
    assert 1 not in _column(status, "Ledger")  # '-2+3' did not compute
    gaps, _ = opened["gaps"]
    assert any("@SUM(1,2)" in str(v) for v in _column(gaps, "Indicator"))
    assert 3 not in _column(gaps, "Indicator")


@pytest.mark.parametrize("cell, inert", [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-1+1", "'-1+1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("-0.5", "-0.5"), ("12", "12"), ("a=b", "a=b"),
])
def test_owasp_csv_injection_rule(cell, inert):
    from plan_cli.render.output import inert as make_inert

    assert make_inert(cell) == inert


def test_a_report_with_several_tables_asks_which_or_writes_each(run_plan, tmp_path):
    result = run_plan("status", "--data", PROGRESS, "--as-of", MID, "--format", "csv")
    assert result.exit_code == 2
    assert "ledgers, areas" in result.stderr and "--table" in result.stderr
    assert not result.stdout
    result = run_plan("status", "--data", PROGRESS, "--as-of", MID, "--format", "csv",
                      "--table", "areas")
    assert result.exit_code == 0
    assert _rows(result.stdout_bytes)[0][:2] == ["Id", "Area"]
    result = run_plan("status", "--data", PROGRESS, "--as-of", MID, "--format", "csv",
                      "--table", "nope")
    assert result.exit_code == 2 and "no table 'nope'" in result.stderr
    result = run_plan("show", "PT-01", "--data", PROGRESS, "--as-of", MID, "--format", "csv",
                      "--output", tmp_path / "pt.csv")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "pt-fields.csv", "pt-indicators.csv", "pt-schedule.csv", "pt-updates.csv"]
    schedule = _rows((tmp_path / "pt-schedule.csv").read_bytes())
    assert schedule[0] == ["Quarter", "Deliverable", "State", "Done on", "Done late",
                           "Quarters late", "Evidence"] and len(schedule) == 5
    assert schedule[2][3:5] == ["2024-02-10", "Done late"]  # a date alone, the flag apart


@pytest.mark.parametrize("args", [("status",), ("gaps",), ("due",), ("owners",),
                                  ("show", "PT-01")])
@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_output_writes_the_bytes_as_they_are(run_plan, tmp_path, args, fmt):
    target = tmp_path / "out.txt"
    common = ("--data", PROGRESS, "--as-of", MID, "--format", fmt, "--lang", "zh")
    written = run_plan(*args, *common, "--output", target)
    assert written.exit_code == 0, written.output
    assert written.stdout == ""
    data = target.read_bytes()
    text = data.decode("utf-8")  # UTF-8, whatever the console's code page
    if fmt == "json":
        printed = run_plan(*args, *common)
        assert json.loads(text) == json.loads(printed.stdout)
    else:
        assert "截至" in text or "计划" in text
    assert (target.stat().st_mode & 0o777) != 0o600  # a normal file, not a private temp


def test_output_to_a_folder_that_does_not_exist_is_one_clear_line(run_plan, tmp_path):
    result = run_plan("gaps", "--data", PROGRESS, "--as-of", MID, "--format", "csv",
                      "--output", tmp_path / "missing" / "g.csv")
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.output


def test_show_values_are_plain_numbers(run_plan, tmp_path):
    result = run_plan("show", "rd", "--data", PROGRESS, "--as-of", MID, "--format", "csv",
                      "--table", "values")
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout_bytes)
    assert rows[0] == ["Period", "Value", "Trajectory"]
    for period, value, expected in rows[1:]:
        assert period.isdigit() or "Q" in period
        for cell in (value, expected):
            assert cell == "" or float(cell) == float(cell)  # a number, or blank when unknown
            assert "," not in cell and "—" not in cell
