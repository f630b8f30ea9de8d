"""`plan check` holds one ledger at a time: it must find exactly what a whole load finds."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from plan_cli import checks as check
from plan_cli.check import run_checks, run_checks_streaming
from plan_cli.datadir import DataLocation
from plan_cli.load import load

ROOT = Path(__file__).resolve().parent.parent
TASKS = "ledgers/tasks.yaml"
KEY = "ledgers/key-indicators.yaml"


def both(data: Path, today: date = date(2024, 5, 10)):
    location = DataLocation(data, "option")
    ws = load(location)
    return (run_checks(ws, today), ws.files_read), run_checks_streaming(location, today)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


MUTATIONS = {
    "clean": [],
    "unknown department": [(TASKS, "department: 市科技局", "department: 市科技")],
    "duplicate id across ledgers": [(TASKS, "id: PT-002", "id: KI-01")],
    "item id equal to an indicator's": [(TASKS, "id: PT-002", "id: rd-intensity")],
    "ledger id equal to an item's": [(KEY, "id: key-indicators", "id: PT-001")],
    "duplicate area": [("plan.yaml", "id: industry", "id: innovation")],
    "invalid ledger": [(TASKS, "status: planned", "status: plannd")],
    "weak stretch target": [(KEY, "value: 3.0", "value: 2.0")],
    "unknown indicator and area": [(TASKS, "indicators: [export-bases]", "indicators: [x]"),
                                   (KEY, "area: innovation", "area: nowhere")],
    "incomplete ledger": [(TASKS, "declared_count: 2", "declared_count: 9")],
    "outside period": [(TASKS, "quarter: 2024Q1", "quarter: 2027Q1")],
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_streaming_equals_whole_load(base_plan, name):
    for rel, old, new in MUTATIONS[name]:
        edit(base_plan / rel, old, new)
    whole, streamed = both(base_plan)
    assert whole == streamed
    if name != "clean":
        assert whole[0], "the mutation should be found"


def test_streaming_equals_whole_load_with_broken_files(base_plan):
    (base_plan / "ledgers" / "broken.yaml").write_text("ledger: [\n", encoding="utf-8")
    (base_plan / "ledgers" / "empty.yml").write_text("", encoding="utf-8")
    (base_plan / "ledgers" / "odd.yaml").write_text("ledger: {id: odd, kind: nope, title: x}\n",
                                                    encoding="utf-8")
    (base_plan / "owners.yaml").unlink()
    whole, streamed = both(base_plan)
    assert whole == streamed
    assert {d.code for d in whole[0]} >= {"yaml-syntax", "missing-file", "unknown-ledger-kind"}


def test_streaming_equals_whole_load_on_dates(base_plan):
    whole, streamed = both(base_plan, date(2023, 6, 1))
    assert whole == streamed
    assert any(d.code == "date-in-future" for d in whole[0])


def test_streaming_equals_whole_load_on_a_generated_plan(tmp_path):
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    data = tmp_path / "data"
    generate.generate(300, data, per_file=40, peers=False)
    whole, streamed = both(data, date(2026, 1, 1))
    assert whole == streamed and whole[0] == [], "a generated plan checks clean"
    # ids duplicated across files far apart, and one in a file of another kind
    edit(data / "ledgers" / "pilots-002.yaml", "id: PL-000042", "id: PT-000001")
    edit(data / "ledgers" / "innovations-001.yaml", "id: IN-000001", "id: PT-000003")
    whole, streamed = both(data, date(2024, 1, 1))
    assert whole == streamed
    assert sum(d.code == "duplicate-id" for d in whole[0]) == 2
    assert any(d.code == "date-in-future" for d in whole[0])


def test_a_rule_not_known_to_be_per_ledger_makes_check_load_everything(base_plan, monkeypatch):
    seen = []

    def across_ledgers(ws, today):
        seen.append(len(ws.ledgers))
        return []

    monkeypatch.setattr(check, "RULES", check.RULES + (across_ledgers,))
    run_checks_streaming(DataLocation(base_plan, "option"), date(2024, 5, 10))
    assert seen == [2]


def test_streaming_locates_items_of_ledgers_sharing_an_id_in_their_own_file(base_plan):
    """Two files with one ledger id: the duplicate is reported, and each item's findings
    stay in its own file."""
    edit(base_plan / TASKS, "department: 市科技局", "department: 市科技")
    (base_plan / "ledgers" / "zz.yaml").write_text(
        "# SYNTHETIC\nledger: {id: tasks, kind: pilots, title: 试点}\n", encoding="utf-8")
    diags, _ = run_checks_streaming(DataLocation(base_plan, "option"), date(2024, 5, 10))
    unknown = [d for d in diags if d.code == "unknown-department"]
    assert unknown and all(d.path.endswith("tasks.yaml") for d in unknown)
    assert any(d.code == "duplicate-id" and d.path.endswith("zz.yaml") for d in diags)
