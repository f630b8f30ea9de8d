"""The Excel 台账 both ways (issue 11): ``plan export xlsx`` and ``plan import xlsx``."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from plan_cli.spreadsheet import layout as L

from .conftest import BASE_PLAN

REPO = Path(__file__).resolve().parents[1]
TASKS = "落实省行动计划工作台账"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


@pytest.fixture
def plan_repo(tmp_path) -> Path:
    """The synthetic base plan in a real git repository (for the data revision)."""
    target = tmp_path / "repo" / "data"
    shutil.copytree(BASE_PLAN, target)
    for args in (["init", "-q"], ["add", "-A"],
                 ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "base"]):
        subprocess.run(["git", "-C", str(target.parent), *args], check=True)
    return target


def _export(run_plan, data: Path, out: Path, *extra: str) -> openpyxl.Workbook:
    result = run_plan("export", "xlsx", out, "--data", data, "--as-of", "2024-01-15", *extra)
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(out)


def _col(sheet, top: str, sub: str | None = None) -> str:
    """The letter of the column headed ``top`` (and ``sub`` in the row under it)."""
    from openpyxl.utils import get_column_letter

    group = None
    for c in range(1, sheet.max_column + 1):
        group = sheet.cell(L.HEAD_ROW, c).value or group
        if sub is None and sheet.cell(L.HEAD_ROW, c).value == top:
            return get_column_letter(c)
        if sub is not None and group == top and sheet.cell(L.SUBHEAD_ROW, c).value == sub:
            return get_column_letter(c)
    raise AssertionError(f"no column {top}/{sub}")


def _row(sheet, item_id: str) -> int:
    return next(r for r in range(L.FIRST_DATA_ROW, sheet.max_row + 1)
                if sheet.cell(r, 1).value == item_id)


# --- part 1: the export ------------------------------------------------------------


def test_shipped_plan_exports_five_ledgers_indicators_and_readme(run_plan, tmp_path):
    book = _export(run_plan, REPO / "data", tmp_path / "weihai.xlsx", "--year", "2024")
    assert book.sheetnames == ["落实省行动计划工作台账", "纳入省行动计划重点任务台账",
                               "重点指标工作台账", "试点示范工作台账", "创新性工作台账",
                               "指标", "说明"]
    sheet = book[TASKS]
    heads = [sheet.cell(L.HEAD_ROW, c).value for c in range(1, sheet.max_column + 1)]
    subs = [sheet.cell(L.SUBHEAD_ROW, c).value for c in range(1, sheet.max_column + 1)]
    named = [h for h in heads if h]
    for word in ("序号", "工作任务", "目标任务", "分管市领导", "责任部门", "具体科室",
                 "工作人员", "2024年第1季度", "2024年第4季度", "进展情况", "原因", "整改措施"):
        assert word in named, word
    assert named.index("工作任务") < named.index("分管市领导") < named.index("2024年第1季度") \
        < named.index("进展情况") < named.index("原因") < named.index("整改措施")
    assert subs.count("推进计划") == subs.count("状态") == subs.count("完成时间") == 4
    assert sheet.cell(L.FIRST_DATA_ROW, 3).value == "促进创新要素与产业需求精准对接"
    assert sheet.cell(L.FIRST_DATA_ROW, 1).value == "PT-001"
    assert sheet.column_dimensions["A"].hidden  # the id column
    assert "年度重点工作" not in named  # a kind field no item fills is left out
    assert sheet.freeze_panes == "D5"
    assert sheet.print_title_rows == "$3:$4"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.cell(L.FIRST_DATA_ROW, 3).alignment.wrap_text
    widths = {k: sheet.column_dimensions[k].width for k in ("B", "C")}
    assert widths["C"] > widths["B"]  # CJK text gets room; 序号 does not
    drop = sheet.data_validations.dataValidation[0]
    assert drop.type == "list" and "已完成" in drop.formula1 and "已延期" in drop.formula1
    assert _col(sheet, "2024年第2季度", "状态") in str(drop.sqref)
    indicators = book["指标"]
    iheads = [indicators.cell(L.HEAD_ROW, c).value for c in range(1, indicators.max_column + 1)]
    for word in ("指标", "单位", "基期值", "2023年", "2024年", "2025年", "目标值", "原文表述",
                 "状态", "来源"):
        assert word in iheads, word
    readme = {r[0]: r[1] for r in book["说明"].iter_rows(values_only=True) if r[0]}
    assert readme["计划"].startswith("威海市")
    assert readme["截至日期"] == "2024-01-15"
    assert readme["数据版本"].startswith("git ")
    assert "--apply" in readme["导入"]


def test_colours_come_from_lights_as_conditional_formatting(run_plan, plan_repo, tmp_path):
    book = _export(run_plan, plan_repo, tmp_path / "p.xlsx")
    sheet = book[TASKS]
    light = _col(sheet, "预警")
    # PT-001's 2023Q4 entry is overdue on 2024-01-15 (red), PT-002's is due (yellow)
    assert sheet[f"{light}{_row(sheet, 'PT-001')}"].value == "红灯"
    assert sheet[f"{light}{_row(sheet, 'PT-002')}"].value == "黄灯"
    rules = [(str(rng.sqref), rule.formula[0], rule.dxf.fill.fgColor.rgb)
             for rng in sheet.conditional_formatting for rule in rng.rules]
    assert any('="红灯"' in f and rgb.endswith(L.LIGHT_FILLS["red"]) for _, f, rgb in rules)
    assert any('="绿灯"' in f for _, f, _ in rules) and any('="黄灯"' in f for _, f, _ in rules)
    readme = {r[0]: r[1] for r in book["说明"].iter_rows(values_only=True) if r[0]}
    assert "注意" not in readme  # not a synthetic plan
    assert "uncommitted" not in readme["数据版本"]


def test_synthetic_plan_and_uncommitted_changes_are_said(run_plan, plan_repo, tmp_path):
    plan = plan_repo / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "  source: synthetic\n", "  source: synthetic\n  synthetic: true\n", 1), encoding="utf-8")
    book = _export(run_plan, plan_repo, tmp_path / "p.xlsx")
    readme = {r[0]: r[1] for r in book["说明"].iter_rows(values_only=True) if r[0]}
    assert readme["注意"] == "示例数据(虚构,非真实计划数据)"
    assert "uncommitted changes" in readme["数据版本"]
    assert "示例数据" in book[TASKS].cell(L.INFO_ROW, 1).value


def test_export_filters_as_the_reports_do(run_plan, plan_repo, tmp_path):
    book = _export(run_plan, plan_repo, tmp_path / "p.xlsx", "--department", "市科技局")
    sheet = book[TASKS]
    ids = [sheet.cell(r, 1).value for r in range(L.FIRST_DATA_ROW, sheet.max_row + 1)]
    assert [i for i in ids if i] == ["PT-002"]
    result = run_plan("export", "xlsx", tmp_path / "q.xlsx", "--data", plan_repo,
                      "--department", "市科技")
    assert result.exit_code == 2 and "市科技局" in result.output


# --- part 2 and 3: import, round trips ---------------------------------------------


def _import(run_plan, data: Path, book: Path, *extra: str):
    return run_plan("import", "xlsx", book, "--data", data, "--as-of", "2024-01-15", *extra)


def test_export_then_import_unchanged_is_byte_identical(run_plan, plan_repo, tmp_path):
    before = _files(plan_repo)
    _export(run_plan, plan_repo, tmp_path / "p.xlsx", "--year", "0")
    result = _import(run_plan, plan_repo, tmp_path / "p.xlsx", "--apply")
    assert result.exit_code == 0, result.output
    assert "no change" in result.stdout
    assert _files(plan_repo) == before


def _fill(path: Path, out: Path, edits) -> None:
    book = openpyxl.load_workbook(path)
    edits(book)
    book.save(out)


def test_import_applies_exactly_the_edits_through_the_splice_editor(run_plan, plan_repo,
                                                                    tmp_path):
    _export(run_plan, plan_repo, tmp_path / "p.xlsx")
    before = _files(plan_repo)

    def edits(book):
        s = book[TASKS]
        r1, r2 = _row(s, "PT-001"), _row(s, "PT-002")
        s[f"{_col(s, '2023年第4季度', '状态')}{r1}"] = "已完成"
        s[f"{_col(s, '2023年第4季度', '完成时间')}{r1}"] = dt.date(2024, 1, 10)
        s[f"{_col(s, '进展情况')}{r1}"] = "平台已建成"
        s[f"{_col(s, '2024年第1季度', '状态')}{r2}"] = "已延期"
        s[f"{_col(s, '原因')}{r2}"] = "场地未落实"
        s[f"{_col(s, '整改措施')}{r2}"] = "协调开发区提供场地"
        s[f"{_col(s, '责任部门')}{r2}"] = "市发改委"  # an alias: stored as the name
        s[f"{_col(s, '具体科室')}{r2}"] = "规划科"
        ind = book["指标"]
        ind[f"{_col(ind, '2024年', '实际值')}5"] = " 2.5 "  # a number stored as text
        ind[f"{_col(ind, '2024年', '数据来源')}5"] = "2024年统计公报"

    _fill(tmp_path / "p.xlsx", tmp_path / "filled.xlsx", edits)
    dry = _import(run_plan, plan_repo, tmp_path / "filled.xlsx")
    assert dry.exit_code == 0, dry.output
    assert "delayed" in dry.stdout and "平台已建成" in dry.stdout and "--apply" in dry.stdout
    assert _files(plan_repo) == before  # --dry-run is the default
    done = _import(run_plan, plan_repo, tmp_path / "filled.xlsx", "--apply")
    assert done.exit_code == 0, done.output
    tasks = (plan_repo / "ledgers" / "tasks.yaml").read_text(encoding="utf-8")
    old = before["ledgers/tasks.yaml"].decode("utf-8")
    expected = old.replace(
        "{quarter: 2023Q4, deliverable: 完成建设, status: in_progress}",
        "{quarter: 2023Q4, deliverable: 完成建设, status: done, done_on: 2024-01-10}").replace(
        "      - {date: 2023-06-21, text: 方案已印发}\n",
        "      - {date: 2023-06-21, text: 方案已印发}\n"
        "      - {date: 2024-01-15, text: 平台已建成}\n").replace(
        "{quarter: 2024Q1, deliverable: 申报基地, status: planned}",
        "{quarter: 2024Q1, deliverable: 申报基地, status: delayed, cause: 场地未落实, "
        "corrective_action: 协调开发区提供场地}").replace(
        "owners: {department: 市科技局}", "owners: {department: 市发展改革委, section: 规划科}")
    assert tasks == expected
    indicators = (plan_repo / "indicators.yaml").read_text(encoding="utf-8")
    assert "      - {period: 2023, value: 2.4, source: synthetic}\n" \
           "      - {period: 2024, value: 2.5, source: 2024年统计公报}\n" in indicators
    assert _files(plan_repo)["plan.yaml"] == before["plan.yaml"]
    again = _import(run_plan, plan_repo, tmp_path / "filled.xlsx")
    assert "no change" in again.stdout


def test_blank_cells_never_overwrite_filled_fields(run_plan, plan_repo, tmp_path):
    _export(run_plan, plan_repo, tmp_path / "p.xlsx")
    before = _files(plan_repo)

    def edits(book):
        s = book[TASKS]
        r = _row(s, "PT-001")
        for top, sub in (("责任部门", None), ("分管市领导", None), ("工作人员", None),
                         ("进展情况", None), ("2023年第4季度", "状态"),
                         ("2023年第4季度", "推进计划")):
            s[f"{_col(s, top, sub)}{r}"] = None
        ind = book["指标"]
        ind[f"{_col(ind, '2023年', '实际值')}5"] = None

    _fill(tmp_path / "p.xlsx", tmp_path / "blank.xlsx", edits)
    result = _import(run_plan, plan_repo, tmp_path / "blank.xlsx", "--apply")
    assert result.exit_code == 0, result.output
    assert "no change" in result.stdout
    assert _files(plan_repo) == before


@pytest.mark.parametrize("lang, words", [
    ("en", ["is not a date", "is not a status", "before 2024Q1 began",
            "department '市发改局' is not in owners.yaml", "did you mean '市发改委'"]),
    ("zh", ["不是日期", "不是有效的状态", "早于 2024Q1 的开始日期", "责任部门“市发改局”不在",
            "导入被拒绝"]),
])
def test_unreadable_cells_are_each_named_and_nothing_changes(run_plan, plan_repo, tmp_path,
                                                             lang, words):
    _export(run_plan, plan_repo, tmp_path / "p.xlsx")
    before = _files(plan_repo)
    places = {}

    def edits(book):
        s = book[TASKS]
        r1, r2 = _row(s, "PT-001"), _row(s, "PT-002")
        places["date"] = f"{_col(s, '2023年第4季度', '完成时间')}{r1}"
        places["status"] = f"{_col(s, '2023年第4季度', '状态')}{r1}"
        places["outside"] = f"{_col(s, '2024年第1季度', '完成时间')}{r2}"
        places["dept"] = f"{_col(s, '责任部门')}{r2}"
        s[places["date"]] = "2024年2季度"
        s[places["status"]] = "完成了"
        s[f"{_col(s, '2024年第1季度', '状态')}{r2}"] = "已完成"
        s[places["outside"]] = dt.date(2023, 12, 1)
        s[places["dept"]] = "市发改局"
        s[f"{_col(s, '进展情况')}{r2}"] = "a valid note that must not be written"

    _fill(tmp_path / "p.xlsx", tmp_path / "bad.xlsx", edits)
    result = _import(run_plan, plan_repo, tmp_path / "bad.xlsx", "--apply", "--lang", lang)
    assert result.exit_code == 1
    for where in places.values():
        assert f"{TASKS}!{where}: " in result.stderr, where
    for word in words:
        assert word in result.stderr, word
    assert "Traceback" not in result.output
    assert _files(plan_repo) == before


def test_import_refused_whole_when_the_result_fails_plan_check(run_plan, plan_repo, tmp_path):
    _export(run_plan, plan_repo, tmp_path / "p.xlsx")
    before = _files(plan_repo)

    def edits(book):
        s = book[TASKS]
        r = _row(s, "PT-001")
        s[f"{_col(s, '具体科室')}{r}"] = "规划处"  # not a section of 市发展改革委
        s[f"{_col(s, '进展情况')}{r}"] = "正常推进"

    _fill(tmp_path / "p.xlsx", tmp_path / "f.xlsx", edits)
    result = _import(run_plan, plan_repo, tmp_path / "f.xlsx", "--apply")
    assert result.exit_code == 1
    assert "unknown-section" in result.stderr and "tasks.yaml:" in result.stderr
    assert _files(plan_repo) == before


def test_serial_dates_text_dates_and_new_entries(run_plan, plan_repo, tmp_path):
    _export(run_plan, plan_repo, tmp_path / "p.xlsx")

    def edits(book):
        s = book[TASKS]
        r1, r2 = _row(s, "PT-001"), _row(s, "PT-002")
        s[f"{_col(s, '2023年第4季度', '状态')}{r1}"] = "done"
        s[f"{_col(s, '2023年第4季度', '完成时间')}{r1}"] = 45300  # Excel serial: 2024-01-09
        s[f"{_col(s, '2024年第2季度', '推进计划')}{r2}"] = "完成基地申报"
        s[f"{_col(s, '2024年第1季度', '状态')}{r2}"] = "已完成"
        s[f"{_col(s, '2024年第1季度', '完成时间')}{r2}"] = "2024年1月12日"

    _fill(tmp_path / "p.xlsx", tmp_path / "f.xlsx", edits)
    result = _import(run_plan, plan_repo, tmp_path / "f.xlsx", "--apply")
    assert result.exit_code == 0, result.output
    tasks = (plan_repo / "ledgers" / "tasks.yaml").read_text(encoding="utf-8")
    assert "{quarter: 2023Q4, deliverable: 完成建设, status: done, done_on: 2024-01-09}" in tasks
    assert "{quarter: 2024Q1, deliverable: 申报基地, status: done, done_on: 2024-01-12}" in tasks
    assert "{quarter: 2024Q2, deliverable: 完成基地申报, status: planned}" in tasks


def test_not_a_workbook_is_one_clear_line(run_plan, plan_repo, tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_text("not a zip", encoding="utf-8")
    result = _import(run_plan, plan_repo, bad)
    assert result.exit_code == 1
    assert "cannot read" in result.stderr and "Traceback" not in result.output


def _libreoffice(src: Path, out: Path, edits: list) -> None:
    """Type ``edits`` into ``src`` with LibreOffice Calc (Python-UNO) and save as ``out``."""
    import json

    spec = out.with_suffix(".json")
    spec.write_text(json.dumps(edits, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(["/usr/bin/python3", str(Path(__file__).with_name("lo_uno_edit.py")),
                           str(src), str(out), str(spec)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.is_file()


def test_libreoffice_resave_and_typed_edits_come_back_exactly(run_plan, plan_repo, tmp_path):
    """A real spreadsheet program re-saves the workbook its own way; the import sees
    no change in an untouched copy, and exactly the typed edits in an edited one."""
    book = _export(run_plan, plan_repo, tmp_path / "p.xlsx")
    s = book[TASKS]
    r1, r2 = _row(s, "PT-001"), _row(s, "PT-002")
    before = _files(plan_repo)
    _libreoffice(tmp_path / "p.xlsx", tmp_path / "same.xlsx", [])
    result = _import(run_plan, plan_repo, tmp_path / "same.xlsx", "--apply")
    assert result.exit_code == 0, result.output
    assert "no change" in result.stdout and _files(plan_repo) == before
    _libreoffice(tmp_path / "p.xlsx", tmp_path / "edited.xlsx", [
        [TASKS, f"{_col(s, '2023年第4季度', '状态')}{r1}", "已完成"],
        [TASKS, f"{_col(s, '2023年第4季度', '完成时间')}{r1}", "2024-01-10"],
        [TASKS, f"{_col(s, '进展情况')}{r2}", "已提交申报材料"],
    ])
    result = _import(run_plan, plan_repo, tmp_path / "edited.xlsx", "--apply")
    assert result.exit_code == 0, result.output
    old = before["ledgers/tasks.yaml"].decode("utf-8")
    expected = old.replace(
        "{quarter: 2023Q4, deliverable: 完成建设, status: in_progress}",
        "{quarter: 2023Q4, deliverable: 完成建设, status: done, done_on: 2024-01-10}").replace(
        "      - {quarter: 2024Q1, deliverable: 申报基地, status: planned}\n",
        "      - {quarter: 2024Q1, deliverable: 申报基地, status: planned}\n"
        "    updates:\n      - {date: 2024-01-15, text: 已提交申报材料}\n")
    assert (plan_repo / "ledgers" / "tasks.yaml").read_text(encoding="utf-8") == expected
    after = _files(plan_repo)
    assert {k for k in after if after[k] != before[k]} == {"ledgers/tasks.yaml"}


MAP = """\
# 市科技局 2024 年推进情况表
sheet: 推进情况
columns:
  title: 任务名称
  quarter: 季度
  deliverable: 工作内容
  status: 完成情况
  done_on: 完成时间
  progress: 进展情况
  department: 牵头单位
"""


def _department_book(path: Path, rows: list[list], actuals: list[list] | None = None) -> None:
    """A department's own sheet: a title block, the header on row 4, task titles merged
    down over their rows, a subtotal row and blank rows."""
    book = openpyxl.Workbook()
    s = book.active
    s.title = "推进情况"
    s["A1"] = "市科技局2024年重点工作推进情况表"
    s.merge_cells("A1:G1")
    s["A2"] = "填报单位:市科技局    填报日期:2024年1月15日"
    s.append([])
    s.append(["任务名称", "季度", "工作内容", "完成情况", "完成时间", "进展情况", "牵头单位"])
    for row in rows:
        s.append(row)
    book.create_sheet("其他").append(["与台账无关的表"])
    if actuals is not None:
        a = book.create_sheet("指标数据")
        a.append(["指标名称", "年份", "数值", "数据来源"])
        for row in actuals:
            a.append(row)
    book.save(path)


def test_department_layout_through_a_mapping_file(run_plan, plan_repo, tmp_path):
    (tmp_path / "map.yaml").write_text(MAP, encoding="utf-8")
    book = tmp_path / "dept.xlsx"
    _department_book(book, [
        ["建设创新平台", "2023年第4季度", "完成建设", "已完成", 45301, "平台已建成", "市发改委"],
        [None, "2024Q1", "平台运营", "推进中", None, None, None],  # title merged down
        [None, None, None, None, None, None, None],
        ["培育服务出口基地", "2024年第一季度", "申报基地", "完成", "2024/1/12", None, None],
        ["小计", None, None, None, None, None, None],
    ])
    wb = openpyxl.load_workbook(book)
    wb["推进情况"].merge_cells("A5:A6")
    wb.save(book)
    before = _files(plan_repo)
    result = _import(run_plan, plan_repo, book, "--map", tmp_path / "map.yaml", "--apply")
    assert result.exit_code == 0, result.output
    tasks = (plan_repo / "ledgers" / "tasks.yaml").read_text(encoding="utf-8")
    old = before["ledgers/tasks.yaml"].decode("utf-8")
    expected = old.replace(
        "{quarter: 2023Q4, deliverable: 完成建设, status: in_progress}",
        "{quarter: 2023Q4, deliverable: 完成建设, status: done, done_on: 2024-01-10}\n"
        "      - {quarter: 2024Q1, deliverable: 平台运营, status: in_progress}").replace(
        "      - {date: 2023-06-21, text: 方案已印发}\n",
        "      - {date: 2023-06-21, text: 方案已印发}\n"
        "      - {date: 2024-01-15, text: 平台已建成}\n").replace(
        "{quarter: 2024Q1, deliverable: 申报基地, status: planned}",
        "{quarter: 2024Q1, deliverable: 申报基地, status: done, done_on: 2024-01-12}")
    assert tasks == expected  # 市发改委 is PT-001's department already (an alias)


def test_department_actuals_need_value_period_and_source(run_plan, plan_repo, tmp_path):
    (tmp_path / "map.yaml").write_text(
        "kind: actuals\ncolumns: {indicator: 指标名称, period: 年份, value: 数值, "
        "source: 数据来源}\n", encoding="utf-8")
    book = tmp_path / "stats.xlsx"
    _department_book(book, [], [["研发经费投入强度", "2024年", "2.55", "市统计局快报"],
                                ["新培育服务出口基地", 2024, "一家", "市商务局"],
                                ["社会消费品零售总额增长", "2024", 5.5, None]])
    before = _files(plan_repo)
    result = _import(run_plan, plan_repo, book, "--map", tmp_path / "map.yaml", "--apply")
    assert result.exit_code == 1
    assert "指标数据!C3: '一家' is not a number" in result.stderr
    assert "指标数据!D4: the 2024 value 5.5 has no source" in result.stderr
    assert _files(plan_repo) == before
    book2 = tmp_path / "stats2.xlsx"
    _department_book(book2, [], [["研发经费投入强度", "2024年", "2.55", "市统计局快报"],
                                 ["合计", None, None, None]])
    result = _import(run_plan, plan_repo, book2, "--map", tmp_path / "map.yaml", "--apply")
    assert result.exit_code == 0, result.output
    assert "      - {period: 2024, value: 2.55, source: 市统计局快报}\n" in \
        (plan_repo / "indicators.yaml").read_text(encoding="utf-8")


def test_department_layout_problems_are_located(run_plan, plan_repo, tmp_path):
    (tmp_path / "map.yaml").write_text(MAP, encoding="utf-8")
    book = tmp_path / "dept.xlsx"
    _department_book(book, [
        ["建设创新平台", "二季度", "完成建设", "已完成", "2024-01-10", None, None],
        ["培育服务出口基地", "2024Q1", "申报基地", "完成了", None, None, "市发改局"],
        ["不存在的任务", "2024Q1", "x", "推进中", None, None, None],
    ])
    result = _import(run_plan, plan_repo, book, "--map", tmp_path / "map.yaml",
                     "--lang", "zh")
    assert result.exit_code == 1
    for text in ("推进情况!B5: “二季度”不是季度", "推进情况!D6: “完成了”不是有效的状态",
                 "推进情况!G6: 责任部门“市发改局”不在 owners.yaml 中",
                 "推进情况!A7: 计划中没有名称为“不存在的任务”的事项"):
        assert text in result.stderr, text


def test_a_wrong_mapping_file_is_a_usage_error(run_plan, plan_repo, tmp_path):
    (tmp_path / "map.yaml").write_text("columns: {quater: 季度, item: 编号}\n", encoding="utf-8")
    result = _import(run_plan, plan_repo, tmp_path / "x.xlsx", "--map", tmp_path / "map.yaml")
    assert result.exit_code == 2
    assert "unknown field 'quater'" in result.stderr and "Traceback" not in result.output


def test_printed_workbook_repeats_headers_and_keeps_chinese(run_plan, base_plan, tmp_path):
    """Print the exported workbook with LibreOffice (to PDF): a long ledger runs over
    several A4 landscape pages, each starting with the header rows, Chinese intact."""
    items = "".join(
        f"  - id: PT-{i:03d}\n    title: 第{i}项示例任务:推进重点项目建设,完善配套政策体系\n"
        f"    owners: {{department: 市科技局}}\n    schedule:\n"
        f"      - {{quarter: 2024Q2, deliverable: 完成项目立项, status: in_progress}}\n"
        for i in range(1, 81))
    (base_plan / "ledgers" / "tasks.yaml").write_text(
        "# SYNTHETIC: 80 invented items, to print several pages\nledger:\n  id: tasks\n"
        "  kind: provincial_tasks\n  title: 落实省行动计划工作台账\n  declared_count: 80\n"
        "items:\n" + items, encoding="utf-8")
    _export(run_plan, base_plan, tmp_path / "long.xlsx")
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "long.xlsx")],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "long.pdf"
    pages = [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout
             for n in (1, 2)]
    assert "第1项示例任务" in pages[0] and "第1项示例任务" not in pages[1]
    for page in pages:  # the header rows on every page of the ledger
        assert "工作任务" in page and "推进计划" in page and "2024年第2季度" in page


def test_added_rows_blank_subtotal_and_stray_cells(run_plan, plan_repo, tmp_path):
    """A subtotal row and blank rows are skipped; a filled row without 编号, 原因 with no
    delayed entry, a changed deliverable and a changed 编号 are each named."""
    _export(run_plan, plan_repo, tmp_path / "p.xlsx")
    before = _files(plan_repo)

    def edits(book):
        s = book[TASKS]
        r1, r2 = _row(s, "PT-001"), _row(s, "PT-002")
        s[f"C{r2 + 2}"] = "合计"
        s[f"C{r2 + 3}"] = "新增的任务"
        s[f"{_col(s, '原因')}{r1}"] = "天气原因"
        s[f"{_col(s, '2023年第4季度', '推进计划')}{r1}"] = "完成全部建设"
        s[f"A{r2}"] = "PT-0002"

    _fill(tmp_path / "p.xlsx", tmp_path / "f.xlsx", edits)
    result = _import(run_plan, plan_repo, tmp_path / "f.xlsx")
    assert result.exit_code == 1
    s = openpyxl.load_workbook(tmp_path / "p.xlsx")[TASKS]
    r1, r2 = _row(s, "PT-001"), _row(s, "PT-002")
    expected = {f"C{r2 + 3}": "a row with content but no 编号",
                f"{_col(s, '原因')}{r1}": "no entry in this row is delayed or blocked",
                f"{_col(s, '2023年第4季度', '推进计划')}{r1}": "the import does not rename",
                f"A{r2}": "no item 'PT-0002' in the plan (did you mean 'PT-002'?)"}
    for place, text in expected.items():
        assert f"{TASKS}!{place}: " in result.stderr and text in result.stderr, place
    assert "合计" not in result.stderr
    assert result.stderr.count(f"{TASKS}!") == len(expected)
    assert _files(plan_repo) == before


def test_year_picks_the_quarters_shown(run_plan, plan_repo, tmp_path):
    book = _export(run_plan, plan_repo, tmp_path / "a.xlsx", "--year", "0")
    groups = {c.value for c in book[TASKS][L.HEAD_ROW] if c.value and "季度" in str(c.value)}
    assert len(groups) == 12  # 2023Q1–2025Q4
    book = _export(run_plan, plan_repo, tmp_path / "b.xlsx", "--year", "2025")
    groups = [c.value for c in book[TASKS][L.HEAD_ROW] if c.value and "季度" in str(c.value)]
    # 2025's four, and 2023Q4 and 2024Q1 still open on 2024-01-15
    assert groups == ["2023年第4季度", "2024年第1季度", "2025年第1季度", "2025年第2季度",
                      "2025年第3季度", "2025年第4季度"]
    result = run_plan("export", "xlsx", tmp_path / "c.xlsx", "--data", plan_repo,
                      "--year", "2030")
    assert result.exit_code == 2 and "outside the plan period" in result.stderr


def test_completion_dates_are_date_cells(run_plan, plan_repo, tmp_path):
    book = _export(run_plan, plan_repo, tmp_path / "p.xlsx", "--year", "0")
    s = book[TASKS]
    cell = s[f"{_col(s, '2023年第2季度', '完成时间')}{_row(s, 'PT-001')}"]
    assert cell.is_date and cell.number_format == "yyyy-mm-dd"
    assert cell.value.date() == dt.date(2023, 6, 20)


def test_two_entries_in_a_quarter_take_two_rows_even_when_sorted_apart(run_plan, plan_repo,
                                                                       tmp_path):
    tasks = plan_repo / "ledgers" / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace(
        "      - {quarter: 2023Q4, deliverable: 完成建设, status: in_progress}\n",
        "      - {quarter: 2023Q4, deliverable: 完成建设, status: in_progress}\n"
        "      - {quarter: 2023Q4, deliverable: 组织验收, status: planned}\n"), encoding="utf-8")
    book = _export(run_plan, plan_repo, tmp_path / "p.xlsx")
    s = book[TASKS]
    first = _row(s, "PT-001")
    deliverable = _col(s, "2023年第4季度", "推进计划")
    assert s[f"A{first + 1}"].value == "PT-001"  # a continuation row, same hidden id
    assert s[f"{deliverable}{first + 1}"].value == "组织验收"
    assert s[f"C{first + 1}"].value is None
    # sort the rows apart: PT-001's second row goes below PT-002's
    rows = [[c.value for c in row] for row in s.iter_rows(min_row=first)]
    order = [rows[0], rows[2], rows[1]] + rows[3:]
    for i, values in enumerate(order):
        for j, value in enumerate(values, 1):
            s.cell(first + i, j).value = value
    s[f"{_col(s, '2023年第4季度', '状态')}{first + 2}"] = "推进中"
    before = tasks.read_text(encoding="utf-8")
    book.save(tmp_path / "sorted.xlsx")
    result = _import(run_plan, plan_repo, tmp_path / "sorted.xlsx", "--apply")
    assert result.exit_code == 0, result.output
    assert tasks.read_text(encoding="utf-8") == before.replace(
        "{quarter: 2023Q4, deliverable: 组织验收, status: planned}",
        "{quarter: 2023Q4, deliverable: 组织验收, status: in_progress}")


def test_control_characters_in_cells_are_not_sent_to_the_terminal(run_plan, plan_repo,
                                                                  tmp_path):
    _export(run_plan, plan_repo, tmp_path / "p.xlsx")

    def edits(book):
        s = book[TASKS]
        s[f"{_col(s, '2023年第4季度', '状态')}{_row(s, 'PT-001')}"] = "\x9b31m完成了"  # C1 CSI

    _fill(tmp_path / "p.xlsx", tmp_path / "f.xlsx", edits)
    result = _import(run_plan, plan_repo, tmp_path / "f.xlsx")
    assert result.exit_code == 1
    assert "\x9b" not in result.stderr and "\\x9b31m完成了" in result.stderr


def test_the_example_mapping_file_reads(tmp_path):
    from plan_cli.spreadsheet.mapping import read_mapping

    mapping = read_mapping(REPO / "examples" / "xlsx-map.yaml")
    assert mapping.kind == "schedule" and mapping.sheet == "推进情况"
    assert mapping.columns["status"] == "完成情况" and "header_row" not in mapping.columns


def _commit(data: Path, message: str) -> None:
    for args in (["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm",
                                 message]):
        subprocess.run(["git", "-C", str(data.parent), *args], check=True)


def test_updates_made_after_the_export_are_not_undone(run_plan, plan_repo, tmp_path):
    """A department fills in the workbook while the office updates the YAML: only what
    the department changed comes back (compared with the exported commit)."""
    _export(run_plan, plan_repo, tmp_path / "p.xlsx")
    # since the export: PT-002 started, and PT-001 got a newer note, committed
    done = run_plan("update", "PT-002", "--quarter", "2024Q1", "--status", "in_progress",
                    "--data", plan_repo)
    assert done.exit_code == 0, done.output
    assert run_plan("note", "PT-001", "验收准备中", "--data", plan_repo,
                    "--as-of", "2024-01-12").exit_code == 0
    _commit(plan_repo, "office updates")

    def edits(book):
        s = book[TASKS]
        r = _row(s, "PT-001")
        s[f"{_col(s, '2023年第4季度', '状态')}{r}"] = "已完成"
        s[f"{_col(s, '2023年第4季度', '完成时间')}{r}"] = dt.date(2024, 1, 10)

    _fill(tmp_path / "p.xlsx", tmp_path / "f.xlsx", edits)
    before = _files(plan_repo)["ledgers/tasks.yaml"].decode("utf-8")
    result = _import(run_plan, plan_repo, tmp_path / "f.xlsx", "--apply")
    assert result.exit_code == 0, result.output
    assert "compared with the data as exported" in result.stderr
    tasks = (plan_repo / "ledgers" / "tasks.yaml").read_text(encoding="utf-8")
    assert tasks == before.replace(
        "{quarter: 2023Q4, deliverable: 完成建设, status: in_progress}",
        "{quarter: 2023Q4, deliverable: 完成建设, status: done, done_on: 2024-01-10}")
    assert "status: in_progress}" in tasks.split("PT-002")[1]  # not reset to planned
    again = _import(run_plan, plan_repo, tmp_path / "f.xlsx")
    assert "no change" in again.stdout


@pytest.mark.parametrize("text, words", [
    # the end of the input is placed on the last line, inside the file (issue 9)
    ("columns: [a\n", "line 1, column 12: YAML syntax error"),
    ("columns: {quarter: 季度, item: 编号}\ncolumns: {}\n", "duplicate key 'columns'"),
])
def test_a_broken_mapping_file_is_located(run_plan, plan_repo, tmp_path, text, words):
    (tmp_path / "map.yaml").write_text(text, encoding="utf-8")
    result = _import(run_plan, plan_repo, tmp_path / "x.xlsx", "--map", tmp_path / "map.yaml")
    assert result.exit_code == 2, result.output
    assert "map.yaml: not a valid mapping file" in result.stderr and words in result.stderr
