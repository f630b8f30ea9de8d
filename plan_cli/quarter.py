"""Quarters (``2024Q2``) and periods (a year ``2024`` or a quarter).

Pure value types with no I/O. The plan schedules work by quarter and measures
indicators by year or quarter, so every report needs to compare, step and
count them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MIN_YEAR, MAX_YEAR = 1900, 2100
# ASCII digits only: '²⁰²⁴' or '٢٠٢٤' are not years (int() would refuse or surprise).
_QUARTER_RE = re.compile(r"([0-9]{4})Q([1-4])\Z")
_YEAR_RE = re.compile(r"[0-9]{4}\Z")


@dataclass(frozen=True, order=True, slots=True)
class Quarter:
    """A calendar quarter, written ``2024Q2``."""

    year: int
    q: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Parse ``2024Q2``; raise ValueError with the expected form otherwise."""
        match = _QUARTER_RE.match(text.strip().upper()) if isinstance(text, str) else None
        # Years stay within what dates can hold around a plan (9999Q4 would end in year 10000).
        if not match or not MIN_YEAR <= int(match.group(1)) <= MAX_YEAR:
            raise ValueError(f"{text!r} is not a quarter; write it as 2024Q2 (year, Q, 1-4)")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Quarter:
        """The quarter that contains ``day``."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def index(self) -> int:
        """Quarters since year 0; differences of indexes count quarters."""
        return self.year * 4 + self.q - 1

    @classmethod
    def from_index(cls, index: int) -> Quarter:
        return cls(index // 4, index % 4 + 1)

    def __add__(self, quarters: int) -> Quarter:
        return Quarter.from_index(self.index + quarters)

    def __sub__(self, other: Quarter) -> int:
        """Whole quarters from ``other`` to ``self``."""
        return self.index - other.index

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.q - 2, 1)

    @property
    def end(self) -> date:
        return (self + 1).start - timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.q}"


def parse_period(value: object) -> int | Quarter:
    """The one reader of a period, wherever it is written (data files, ``--period``,
    edits): a year (``2024`` as a number or text) or a quarter (``2024Q2``), within
    :data:`MIN_YEAR`–:data:`MAX_YEAR` either way. Raise ValueError otherwise."""
    if isinstance(value, Quarter):
        return value
    year = None
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    elif isinstance(value, str) and _YEAR_RE.match(value.strip()):
        year = int(value.strip())
    if year is not None:
        if MIN_YEAR <= year <= MAX_YEAR:
            return year
        raise ValueError(f"{value!r} is not a year of a plan ({MIN_YEAR}–{MAX_YEAR})")
    if isinstance(value, str):
        try:
            return Quarter.parse(value)
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a period; write 2024 or 2024Q2")


def quarters_between(first: Quarter, last: Quarter) -> list[Quarter]:
    """Every quarter from ``first`` to ``last``, both included."""
    return [first + i for i in range(last - first + 1)]


def period_end(period: int | Quarter) -> date:
    """The last day of a period: 31 December for a year, the quarter's last day otherwise."""
    if isinstance(period, Quarter):
        return period.end
    return date(period, 12, 31)


def period_years(period: int | Quarter) -> float:
    """A period as a point on a continuous time axis, in years, at the period's end.

    2024 -> 2025.0, 2024Q2 -> 2024.5: straight-line trajectories interpolate on it.
    """
    if isinstance(period, Quarter):
        return period.year + period.q / 4
    return float(period + 1)
