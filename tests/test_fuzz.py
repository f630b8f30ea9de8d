"""Property-based tests (hypothesis): whatever a pull request carries, ``plan``
exits 0 or 1, never with a traceback, and every location it gives is inside its file.

Two properties:

* **mutated plans**: one file of the valid base plan is mutated (lines deleted,
  duplicated or cut, hostile text and bytes inserted, values replaced) and
  ``plan check`` (cached, then from the cache), ``plan status`` and ``plan gaps``
  run on it;
* **hostile edit values**: ``plan note`` / ``plan record`` / ``plan update`` get
  arbitrary text (control characters, separators, surrogates, YAML syntax); an
  accepted value must read back exactly and leave the data valid, a refused one
  must leave every file as it was.

CI runs a bounded number of examples (``PLAN_FUZZ_EXAMPLES`` mutated plans and
``PLAN_FUZZ_EDITS`` edit values, 40 each by default; the same examples every run).
The documented big run (docs/fuzzing.md), with fresh random examples::

    PLAN_FUZZ_EXAMPLES=5000 PLAN_FUZZ_EDITS=1000 PLAN_FUZZ_RANDOM=1 \
        nice -n 19 python3 -m pytest tests/test_fuzz.py -q -s

prints the counts of exits and of locations checked at the end of each property.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import typer.main
import typer.testing
from typer.testing import CliRunner

from plan_cli.cli import app
from tests.conftest import BASE_PLAN

EXAMPLES = int(os.environ.get("PLAN_FUZZ_EXAMPLES", "40"))
EDITS = int(os.environ.get("PLAN_FUZZ_EDITS", str(EXAMPLES)))
_COMMON = dict(deadline=None, database=None, suppress_health_check=list(HealthCheck),
               derandomize=not os.environ.get("PLAN_FUZZ_RANDOM"))
SETTINGS = settings(max_examples=EXAMPLES, **_COMMON)
EDIT_SETTINGS = settings(max_examples=EDITS, **_COMMON)
FILES = sorted(p.relative_to(BASE_PLAN).as_posix() for p in BASE_PLAN.rglob("*.yaml"))
AS_OF = "2024-05-10"

HOSTILE_TEXT = ["\u2028", "\u2029", "\x85", "\r", "\r\n", "\t", "\x1b[2J", "\x00", "\x7f",
                "\ufeff", "\ufffe", "&a", "*a", "[/]", "[link=x]y[/link]", "{", "}", "[", "]",
                ": ", "- ", "? ", "#", "'", '"', "|", ">", "!!python/object", "%YAML 1.1",
                "---", "...", "1" * 4400, "1e400", "-.inf", ".nan", "0x" + "f" * 30,
                "13812345678", "11010519491231002X", "a@b.cn", "中文", "２０２４", "²⁰²⁴",
                "0000", "9999Q4", "2024Q5", " " * 3, "~", "null", "yes", "x" * 300]
HOSTILE_BYTES = [b"\xff", b"\xc3", b"\xe4\xb8", b"\xfe\xff", b"\xef\xbb\xbf", b"\x00",
                 b"\x1b", b"\x9b", b"\xed\xa0\x80"]
COUNTS: dict[str, Counter] = {"plans": Counter(), "edits": Counter()}


# Built once: typer rebuilds the click command on every invoke (~25 ms, most of a run).
_COMMAND = typer.main.get_command(app)


def _run(*args) -> tuple[int, str, str]:
    from unittest import mock

    with mock.patch.object(typer.testing, "_get_command", lambda _app: _COMMAND):
        result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"exception {result.exception!r} from plan {args}") from \
            result.exception
    return result.exit_code, result.stdout, result.stderr


def _editor_lines(raw: bytes) -> list[str]:
    text = raw.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = re.split(r"\r\n|\r|\n", text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines or [""]


def _assert_inside(data: Path, stdout: str, counts: Counter) -> None:
    report = json.loads(stdout)
    for diag in report["diagnostics"]:
        path = Path(diag["path"])
        path = path if path.is_absolute() else Path.cwd() / path
        if not path.resolve().is_relative_to(data.resolve()):
            raise AssertionError(f"a diagnostic outside the data: {diag}")
        try:
            raw = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
        except OSError:
            raw = b""
        lines = _editor_lines(raw)
        line, column = diag["line"], diag["column"]
        counts["locations"] += 1
        inside = 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1
        if not inside:
            counts["outside"] += 1
            raise AssertionError(f"{diag['path']}:{line}:{column} is not in the file "
                                 f"({len(lines)} lines): {diag['code']}")


def _assert_clean(code: int, out: str, err: str, allowed=(0, 1)) -> None:
    assert code in allowed, (code, out[-2000:], err[-2000:])
    assert "Traceback" not in out + err and "internal error" not in out + err, err[-2000:]


@st.composite
def mutations(draw):
    rel = draw(st.sampled_from(FILES))
    raw = (BASE_PLAN / rel).read_bytes()
    lines = raw.split(b"\n")
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        kind = draw(st.sampled_from(["delete", "duplicate", "cut", "insert-text", "insert-bytes",
                                     "replace-value", "indent", "join"]))
        line = lines[i] if lines else b""
        if kind == "delete" and lines:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, line)
        elif kind == "cut":
            lines[i] = line[:draw(st.integers(0, len(line)))]
        elif kind == "insert-text":
            piece = draw(st.sampled_from(HOSTILE_TEXT) | st.text(max_size=8)).encode(
                "utf-8", "surrogatepass")
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + piece + line[at:]
        elif kind == "insert-bytes":
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.sampled_from(HOSTILE_BYTES)) + line[at:]
        elif kind == "replace-value" and b": " in line:
            value = draw(st.sampled_from(HOSTILE_TEXT) | st.text(max_size=12))
            lines[i] = line.split(b": ", 1)[0] + b": " + value.encode("utf-8", "surrogatepass")
        elif kind == "indent":
            lines[i] = draw(st.sampled_from([b"\t", b" ", b"   "])) + line
        elif kind == "join" and i + 1 < len(lines):
            lines[i:i + 2] = [line + draw(st.sampled_from([b"\r", b"\xc2\x85", b"\xe2\x80\xa8",
                                                          b" "])) + lines[i + 1]]
    return rel, b"\n".join(lines)


@SETTINGS
@given(mutations())
def test_a_mutated_plan_never_crashes_and_every_location_is_in_its_file(mutation):
    rel, raw = mutation
    counts = COUNTS["plans"]
    with tempfile.TemporaryDirectory(prefix="plan-fuzz-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(BASE_PLAN, data)
        (data / rel).write_bytes(raw)
        code, out, err = _run("check", "--data", data, "--as-of", AS_OF, "--format", "json")
        _assert_clean(code, out, err)
        counts[f"check exit {code}"] += 1
        _assert_inside(data, out, counts)
        again = _run("check", "--data", data, "--as-of", AS_OF, "--format", "json")
        assert again == (code, out, err), "the cached result differs"
        for report in ("status", "gaps"):
            r_code, r_out, r_err = _run(report, "--data", data, "--as-of", AS_OF)
            _assert_clean(r_code, r_out, r_err)
            counts[f"{report} exit {r_code}"] += 1
    counts["plans"] += 1


EDIT_TEXT = st.one_of(
    st.text(min_size=1, max_size=40),
    st.text(alphabet=st.characters(codec=None, categories=None), min_size=1, max_size=20),
    st.lists(st.sampled_from(HOSTILE_TEXT + ["a", "进展", " ", "-"]), min_size=1,
             max_size=4).map("".join),
)


@EDIT_SETTINGS
@given(EDIT_TEXT, st.sampled_from(["note", "record", "update"]))
def test_a_hostile_edit_value_is_written_exactly_or_refused_cleanly(value, command):
    from plan_cli.yamlread import parse
    from tests.gitrepo import read_all

    counts = COUNTS["edits"]
    with tempfile.TemporaryDirectory(prefix="plan-fuzz-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(BASE_PLAN, data)
        before = read_all(data)
        common = ["--data", data, "--as-of", AS_OF]
        if command == "note":
            args = ["note", *common, "--", "PT-001", value]
        elif command == "record":
            args = ["record", "rd-intensity", "--period", "2024", "--value", "2.5", *common,
                    "--source", value]
        else:
            args = ["update", "PT-001", "--quarter", "2023Q4", "--status", "done", "--done-on",
                    "2024-01-05", *common, "--evidence", value]
        code, out, err = _run(*args)
        _assert_clean(code, out, err)
        counts[f"{command} exit {code}"] += 1
        if code != 0:
            assert read_all(data) == before, "a refused edit changed a file"
            why = re.search(r"error\[([a-z-]+)\]", err)
            counts["refused: " + ("unwritable character" if "cannot be written safely" in err
                                  else why.group(1) if why else err.strip()[:40])] += 1
            return
        # written: the data is still sound and holds exactly the value given
        # (an edit is judged against the real date, as is this check)
        check = _run("check", "--data", data, "--format", "json")
        _assert_clean(*check)
        _assert_inside(data, check[1], counts)
        assert check[0] == 0, check[1]
        rel = "indicators.yaml" if command == "record" else "ledgers/tasks.yaml"
        parsed, problems = parse((data / rel).read_text(encoding="utf-8"))
        assert not problems
        if command == "note":
            got = parsed["items"][0]["updates"][-1]["text"]
        elif command == "record":
            got = next(a["source"] for a in parsed["indicators"][0]["actuals"]
                       if a["period"] == 2024)
        else:
            got = next(e["evidence"] for e in parsed["items"][0]["schedule"]
                       if e["quarter"] == "2023Q4")
        assert got == value, (got, value)
    counts["accepted and read back"] += 1


def teardown_module(module):
    for name, counts in COUNTS.items():
        if counts:
            print(f"\nfuzz {name}: " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
