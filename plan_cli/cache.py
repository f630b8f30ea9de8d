"""A cache of parsed data and of check results, keyed by content hashes.

Two kinds of entry live in ``.plan-cache/`` next to the data folder (the
repository's ``.gitignore`` lists it):

* ``parse/<key>``: one file's parse — its data with every node's position,
  and its YAML problems — keyed by the SHA-256 of the file's bytes and the
  tool's fingerprint. Loading validates this data against the models as
  usual (pydantic is fast on plain data; cached models would be slower).
  Only the parse is skipped, and the parse is most of the time.
* ``check/<folder>``: the diagnostics of ``plan check`` for one data folder,
  keyed by the path and content hash of every file it read, the tool's
  fingerprint and the date checked as of (rules compare dates with today, so a
  result holds for that day only): a hit skips importing the models and the
  YAML reader altogether.

The cache is never trusted: an entry is unpacked only when it is signed with
this user's key (:func:`secret`), and used only when its stored key equals the
key computed from the files now; anything unreadable, foreign or stale is
ignored and rebuilt, and the unpacked data is checked for its shape. Entries are written atomically (a temporary file, then a
rename). A folder that cannot be written (a read-only checkout in CI) only
means no caching; it never fails a command.

The tool's fingerprint is the Python version, plan's version, the size and
modification time of every module of plan (so an edited checkout never reads
its old results) and of the YAML and pydantic libraries' entry files.
"""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from .datadir import (DataLocation, RefusedFile, data_files, display_path, max_file_size,
                      read_data_file)

CACHE_DIR = ".plan-cache"
_MAGIC = b"plan-cache 2\n"
_KEY_LEN = 32  # sha256 digest
_SIG_LEN = 32  # HMAC-SHA256


def cache_dir(location: DataLocation) -> Path:
    """``.plan-cache`` beside the data folder (for ``repo/data``: ``repo/.plan-cache``)."""
    return location.path.parent / CACHE_DIR


def open_cache(location: DataLocation) -> Cache:
    """The cache for a data folder (its folder is created on the first write)."""
    return Cache(cache_dir(location))


_fingerprint: bytes | None = None


def fingerprint() -> bytes:
    """What the cached results depend on besides the data (see the module doc)."""
    global _fingerprint
    if _fingerprint is None:
        from importlib.util import find_spec

        from . import __version__

        parts = [sys.version, __version__, str(marshal.version)]
        package = Path(__file__).resolve().parent
        for path in sorted(package.rglob("*.py")):
            stat = path.stat()
            parts.append(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
        for name in ("_ruamel_yaml", "pydantic", "pydantic_core"):  # (the C parser: no import)
            spec = find_spec(name)
            origin = spec.origin if spec else None
            if origin and os.path.exists(origin):
                stat = os.stat(origin)
                parts.append(f"{name}:{origin}:{stat.st_size}:{stat.st_mtime_ns}")
        _fingerprint = hashlib.sha256("\n".join(parts).encode()).digest()
    return _fingerprint


def _secret_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plan" / "cache-key"


_secret: bytes | None = None


def secret() -> bytes:
    """This user's key for signing cache entries (``~/.cache/plan/cache-key``, made on
    first use). An entry committed to a repository, copied from another machine or
    crafted by hand is signed with another key (or none), so it is never unpacked.
    Where no key can be kept, a key for this run only: the cache then only helps
    within one command, and stays correct."""
    global _secret
    if _secret is None:
        path = _secret_path()
        key = None
        try:
            raw = path.read_bytes()
            key = raw if len(raw) == 32 else None
        except OSError:
            pass
        if key is None:
            key = os.urandom(32)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as out:
                    out.write(key)
            except OSError:
                try:  # another process made it first: use theirs
                    raw = path.read_bytes()
                    key = raw if len(raw) == 32 else key
                except OSError:
                    pass
        _secret = key
    return _secret


def _sign(key: bytes, payload: bytes | memoryview) -> bytes:
    signer = hmac.new(secret(), key, hashlib.sha256)
    signer.update(payload)  # (not key + payload: a report's record may be hundreds of MB)
    return signer.digest()


class Cache:
    """One cache folder. Every method fails soft: a problem means a miss or no write.

    An entry is ``magic, key, signature, payload``; it is unpacked only if its
    signature (HMAC-SHA256 with this user's :func:`secret`) matches, so a foreign
    entry can never feed ``marshal`` crafted bytes (a 93-byte one made every check
    exit 3, an 18-byte one stalled for 40 s). Entries are read only from a real
    folder of regular files: a committed ``.plan-cache`` that is a symlink, or an
    entry that is one, is not used.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.writable = True
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()  # parse entries read or written in this run

    def _sound_folder(self, kind: str) -> Path | None:
        """``folder/kind`` if neither it nor the cache folder is a link (or a file)."""
        folder = self.folder / kind
        for path in (self.folder, folder):
            if os.path.islink(path) or (os.path.lexists(path) and not path.is_dir()):
                self.writable = False
                return None
        return folder

    # --- raw entries -----------------------------------------------------

    def _read(self, kind: str, name: str) -> tuple[bytes, Any] | None:
        """``(key, payload)`` of a signed entry, whatever its key; None if unsound."""
        folder = self._sound_folder(kind)
        if folder is None:
            return None
        try:
            # A report's record is as large as its output (plan due at 100,000 items
            # prints ≈400 MB); the other entries stay within a few data files' size.
            raw = read_data_file(folder / name,
                                 limit=(16 if kind == "report" else 4) * max_file_size())
        except (OSError, RefusedFile):
            return None
        head = len(_MAGIC)
        body = head + _KEY_LEN + _SIG_LEN
        if raw[:head] != _MAGIC or len(raw) < body:
            return None
        key, signature = raw[head:head + _KEY_LEN], raw[head + _KEY_LEN:body]
        payload = memoryview(raw)[body:]  # (no copy of a large entry)
        if not hmac.compare_digest(signature, _sign(key, payload)):
            return None
        try:
            return key, marshal.loads(payload)
        except (ValueError, EOFError, TypeError):
            return None

    def _get(self, kind: str, name: str, key: bytes) -> Any:
        entry = self._read(kind, name)
        if entry is None or not hmac.compare_digest(entry[0], key):
            return None
        return entry[1]

    def _put(self, kind: str, name: str, key: bytes, value: Any) -> None:
        if not self.writable:
            return
        try:
            payload = marshal.dumps(value)
        except ValueError:  # something marshal cannot store: just do not cache it
            return
        folder = self._sound_folder(kind)
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(_MAGIC + key + _sign(key, payload))
                    out.write(payload)
                os.replace(tmp, folder / name)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError:
            self.writable = False  # read-only checkout, full disk: stop trying

    # --- one file's parse ------------------------------------------------

    @staticmethod
    def parse_key(raw: bytes) -> bytes:
        return hashlib.sha256(fingerprint() + hashlib.sha256(raw).digest()).digest()

    def get_parse(self, key: bytes) -> tuple[Any, list] | None:
        """``(data, problems)`` as :func:`plan_cli.yamlread.parse` gave them, or None."""
        self.used.add(key.hex())
        value = self._get("parse", key.hex(), key)
        if not (isinstance(value, tuple) and len(value) == 2):
            self.misses += 1
            return None
        try:
            from .yamlread import YamlProblem

            encoded, problems = value
            data = _decode(encoded)
            problems = [YamlProblem(*p) for p in problems]
        except Exception:  # noqa: BLE001 - a foreign entry: treat as a miss
            self.misses += 1
            return None
        self.hits += 1
        return data, problems

    def put_parse(self, key: bytes, data: Any, problems: list) -> None:
        self.used.add(key.hex())
        try:
            encoded = _encode(data)
        except (ValueError, RecursionError):  # unpositioned or self-referring data
            return
        self._put("parse", key.hex(), key,
                  (encoded, [(p.line, p.column, p.code, p.args) for p in problems]))


    def prune(self, previous: Any) -> None:
        """Remove the parse entries an earlier check of this folder used and this one
        did not (old versions of edited files), so the cache does not grow with edits."""
        folder = self._sound_folder("parse")
        if not isinstance(previous, (list, tuple)) or folder is None:
            return
        for name in previous:
            if (isinstance(name, str) and len(name) == 64 and name not in self.used
                    and all(c in "0123456789abcdef" for c in name)):
                try:
                    (folder / name).unlink()
                except OSError:
                    pass

    def _get_payload(self, kind: str, name: str) -> Any:
        """A signed entry's payload whatever its key (only to find what to prune)."""
        entry = self._read(kind, name)
        return None if entry is None else entry[1]


# --- data with positions, as marshal can store it ----------------------------
#
# YMap/YList keep positions in a ``pos`` slot that marshal cannot store (and
# pickling them is 2.5x slower). A container becomes ``(pos, body)``: YAML
# scalars are never tuples, so a tuple always marks a container.


def _encode(node: Any) -> Any:
    from .yamlread import YList, YMap

    def enc(x):
        t = type(x)
        if t is YMap:
            return (x.pos, {k: (enc(v) if type(v) in containers else v) for k, v in x.items()})
        if t is YList:
            return (x.pos, [(enc(v) if type(v) in containers else v) for v in x])
        if t is dict or t is list:  # a container without positions (not from the reader)
            raise ValueError("unpositioned container")
        return x

    containers = (YMap, YList, dict, list)
    return enc(node)


def _decode(encoded: Any) -> Any:
    from .yamlread import YList, YMap

    def dec(x):
        pos, body = x
        if type(body) is dict:
            out = YMap({k: (dec(v) if type(v) is tuple else v) for k, v in body.items()})
        else:
            out = YList([(dec(v) if type(v) is tuple else v) for v in body])
        out.pos = pos
        return out

    return dec(encoded) if type(encoded) is tuple else encoded


# --- the check result for a data folder -------------------------------------


def _files_key(location: DataLocation, today: date) -> tuple[bytes, list[str]] | None:
    """Hash of every file ``load`` reads (names and bytes) and of ``today``,
    or None if a file cannot be read."""
    root = location.path
    digest = hashlib.sha256(fingerprint() + today.isoformat().encode())
    names = []
    for path in data_files(location):
        rel = path.relative_to(root).as_posix()
        names.append(rel)
        try:
            raw = read_data_file(path)
        except FileNotFoundError:
            raw = None
        except (OSError, RefusedFile):
            return None  # let the real load report it
        digest.update(rel.encode() + b"\0")
        digest.update(b"-" if raw is None else hashlib.sha256(raw).digest())
    return digest.digest(), names


def checked(location: DataLocation, today: date, use_cache: bool = True,
            index: list | None = None):
    """``(diagnostics, files_read)`` of ``plan check`` for ``location`` at ``today``:
    from the cache when every file is unchanged, else loaded, checked and stored.

    ``index``, a list, receives the sound ledgers' index
    (:func:`plan_cli.checks.run_checks_streaming`), stored with the result."""
    from .diagnostics import Diagnostic, Severity

    cache = open_cache(location) if use_cache else None
    folder_name = hashlib.sha256(str(location.path.resolve()).encode()).hexdigest()
    files_key = _files_key(location, today) if cache else None
    if cache and files_key:
        key, names = files_key
        value = cache._get("check", folder_name, key)
        try:
            files_read, stored, _, ledgers = value
            root = location.path
            displays = {rel: display_path(root / rel) for rel in names}
            diags = [Diagnostic(displays[rel], line, column, Severity(severity), code, args)
                     for rel, line, column, severity, code, args in stored]
            if type(files_read) is int and all(
                    type(d.line) is int and type(d.column) is int and type(d.code) is str
                    and type(d.args) is dict for d in diags) and all(
                    type(e) is tuple and len(e) == 4 and type(e[0]) is str
                    and (root / e[0]).resolve().is_relative_to(root.resolve())
                    for e in ledgers):
                if index is not None:
                    index.extend(ledgers)
                return diags, files_read
        except Exception:  # noqa: BLE001 - missing, stale or foreign: rebuild
            pass

    from .check import run_checks_streaming

    ledgers: list = []
    diags, files_read = run_checks_streaming(location, today, cache, ledgers)
    if index is not None:
        index.extend(ledgers)
    # Store only if no file changed while it was being checked (the result must be
    # the one for the contents the key names).
    if cache and files_key and cache.writable and _files_key(location, today) == files_key:
        key, names = files_key
        root = location.path
        by_display = {display_path(root / rel): rel for rel in names}
        try:
            stored = [(by_display[d.path], d.line, d.column, d.severity.value, d.code, d.args)
                      for d in diags]
        except KeyError:  # a diagnostic about a file we did not hash: do not cache
            return diags, files_read
        previous = cache._get_payload("check", folder_name)
        cache._put("check", folder_name, key,
                   (files_read, stored, sorted(cache.used), ledgers))
        if isinstance(previous, tuple) and len(previous) == 4:
            cache.prune(previous[2])
    return diags, files_read
