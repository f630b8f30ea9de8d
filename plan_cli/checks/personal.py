"""The personal-data rule: no contact details or identity numbers in the plan.

A plan repository is shared widely and its history is forever, so a mobile
number, a resident identity number, an e-mail address or a landline number
put into ``staff``, a note or any other field of any file is an error (code
``personal-data``). What belongs in a shared plan is names and offices; the
public numbers of offices (a hotline, a service desk) can be allowed in
``plan.yaml``::

    plan:
      settings:
        public_contacts: ["0631-5231234", "12345", "office@weihai.gov.cn"]

Resident identity numbers are recognised by their structure and the GB 11643
check digit, so an ordinary 18-digit figure does not trip the rule. Findings
show the value masked (``138****5678``): the CI log must not repeat it either.
The editing commands run every rule on the edited data before writing, so such
a value is refused before it reaches the history.

``personal-data`` (error)
    en: A mobile or landline number, a resident identity number or an e-mail address in the data.
    zh: 数据中含有手机号码、固定电话、居民身份证号码或电子邮箱地址。

    Bad::

        owners: {department: 市科技局, staff: [李四 13812345678]}

    Good::

        owners: {department: 市科技局, section: 综合科, staff: [李四]}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..diagnostics import Diagnostic, Severity
from ..load import PLAN_FILE, SourceFile, Workspace
from ..yamlread import YList, YMap, locate

_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?(1[3-9][0-9](?:[- ]?[0-9]{4}){2})(?![0-9])")
_ID = re.compile(r"(?<![0-9A-Za-z])([1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])"
                 r"(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx])(?![0-9A-Za-z])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_LANDLINE = re.compile(r"(?<![0-9])((?:\(0[1-9][0-9]{1,2}\)|（0[1-9][0-9]{1,2}）|0[1-9][0-9]{1,2}-)"
                       r"[2-9][0-9]{6,7})(?![0-9])")
# Cheap test first: most values hold neither a run of 7 digits nor an '@'.
_CANDIDATE = re.compile(r"[0-9]{7}|[0-9]{3}[- ][0-9]{4}|@")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)

KINDS = {
    "mobile": {"en": "a mobile phone number", "zh": "手机号码"},
    "id": {"en": "a resident identity number", "zh": "居民身份证号码"},
    "email": {"en": "an e-mail address", "zh": "电子邮箱地址"},
    "landline": {"en": "a telephone number", "zh": "固定电话号码"},
}


def _id_valid(text: str) -> bool:
    """GB 11643: the 18th character is the check digit of the first 17; the date is real."""
    try:
        date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    total = sum(int(c) * w for c, w in zip(text[:17], _WEIGHTS))
    return "10X98765432"[total % 11] == text[17].upper()


def _normal(text: str) -> str:
    return text.lower() if "@" in text else re.sub(r"[^0-9]", "", text)


def mask(text: str) -> str:
    """Enough to find it, not enough to use it: ``138****5678``, ``z***@example.org``."""
    if "@" in text:
        name, _, host = text.partition("@")
        return f"{name[:1]}***@{host}"
    digits = re.sub(r"[^0-9Xx]", "", text)
    return f"{digits[:3]}{'*' * max(len(digits) - 7, 4)}{digits[-4:]}"


def find(text: str, allowed: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """``(kind, value)`` of the first personal datum in ``text``, else None."""
    if not _CANDIDATE.search(text):
        return None
    for kind, pattern in (("id", _ID), ("mobile", _MOBILE), ("email", _EMAIL),
                          ("landline", _LANDLINE)):
        for match in pattern.finditer(text):
            value = match.group(match.lastindex or 0)
            if kind == "id" and not _id_valid(value):
                continue
            if _normal(match.group(0)) in allowed or _normal(value) in allowed:
                continue
            return kind, value
    return None


def allowed_contacts(ws: Workspace) -> frozenset[str]:
    """The public contacts ``plan.yaml`` allows (``plan.settings.public_contacts``)."""
    values = ws.plan.plan.settings.public_contacts if ws.plan else []
    return frozenset(_normal(v) for v in values)


def _hits(node, path: list, out: list) -> None:
    """Append ``(path, is_key, text)`` for every key and scalar under ``node`` that may
    hold a personal datum (most hold no run of digits nor '@': paths are built only
    for those that do)."""
    candidate = _CANDIDATE.search
    if type(node) is YMap:
        for key, value in node.items():
            if candidate(key):
                out.append(((*path, key), True, key))
            if type(value) is str:
                if candidate(value):
                    out.append(((*path, key), False, value))
            elif type(value) is int:
                if value >= 1_000_000:
                    out.append(((*path, key), False, str(value)))
            elif type(value) is YMap or type(value) is YList:
                path.append(key)
                _hits(value, path, out)
                path.pop()
    elif type(node) is YList:
        for i, value in enumerate(node):
            if type(value) is str:
                if candidate(value):
                    out.append(((*path, i), False, value))
            elif type(value) is int:
                if value >= 1_000_000:
                    out.append(((*path, i), False, str(value)))
            elif type(value) is YMap or type(value) is YList:
                path.append(i)
                _hits(value, path, out)
                path.pop()


def check_personal_data(ws: Workspace, today: date) -> Iterator[Diagnostic]:
    """Every key and value of every file read, against :func:`find`."""
    allowed = allowed_contacts(ws)
    sources: list[SourceFile] = [*ws.sources.values(), *ws.ledger_sources.values(),
                                 *ws.unsound_ledgers]
    for source in sources:
        data = source.as_read  # the whole file, the parts validation left out too
        if data is None:
            continue
        hits: list = []
        _hits(data, [], hits)
        for path, is_key, text in hits:
            found = find(text, allowed)
            if found is None:
                continue
            kind, value = found
            line, column = locate(data, path, at_key=is_key)
            yield Diagnostic(source.display, line, column, Severity.error, "personal-data",
                             {"kind": KINDS[kind], "value": mask(value), "file": PLAN_FILE})
