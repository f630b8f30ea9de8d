"""Writing files safely: one writer at a time, and all-or-nothing replacement.

* :func:`write_lock` holds an OS-level lock on the data folder's lock file in the
  system's temporary folder (:func:`lock_path`; the ``filelock`` library: ``flock`` on Unix, ``msvcrt`` on Windows). The
  operating system releases it when its process dies, so a crashed or killed
  writer, a full disk or a power cut never leaves a lock to take over by hand (the
  hand-written lock it replaces could block edits for 10 minutes, and its stale-lock
  takeover let two writers in at once). A second writer waits up to
  :func:`lock_timeout` seconds, then gives up with :class:`LockHeld`. The lock file
  itself stays (outside the repository): removing it would let a waiter and a
  newcomer lock two different files.
* :func:`atomic_write` writes a temporary file in the same folder, flushes and
  fsyncs it, then ``os.replace``-s the target, so a reader sees the old file
  or the new one, never half of one. :func:`clean_leftovers` removes the
  temporary files of writers killed mid-write (only ever run under the lock).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".plan.lock"
LOCK_TIMEOUT_ENV = "PLAN_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 15.0  # seconds: an edit takes about one


class LockHeld(Exception):
    """Another ``plan`` writer held the lock for the whole wait."""

    def __init__(self, path: Path, waited: float) -> None:
        self.path = path
        self.waited = waited
        super().__init__(f"{path} held for {waited:g} s")


def lock_path(folder: Path) -> Path:
    """The lock of a data folder: in the system's temporary folder, named after the
    folder's resolved path, so every writer of that folder on this machine takes the
    same lock and nothing is left in the repository (``git status`` stays clean)."""
    key = hashlib.sha256(str(folder.resolve()).encode("utf-8", "surrogatepass")).hexdigest()
    base = Path(tempfile.gettempdir()) / "plan-locks"
    if not base.is_dir():
        try:
            base.mkdir(exist_ok=True)
            os.chmod(base, 0o1777)  # shared by every user, like /tmp itself
        except OSError:
            pass
    return base / f"{key[:32]}{LOCK_NAME}"


def lock_timeout() -> float:
    """How long a writer waits for another (``PLAN_LOCK_TIMEOUT`` seconds, else 15)."""
    try:
        value = float(os.environ.get(LOCK_TIMEOUT_ENV, ""))
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT
    return value if 0 <= value < 86400 else DEFAULT_LOCK_TIMEOUT


@contextmanager
def write_lock(folder: Path, timeout: float | None = None) -> Iterator[Path]:
    """Hold ``folder/.plan.lock`` for the duration, waiting at most ``timeout`` seconds."""
    from filelock import FileLock, Timeout

    path = lock_path(folder)
    if path.is_symlink():  # opening it would truncate whatever it points at
        raise IsADirectoryError(0, "the lock file is a symbolic link", str(path))
    waited = lock_timeout() if timeout is None else timeout
    lock = FileLock(str(path), timeout=waited, mode=0o666)
    try:
        lock.acquire()
    except Timeout:
        raise LockHeld(path, waited) from None
    try:
        yield path
    finally:
        lock.release()


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files :func:`atomic_write` left in ``folder`` when its
    writer was killed; call only while holding :func:`write_lock`."""
    removed = []
    pattern = re.compile(r"\..+\.ya?ml\.[A-Za-z0-9_]+\.tmp\Z")
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        path = folder / name
        if pattern.match(name) and path.is_file() and not path.is_symlink():
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    return removed


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once, keeping its permissions."""
    # Never through a symlink: the data folder's files are regular files (a link
    # could point outside the repository). The caller checks the folder itself.
    if path.is_symlink():
        raise IsADirectoryError(0, "a symbolic link is not written through", str(path))
    folder = path.parent
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=_temp_prefix(path), suffix=".tmp")
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
