"""The rules, kept under their old name: they live in :mod:`plan_cli.checks`,
one module per rule family."""

from __future__ import annotations

from .checks import (  # noqa: F401
    PER_LEDGER_RULES,
    RULES,
    ItemRef,
    items,
    run_checks,
    run_checks_streaming,
)
