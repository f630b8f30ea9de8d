"""`plan check --against` judges one ledger file at a time: it must find exactly what
the guard rails find on two whole workspaces (``run_guards(load_at(BASE), load(head))``,
still what ``plan update`` and the spreadsheet import use), on scripted git histories."""

from __future__ import annotations

import importlib.util
import json
import weakref
from datetime import date
from pathlib import Path

import pytest

from plan_cli import load as load_module
from plan_cli.cache import open_cache
from plan_cli.check import run_checks
from plan_cli.datadir import DataLocation
from plan_cli.diagnostics import format_github, summary_line
from plan_cli.gitread import commit_date, load_at
from plan_cli.guard import run_guards
from plan_cli.guardstream import guard_streaming
from plan_cli.load import load
from tests.gitrepo import commit, git, make_repo

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2024, 5, 10)  # the first commit is of 2024-04-10: 2023Q1–2024Q1 had closed
TASKS, KEY, IND = "ledgers/tasks.yaml", "ledgers/key-indicators.yaml", "indicators.yaml"
EAST, WEST = "ledgers/tasks-east.yaml", "ledgers/tasks-west.yaml"
MORE = "ledgers/key-more.yaml"


def _replace(data: Path, rel: str, old: str, new: str) -> None:
    path = data / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _item(data: Path, rel: str, item_id: str) -> str:
    """The text of one item of a ledger file (up to the next item or the file's end)."""
    text = (data / rel).read_text(encoding="utf-8")
    start = text.index(f"  - id: {item_id}\n")
    end = text.find("\n  - id: ", start + 1)
    return text[start:] if end < 0 else text[start:end + 1]


def _move(data: Path, item_id: str, source: str, target: str) -> None:
    block = _item(data, source, item_id)
    _replace(data, source, block, "")
    with (data / target).open("a", encoding="utf-8") as out:
        out.write(block if block.endswith("\n") else block + "\n")


def _copy_of_tasks(data: Path, rel: str, ledger_id: str, prefix: str) -> None:
    """Another provincial-tasks file: tasks.yaml with its ids renamed (PT-001 -> PT-101…),
    and a third item."""
    text = (data / TASKS).read_text(encoding="utf-8")
    text = text.replace("  id: tasks\n", f"  id: {ledger_id}\n").replace("PT-0", f"PT-{prefix}")
    text += (f"  - id: PT-{prefix}03\n    title: 推进园区改造\n    area: industry\n"
             "    owners: {department: 市科技局}\n    schedule:\n"
             "      - {quarter: 2023Q3, deliverable: 启动改造, status: done, done_on: 2023-09-10}\n"
             "      - {quarter: 2024Q3, deliverable: 完成改造, status: planned}\n")
    (data / rel).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    """A repository of three commits: the base plan with two more task files (2024-04-10);
    late progress reported and an item moved between files (2024-04-20); an actual and a
    revision record added (2024-04-25). Each test works in a copy."""
    repo = make_repo(tmp_path_factory.mktemp("history") / "repo")
    data = repo / "data"
    _copy_of_tasks(data, EAST, "tasks-east", "1")
    _copy_of_tasks(data, WEST, "tasks-west", "2")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--amend", "--no-edit", date="2024-04-10")
    _replace(data, TASKS, "deliverable: 完成建设, status: in_progress",
             "deliverable: 完成建设, status: done, done_on: 2024-04-15")
    _move(data, "PT-203", WEST, EAST)
    commit(repo, "progress; PT-203 moves east", date="2024-04-20")
    _replace(data, IND, "      - {period: 2023, value: 6.0, source: synthetic}",
             "      - {period: 2023, value: 6.0, source: synthetic}\n"
             "      - {period: 2024Q1, value: 5.5, source: synthetic}")
    commit(repo, "an actual", date="2024-04-25")
    return repo


@pytest.fixture
def repo(history, tmp_path) -> Path:
    import shutil

    copy = tmp_path / "repo"
    shutil.copytree(history, copy, symlinks=True)
    return copy


def _remove_item(data: Path, rel: str, item_id: str) -> None:
    _replace(data, rel, _item(data, rel, item_id), "")


def _stamp_revision(data: Path, rel: str, removed: str) -> None:
    with (data / rel).open("a", encoding="utf-8") as out:
        out.write("revisions:\n  - {date: 2024-05-01, approved_by: 市指挥部, "
                  f"document: 测指发〔2024〕2号, removed: [{removed}]}}\n")


# Each scenario: what it does to the working tree, and the guard codes it must raise
# against the first commit (so that the comparison is never between two empty lists).
SCENARIOS = {
    "unchanged": (lambda d: None, set()),
    "indicator target": (lambda d: _replace(d, IND, "value: 2.8, wording: 达到2.8%左右",
                                            "value: 2.6, wording: 达到2.6%左右"),
                         {"target-changed"}),
    "stretch target": (lambda d: _replace(d, KEY, "value: 3.0}", "value: 2.9}"),
                       {"target-changed"}),
    "stretch target of a moved item": (
        lambda d: ((d / MORE).write_text("ledger: {id: key-more, kind: key_indicators, "
                                         "title: 更多指标}\nitems:\n", encoding="utf-8"),
                   _move(d, "KI-01", KEY, MORE), _replace(d, MORE, "value: 3.0}", "value: 2.9}")),
        {"target-changed"}),
    "item removed": (lambda d: _remove_item(d, TASKS, "PT-002"), {"item-removed"}),
    "items removed, one approved": (
        lambda d: (_remove_item(d, EAST, "PT-102"), _remove_item(d, EAST, "PT-101"),
                   _remove_item(d, EAST, "PT-103"), _stamp_revision(d, EAST, "PT-101")),
        {"item-removed"}),
    "ledger file deleted": (lambda d: (d / WEST).unlink(), {"ledger-removed"}),
    "indicator removed": (lambda d: _replace(d, IND, IND_PATENTS, ""), {"indicator-removed"}),
    "closed actual changed": (
        lambda d: _replace(d, IND, "{period: 2023, value: 2.4, source: synthetic}",
                           "{period: 2023, value: 2.5, source: synthetic}"),
        {"closed-actual-changed"}),
    "closed entry changed": (lambda d: _replace(d, TASKS, "done_on: 2023-06-20",
                                                "done_on: 2023-06-25"),
                             {"closed-entry-changed"}),
    "closed entry removed": (
        lambda d: _replace(d, EAST, "      - {quarter: 2023Q2, deliverable: 制定方案, status: done,"
                           " done_on: 2023-06-20}\n", ""),
        {"closed-entry-removed"}),
    "delay without cause": (lambda d: _replace(d, WEST, "申报基地, status: planned",
                                               "申报基地, status: blocked"),
                            {"delay-without-cause"}),
    "item moved to another file and rewritten": (
        lambda d: (_move(d, "PT-001", TASKS, WEST),
                   _replace(d, WEST, "done_on: 2023-06-20}\n      - {quarter: 2023Q4, deliverable: "
                            "完成建设, status: done", "done_on: 2023-06-21}\n      - {quarter: "
                            "2023Q4, deliverable: 完成建设, status: done")),
        {"closed-entry-changed"}),
    "ledger file renamed, an item removed": (
        lambda d: ((d / EAST).rename(d / "ledgers/tasks-north.yaml"),
                   _remove_item(d, "ledgers/tasks-north.yaml", "PT-102"),
                   _replace(d, "ledgers/tasks-north.yaml", "done_on: 2023-09-10",
                            "done_on: 2023-09-11")),
        {"item-removed", "closed-entry-changed"}),
    "ledger id renamed, an item removed": (
        lambda d: (_replace(d, EAST, "  id: tasks-east\n", "  id: tasks-renamed\n"),
                   _remove_item(d, EAST, "PT-101")),
        {"item-removed"}),
    "new file with moved and new items": (
        lambda d: (_copy_of_tasks(d, "ledgers/tasks-new.yaml", "tasks-new", "3"),
                   _replace(d, "ledgers/tasks-new.yaml", "申报基地, status: planned",
                            "申报基地, status: delayed"),
                   _move(d, "PT-202", WEST, "ledgers/tasks-new.yaml"),
                   _move(d, "PT-102", EAST, "ledgers/tasks-new.yaml"),
                   _replace(d, "ledgers/tasks-new.yaml", "申报基地, status: planned",
                            "申报基地, status: blocked")),
        {"delay-without-cause"}),
    "files failing validation": (
        lambda d: (_replace(d, EAST, "status: planned", "status: plannd"),
                   _remove_item(d, EAST, "PT-103"),
                   (d / WEST).write_text("ledger: [\n", encoding="utf-8"),
                   _remove_item(d, TASKS, "PT-002")),
        {"item-removed"}),
    "item id in two files": (
        lambda d: (_replace(d, WEST, "id: PT-201", "id: PT-101"),
                   _replace(d, WEST, "done_on: 2023-06-20", "done_on: 2023-06-22"),
                   # (not judged: the id's last place, in ledger order, is in WEST)
                   _replace(d, EAST, "done_on: 2023-06-20", "done_on: 2023-06-23")),
        {"item-removed", "closed-entry-changed"}),
    "two files with one ledger id": (
        lambda d: (_replace(d, WEST, "  id: tasks-west\n", "  id: tasks-east\n"),
                   _remove_item(d, WEST, "PT-201"), _remove_item(d, EAST, "PT-101")),
        {"item-removed"}),
}

IND_PATENTS = """  - id: patents
    name: 万人高价值发明专利拥有量
    area: innovation
    unit: 件
    direction: up
    target: {period: 2025, op: multiple_of_baseline, value: 2, wording: 翻番}
    baseline: {period: 2022, value: 5, source: synthetic}
    source: synthetic
"""


def _as_tuples(diags) -> list[tuple]:
    return [(d.path, d.line, d.column, d.severity.value, d.code, d.args) for d in diags]


def _both(data: Path, rev: str, today: date = TODAY, cache: bool = False):
    location = DataLocation(data, "option")
    base_day = commit_date(data, rev)
    whole = run_guards(load_at(location, rev, keep_data=False), load(location), base_day, today)
    streamed = guard_streaming(location, rev, base_day, today,
                               open_cache(location) if cache else None)
    return _as_tuples(whole), _as_tuples(streamed)


@pytest.mark.parametrize("name", SCENARIOS)
def test_streamed_guards_equal_the_whole_workspace_guards(repo, name):
    data = repo / "data"
    change, expected = SCENARIOS[name]
    change(data)
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    for rev in (first, "HEAD~1", "HEAD"):
        whole, streamed = _both(data, git(repo, "rev-parse", rev).strip())
        assert streamed == whole, rev
        if rev == first:
            assert expected <= {entry[4] for entry in whole}, whole
            assert expected or not whole, whole


def test_a_committed_change_is_judged_alike_with_the_cache(repo):
    """The change committed (BASE is the commit before), the parse cache warm from a
    first run: the same diagnostics again."""
    data = repo / "data"
    for name in ("item moved to another file and rewritten", "closed entry removed",
                 "closed actual changed", "stretch target"):
        SCENARIOS[name][0](data)
    commit(repo, "a change", date="2024-05-01")
    for _ in range(2):
        whole, streamed = _both(data, git(repo, "rev-parse", "HEAD~1").strip(), cache=True)
        assert streamed == whole
        assert {entry[4] for entry in whole} == {"closed-entry-changed", "closed-entry-removed",
                                                  "closed-actual-changed", "target-changed"}


def test_an_unchanged_file_is_judged_alike(repo):
    """An unchanged file is not read again from BASE, yet what the whole-workspace path
    finds on it (an item whose two entries share a quarter and deliverable: the second
    is judged against the first) is still found."""
    data = repo / "data"
    _replace(data, EAST, "      - {quarter: 2024Q1, deliverable: 申报基地, status: planned}\n",
             "      - {quarter: 2024Q1, deliverable: 申报基地, status: planned}\n"
             "      - {quarter: 2024Q1, deliverable: 申报基地, status: delayed}\n")
    commit(repo, "two alike entries", date="2024-04-30")
    whole, streamed = _both(data, "HEAD")
    assert streamed == whole
    assert [(entry[0].rsplit("/", 1)[-1], entry[4]) for entry in whole] == \
        [("tasks-east.yaml", "delay-without-cause")]


def test_base_files_are_read_one_at_a_time_and_a_too_large_one_unread(repo, monkeypatch):
    """gitread.Blobs answers each request from one git process: a file over the size
    limit is refused before its bytes are read, and the files after it still come
    right (the stream stays in step)."""
    from plan_cli.datadir import RefusedFile
    from plan_cli.gitread import Blobs

    data = repo / "data"
    monkeypatch.setenv("PLAN_MAX_FILE_SIZE", "600")
    with Blobs(DataLocation(data, "option"), "HEAD") as blobs:
        names = sorted(blobs, key=lambda p: p.name)
        assert {p.name for p in names} >= {"plan.yaml", "tasks.yaml", "key-indicators.yaml"}
        refused = 0
        for path in names * 2:
            expected = git(repo, "show", f"HEAD:{path.relative_to(repo).as_posix()}")
            if len(expected.encode("utf-8")) > 600:
                with pytest.raises(RefusedFile):
                    blobs[path]
                refused += 1
            else:
                assert blobs[path].decode("utf-8") == expected
        assert 0 < refused < len(names) * 2
    whole, streamed = _both(data, "HEAD")  # (load reports it as file-too-large)
    assert streamed == whole


def test_off_track_needs_cause_alike(repo):
    data = repo / "data"
    _replace(data, IND, "- {period: 2023, value: 2.4, source: synthetic}",
             "- {period: 2023, value: 2.4, source: synthetic}\n"
             "      - {period: 2024, value: 2.2, source: 统计公报}")
    whole, streamed = _both(data, "HEAD", today=date(2025, 3, 1))
    assert streamed == whole
    assert [entry[4] for entry in whole] == ["off-track-without-cause"]


def test_the_pull_request_that_adds_the_data_is_judged_alike(tmp_path):
    """BASE has no data folder: every item is new (a delay without cause is still caught)."""
    repo = make_repo(tmp_path / "repo")
    git(repo, "mv", "data", "plan-data")
    commit(repo, "moved", date="2024-04-20")
    git(repo, "mv", "plan-data", "data")
    _replace(repo / "data", TASKS, "申报基地, status: planned", "申报基地, status: blocked")
    whole, streamed = _both(repo / "data", "HEAD")
    assert streamed == whole
    assert "delay-without-cause" in {entry[4] for entry in whole}


def test_the_cli_shows_what_the_whole_workspace_path_shows(repo, run_plan, tmp_path, monkeypatch):
    """The checks and the guard rails together, in the order, the annotations and the
    job summary of the whole-workspace path."""
    data = repo / "data"
    for name in ("item moved to another file and rewritten", "items removed, one approved",
                 "indicator target", "delay without cause", "closed actual changed"):
        SCENARIOS[name][0](data)
    _replace(data, TASKS, "department: 市科技局", "department: 市科技")  # a check warning
    location = DataLocation(data, "option")
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    ws = load(location)
    expected = sorted(run_checks(ws, TODAY) + run_guards(
        load_at(location, first, keep_data=False), ws, commit_date(data, first), TODAY))
    assert {"unknown-department", "target-changed", "item-removed"} <= {d.code for d in expected}

    result = run_plan("check", "--data", data, "--against", first, "--as-of", TODAY.isoformat(),
                      "--format", "json")
    assert result.exit_code == 1
    shown = [(d["path"], d["line"], d["column"], d["code"], d["message"])
             for d in json.loads(result.stdout)["diagnostics"]]
    assert shown == [(d.path, d.line, d.column, d.code, d.text("en")[0]) for d in expected]

    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run_plan("check", "--data", data, "--against", first, "--as-of", TODAY.isoformat(),
                      "--format", "github", "--lang", "zh")
    from plan_cli.diagnostics import split_untouched
    from plan_cli.gitread import changed_lines
    from plan_cli.datadir import display_path

    changed = {display_path(p): lines for p, lines in changed_lines(location, first).items()}
    annotated, untouched = split_untouched(expected, changed)
    assert result.stdout.startswith(format_github(annotated, "zh"))
    line = summary_line(expected, ws.files_read, "zh")
    assert line in summary.read_text(encoding="utf-8")
    assert f"其中 {len(untouched)} 个警告位于本次未修改的行" in result.stdout or not untouched


def test_streamed_guards_hold_one_ledger_file_of_each_side_at_a_time(tmp_path, monkeypatch):
    """A generated plan of many files, changed in several of them: at no time are more
    than two validated ledgers alive (one of the head, one of BASE)."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    repo = tmp_path / "repo"
    data = repo / "data"
    generate.generate(400, data, per_file=25, peers=False)
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "plan", date="2024-04-10")
    ledgers = sorted((data / "ledgers").glob("*.yaml"))
    assert len(ledgers) >= 16
    (ledgers[3]).unlink()
    for changed in (ledgers[5], ledgers[8], ledgers[12]):
        text = changed.read_text(encoding="utf-8")
        changed.write_text(text.replace("done_on: 2023-03-20", "done_on: 2023-03-21", 1),
                           encoding="utf-8")

    alive: list[weakref.ref] = []
    peak = [0]
    validate = load_module._validate_ledger

    def counting(source, diags):
        ledger = validate(source, diags)
        if ledger is not None:
            alive.append(weakref.ref(ledger))
        peak[0] = max(peak[0], sum(ref() is not None for ref in alive))
        return ledger

    monkeypatch.setattr(load_module, "_validate_ledger", counting)
    location = DataLocation(data, "option")
    streamed = guard_streaming(location, "HEAD", date(2024, 4, 10), TODAY)
    # every BASE file read for its index; of the head only the three changed files, and
    # their BASE versions again
    assert len(alive) == len(ledgers) + 6, len(alive)
    assert peak[0] <= 2, peak[0]
    codes = {d.code for d in streamed}
    assert {"ledger-removed", "closed-entry-changed"} <= codes

    alive.clear()
    peak[0] = 0
    whole = run_guards(load_at(location, "HEAD", keep_data=False), load(location),
                       date(2024, 4, 10), TODAY)
    assert peak[0] >= len(ledgers) - 1  # (the whole-workspace path holds them all)
    assert _as_tuples(streamed) == _as_tuples(whole)
