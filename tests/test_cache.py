"""The cache in .plan-cache/: invalidated by any change, never trusted, never required."""

from __future__ import annotations

import marshal
import os
import pickle
import shutil
from datetime import date
from pathlib import Path

import pytest

from plan_cli import cache as cache_mod
from plan_cli.datadir import DataLocation
from plan_cli.yamlread import parse

AS_OF = "2024-05-10"
TASKS = "ledgers/tasks.yaml"


@pytest.fixture
def plan(base_plan) -> Path:
    return base_plan


def cache_folder(data: Path) -> Path:
    return data.parent / ".plan-cache"


def outputs(run_plan, data: Path, *extra: str) -> list[tuple]:
    """Every output of check and status we compare: (exit code, stdout, stderr) each."""
    runs = [("check", "--data", data, "--as-of", AS_OF, *extra),
            ("check", "--data", data, "--as-of", AS_OF, "--format", "json", *extra),
            ("check", "--data", data, "--as-of", AS_OF, "--lang", "zh", "--strict", *extra),
            ("status", "--data", data, "--as-of", AS_OF, *extra),
            ("status", "--data", data, "--as-of", AS_OF, "--format", "json", *extra)]
    results = []
    for args in runs:
        r = run_plan(*args)
        results.append((r.exit_code, r.stdout, r.stderr))
    return results


def check(run_plan, data: Path, *extra: str):
    return run_plan("check", "--data", data, "--as-of", AS_OF, *extra)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("report", [("status",), ("gaps",), ("due",), ("owners",),
                                    ("show", "PT-001")])
def test_every_report_accepts_no_cache_with_the_same_output(run_plan, plan, report):
    args = (*report, "--data", plan, "--as-of", AS_OF, "--format", "json")
    uncached = run_plan(*args, "--no-cache")
    assert uncached.exit_code == 0, uncached.stderr
    assert not cache_folder(plan).exists(), "--no-cache must not write a cache"
    cold, warm = run_plan(*args), run_plan(*args)
    assert cache_folder(plan).exists()
    assert uncached.stdout == cold.stdout == warm.stdout
    assert cold.exit_code == warm.exit_code == 0


def test_cached_and_uncached_runs_give_identical_output(run_plan, plan):
    uncached = outputs(run_plan, plan, "--no-cache")
    assert not cache_folder(plan).exists(), "--no-cache must not write a cache"
    cold = outputs(run_plan, plan)
    assert list((cache_folder(plan) / "parse").iterdir())
    assert list((cache_folder(plan) / "check").iterdir())
    warm = outputs(run_plan, plan)
    assert uncached == cold == warm


def test_identical_output_with_problems(run_plan, plan):
    """Errors located through cached positions land on the same line:column."""
    edit(plan / "ledgers" / "key-indicators.yaml", "department: 市科技局", "department: 市科技")
    edit(plan / TASKS, "status: planned", "status: plannd")
    (plan / "ledgers" / "broken.yaml").write_text("ledger: [\n", encoding="utf-8")
    uncached = outputs(run_plan, plan, "--no-cache")
    cold = outputs(run_plan, plan)
    warm = outputs(run_plan, plan)
    assert uncached == cold == warm
    assert uncached[0][0] == 1
    for code in ("unknown-department", "yaml-syntax", "invalid-choice"):
        assert code in uncached[0][1]


def test_parse_cache_alone_gives_identical_output(run_plan, plan):
    """With only per-file parse entries (no stored check result), status and check agree."""
    edit(plan / TASKS, "department: 市科技局", "department: 市科技")
    uncached = outputs(run_plan, plan, "--no-cache")
    outputs(run_plan, plan)
    shutil.rmtree(cache_folder(plan) / "check")
    assert outputs(run_plan, plan) == uncached


def test_content_change_invalidates(run_plan, plan):
    assert check(run_plan, plan).exit_code == 0
    edit(plan / TASKS, "department: 市科技局", "department: 市科技")
    result = check(run_plan, plan)
    assert result.exit_code == 1
    assert "unknown-department" in result.stdout
    # and back: the old entries serve again, and say the old thing
    edit(plan / TASKS, "department: 市科技", "department: 市科技局")
    assert check(run_plan, plan).exit_code == 0


def test_same_size_same_mtime_change_invalidates(run_plan, plan):
    """The key is the content, not the file's size or time."""
    path = plan / TASKS
    assert check(run_plan, plan).exit_code == 0
    stat = path.stat()
    edit(path, "PT-002", "PT-001")  # same length: a duplicate id now
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    result = check(run_plan, plan)
    assert result.exit_code == 1 and "duplicate-id" in result.stdout


def test_change_in_a_file_other_than_the_ledgers_invalidates(run_plan, plan):
    assert check(run_plan, plan).exit_code == 0
    edit(plan / "owners.yaml", "  - name: 市科技局\n", "")
    result = check(run_plan, plan)
    assert result.exit_code == 1 and "unknown-department" in result.stdout


def test_rename_invalidates(run_plan, plan):
    edit(plan / TASKS, "department: 市科技局", "department: 市科技")
    first = check(run_plan, plan)
    assert "tasks.yaml" in first.stdout
    (plan / TASKS).rename(plan / "ledgers" / "renamed.yaml")
    second = check(run_plan, plan)
    assert "renamed.yaml" in second.stdout and "tasks.yaml" not in second.stdout
    assert second.stdout == check(run_plan, plan, "--no-cache").stdout


def test_deletion_and_new_ledger_file_invalidate(run_plan, plan):
    first = check(run_plan, plan)
    assert "checked 5 files" in first.stderr
    (plan / "ledgers" / "key-indicators.yaml").unlink()
    second = check(run_plan, plan)
    assert "checked 4 files" in second.stderr
    (plan / "ledgers" / "extra.yml").write_text(
        "# SYNTHETIC\nledger: {id: tasks, kind: pilots, title: 试点}\n", encoding="utf-8")
    third = check(run_plan, plan)
    assert "checked 5 files" in third.stderr
    assert third.exit_code == 1 and "duplicate-id" in third.stdout


def test_deleting_a_required_file_invalidates(run_plan, plan):
    assert check(run_plan, plan).exit_code == 0
    (plan / "owners.yaml").unlink()
    result = check(run_plan, plan)
    assert result.exit_code == 1 and "missing-file" in result.stdout


def test_as_of_is_part_of_the_key(run_plan, plan):
    """Rules compare dates with today: a result cached for one day is not reused on another."""
    assert check(run_plan, plan).exit_code == 0
    early = run_plan("check", "--data", plan, "--as-of", "2023-06-01")
    assert early.exit_code == 1 and "date-in-future" in early.stdout
    assert check(run_plan, plan).exit_code == 0


@pytest.mark.parametrize("damage", ["garbage", "truncate", "empty", "foreign-key", "pickle"])
def test_corrupt_cache_is_ignored_and_rebuilt(run_plan, plan, damage):
    expected = outputs(run_plan, plan, "--no-cache")
    edit(plan / TASKS, "department: 市科技局", "department: 市科技")
    expected_bad = outputs(run_plan, plan, "--no-cache")
    outputs(run_plan, plan)  # fill the cache for the bad version
    entries = [p for p in cache_folder(plan).rglob("*") if p.is_file()]
    assert entries
    for path in entries:
        raw = path.read_bytes()
        if damage == "garbage":
            path.write_bytes(b"\x00\xff not a cache entry" * 10)
        elif damage == "truncate":
            path.write_bytes(raw[: len(raw) // 2])
        elif damage == "empty":
            path.write_bytes(b"")
        elif damage == "foreign-key":  # right header, another key
            head = len(cache_mod._MAGIC)
            path.write_bytes(raw[:head] + bytes(32) + raw[head + 32:])
        else:
            path.write_bytes(pickle.dumps({"not": "ours"}))
    assert outputs(run_plan, plan) == expected_bad
    # rebuilt: the entries are sound again and serve the same output
    assert outputs(run_plan, plan) == expected_bad
    edit(plan / TASKS, "department: 市科技", "department: 市科技局")
    assert outputs(run_plan, plan) == expected


def test_entry_of_right_key_but_wrong_shape_is_ignored(run_plan, plan):
    """An entry that passes the key check but holds something else is still not trusted."""
    expected = outputs(run_plan, plan, "--no-cache")
    outputs(run_plan, plan)
    for path in cache_folder(plan).rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            head = len(cache_mod._MAGIC)
            key = raw[head:head + 32]
            payload = marshal.dumps(("unexpected", [1, 2, 3], None))
            path.write_bytes(raw[:head] + key + cache_mod._sign(key, payload) + payload)
    assert outputs(run_plan, plan) == expected


def test_unwritable_cache_folder_never_fails_a_command(run_plan, plan):
    cache_folder(plan).write_text("a file where the cache folder would be", encoding="utf-8")
    expected = outputs(run_plan, plan, "--no-cache")
    assert outputs(run_plan, plan) == expected
    assert cache_folder(plan).is_file()


def test_read_only_cache_folder_never_fails_a_command(run_plan, plan, monkeypatch):
    expected = outputs(run_plan, plan, "--no-cache")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache_mod.tempfile, "mkstemp", refuse)
    assert outputs(run_plan, plan) == expected
    assert not any(p.is_file() for p in cache_folder(plan).rglob("*"))


def test_tool_fingerprint_is_part_of_the_key(plan, monkeypatch):
    """Another plan version (or an edited module) never reads this version's entries."""
    location = DataLocation(plan, "option")
    day = date(2024, 5, 10)
    raw = b"x: 1\n"
    before = cache_mod._files_key(location, day)[0], cache_mod.Cache.parse_key(raw)
    monkeypatch.setattr(cache_mod, "_fingerprint", b"another version of plan")
    after = cache_mod._files_key(location, day)[0], cache_mod.Cache.parse_key(raw)
    assert before[0] != after[0] and before[1] != after[1]


def test_positions_survive_the_cache(tmp_path):
    text = "a:\n  b: [1, {c: x}]\n  d: 'y'\nlist:\n  - 1\n  - two: 2\n"
    data, problems = parse(text)
    assert not problems
    store = cache_mod.Cache(tmp_path / "c")
    key = store.parse_key(text.encode())
    store.put_parse(key, data, problems)
    again, again_problems = store.get_parse(key)
    assert again == data and again_problems == []

    def walk(x, y):
        assert type(x) is type(y)
        if isinstance(x, dict):
            assert x.pos == y.pos
            for k in x:
                walk(x[k], y[k])
        elif isinstance(x, list):
            assert x.pos == y.pos
            for a, b in zip(x, y):
                walk(a, b)

    walk(data, again)


def test_old_versions_of_edited_files_are_pruned(run_plan, plan):
    parse = cache_folder(plan) / "parse"
    check(run_plan, plan)
    count = len(list(parse.iterdir()))
    assert count == 5
    for n in range(3):
        edit(plan / TASKS, "title: 建设创新平台" if n == 0 else f"title: 平台{n - 1}",
             f"title: 平台{n}")
        check(run_plan, plan)
    assert len(list(parse.iterdir())) == count


def test_a_file_changed_during_the_check_is_not_stored_under_the_old_key(run_plan, plan,
                                                                          monkeypatch):
    """The files are hashed before they are read: a change in between must not leave the
    new content's findings stored under the old content's key."""
    from plan_cli import check as check_module

    real = check_module.run_checks_streaming

    def edit_first(location, today, cache=None, index=None):
        edit(plan / TASKS, "department: 市科技局", "department: 市科技")
        return real(location, today, cache, index)

    monkeypatch.setattr(check_module, "run_checks_streaming", edit_first)
    assert check(run_plan, plan).exit_code == 1  # found in the content it read
    monkeypatch.undo()
    edit(plan / TASKS, "department: 市科技", "department: 市科技局")  # the old content again
    assert check(run_plan, plan).exit_code == 0
