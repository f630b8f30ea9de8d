"""The fallback editor: ruamel.yaml's round trip, for what the splice refuses.

The splice (:mod:`plan_cli.edit.splice`) is the editor: it rewrites only the
bytes of the edited nodes, 7-33x faster than a round trip (measured, see
/work/shared/performance-notes.md). Some layouts it cannot splice — replacing
a multi-line ``note: |`` block, keys not one per line — and it says so. Then
the same edits are replayed here on ruamel's round-trip document, which keeps
comments, key order and quoting, and is dumped with the settings that measured
byte-identical on the plan's files: mappings indented 2, sequences 4 with the
dash at 2, lines never wrapped, quotes preserved, nulls written as ``null``.
A new or replaced text with line breaks is written as a ``|`` block.

It is used only on a file it reproduces byte for byte before the edit (else
it would reformat lines nobody edited), and the caller
(:meth:`Editor.fallback_result`) reads the output back with the plan's own
reader and refuses it unless it is exactly the intended data.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date
from typing import Any


class RoundTripError(Exception):
    """The edits cannot be replayed on the round-trip document."""


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _styled(value: Any, old: Any = None) -> Any:
    """``value`` as ruamel should write it: text with line breaks as a ``|`` block,
    text replacing a quoted or block value in that value's style, a mapping on one
    line when ``old`` (its neighbour) is, a date unquoted (the plan reads dates as text)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString

    if isinstance(value, dict):
        out = CommentedMap((k, _styled(v)) for k, v in value.items())
        if isinstance(old, CommentedMap) and old.fa.flow_style():
            out.fa.set_flow_style()
        return out
    if isinstance(value, list):
        out = CommentedSeq(_styled(v) for v in value)
        if isinstance(old, CommentedSeq) and old.fa.flow_style():
            out.fa.set_flow_style()
        return out
    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value)
        if isinstance(old, ScalarString) and not isinstance(old, LiteralScalarString):
            return type(old)(value)
        if _DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value
    return value


def _at(doc: Any, path: Sequence) -> Any:
    node = doc
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            raise RoundTripError(f"no node at {'/'.join(map(str, path))}") from None
    return node


def apply(text: str, ops: Sequence[tuple]) -> str:
    """``text`` with ``ops`` applied: ``("set", path, key, value, order)`` and
    ``("insert", path, index, value)``, as :class:`~plan_cli.edit.splice.Editor` records them."""
    from ruamel.yaml.error import YAMLError

    yaml = _yaml()
    crlf = "\r\n" in text[: text.find("\n") + 1]
    if crlf:  # (ruamel keeps a comment's '\r' and would double it)
        text = text.replace("\r\n", "\n")
    try:
        doc = yaml.load(text)
    except YAMLError as exc:
        raise RoundTripError(f"the file is not valid YAML: {exc}") from None
    if _dump(yaml, doc) != text:
        # It would rewrite lines the edit does not touch: refuse rather than reformat.
        raise RoundTripError("the file's layout is not one the round trip reproduces "
                             "byte for byte (indent mappings by 2, list dashes by 2)")
    for op in ops:
        if op[0] == "set":
            _, path, key, value, order = op
            node = _at(doc, path)
            if not hasattr(node, "insert") or not isinstance(node, dict):
                raise RoundTripError(f"{'/'.join(map(str, path))} is not a mapping")
            if key in node:
                node[key] = _styled(value, node[key])
                continue
            keys = list(node)
            at = len(keys)
            if key in order:
                earlier = set(order[: order.index(key)])
                present = [i for i, k in enumerate(keys) if k in earlier]
                later = [i for i, k in enumerate(keys) if k in order and k not in earlier]
                at = present[-1] + 1 if present else (later[0] if later else at)
            node.insert(at, key, _styled(value))
        elif op[0] == "insert":
            _, path, index, value = op
            node = _at(doc, path)
            if not isinstance(node, list):
                raise RoundTripError(f"{'/'.join(map(str, path))} is not a list")
            at = min(index, len(node))
            neighbour = node[at - 1] if at else (node[0] if node else None)
            node.insert(at, _styled(value, neighbour))
        else:  # pragma: no cover - the Editor records only these two
            raise RoundTripError(f"unknown edit {op[0]!r}")
    result = _dump(yaml, doc)
    return result.replace("\n", "\r\n") if crlf else result


def _dump(yaml: Any, doc: Any) -> str:
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()
