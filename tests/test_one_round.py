"""Every problem in one run (issue 8, part 4): a structural error in one item
hides neither the other items' findings nor the file's warnings, and full-width
punctuation is located at the character, in the user's language."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from plan_cli.datadir import shipped_data_dir
from plan_cli.yamlread import parse

CASE = Path(__file__).parent / "cases" / "invalid" / "hand-edit-every-problem-at-once"


AFTER = "2026-12-01"


def _findings(run_plan, data: Path, *extra: str, as_of: str = "2024-05-10") -> list[dict]:
    result = run_plan("check", "--data", data, "--as-of", as_of, "--format", "json", *extra)
    return json.loads(result.stdout)["diagnostics"]


def test_the_hand_edit_is_reported_completely_in_one_run(base_plan, run_plan):
    ledger = base_plan / "ledgers" / "tasks.yaml"
    shutil.copyfile(CASE / "ledgers" / "tasks.yaml", ledger)
    found = _findings(run_plan, base_plan, "--lang", "zh")
    assert [(d["code"], d["line"], d["column"]) for d in found] == [
        ("unknown-department", 11, 40), ("unknown-field", 15, 46),
        # the typo'd key is read as the field it resembles: its own rule speaks now
        ("done-without-date", 15, 54),
        ("bad-quarter", 22, 18), ("full-width-punctuation", 26, 15)]
    assert found[4]["message"] == "第 26 行第 15 列是全角冒号“：”,请改为半角“:”"
    assert "切换为半角" in found[4]["hint"]
    # Fixing what the first run said leaves nothing for a second round.
    text = ledger.read_text(encoding="utf-8")
    for wrong, right in (("市工信局局", "市科技局"),
                         ("stauts: done", "status: done, done_on: 2024-01-05"), ("2024Q5", "2024Q3"),
                         ("status：planned", "status: planned")):
        text = text.replace(wrong, right)
    ledger.write_text(text, encoding="utf-8")
    assert _findings(run_plan, base_plan) == []


def test_a_broken_item_keeps_the_files_warnings(tmp_path, run_plan):
    data = tmp_path / "data"
    shutil.copytree(shipped_data_dir(), data)
    # the shipped data holds actuals up to 2024-08-31: judge it after that
    clean = [d for d in _findings(run_plan, data, as_of=AFTER) if d["severity"] == "warning"]
    ledger = data / "ledgers" / "provincial-tasks.yaml"
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text.replace("    provincial_clause: null", "    provincial_clase: null", 1)
                      .replace("    goal: null", "    colour: red", 1), encoding="utf-8")
    found = _findings(run_plan, data, as_of=AFTER)
    assert [d["code"] for d in found if d["severity"] == "error"] == ["unknown-field"] * 2
    assert [d for d in found if d["severity"] == "warning"] == clean and len(clean) > 50


def test_an_unknown_indicator_is_found_beside_a_broken_one(base_plan, run_plan):
    path = base_plan / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("unit: 家", "unit: 家\n    colour: red", 1), encoding="utf-8")
    items = base_plan / "ledgers" / "tasks.yaml"
    items.write_text(items.read_text(encoding="utf-8").replace(
        "indicators: [rd-intensity]", "indicators: [rd-intensty]"), encoding="utf-8")
    found = _findings(run_plan, base_plan)
    assert [d["code"] for d in found] == ["unknown-field", "unknown-indicator"]
    # the broken indicator is still a known name: no echo on references to it
    assert "export-bases" not in json.dumps(found[1])


@pytest.mark.parametrize("text, line, column, char, data", [
    ("a: {b: 1，c: 2}\n", 1, 9, "，", {"a": {"b": 1, "c": 2}}),
    ("a: [x-1，y]\n", 1, 8, "，", {"a": ["x-1", "y"]}),
    ("a:\n  － x\n", 2, 3, "－", {"a": ["x"]}),
    ("a:\u3000x\nb: 1\n", 1, 3, "\u3000", {"a": "x", "b": 1}),
    ("a:\n\u3000\u3000b: 1\n", 2, 1, "\u3000", {"a": {"b": 1}}),
    ("- {b: 1, c：2}\n", 1, 11, "：", [{"b": 1, "c": 2}]),
])
def test_full_width_syntax_is_located_at_the_character(text, line, column, char, data):
    got, problems = parse(text)
    assert [(p.code, p.line, p.column, p.args["character"]) for p in problems] == [
        ("full-width-punctuation", line, column, char)]
    assert got == data


def test_full_width_punctuation_in_text_is_text():
    text = ("title: 建设A，B平台，推进：实施\n"
            "t2: {title: 建设A，B平台}\n"
            "note: |\n  说明：第一，第二\n")
    got, problems = parse(text)
    assert problems == []
    assert got["title"] == "建设A，B平台，推进：实施" and got["t2"] == {"title": "建设A，B平台"}
