"""Write a folder of generated files all at once (``plan site``).

The files are written into a new folder beside the target, which then takes
the target's place: a reader sees the old site or the new one, never half of
one. A folder is replaced only when it is empty or was made this way (it holds
:data:`MARKER`): a user's own folder is never overwritten.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

MARKER = ".plan-site"


class NotOurs(Exception):
    """The target exists and is neither empty nor a folder this module wrote."""


def replaceable(target: Path) -> bool:
    if not target.exists():
        return True
    if not target.is_dir() or target.is_symlink():
        return False
    return (target / MARKER).is_file() or not any(target.iterdir())


def write_folder(target: Path, files: dict[str, str]) -> None:
    """Write ``{relative name: text}`` as the folder ``target`` (UTF-8), replacing it.

    Raises:
        NotOurs: ``target`` holds something else; nothing is written.
        OSError: the folder cannot be written; ``target`` is left as it was.
    """
    if not replaceable(target):
        raise NotOurs(str(target))
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=parent))
    try:
        for name, text in files.items():
            path = (fresh / name).resolve()
            if fresh.resolve() not in path.parents:  # names come from ids: never ../
                raise ValueError(f"file name outside the folder: {name!r}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        (fresh / MARKER).write_text("made by plan site; replaced on the next run\n",
                                    encoding="utf-8")
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=parent))
            os.rmdir(old)
            os.replace(target, old)
        os.replace(fresh, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)
