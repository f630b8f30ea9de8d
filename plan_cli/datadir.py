"""Where the plan's data is: cheap to import (no models, no YAML).

``plan check`` answers from its cache without importing pydantic, the models
or the YAML reader, so finding the data folder and listing its files must not
need them. :mod:`plan_cli.load` re-exports everything here.
"""

from __future__ import annotations

import os
import stat
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


# A data file larger than this is refused before it is read (set PLAN_MAX_FILE_SIZE,
# in bytes or with a K/M/G suffix, to change it): the 2.1 MB ledger of a big city
# is far below it, and a hostile file cannot make every command read gigabytes.
DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024
MAX_FILE_SIZE_ENV = "PLAN_MAX_FILE_SIZE"


class LedgerChanged(Exception):
    """A ledger file checked sound no longer reads or validates: it was edited while a
    report was reading the plan (:class:`plan_cli.load.LedgerStream`). The report stops
    rather than leave the file out."""

    def __init__(self, display: str) -> None:
        super().__init__(display)
        self.display = display


class RefusedFile(Exception):
    """A data file that is not read at all: ``code`` and ``args`` for its diagnostic."""

    def __init__(self, code: str, args: dict) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args


def max_file_size(environ: Mapping[str, str] | None = None) -> int:
    """The per-file size limit in bytes (``PLAN_MAX_FILE_SIZE``, else 64 MiB)."""
    text = (os.environ if environ is None else environ).get(MAX_FILE_SIZE_ENV, "").strip()
    if not text:
        return DEFAULT_MAX_FILE_SIZE
    factor = {"K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}.get(text[-1:].upper(), 1)
    digits = text[:-1] if factor > 1 else text
    try:
        value = int(digits) * factor
    except ValueError:
        return DEFAULT_MAX_FILE_SIZE
    return value if value > 0 else DEFAULT_MAX_FILE_SIZE


def check_size(size: int, limit: int | None = None) -> None:
    """Raise :class:`RefusedFile` if ``size`` bytes is over the limit."""
    limit = max_file_size() if limit is None else limit
    if size > limit:
        raise RefusedFile("file-too-large", {"size": size, "limit": limit,
                                             "variable": MAX_FILE_SIZE_ENV})


def read_data_file(path: Path, limit: int | None = None) -> bytes:
    """A data file's bytes, if it is a regular file (not a symlink, device, pipe
    or folder) within the size limit; else :class:`RefusedFile`.

    The file is opened without following a symlink and without blocking (a
    FIFO must not hang the command), and is checked on the open descriptor,
    so it cannot be swapped between the check and the read.
    """
    limit = max_file_size() if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        if os.path.islink(path):
            raise RefusedFile("not-regular-file", {"kind": _kind(os.lstat(path).st_mode)})
        fd = os.open(path, flags)
    except OSError as exc:
        if getattr(exc, "errno", None) == getattr(os, "ELOOP", -1):  # a symlink after all
            raise RefusedFile("not-regular-file", {"kind": _kind(stat.S_IFLNK)}) from None
        raise
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise RefusedFile("not-regular-file", {"kind": _kind(mode)})
        check_size(os.fstat(fd).st_size, limit)
        raw = handle.read(limit + 1)
    check_size(len(raw), limit)  # grew while being read
    return raw


def _kind(mode: int) -> dict:
    if stat.S_ISLNK(mode):
        return {"en": "a symbolic link", "zh": "符号链接"}
    if stat.S_ISDIR(mode):
        return {"en": "a folder", "zh": "文件夹"}
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return {"en": "a pipe or socket", "zh": "管道或套接字"}
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return {"en": "a device", "zh": "设备文件"}
    return {"en": "not a regular file", "zh": "非普通文件"}


def display_path(path: Path) -> str:
    """Paths in messages are relative to where the user stands, like compilers print them."""
    try:
        return os.path.relpath(path, Path.cwd()).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return str(path)
