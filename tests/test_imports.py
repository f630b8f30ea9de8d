"""Each command imports only what it uses (measured in benchmarks/BENCHMARKS.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pydantic", "ruamel.yaml", "_ruamel_yaml", "yaml", "rich", "plan_cli.model", "plan_cli.load", "plan_cli.yamlread")

PROBE = """
import json, sys
sys.argv = ["plan", *sys.argv[1:]]
from plan_cli.cli import app
try:
    app()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_after(*args: str, cwd: Path = ROOT) -> set[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    env.pop("PLAN_DATA", None)
    out = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, env=env,
                         capture_output=True, text=True, check=True)
    return set(json.loads(out.stderr.strip().splitlines()[-1]))


def loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(m.startswith(name + ".") for m in modules)


def test_help_imports_neither_pydantic_nor_yaml_nor_the_model():
    modules = modules_after("--help")
    assert [name for name in HEAVY if loaded(modules, name)] == []


def test_check_answered_from_the_cache_imports_no_yaml_and_no_model(base_plan):
    args = ("check", "--data", str(base_plan), "--as-of", "2024-05-10")
    first = modules_after(*args)
    assert loaded(first, "plan_cli.model") and loaded(first, "ruamel.yaml")
    second = modules_after(*args)
    # typer itself imports pydantic to run a command; plan adds neither models nor YAML.
    assert [name for name in ("ruamel.yaml", "_ruamel_yaml", "yaml", "plan_cli.model", "plan_cli.load", "plan_cli.yamlread",
                              "rich") if loaded(second, name)] == []


def test_entry_point_flushes_everything_and_keeps_exit_codes(base_plan):
    """`entry` ends with os._exit: the output must be complete and the codes unchanged."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    env.pop("PLAN_DATA", None)
    tasks = base_plan / "ledgers" / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("市科技局", "市科技"),
                     encoding="utf-8")

    def plan(*args):
        return subprocess.run([sys.executable, "-m", "plan_cli", *args], env=env,
                              capture_output=True, text=True, encoding="utf-8")

    broken = plan("check", "--data", str(base_plan), "--as-of", "2024-05-10", "--format", "json")
    assert broken.returncode == 1
    assert json.loads(broken.stdout)["summary"]["errors"] >= 1
    text = plan("check", "--data", str(base_plan), "--as-of", "2024-05-10")
    assert text.returncode == 1 and "checked 5 files" in text.stderr
    assert plan("check", "--data", str(base_plan / "nowhere")).returncode == 2
    assert plan("--help").returncode == 0
