"""``plan notice``: 督办单, one per department with red (overdue) items.

Each overdue entry is escalated by its quarters overdue (``settings.notice``):
``remind`` quarters or more a 提醒 (blue), ``urge`` or more a 催办 (orange),
``supervise`` or more a 督办 (red). A department's notice takes the highest
level of its entries. The reply is due ``reply_days`` after the as-of date.
Overdue entries without a responsible department cannot be sent: they are
counted apart, for the office to assign.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from ..load import Workspace
from ..model import NoticeSettings
from ..quarter import Quarter
from .due import DueRow, build_due

LEVELS = ("remind", "urge", "supervise")  # 提醒, 催办, 督办: lowest first
LEVEL_COLOURS = {"remind": "blue", "urge": "orange", "supervise": "red"}


def level_of(quarters_late: int, settings: NoticeSettings) -> str | None:
    """The escalation level of an entry ``quarters_late`` quarters overdue (None: none)."""
    if quarters_late >= settings.supervise:
        return "supervise"
    if quarters_late >= settings.urge:
        return "urge"
    if quarters_late >= settings.remind:
        return "remind"
    return None


@dataclass(frozen=True)
class NoticeLine:
    row: DueRow  # the overdue entry (owners, quarter, quarters late, cause, action)
    level: str


@dataclass(frozen=True)
class Notice:
    department: str
    level: str  # the highest of its lines
    lines: tuple[NoticeLine, ...]  # most late first

    @property
    def colour(self) -> str:
        return LEVEL_COLOURS[self.level]


@dataclass(frozen=True)
class NoticeReport:
    plan_title: str
    synthetic: bool
    as_of: date
    quarter: Quarter
    final: bool
    reply_by: date
    settings: NoticeSettings
    notices: tuple[Notice, ...]  # highest level first, then most lines
    unassigned: tuple[DueRow, ...]  # overdue entries nobody can be sent a notice for


def build_notices(ws: Workspace, as_of: date, departments: tuple[str, ...] = ()) -> NoticeReport:
    """The 督办单 as of ``as_of`` (only ``departments`` when given)."""
    info = ws.plan.plan
    settings = info.settings.notice
    due = build_due(ws, as_of)
    by_dept: dict[str, list[NoticeLine]] = defaultdict(list)
    unassigned = []
    for group in due.groups:
        for row in group.rows:
            level = level_of(row.quarters_late, settings) if row.state == "overdue" else None
            if level is None:
                continue
            if row.owners.department is None:
                unassigned.append(row)
            elif not departments or row.owners.department in departments:
                by_dept[row.owners.department].append(NoticeLine(row, level))
    notices = [Notice(dept, max((line.level for line in lines), key=LEVELS.index),
                      tuple(sorted(lines, key=lambda n: (-n.row.quarters_late, n.row.item))))
               for dept, lines in by_dept.items()]
    notices.sort(key=lambda n: (-LEVELS.index(n.level), -len(n.lines), n.department))
    return NoticeReport(info.title, info.synthetic, as_of, Quarter.of(as_of),
                        as_of > info.period.end.end, as_of + timedelta(days=settings.reply_days),
                        settings, tuple(notices), tuple(unassigned))
