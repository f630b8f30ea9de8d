"""What every report shares: filters, formats (JSON, CSV with BOM, Markdown), languages,
alignment of Chinese tables, and the shipped data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from plan_cli.render.output import Grid, View, render_table
from plan_cli.render.console import make_console
from tests.conftest import TESTS

PROGRESS = TESTS / "fixtures" / "progress"
SHIPPED = Path(__file__).resolve().parent.parent / "data"
MID = "2024-05-15"
REPORTS = ("status", "gaps", "due", "owners")


@pytest.mark.parametrize("report", REPORTS)
@pytest.mark.parametrize("option, value, guess", [
    ("--area", "inovation", "innovation"),
    ("--ledger", "taks", "tasks"),
    ("--department", "市科技", "市科技局"),
    ("--leader", "王市长", "王副市长"),
])
def test_unknown_filter_value_is_a_usage_error(run_plan, report, option, value, guess):
    result = run_plan(report, "--data", PROGRESS, "--as-of", MID, option, value)
    assert result.exit_code == 2, result.output
    assert f"did you mean '{guess}'?" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("report, status", [("gaps", "overdue"), ("due", "met"),
                                            ("status", "done"), ("owners", "on_track")])
def test_status_the_report_does_not_use_is_a_usage_error(run_plan, report, status):
    result = run_plan(report, "--data", PROGRESS, "--as-of", MID, "--status", status)
    assert result.exit_code == 2, result.output
    assert "is not a status this report uses" in result.stderr


def test_status_filters(run_plan):
    # --department 市科技局 on 2024-05-15: items PT-01 (4 entries: 2 done, 1 due,
    # 1 upcoming) and PT-05 (1 upcoming); indicators rd (on_track), labs (met), patents.
    result = run_plan("status", "--data", PROGRESS, "--as-of", MID, "--format", "json",
                      "--department", "市科技局")
    data = json.loads(result.stdout)
    tasks = data["ledgers"][0]
    assert tasks["entered"] == 2 and tasks["declared"] is None
    assert tasks["entries"] == {"total": 5, "done": 2, "due": 1, "overdue": 0}
    innovation = next(a for a in data["areas"] if a["id"] == "innovation")
    assert innovation["indicators"]["met"] == 1 and innovation["indicators"]["on_track"] == 1
    assert innovation["total"] == 3
    assert data["filters"]["department"] == ["市科技局"]


def test_status_counts_entries_as_known_on_the_date(run_plan):
    # On 2024-05-15 three entries were done (PT-01 2023Q2, 2023Q4; PT-03 2024Q1); the
    # others marked done were done later. Due in 2024Q2: PT-01, PT-02, PT-04. Overdue:
    # PT-02 2023Q3.
    result = run_plan("status", "--data", PROGRESS, "--as-of", MID, "--format", "json")
    tasks = json.loads(result.stdout)["ledgers"][0]
    assert tasks["entries"] == {"total": 12, "done": 3, "due": 3, "overdue": 1}


@pytest.mark.parametrize("report", REPORTS)
def test_csv_is_utf8_with_bom(run_plan, report):
    table = ("--table", "ledgers") if report == "status" else ()  # one table a CSV
    result = run_plan(report, "--data", PROGRESS, "--as-of", MID, "--format", "csv",
                      "--lang", "zh", *table)
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) >= 2 and all(rows[0])


def test_due_csv_rows(run_plan):
    result = run_plan("due", "--data", PROGRESS, "--as-of", MID, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    # flags and owner levels each in their own column (issue 11)
    assert rows[0] == ["Item", "Title", "Quarter", "Deliverable", "Department", "Section",
                       "Leader", "Staff", "Light", "Due state", "Status", "stale",
                       "Quarters late", "Cause", "Corrective action"]
    # PT-02 2023Q3 is recorded delayed and 3 quarters overdue: both are said, apart
    assert rows[1][8:13] == ["red", "overdue", "delayed", "stale", "3"]
    assert [[r[0], r[4]] for r in rows[1:]] == [["PT-02", "市发展改革委"],
                                                ["PT-02", "市发展改革委"],
                                                ["PT-01", "市科技局"], ["PT-04", ""]]


@pytest.mark.parametrize("report", REPORTS)
def test_markdown(run_plan, report):
    result = run_plan(report, "--data", PROGRESS, "--as-of", MID, "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ")
    assert "|---" in result.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("data, args", [
    (PROGRESS, ("gaps",)), (PROGRESS, ("due",)), (PROGRESS, ("owners",)),
    (PROGRESS, ("status",)), (PROGRESS, ("show", "PT-01")), (PROGRESS, ("show", "rd")),
    (SHIPPED, ("gaps",)), (SHIPPED, ("status",)), (SHIPPED, ("show", "innovation"))])
def test_tables_with_chinese_stay_aligned_at_100_columns(run_plan, lang, data, args):
    result = run_plan(*args, "--data", data, "--as-of", MID, "--lang", lang)
    assert result.exit_code == 0, result.output
    blocks, block = [], []
    for line in result.stdout.splitlines():
        # Table blocks: lines from rich tables, which pad every line to the table width.
        if line.startswith(" ") and line.strip() or (block and line.strip() == "" and
                                                     len(line) > 0):
            block.append(line)
        elif block:
            blocks.append(block)
            block = []
    assert blocks
    for block in blocks:
        widths = {cell_len(line) for line in block}
        assert len(widths) == 1, (widths, block)
        assert widths.pop() <= 100
        # Every table line ends with the edge's blank: a table wider than the console
        # would be cropped mid-cell instead.
        assert all(line.endswith(" ") for line in block), block


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_wide_grid_is_folded_to_100_cells(lang):
    # Render directly on a 100-column console: a row far wider than the terminal.
    name = "高新技术产业产值占规模以上工业总产值比重" * 2
    grid = Grid(None, ["指标" if lang == "zh" else "Indicator", "状态", "目标", "差距"],
                [[name, "明显滞后", "达到65%左右 (2025)", "12.3 (45.6%)"],
                 ["rd", "on track", "about 2.8 (2025)", "0.35 (58.3%)"]], frozenset({3}))
    out = io.StringIO()
    render_table(View("标题", [], [grid]), make_console(out, width=100))
    lines = [line for line in out.getvalue().splitlines()[2:] if line]
    assert len({cell_len(line) for line in lines}) == 1
    assert max(cell_len(line) for line in lines) <= 100


# --- the shipped data -------------------------------------------------------------


def test_shipped_gaps_lists_every_indicator_with_target_and_operator(run_plan):
    result = run_plan("gaps", "--data", SHIPPED, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["indicators"]
    assert len(rows) == 16
    for row in rows:
        assert row["target"]["op"] and row["target"]["value"] is not None, row
    table = run_plan("gaps", "--data", SHIPPED, "--format", "markdown")
    for row in rows:
        assert row["name"] in table.stdout


@pytest.mark.parametrize("args", [("due", "--quarter", "2024Q2"), ("owners",), ("gaps",),
                                  ("status",), ("show", "PT-003"), ("show", "rd-intensity"),
                                  ("show", "innovation")])
def test_shipped_reports_run_and_json_parses(run_plan, args):
    assert run_plan(*args, "--data", SHIPPED).exit_code == 0
    result = run_plan(*args, "--data", SHIPPED, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["report"] == args[0]


def test_language_from_the_environment(run_plan, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    result = run_plan("owners", "--data", PROGRESS, "--as-of", MID)
    assert "责任落实督导表" in result.stdout


def test_every_report_command_has_help(run_plan):
    for command in ("status", "gaps", "due", "owners", "show"):
        result = run_plan(command, "--help")
        assert result.exit_code == 0
        assert "--format" in result.stdout


@pytest.mark.parametrize("as_of, entries, areas", [
    # Before the plan: nothing done (the first done_on is 2023-06-20), due or overdue;
    # no actual is known, so every indicator has no data.
    ("2022-11-15", {"total": 12, "done": 0, "due": 0, "overdue": 0},
     {"innovation": {"no_data": 4}, "industry": {"no_data": 4}, "ecology": {"no_data": 1}}),
    # After: done PT-01 x3 + PT-03 x3 = 6; overdue PT-01 2024Q4, PT-02 2023Q3 and 2024Q2,
    # PT-04 2024Q2, PT-05 2024Q3 = 5; one dropped. Final: labs, retail, rank met;
    # rd, share, bases missed; platforms no data; patents (8 in 2023, no baseline) cannot
    # tell; energy (0.78 in 2023, trend to 0.74 > 0.5) likely missed.
    ("2026-03-01", {"total": 12, "done": 6, "due": 0, "overdue": 5},
     {"innovation": {"met": 1, "missed": 1, "no_data": 1, "cannot_tell": 1},
      "industry": {"met": 2, "missed": 2, "no_data": 0},
      "ecology": {"met": 0, "missed": 0, "no_data": 0, "likely_missed": 1}}),
])
def test_status_before_and_after_the_period(run_plan, as_of, entries, areas):
    result = run_plan("status", "--data", PROGRESS, "--as-of", as_of, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ledgers"][0]["entries"] == entries
    for area in data["areas"]:
        counts = {k: v for k, v in area["indicators"].items() if v or k in areas[area["id"]]}
        assert counts == areas[area["id"]], area
