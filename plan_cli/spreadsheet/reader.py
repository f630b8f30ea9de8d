"""``plan import xlsx``: a filled-in workbook as a list of edits, or the cells it cannot read.

Reads the layout ``plan export xlsx`` writes (found by its headers, on whatever
row they are), compares each cell with the plan and turns every difference into
one :class:`CellEdit` — the same edits ``plan update``, ``plan note`` and ``plan
record`` make. A blank cell never overwrites a filled field. Each cell that
cannot be read is one :class:`Problem`, located as ``Sheet!F12``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .. import model as m
from ..edit.ops import ActualRecord, EntryUpdate
from ..suggest import suggestions
from . import cells
from . import layout as L
from .cells import CellError, Sheet

SUBTOTAL_WORDS = ("合计", "小计", "总计", "subtotal", "total")


@dataclass(frozen=True)
class Problem:
    place: str  # Sheet!F12
    code: str  # messages.CATALOG
    args: dict = field(default_factory=dict)


@dataclass
class CellEdit:
    place: str  # where a refusal of this edit is reported
    kind: str  # "entry" | "note" | "owner" | "actual"
    target: str  # the item's or indicator's id
    payload: Any  # EntryUpdate | note text | (owner field, value) | ActualRecord


@dataclass
class Reading:
    edits: list[CellEdit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)  # the sheets read

    def problem(self, place: str, exc: CellError) -> None:
        self.problems.append(Problem(place, exc.code, exc.args_))


def _suggest(value: str, choices) -> dict[str, str]:
    """The tool's one did-you-mean (:mod:`plan_cli.suggest`), a little more lenient for
    words typed into a spreadsheet."""
    guess = suggestions(value, choices, n=1, cutoff=0.4)
    if not guess:
        return {"en": "", "zh": ""}
    return {"en": f" (did you mean '{guess[0]}'?)", "zh": f"(是否应为“{guess[0]}”?)"}


_WHAT = {"item": {"en": "item", "zh": "事项"}, "indicator": {"en": "indicator", "zh": "指标"}}


def unknown(place: str, what: str, value: str, known) -> Problem:
    """A cell naming an item or indicator the plan does not have, with the nearest one."""
    return Problem(place, "xlsx-unknown-id", {"what": _WHAT[what], "value": value,
                                              "suggestion": _suggest(value, known)})


def status_of(value: Any) -> m.EntryStatus | None:
    raw = cells.text(value)
    if raw is None:
        return None
    found = L.STATUS_READ.get(raw) or L.STATUS_READ.get(raw.lower())
    if found is None:
        raise CellError("xlsx-bad-status", value=raw, suggestion=_suggest(raw, L.STATUS_READ),
                        choices="、".join(L.STATUS_WORDS.values()))
    return found


class Registry:
    """What a cell may name: items, indicators, departments (with aliases), leaders."""

    def __init__(self, ws) -> None:
        self.items = {i.id: i for lf in ws.ledgers for i in lf.items}
        self.indicators = {i.id: i for i in ws.indicators}
        self.indicator_names = {i.name: i.id for i in ws.indicators}
        self.item_titles: dict[str, list[str]] = {}
        for item in self.items.values():
            self.item_titles.setdefault(item.title, []).append(item.id)
        self.departments: dict[str, str] = {}
        self.leaders: set[str] = set()
        if ws.owners:
            for dept in ws.owners.departments:
                self.departments[dept.name] = dept.name
                self.departments.update({a: dept.name for a in dept.aliases})
                if dept.full_name:
                    self.departments[dept.full_name] = dept.name
            self.leaders = {leader.name for leader in ws.owners.leaders}

    def department(self, value: str) -> str:
        if value not in self.departments:
            raise CellError("xlsx-unknown-department", value=value,
                            suggestion=_suggest(value, self.departments))
        return self.departments[value]

    def leader(self, value: str) -> str:
        if self.leaders and value not in self.leaders:
            raise CellError("xlsx-unknown-leader", value=value,
                            suggestion=_suggest(value, self.leaders))
        return value


def find_header(sheet: Sheet, needed: tuple[str, ...], limit: int = 30) -> int | None:
    """The first row holding every ``needed`` header (the header may be on any row)."""
    for r in range(1, min(sheet.max_row, limit) + 1):
        row = {cells.text(sheet.get(r, c)) for c in range(1, len(sheet.rows[r - 1]) + 1)}
        if all(n in row for n in needed):
            return r
    return None


_QUARTER_HEAD = re.compile(r"^(\d{4})年第([1-4])季度$")
_YEAR_HEAD = re.compile(r"^(\d{4})年$")
_FIXED = {L.ID_HEAD: "id", L.SEQ_HEAD: "seq", L.TITLE_HEAD: "title", L.LIGHT_HEAD: "light",
          **{head: f"owner:{key}" for key, head in L.OWNER_COLUMNS},
          **{head: key for key, head in L.TAIL_COLUMNS}}
_PARTS = {head: part for part, head in L.QUARTER_PARTS}


def _columns(sheet: Sheet, head: int) -> dict[str, int]:
    """Column keys (as in layout.Column.key) by the header row and the row under it."""
    out: dict[str, int] = {}
    width = max(len(sheet.rows[head - 1]), len(sheet.rows[head]) if head < sheet.max_row else 0)
    for c in range(1, width + 1):
        top, sub = cells.text(sheet.get(head, c)), cells.text(sheet.get(head + 1, c))
        quarter = _QUARTER_HEAD.match(top or "")
        year = _YEAR_HEAD.match(top or "")
        if quarter and sub in _PARTS:
            out[f"q:{quarter.group(1)}Q{quarter.group(2)}:{_PARTS[sub]}"] = c
        elif year and sub in ("实际值", "数据来源"):
            out[f"y:{year.group(1)}:{'value' if sub == '实际值' else 'source'}"] = c
        elif top in _FIXED and _FIXED[top] not in out:
            out[_FIXED[top]] = c
    return out


def _is_subtotal(sheet: Sheet, r: int) -> bool:
    return any(isinstance(v, str) and v.strip().lower().replace(" ", "") in SUBTOTAL_WORDS
               for v in sheet.rows[r - 1])


def _has_content(sheet: Sheet, r: int, cols: dict[str, int], ignore=("seq", "light")) -> int | None:
    """The first column with something written in it, ignoring 序号 and 预警."""
    skip = {cols[k] for k in ignore if k in cols}
    for c, value in enumerate(sheet.rows[r - 1], 1):
        if c not in skip and cells.text(value) is not None:
            return c
    return None


_REVISION = re.compile(r"git ([0-9a-f]{7,40})")


def workbook_revision(path) -> tuple[str | None, bool]:
    """The data revision the workbook was exported from (its 说明 sheet's 数据版本),
    and whether the data had uncommitted changes then: ``(None, False)`` when unknown."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        if L.README_SHEET not in book.sheetnames:
            return None, False
        for row in book[L.README_SHEET].iter_rows(max_col=2, values_only=True):
            if row and row[0] == "数据版本" and isinstance(row[1], str):
                found = _REVISION.search(row[1])
                return (found.group(1) if found else None), "uncommitted" in row[1]
        return None, False
    finally:
        book.close()


def read_workbook(path, ws, today: date) -> Reading:
    """Every edit the workbook asks for, and every cell it cannot read."""
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    registry = Registry(ws)
    reading = Reading()
    for raw in book.worksheets:
        sheet = Sheet(raw)
        head = find_header(sheet, (L.ID_HEAD, L.TITLE_HEAD))
        if head is not None:
            reading.sheets.append(sheet.title)
            _read_ledger_sheet(sheet, head, registry, today, reading)
            continue
        head = find_header(sheet, (L.ID_HEAD, "指标"))
        if head is not None:
            reading.sheets.append(sheet.title)
            _read_indicator_sheet(sheet, head, registry, reading)
    return reading


def _rows(sheet: Sheet, head: int, cols: dict[str, int], reading: Reading):
    """(row, id, offset among the item's rows) of each data row; blank and subtotal
    rows are skipped, a filled row without an id is a problem. The offset counts the
    item's earlier rows, so rows sorted apart (by department, say) still match."""
    seen: dict[str, int] = {}
    for r in range(head + 2, sheet.max_row + 1):
        row_id = cells.text(sheet.get(r, cols["id"]))
        if row_id is None:
            at = _has_content(sheet, r, cols)
            if at is not None and not _is_subtotal(sheet, r):
                reading.problems.append(Problem(sheet.place(r, at), "xlsx-no-id"))
            continue
        seen[row_id] = seen.get(row_id, -1) + 1
        yield r, row_id, seen[row_id]


def _read_ledger_sheet(sheet: Sheet, head: int, registry: Registry, today: date,
                       reading: Reading) -> None:
    cols = _columns(sheet, head)
    quarters = sorted({key.split(":")[1] for key in cols if key.startswith("q:")})
    for r, item_id, k in _rows(sheet, head, cols, reading):
        item = registry.items.get(item_id)
        if item is None:
            reading.problems.append(unknown(sheet.place(r, cols["id"]), "item", item_id,
                                            registry.items))
            continue
        if k == 0:
            _read_owners(sheet, r, cols, item, registry, reading)
            progress = cells.text(sheet.get(r, cols["progress"])) if "progress" in cols else None
            latest = item.updates[-1].text if item.updates else None
            if progress is not None and progress != latest:
                reading.edits.append(CellEdit(sheet.place(r, cols["progress"]), "note",
                                              item_id, progress))
        by_quarter: dict[str, list[m.ScheduleEntry]] = {}
        for entry in item.schedule:
            by_quarter.setdefault(str(entry.quarter), []).append(entry)
        row_updates: list[tuple[str, EntryUpdate, m.EntryStatus]] = []
        for q in quarters:
            found = _read_entry(sheet, r, cols, q, k, item, by_quarter.get(q, []), today,
                                reading)
            if found is not None:
                row_updates.append(found)
        _read_cause(sheet, r, cols, item_id, row_updates, reading)
        for place, upd, _ in row_updates:
            if upd is not None:
                reading.edits.append(CellEdit(place, "entry", item_id, upd))


def _read_owners(sheet: Sheet, r: int, cols: dict[str, int], item: m.Item,
                 registry: Registry, reading: Reading) -> None:
    for key, _ in L.OWNER_COLUMNS:
        c = cols.get(f"owner:{key}")
        value = cells.text(sheet.get(r, c)) if c else None
        if value is None:
            continue  # a blank cell never overwrites
        current = getattr(item.owners, key)
        try:
            if key == "department":
                value = registry.department(value)
            elif key == "leader":
                value = registry.leader(value)
            elif key == "staff":
                value = [s for s in re.split(r"[、,,;;\s]+", value) if s]
        except CellError as exc:
            reading.problem(sheet.place(r, c), exc)
            continue
        if value != current:
            reading.edits.append(CellEdit(sheet.place(r, c), "owner", item.id, (key, value)))


def _read_entry(sheet: Sheet, r: int, cols: dict[str, int], q: str, k: int, item: m.Item,
                entries: list[m.ScheduleEntry], today: date, reading: Reading):
    """The update one quarter's three cells ask for: (place, EntryUpdate or None, status)."""
    from ..quarter import Quarter

    quarter = Quarter.parse(q)
    c_del, c_status, c_done = (cols.get(f"q:{q}:{p}") for p, _ in L.QUARTER_PARTS)
    deliverable = cells.text(sheet.get(r, c_del)) if c_del else None
    bad = False
    try:
        status = status_of(sheet.get(r, c_status)) if c_status else None
    except CellError as exc:
        reading.problem(sheet.place(r, c_status), exc)
        status, bad = None, True
    try:
        done = cells.day(sheet.get(r, c_done)) if c_done else None
        if done is not None and done > max(today, date.today()):
            raise CellError("xlsx-date-future", value=done.isoformat(),
                            today=max(today, date.today()).isoformat())
        if done is not None and done < quarter.start:
            raise CellError("xlsx-date-outside-quarter", value=done.isoformat(), quarter=q,
                            start=quarter.start.isoformat())
    except CellError as exc:
        reading.problem(sheet.place(r, c_done), exc)
        done, bad = None, True
    existing = entries[k] if k < len(entries) else None
    place = sheet.place(r, c_status or c_del)
    if existing is None:
        if deliverable is None:
            if (status or done) and not bad:
                reading.problems.append(Problem(place, "edit-no-entry",
                                                {"id": item.id, "quarter": q}))
            return None
        if bad:
            return None
        upd = EntryUpdate(quarter, status or m.EntryStatus.planned, deliverable, done)
        return place, upd, upd.status
    if deliverable is not None and "".join(deliverable.split()) != "".join(
            existing.deliverable.split()):
        reading.problems.append(Problem(sheet.place(r, c_del), "xlsx-deliverable-changed",
                                        {"old": existing.deliverable, "value": deliverable}))
        return None
    new_status = status or existing.status
    if bad or (new_status == existing.status and (done is None or done == existing.done_on)):
        return place, None, new_status
    pick = existing.deliverable if len(entries) > 1 else None
    return place, EntryUpdate(quarter, new_status, pick, done), new_status


def _read_cause(sheet: Sheet, r: int, cols: dict[str, int], item_id: str,
                row_updates: list, reading: Reading) -> None:
    """原因 and 整改措施 belong to the row's first delayed or blocked entry."""
    asked = {key: cells.text(sheet.get(r, cols[key])) for key in ("cause", "corrective_action")
             if key in cols}
    asked = {k: v for k, v in asked.items() if v is not None}
    if not asked:
        return
    late = next((i for i, (_, _, s) in enumerate(row_updates)
                 if s in (m.EntryStatus.delayed, m.EntryStatus.blocked)), None)
    if late is None:
        what = "、".join({"cause": "原因", "corrective_action": "整改措施"}[k] for k in asked)
        reading.problems.append(Problem(sheet.place(r, cols[next(iter(asked))]),
                                        "xlsx-cause-without-delay", {"what": what}))
        return
    place, upd, status = row_updates[late]
    if upd is None:
        upd = _same_entry(sheet, r, cols, place, status)
        if upd is None:
            return
    changed = {k: v for k, v in asked.items() if getattr(upd, k) != v}
    if not changed:
        return
    for key, value in changed.items():
        setattr(upd, key, value)
    row_updates[late] = (place, upd, status)


def _same_entry(sheet, r, cols, place, status):
    """An update that leaves the entry's status as it is, to carry 原因/整改措施."""
    from ..quarter import Quarter

    for key, c in cols.items():
        if key.endswith(":status") and sheet.place(r, c) == place:
            deliverable = cells.text(sheet.get(r, cols[key.replace(":status", ":deliverable")]))
            return EntryUpdate(Quarter.parse(key.split(":")[1]), status, deliverable)
    return None


def _read_indicator_sheet(sheet: Sheet, head: int, registry: Registry,
                          reading: Reading) -> None:
    cols = _columns(sheet, head)
    years = sorted({int(key.split(":")[1]) for key in cols if key.startswith("y:")})
    for r, ind_id, _ in _rows(sheet, head, cols, reading):
        indicator = registry.indicators.get(ind_id)
        if indicator is None:
            reading.problems.append(unknown(sheet.place(r, cols["id"]), "indicator", ind_id,
                                            registry.indicators))
            continue
        for year in years:
            c_value, c_source = cols.get(f"y:{year}:value"), cols.get(f"y:{year}:source")
            if c_value is None:
                continue
            try:
                value = cells.number(sheet.get(r, c_value))
            except CellError as exc:
                reading.problem(sheet.place(r, c_value), exc)
                continue
            source = cells.text(sheet.get(r, c_source)) if c_source else None
            edit = actual_edit(indicator, year, value, source)
            if isinstance(edit, CellError):
                reading.problem(sheet.place(r, c_source or c_value), edit)
            elif edit is not None:
                reading.edits.append(CellEdit(sheet.place(r, c_value), "actual", ind_id, edit))


def actual_edit(indicator: m.Indicator, period, value, source):
    """The actual to record for a value and source read from cells (None: no change)."""
    existing = next((a for a in indicator.actuals if str(a.period) == str(period)), None)
    if value is None:
        if existing is not None and source is not None and source != existing.source:
            return ActualRecord(period, existing.value, source)
        return None
    if existing is not None and value == existing.value:
        if source is None or source == existing.source:
            return None
        return ActualRecord(period, existing.value, source)
    if source is None:
        return CellError("xlsx-needs-source", period=str(period), value=cells.text(value))
    return ActualRecord(period, value, source)
