"""Reading one cell as people fill them in: merged cells, dates as Excel serial
numbers or text, numbers stored as text, full-width digits.

Every reader returns the value or raises :class:`CellError` with a catalog code
(messages.CATALOG ``xlsx-*``) and its arguments; the caller adds the cell's place.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

from ..quarter import Quarter


class CellError(ValueError):
    def __init__(self, code: str, **args: Any) -> None:
        super().__init__(code)
        self.code, self.args_ = code, args


class Sheet:
    """A worksheet's values with merged ranges filled in from their top-left cell."""

    def __init__(self, sheet) -> None:
        self.title = sheet.title
        self.rows: list[list[Any]] = [list(r) for r in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            top = self.get(merged.min_row, merged.min_col)
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    self._put(r, c, top)
        self.max_row = len(self.rows)

    def _put(self, row: int, col: int, value: Any) -> None:
        while len(self.rows) < row:
            self.rows.append([])
        line = self.rows[row - 1]
        while len(line) < col:
            line.append(None)
        line[col - 1] = value

    def get(self, row: int, col: int) -> Any:
        if row > len(self.rows) or col > len(self.rows[row - 1]):
            return None
        return self.rows[row - 1][col - 1]

    def place(self, row: int, col: int) -> str:
        from openpyxl.utils import get_column_letter

        return f"{self.title}!{get_column_letter(col)}{row}"


def text(value: Any) -> str | None:
    """A cell as text, stripped; None when blank."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    out = str(value).strip()
    return out or None


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def number(value: Any) -> int | float | None:
    """A figure: a number cell, or text such as '2.61', '1,234', '２.６' (None when blank)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError("xlsx-bad-number", value=str(value))
    if isinstance(value, (int, float)):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    raw = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "").replace(" ", "")
    if not _NUMBER.match(raw):
        raise CellError("xlsx-bad-number", value=str(value).strip())
    parsed = float(raw)
    if parsed != parsed or parsed in (float("inf"), float("-inf")):
        raise CellError("xlsx-bad-number", value=str(value).strip())
    return int(parsed) if parsed.is_integer() and "." not in raw and "e" not in raw.lower() \
        else parsed


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_EXCEL_EPOCH = date(1899, 12, 30)


def day(value: Any) -> date | None:
    """A date: a date cell, an Excel serial number (45473), or text (2024-06-30,
    2024/6/30, 2024.6.30, 2024年6月30日)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's serials run to 9999-12-31
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise CellError("xlsx-bad-date", value=text(value))
    raw = unicodedata.normalize("NFKC", str(value)).strip()
    match = _DATE_TEXT.match(raw)
    if match:
        try:
            return date(*map(int, match.groups()))
        except ValueError:
            pass
    raise CellError("xlsx-bad-date", value=str(value).strip())


_QUARTER_TEXT = re.compile(r"^(\d{4})\s*年?\s*第?\s*([1-4一二三四])\s*季度?$")
_CN = {"一": 1, "二": 2, "三": 3, "四": 4}


def quarter(value: Any) -> Quarter | None:
    """A quarter: 2024Q2, 2024年第2季度, 2024年第二季度."""
    raw = text(value)
    if raw is None:
        return None
    raw = unicodedata.normalize("NFKC", raw)
    try:
        return Quarter.parse(raw)
    except ValueError:
        pass
    match = _QUARTER_TEXT.match(raw)
    if match and "季" in raw:
        q = match.group(2)
        return Quarter(int(match.group(1)), _CN.get(q) or int(q))
    raise CellError("xlsx-bad-quarter", value=raw)


def period(value: Any) -> int | Quarter | None:
    """A year (2024, '2024年') or a quarter."""
    raw = text(value)
    if raw is None:
        return None
    raw = unicodedata.normalize("NFKC", raw)
    match = re.fullmatch(r"(\d{4})\s*年?", raw)
    if match:
        return int(match.group(1))
    try:
        return quarter(raw)
    except CellError:
        raise CellError("xlsx-bad-period", value=raw) from None
