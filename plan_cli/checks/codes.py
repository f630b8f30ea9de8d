"""The set of codes ``plan check`` can emit, derived from the source, not listed.

Every data diagnostic is made in one of a few ways, each with its code as a
string literal: ``ws.at(source, loc, "code", …)``, ``Diagnostic(path, line,
column, severity, "code", …)``, ``YamlProblem(line, column, "code", …)``, and
in :mod:`plan_cli.validate` the codes pydantic's errors are classified as
(``_classify``'s returns and the ``_CUSTOM`` table). :func:`emitted_codes`
reads those literals from the package's syntax trees, so a rule that starts
emitting a new code is seen at once, and the tests hold the documentation
and the case corpus to it.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
# callable name -> position of the code among its positional arguments
_MAKERS = {"at": 2, "Diagnostic": 4, "YamlProblem": 2}


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _codes_in(tree: ast.AST, classify: bool) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in _MAKERS:
            at = _MAKERS[_name(node.func)]
            code = _literal(node.args[at]) if len(node.args) > at else None
            code = code or next((_literal(k.value) for k in node.keywords if k.arg == "code"),
                                None)
            if code:
                found.add(code)
            elif len(node.args) > at and isinstance(node.args[at], ast.Name):
                # ws.at(src, loc, code, …) with the code chosen just before
                found |= _assigned(tree, node.args[at].id)
        if classify and isinstance(node, ast.FunctionDef) and node.name == "_classify":
            for ret in ast.walk(node):
                if isinstance(ret, ast.Return) and isinstance(ret.value, ast.Tuple):
                    code = _literal(ret.value.elts[0])
                    if code:
                        found.add(code)
        if classify and isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "_CUSTOM" for t in node.targets):
            found |= {v.value for v in node.value.values if _literal(v)}
    return found


def _assigned(tree: ast.AST, name: str) -> set[str]:
    """String literals a variable ``name`` is assigned (``code = "a" if … else "b"``)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name
                                                for t in node.targets):
            found |= {c.value for c in ast.walk(node.value) if _literal(c)}
    return found


@cache
def emitted_codes() -> frozenset[str]:
    """Every diagnostic code a data file, or a change to it, can produce."""
    found: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        if "edit" in path.relative_to(PACKAGE).parts[:1]:
            continue  # the editing commands' refusals are not data diagnostics
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        found |= _codes_in(tree, classify=path.name == "validate.py")
    return frozenset(found)
