"""Words the reports print, in English and Chinese: kept in the one catalog,
:mod:`plan_cli.messages` (``LABELS``), and re-exported here for the renderers."""

from __future__ import annotations

from ..messages import LABELS, label

__all__ = ["LABELS", "label"]
