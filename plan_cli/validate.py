"""Turn pydantic's validation errors into located, readable diagnostics.

pydantic reports ``loc = ('items', 3, 'owners', 'deparment')``; the YAML
reader kept the position of every key, so each error lands on its line and
column. Unknown keys get a "did you mean" from the model's own field names.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic, Severity
from .yamlread import locate

_EXPECTED = {
    "string_type": ("text", "文字"),
    "int_type": ("a whole number", "整数"),
    "int_parsing": ("a whole number", "整数"),
    "int_from_float": ("a whole number", "整数"),
    "float_type": ("a number", "数字"),
    "float_parsing": ("a number", "数字"),
    "finite_number": ("a finite number", "有限的数值"),
    "bool_type": ("true or false", "true 或 false"),
    "bool_parsing": ("true or false", "true 或 false"),
    "list_type": ("a list", "列表"),
    "model_type": ("a mapping of 'key: value' lines", "“键: 值”形式的映射"),
    "model_attributes_type": ("a mapping of 'key: value' lines", "“键: 值”形式的映射"),
    "dict_type": ("a mapping of 'key: value' lines", "“键: 值”形式的映射"),
}
_GOT = {  # first match wins: bool before int, which it subclasses
    bool: ("true/false", "布尔值"), type(None): ("empty (null)", "空值"), str: ("text", "文字"),
    int: ("a number", "数字"), float: ("a number", "数字"), list: ("a list", "列表"),
    dict: ("a mapping", "映射"),
}
_CUSTOM = {"bad_date": "bad-date", "bad_quarter": "bad-quarter", "bad_period": "bad-period",
           "bad_tolerance": "bad-tolerance"}


def _field_name(loc: tuple) -> str:
    names = [str(p) for p in loc if isinstance(p, str)]
    return names[-1] if names else "document"


def _schema_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional/Union/Annotated/list annotations."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that validated the node at ``loc`` (None if not a model)."""
    current: Any = model
    for part in loc:
        candidates = _unwrap(current)
        if isinstance(part, int):
            lists = [t for t in candidates if typing.get_origin(t) is list]
            if not lists:
                return None
            current = typing.get_args(lists[0])[0]
            continue
        models = [t for t in candidates if isinstance(t, type) and issubclass(t, BaseModel)]
        if not models or part not in models[0].model_fields:
            return None
        current = models[0].model_fields[part].annotation
    models = [t for t in _unwrap(current) if isinstance(t, type) and issubclass(t, BaseModel)]
    return models[0] if models else None


def _did_you_mean(name: str, choices: list[str]) -> list[str]:
    return difflib.get_close_matches(name, choices, n=1, cutoff=0.6)


def to_diagnostics(
    error: ValidationError,
    model: type[BaseModel],
    data: Any,
    path: str,
    *,
    elsewhere: dict[str, str] | None = None,
    loc_prefix: tuple = (),
) -> list[Diagnostic]:
    """One diagnostic per pydantic error, located in ``data``.

    ``elsewhere`` maps field names that belong to other kinds of ledger to
    that kind, so a misplaced field says where it does belong.
    """
    out = []
    for err in error.errors(include_url=False):
        loc = loc_prefix + tuple(err["loc"])
        code, args, at_key = _classify(err, loc, model, loc_prefix, elsewhere or {})
        line, column = locate(data, loc, at_key=at_key)
        args["at"] = _schema_path(loc)
        out.append(Diagnostic(path, line, column, Severity.error, code, args))
    return out


def _classify(err: dict, loc: tuple, model: type[BaseModel], prefix: tuple,
              elsewhere: dict[str, str]) -> tuple[str, dict, bool]:
    kind = err["type"]
    field = _field_name(loc)
    value = err.get("input")
    if kind == "missing":
        return "missing-field", {"field": field}, False
    if kind == "extra_forbidden":
        parent = model_at(model, tuple(loc[len(prefix):-1]))
        choices = sorted(parent.model_fields) if parent else []
        guess = _did_you_mean(field, choices)
        where: dict = {"en": "", "zh": ""}
        if field in elsewhere:
            where = {"en": f" in this ledger (it belongs to {elsewhere[field]} ledgers)",
                     "zh": f"(该字段属于 {elsewhere[field]} 类台账)"}
        suggestion = {"en": "", "zh": ""}
        allowed = {"en": "allowed here: " + ", ".join(choices),
                   "zh": "此处可用字段:" + "、".join(choices)}
        if guess:
            suggestion = {"en": f" (did you mean '{guess[0]}'?)", "zh": f"(是否应为“{guess[0]}”?)"}
        return "unknown-field", {"field": field, "where": where, "suggestion": suggestion,
                                 "allowed": allowed}, True
    if kind in _CUSTOM:
        ctx = err.get("ctx") or {}
        return _CUSTOM[kind], {"value": repr(value), "detail": ctx.get("detail", "")}, False
    if kind == "enum":
        # pydantic words the list in English ("'a', 'b' or 'c'"): list the values ourselves
        names = re.findall(r"'([^']*)'", (err.get("ctx") or {}).get("expected", ""))
        choices = {"en": ", ".join(names), "zh": "、".join(names)}
        return "invalid-choice", {"field": field, "value": value, "choices": choices}, False
    if kind == "string_too_short":
        return "empty-value", {"field": field}, False
    if kind == "string_pattern_mismatch":
        return "bad-id", {"field": field, "value": value}, False
    if kind in _EXPECTED:
        en, zh = _EXPECTED[kind]
        # isinstance, not type(): the reader's YMap/YList are dict/list subclasses
        got_en, got_zh = next((names for kind_, names in _GOT.items()
                               if isinstance(value, kind_)), ("this value", "此值"))
        if kind == "finite_number":
            got_en, got_zh = f"{value}", f"{value}"
        return "wrong-type", {"field": field, "expected": {"en": en, "zh": zh},
                              "got": {"en": got_en, "zh": got_zh}}, False
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal",
                "string_too_long"}:
        return "out-of-range", {"field": field, "detail": err["msg"]}, False
    detail = err["msg"].removeprefix("Value error, ")
    return "invalid-value", {"field": field, "detail": detail}, False


def enum_choices(enum: type[Enum]) -> str:
    return ", ".join(member.value for member in enum)


# --- every problem in one run: keep what can be read ---------------------------------
#
# pydantic reports every error of a file at once, but the file then yields no
# model, so the rules that judge references, dates and completeness never see
# its sound items. salvage() mends a copy of the data where it failed: a typo'd
# key reads as the field it resembles ('owner:' as 'owners:', so no echo
# "unassigned" warning) and any other unknown key is dropped; any other fault
# loses the innermost list element it stands in (a schedule entry, an item, an
# indicator), so that no rule judges a half-read entry. The copy keeps every remaining node's position, so later
# diagnostics still point at the user's lines.

_SALVAGE_ROUNDS = 4


def _copy(node: Any) -> Any:
    from .yamlread import YList, YMap

    if isinstance(node, YMap):
        out = YMap((k, _copy(v)) for k, v in node.items())
        out.pos = dict(node.pos)
        return out
    if isinstance(node, YList):
        out = YList(_copy(v) for v in node)
        out.pos = list(node.pos)
        return out
    return node


def _existing(data: Any, loc: tuple) -> list:
    """The prefix of ``loc`` that names nodes present in ``data``."""
    path, node = [], data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            break
        path.append(part)
    return path


def _node(data: Any, path: list) -> Any:
    for part in path:
        data = data[part]
    return data


def _cut(model: type[BaseModel], data: Any, err: dict) -> tuple[Any, Any, Any] | None:
    """(container, key or index, new key or None) to mend ``err``; None if it cannot be."""
    path = _existing(data, tuple(err["loc"]))
    if err["type"] == "extra_forbidden" and path and isinstance(path[-1], str):
        # A typo'd key reads as the field it was meant for, when that is plain (and
        # free); any other unknown key is dropped: it carries nothing a rule reads.
        parent = model_at(model, tuple(path[:-1]))
        guess = _did_you_mean(path[-1], sorted(parent.model_fields)) if parent else []
        container = _node(data, path[:-1])
        return container, path[-1], guess[0] if guess and guess[0] not in container else None
    for k in range(len(path) - 1, -1, -1):
        if isinstance(path[k], int):
            return _node(data, path[:k]), path[k], None
    return None


def salvage(model: type[BaseModel], data: Any,
            error: ValidationError) -> tuple[BaseModel, Any] | None:
    """``(model, pruned data)`` of ``data`` less what failed (see above); None
    when the file's frame itself is unsound (nothing to cut but the whole)."""
    pruned = _copy(data)
    for _ in range(_SALVAGE_ROUNDS):
        cuts: dict[tuple[int, Any], tuple[Any, Any, Any]] = {}
        for err in error.errors(include_url=False):
            cut = _cut(model, pruned, err)
            if cut is None:
                return None
            cuts[(id(cut[0]), cut[1])] = cut
        keys = [c for c in cuts.values() if isinstance(c[0], dict)]
        indices = sorted(((c, k) for c, k, _ in cuts.values() if isinstance(c, list)),
                         key=lambda ck: ck[1], reverse=True)
        for container, key, rename in keys:
            value, place = container.pop(key, None), container.pos.pop(key, None)
            if rename is not None and rename not in container:
                container[rename] = value
                container.pos[rename] = place
        for container, index in indices:
            del container[index]
            del container.pos[index]
        try:
            return model.model_validate(pruned), pruned
        except ValidationError as exc:
            error = exc
    return None
