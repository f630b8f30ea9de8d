"""``plan example DIR``: a complete, deterministic, synthetic plan; the banner on every output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plan_cli.load import find_data, load
from plan_cli.schedule import done_late


@pytest.fixture(scope="module")
def example_dir(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from plan_cli.cli import app

    folder = tmp_path_factory.mktemp("ex") / "demo"
    result = CliRunner().invoke(app, ["example", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".plan-cache" not in p.parts}


def test_example_checks_clean_and_is_marked_synthetic(example_dir, run_plan):
    result = run_plan("check", "--data", example_dir)
    assert result.exit_code == 0, result.output
    ws = load(find_data(example_dir))
    assert ws.plan.plan.synthetic is True
    for path in (example_dir / "data").rglob("*.yaml"):
        schema_line, mark = path.read_text(encoding="utf-8").splitlines()[:2]
        assert schema_line.startswith("# yaml-language-server: $schema=../")
        assert mark.startswith("# SYNTHETIC example data")
    # the layout of a real plan repository, as plan init writes it
    for rel in (".gitignore", ".github/workflows/plan.yml", "schemas/plan.schema.json"):
        assert (example_dir / rel).is_file(), rel


def test_example_fills_every_ledger_with_owners_schedules_and_troubles(example_dir):
    ws = load(find_data(example_dir))
    assert len(ws.ledgers) == 5
    statuses, causes, late = set(), 0, 0
    for ledger in ws.ledgers:
        assert ledger.items and len(ledger.items) == ledger.ledger.declared_count
        for item in ledger.items:
            assert item.owners.leader and item.owners.department and item.owners.staff
            assert item.schedule and item.updates
            for entry in item.schedule:
                statuses.add(entry.status.value)
                causes += bool(entry.cause and entry.corrective_action)
                late += done_late(entry)
    assert {"done", "delayed", "blocked", "dropped", "in_progress"} <= statuses
    assert causes >= 3 and late >= 3
    with_actuals = [i for i in ws.indicators if len(i.actuals) >= 2]
    assert len(with_actuals) >= 10
    assert any(a.cause for i in ws.indicators for a in i.actuals)


def test_example_is_deterministic(tmp_path, run_plan, example_dir):
    again = tmp_path / "again"
    assert run_plan("example", again).exit_code == 0
    assert _files(again) == _files(example_dir)


def test_example_refuses_a_folder_with_files(tmp_path, run_plan):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_plan("example", tmp_path, "--lang", "zh")
    assert result.exit_code == 2
    assert "已存在且不为空" in result.stderr and "Traceback" not in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize("command", [["status"], ["gaps"], ["due"], ["owners"],
                                     ["show", "ex-ind-01"], ["show", "PT-01"]])
def test_every_report_of_a_synthetic_plan_carries_the_banner(example_dir, run_plan, command):
    table = run_plan(*command, "--data", example_dir, "--lang", "zh")
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0] == "示例数据(虚构,非真实计划数据)"
    markdown = run_plan(*command, "--data", example_dir, "--format", "markdown")
    assert "> **SYNTHETIC example data" in markdown.stdout
    data = json.loads(run_plan(*command, "--data", example_dir, "--format", "json").stdout)
    assert data["synthetic"] is True


def test_real_data_has_no_banner(run_plan):
    shipped = Path(__file__).parent.parent / "data"
    result = run_plan("status", "--data", shipped, "--lang", "zh")
    assert "示例数据(虚构" not in result.stdout
    data = json.loads(run_plan("status", "--data", shipped, "--format", "json").stdout)
    assert "synthetic" not in data


def test_example_files_name_their_schema_and_conform(example_dir):
    import jsonschema

    from plan_cli.schema import MODELINE
    from plan_cli.yamlread import parse

    for path in sorted((example_dir / "data").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        schema_file = (path.parent / text.splitlines()[0][len(MODELINE):]).resolve()
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        data = json.loads(json.dumps(parse(text)[0]))
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == [], path.name


def test_another_seed_gives_another_example_that_checks_clean(tmp_path, run_plan, example_dir):
    other = tmp_path / "other"
    assert run_plan("example", other, "--seed", "7").exit_code == 0
    assert run_plan("check", "--data", other).exit_code == 0
    assert _files(other)["data/ledgers/pilots.yaml"] != _files(example_dir)["data/ledgers/pilots.yaml"]
