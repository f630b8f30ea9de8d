"""References: every area, indicator, department, leader and section named
anywhere must exist where it is registered.

``unknown-area`` (error)
    en: An area that is not a key-task area of plan.yaml (write its id, not its title).
    zh: 任务领域不是 plan.yaml 中的重点任务(请写编号,不要写名称)。

    Bad::

        area: 科技创新

    Good::

        area: innovation

``unknown-indicator`` (error)
    en: An indicator id that indicators.yaml does not have.
    zh: indicators.yaml 中没有该指标编号。

    Bad::

        indicators: [rd-intensty]

    Good::

        indicators: [rd-intensity]

``unknown-department`` (error)
    en: A department not registered in owners.yaml (an alias is not enough).
    zh: 责任部门未在 owners.yaml 中登记(简称不可代替全称)。

    Bad::

        owners: {department: 市发改委}

    Good::

        owners: {department: 市发展改革委}

``unknown-leader`` (error)
    en: A leader in charge not registered in owners.yaml.
    zh: 分管市领导未在 owners.yaml 中登记。

    Bad::

        owners: {leader: 王副市长}

    Good::

        owners: {leader: 张副市长}

``unknown-section`` (error)
    en: A section that its department does not list in owners.yaml.
    zh: 科室不在 owners.yaml 中该部门的科室列表内。

    Bad::

        owners: {department: 市发展改革委, section: 财务科}

    Good::

        owners: {department: 市发展改革委, section: 综合科}
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..diagnostics import Diagnostic
from ..load import INDICATORS_FILE, OWNERS_FILE, PLAN_FILE, Workspace
from .common import _suggest, _suggest_area, items, names_in as _names_in


def check_references(ws: Workspace, today: date) -> Iterator[Diagnostic]:
    """Areas, indicators, departments, leaders and sections named anywhere must exist."""
    areas = _names_in(ws, PLAN_FILE, "areas", "id")
    indicators = _names_in(ws, INDICATORS_FILE, "indicators", "id")
    departments = _names_in(ws, OWNERS_FILE, "departments", "name")
    leaders = _names_in(ws, OWNERS_FILE, "leaders", "name")
    registry = {d.name: d for d in ws.owners.departments} if ws.owners else {}
    aliases = {a: d.name for d in registry.values() for a in d.aliases}
    ind_src = ws.sources.get(INDICATORS_FILE)

    titles = {a.title: a.id for a in ws.plan.areas} if ws.plan else {}
    if areas is not None and ind_src:
        for i, ind in enumerate(ws.indicators):
            if ind.area is not None and ind.area not in areas:
                yield ws.at(ind_src, ("indicators", i, "area"), "unknown-area",
                            value=ind.area, suggestion=_suggest_area(ind.area, areas, titles))
    for ref in items(ws):
        src = ws.source_of(ref.ledger)
        item = ref.item
        if areas is not None and item.area is not None and item.area not in areas:
            yield ws.at(src, ref.loc("area"), "unknown-area", value=item.area,
                        suggestion=_suggest_area(item.area, areas, titles))
        if indicators is not None:
            for j, ind_id in enumerate(item.indicators):
                if ind_id not in indicators:
                    yield ws.at(src, ref.loc("indicators", j), "unknown-indicator",
                                value=ind_id, suggestion=_suggest(ind_id, indicators))
            own = getattr(item, "indicator", None)
            if own is not None and own not in indicators:
                yield ws.at(src, ref.loc("indicator"), "unknown-indicator", value=own,
                            suggestion=_suggest(own, indicators))
        dept_name = item.owners.department
        if departments is not None and dept_name is not None and dept_name not in departments:
            suggestion = _suggest(dept_name, departments)
            if dept_name in aliases:
                suggestion = {"en": f" ('{dept_name}' is an alias: write '{aliases[dept_name]}')",
                              "zh": f"(“{dept_name}”是简称,请写作“{aliases[dept_name]}”)"}
            yield ws.at(src, ref.loc("owners", "department"), "unknown-department",
                        value=dept_name, suggestion=suggestion)
        dept = registry.get(dept_name) if dept_name else None
        section = item.owners.section
        if dept is not None and dept.sections and section is not None and section not in dept.sections:
            yield ws.at(src, ref.loc("owners", "section"), "unknown-section",
                        value=section, department=dept.name)
        leader = item.owners.leader
        if leaders is not None and leader is not None and leader not in leaders:
            yield ws.at(src, ref.loc("owners", "leader"), "unknown-leader", value=leader,
                        suggestion=_suggest(leader, leaders))
