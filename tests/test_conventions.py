"""The conventions a command-line user expects (issue 13): --version, the tool's
version in JSON, -q/--quiet, and tables fit for pipes."""

from __future__ import annotations

import json
import re

import pytest

from pathlib import Path

from plan_cli import __version__

ROOT = Path(__file__).resolve().parent.parent


def test_version(run_plan):
    result = run_plan("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"plan {__version__}"
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


@pytest.mark.parametrize("args", [
    ["check", "--format", "json"], ["status", "--format", "json"], ["gaps", "--format", "json"],
    ["due", "--format", "json"], ["owners", "--format", "json"],
    ["show", "PT-001", "--format", "json"],
])
def test_every_json_output_names_the_tool_version(run_plan, base_plan, args):
    result = run_plan(*args, "--data", str(base_plan), "--as-of", "2024-05-10")
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert data["plan_version"] == __version__


def test_quiet_drops_the_warning_summary(run_plan):
    shipped = str(ROOT / "data")  # the Weihai data: ledgers not yet complete, so warnings
    loud = run_plan("status", "--data", shipped, "--as-of", "2024-05-10")
    assert "warning" in loud.stderr
    quiet = run_plan("status", "-q", "--data", shipped, "--as-of", "2024-05-10")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert quiet.stdout == loud.stdout
    check = run_plan("check", "--quiet", "--data", shipped, "--as-of", "2024-05-10")
    assert "checked" not in check.stderr


def test_quiet_keeps_the_errors(run_plan, base_plan):
    (base_plan / "plan.yaml").write_text("plan: [\n", encoding="utf-8")
    result = run_plan("status", "-q", "--data", str(base_plan))
    assert result.exit_code == 1
    assert "yaml-syntax" in result.stderr


def _unbroken(text: str, words: list[str]) -> list[str]:
    """The words that appear whole on no line of ``text``."""
    return [w for w in words if not any(w in line for line in text.splitlines())]


@pytest.mark.parametrize("columns", ["60", "80"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_piped_tables_follow_columns_and_split_no_number_id_or_word(run_plan, monkeypatch,
                                                                    columns, lang):
    monkeypatch.setenv("COLUMNS", columns)
    shipped = str(ROOT / "data")
    result = run_plan("gaps", "-q", "--data", shipped, "--as-of", "2024-06-30", "--lang", lang)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line != line.rstrip()]  # no trailing padding
    from rich.cells import cell_len

    assert max(cell_len(line) for line in lines) <= int(columns)
    data = json.loads(run_plan("gaps", "--format", "json", "--data", shipped,
                               "--as-of", "2024-06-30").stdout)
    ids = [row["id"] for row in data["indicators"]] if "indicators" in data else []
    if lang == "en":  # gaps' ten English heads cannot fit 60-80 columns unbroken: rich folds
        return
    assert not re.search(r"不低于\d+\n\s*\d", result.stdout)  # 不低于4 / 0
    words = ["90.9", "60.13", "(2025)", "(2020)"] if lang == "zh" else [
        "Indicator", "Baseline", "Expected", "Target", "(2025)"]
    assert _unbroken(result.stdout, words) == []
    status = run_plan("status", "-q", "--data", shipped, "--as-of", "2024-06-30", "--lang", lang)
    head_words = ["Entered", "Assigned", "Schedule", "overdue", "38/168"] if lang == "en" else [
        "38/168", "已录入"]
    assert _unbroken(status.stdout, head_words) == []


def test_without_columns_pipes_are_100_wide(monkeypatch):
    from plan_cli.render.console import piped_width

    assert piped_width({}) == 100
    assert piped_width({"COLUMNS": "72"}) == 72
    assert piped_width({"COLUMNS": "junk"}) == 100


def test_plan_lang_is_part_of_a_replayed_report(run_plan, monkeypatch):
    shipped = str(ROOT / "data")
    monkeypatch.setenv("PLAN_LANG", "en")
    en = run_plan("gaps", "-q", "--data", shipped, "--as-of", "2024-06-30")
    monkeypatch.setenv("PLAN_LANG", "zh")
    zh = run_plan("gaps", "-q", "--data", shipped, "--as-of", "2024-06-30")
    assert en.stdout.startswith("Indicators against") and zh.stdout.startswith("指标与目标")
