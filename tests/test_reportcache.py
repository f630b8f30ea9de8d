"""Reports replayed from .plan-cache/report/: the same bytes, never stale, nothing heavy imported."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from plan_cli import reportcache
from tests.test_imports import loaded, modules_after

AS_OF = "2024-05-10"
REPORTS = [("status",), ("gaps",), ("due",), ("due", "--next", "--by", "leader"), ("owners",),
           ("show", "PT-001"), ("show", "rd-intensity"), ("show", "no-such-id")]
FORMATS = [("--format", "table"), ("--format", "markdown"), ("--format", "csv"),
           ("--format", "json"), ("--format", "table", "--lang", "zh")]
# A CSV holds one table: reports with several name theirs (issue 11).
CSV_TABLE = {("status",): "ledgers", ("show", "PT-001"): "schedule",
             ("show", "rd-intensity"): "values"}


def entries(data: Path) -> list[Path]:
    folder = data.parent / ".plan-cache" / "report"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def run_all(run_plan, data: Path, *extra: str) -> list[tuple]:
    results = []
    for report in REPORTS:
        for fmt in FORMATS:
            table = ("--table", CSV_TABLE[report]) if "csv" in fmt and report in CSV_TABLE else ()
            r = run_plan(*report, "--data", data, "--as-of", AS_OF, *fmt, *table, *extra)
            results.append((r.exit_code, r.stdout_bytes, r.stderr_bytes))
    return results


def test_every_report_replays_exactly_what_it_printed(run_plan, base_plan):
    uncached = run_all(run_plan, base_plan, "--no-cache")
    assert entries(base_plan) == []
    cold = run_all(run_plan, base_plan)
    assert len(entries(base_plan)) == len(REPORTS) * len(FORMATS)
    warm = run_all(run_plan, base_plan)
    assert uncached == cold == warm
    codes = {code for code, _, _ in warm}
    assert codes == {0, 1}  # `show no-such-id` exits 1, from the cache too
    csv = warm[2][1]
    assert csv.startswith(b"\xef\xbb\xbf")  # the CSV's BOM went through the binary stream


def test_a_warm_report_imports_no_models_no_yaml_and_no_rich(base_plan):
    args = ("status", "--data", str(base_plan), "--as-of", AS_OF)
    first = modules_after(*args)
    assert loaded(first, "plan_cli.model") and loaded(first, "rich")
    second = modules_after(*args)
    heavy = ("plan_cli.model", "plan_cli.load", "plan_cli.yamlread", "plan_cli.check",
             "plan_cli.reports", "plan_cli.render", "ruamel.yaml", "_ruamel_yaml", "rich")
    assert [name for name in heavy if loaded(second, name)] == []
    due = ("due", *args[1:])
    cold_due, warm_due = modules_after(*due), modules_after(*due)
    assert loaded(cold_due, "plan_cli.model")
    assert [name for name in heavy if loaded(warm_due, name)] == []


def test_any_change_to_the_data_shows_in_the_next_report(run_plan, base_plan):
    tasks = base_plan / "ledgers" / "tasks.yaml"
    before = run_plan("show", "PT-001", "--data", base_plan, "--as-of", AS_OF)
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text.replace("建设创新平台", "建设创新平台二期"), encoding="utf-8")
    after = run_plan("show", "PT-001", "--data", base_plan, "--as-of", AS_OF)
    assert "二期" not in before.stdout and "建设创新平台二期" in after.stdout
    # an error in the data is reported, not a stale report replayed
    tasks.write_text(text.replace("status: planned", "status: plannd"), encoding="utf-8")
    broken = run_plan("status", "--data", base_plan, "--as-of", AS_OF)
    assert broken.exit_code == 1 and "plannd" in broken.stderr
    tasks.write_text(text, encoding="utf-8")
    assert run_plan("show", "PT-001", "--data", base_plan, "--as-of", AS_OF).stdout \
        == before.stdout


def test_arguments_and_output_environment_are_part_of_the_key(base_plan, monkeypatch):
    kwargs = {"data": base_plan, "as_of": AS_OF, "lang": None, "no_cache": False}
    key = reportcache._key("status", kwargs)[1:]
    assert reportcache._key("due", kwargs)[1:] != key
    assert reportcache._key("status", {**kwargs, "as_of": "2024-05-11"})[1:] != key
    assert reportcache._key("status", {**kwargs, "lang": "zh"})[1:] != key
    monkeypatch.setenv("COLUMNS", "80")
    assert reportcache._key("status", kwargs)[1:] != key
    monkeypatch.setenv("COLUMNS", "100")
    assert reportcache._key("status", kwargs)[1:] == key
    # reports compare dates with the real today: another day is another key
    class Tomorrow(date):
        @classmethod
        def today(cls):
            return date.today().fromordinal(date.today().toordinal() + 1)

    monkeypatch.setattr(reportcache, "date", Tomorrow)
    assert reportcache._key("status", kwargs)[2] != key[1]
    # --no-cache and a report written to a file are never served from the cache
    assert reportcache._key("status", {**kwargs, "no_cache": True}) is None
    assert reportcache._key("status", {**kwargs, "output": "x.csv"}) is None


@pytest.mark.parametrize("damage", [b"", b"garbage", None])
def test_a_damaged_entry_is_a_miss(run_plan, base_plan, damage):
    args = ("status", "--data", base_plan, "--as-of", AS_OF)
    expected = run_plan(*args, "--no-cache").stdout
    run_plan(*args)
    (entry,) = entries(base_plan)
    raw = entry.read_bytes()
    entry.write_bytes(raw[: len(raw) // 2] if damage is None else damage)
    assert run_plan(*args).stdout == expected
    assert run_plan(*args).stdout == expected


def test_a_file_changed_while_the_report_ran_is_not_stored_under_the_old_key(run_plan,
                                                                            base_plan,
                                                                            monkeypatch):
    from plan_cli.reports import status as status_module

    tasks = base_plan / "ledgers" / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    real = status_module.build_status

    def edit_meanwhile(*args, **kwargs):
        tasks.write_text(text.replace("建设创新平台", "建设创新平台二期"), encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(status_module, "build_status", edit_meanwhile)
    args = ("status", "--data", base_plan, "--as-of", AS_OF)
    run_plan(*args)
    assert entries(base_plan) == []  # the report read the old content: not stored
    monkeypatch.undo()
    tasks.write_text(text, encoding="utf-8")
    assert run_plan(*args).stdout == run_plan(*args, "--no-cache").stdout


# --- the console script: a stored report found by its command line, before typer ---

def console(*args: str, cwd: Path, **env: str):
    """``plan ARGS`` as the console script runs it, with ``-X importtime``."""
    import os
    import subprocess
    import sys

    from tests.test_imports import ROOT

    environ = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1", COLUMNS="100", **env)
    for name in ("PLAN_DATA", "PLAN_LANG"):
        if name not in env:
            environ.pop(name, None)
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "plan_cli", *args],
                          cwd=cwd, env=environ, capture_output=True)
    lines = done.stderr.split(b"\n")
    imported = {line.split(b"|")[-1].strip().decode() for line in lines
                if line.startswith(b"import time:")}
    stderr = b"\n".join(line for line in lines if not line.startswith(b"import time:"))
    return done.returncode, done.stdout, stderr, imported


def test_the_console_script_replays_a_stored_report_before_importing_typer(base_plan):
    for args in (("status", "--as-of", AS_OF), ("show", "no-such-id", "--as-of", AS_OF),
                 ("due", "--format", "csv", "--as-of", AS_OF)):
        first = console(*args, "--data", str(base_plan), cwd=base_plan.parent)
        again = console(*args, "--data", str(base_plan), cwd=base_plan.parent)
        assert "typer" in first[3] and "plan_cli.model" in first[3]
        assert again[:3] == first[:3]  # exit code, stdout and stderr byte for byte
        assert [m for m in ("typer", "click", "pydantic", "rich", "plan_cli.model",
                            "plan_cli.cli") if loaded(again[3], m)] == []
    assert first[0] == 0 and console("show", "no-such-id", "--as-of", AS_OF, "--data",
                                     str(base_plan), cwd=base_plan.parent)[0] == 1


def test_a_report_found_by_its_command_line_is_never_stale(base_plan, tmp_path):
    home = base_plan.parent  # holds data/: `plan status` finds it from here and below
    args = ("show", "PT-001", "--as-of", AS_OF)

    def fresh(cwd, **env):
        return console(*args, "--no-cache", cwd=cwd, **env)[:3]

    def served(cwd, **env):
        out = console(*args, cwd=cwd, **env)
        return out[:3], "typer" not in out[3]

    first, _ = served(home)
    assert served(home) == (first, True)
    tasks = base_plan / "ledgers" / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("建设创新平台", "建设创新平台二期"),
                     encoding="utf-8")  # a change in the data
    changed = served(home)
    assert changed == (fresh(home), False) and changed[0] != first
    assert changed[0][0] == 0 and "二期".encode() in changed[0][1]
    assert served(home, PLAN_LANG="zh")[0] == fresh(home, PLAN_LANG="zh")  # environment
    assert served(home, PLAN_LANG="zh")[0] != changed[0]
    below = home / "work" / "sub"
    below.mkdir(parents=True)
    assert served(below)[0] == fresh(below)  # another working directory
    nearer = home / "work" / "data"  # a data folder nearer to it: found first now
    shutil.copytree(base_plan, nearer)
    (nearer / "ledgers" / "tasks.yaml").write_text(
        tasks.read_text(encoding="utf-8").replace("二期", "三期"), encoding="utf-8")
    assert served(below)[0] == fresh(below) != changed[0]
    assert "三期".encode() in fresh(below)[1]
    other = tmp_path / "elsewhere" / "data"
    shutil.copytree(base_plan, other)
    (other / "ledgers" / "tasks.yaml").write_text(
        tasks.read_text(encoding="utf-8").replace("二期", "四期"), encoding="utf-8")
    assert served(below, PLAN_DATA=str(other))[0] == fresh(below, PLAN_DATA=str(other))
    assert "四期".encode() in fresh(below, PLAN_DATA=str(other))[1]


def test_a_replay_writes_the_same_bytes_whatever_the_encoding(base_plan):
    """UTF-8 output is kept as the bytes written; other encodings go back through the
    text stream (gb18030: a Windows console in China, redirected)."""
    args = ("status", "--data", str(base_plan), "--as-of", AS_OF, "--lang", "zh")
    outputs = set()
    for encoding in ("utf-8", "gb18030"):
        first = console(*args, cwd=base_plan.parent, PYTHONIOENCODING=encoding)
        again = console(*args, cwd=base_plan.parent, PYTHONIOENCODING=encoding)
        assert again[:3] == first[:3] and first[0] == 0 and "typer" not in again[3]
        assert "主要数据缺口" in first[1].decode(encoding)
        outputs.add(first[1])
    assert len(outputs) == 2  # the bytes differ: each replay kept its own encoding


def test_a_long_report_is_recorded_as_a_few_runs():
    import io

    record = reportcache._Record()
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.TextIOWrapper(io.BytesIO(), encoding="gb18030")
    for i in range(10_000):
        record.add(0, out, f"第 {i} 行\n")
    record.add(1, err, "警告\n")
    record.add(0, None, b"\xef\xbb\xbf")
    record.add(0, out, "尾\n")
    runs = record.stored()
    assert [(which, text) for which, text, _ in runs] == [(0, False), (1, True), (0, False)]
    assert runs[0][2].decode().count("\n") == 10_000
    assert runs[2][2] == "\ufeff尾\n".encode()
