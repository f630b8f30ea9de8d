"""Edit YAML text in place: splice new text in at the parser's node positions.

pre-commit edits its config this way (``yaml_rewrite.py``): nothing is ever
re-dumped, so comments, key order, quoting, blank lines, line endings and
Chinese text outside the edited nodes stay byte for byte. ruamel's round-trip
mode would do the same at ≈15 ms per ledger item (measured); the splice costs
one pass of the C event stream (ruamel.yaml's libyaml parser) over the file.

An :class:`Editor` takes paths into the document, as the loader reports them
(``("items", 3, "schedule")``), and records edits. It applies the same change
to a copy of the data, and :meth:`Editor.result` refuses to return text that
does not parse back to exactly that data. What the splice cannot do (replace a
multi-line ``note: |`` block, an unusual layout) is replayed on ruamel.yaml's
round trip (:mod:`plan_cli.edit.roundtrip`), behind the same read-back check:
an edit that cannot be made safely is an :class:`EditError`, never a damaged
file.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..yamlread import events, parse, yaml_error


class EditError(Exception):
    """The edit cannot be spliced safely into this file."""


@dataclass
class Node:
    """A node of the document and its character span ``[start, end)``."""

    kind: str  # "scalar" | "map" | "seq"
    start: int
    end: int
    col: int
    flow: bool = False
    style: str = ""  # scalars: '' plain, "'", '"', '|', '>'
    text: str = ""  # scalars: the value as written
    keys: list[Node] = field(default_factory=list)  # maps: the key scalars
    children: list[Node] = field(default_factory=list)  # map values or list items

    def index(self, key: str) -> int | None:
        for i, k in enumerate(self.keys):
            if k.text == key:
                return i
        return None


def compose(text: str, offset: int = 0) -> Node:
    """The document's node tree with spans (an alias counts as a scalar).

    ``offset`` is added to every position: ``text`` may be a slice of a file.
    """
    from ruamel.yaml import events as ev

    stack: list[Node] = []
    root: Node | None = None
    for event in events(text):
        kind = type(event)
        if kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            done = stack.pop()
            done.end = event.end_mark.index + offset if done.flow else _last_leaf(done).end
            continue
        mark = event.start_mark
        if kind is ev.ScalarEvent or kind is ev.AliasEvent:
            node = Node("scalar", mark.index + offset, event.end_mark.index + offset,
                        mark.column, style=getattr(event, "style", None) or "",
                        text=getattr(event, "value", "") or "")
        elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
            node = Node("map" if kind is ev.MappingStartEvent else "seq", mark.index + offset,
                        mark.index + offset, mark.column, flow=bool(event.flow_style))
        else:
            continue
        if stack:
            parent = stack[-1]
            is_key = parent.kind == "map" and len(parent.keys) == len(parent.children)
            (parent.keys if is_key else parent.children).append(node)
        else:
            root = node
        if node.kind != "scalar":
            stack.append(node)
    if root is None:
        raise EditError("the file holds no YAML document")
    return root


def _last_leaf(node: Node) -> Node:
    """A block collection's content ends with its last leaf (libyaml's end event
    of a block collection points past trailing blank lines and comments)."""
    while node.kind != "scalar" and not node.flow and node.children:
        node = node.children[-1]
    return node


# --- rendering values -----------------------------------------------------------


def _fits(candidate: str, value: Any, flow: bool) -> bool:
    """Does ``candidate`` read back as ``value`` where it will stand?"""
    probe = f"[{candidate}]" if flow else f"k: {candidate}"
    data, problems = parse(probe)
    if problems or data is None:
        return False
    if flow and len(data) != 1:
        return False
    got = data[0] if flow else data.get("k")
    return got == value and type(got) is type(value)


# YAML 1.1 readers (editors, other tools) take these for booleans: quote them.
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off"})


def render_scalar(value: Any, *, flow: bool, style: str = "") -> str:
    """YAML for one scalar: plain when YAML allows it, else quoted, keeping
    ``style`` (the quotes the replaced value had) where it still fits."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if not _fits(text, value, flow):
            raise EditError(f"cannot write the number {value!r}")
        return text
    if not isinstance(value, str):
        raise EditError(f"cannot write a {type(value).__name__} as a YAML scalar")
    single = "'" + value.replace("'", "''") + "'"
    double = json.dumps(value, ensure_ascii=False)
    # (An empty plain value is null in YAML, whatever a reader makes of it.)
    # Plain only where every YAML reader agrees: not empty, not a YAML 1.1 word, not
    # starting with an indicator (libyaml reads `[-]`, stricter readers refuse it).
    plain = () if (not value or value.lower() in _YAML11_WORDS
                   or value[0] in "-?:,[]{}#&*!|>'\"%@`") else (value,)
    order = {"'": (single, double), '"': (double,)}.get(style, (*plain, single, double))
    if "\t" in value or "\n" in value or "\r" in value:
        # Written as an escape: readers disagree on tabs in plain or single-quoted text.
        order = (double,)
    for candidate in order:
        if _fits(candidate, value, flow):
            return candidate
    raise EditError(f"cannot write the text {value!r}")


def render_flow(value: Any) -> str:
    """A value on one line: ``{quarter: 2024Q1, status: done}``, ``[a, b]``, scalars."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {render_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(render_flow(v) for v in value) + "]"
    return render_scalar(value, flow=True)


# --- the editor ---------------------------------------------------------------


class Editor:
    """Collects splices into one file's text; see the module docstring.

    Node spans come from composing only the lines of the top-level list entry
    being edited (an item of a 1,000-item ledger is ~40 lines), which keeps an
    edit's cost to the one parse that finds the item.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        first_break = text.find("\n")
        self.eol = "\r\n" if first_break > 0 and text[first_break - 1] == "\r" else "\n"
        data, problems = parse(text)
        if data is None:
            raise EditError("the file is not valid YAML; fix it first (see `plan check`)")
        self.data = data  # as read, with positions
        self.expected: Any = data  # the data the result must read back as
        self._copied: set[int] = set()
        self._edits: list[tuple[int, int, int, str]] = []  # start, end, seq, text
        self._root: Node | None = None
        self._windows: dict[tuple, Node | None] = {}
        self._line_starts: list[int] | None = None
        self._ops: list[tuple] = []  # the edits, replayed by the fallback
        self.spliced = True  # False once a splice was refused: only the fallback can do it

    # -- navigation --

    def _line_start(self, line: int) -> int:
        if self._line_starts is None:
            starts, at = [0], self.text.find("\n")
            while at != -1:
                starts.append(at + 1)
                at = self.text.find("\n", at + 1)
            self._line_starts = starts
        return self._line_starts[line] if line < len(self._line_starts) else len(self.text)

    def _window(self, list_key: Any, index: Any) -> Node | None:
        """The node of entry ``index`` of the top-level block list ``list_key``,
        composed from that entry's lines alone (None when the layout does not allow it)."""
        entries = self.data.get(list_key) if isinstance(self.data, dict) else None
        if not isinstance(entries, list) or not isinstance(index, int) \
                or not 0 <= index < len(entries) or not hasattr(entries, "pos"):
            return None
        line = entries.pos[index][0]
        if index + 1 < len(entries):
            end_line = entries.pos[index + 1][0]
        else:
            later = [p[0] for p in self.data.pos.values() if p[0] > line]
            end_line = min(later) if later else None
        start = self._line_start(line)
        end = len(self.text) if end_line is None else self._line_start(end_line)
        window = self.text[start:end]
        if end_line == line or not window.lstrip(" ").startswith("- "):
            return None
        try:
            tree = compose(window, start)
        except (yaml_error(), EditError):
            return None
        if tree.kind != "seq" or tree.flow or len(tree.children) != 1:
            return None
        return tree.children[0]

    @property
    def root(self) -> Node:
        if self._root is None:
            self._root = compose(self.text)
        return self._root

    def _walk(self, path: Sequence) -> tuple[Node, bool]:
        """The node at ``path`` and whether it stands inside a flow collection."""
        node, rest = None, path
        if len(path) >= 2:
            key = (path[0], path[1])
            if key not in self._windows:
                self._windows[key] = self._window(*key)
            node, rest = self._windows[key], path[2:]
        if node is None:
            node, rest = self.root, path
        flow = node.flow
        for part in rest:
            if node.kind == "map" and isinstance(part, str) and node.index(part) is not None:
                node = node.children[node.index(part)]
            elif node.kind == "seq" and isinstance(part, int) and 0 <= part < len(node.children):
                node = node.children[part]
            else:
                raise EditError(f"no node at {'/'.join(map(str, path))}")
            flow = flow or node.flow
        return node, flow

    def _expected_at(self, path: Sequence) -> Any:
        """The expected container at ``path``, copied on first write (copy-on-write)."""
        if id(self.expected) not in self._copied:
            self.expected = _shallow(self.expected)
            self._copied.add(id(self.expected))
        node = self.expected
        for part in path:
            child = node[part]
            if id(child) not in self._copied:
                child = _shallow(child)
                self._copied.add(id(child))
                node[part] = child
            node = child
        return node

    def _splice(self, start: int, end: int, text: str) -> None:
        self._edits.append((start, end, len(self._edits), text))

    # -- edits --

    def set(self, path: Sequence, key: str, value: Any, order: Sequence[str] = ()) -> None:
        """Set ``key`` of the mapping at ``path``; a new key goes after the last
        present key that precedes it in ``order`` (else after the last key)."""
        node, flow = self._walk(path)
        if node.kind != "map":
            raise EditError(f"{'/'.join(map(str, path))} is not a mapping")
        self._expected_at(path)[key] = value
        self._ops.append(("set", tuple(path), key, value, tuple(order)))
        try:
            self._set(node, flow, path, key, value, order)
        except EditError:
            self.spliced = False

    def _set(self, node: Node, flow: bool, path: Sequence, key: str, value: Any,
             order: Sequence[str]) -> None:
        at = node.index(key)
        if at is not None:
            old = node.children[at]
            if old.style in ("|", ">"):
                # A block's span runs to the next key's line, past its line breaks:
                # leave it to the round trip, which writes a block again.
                raise EditError("a multi-line block value is replaced by the round trip")
            if old.kind == "scalar" and not isinstance(value, (dict, list)):
                style = old.style if old.style in ("'", '"') else ""
                text = render_scalar(value, flow=flow, style=style)
            else:
                text = render_flow(value)
            if old.start == old.end:  # `done_on:` with no value: libyaml marks just past ':'
                text = " " + text
            self._splice(old.start, old.end, text)
            return
        if node.flow and not node.keys:
            self._splice(node.start + 1, node.start + 1, f"{key}: {render_flow(value)}")
            return
        anchor, before_first = len(node.keys) - 1, False
        if key in order:
            earlier = set(order[: order.index(key)])
            present = [i for i, k in enumerate(node.keys) if k.text in earlier]
            later = [i for i, k in enumerate(node.keys) if k.text in order and i not in present]
            if present:
                anchor = present[-1]
            elif later:
                anchor, before_first = later[0], True
        indent = " " * node.keys[0].col
        if before_first:
            self._insert_before_key(node, anchor, key, value, indent)
        elif node.flow:
            after = node.children[anchor]
            self._splice(after.end, after.end, f", {key}: {render_flow(value)}")
        else:
            after = node.children[anchor]
            self._add_line(_last_leaf(after).end, indent + self._block_entry(key, value, indent))

    def _insert_before_key(self, node: Node, at: int, key: str, value: Any, indent: str) -> None:
        successor = node.keys[at]
        if node.flow:
            self._splice(successor.start, successor.start, f"{key}: {render_flow(value)}, ")
            return
        start = self.text.rfind("\n", 0, successor.start) + 1
        if self.text[start:successor.start].strip() not in ("", "-"):
            raise EditError("keys are not laid out one per line")
        if self.text[start:successor.start].strip() == "-":  # first key of a list entry
            raise EditError("cannot add a key before the first key of a list entry")
        entry = self._block_entry(key, value, indent)
        self._splice(start, start, f"{indent}{entry}{self.eol}")

    def _block_entry(self, key: str, value: Any, indent: str) -> str:
        if isinstance(value, list) and value:
            lines = [f"{key}:"]
            lines += [f"{indent}  - {render_flow(v)}" for v in value]
            return self.eol.join(lines)
        return f"{key}: {render_flow(value)}"

    def insert(self, path: Sequence, index: int, value: Any) -> None:
        """Insert ``value`` as entry ``index`` of the list at ``path`` (``len`` appends),
        in the style of its siblings."""
        node, flow = self._walk(path)
        if node.kind != "seq":
            raise EditError(f"{'/'.join(map(str, path))} is not a list")
        self._expected_at(path).insert(index, value)
        self._ops.append(("insert", tuple(path), index, value))
        try:
            self._insert(node, path, index, value)
        except EditError:
            self.spliced = False

    def _insert(self, node: Node, path: Sequence, index: int, value: Any) -> None:
        items = node.children
        index = min(index, len(items))
        if node.flow:
            if not items:
                self._fill_empty_flow_list(path, node, value)
            elif index < len(items):
                self._splice(items[index].start, items[index].start, render_flow(value) + ", ")
            else:
                self._splice(items[-1].end, items[-1].end, ", " + render_flow(value))
            return
        dash = " " * node.col
        entry = self._block_item(items[index - 1] if index > 0 else items[0], value)
        if index < len(items):
            start = self.text.rfind("\n", 0, items[index].start) + 1
            if self.text[start:items[index].start].strip() != "-":
                raise EditError("list entries are not laid out one '- ' per line")
            self._splice(start, start, f"{dash}- {entry}{self.eol}")
        else:
            self._add_line(_last_leaf(items[-1]).end, f"{dash}- {entry}")

    def _block_item(self, sibling: Node, value: Any) -> str:
        if not (isinstance(value, dict) and sibling.kind == "map" and not sibling.flow):
            return render_flow(value)
        indent = " " * sibling.keys[0].col
        lines = [f"{k}: {render_flow(v)}" for k, v in value.items()]
        return (self.eol + indent).join(lines)

    def _fill_empty_flow_list(self, path: Sequence, node: Node, value: Any) -> None:
        """``schedule: []`` becomes a block list when it is a block mapping's value."""
        parent, flow = self._walk(path[:-1]) if path else (None, True)
        if flow or parent is None or parent.kind != "map" or not isinstance(value, dict):
            self._splice(node.start + 1, node.start + 1, render_flow(value))
            return
        key = parent.keys[next(i for i, c in enumerate(parent.children) if c is node)]
        if self.text[key.end:node.start].strip() != ":":
            raise EditError("unusual layout between a key and its list")
        indent = " " * (key.col + 2)
        self._splice(key.end, node.end, f":{self.eol}{indent}- {render_flow(value)}")

    def _add_line(self, pos: int, line: str) -> None:
        """Add ``line`` after the line holding ``pos`` (keeping its comment)."""
        if pos > 0 and self.text[pos - 1] == "\n":  # a block scalar ends after its line break
            self._splice(pos, pos, line + self.eol)
            return
        end = self.text.find("\n", pos)
        if end == -1:
            self._splice(len(self.text), len(self.text), self.eol + line)
            return
        if end > 0 and self.text[end - 1] == "\r":
            end -= 1
        self._splice(end, end, self.eol + line)

    # -- result --

    def result(self, verify: bool = True) -> str:
        """The edited text. With ``verify`` it is parsed again and must read back
        as the expected data, else the fallback is tried (callers that parse it
        anyway compare ``expected`` and call :meth:`fallback_result` themselves)."""
        try:
            out = self._spliced() if self.spliced else None
        except EditError:  # two edits overlap
            out = None
        if out is None:
            return self.fallback_result()
        if verify:
            data, problems = parse(out)
            if data is None or data != self.expected:
                return self.fallback_result()
        return out

    def fallback_result(self) -> str:
        """The edits replayed on ruamel.yaml's round trip, read back and compared."""
        from .roundtrip import RoundTripError, apply

        try:
            out = apply(self.text, self._ops)
        except RoundTripError as exc:
            raise EditError(str(exc)) from None
        data, problems = parse(out)
        if data is None or data != self.expected:
            raise EditError("the edited file would not read back as intended")
        return out

    def _spliced(self) -> str:
        out = self.text
        last_start = len(out) + 1
        for start, end, _, text in sorted(self._edits, key=lambda e: (e[0], e[2]), reverse=True):
            if end > last_start:
                raise EditError("two edits overlap")
            out = out[:start] + text + out[end:]
            last_start = start
        return out


def _shallow(container: Any) -> Any:
    if isinstance(container, dict):
        return dict(container)
    if isinstance(container, list):
        return list(container)
    raise EditError("expected a mapping or a list")
