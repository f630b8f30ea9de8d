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


# No figure in a plan comes near this; beyond it arithmetic in the reports would
# overflow (two growth rates of 1e300) and Python refuses to parse ints of 4,301+
# digits. 1e18 still lets an 18-digit number be read (and the personal-data rule see it).
MAX_NUMBER = 10 ** 18
# Containers nested deeper than this are refused (validation and reports recurse).
MAX_DEPTH = 64


class _TooLarge:
    """A number out of range: the reader reports it where it stands."""


_TOO_LARGE = _TooLarge()


class _TooDeep(Exception):
    def __init__(self, mark) -> None:
        self.mark = mark


def _preview(value: str) -> str:
    return value if len(value) <= 24 else f"{value[:12]}…({len(value)} characters)"


def _resolve_plain(value: str) -> Any:
    """Resolve a plain (unquoted) scalar by the YAML 1.2 core schema."""
    first = value[:1]
    if first and (first.isdigit() or first in "-+."):  # ('' in "-+." is true)
        number: Any = value
        if _INT.match(value):
            if len(value.lstrip("+-0")) > 19:
                return _TOO_LARGE
            number = int(value)
        elif _FLOAT.match(value):
            number = float(value)
        elif value in _SPECIAL_FLOAT:
            return _SPECIAL_FLOAT[value]
        elif value.startswith("0x") and re.fullmatch(r"0x[0-9a-fA-F]+", value):
            if len(value) > 20:
                return _TOO_LARGE
            number = int(value, 16)
        elif value.startswith("0o") and re.fullmatch(r"0o[0-7]+", value):
            if len(value) > 24:
                return _TOO_LARGE
            number = int(value[2:], 8)
        else:
            return value
        if abs(number) > MAX_NUMBER:
            return _TOO_LARGE
        return number
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
        start = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
        before = raw[start:exc.start].decode("utf-8", errors="replace")
        line, column = line_column(before, len(before))
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
        line, column = line_column(text, mark.index) if mark else (1, 1)
        detail = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            detail = f"{detail} ({exc.context})"
        problems.append(YamlProblem(line, column, "yaml-syntax", {"detail": detail}))
        return None, problems
    except _TooDeep as exc:
        line, column = line_column(text, exc.mark.index)
        problems.append(YamlProblem(line, column, "too-deep",
                                    {"limit": MAX_DEPTH}))
        return None, problems
    except reader.ReaderError as exc:  # a control character: not a text file?
        # libyaml reports this one as a byte offset into the UTF-8 text.
        before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore")
        line, column = line_column(text, len(before))
        problems.append(YamlProblem(line, column, "bad-character",
                                    {"character": f"U+{exc.character:04X}"}))
        return None, problems
    except error.YAMLError as exc:
        problems.append(YamlProblem(1, 1, "yaml-syntax", {"detail": str(exc)}))
        return None, problems
    if data is None and not problems:
        data = YMap()  # an empty file is an empty mapping: its missing content gets reported
    if _ODD_BREAKS.search(text):
        data, problems = _to_editor_lines(text, data, problems)
    return data, problems


# Line breaks as editors (and YAML 1.2) count them: \r\n, \r or \n. libyaml also
# breaks lines at U+0085, U+2028 and U+2029, which would put later positions on
# lines that do not exist in the editor.
_EDITOR_BREAK = re.compile(r"\r\n|\r|\n")
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")
_LIBYAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column in characters) of ``text[index]``, lines as editors count them."""
    index = max(0, min(index, len(text)))
    while index and index == len(text) and text[index - 1] in "\r\n":
        index -= 1  # the end of a file that ends with a line break: its last line
    line, start = 1, 0
    for match in _EDITOR_BREAK.finditer(text, 0, index):
        if match.end() > index:
            break
        line, start = line + 1, match.end()
    return line, index - start + 1


def _to_editor_lines(text: str, data: Any, problems: list[YamlProblem]):
    """Move libyaml's positions (0-based, its own lines) onto editor lines."""
    starts = [0] + [m.end() for m in _LIBYAML_BREAK.finditer(text)]
    editor = [0] + [m.end() for m in _EDITOR_BREAK.finditer(text)]
    import bisect

    def move(line: int, column: int) -> tuple[int, int]:
        if line >= len(starts):
            line = len(starts) - 1
        index = starts[line] + column
        at = bisect.bisect_right(editor, index) - 1
        return at, index - editor[at]

    def walk(node: Any) -> None:
        stack = [node]
        while stack:
            node = stack.pop()
            if type(node) is YMap:
                node.pos = {k: (*move(a, b), *move(c, d)) for k, (a, b, c, d) in node.pos.items()}
                stack.extend(v for v in node.values() if type(v) in (YMap, YList))
            elif type(node) is YList:
                node.pos = [move(a, b) for a, b in node.pos]
                stack.extend(v for v in node if type(v) in (YMap, YList))

    walk(data)
    moved = []
    for p in problems:
        if p.code in ("yaml-syntax", "bad-character", "too-deep"):
            moved.append(p)  # already on editor lines
            continue
        line, column = move(p.line - 1, p.column - 1)
        args = p.args
        if p.code == "duplicate-key":
            args = {**args, "first_line": move(args["first_line"] - 1, 0)[0] + 1}
        moved.append(YamlProblem(line + 1, column + 1, p.code, args))
    return data, moved


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
                    if node is _TOO_LARGE:
                        problems.append(YamlProblem(
                            mark.line + 1, mark.column + 1, "number-too-large",
                            {"preview": _preview(value), "limit": f"{MAX_NUMBER:.0e}"}))
                        node = None
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
                # Refused, not expanded: an alias bomb (a billion laughs) is nine lines,
                # and every later step (validation, cache, reports) would walk it whole.
                problems.append(YamlProblem(mark.line + 1, mark.column + 1, "alias",
                                            {"name": event.anchor}))
                node = None
            elif kind is doc_start:
                documents += 1
                if documents == 2:
                    problems.append(YamlProblem(mark.line + 1, mark.column + 1,
                                                "multiple-documents", {}))
                continue
            else:
                continue
            opens = kind is map_start or kind is seq_start
            if opens and len(stack) >= MAX_DEPTH:
                raise _TooDeep(mark)
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
