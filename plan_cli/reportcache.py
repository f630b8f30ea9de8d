"""Reports served from the cache: what a report printed, replayed when nothing changed.

A report command (``plan status``, ``gaps``, ``due``, ``owners``, ``show``, and any
report added later) is wrapped by :func:`serve`. The first run executes the
command as usual while recording what it writes to stdout and stderr and the
exit code; the record is stored in ``.plan-cache/report/``. A later run with
the same key writes the record back and exits with the same code, without
importing the models, the YAML reader or rich.

The layer does not know what a report contains: it caches the printed output,
so changes to the reports' content or formats flow through it. The key is as
safe as the check cache's (:func:`plan_cli.cache._files_key`): the path and
SHA-256 of every file the data load reads, the tool's fingerprint (plan's
modules, Python, the YAML and pydantic libraries, here also rich) and the
as-of date; plus what else can change the output: the command and every one
of its arguments, today's date (reports judge "not in the future" against the
real date), the working directory (paths are printed relative to it), and
the output's environment (terminal or not, its width, colour and language
variables, the stream encodings). Anything unusual — an unreadable file, a
file changed while the report ran, an exception, ``--no-cache`` — means the
report simply runs, and nothing is stored.

Run from the console script, a stored report is also indexed by its command
line (:data:`ARGV`: the arguments as typed, with the working directory, the
environment and the libraries that parse them), so that the next identical
command is answered by :func:`replay_stored` before typer is imported: the
index names the report's record, whose key (the data files' SHA-256, the
as-of date, today) is worked out and checked again, as above.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

_ENV = ("PLAN_LANG", "COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TERM", "COLORTERM", "LANG",
        "LC_ALL", "LC_MESSAGES", "LANGUAGE", "PYTHONIOENCODING", "TTY_COMPATIBLE",
        "TTY_INTERACTIVE")
# Arguments that make a report write somewhere else than stdout: never replayed.
_SIDE_EFFECTS = ("output", "out", "output_file")
# The command line as the console script received it (plan_cli.cli.entry sets it);
# None under tests and other callers: nothing is indexed by command line then.
ARGV: list[str] | None = None


def _stream_key(stream: Any) -> str:
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    size = ""
    if tty:
        try:
            size = str(os.get_terminal_size(stream.fileno()))
        except (AttributeError, OSError, ValueError):
            size = "?"
    return f"{type(stream).__name__}:{tty}:{size}:{getattr(stream, 'encoding', None)}"


def _library(name: str) -> str:
    """A library's file and its size and time, found without importing it."""
    from importlib.util import find_spec

    spec = find_spec(name)
    origin = spec.origin if spec else None
    if origin and os.path.exists(origin):
        stat = os.stat(origin)
        return f"{origin}:{stat.st_size}:{stat.st_mtime_ns}"
    return "-"


def _argv_name(argv: list[str]) -> bytes:
    """The index name of a command line: everything that decides how it is parsed."""
    what = hashlib.sha256(b"argv\0")
    env = sorted((k, v) for k, v in os.environ.items() if k.startswith("PLAN_") or k in _ENV)
    for part in (*argv, "\0", os.getcwd(), repr(env), _stream_key(sys.stdout),
                 _stream_key(sys.stderr), _library("rich"), _library("typer"),
                 _library("click")):
        what.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return what.digest()


def _data_argument(argv: list[str]) -> str | None:
    """``--data``'s value as click reads it (the last one given), or None."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--data" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--data="):
            found = arg[len("--data="):]
    return found


def replay_stored(argv: list[str]) -> int | None:
    """Write back the report stored for this command line and return its exit code;
    None when there is none, or anything about it is not exactly as stored."""
    try:
        from pathlib import Path

        from .cache import _files_key, open_cache
        from .datadir import find_data

        data = _data_argument(argv)
        location = find_data(Path(data) if data is not None else None)
        cache = open_cache(location)
        name = _argv_name(argv)
        entry = cache._get("argv", name.hex(), name)
        if not (isinstance(entry, tuple) and len(entry) == 4):
            return None
        path, how, as_of, report = entry
        if path != str(location.path) or how != location.how or not isinstance(report, bytes):
            return None
        today = date.today() if as_of is None else date.fromisoformat(as_of)
        files = _files_key(location, today)
        if files is None:
            return None
        stored = cache._get("report", report.hex(), _record_key(report, files[0]))
        if not _valid(stored):
            return None
        code, record = stored
        _replay(record)
        return code
    except Exception:  # noqa: BLE001 - anything odd: the command runs as usual
        return None


def _key(command: str, kwargs: dict[str, Any]) -> tuple[Any, bytes, bytes] | None:
    """``(location, entry name, key)`` for this invocation, or None: do not cache."""
    from .cache import _files_key
    from .datadir import DataNotFound, find_data

    if kwargs.get("no_cache") or any(kwargs.get(name) for name in _SIDE_EFFECTS):
        return None
    as_of = kwargs.get("as_of")
    try:
        today = date.today() if as_of is None else date.fromisoformat(as_of)
        location = find_data(kwargs.get("data"))
    except (ValueError, TypeError, DataNotFound, OSError):
        return None  # the command itself reports it
    files = _files_key(location, today)
    if files is None:
        return None
    what = hashlib.sha256()
    for part in (command, repr(sorted(kwargs.items())), os.getcwd(), str(location.path),
                 location.how, _stream_key(sys.stdout), _stream_key(sys.stderr),
                 *(f"{name}={os.environ.get(name)}" for name in _ENV),
                 _library("rich")):
        what.update(part.encode("utf-8", "surrogateescape") + b"\0")
    name = what.digest()
    return location, name, _record_key(name, files[0])


def _record_key(name: bytes, files: bytes) -> bytes:
    """A stored report's key: its name, every data file's hash (with the as-of date and
    the tool's fingerprint: :func:`plan_cli.cache._files_key`) and today's date."""
    return hashlib.sha256(name + files + date.today().isoformat().encode()).digest()


class _Record:
    """What a report wrote, as few runs as it can: each run is one stream's writes,
    text or bytes, kept as bytes (a long report is millions of lines).

    Text to a UTF-8 stream without newline translation (POSIX) is kept as the very
    bytes the stream would write, and replayed to its buffer; other text is kept
    as UTF-8 and written back through the text stream, which encodes it as before."""

    def __init__(self) -> None:
        self.runs: list[list] = []  # [stream number, is text, bytearray]

    def add(self, which: int, stream: Any, chunk: str | bytes) -> None:
        text = isinstance(chunk, str)
        if text and _passes_bytes(stream):
            data, text = chunk.encode("utf-8", getattr(stream, "errors", None) or "strict"), False
        else:
            data = chunk.encode("utf-8", "surrogatepass") if text else chunk
        last = self.runs[-1] if self.runs else None
        if last is not None and last[0] == which and last[1] == text:
            last[2] += data
        else:
            self.runs.append([which, text, bytearray(data)])

    def stored(self) -> list[tuple[int, bool, bytearray]]:
        return [(which, text, data) for which, text, data in self.runs]


def _passes_bytes(stream: Any) -> bool:
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    return encoding in ("utf-8", "utf8") and os.linesep == "\n" and \
        getattr(stream, "buffer", None) is not None


class _Tee:
    """A text stream that writes through to ``target`` and records what it wrote."""

    def __init__(self, target: Any, which: int, record: _Record) -> None:
        self._target, self._which, self._record = target, which, record
        buffer = getattr(target, "buffer", None)
        self.buffer = _BinaryTee(buffer, which, record) if buffer is not None else None

    def write(self, text: str) -> int:
        self._record.add(self._which, self._target, text)
        return self._target.write(text)

    def __getattr__(self, name: str) -> Any:  # isatty, encoding, flush, fileno, ...
        return getattr(self._target, name)


class _BinaryTee:
    def __init__(self, target: Any, which: int, record: _Record) -> None:
        self._target, self._which, self._record = target, which, record

    def write(self, data: bytes) -> int:
        self._record.add(self._which, None, bytes(data))
        return self._target.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target, name)


def _valid(stored: Any) -> bool:
    return (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], int)
            and isinstance(stored[1], list) and all(
                isinstance(run, tuple) and len(run) == 3 and run[0] in (0, 1)
                and isinstance(run[1], bool) and isinstance(run[2], bytes) for run in stored[1]))


def _replay(record: list) -> None:
    import codecs

    streams = (sys.stdout, sys.stderr)
    for which, text, data in record:
        stream = streams[which]
        if not text:
            stream.flush()
            stream.buffer.write(data)
            continue
        decode = codecs.getincrementaldecoder("utf-8")("surrogatepass").decode
        view, step = memoryview(data), 1 << 20
        for start in range(0, len(data), step):
            stream.write(decode(view[start:start + step]))
        stream.write(decode(b"", True))
    for stream in streams:
        stream.flush()


def serve(command: str, kwargs: dict[str, Any], run: Callable[[], None],
          exit_exception: Callable[[int], BaseException]) -> None:
    """Run ``run()`` (the report) or replay its stored output; see the module doc.

    ``exit_exception(code)`` makes the exception the CLI exits with (``typer.Exit``).
    """
    try:
        found = _key(command, kwargs)
    except Exception:  # noqa: BLE001 - a cache problem never stops a report
        found = None
    if found is None:
        run()
        return
    from .cache import _files_key, open_cache

    location, name, key = found
    cache = open_cache(location)
    stored = cache._get("report", name.hex(), key)
    if _valid(stored):
        code, record = stored
        _replay(record)
        if code:
            raise exit_exception(code)
        return

    record = _Record()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Tee(saved[0], 0, record), _Tee(saved[1], 1, record)
    code: int | None = None
    try:
        run()
        code = 0
    except BaseException as exc:
        exit_code = getattr(exc, "exit_code", None)  # typer.Exit / click.exceptions.Exit
        if type(exc).__name__ == "Exit" and exit_code in (0, 1):
            code = exit_code
        raise
    finally:
        sys.stdout, sys.stderr = saved
        # Store only a finished report, for the very contents the key names.
        if code is not None and cache.writable:
            as_of = kwargs.get("as_of")
            today = date.today() if as_of is None else date.fromisoformat(as_of)
            again = _files_key(location, today)
            if again is not None and _record_key(name, again[0]) == key:
                cache._put("report", name.hex(), key, (code, record.stored()))
                if ARGV is not None:
                    argv = _argv_name(ARGV)
                    cache._put("argv", argv.hex(), argv,
                               (str(location.path), location.how, as_of, name))

