"""Where the plan's data is: cheap to import (no models, no YAML).

``plan check`` answers from its cache without importing pydantic, the models
or the YAML reader, so finding the data folder and listing its files must not
need them. :mod:`plan_cli.load` re-exports everything here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PLAN_FILE = "plan.yaml"
INDICATORS_FILE = "indicators.yaml"
OWNERS_FILE = "owners.yaml"
LEDGERS_DIR = "ledgers"


class DataNotFound(Exception):
    """No plan data where the user pointed, or none anywhere to be found."""


@dataclass(frozen=True)
class DataLocation:
    """Where the data is, and why that folder was chosen (shown to the user)."""

    path: Path
    how: str  # "option" | "env" | "found" | "shipped"


def shipped_data_dir() -> Path | None:
    """The sample data inside the installed package (or the source checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_shipped_data", here.parent / "data"):
        if (candidate / PLAN_FILE).is_file():
            return candidate
    return None


def _as_data_dir(folder: Path) -> Path | None:
    if (folder / PLAN_FILE).is_file():
        return folder
    if (folder / "data" / PLAN_FILE).is_file():
        return folder / "data"
    return None


def find_data(option: Path | None = None, cwd: Path | None = None,
              environ: dict[str, str] | None = None) -> DataLocation:
    """``--data`` first, then ``PLAN_DATA``, then walk up from the working
    directory to a folder holding ``data/plan.yaml``; else the shipped sample."""
    env = os.environ if environ is None else environ
    for given, how in ((option, "option"), (env.get("PLAN_DATA") or None, "env")):
        if given is not None:
            folder = Path(given)
            found = _as_data_dir(folder)
            if found is None:
                raise DataNotFound(str(folder))
            return DataLocation(found, how)
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "data" / PLAN_FILE).is_file():
            return DataLocation(folder / "data", "found")
    shipped = shipped_data_dir()
    if shipped is None:
        raise DataNotFound(str(start))
    return DataLocation(shipped, "shipped")


def ledger_paths(ledger_dir: Path, snapshot: Mapping[Path, bytes] | None = None) -> list[Path]:
    """The ledger files in a folder (or in a ``{path: bytes}`` snapshot), in the order read."""
    if snapshot is None:
        return sorted(ledger_dir.glob("*.yaml")) + sorted(ledger_dir.glob("*.yml"))
    inside = [p for p in snapshot if p.parent == ledger_dir]
    return (sorted(p for p in inside if p.suffix == ".yaml")
            + sorted(p for p in inside if p.suffix == ".yml"))


def data_files(location: DataLocation) -> list[Path]:
    """Every file ``load`` reads, in order (for caches and diffs)."""
    root = location.path
    return [root / PLAN_FILE, root / INDICATORS_FILE, root / OWNERS_FILE,
            *ledger_paths(root / LEDGERS_DIR)]


def display_path(path: Path) -> str:
    """Paths in messages are relative to where the user stands, like compilers print them."""
    try:
        return os.path.relpath(path, Path.cwd()).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return str(path)
