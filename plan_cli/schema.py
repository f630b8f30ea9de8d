"""JSON Schema for every kind of data file, for editors (``plan schema``).

Editors that speak the YAML language server (VS Code's YAML extension and
others) complete field names and flag mistakes while a department edits a
ledger, when the file's first line names its schema::

    # yaml-language-server: $schema=../../schemas/ledger-pilots.schema.json

The schemas come from the same pydantic models ``plan check`` validates
with, so the two cannot disagree on shape; cross-file rules (references,
dates, targets) remain ``plan check``'s alone.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from . import model as m
from .load import INDICATORS_FILE, OWNERS_FILE, PLAN_FILE

SCHEMA_DIR = "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
MODELINE = "# yaml-language-server: $schema="


def _files() -> dict[str, tuple[type, str, m.LedgerKind | None]]:
    out: dict[str, tuple[type, str, m.LedgerKind | None]] = {
        "plan.schema.json": (m.PlanFile, "plan.yaml: the plan, its period and key-task areas",
                             None),
        "indicators.schema.json": (m.IndicatorsFile, "indicators.yaml: targets and actuals",
                                   None),
        "owners.schema.json": (m.OwnersFile, "owners.yaml: leaders and departments", None),
    }
    for kind, model in m.LEDGER_FILE_MODELS.items():
        out[f"ledger-{kind.value}.schema.json"] = (model, f"a ledger of kind {kind.value}", kind)
    return out


def schemas() -> dict[str, dict[str, Any]]:
    """``{file name: JSON Schema}`` for every kind of data file."""
    out = {}
    for name, (model, title, kind) in _files().items():
        schema = model.model_json_schema()
        if kind is not None:  # a ledger's schema fits one kind of ledger only
            schema["$defs"]["LedgerInfo"]["properties"]["kind"] = {"const": kind.value}
        schema = {"$schema": DIALECT, "title": title, **{k: v for k, v in schema.items()
                                                          if k != "title"}}
        out[name] = schema
    return out


def schema_name(rel: str, kind: str | None = None) -> str | None:
    """The schema file for a data file at ``rel`` (relative to the data folder)."""
    names = {PLAN_FILE: "plan.schema.json", INDICATORS_FILE: "indicators.schema.json",
             OWNERS_FILE: "owners.schema.json"}
    if rel in names:
        return names[rel]
    return f"ledger-{kind}.schema.json" if kind else None


def modeline(data_file: Path, schema_dir: Path, name: str) -> str:
    """The first line that points an editor at the file's schema (a relative path)."""
    rel = os.path.relpath(schema_dir / name, data_file.parent).replace(os.sep, "/")
    return f"{MODELINE}{rel}"


def write_schemas(folder: Path, check: bool = False) -> list[Path]:
    """Write every schema into ``folder``; return those that were missing or stale
    (with ``check`` nothing is written)."""
    stale = []
    if not check:
        folder.mkdir(parents=True, exist_ok=True)
    for name, schema in schemas().items():
        path = folder / name
        text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not check:
                path.write_text(text, encoding="utf-8", newline="\n")
    return stale
