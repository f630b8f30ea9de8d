"""Targets: the plan's own words decide a target's operator, figure and
measure; the operator fits the indicator's direction; a stretch target is
never weaker than the plan's or the province's.

``op-contradicts-wording`` (error)
    en: The operator does not say what the wording says (左右 about, 超过 more_than, 以上 at_least, 以内 less_than, 翻番 multiple_of_baseline).
    zh: 运算符与计划原文不符(左右 about,超过 more_than,以上 at_least,以内 less_than,翻番 multiple_of_baseline)。

    Bad::

        target: {period: 2025, op: at_least, value: 2.8, wording: 达到2.8%左右}

    Good::

        target: {period: 2025, op: about, value: 2.8, wording: 达到2.8%左右}

``op-contradicts-direction`` (error)
    en: An operator pointing the other way from the indicator's direction.
    zh: 运算符与指标方向相反。

    Bad::

        direction: down
        target: {period: 2025, op: at_least, value: 0.5}

    Good::

        direction: down
        target: {period: 2025, op: at_most, value: 0.5}

``value-contradicts-wording`` (error)
    en: The figure in the wording is not the target's value; a revision changes both together.
    zh: 原文中的数字与目标值不一致;调整目标时须同时修改两者。

    Bad::

        target: {period: 2025, op: about, value: 2.6, wording: 达到2.8%左右}

    Good::

        target: {period: 2025, op: about, value: 2.8, wording: 达到2.8%左右}

``measure-contradicts-wording`` (error)
    en: The wording names a measure the indicator does not have (年均增长 annual_growth, 领先 / 第一 rank).
    zh: 原文所指的计量方式与指标不符(年均增长 annual_growth,领先/第一 rank)。

    Bad::

        measure: level
        target: {period: 2025, op: about, value: 5, wording: 年均增长5%左右}

    Good::

        measure: annual_growth
        target: {period: 2025, op: about, value: 5, wording: 年均增长5%左右}

``weak-stretch-target`` (error)
    en: A stretch target (冲击目标) weaker than the plan's or the provincial target.
    zh: 冲击目标弱于计划目标或省级目标。

    Bad::

        provincial_target: {period: 2025, op: about, value: 2.6}
        stretch_target: {period: 2025, op: about, value: 2.5}

    Good::

        provincial_target: {period: 2025, op: about, value: 2.6}
        stretch_target: {period: 2025, op: about, value: 3.0}
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import date

from .. import model as m
from ..diagnostics import Diagnostic
from ..load import INDICATORS_FILE, Workspace
from .common import items, num as _num


# The plan's wording decides the operator (design §3). Checked in this order.
_WORDING_OPS = (
    ("翻番", (m.Op.multiple_of_baseline,)),
    ("左右", (m.Op.about,)),
    ("超过", (m.Op.more_than,)),
    ("以上", (m.Op.at_least,)),
    ("以内", (m.Op.less_than, m.Op.at_most)),
    ("以下", (m.Op.at_most,)),
    ("领先", (m.Op.at_most,)),
)
_UP_OPS = {m.Op.at_least, m.Op.more_than, m.Op.multiple_of_baseline}
_DOWN_OPS = {m.Op.at_most, m.Op.less_than}


# Words that say what is measured: the measure must agree (design §3).
_WORDING_MEASURES = (
    ("年均增长", m.Measure.annual_growth),
    ("领先", m.Measure.rank),
    ("第一", m.Measure.rank),
)
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(万亿|亿|万)?")
_SCALE = {None: 1, "万": 1e4, "亿": 1e8, "万亿": 1e12}


def wording_numbers(wording: str) -> list[float]:
    """The figures written in a target's wording (达到2.8%左右 -> [2.8]); 万/亿 give
    both readings, since the unit may already be 万元 or 亿元."""
    found = []
    for digits, scale in _NUMBER.findall(wording):
        found.append(float(digits))
        if scale:
            found.append(float(digits) * _SCALE[scale])
    return found


def _value_mismatch(target: m.Target) -> bool:
    numbers = wording_numbers(target.wording or "")
    return bool(numbers) and not any(math.isclose(target.value, n, rel_tol=1e-9, abs_tol=1e-9)
                                     for n in numbers)


def check_targets(ws: Workspace, today: date) -> Iterator[Diagnostic]:
    """Operators, values and measures agree with the plan's wording; operators
    with the indicator's direction."""
    src = ws.sources.get(INDICATORS_FILE)
    for i, ind in enumerate(ws.indicators):
        target = ind.target
        loc = ("indicators", i, "target", "op")
        if target.wording and _value_mismatch(target):
            yield ws.at(src, ("indicators", i, "target", "value"), "value-contradicts-wording",
                        value=_num(target.value), wording=target.wording,
                        numbers="/".join(_num(n) for n in wording_numbers(target.wording)))
        for word, measure in _WORDING_MEASURES if target.wording else ():
            if word in target.wording and ind.measure is not measure:
                yield ws.at(src, ("indicators", i, "measure"), "measure-contradicts-wording",
                            measure=ind.measure.value, wording=target.wording,
                            expected=measure.value, at_key="measure" in _raw_keys(src, i))
                break
        if target.wording:
            for word, ops in _WORDING_OPS:
                if word in target.wording:
                    if target.op not in ops:
                        yield ws.at(src, loc, "op-contradicts-wording", op=target.op.value,
                                    wording=target.wording, expected=ops[0].value)
                    break
        wrong_way = (_DOWN_OPS if ind.direction is m.Direction.up else _UP_OPS)
        if target.op in wrong_way:
            yield ws.at(src, loc, "op-contradicts-direction", op=target.op.value,
                        direction=ind.direction.value)


def _weaker(stretch: m.Target, plan: m.Target, direction: m.Direction) -> bool:
    if (stretch.op is m.Op.multiple_of_baseline) != (plan.op is m.Op.multiple_of_baseline):
        return False  # a factor and a level cannot be compared without the baseline
    if direction is m.Direction.up:
        return stretch.value < plan.value
    return stretch.value > plan.value


def check_stretch_targets(ws: Workspace, today: date) -> Iterator[Diagnostic]:
    """A key-indicator item's stretch target (冲击目标) is never weaker than the plan's
    target for that indicator, nor than the provincial target it records; the
    figures of both agree with their wording."""
    by_id = {ind.id: ind for ind in ws.indicators}
    for ref in items(ws):
        item = ref.item
        src = ws.source_of(ref.ledger)
        for name in ("stretch_target", "provincial_target"):
            own = getattr(item, name, None)
            if own is not None and own.wording and _value_mismatch(own):
                yield ws.at(src, ref.loc(name, "value"), "value-contradicts-wording",
                            value=_num(own.value), wording=own.wording,
                            numbers="/".join(_num(n) for n in wording_numbers(own.wording)))
        stretch = getattr(item, "stretch_target", None)
        indicator = by_id.get(getattr(item, "indicator", None))
        if stretch is None or indicator is None:
            continue
        against = [(indicator.target, {"en": "plan's", "zh": "计划"})]
        if item.provincial_target is not None:
            against.append((item.provincial_target, {"en": "provincial", "zh": "省级"}))
        for target, label in against:
            if _weaker(stretch, target, indicator.direction):
                yield ws.at(src, ref.loc("stretch_target", "value"), "weak-stretch-target",
                            value=_num(stretch.value), target=_num(target.value), against=label)


def _raw_keys(source, index: int) -> set:
    """The keys written for indicator ``index`` (measure may be left to its default)."""
    try:
        return set(source.data["indicators"][index])
    except (KeyError, IndexError, TypeError):
        return set()
