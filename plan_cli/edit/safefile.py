"""Writing files safely: one writer at a time, and all-or-nothing replacement.

* :func:`write_lock` creates ``.plan.lock`` in the data folder with
  ``O_CREAT | O_EXCL``, which is atomic on every platform and file system we
  meet (local disks, SMB shares on Windows), unlike ``fcntl``/``msvcrt``
  locks. A lock left behind by a crashed writer is taken over once its
  process is gone (same host) or it is older than :data:`STALE_AFTER`.
* :func:`atomic_write` writes a temporary file in the same folder, flushes and
  fsyncs it, then ``os.replace``-s the target, so a reader sees the old file
  or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".plan.lock"
STALE_AFTER = 600.0  # seconds: no edit holds the lock this long


class LockHeld(Exception):
    """Another ``plan`` writer holds the lock; ``str()`` says who and where."""

    def __init__(self, path: Path, owner: dict) -> None:
        self.path = path
        self.owner = owner
        super().__init__(f"{path} held by pid {owner.get('pid')} on {owner.get('host')}")


def _owner_alive(owner: dict) -> bool:
    if owner.get("host") != socket.gethostname():
        return True  # cannot tell: only age makes it stale
    pid = owner.get("pid")
    if not isinstance(pid, int) or pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - os.kill(pid, 0) would terminate on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_owner(path: Path) -> dict:
    try:
        owner = json.loads(path.read_text(encoding="utf-8"))
        return owner if isinstance(owner, dict) else {}
    except (OSError, ValueError):
        return {}


def _is_stale(path: Path, owner: dict) -> bool:
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return True  # vanished meanwhile: try again
    if age > STALE_AFTER:
        return True
    # A lock still being written has no content yet: give its writer a moment.
    return bool(owner) and not _owner_alive(owner)


@contextmanager
def write_lock(folder: Path) -> Iterator[Path]:
    """Hold ``folder/.plan.lock`` for the duration; raise :class:`LockHeld` if taken."""
    path = folder / LOCK_NAME
    me = {"pid": os.getpid(), "host": socket.gethostname(),
          "since": time.strftime("%Y-%m-%dT%H:%M:%S")}
    for _attempt in range(2):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            owner = _read_owner(path)
            if _is_stale(path, owner):
                try:
                    path.unlink()
                except FileNotFoundError:
                    pass
                continue
            raise LockHeld(path, owner) from None
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(me, handle)
        break
    else:
        raise LockHeld(path, _read_owner(path))
    try:
        yield path
    finally:
        try:
            path.unlink()
        except FileNotFoundError:
            pass


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once, keeping its permissions."""
    # Never through a symlink: the data folder's files are regular files (a link
    # could point outside the repository). The caller checks the folder itself.
    if path.is_symlink():
        raise IsADirectoryError(0, "a symbolic link is not written through", str(path))
    folder = path.parent
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    if os.name != "nt":  # make the rename itself durable
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
