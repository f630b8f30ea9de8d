"""What the rule families share: items with their place, suggestions, names as read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .. import model as m
from ..load import Workspace
from ..suggest import suggestions


@dataclass(frozen=True)
class ItemRef:
    """A ledger item with where it stands, so rules can locate their findings."""

    ledger: m.LedgerFile
    index: int
    item: m.Item

    def loc(self, *rest) -> tuple:
        return ("items", self.index, *rest)


def items(ws: Workspace) -> Iterator[ItemRef]:
    for ledger in ws.ledgers:
        for index, item in enumerate(ledger.items):
            yield ItemRef(ledger, index, item)


def _suggest(value: str, choices: Iterable[str]) -> dict:
    """The tool's one did-you-mean (:mod:`plan_cli.suggest`), as a diagnostic argument."""
    guess = suggestions(value, choices, n=1)
    if not guess:
        return {"en": "", "zh": ""}
    return {"en": f" (did you mean '{guess[0]}'?)", "zh": f"(是否应为“{guess[0]}”?)"}


def _suggest_area(value: str, ids: set[str], titles: dict[str, str]) -> dict:
    """People write an area by its title (科技创新): point them at its id."""
    by_title = [area_id for title, area_id in titles.items() if value in title]
    if len(by_title) == 1:
        return {"en": f" (write its id: '{by_title[0]}')", "zh": f"(请写其编号“{by_title[0]}”)"}
    guess = _suggest(value, ids)
    if guess["en"] or not ids:
        return guess
    listed = ", ".join(sorted(ids))
    return {"en": f" (areas: {listed})", "zh": f"(可用的编号:{listed})"}


def names_in(ws: Workspace, filename: str, list_key: str, key: str) -> set[str] | None:
    """Names listed in a file's raw data, even where some entries failed validation,
    so one bad indicator does not make every reference to it an error too.

    None when references cannot be judged: the file could not be read, or it is
    broken and lacks the list altogether (its own error says so already).
    """
    source = ws.sources.get(filename)
    if source is None or not isinstance(source.as_read, dict):
        return None
    entries = source.as_read.get(list_key)
    if entries is None and any(d.path == source.display for d in ws.diagnostics):
        return None
    if not isinstance(entries, list):
        return set()
    return {e[key] for e in entries if isinstance(e, dict) and isinstance(e.get(key), str)}



def num(value: float) -> str:
    return f"{value:g}"
