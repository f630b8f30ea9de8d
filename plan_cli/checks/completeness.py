"""DOC_COMPLETENESS"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .. import model as m
from ..diagnostics import Diagnostic, Severity
from ..load import INDICATORS_FILE, Workspace
from .common import items


def check_completeness(ws: Workspace, today: date) -> Iterator[Diagnostic]:
    """Warnings for what the office still has to fill in."""
    for ledger in ws.ledgers:
        src = ws.source_of(ledger)
        raw = src.as_read.get("items") if isinstance(src.as_read, dict) else None
        # Items left out as unreadable still count as entered: their errors say why.
        entered = len(raw) if isinstance(raw, list) else len(ledger.items)
        declared = ledger.ledger.declared_count
        if declared is not None and entered != declared:
            code = "ledger-incomplete" if entered < declared else "ledger-overfull"
            yield ws.at(src, ("ledger", "declared_count"), code, Severity.warning,
                        ledger=ledger.ledger.id, entered=entered, declared=declared)
    for ref in items(ws):
        if ref.item.owners.department is None:
            src = ws.source_of(ref.ledger)
            yield ws.at(src, ref.loc("id"), "unassigned", Severity.warning, id=ref.item.id)
    src = ws.sources.get(INDICATORS_FILE)
    for i, ind in enumerate(ws.indicators):
        needs = ind.measure in (m.Measure.level, m.Measure.rank)
        if needs and ind.baseline is None:
            yield ws.at(src, ("indicators", i, "id"), "missing-baseline", Severity.warning,
                        id=ind.id)
