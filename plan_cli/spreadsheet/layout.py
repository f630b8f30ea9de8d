"""The columns of the exported 台账, shared by the exporter and the importer.

A ledger sheet: a hidden 编号 column (the item id, so rows come back to their
items), 序号, 工作任务, the ledger kind's own fields, the four owners, the 三色预警
light, then per quarter of the plan period 推进计划 / 状态 / 完成时间, then 进展情况,
原因, 整改措施. An item with several entries in one quarter takes one row per
entry (continuation rows repeat only the hidden id).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..model import EntryStatus, LedgerKind

TITLE_ROW, INFO_ROW, HEAD_ROW, SUBHEAD_ROW = 1, 2, 3, 4
FIRST_DATA_ROW = 5
INDICATOR_SHEET = "指标"
README_SHEET = "说明"

# Status words in the workbook (the drop-down), and every word the importer accepts.
STATUS_WORDS: dict[EntryStatus, str] = {
    EntryStatus.planned: "未开始",
    EntryStatus.in_progress: "推进中",
    EntryStatus.done: "已完成",
    EntryStatus.delayed: "已延期",
    EntryStatus.blocked: "受阻",
    EntryStatus.dropped: "已取消",
}
STATUS_READ: dict[str, EntryStatus] = {}
for _status, _word in STATUS_WORDS.items():
    STATUS_READ[_word] = _status
    STATUS_READ[_status.value] = _status
    STATUS_READ[_status.value.replace("_", " ")] = _status
STATUS_READ.update({"完成": EntryStatus.done, "进行中": EntryStatus.in_progress,
                    "延期": EntryStatus.delayed, "取消": EntryStatus.dropped,
                    "计划": EntryStatus.planned})

LIGHT_WORDS = {"green": "绿灯", "yellow": "黄灯", "red": "红灯"}
LIGHT_FILLS = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE"}

# The kind's own fields: (field, header).
KIND_FIELDS: dict[LedgerKind, list[tuple[str, str]]] = {
    LedgerKind.provincial_tasks: [("provincial_clause", "省行动计划条款"),
                                  ("annual_key_work", "年度重点工作"),
                                  ("measures", "落实举措"), ("goal", "目标任务")],
    LedgerKind.provincial_key_tasks: [("provincial_clause", "省行动计划条款"),
                                      ("arrangement", "重点安排")],
    LedgerKind.key_indicators: [("indicator", "指标"), ("provincial_target", "省级目标"),
                                ("stretch_target", "冲击目标")],
    LedgerKind.pilots: [("level", "级别"), ("application_status", "申报进展")],
    LedgerKind.innovations: [("origin", "任务来源"), ("goal", "目标任务")],
}
OWNER_COLUMNS = [("leader", "分管市领导"), ("department", "责任部门"),
                 ("section", "具体科室"), ("staff", "工作人员")]
QUARTER_PARTS = [("deliverable", "推进计划"), ("status", "状态"), ("done_on", "完成时间")]
TAIL_COLUMNS = [("progress", "进展情况"), ("cause", "原因"), ("corrective_action", "整改措施")]
ID_HEAD, SEQ_HEAD, TITLE_HEAD, LIGHT_HEAD = "编号", "序号", "工作任务", "预警"


@dataclass(frozen=True)
class Column:
    key: str  # "id", "seq", "title", a kind field, an owner, "light", "q:2024Q2:status", a tail
    head: str  # the header cell (row 3; a quarter's part in row 4)
    group: str | None = None  # a quarter's header over its three parts
    width: float = 10


def quarter_label(quarter) -> str:
    return f"{quarter.year}年第{quarter.q}季度"


def ledger_columns(kind: LedgerKind, quarters, fields=None) -> list[Column]:
    """The columns of a ledger sheet; ``fields`` limits the kind's own fields (read-only
    in the import) to those some item fills, so empty columns do not shrink the print."""
    cols = [Column("id", ID_HEAD, width=10), Column("seq", SEQ_HEAD, width=6),
            Column("title", TITLE_HEAD, width=36)]
    cols += [Column(f"field:{key}", head, width=24) for key, head in KIND_FIELDS[kind]
             if fields is None or key in fields]
    cols += [Column(f"owner:{key}", head, width=14) for key, head in OWNER_COLUMNS]
    cols.append(Column("light", LIGHT_HEAD, width=8))
    for quarter in quarters:
        for part, head in QUARTER_PARTS:
            width = {"deliverable": 24, "status": 10, "done_on": 12}[part]
            cols.append(Column(f"q:{quarter}:{part}", head, quarter_label(quarter), width))
    cols += [Column(key, head, width=30 if key == "progress" else 22) for key, head in TAIL_COLUMNS]
    return cols


def indicator_columns(years: list[int]) -> list[Column]:
    cols = [Column("id", ID_HEAD, width=10), Column("seq", SEQ_HEAD, width=6),
            Column("name", "指标", width=30), Column("unit", "单位", width=8),
            Column("baseline_period", "基期", width=8), Column("baseline", "基期值", width=10)]
    for year in years:
        cols += [Column(f"y:{year}:value", "实际值", f"{year}年", 10),
                 Column(f"y:{year}:source", "数据来源", f"{year}年", 22)]
    cols += [Column("target", "目标值", width=10), Column("wording", "原文表述", width=20),
             Column("status", "状态", width=10), Column("light", LIGHT_HEAD, width=8),
             Column("source", "来源", width=30)]
    return cols


def display_width(text: str) -> int:
    """Columns a text takes on screen: CJK characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def sheet_name(title: str, taken: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique."""
    name = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "台账"
    base, n = name, 2
    while name in taken:
        name = f"{base[:28]}({n})"
        n += 1
    taken.add(name)
    return name
