"""Hostile input (issue 9): nothing a pull request carries can hang, crash or mislead.

Each test here failed on main before issue 9: the comment above it says how.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from plan_cli.yamlread import decode, parse

# Nine lines that expand to 10**8 nodes if anything walks them whole.
ALIAS_BOMB = "".join(
    ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"]
    + [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1},"
       f" *a{i-1}, *a{i-1}]\n" for i in range(1, 9)]
)


def _bomb(base_plan: Path) -> None:
    path = base_plan / "owners.yaml"
    path.write_text(path.read_text(encoding="utf-8") + ALIAS_BOMB.replace("a0:", "x0:")
                    .replace("\na", "\nx"), encoding="utf-8")


# --- part 1: bounded work -----------------------------------------------------


def test_an_alias_is_refused_where_it_stands():
    data, problems = parse("a: &x {k: 1}\nb: *x\n")
    assert data["b"] is None
    assert [(p.line, p.column, p.code, p.args["name"]) for p in problems] == [(2, 4, "alias", "x")]


@pytest.mark.parametrize("command", ["check", "status", "gaps", "show"])
def test_an_alias_bomb_is_refused_by_cached_commands_too(base_plan, run_plan, command):
    # main: the cached path expanded the bomb (memory past 2 GB in 20 s).
    _bomb(base_plan)
    args = [command, "KI-01"] if command == "show" else [command]
    for _ in range(2):  # the second run reads the cache
        result = run_plan(*args, "--data", base_plan)
        assert result.exit_code == 1, result.output
        assert "owners.yaml:" in result.stderr + result.stdout
        assert "alias" in result.stderr + result.stdout


def test_a_file_over_the_size_limit_is_refused_with_its_size_and_the_limit(
        base_plan, run_plan, monkeypatch):
    monkeypatch.setenv("PLAN_MAX_FILE_SIZE", "1K")
    path = base_plan / "ledgers" / "tasks.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# " + "x" * 2000 + "\n", encoding="utf-8")
    size = path.stat().st_size
    result = run_plan("check", "--data", base_plan, "--no-cache")
    assert result.exit_code == 1
    line = next(l for l in result.stdout.splitlines() if "tasks.yaml" in l)
    assert line.startswith(f"{os.path.relpath(path)}:1:1: error[file-too-large]")
    assert f"{size} bytes" in line and "1024 bytes" in line


def test_a_symlink_in_the_data_is_refused_not_followed(base_plan, run_plan):
    # main: a committed ledgers/x.yaml -> /dev/zero read until memory ran out.
    (base_plan / "ledgers" / "x.yaml").symlink_to("/dev/zero")
    for cached in ([], ["--no-cache"]):
        result = run_plan("check", "--data", base_plan, *cached)
        assert result.exit_code == 1
        assert re.search(r"ledgers/x\.yaml:1:1: error\[not-regular-file\] this is a symbolic link",
                         result.stdout), result.stdout


def test_a_fifo_in_the_data_does_not_hang(base_plan, run_plan):
    os.mkfifo(base_plan / "ledgers" / "pipe.yaml")
    result = run_plan("check", "--data", base_plan)
    assert result.exit_code == 1
    assert "pipe.yaml:1:1: error[not-regular-file]" in result.stdout


def test_an_edit_does_not_write_through_a_symlinked_ledger(base_plan, run_plan, tmp_path):
    # main: the edit replaced the link's target, a file outside the repository.
    outside = tmp_path / "outside.yaml"
    ledger = base_plan / "ledgers" / "tasks.yaml"
    outside.write_bytes(ledger.read_bytes())
    ledger.unlink()
    ledger.symlink_to(outside)
    before = outside.read_bytes()
    result = run_plan("note", "PT-001", "进展顺利", "--data", base_plan)
    assert result.exit_code == 1, result.output
    assert "symbolic link" in result.stderr
    assert outside.read_bytes() == before and ledger.is_symlink()


def test_an_edit_does_not_write_outside_the_data_folder(base_plan, run_plan, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (base_plan / "ledgers").rename(elsewhere)
    (base_plan / "ledgers").symlink_to(elsewhere, target_is_directory=True)
    before = (elsewhere / "tasks.yaml").read_bytes()
    result = run_plan("note", "PT-001", "进展顺利", "--data", base_plan)
    assert result.exit_code == 1, result.output
    assert "outside the data folder" in result.stderr
    assert (elsewhere / "tasks.yaml").read_bytes() == before


@pytest.mark.parametrize("number", ["1" * 4301, "-" + "9" * 5000, "1" * 20, "0x" + "f" * 40])
def test_an_absurd_integer_is_a_located_error(base_plan, run_plan, number):
    # main: an int of 4,301+ digits crashed every command (exit 3).
    path = base_plan / "owners.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"extra: {number}\n", encoding="utf-8")
    line = path.read_text(encoding="utf-8").count("\n")
    result = run_plan("check", "--data", base_plan, "--no-cache")
    assert result.exit_code == 1
    assert f"owners.yaml:{line}:8: error[number-too-large]" in result.stdout


def test_growth_rates_of_1e300_are_refused_not_crashing_reports(base_plan, run_plan):
    # main: plan check accepted them and every report crashed (exit 3).
    path = base_plan / "indicators.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "      - {period: 2023, value: 6.0, source: synthetic}",
        "      - {period: 2023, value: 1e300, source: synthetic}\n"
        "      - {period: 2024, value: 1e300, source: synthetic}")
    path.write_text(text, encoding="utf-8")
    for command in ("check", "status", "gaps"):
        result = run_plan(command, "--data", base_plan)
        assert result.exit_code == 1, (command, result.output)
        assert "number-too-large" in result.stdout + result.stderr


def test_a_very_deep_value_is_a_located_error(base_plan, run_plan):
    # main: a deep value in an enum field crashed (exit 3).
    path = base_plan / "indicators.yaml"
    text = path.read_text(encoding="utf-8").replace("direction: up", "direction: "
                                                    + "[" * 100 + "]" * 100, 1)
    path.write_text(text, encoding="utf-8")
    result = run_plan("check", "--data", base_plan)
    assert result.exit_code == 1, result.output
    assert re.search(r"indicators\.yaml:\d+:\d+: error\[too-deep\]", result.stdout)


# --- part 6: locations as editors count them ----------------------------------


def test_encoding_errors_give_columns_in_characters():
    # main: the byte offset (a CJK character is 3 bytes) was given as the column.
    _, problem = decode("title: 中文中文\xff\n".encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    assert (problem.line, problem.column) == (1, 12)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_odd_line_separators_do_not_start_lines(separator):
    # main: libyaml counted them as line breaks, so later lines shifted past the end.
    data, problems = parse(f'a: "x{separator}y"\nb: 2\nb: 3\n')
    assert [(p.line, p.code) for p in problems] == [(3, "duplicate-key")]
    from plan_cli.yamlread import locate
    assert locate(data, ("b",)) == (2, 4)


def test_a_cr_only_file_counts_lines_at_each_cr():
    data, problems = parse("a: 1\rb: 2\rb: 3\rc: [\r")
    assert [(p.line, p.column, p.code) for p in problems] == [(3, 1, "duplicate-key"), (4, 5, "yaml-syntax")]
    data, problems = parse("a: 1\rb: 2\rb: 3\r")
    assert [(p.line, p.code) for p in problems] == [(3, "duplicate-key")]


# --- part 2: untrusted text printed as text ------------------------------------


def _retitle(base_plan: Path, title_yaml: str) -> None:
    path = base_plan / "plan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: 科技创新",
                                                             f"title: {title_yaml}"),
                    encoding="utf-8")


@pytest.mark.parametrize("title", ["'[/]'", "'[link=file:///etc/passwd]x[/link]'", "'[note] 备注'"])
def test_markup_in_the_data_is_printed_as_written(base_plan, run_plan, title):
    # main: '[/]' made plan status exit 3, the link became live, '[note]' vanished.
    _retitle(base_plan, title)
    assert run_plan("check", "--data", base_plan).exit_code == 0
    result = run_plan("status", "--data", base_plan)
    assert result.exit_code == 0, result.output
    assert title.strip("'") in result.stdout


@pytest.mark.parametrize("command", [["status"], ["show", "PT-001"], ["due", "--as-of", "2025-12-31"],
                                     ["gaps"], ["check", "--strict"]])
def test_escape_sequences_in_the_data_never_reach_the_terminal(base_plan, run_plan, command):
    # main: raw ESC sequences (clear screen, window title, hyperlinks) were printed.
    _retitle(base_plan, '"科技\\e]0;pwned\\a创新\\e[2J"')
    tasks = base_plan / "ledgers" / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(re.sub(r"(\n    title: )([^\n]*)", r'\1"\2\\e[31m\\x9b2J"', text, count=1)
                     + '"\\e[2Jbad": 1\n', encoding="utf-8")
    result = run_plan(*command, "--data", base_plan)
    out = result.stdout + result.stderr
    assert result.exit_code in (0, 1), out
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "\\x1b" in out


def test_github_annotation_properties_are_escaped(base_plan, run_plan):
    # main: a ledger file name could inject '::stop-commands::' or override line=/title=.
    evil = base_plan / "ledgers" / "x,line=99,title=ok::stop-commands::tok.yaml"
    evil.write_text("ledger: [\n", encoding="utf-8")
    result = run_plan("check", "--data", base_plan, "--format", "github")
    line = next(l for l in result.stdout.splitlines() if "stop-commands" in l)
    props, _, message = line.partition("::")[2].partition("::")
    assert props.startswith("error file=")
    assert [p.split("=")[0] for p in props.split(" ", 1)[1].split(",")] == [
        "file", "line", "col", "title"]
    assert "x%2Cline=99%2Ctitle=ok%3A%3Astop-commands%3A%3Atok.yaml" in props
    assert "::" not in message


def test_markdown_cells_cannot_break_the_table(base_plan, run_plan):
    _retitle(base_plan, '"科技 | 创新\\n# 标题"')
    result = run_plan("status", "--data", base_plan, "--format", "markdown")
    assert result.exit_code == 0, result.output
    row = next(l for l in result.stdout.splitlines() if "科技" in l)
    assert row.startswith("| 科技 \\| 创新 # 标题 |")
    assert row.count(" | ") == row.replace("\\|", "").count(" | ")


# --- part 3: a cache that verifies before it trusts -----------------------------


def _check_entry(base_plan: Path) -> Path:
    entries = list((base_plan.parent / ".plan-cache" / "check").iterdir())
    assert len(entries) == 1
    return entries[0]


@pytest.mark.parametrize("payload", [
    # a marshal list claiming 2**31 items: main stalled or ran out of memory on it
    b"[\xff\xff\xff\x7f" + b"\x00" * 14,
    # a well-formed but foreign result: main exited 3 on every check
    None,
], ids=["marshal-bomb", "foreign-result"])
def test_a_committed_cache_entry_cannot_change_or_crash_a_check(base_plan, run_plan, payload):
    import marshal

    from plan_cli import cache as cache_mod

    expected = run_plan("check", "--data", base_plan)
    entry = _check_entry(base_plan)
    raw = entry.read_bytes()
    head = len(cache_mod._MAGIC)
    key = raw[head:head + 32]
    if payload is None:
        payload = marshal.dumps((5, [("plan.yaml", 1, 1, "error", "x", 5)], []))
    # the layout main used (no signature), and the new one with a forged signature
    for header in (raw[:head] + key, raw[:head] + key + bytes(32)):
        entry.write_bytes(header + payload)
        again = run_plan("check", "--data", base_plan)
        assert (again.exit_code, again.stdout) == (expected.exit_code, expected.stdout)
        assert entry.read_bytes() != header + payload  # rewritten


def test_a_symlinked_cache_folder_is_not_used(base_plan, run_plan, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (base_plan.parent / ".plan-cache").symlink_to(elsewhere, target_is_directory=True)
    assert run_plan("check", "--data", base_plan).exit_code == 0
    assert list(elsewhere.iterdir()) == []


def test_a_symlinked_cache_entry_is_not_read(base_plan, run_plan):
    assert run_plan("check", "--data", base_plan).exit_code == 0
    entry = _check_entry(base_plan)
    entry.unlink()
    entry.symlink_to("/dev/zero")
    assert run_plan("check", "--data", base_plan).exit_code == 0
