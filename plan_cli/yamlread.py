"""Read YAML fast, keeping the position of every key and value.

We build plain ``dict``/``list`` data straight from the C event stream of
ruamel.yaml's libyaml parser (``ruamel.yaml.cyaml.CParser``, shipped by
``ruamel.yaml.clib``) instead of calling a loader: measured on a 2.1 MB ledger
it took 0.30 s against 1.11 s for ``CSafeLoader`` and 0.64 s for
``yaml.compose`` (garbage collector off in all three), and it lets us decide
the rules ourselves:

* scalars follow the YAML 1.2 core schema (``yes``/``on`` stay text, ``010``
  is ten), so reading agrees with how the files are written;
* dates stay text, so a bad date is a located validation error rather than a
  crash inside the parser;
* duplicate keys, which loaders silently drop, are reported;
* merge keys (``<<:``) and explicit tags (``!!str``, ``!foo``) are refused
  with a located problem, since the plan's files mean exactly what they say.

Positions are kept on the containers (:class:`YMap`, :class:`YList`) and are
0-based, as libyaml gives them; :func:`locate` turns a key path into a 1-based
``(line, column)`` once, at the boundary.

The parser is imported on the first :func:`parse`, not with this module: data
served from the cache (:mod:`plan_cli.cache`) needs the containers and
:func:`locate` but no parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any



def _yaml():
    """ruamel.yaml's C parser and its errors, or not at all.

    ruamel.yaml installs without its C extension (``ruamel.yaml.clib``), and
    its pure-Python parser is 4-5x slower: refuse rather than be silently slow.
    """
    try:
        from ruamel.yaml import error, events, reader
        from ruamel.yaml.cyaml import CParser
    except ImportError as exc:  # pragma: no cover - exercised by test_yaml_c_parser_required
        raise ImportError("ruamel.yaml's C parser is missing (缺少 ruamel.yaml 的 C 解析器): "
                          "pip install 'ruamel.yaml.clib'") from exc
    return CParser, error, events, reader


class YMap(dict):
    """A mapping that remembers where each key and value stood.

    ``pos[key] = (key_line, key_col, value_line, value_col)``, 0-based.
    """

    __slots__ = ("pos",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pos = {}


class YList(list):
    """A sequence that remembers where each item stood: ``pos[i] = (line, col)``."""

    __slots__ = ("pos",)

    def __init__(self, *args):
        super().__init__(*args)
        self.pos = []


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """Something wrong with the YAML text itself, 1-based."""

    line: int
    column: int
    code: str
    args: dict


_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
# Every YAML 1.2 core-schema spelling of infinity and NaN: read as numbers, so
# that the model refuses them as figures (FiniteFloat) instead of taking text.
_SPECIAL_FLOAT = {
    f"{sign}.{word}": float(f"{sign}inf")
    for sign in ("", "+", "-") for word in ("inf", "Inf", "INF")
} | {f".{word}": float("nan") for word in ("nan", "NaN", "NAN")}


def _resolve_plain(value: str) -> Any:
    """Resolve a plain (unquoted) scalar by the YAML 1.2 core schema."""
    first = value[:1]
    if first and (first.isdigit() or first in "-+."):  # ('' in "-+." is true)
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            return float(value)
        if value in _SPECIAL_FLOAT:
            return _SPECIAL_FLOAT[value]
        if value.startswith("0x") and re.fullmatch(r"0x[0-9a-fA-F]+", value):
            return int(value, 16)
        if value.startswith("0o") and re.fullmatch(r"0o[0-7]+", value):
            return int(value[2:], 8)
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return value


def decode(raw: bytes) -> tuple[str | None, YamlProblem | None]:
    """Bytes to text: UTF-8 with or without a BOM; anything else is a problem.

    Files edited on Windows often arrive as GBK; say so instead of failing
    on a byte offset.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, YamlProblem(1, 1, "encoding", {"detail": "UTF-16"})
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = "GBK/GB18030"
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            guess = "not UTF-8"
        return None, YamlProblem(line, column, "encoding", {"detail": guess})


def parse(text: str) -> tuple[Any, list[YamlProblem]]:
    """Parse one YAML document into YMap/YList/scalars.

    Returns ``(data, problems)``. On a syntax error ``data`` is None and the
    problem says where; duplicate keys and similar faults keep the data (first
    value wins) and add a problem each.
    """
    from .fullwidth import repair

    _, error, _, reader = _yaml()
    text, problems = repair(text)  # ：，－ and U+3000 where YAML needs ASCII
    try:
        data = _build(text, problems)
    except error.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            detail = f"{detail} ({exc.context})"
        problems.append(YamlProblem(line, column, "yaml-syntax", {"detail": detail}))
        return None, problems
    except reader.ReaderError as exc:  # a control character: not a text file?
        # libyaml reports this one as a byte offset into the UTF-8 text.
        before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore")
        exc.position = len(before)
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        problems.append(YamlProblem(line, column, "bad-character",
                                    {"character": f"U+{exc.character:04X}"}))
        return None, problems
    except error.YAMLError as exc:
        problems.append(YamlProblem(1, 1, "yaml-syntax", {"detail": str(exc)}))
        return None, problems
    if data is None and not problems:
        data = YMap()  # an empty file is an empty mapping: its missing content gets reported
    return data, problems


def _build(text: str, problems: list[YamlProblem]) -> Any:
    parser, _, ev, _ = _yaml()

    # Hot loop (every event of every file): names bound locally, the loader's
    # get_event called directly rather than through the yaml.parse generator,
    # and each distinct plain scalar resolved once per file.
    scalar_event, alias_event = ev.ScalarEvent, ev.AliasEvent
    map_start, seq_start = ev.MappingStartEvent, ev.SequenceStartEvent
    map_end, seq_end, doc_start = ev.MappingEndEvent, ev.SequenceEndEvent, ev.DocumentStartEvent
    resolve = _resolve_plain
    resolved: dict[str, Any] = {}
    # One frame per open container: [container, pending_key, key_line, key_col].
    stack: list[list] = []
    anchors: dict[str, Any] = {}
    root: Any = None
    documents = 0
    loader = parser(text)
    get_event = loader.get_event
    try:
        while True:
            event = get_event()
            if event is None:
                break
            kind = type(event)
            mark = event.start_mark
            if kind is scalar_event:
                # libyaml marks a plain scalar with an implicit plain tag (its style is '').
                value = event.value
                if event.implicit[0]:
                    try:
                        node = resolved[value]
                    except KeyError:
                        node = resolved[value] = resolve(value)
                else:  # quoted or block text, or an explicit tag (refused, the text kept)
                    node = value
                    if event.tag is not None:
                        _tag_problem(problems, event)
            elif kind is map_start:
                node = YMap()
                if event.tag is not None:
                    _tag_problem(problems, event)
            elif kind is seq_start:
                node = YList()
                if event.tag is not None:
                    _tag_problem(problems, event)
            elif kind is map_end or kind is seq_end:
                stack.pop()
                continue
            elif kind is alias_event:
                if event.anchor not in anchors:
                    problems.append(YamlProblem(mark.line + 1, mark.column + 1, "unknown-alias",
                                                {"name": event.anchor}))
                node = anchors.get(event.anchor)
            elif kind is doc_start:
                documents += 1
                if documents == 2:
                    problems.append(YamlProblem(mark.line + 1, mark.column + 1,
                                                "multiple-documents", {}))
                continue
            else:
                continue
            opens = kind is map_start or kind is seq_start
            if kind is not alias_event:
                anchor = event.anchor
                if anchor:
                    anchors[anchor] = node
            if documents > 1:
                if opens:
                    stack.append([node, None, 0, 0])
                continue
            if stack:
                frame = stack[-1]
                container = frame[0]
                if type(container) is YMap:
                    if frame[1] is None:
                        if kind is not scalar_event:
                            problems.append(YamlProblem(mark.line + 1, mark.column + 1,
                                                        "complex-key", {}))
                            frame[1] = _Unusable
                        elif event.value == "<<" and event.implicit[0]:
                            # A merge key: YAML 1.2 has none, and the plan's files are
                            # read as written. Its value is dropped with the problem.
                            problems.append(YamlProblem(mark.line + 1, mark.column + 1,
                                                        "merge-key", {}))
                            frame[1] = _Unusable
                        else:
                            # Keys are names: keep the text as written (``2024:`` is "2024").
                            frame[1] = event.value
                        frame[2], frame[3] = mark.line, mark.column
                        if opens:
                            stack.append([node, None, 0, 0])
                        continue
                    key = frame[1]
                    frame[1] = None
                    if key is _Unusable:
                        pass
                    elif key in container:
                        first = container.pos[key]
                        problems.append(YamlProblem(frame[2] + 1, frame[3] + 1, "duplicate-key",
                                                    {"key": key, "first_line": first[0] + 1}))
                    else:
                        container[key] = node
                        container.pos[key] = (frame[2], frame[3], mark.line, mark.column)
                else:
                    container.append(node)
                    container.pos.append((mark.line, mark.column))
            else:
                root = node
            if opens:
                stack.append([node, None, 0, 0])
    finally:
        loader.dispose()
    return root


def events(text: str):
    """The raw event stream of ``text`` (for the splice editor), from the same C parser.
    A syntax error raises :func:`yaml_error` ``()``'s class."""
    parser = _yaml()[0](text)
    try:
        while (event := parser.get_event()) is not None:
            yield event
    finally:
        parser.dispose()


def yaml_error() -> type[Exception]:
    """The base class of the parser's errors."""
    return _yaml()[1].YAMLError


def _tag_problem(problems: list[YamlProblem], event: Any) -> None:
    mark = event.start_mark
    tag = event.tag  # shown as written: '!!str', not 'tag:yaml.org,2002:str'
    if tag.startswith("tag:yaml.org,2002:"):
        tag = "!!" + tag[len("tag:yaml.org,2002:"):]
    problems.append(YamlProblem(mark.line + 1, mark.column + 1, "explicit-tag", {"tag": tag}))


class _Unusable:
    """Marks a mapping key that cannot be used (a mapping or list as key)."""


def locate(data: Any, path: tuple, *, at_key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the node at ``path`` inside ``data``.

    Walks as deep as the path exists; a missing key is reported where its
    parent mapping starts, which is where a user has to add it. With
    ``at_key`` the position of the last key itself is given, not its value.
    """
    line, column = 0, 0
    node = data
    for depth, part in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(node, YMap) and part in node.pos:
            key_line, key_col, value_line, value_col = node.pos[part]
            line, column = (key_line, key_col) if (last and at_key) else (value_line, value_col)
            node = node[part]
        elif isinstance(node, YList) and isinstance(part, int) and 0 <= part < len(node):
            line, column = node.pos[part]
            node = node[part]
        else:
            break
    return line + 1, column + 1
