"""plan schema: committed schemas are current, and every data file names its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plan_cli.schema import MODELINE, schemas
from plan_cli.yamlread import parse

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = sorted((ROOT / "data").rglob("*.yaml"))


def test_committed_schemas_are_current(run_plan):
    result = run_plan("schema", "--check", "--out", ROOT / "schemas")
    assert result.exit_code == 0, result.output


def test_schema_writes_every_kind(run_plan, tmp_path):
    result = run_plan("schema", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(schemas())


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_data_file_names_its_schema_and_conforms(path):
    jsonschema = pytest.importorskip("jsonschema")
    text = path.read_text(encoding="utf-8-sig")
    first = text.splitlines()[0]
    assert first.startswith(MODELINE)
    schema_file = (path.parent / first[len(MODELINE):]).resolve()
    data = parse(text)[0]
    if "ledger" in data:
        assert schema_file.name == f"ledger-{data['ledger']['kind']}.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(json.dumps(data))))
    assert errors == []
