"""``plan export xlsx``: the ledgers and indicators as an Excel 台账 (openpyxl).

One sheet per ledger in the layout of :mod:`.layout`, an indicator sheet and a
说明 sheet. Colours are the 三色预警 of :mod:`plan_cli.lights`, written as a word
(绿灯/黄灯/红灯) in the 预警 column and painted by conditional formatting, so
the workbook never decides a colour itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .. import model as m
from ..evaluate import evaluate
from ..lights import indicator_light, item_light
from ..quarter import quarters_between
from ..render.labels import label
from ..render.output import num
from ..render.show import _extra_text
from ..reports.filters import Filters, ItemRef, keep_item, kept_indicator_ids
from . import layout as L

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(wrap_text=True, horizontal="center", vertical="center")
_FONT = "宋体"
# Named styles: one style record for thousands of cells (styling each cell with its
# own Font/Alignment objects took 28 s of 40 in a profile of a 1,000-item plan).
_BODY, _HEAD = "台账正文", "台账表头"


def _styles(book: Workbook) -> None:
    from openpyxl.styles import NamedStyle

    book.add_named_style(NamedStyle(_BODY, font=Font(name=_FONT, size=10), alignment=_WRAP,
                                    border=_BORDER))
    book.add_named_style(NamedStyle(_HEAD, font=Font(name=_FONT, bold=True), fill=_HEAD_FILL,
                                    alignment=_CENTER, border=_BORDER))


@dataclass(frozen=True)
class Revision:
    """What data the workbook was made from: a commit, and whether files had changed."""

    commit: str | None
    dirty: bool

    def text(self) -> str:
        if self.commit is None:
            return "不在 git 仓库中(无版本号)"
        return f"git {self.commit}" + (",另有未提交的修改(uncommitted changes)"
                                      if self.dirty else "")


def data_revision(folder: Path) -> Revision:
    from ..gitread import GitError, _git

    try:
        commit = _git(folder, "rev-parse", "--short=12", "HEAD")
        dirty = bool(_git(folder, "status", "--porcelain", "--", "."))
    except GitError:
        return Revision(None, False)
    return Revision(commit, dirty)


def _cell_text(value) -> str | None:
    if value is None or value == []:
        return None
    if isinstance(value, m.PilotLevel):
        return {"national": "国家级", "provincial": "省级", "municipal": "市级"}[value.value]
    if isinstance(value, list):
        return "\n".join(map(str, value))
    return _extra_text(value, "zh")


def sheet_quarters(ws, items, year: int | None, today: date) -> list:
    """The quarters a ledger sheet shows: the year's four (the as-of year by default,
    within the plan period), every earlier quarter still holding an open entry, and
    every quarter when ``year`` is 0. Twelve quarters of three columns do not print."""
    plan = ws.plan.plan
    every = quarters_between(plan.period.start, plan.period.end)
    if year == 0:
        return every
    year = year or min(max(today.year, plan.period.start.year), plan.period.end.year)
    open_ = {str(e.quarter) for item in items for e in item.schedule
             if e.status not in m.CLOSED_STATUSES and e.quarter.year < year}
    return [q for q in every if q.year == year or str(q) in open_]


def build_workbook(ws, today: date, filters: Filters, revision: Revision,
                   year: int | None = None) -> Workbook:
    plan = ws.plan.plan
    info = [f"{label('as_of', 'zh')} {today.isoformat()}", f"数据版本:{revision.text()}"]
    if plan.synthetic:
        info.insert(0, label("synthetic_banner", "zh"))
    book = Workbook()
    book.remove(book.active)
    _styles(book)
    taken: set[str] = {L.INDICATOR_SHEET, L.README_SHEET}
    _readme(book.create_sheet(L.README_SHEET), ws, today, revision)
    for ledger in ws.ledgers:
        if filters.ledgers and ledger.ledger.id not in filters.ledgers:
            continue
        sheet = book.create_sheet(L.sheet_name(ledger.ledger.name or ledger.ledger.title, taken))
        items = [item for item in ledger.items if keep_item(filters, ItemRef(ledger, item))]
        _ledger_sheet(sheet, ws, ledger, items, sheet_quarters(ws, items, year, today), today,
                      info)
    _indicator_sheet(book.create_sheet(L.INDICATOR_SHEET), ws, filters, today, info)
    book.move_sheet(L.README_SHEET, offset=len(book.sheetnames))  # last: the 台账 come first
    return book


def _head(sheet, cols: list[L.Column], title: str, info: list[str]) -> None:
    last = get_column_letter(len(cols))
    sheet.merge_cells(f"A{L.TITLE_ROW}:{last}{L.TITLE_ROW}")
    sheet.cell(L.TITLE_ROW, 1, title).font = Font(name=_FONT, size=14, bold=True)
    sheet.cell(L.TITLE_ROW, 1).alignment = Alignment(horizontal="center")
    sheet.merge_cells(f"A{L.INFO_ROW}:{last}{L.INFO_ROW}")
    sheet.cell(L.INFO_ROW, 1, "  ".join(info)).font = Font(name=_FONT, size=10)
    i = 0
    while i < len(cols):
        col = cols[i]
        if col.group is None:
            sheet.merge_cells(start_row=L.HEAD_ROW, end_row=L.SUBHEAD_ROW,
                              start_column=i + 1, end_column=i + 1)
            sheet.cell(L.HEAD_ROW, i + 1, col.head)
            i += 1
            continue
        span = [c for c in cols[i:] if c.group == col.group]
        sheet.merge_cells(start_row=L.HEAD_ROW, end_row=L.HEAD_ROW,
                          start_column=i + 1, end_column=i + len(span))
        sheet.cell(L.HEAD_ROW, i + 1, col.group)
        for j, part in enumerate(span):
            sheet.cell(L.SUBHEAD_ROW, i + 1 + j, part.head)
        i += len(span)
    for row in (L.HEAD_ROW, L.SUBHEAD_ROW):
        for j in range(1, len(cols) + 1):
            cell = sheet.cell(row, j)
            cell.style = _HEAD
    for j, col in enumerate(cols, 1):
        sheet.column_dimensions[get_column_letter(j)].width = col.width
    sheet.column_dimensions["A"].hidden = True  # the id: rows come back to their items


def _finish(sheet, cols: list[L.Column], rows: int, freeze_col: int) -> None:
    last_row = max(L.FIRST_DATA_ROW, L.FIRST_DATA_ROW + rows - 1)
    for r in range(L.FIRST_DATA_ROW, L.FIRST_DATA_ROW + rows):
        for j in range(1, len(cols) + 1):
            cell = sheet.cell(r, j)
            cell.style = _BODY  # resets the number format: dates get theirs back
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    _fit_widths(sheet, cols, rows)
    _fit_heights(sheet, cols, rows)
    sheet.freeze_panes = sheet.cell(L.FIRST_DATA_ROW, freeze_col + 1)
    sheet.print_title_rows = f"{L.HEAD_ROW}:{L.SUBHEAD_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "第 &P 页,共 &N 页"
    light = next(j for j, c in enumerate(cols, 1) if c.key == "light")
    letter = get_column_letter(light)
    for key, word in L.LIGHT_WORDS.items():
        fill = PatternFill("solid", start_color=L.LIGHT_FILLS[key], end_color=L.LIGHT_FILLS[key])
        sheet.conditional_formatting.add(
            f"{letter}{L.FIRST_DATA_ROW}:{letter}{last_row}",
            FormulaRule(formula=[f'${letter}{L.FIRST_DATA_ROW}="{word}"'], fill=fill))
        sheet.conditional_formatting.add(
            f"B{L.FIRST_DATA_ROW}:C{last_row}",
            FormulaRule(formula=[f'${letter}{L.FIRST_DATA_ROW}="{word}"'], fill=fill))


def _fit_widths(sheet, cols: list[L.Column], rows: int) -> None:
    """Widen a column to its longest line (CJK counts two), within 6..40; text wraps beyond."""
    for j, col in enumerate(cols, 1):
        if col.key == "id":
            continue
        longest = max([L.display_width(line) for r in range(L.FIRST_DATA_ROW,
                                                             L.FIRST_DATA_ROW + rows)
                       for line in str(sheet.cell(r, j).value or "").splitlines()] or [0])
        head = L.display_width(col.head)
        sheet.column_dimensions[get_column_letter(j)].width = max(6, min(40, max(longest,
                                                                                head) + 2))


def _fit_heights(sheet, cols: list[L.Column], rows: int) -> None:
    """Row heights for the wrapped lines: spreadsheet programs do not grow a row
    that a file left at its default height, and the text would be cut in print."""
    import math

    widths = [sheet.column_dimensions[get_column_letter(j)].width or 10
              for j in range(1, len(cols) + 1)]
    for r in range(L.FIRST_DATA_ROW, L.FIRST_DATA_ROW + rows):
        lines = 1
        for j, width in enumerate(widths, 1):
            text = sheet.cell(r, j).value
            if isinstance(text, str) and j > 1:
                lines = max(lines, sum(math.ceil(max(L.display_width(part), 1) / max(width - 1, 1))
                                       for part in text.splitlines()))
        sheet.row_dimensions[r].height = 4 + 14 * lines  # a little air under the last line


def _ledger_sheet(sheet, ws, ledger, items, quarters, today: date, info: list[str]) -> None:
    kind = ledger.ledger.kind
    filled = {key for key, _ in L.KIND_FIELDS[kind]
              if any(getattr(item, key) not in (None, []) for item in items)}
    cols = L.ledger_columns(kind, quarters, filled)
    _head(sheet, cols, ledger.ledger.title, info)
    index = {c.key: j for j, c in enumerate(cols, 1)}
    names = {i.id: i.name for i in ws.indicators}
    r = L.FIRST_DATA_ROW
    for seq, item in enumerate(items, 1):
        by_quarter: dict[str, list[m.ScheduleEntry]] = {}
        for entry in item.schedule:
            by_quarter.setdefault(str(entry.quarter), []).append(entry)
        height = max([len(v) for v in by_quarter.values()] or [1])
        for k in range(height):
            sheet.cell(r + k, index["id"], item.id)
        values = {"seq": seq, "title": item.title,
                  "owner:leader": item.owners.leader, "owner:department": item.owners.department,
                  "owner:section": item.owners.section,
                  "owner:staff": "、".join(item.owners.staff) or None}
        for key in filled:
            value = getattr(item, key)
            if key == "indicator" and value in names:
                value = f"{names[value]}({value})"
            values[f"field:{key}"] = _cell_text(value)
        light = item_light(item, today)
        values["light"] = L.LIGHT_WORDS[light.value] if light else None
        values["progress"] = item.updates[-1].text if item.updates else None
        late = next((e for e in item.schedule if e.status.value in ("delayed", "blocked")), None)
        if late is not None:
            values["cause"], values["corrective_action"] = late.cause, late.corrective_action
        for key, value in values.items():
            sheet.cell(r, index[key], value)
        for quarter, entries in by_quarter.items():
            if f"q:{quarter}:status" not in index:
                continue  # outside the plan period: plan check says so
            for k, entry in enumerate(entries):
                sheet.cell(r + k, index[f"q:{quarter}:deliverable"], entry.deliverable)
                sheet.cell(r + k, index[f"q:{quarter}:status"], L.STATUS_WORDS[entry.status])
                if entry.done_on is not None:
                    sheet.cell(r + k, index[f"q:{quarter}:done_on"], entry.done_on)
        r += height
    rows = r - L.FIRST_DATA_ROW
    _finish(sheet, cols, rows, index["title"])
    words = ",".join(L.STATUS_WORDS.values())
    check = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True,
                           showErrorMessage=True, errorTitle="状态",
                           error="请从下拉列表中选择状态:" + words)
    last = L.FIRST_DATA_ROW + max(rows, 1) + 200  # room for rows a department adds
    for c in cols:
        if c.key.endswith(":status"):
            letter = get_column_letter(index[c.key])
            check.add(f"{letter}{L.FIRST_DATA_ROW}:{letter}{last}")
    sheet.add_data_validation(check)


def _indicator_sheet(sheet, ws, filters: Filters, today: date, info: list[str]) -> None:
    plan = ws.plan.plan
    years = list(range(plan.period.start.year, plan.period.end.year + 1))
    cols = L.indicator_columns(years)
    _head(sheet, cols, f"{plan.title} 指标监测表", info)
    index = {c.key: j for j, c in enumerate(cols, 1)}
    kept = kept_indicator_ids(ws, filters)
    r = L.FIRST_DATA_ROW
    seq = 0
    for ind in ws.indicators:
        if ind.id not in kept:
            continue
        result = evaluate(ind, plan.settings, today, plan.period.start, plan.period.end)
        seq += 1
        light = indicator_light(result.status)
        values = {"id": ind.id, "seq": seq, "name": ind.name, "unit": ind.unit,
                  "baseline_period": str(ind.baseline.period) if ind.baseline else None,
                  "baseline": ind.baseline.value if ind.baseline else None,
                  "target": result.goal if result.goal is not None else num(ind.target.value),
                  "wording": ind.target.wording, "status": label(result.status, "zh"),
                  "light": L.LIGHT_WORDS[light.value] if light else None, "source": ind.source}
        for actual in ind.actuals:
            if isinstance(actual.period, int) and actual.period in years:
                values[f"y:{actual.period}:value"] = actual.value
                values[f"y:{actual.period}:source"] = actual.source
        for key, value in values.items():
            sheet.cell(r, index[key], value)
        r += 1
    _finish(sheet, cols, r - L.FIRST_DATA_ROW, index["name"])


def _readme(sheet, ws, today: date, revision: Revision) -> None:
    plan = ws.plan.plan
    lines = [
        ("计划", plan.title),
        ("计划期", f"{plan.period.start} — {plan.period.end}"),
        ("截至日期", today.isoformat()),
        ("数据版本", revision.text()),
        ("数据文件夹", str(ws.location.path)),
    ]
    if plan.synthetic:
        lines.insert(0, ("注意", label("synthetic_banner", "zh")))
    lines += [
        ("", ""),
        ("填写说明", "每个台账一张工作表,另有“指标”工作表。请只填写或修改:各季度的推进计划、"
                 "状态(从下拉列表选择)、完成时间(如 2024-06-30),进展情况,原因和整改措施,"
                 "以及责任部门等责任人信息;指标表中各年的实际值和数据来源(填写实际值必须同时填写数据来源)。"),
        ("", "不要删除或修改隐藏的“编号”列(A 列):导入时靠它把每一行对应回台账事项。"),
        ("", "状态为“已完成”须填写完成时间;“已延期”“受阻”须填写原因和整改措施。"
             "留空的单元格不会覆盖已有内容。"),
        ("", "预警列为三色预警(绿灯/黄灯/红灯),由 plan 按截至日期计算,填写时无需修改。"),
        ("导入", "填好后运行:plan import xlsx 文件名.xlsx(先预览修改),"
               "确认无误后加 --apply 写入。"),
    ]
    for r, (key, text) in enumerate(lines, 1):
        head = sheet.cell(r, 1, key)
        head.font, head.alignment = Font(name=_FONT, bold=True), Alignment(vertical="top")
        cell = sheet.cell(r, 2, text)
        cell.alignment, cell.font = _WRAP, Font(name=_FONT)
        sheet.row_dimensions[r].height = 15 * max(1, -(-L.display_width(text) // 86))
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 90
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4


def write_workbook(book: Workbook, path: Path) -> None:
    """Save through the one atomic writer: the whole file appears at once, or not at all."""
    import io

    from ..render.output import write_file

    buffer = io.BytesIO()
    book.save(buffer)
    write_file(path, buffer.getvalue())
