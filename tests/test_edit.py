"""plan update / record / note: splices change only the lines they should."""

from __future__ import annotations

import codecs
import os
import textwrap
from datetime import date
from pathlib import Path

import pytest

from plan_cli.edit.ops import EditRefused, Files, note, run_edit
from plan_cli.edit.safefile import LOCK_NAME, LockHeld, atomic_write, write_lock
from plan_cli.edit.splice import Editor, EditError, render_scalar
from plan_cli.load import DataLocation, load
from tests.conftest import BASE_PLAN
from tests.gitrepo import git, make_repo, read_all

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "data").rglob("*.yaml")) + sorted(BASE_PLAN.rglob("*.yaml"))
ORDER = ("quarter", "deliverable", "status", "done_on", "evidence", "note")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_op_round_trip_is_byte_identical(path):
    text = path.read_bytes().decode("utf-8-sig")
    assert Editor(text).result() == text


def test_every_shipped_item_takes_a_note(tmp_path):
    """Splicing works for every item layout in the shipped ledgers."""
    location = DataLocation(ROOT / "data", "option")
    files = Files(location)
    ws = load(location)
    for ledger in ws.ledgers:
        for item in ledger.items:
            change = note(files, item.id, "进展: 顺利, 按期推进", "张三", date(2025, 1, 2))
            added = change.after.decode().splitlines()
            assert len(added) == len(change.before.decode().splitlines()) + 1


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path / "repo")


def test_update_changes_exactly_one_line(repo, run_plan):
    result = run_plan("update", "PT-001", "--quarter", "2023Q4", "--status", "done",
                      "--done-on", "2024-01-05", "--evidence", "威科字〔2024〕3号",
                      "--data", repo / "data", "--as-of", "2024-05-10")
    assert result.exit_code == 0, result.output
    assert "PT-001 2023Q4 完成建设: in_progress → done" in result.stdout
    assert git(repo, "diff", "-U0", "--no-color").split("\n", 4)[4] == textwrap.dedent("""\
        @@ -15 +15 @@ items:
        -      - {quarter: 2023Q4, deliverable: 完成建设, status: in_progress}
        +      - {quarter: 2023Q4, deliverable: 完成建设, status: done, done_on: 2024-01-05, evidence: 威科字〔2024〕3号}
        """)


def test_update_adds_an_entry_in_quarter_order(repo, run_plan):
    result = run_plan("update", "PT-002", "--quarter", "2023Q3", "--status", "delayed",
                      "--deliverable", "编制方案", "--cause", "选址未定", "--action", "9月底前完成选址",
                      "--data", repo / "data", "--as-of", "2024-05-10")
    assert result.exit_code == 0, result.output
    assert git(repo, "diff", "-U0", "--no-color").split("\n", 4)[4] == textwrap.dedent("""\
        @@ -23,0 +24 @@ items:
        +      - {quarter: 2023Q3, deliverable: 编制方案, status: delayed, cause: 选址未定, corrective_action: 9月底前完成选址}
        """)


def test_record_and_note(repo, run_plan):
    data = repo / "data"
    assert run_plan("record", "export-bases", "--period", "2024", "--value", "2",
                    "--source", "商务局通报: 第2家", "--data", data, "--as-of", "2025-01-10").exit_code == 0
    assert run_plan("note", "PT-002", "申报材料已报送", "--by", "李四", "--data", data,
                    "--as-of", "2025-01-10").exit_code == 0
    diff = git(repo, "diff", "-U0", "--no-color")
    assert "+    actuals:\n+      - {period: 2024, value: 2, source: '商务局通报: 第2家'}\n" in diff
    assert "+    updates:\n+      - {date: 2025-01-10, text: 申报材料已报送, by: 李四}\n" in diff
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]
    assert len(changed) == 4 and all(line.startswith("+") for line in changed)


def test_record_replaces_an_actual(repo, run_plan):
    result = run_plan("record", "rd-intensity", "--period", "2023", "--value", "2.45",
                      "--source", "统计公报", "--correction", "统计公报修订",
                      "--data", repo / "data", "--as-of", "2024-05-10")
    assert result.exit_code == 0, result.output
    assert git(repo, "diff", "-U0", "--no-color").split("\n", 4)[4] == textwrap.dedent("""\
        @@ -12 +12 @@ indicators:
        -      - {period: 2023, value: 2.4, source: synthetic}
        +      - {period: 2023, value: 2.45, source: 统计公报, correction: {date: 2024-05-10, reason: 统计公报修订}}
        """)


@pytest.mark.parametrize("args", [
    # done in the future: refused by the checker
    ("update", "PT-001", "--quarter", "2023Q4", "--status", "done", "--done-on", "2030-01-01"),
    # an actual for a year not over yet
    ("record", "rd-intensity", "--period", "2099", "--value", "3", "--source", "x"),
    # no such item, no such entry, done without a date
    ("update", "PT-009", "--quarter", "2023Q4", "--status", "done", "--done-on", "2024-01-01"),
    ("update", "PT-001", "--quarter", "2024Q3", "--status", "in_progress"),
    ("update", "PT-001", "--quarter", "2023Q4", "--status", "done"),
])
def test_refused_edits_leave_every_file_untouched(repo, run_plan, args):
    before = read_all(repo / "data")
    result = run_plan(*args, "--data", repo / "data", "--as-of", "2024-05-10")
    assert result.exit_code in (1, 2), result.output
    assert read_all(repo / "data") == before


def test_refusal_shows_the_diagnostic(repo, run_plan):
    result = run_plan("update", "PT-001", "--quarter", "2023Q4", "--status", "done",
                      "--done-on", "2030-01-01", "--data", repo / "data", "--as-of", "2024-05-10",
                      "--lang", "zh")
    assert result.exit_code == 1
    assert "错误[date-in-future]" in result.stderr and "未写入任何内容" in result.stderr


def test_crlf_and_bom_are_kept(repo, run_plan):
    path = repo / "data" / "ledgers" / "tasks.yaml"
    original = path.read_bytes()
    path.write_bytes(codecs.BOM_UTF8 + original.replace(b"\n", b"\r\n"))
    result = run_plan("note", "PT-001", "完成", "--data", repo / "data", "--as-of", "2024-05-10")
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert after.startswith(codecs.BOM_UTF8)
    assert after.count(b"\n") == after.count(b"\r\n") == original.count(b"\n") + 1
    assert b"      - {date: 2024-05-10, text: \xe5\xae\x8c\xe6\x88\x90}\r\n" in after


def test_dry_run_writes_nothing(repo, run_plan):
    before = read_all(repo / "data")
    result = run_plan("note", "PT-001", "x", "--data", repo / "data", "--dry-run",
                      "--as-of", "2024-05-10")
    assert result.exit_code == 0 and "+      - {date: 2024-05-10, text: x}" in result.stdout
    assert read_all(repo / "data") == before


def test_a_second_writer_waits_a_bounded_time_then_is_refused(repo, run_plan, monkeypatch):
    data = repo / "data"
    before = read_all(data)
    monkeypatch.setenv("PLAN_LOCK_TIMEOUT", "0.2")
    with write_lock(data):
        result = run_plan("note", "PT-001", "x", "--data", data, "--as-of", "2024-05-10")
        assert result.exit_code == 1
        assert "kept the data locked" in result.stderr and LOCK_NAME in result.stderr
        assert "0.2 s" in result.stderr
        with pytest.raises(LockHeld):
            with write_lock(data, timeout=0):
                pass
        # a dry run takes no lock: it is answered at once
        dry = run_plan("note", "PT-001", "x", "--data", data, "--as-of", "2024-05-10",
                       "--dry-run")
        assert dry.exit_code == 0, dry.output
    after = read_all(data)
    assert after == before


def test_a_lock_left_by_a_dead_writer_does_not_block(repo, run_plan):
    # The old lock file format, as a crashed writer (or a full disk: empty) left it.
    data = repo / "data"
    for content in ('{"pid": 999999999, "host": "%s"}' % os.uname().nodename, ""):
        (data / LOCK_NAME).write_text(content)
        result = run_plan("note", "PT-001", "x", "--data", data, "--as-of", "2024-05-10")
        assert result.exit_code == 0, result.output


def test_atomic_write_leaves_no_temp_file(tmp_path):
    target = tmp_path / "a.yaml"
    target.write_bytes(b"old")
    atomic_write(target, "新\r\n".encode())
    assert target.read_bytes() == "新\r\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


# --- the splicer on layouts the shipped data does not have ---------------------


def _edit(text: str, *ops) -> str:
    editor = Editor(textwrap.dedent(text))
    for op, *args in ops:
        getattr(editor, op)(*args)
    return editor.result()


def test_block_mapping_gets_a_key_at_its_siblings_indent():
    out = _edit("""\
        items:
          - id: A  # first
            schedule:
              - quarter: 2024Q1
                deliverable: 方案
                status: planned   # keep this comment
              # a comment between entries
              - quarter: 2024Q2
                deliverable: 建设
        """, ("set", ("items", 0, "schedule", 0), "done_on", "2024-03-01", ORDER),
        ("set", ("items", 0, "schedule", 0), "status", "done", ORDER),
        ("insert", ("items", 0, "schedule"), 2, {"quarter": "2024Q3", "deliverable": "验收"}))
    assert out == textwrap.dedent("""\
        items:
          - id: A  # first
            schedule:
              - quarter: 2024Q1
                deliverable: 方案
                status: done   # keep this comment
                done_on: 2024-03-01
              # a comment between entries
              - quarter: 2024Q2
                deliverable: 建设
              - quarter: 2024Q3
                deliverable: 验收
        """)


def test_key_goes_before_its_successor_in_model_order():
    out = _edit("e: {quarter: 2024Q1, status: planned}\n",
                ("set", ("e",), "deliverable", "方案: 初稿", ORDER))
    assert out == "e: {quarter: 2024Q1, deliverable: '方案: 初稿', status: planned}\n"


def test_quotes_are_kept_and_added_only_when_needed():
    out = _edit("a: 'x'\nb: \"y\"\nc: z\nd: w\n", ("set", (), "a", "it's"), ("set", (), "b", "v"),
                ("set", (), "c", "yes"), ("set", (), "d", "12"))
    assert out == "a: 'it''s'\nb: \"v\"\nc: 'yes'\nd: '12'\n"


def test_empty_flow_list_in_block_mapping_becomes_a_block_list():
    out = _edit("item:\n  updates: []  # none yet\n  note: x\n",
                ("insert", ("item", "updates"), 0, {"date": "2024-01-01", "text": "a"}))
    assert out == "item:\n  updates:\n    - {date: 2024-01-01, text: a}  # none yet\n  note: x\n"


def test_flow_collections_stay_flow():
    out = _edit("a: {b: [x, y], c: {}}\n", ("insert", ("a", "b"), 1, "中"),
                ("set", ("a", "c"), "k", "v, w"))
    assert out == "a: {b: [x, 中, y], c: {k: 'v, w'}}\n"


def test_file_without_final_newline():
    assert _edit("a: 1", ("set", (), "b", 2)) == "a: 1\nb: 2"


@pytest.mark.parametrize("value, flow, expected", [
    ("abc", False, "abc"), ("a: b", False, "'a: b'"), ("a, b", True, "'a, b'"),
    ("null", False, "'null'"), ("2024-06-30", False, "2024-06-30"), ("#x", False, "'#x'"),
    ("两行\n文字", False, '"两行\\n文字"'), ("", False, "''"), (2.61, False, "2.61"),
])
def test_render_scalar(value, flow, expected):
    assert render_scalar(value, flow=flow) == expected


def test_an_unsafe_splice_is_an_error_not_a_damaged_file():
    editor = Editor("a:\n- x\n-\n  y\n")
    with pytest.raises(EditError):
        editor.insert(("a",), 1, "z")
        editor.result()


def test_run_edit_reports_unknown_item(repo):
    with pytest.raises(EditRefused) as info:
        run_edit(DataLocation(repo / "data", "option"), date(2024, 5, 10),
                 lambda files: note(files, "PT-01", "x", None, date(2024, 5, 10)))
    assert info.value.code == "edit-unknown-item"
    assert "PT-001" in info.value.args_["suggestion"]["en"]


def test_block_entries_follow_their_neighbours_style():
    out = _edit("""\
        updates:
          - {date: 2023-06-21, text: a}
          - date: 2023-12-21
            text: b
        """, ("insert", ("updates",), 2, {"date": "2024-01-02", "text": "c", "by": "王五"}))
    assert out.endswith("""\
          - date: 2024-01-02
            text: c
            by: 王五
        """.replace("        ", ""))


def test_repeating_an_update_changes_nothing(repo, run_plan):
    args = ("update", "PT-001", "--quarter", "2023Q2", "--status", "done",
            "--data", repo / "data", "--as-of", "2024-05-10")
    before = read_all(repo / "data")
    result = run_plan(*args)
    assert result.exit_code == 0 and "no change to" in result.stdout
    assert read_all(repo / "data") == before


def test_flow_items_list_falls_back_to_the_whole_document():
    out = _edit("items: [{id: A, updates: []}, {id: B}]\n",
                ("insert", ("items", 0, "updates"), 0, {"date": "2024-01-01", "text": "x"}))
    assert out == "items: [{id: A, updates: [{date: 2024-01-01, text: x}]}, {id: B}]\n"


def test_every_edit_and_guard_code_speaks_both_languages():
    import re

    from plan_cli import messages

    files = [ROOT / "plan_cli" / name for name in ("guard.py", "edit/ops.py")]
    files += sorted((ROOT / "plan_cli" / "cli").glob("*.py"))
    source = "".join(path.read_text(encoding="utf-8") for path in files)
    codes = set(re.findall(r'"((?:edit|target|item|indicator|closed|delay|off)-[a-z-]+)"', source))
    codes -= {"item-added", "indicator-added"}
    assert codes and codes <= set(messages.CATALOG), codes - set(messages.CATALOG)
    for code in codes:
        en, zh, hint_en, hint_zh = messages.CATALOG[code]
        assert en and zh and (hint_en is None) == (hint_zh is None)
        assert re.search(r"[\u4e00-\u9fff]", zh)


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_folder_is_a_clean_error(repo, run_plan):
    data = repo / "data"
    before = read_all(data)
    data.chmod(0o555)
    try:
        result = run_plan("note", "PT-001", "x", "--data", data, "--as-of", "2024-05-10")
    finally:
        data.chmod(0o755)
    assert result.exit_code == 1 and "could not write" in result.stderr
    assert read_all(data) == before


def test_failed_replace_leaves_the_file_and_no_temp(repo, run_plan, monkeypatch):
    data = repo / "data"
    before = read_all(data)

    def refuse(src, dst):
        raise PermissionError(13, "file is open in another program", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    result = run_plan("note", "PT-001", "x", "--data", data, "--as-of", "2024-05-10")
    assert result.exit_code == 1 and "file is open in another program" in result.stderr
    assert read_all(data) == before


def test_concurrent_writers_never_lose_an_update(repo):
    """Processes racing for the same file: each either writes its note or is told
    the data is locked; no note that was reported written goes missing."""
    import subprocess
    import sys

    data = repo / "data"
    procs = [subprocess.Popen(
        [sys.executable, "-m", "plan_cli", "note", "PT-001", f"并发测试{i}", "--data", str(data),
         "--as-of", "2024-05-10", "--lang", "en"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        for i in range(4)]
    results = [(p.wait(timeout=60), p.stderr.read()) for p in procs]
    # they wait for each other (main refused 138 of 240 parallel writers)
    assert [code for code, _ in results] == [0, 0, 0, 0], results
    text = (data / "ledgers" / "tasks.yaml").read_text(encoding="utf-8")
    assert all(f"并发测试{i}" in text for i in range(4))


def test_a_back_dated_note_is_judged_against_the_real_date(base_plan, run_plan):
    """--as-of dates the note; entries recorded after that day are not "in the future"."""
    result = run_plan("note", "PT-002", "补记:已完成选址", "--as-of", "2023-06-01",
                      "--data", base_plan)
    assert result.exit_code == 0, result.output
    assert "date: 2023-06-01" in (base_plan / "ledgers" / "tasks.yaml").read_text(encoding="utf-8")


def test_a_note_dated_in_the_future_is_refused(base_plan, run_plan):
    before = (base_plan / "ledgers" / "tasks.yaml").read_bytes()
    result = run_plan("note", "PT-002", "未来", "--as-of", "9999-12-31", "--data", base_plan)
    assert result.exit_code == 1
    assert "date-in-future" in result.output
    assert (base_plan / "ledgers" / "tasks.yaml").read_bytes() == before


def test_setting_a_field_left_empty_in_block_style(base_plan, run_plan):
    """`done_on:` with nothing after it (valid: null) takes a value with a space."""
    path = base_plan / "ledgers" / "tasks.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "      - {quarter: 2023Q4, deliverable: 完成建设, status: in_progress}\n",
        "      - quarter: 2023Q4\n        deliverable: 完成建设\n        status: in_progress\n"
        "        done_on:\n        evidence:   # 待补\n")
    path.write_text(text, encoding="utf-8")
    result = run_plan("update", "PT-001", "--quarter", "2023Q4", "--status", "done",
                      "--done-on", "2024-01-05", "--evidence", "验收报告", "--data", base_plan)
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert "        done_on: 2024-01-05\n" in after
    assert "        evidence: 验收报告   # 待补\n" in after


def test_a_mistyped_deliverable_does_not_add_a_second_entry(base_plan, run_plan):
    path = base_plan / "ledgers" / "tasks.yaml"
    before = path.read_bytes()
    # a stray space: the same entry, updated in place
    result = run_plan("update", "PT-002", "--quarter", "2024Q1", "--status", "in_progress",
                      "--deliverable", "申报 基地", "--data", base_plan)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").count("2024Q1") == 1
    path.write_bytes(before)
    # one character off: refused, naming the entry it probably meant
    result = run_plan("update", "PT-002", "--quarter", "2024Q1", "--status", "in_progress",
                      "--deliverable", "申报基地们", "--data", base_plan)
    assert result.exit_code == 2  # an argument that names no entry, like a wrong quarter
    assert "申报基地" in result.output and path.read_bytes() == before
    # clearly different wording: a new entry
    result = run_plan("update", "PT-002", "--quarter", "2024Q1", "--status", "planned",
                      "--deliverable", "组织专家评审", "--data", base_plan)
    assert result.exit_code == 0 and path.read_text(encoding="utf-8").count("2024Q1") == 2


def test_an_unknown_item_id_that_is_a_prefix_still_gets_a_suggestion(base_plan, run_plan):
    result = run_plan("note", "PT-00", "x", "--data", base_plan)
    assert result.exit_code == 2
    assert "did you mean 'PT-00" in result.stderr


MULTI_LINE_NOTE = """\
      - quarter: 2024Q1
        deliverable: 申报基地
        status: planned
        note: |
          已与省商务厅对接
          材料准备中
"""


def _with_block_note(repo: Path) -> Path:
    tasks = repo / "data" / "ledgers" / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    old = "      - {quarter: 2024Q1, deliverable: 申报基地, status: planned}\n"
    assert old in text
    tasks.write_text(text.replace(old, MULTI_LINE_NOTE), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "block note")
    return tasks


def test_a_multi_line_note_block_is_replaced_through_the_round_trip_fallback(repo, run_plan):
    """The splice cannot replace a `note: |` block; ruamel's round trip does,
    and every other byte of the file stays as it was."""
    _with_block_note(repo)
    result = run_plan("update", "PT-002", "--quarter", "2024Q1", "--status", "in_progress",
                      "--note", "材料已报送\n等待省里审核", "--data", repo / "data",
                      "--as-of", "2024-05-10")
    assert result.exit_code == 0, result.output
    assert git(repo, "diff", "-U0", "--no-color").split("\n", 4)[4] == textwrap.dedent("""\
        @@ -26,4 +26,4 @@ items:
        -        status: planned
        -        note: |
        -          已与省商务厅对接
        -          材料准备中
        +        status: in_progress
        +        note: |-
        +          材料已报送
        +          等待省里审核
        """)
    ws = load(DataLocation(repo / "data", "option"))
    entry = next(i for led in ws.ledgers for i in led.items if i.id == "PT-002").schedule[0]
    assert entry.note == "材料已报送\n等待省里审核"


def test_editor_falls_back_and_keeps_crlf_and_the_rest_byte_for_byte():
    text = "a: 1\r\nb: |\r\n  x\r\n  y\r\n# end\r\nc: [1, 2]\r\n"
    editor = Editor(text)
    editor.set((), "b", "p\nq\n")
    assert not editor.spliced  # a block value is left to the round trip
    assert editor.result() == "a: 1\r\nb: |\r\n  p\r\n  q\r\n# end\r\nc: [1, 2]\r\n"


def test_the_fallback_refuses_a_file_it_would_reformat():
    editor = Editor("a:\n- x\n- |\n  y\n  z\n")
    editor.insert(("a",), 1, "new")
    with pytest.raises(EditError):
        editor.fallback_result()


def test_run_edit_redoes_a_splice_that_reads_back_wrong_through_the_round_trip(repo,
                                                                               monkeypatch):
    """The read-back check is the safety net: a splice gone wrong is redone, not written."""
    from plan_cli.edit import splice

    real = splice.Editor._spliced

    def damaged(self):
        return real(self).replace("方案已印发", "方案已印")  # a splice that hit the wrong bytes

    monkeypatch.setattr(splice.Editor, "_spliced", damaged)
    outcome = run_edit(DataLocation(repo / "data", "option"), date(2024, 5, 10),
                       lambda files: note(files, "PT-001", "进入实施阶段", None,
                                          date(2024, 5, 10)))
    assert outcome.written and not outcome.errors
    assert git(repo, "diff", "-U0", "--no-color").split("\n", 4)[4] == textwrap.dedent("""\
        @@ -17,0 +18 @@ items:
        +      - {date: 2024-05-10, text: 进入实施阶段}
        """)
