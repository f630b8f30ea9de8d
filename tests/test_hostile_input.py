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
                                                    + "[" * 990 + "]" * 990, 1)
    path.write_text(text, encoding="utf-8")
    result = run_plan("check", "--data", base_plan)
    assert result.exit_code == 1, result.output
    assert re.search(r"indicators\.yaml:\d+:\d+: error\[too-deep\] lists and mappings are "
                     r"nested more than 64 deep", result.stdout)


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


@pytest.mark.parametrize("title", ["'[/]'", "'[link=/x]y[/]'", "'[note] 备注'"])
def test_markup_in_the_data_is_printed_as_written(base_plan, run_plan, title):
    # main: '[/]' made plan status exit 3, the link became live, '[note]' vanished.
    _retitle(base_plan, title)
    assert run_plan("check", "--data", base_plan).exit_code == 0
    result = run_plan("status", "--data", base_plan)
    assert result.exit_code == 0, result.output
    # printed as written (a long title is folded over lines, beside other cells)
    for part in re.findall(r"\[[^\]]*\]|[^\[\]]+", title.strip("'")):
        assert part.strip() in result.stdout, part


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


# --- part 4: edits and init that cannot destroy ---------------------------------


@pytest.mark.parametrize("value, named", [
    ("a\x85b", "U+0085 (NEXT LINE)"), ("a\x7fb", "U+007F (DELETE)"),
    ("a\ufffeb", "U+FFFE"), ("a\u2028b", "U+2028 (LINE SEPARATOR)"),
    ("a\udcffb", "the byte 0xFF (not UTF-8)"), ("a\x1b[2Jb", "U+001B (ESCAPE)"),
    ("a\u202eb", "U+202E"),
])
def test_an_unwritable_edit_value_is_refused_naming_the_character(base_plan, run_plan,
                                                                   value, named):
    # main: exit 3 (internal error) for U+0085, DEL, U+FFFE and undecodable bytes.
    from tests.gitrepo import read_all

    before = read_all(base_plan)
    for args in (["note", "PT-001", value], ["record", "rd-intensity", "--period", "2024",
                                             "--value", "2.5", "--source", value]):
        result = run_plan(*args, "--data", base_plan)
        assert result.exit_code == 1, result.output
        assert named in result.stderr and "cannot be written safely" in result.stderr
    assert read_all(base_plan) == before


@pytest.mark.parametrize("value", ["-", "a\tb", "?", "多行\n说明", "- 列表样", ": x"])
def test_odd_but_writable_values_are_written_so_every_reader_agrees(base_plan, run_plan, value):
    # main: '-' was refused with a misleading "YAML syntax error"; a tab was written plain.
    from ruamel.yaml import YAML

    result = run_plan("note", "--data", base_plan, "--as-of", "2024-05-10", "--", "PT-001", value)
    assert result.exit_code == 0, result.output
    text = (base_plan / "ledgers" / "tasks.yaml").read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if "date: 2024-05-10" in l)
    assert "\t" not in line
    # another reader, ruamel.yaml's pure-Python one (not the C parser plan reads with),
    # reads it back as the same text
    data = YAML(typ="safe", pure=True).load(text)
    notes = [u["text"] for u in data["items"][0]["updates"]]
    assert value in notes


def test_init_refuses_a_folder_with_any_plan_file_and_lists_them(tmp_path, run_plan):
    # main: with data/plan.yaml missing, init replaced indicators.yaml, owners.yaml,
    # the ledgers and the schemas, and exited 0.
    from tests.gitrepo import read_all

    assert run_plan("init", tmp_path / "x").exit_code == 0
    (tmp_path / "x" / "data" / "plan.yaml").unlink()
    indicators = tmp_path / "x" / "data" / "indicators.yaml"
    indicators.write_text("indicators: []  # 我们的数据\n", encoding="utf-8")
    before = read_all(tmp_path / "x")
    result = run_plan("init", tmp_path / "x")
    assert result.exit_code == 2
    assert "already holds plan files" in result.stderr
    assert "data/indicators.yaml" in result.stderr and "owners.yaml" in result.stderr
    assert "--force" in result.stderr
    assert read_all(tmp_path / "x") == before
    forced = run_plan("init", tmp_path / "x", "--force")
    assert forced.exit_code == 0, forced.output
    assert "我们的数据" not in indicators.read_text(encoding="utf-8")
    assert run_plan("check", "--data", tmp_path / "x" / "data").exit_code == 0


def test_init_refuses_an_inverted_period_and_a_file(tmp_path, run_plan):
    result = run_plan("init", tmp_path / "y", "--start", "2025Q4", "--end", "2023Q1")
    assert result.exit_code == 2 and "before it starts" in result.output
    assert not (tmp_path / "y").exists()
    afile = tmp_path / "file.txt"
    afile.write_text("x", encoding="utf-8")
    result = run_plan("init", afile)  # main: exit 3
    assert result.exit_code == 2 and "is a file, not a folder" in result.stderr
    assert afile.read_text(encoding="utf-8") == "x"


def test_leftover_temp_files_of_a_killed_writer_are_cleaned_on_the_next_write(base_plan,
                                                                               run_plan):
    # main: 4 of 266 killed writers left temp files that were never cleaned up.
    left = base_plan / "ledgers" / ".tasks.yaml.k1ll3d_.tmp"
    left.write_text("half a file", encoding="utf-8")
    other = base_plan / "ledgers" / "notes.tmp"  # not ours: kept
    other.write_text("keep", encoding="utf-8")
    assert run_plan("note", "PT-001", "进展", "--data", base_plan, "--dry-run").exit_code == 0
    assert left.exists()  # a dry run takes no lock, so it touches nothing
    assert run_plan("note", "PT-001", "进展", "--data", base_plan).exit_code == 0
    assert not left.exists() and other.exists()


KILL_SCRIPT = r"""
import os, sys, time
from plan_cli.edit import safefile
real = safefile.atomic_write
def slow(path, data):
    # stop the writer half-way: the temp file is written, not yet renamed
    import tempfile
    real_replace = os.replace
    def stall(src, dst):
        print("WRITING", flush=True)
        time.sleep(60)
    os.replace = stall
    real(path, data)
safefile.atomic_write = slow
from plan_cli.cli import entry
sys.argv = ["plan", "note", "PT-001", "被中断的写入", "--data", sys.argv[1]]
entry()
"""


@pytest.mark.parametrize("attempt", range(int(os.environ.get("PLAN_KILL_REPEATS", "3"))))
def test_a_writer_killed_mid_write_leaves_the_data_whole_and_unlocked(base_plan, attempt):
    import signal
    import subprocess
    import sys

    from tests.gitrepo import read_all

    before = read_all(base_plan)
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(base_plan)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "WRITING", proc.stderr.read()
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    leftovers = [p for p in (base_plan / "ledgers").iterdir() if p.name.endswith(".tmp")]
    assert leftovers  # killed between writing the temp file and the rename
    assert {k: v for k, v in read_all(base_plan).items() if not k.endswith(".tmp")} == before
    # The next writer is not blocked by the dead one's lock, and cleans up after it.
    result = subprocess.run([sys.executable, "-m", "plan_cli", "note", "PT-001", "下一次写入",
                             "--data", str(base_plan)], capture_output=True, text=True,
                            timeout=60, env={**os.environ, "PLAN_LOCK_TIMEOUT": "5"})
    assert result.returncode == 0, result.stderr
    assert not any(p.name.endswith(".tmp") for p in (base_plan / "ledgers").iterdir())
    text = (base_plan / "ledgers" / "tasks.yaml").read_text(encoding="utf-8")
    assert "下一次写入" in text and "被中断的写入" not in text


# --- odd input that must not be an internal error ---------------------------------


@pytest.mark.parametrize("target", ["/dev/null/x", "a-file"])
def test_schema_out_to_a_bad_path_is_a_clear_error(tmp_path, run_plan, target):
    # main: exit 3 (NotADirectoryError / FileExistsError)
    if target == "a-file":
        target = tmp_path / "a-file"
        target.write_text("x", encoding="utf-8")
    result = run_plan("schema", "--out", target)
    assert result.exit_code == 1, result.output
    assert "plan:" in result.stderr and str(target) in result.stderr


def _repo_with_change(tmp_path, change):
    from tests.gitrepo import commit, make_repo

    repo = make_repo(tmp_path / "repo")
    change(repo / "data")
    commit(repo, "change")
    return repo


def test_against_when_indicators_yaml_is_not_a_mapping(tmp_path, run_plan):
    # main: exit 3
    from tests.gitrepo import commit, git, make_repo

    repo = make_repo(tmp_path / "repo")
    git(repo, "checkout", "-q", "-b", "pr")
    (repo / "data" / "indicators.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    commit(repo, "break it")
    result = run_plan("check", "--data", repo / "data", "--against", "main")
    assert result.exit_code == 1, result.output
    assert "indicators.yaml:1:1: error" in result.stdout


def test_a_revision_that_looks_like_an_option_never_reaches_git_as_one(tmp_path, run_plan):
    # main: '--against=--independent' was passed to git merge-base as an option and
    # quietly compared against HEAD.
    from tests.gitrepo import make_repo

    repo = make_repo(tmp_path / "repo")
    for rev in ("--independent", "-h", "--all"):
        result = run_plan("check", "--data", repo / "data", f"--against={rev}")
        assert result.exit_code == 2, (rev, result.output)
        assert f"'{rev}' is not a revision" in result.stderr
        result = run_plan("diff", "--data", repo / "data", "--", rev)
        assert result.exit_code == 2, (rev, result.output)


# --- part 5: one period parser -----------------------------------------------------


@pytest.mark.parametrize("period", ['"0000"', '"9999"', "0", "9999", '"0000Q1"', '"２０２４"'])
def test_a_period_out_of_range_is_refused_the_same_way_everywhere(base_plan, run_plan, period):
    # main: period "0000" crashed reports (exit 3) while "9999" was accepted as a year.
    path = base_plan / "indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "{period: 2023, value: 2.4,", f"{{period: {period}, value: 2.4,", 1), encoding="utf-8")
    for command in ("check", "status", "gaps"):
        result = run_plan(command, "--data", base_plan)
        assert result.exit_code == 1, (command, result.output)
    assert "is not a period" in run_plan("check", "--data", base_plan).stdout


@pytest.mark.parametrize("period", ["²⁰²⁴", "٢٠٢٤", "0000", "9999", "2024Q5", "2024q2x"])
def test_a_period_option_that_is_not_one_is_a_usage_error(base_plan, run_plan, period):
    # main: --period ²⁰²⁴ crashed (exit 3): str.isdigit() said yes, int() said no.
    result = run_plan("record", "rd-intensity", "--period", period, "--value", "2.5",
                      "--source", "统计公报", "--data", base_plan)
    assert result.exit_code == 2, result.output
    assert "--period" in result.output


def test_every_reader_of_periods_is_the_one_parser():
    from plan_cli.quarter import Quarter, parse_period

    assert parse_period("2024") == parse_period(2024) == 2024
    assert parse_period(" 2024q2 ") == Quarter(2024, 2)
    for bad in ("0000", 9999, "²⁰²⁴", True, 2024.0, "2024Q0", None):
        with pytest.raises(ValueError):
            parse_period(bad)


# --- part 7: personal data -----------------------------------------------------------

# 370102199001011231 and 11010519491231002X carry a correct GB 11643 check digit.
# (The issue's 370102199001011234 does not: by the rule's own definition it is an
# ordinary number, and is tested as such below.)
PERSONAL = [
    ("staff: [李四]", "staff: [李四 13812345678]", "a mobile phone number", "138****5678"),
    ("staff: [李四]", "staff: ['李四 +86 138-1234-5678']", "a mobile phone number", "138****5678"),
    ("staff: [李四]", "staff: [370102199001011231]", "a resident identity number",
     "370***********1231"),
    ("staff: [李四]", "staff: [身份证11010519491231002X]", "a resident identity number",
     "110***********002X"),
    ("staff: [李四]", "staff: [lisi@example.org]", "an e-mail address", "l***@example.org"),
    ("staff: [李四]", "staff: ['电话 0631-5231234']", "a telephone number", "063****1234"),
]


@pytest.mark.parametrize("old, new, kind, masked", PERSONAL, ids=lambda v: str(v)[:12])
def test_personal_data_in_any_field_is_an_error_even_without_strict(base_plan, run_plan,
                                                                     old, new, kind, masked):
    # main: accepted, even with --strict.
    path = base_plan / "ledgers" / "tasks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = run_plan("check", "--data", base_plan)
    assert result.exit_code == 1, result.output
    line = next(l for l in result.stdout.splitlines() if "personal-data" in l)
    assert re.match(r".*tasks\.yaml:11:\d+: error\[personal-data\] ", line)
    assert kind in line and masked in line
    raw = new.split("[", 1)[1].rstrip("]").strip("'")
    assert raw not in result.stdout  # the CI log does not repeat it
    zh = run_plan("check", "--data", base_plan, "--lang", "zh")
    assert "不应包含个人信息" in zh.stdout and "public_contacts" in zh.stdout


@pytest.mark.parametrize("text", ["370102199001011234", "威政办字〔2023〕13812345号",
                                  "投资 13812345678.5 万元"[:0] + "GDP 1381234567 万元",
                                  "2023-2025", "https://www.weihai.gov.cn/art/2023/1/5/art_123.html",
                                  "0631"])
def test_ordinary_numbers_do_not_trip_the_rule(text):
    from plan_cli.checks.personal import find

    assert find(text) is None


def test_a_personal_datum_in_a_key_or_a_note_of_any_file_is_found(base_plan, run_plan):
    path = base_plan / "owners.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "'zhang@example.org': 1\n",
                    encoding="utf-8")
    result = run_plan("check", "--data", base_plan)
    assert result.exit_code == 1
    assert "owners.yaml" in result.stdout and "z***@example.org" in result.stdout


def test_public_office_numbers_can_be_allowed_in_plan_settings(base_plan, run_plan):
    path = base_plan / "ledgers" / "tasks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "staff: [李四]", "staff: ['服务热线 0631-5231234', 'ban@weihai.gov.cn']", 1),
        encoding="utf-8")
    assert run_plan("check", "--data", base_plan).exit_code == 1
    plan = base_plan / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "stale_after_quarters: 1}",
        "stale_after_quarters: 1, public_contacts: ['(0631)5231234', BAN@weihai.gov.cn]}"),
        encoding="utf-8")
    result = run_plan("check", "--data", base_plan)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("args", [
    ["note", "PT-001", "请联系李四 13812345678"],
    ["note", "PT-001", "进展", "--by", "lisi@example.org"],
    ["update", "PT-001", "--quarter", "2023Q4", "--status", "done", "--done-on", "2024-01-05",
     "--evidence", "经办人身份证 370102199001011231"],
])
def test_edits_refuse_personal_data_before_writing(base_plan, run_plan, args):
    from tests.gitrepo import read_all

    before = read_all(base_plan)
    result = run_plan(*args, "--data", base_plan, "--as-of", "2024-05-10")
    assert result.exit_code == 1, result.output
    assert "personal-data" in result.stderr and "nothing was written" in result.stderr
    assert read_all(base_plan) == before


def test_plan_diff_prints_data_as_text(tmp_path, run_plan, monkeypatch):
    # main: plan diff read titles as rich markup and passed ESC sequences through.
    from tests.gitrepo import git, make_repo

    monkeypatch.setenv("COLUMNS", "400")  # wide enough that no cell wraps: one line to read

    repo = make_repo(tmp_path / "repo")
    git(repo, "checkout", "-q", "-b", "pr")
    tasks = repo / "data" / "ledgers" / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text.replace("deliverable: 完成建设",
                                  'deliverable: "[/]\\e]8;;http://x\\a链接\\e]8;;\\a"'),
                     encoding="utf-8")
    for fmt in ("table", "markdown"):
        result = run_plan("diff", "main", "--data", repo / "data", "--format", fmt)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "[/]\\x1b]8;;http://x\\x07链接" in result.stdout


def test_a_crafted_cache_entry_cannot_exhaust_memory(base_plan, run_plan):
    # main: an 18-byte entry (a marshal list claiming 2**31 items) stalled for 30-40 s
    # or ran out of memory. Under a 1 GiB address-space limit main dies of MemoryError
    # (exit 3); now the unsigned entry is never unpacked.
    import subprocess
    import sys

    from plan_cli import cache as cache_mod

    assert run_plan("check", "--data", base_plan).exit_code == 0
    entry = _check_entry(base_plan)
    raw = entry.read_bytes()
    head = len(cache_mod._MAGIC)
    entry.write_bytes(raw[:head + 32] + b"[\xff\xff\xff\x7f" + b"\x00" * 14)
    script = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30));"
              "from plan_cli.cli import entry; sys.argv = ['plan', 'check', '--data', sys.argv[1]];"
              "entry()")
    done = subprocess.run([sys.executable, "-c", script, str(base_plan)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("attempt", range(int(os.environ.get("PLAN_KILL_REPEATS", "2"))))
def test_a_writer_killed_at_a_random_moment_leaves_the_old_file_or_the_new(base_plan, attempt):
    import random
    import signal
    import subprocess
    import sys
    import time

    ledger = base_plan / "ledgers" / "tasks.yaml"
    old = ledger.read_bytes()
    proc = subprocess.Popen([sys.executable, "-m", "plan_cli", "note", "PT-001", "随机中断",
                             "--data", str(base_plan)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    time.sleep(random.uniform(0.05, 0.8))  # while it starts, reads, validates or writes
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    now = ledger.read_bytes()
    assert now == old or (now.startswith(old.split(b"    updates:")[0]) and "随机中断".encode() in now)
    result = subprocess.run([sys.executable, "-m", "plan_cli", "note", "PT-001", "之后",
                             "--data", str(base_plan)], capture_output=True, text=True,
                            timeout=60, env={**os.environ, "PLAN_LOCK_TIMEOUT": "5"})
    assert result.returncode == 0, result.stderr
    assert not any(p.name.endswith(".tmp") for p in (base_plan / "ledgers").iterdir())


def test_every_code_issue_9_added_has_words_in_both_languages():
    # (the too-deep message was empty until this test)
    from plan_cli import messages

    root = Path(__file__).parent.parent / "plan_cli"
    codes = set()
    for name in ("yamlread.py", "datadir.py", "checks/personal.py", "edit/ops.py", "edit/values.py"):
        text = (root / name).read_text(encoding="utf-8")
        codes |= set(re.findall(r'(?:YamlProblem\([^"]*|RefusedFile\(|EditRefused\(|'
                                r'Severity\.error, )"([a-z][a-z-]+)"', text))
    assert {"alias", "too-deep", "number-too-large", "not-regular-file", "file-too-large",
            "personal-data", "edit-bad-character", "edit-refused-file"} <= codes
    for code in codes:
        en, zh, hint_en, hint_zh = messages.CATALOG[code]
        assert en and zh and (hint_en is None) == (hint_zh is None), code


def test_csv_cells_are_inert_in_a_spreadsheet(base_plan, run_plan):
    import csv
    import io

    path = base_plan / "indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "name: 研发经费投入强度", "name: '=HYPERLINK(\"http://x\",\"点我\")'", 1), encoding="utf-8")
    result = run_plan("gaps", "--data", base_plan, "--format", "csv")
    assert result.exit_code == 0, result.output
    cells = [c for row in csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))) for c in row]
    assert any(c.startswith("'=HYPERLINK(\"http://x\",\"点我\")") for c in cells), cells
    assert not any(c.startswith(("=", "@", "+")) for c in cells)


def test_init_refuses_a_title_it_cannot_write(tmp_path, run_plan):
    result = run_plan("init", tmp_path / "z", "--title", "计划\x1b[2J")
    assert result.exit_code == 2 and "U+001B (ESCAPE)" in result.output
    assert not (tmp_path / "z").exists()


def test_many_absurd_growth_rates_do_not_overflow_the_reports(base_plan, run_plan):
    # Within the number limit, 33 years of 1e18 % growth overflowed the compound mean
    # to inf and every report crashed (exit 3) on this branch before the fix.
    plan = base_plan / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "period: {start: 2023Q1, end: 2025Q4}", "period: {start: 1990Q1, end: 2025Q4}"),
        encoding="utf-8")
    path = base_plan / "indicators.yaml"
    actuals = "".join(f"      - {{period: {y}, value: 1e18, source: synthetic}}\n"
                      for y in range(1991, 2024))
    path.write_text(path.read_text(encoding="utf-8").replace(
        "      - {period: 2023, value: 6.0, source: synthetic}\n", actuals), encoding="utf-8")
    for command in (["status"], ["gaps"], ["owners"], ["show", "KI-01"], ["due"]):
        result = run_plan(*command, "--data", base_plan, "--as-of", "2024-05-10")
        assert result.exit_code in (0, 1), (command, result.output)
