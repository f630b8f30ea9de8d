"""A department's own spreadsheet layout, described by a small mapping file.

Departments keep their own sheets: one row per task and quarter, the task's
title merged down over its rows, a title block above the header, subtotal rows.
A mapping file (YAML) says which column is which::

    # 市科技局 2024 年推进情况表
    sheet: 推进情况          # optional: default every sheet holding the columns
    kind: schedule           # schedule (default) or actuals
    header_row: 3            # optional: default the first row holding every column
    columns:                 # field: the header text in the sheet
      item: 任务编号          # the item's id, or  title: 任务名称  to match by title
      quarter: 季度           # 2024Q2, 2024年第2季度
      deliverable: 工作内容   # optional: picks the entry, or adds one
      status: 完成情况
      done_on: 完成时间
      progress: 进展情况
      cause: 原因
      corrective_action: 整改措施
      department: 牵头单位

For ``kind: actuals`` the columns are ``indicator`` (id or name), ``period``,
``value`` and ``source`` — all four required.

Each row becomes the same :class:`~.reader.CellEdit` the 台账 layout gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .. import model as m
from ..edit.ops import EntryUpdate
from . import cells
from .cells import CellError, Sheet
from .reader import (CellEdit, Problem, Reading, Registry, _is_subtotal, _suggest,
                     actual_edit, status_of, unknown)

SCHEDULE_FIELDS = ("item", "title", "quarter", "deliverable", "status", "done_on", "progress",
                   "cause", "corrective_action", "department", "leader")
ACTUAL_FIELDS = ("indicator", "period", "value", "source")


class MapError(ValueError):
    """The mapping file itself is wrong: ``detail`` says how."""


@dataclass(frozen=True)
class Mapping:
    kind: str
    columns: dict[str, str]  # field -> header text
    sheet: str | None = None
    header_row: int | None = None


def read_mapping(path: Path) -> Mapping:
    from ..yamlread import parse

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MapError(f"cannot read the file ({exc.__class__.__name__}) / 无法读取") from None
    data, problems = parse(text)
    if data is None or problems:
        from ..messages import render

        first = problems[0] if problems else None
        detail = (f"line {first.line}, column {first.column}: "
                  f"{render(first.code, first.args, 'en')[0]}" if first else "not YAML")
        raise MapError(f"not a valid mapping file ({detail}) / 映射文件格式有误")
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise MapError("needs `columns:`, a map of field: header text / 须有 columns: 字段: 表头")
    kind = data.get("kind", "schedule")
    allowed = {"schedule": SCHEDULE_FIELDS, "actuals": ACTUAL_FIELDS}.get(kind)
    if allowed is None:
        raise MapError(f"kind '{kind}' is neither schedule nor actuals / kind 须为 schedule 或 actuals")
    extra = set(data) - {"sheet", "kind", "header_row", "columns"}
    unknown = [k for k in data["columns"] if k not in allowed] + sorted(extra)
    if unknown:
        raise MapError(f"unknown field '{unknown[0]}'; known: {', '.join(allowed)} / 未知字段")
    columns = {str(k): str(v) for k, v in data["columns"].items() if v is not None}
    needed = ACTUAL_FIELDS if kind == "actuals" else ("quarter",)
    missing = [f for f in needed if f not in columns]
    if kind == "schedule" and "item" not in columns and "title" not in columns:
        missing.append("item")
    if missing:
        raise MapError(f"the column for '{missing[0]}' is required / 须指定“{missing[0]}”列")
    row = data.get("header_row")
    if row is not None and (not isinstance(row, int) or row < 1):
        raise MapError("header_row must be a row number (1, 2, …) / header_row 须为行号")
    return Mapping(kind, columns, data.get("sheet"), row)


def read_mapped(path, mapping: Mapping, ws, today: date) -> Reading:
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    registry = Registry(ws)
    reading = Reading()
    if mapping.sheet is not None and mapping.sheet not in book.sheetnames:
        reading.problems.append(Problem(f"{mapping.sheet}!A1", "xlsx-missing-column", {
            "value": mapping.sheet, "choices": "、".join(book.sheetnames)}))
        return reading
    for raw in book.worksheets:
        if mapping.sheet is not None and raw.title != mapping.sheet:
            continue
        sheet = Sheet(raw)
        head = mapping.header_row or _find(sheet, mapping)
        if head is None:
            continue
        found = {cells.text(sheet.get(head, c)): c
                 for c in range(1, len(sheet.rows[head - 1]) + 1) if sheet.get(head, c)}
        cols = {}
        for key, name in mapping.columns.items():
            if name not in found:
                reading.problems.append(Problem(sheet.place(head, 1), "xlsx-missing-column", {
                    "value": name, "choices": "、".join(str(k) for k in found)}))
            else:
                cols[key] = found[name]
        if len(cols) < len(mapping.columns):
            continue
        reading.sheets.append(sheet.title)
        rows = range(head + 1, sheet.max_row + 1)
        if mapping.kind == "actuals":
            for r in rows:
                _actual_row(sheet, r, cols, registry, reading)
        else:
            noted: set[str] = set()
            for r in rows:
                _schedule_row(sheet, r, cols, registry, today, reading, noted)
    return reading


def _find(sheet: Sheet, mapping: Mapping) -> int | None:
    wanted = set(mapping.columns.values())
    for r in range(1, min(sheet.max_row, 30) + 1):
        if wanted <= {cells.text(v) for v in sheet.rows[r - 1]}:
            return r
    return None


def _blank(sheet: Sheet, r: int, cols: dict[str, int], keys) -> bool:
    return all(cells.text(sheet.get(r, cols[k])) is None for k in keys if k in cols)


def _item(sheet: Sheet, r: int, cols: dict[str, int], registry: Registry, reading: Reading):
    if "item" in cols:
        item_id = cells.text(sheet.get(r, cols["item"]))
        item = registry.items.get(item_id or "")
        if item is None:
            reading.problems.append(unknown(sheet.place(r, cols["item"]), "item", item_id or "",
                                            registry.items))
        return item
    title = cells.text(sheet.get(r, cols["title"])) or ""
    ids = registry.item_titles.get(title, [])
    if len(ids) != 1:
        reading.problems.append(Problem(sheet.place(r, cols["title"]), "xlsx-unknown-title", {
            "value": title,
            "suggestion": _suggest(title, registry.item_titles)}))
        return None
    return registry.items[ids[0]]


def _schedule_row(sheet: Sheet, r: int, cols: dict[str, int], registry: Registry, today: date,
                  reading: Reading, noted: set[str]) -> None:
    data_keys = [k for k in cols if k not in ("item", "title")]
    if _blank(sheet, r, cols, data_keys) or _is_subtotal(sheet, r):
        return  # blank rows, subtotal rows, and a merged title hanging over an empty row
    item = _item(sheet, r, cols, registry, reading)
    if item is None:
        return
    problems_before = len(reading.problems)

    def cell(key, reader=cells.text):
        if key not in cols:
            return None
        try:
            return reader(sheet.get(r, cols[key]))
        except CellError as exc:
            reading.problem(sheet.place(r, cols[key]), exc)
            return None

    quarter = cell("quarter", cells.quarter)
    if quarter is None and len(reading.problems) == problems_before:
        reading.problems.append(Problem(sheet.place(r, cols["quarter"]), "xlsx-bad-quarter",
                                        {"value": ""}))
    status = cell("status", status_of)
    done = cell("done_on", cells.day)
    deliverable, progress = cell("deliverable"), cell("progress")
    cause, action = cell("cause"), cell("corrective_action")
    if done is not None and quarter is not None:
        limit = max(today, date.today())
        if done > limit:
            reading.problems.append(Problem(sheet.place(r, cols["done_on"]), "xlsx-date-future",
                                            {"value": done.isoformat(), "today": limit.isoformat()}))
        elif done < quarter.start:
            reading.problems.append(Problem(
                sheet.place(r, cols["done_on"]), "xlsx-date-outside-quarter",
                {"value": done.isoformat(), "quarter": str(quarter),
                 "start": quarter.start.isoformat()}))
    for key in ("department", "leader"):
        value = cell(key)
        if value is None:
            continue
        try:
            value = registry.department(value) if key == "department" else registry.leader(value)
        except CellError as exc:
            reading.problem(sheet.place(r, cols[key]), exc)
            continue
        if value != getattr(item.owners, key) and not any(
                e.kind == "owner" and e.target == item.id and e.payload[0] == key
                for e in reading.edits):
            reading.edits.append(CellEdit(sheet.place(r, cols[key]), "owner", item.id,
                                          (key, value)))
    if progress is not None and item.id not in noted and progress != (
            item.updates[-1].text if item.updates else None):
        noted.add(item.id)
        reading.edits.append(CellEdit(sheet.place(r, cols["progress"]), "note", item.id,
                                      progress))
    if len(reading.problems) > problems_before or quarter is None:
        return
    in_quarter = [e for e in item.schedule if e.quarter == quarter]
    words = "".join((deliverable or "").split())
    place = sheet.place(r, cols.get("status") or cols.get("deliverable") or cols["quarter"])
    if deliverable is not None:
        matches = [e for e in in_quarter if "".join(e.deliverable.split()) == words]
    else:
        matches = in_quarter
    if len(matches) > 1:
        reading.problems.append(Problem(place, "edit-ambiguous-entry", {
            "id": item.id, "quarter": str(quarter),
            "choices": "; ".join(e.deliverable for e in matches)}))
        return
    existing = matches[0] if matches else None
    if existing is None and deliverable is None:
        if status or done or cause or action:
            reading.problems.append(Problem(place, "edit-no-entry",
                                            {"id": item.id, "quarter": str(quarter)}))
        return
    new_status = status or (existing.status if existing else m.EntryStatus.planned)
    late = new_status in (m.EntryStatus.delayed, m.EntryStatus.blocked)
    if (cause or action) and not late:
        what = "、".join(w for w, v in (("原因", cause), ("整改措施", action)) if v)
        reading.problems.append(Problem(sheet.place(r, cols["cause" if cause else
                                                         "corrective_action"]),
                                        "xlsx-cause-without-delay", {"what": what}))
        return
    if existing is not None:
        same = (new_status == existing.status and (done is None or done == existing.done_on)
                and (cause is None or cause == existing.cause)
                and (action is None or action == existing.corrective_action))
        if same:
            return
    pick = (existing.deliverable if existing and len(in_quarter) > 1 else
            None if existing else deliverable)
    upd = EntryUpdate(quarter, new_status, pick, done)
    upd.cause, upd.corrective_action = cause, action
    reading.edits.append(CellEdit(place, "entry", item.id, upd))


def _actual_row(sheet: Sheet, r: int, cols: dict[str, int], registry: Registry,
                reading: Reading) -> None:
    if _blank(sheet, r, cols, ("period", "value", "source")) or _is_subtotal(sheet, r):
        return
    name = cells.text(sheet.get(r, cols["indicator"])) or ""
    ind_id = name if name in registry.indicators else registry.indicator_names.get(name)
    if ind_id is None:
        reading.problems.append(unknown(sheet.place(r, cols["indicator"]), "indicator", name,
                                        [*registry.indicators, *registry.indicator_names]))
        return
    try:
        period = cells.period(sheet.get(r, cols["period"]))
        if period is None:
            raise CellError("xlsx-bad-period", value="")
    except CellError as exc:
        reading.problem(sheet.place(r, cols["period"]), exc)
        return
    try:
        value = cells.number(sheet.get(r, cols["value"]))
    except CellError as exc:
        reading.problem(sheet.place(r, cols["value"]), exc)
        return
    source = cells.text(sheet.get(r, cols["source"]))
    edit = actual_edit(registry.indicators[ind_id], period, value, source)
    if isinstance(edit, CellError):
        reading.problem(sheet.place(r, cols["source"]), edit)
    elif edit is not None:
        reading.edits.append(CellEdit(sheet.place(r, cols["value"]), "actual", ind_id, edit))
