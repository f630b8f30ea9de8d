"""plan init: a new plan repository that checks clean and carries its CI."""

from __future__ import annotations

import json

import pytest

from plan_cli.schema import MODELINE
from plan_cli.yamlread import parse


def test_init_creates_a_clean_plan_repository(tmp_path, run_plan):
    root = tmp_path / "rizhao"
    result = run_plan("init", root, "--id", "rizhao", "--title", "日照市三年行动计划",
                      "--start", "2024Q1", "--end", "2026Q4")
    assert result.exit_code == 0, result.output
    check = run_plan("check", "--data", root / "data", "--strict")
    assert check.exit_code == 0, check.output
    assert (root / ".github" / "workflows" / "plan.yml").is_file()
    assert (root / ".pre-commit-config.yaml").is_file()
    assert ".plan.lock" in (root / ".gitignore").read_text()
    assert run_plan("schema", "--check", "--data", root / "data").exit_code == 0
    plan = parse((root / "data" / "plan.yaml").read_text(encoding="utf-8"))[0]
    assert plan["plan"]["title"] == "日照市三年行动计划"
    assert str(plan["plan"]["period"]["end"]) == "2026Q4"


def test_init_files_name_their_schemas(tmp_path, run_plan):
    jsonschema = pytest.importorskip("jsonschema")
    root = tmp_path / "p"
    assert run_plan("init", root).exit_code == 0
    for path in (root / "data").rglob("*.yaml"):
        first, text = path.read_text(encoding="utf-8").split("\n", 1)
        schema = json.loads((path.parent / first[len(MODELINE):]).read_text(encoding="utf-8"))
        data = json.loads(json.dumps(parse(text)[0]))
        assert not list(jsonschema.Draft202012Validator(schema).iter_errors(data)), path


def test_init_refuses_an_existing_plan(tmp_path, run_plan, base_plan):
    assert run_plan("init", tmp_path / "x").exit_code == 0
    result = run_plan("init", tmp_path / "x")
    assert result.exit_code == 2 and "already holds plan files" in result.stderr
    assert run_plan("init", tmp_path / "y", "--end", "2025Q5").exit_code == 2
