"""The documents the office sends, as one model for every format.

:class:`Document` is a title, a banner and numbered sections of paragraphs,
tables and figure slots, in the chosen language. :func:`report_document` and
:func:`notice_document` build it from the computed reports; :func:`to_markdown`
and :func:`to_dict` print it, :mod:`plan_cli.render.docx` lays it out as a
Chinese official document. The renderers never compute: a number appears in
every format or in none.

Figures: a section may hold :class:`Figure`\\ s, each the chart data of
:mod:`plan_cli.reports.charts` (the data the site draws) with a numbered caption.
The .docx draws them as PNG with :mod:`plan_cli.render.charts`, the engine that
draws the site's SVG, so the two never disagree; markdown and JSON carry only
the captions (the tables hold the same numbers).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

from ..reports.charts import ColourChart, IndicatorChart
from ..reports.notice import NoticeReport
from ..reports.report import PlanReport
from .due import owners_text, state_words
from .gaps import (light_text, official_lines, period_text, projection_text, status_text,
                   target_text)
from .labels import label
from .output import num, share
from .safe import md_cell as _md
from .owners import ranking_grid, weights_args

CN_NUMBERS = "一二三四五六七八九十"
FIGURE_DEPARTMENTS = 25  # the departments chart shows the 25 with most red (as the site)


@dataclass(frozen=True)
class Table:
    head: list[str]
    rows: list[list[str]]
    lights: list[str | None] = field(default_factory=list)  # per row: green/yellow/red/None
    light_column: int | None = None  # the column the lights colour (docx shading)
    caption: str | None = None


@dataclass(frozen=True)
class Figure:
    key: str  # what it shows: "indicator", "ledgers", "departments"
    caption: str  # numbered: 图1 ...
    chart: IndicatorChart | ColourChart


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    placeholder: bool = False  # for the office to write (下一步工作)


@dataclass(frozen=True)
class Document:
    kind: str  # circular | final | notice
    title: str
    subtitle: list[str]  # lines under the title: plan, date
    banner: str | None  # 示例数据 when the plan is synthetic
    sections: list[Section]
    lang: str
    closing: list[str] = field(default_factory=list)  # signature lines, date
    level_colour: str | None = None  # notices: blue / orange / red


def _heading(i: int, text: str, lang: str) -> str:
    return f"{CN_NUMBERS[i]}、{text}" if lang == "zh" else f"{i + 1}. {text}"


def _latest(row, lang: str) -> str:
    if row.latest is None:
        return "—"
    return f"{num(row.latest.value)} ({period_text(row.latest, lang)})"


def _missing(row, lang: str) -> str:
    joiner = "、" if lang == "zh" else ", "
    return joiner.join(label(f"missing_{m}", lang) for m in row.missing) or "—"


def report_document(report: PlanReport, lang: str) -> Document:
    """The 通报 (during the period) or the 终期评估报告 (after it)."""
    h = report.headline
    kind = "final" if report.final else "circular"
    title = label(f"doc_title_{kind}", lang, plan=report.plan_title, quarter=report.quarter)
    counts = "、".join(f"{label(s, lang)} {n}" for s, n in h.by_status.items()) \
        if lang == "zh" else ", ".join(f"{label(s, lang)} {n}" for s, n in h.by_status.items())
    lights = {k: h.by_light.get(k, 0) for k in ("green", "yellow", "red")}
    overview = [
        label("doc_overview_indicators", lang, n=h.indicators, counts=counts or "—",
              official=h.official, **lights),
        label("doc_overview_items", lang, entered=h.items_entered,
              declared="?" if h.items_declared is None else h.items_declared,
              entries=h.entries, on_time=h.done_on_time, late=h.done_late,
              overdue=h.overdue, due=h.due, rate=share(h.on_time_rate)),
    ]
    ind_head = [label(k, lang) for k in ("indicator", "target", "baseline", "latest", "light",
                                         "status", "projected", "missing_data")]
    ind_rows = [[f"{r.name} ({r.unit})", target_text(r, lang),
                 "—" if r.baseline is None else f"{num(r.baseline.value)} ({r.baseline.period})",
                 _latest(r, lang), light_text(r.light, lang), status_text(r, lang),
                 projection_text(r, lang), _missing(r, lang)] for r in report.indicators]
    figure_no = iter(range(1, 10_000))

    def figure(key: str, chart, what: str) -> Figure:
        return Figure(key, label("doc_figure", lang, n=next(figure_no), what=what), chart)

    indicators = Section(label("doc_indicators", lang), official_lines(report.indicators, lang),
                         [Table(ind_head, ind_rows, [r.light for r in report.indicators], 4)],
                         [figure("indicator", c, label("doc_figure_indicator", lang,
                                                       name=c.name, unit=c.unit))
                          for c in report.charts])
    colour_figures = []
    for chart in report.colours:
        if chart.by == "ledger":
            colour_figures.append(figure("ledgers", chart, label("doc_figure_ledgers", lang)))
        elif len(chart.rows) > FIGURE_DEPARTMENTS:  # most red first: keep the worst
            colour_figures.append(figure(
                "departments", replace(chart, rows=chart.rows[:FIGURE_DEPARTMENTS]),
                label("doc_figure_departments_top", lang, n=FIGURE_DEPARTMENTS)))
        else:
            colour_figures.append(figure("departments", chart,
                                         label("doc_figure_departments", lang)))
    ledger_head = [label(k, lang) for k in ("ledger", "entered", "assigned", "entries", "done",
                                            "due", "overdue")]
    ledger_rows = [[s.name, f"{s.entered}/{'?' if s.declared is None else s.declared}",
                    str(s.assigned), str(s.entries), str(s.done), str(s.due), str(s.overdue)]
                   for s in report.status.ledgers]
    names = {s.id: s.name for s in report.status.ledgers}
    done_head = [label(k, lang) for k in ("done_on_time", "done_late", "overdue_open",
                                          "dropped_entries", "due_now")]

    def completion(title_key: str, who_key: str, rows, name=lambda r: r.name) -> Table:
        return Table([label(who_key, lang)] + done_head, [
            [name(r) or label("unassigned_group", lang), str(r.done_on_time), str(r.done_late),
             str(r.overdue), str(r.dropped), str(r.due)] for r in rows],
            caption=label(title_key, lang))

    completions = [
        completion("doc_completion_ledger", "ledger", report.owners.ledgers,
                   lambda r: names.get(r.name, r.name)),
        completion("by_department", "department", report.owners.departments),
        completion("by_leader", "leader", report.owners.leaders)]
    late_head = [label(k, lang) for k in ("item", "department", "in_quarter", "deliverable",
                                          "status", "cause", "corrective_action")]
    late_rows = [[f"{r.item} {r.title}", r.owners.department or label("unassigned_group", lang),
                  str(r.quarter), r.deliverable,
                  state_words(r.state, r.status, r.quarters_late, lang),
                  r.cause or label("doc_not_recorded", lang),
                  r.corrective_action or label("doc_not_recorded", lang)] for r in report.late]
    behind_rows = [[f"{r.name} ({r.unit})", status_text(r, lang), _latest(r, lang),
                    r.cause or label("doc_not_recorded", lang),
                    r.corrective_action or label("doc_not_recorded", lang)]
                   for r in report.behind]
    late_tables = [Table(late_head, late_rows, ["red"] * len(late_rows), 4,
                         label("doc_late_entries", lang))] if late_rows else []
    if behind_rows:
        late_tables.append(Table([label(k, lang) for k in (
            "indicator", "status", "latest", "cause", "corrective_action")], behind_rows,
            ["red"] * len(behind_rows), 1, label("doc_behind_indicators", lang)))
    ranking = [ranking_grid("ranking_departments", "department", report.owners.departments,
                            lang),
               ranking_grid("ranking_leaders", "leader", report.owners.leaders, lang)]
    gaps = [label(f"gap_{g.kind}", lang, count=g.count, scope=g.scope or "")
            for g in report.status.gaps]
    gaps += [f"{r.name}: {_missing(r, lang)}" for r in report.indicators if r.missing]
    sections = [
        Section(label("doc_overview", lang), overview),
        indicators,
        Section(label("doc_ledgers", lang), [],
                [Table(ledger_head, ledger_rows)] + [t for t in completions if t.rows],
                colour_figures),
        Section(label("doc_late", lang), [] if late_tables else [label("doc_none_late", lang)],
                late_tables),
        Section(label("doc_ranking", lang),
                [label("ranking_formula", lang, **weights_args(report.owners.weights))],
                [Table(g.head, g.rows, caption=g.title) for g in ranking if g.rows]),
        Section(label("doc_gaps", lang), gaps or [label("doc_no_gaps", lang)]),
        Section(label("doc_next", lang), [label("doc_placeholder", lang)] * 3, placeholder=True),
    ]
    sections = [Section(_heading(i, s.heading, lang), s.paragraphs, s.tables, s.figures,
                        s.placeholder) for i, s in enumerate(sections)]
    subtitle = [label("doc_as_of", lang, day=report.as_of.isoformat(), quarter=report.quarter)]
    if report.final:
        subtitle.append(label("final", lang))
    return Document(kind, title, subtitle, _banner(report.synthetic, lang), sections, lang,
                    [report.issuer or label("doc_office", lang), report.as_of.isoformat()])


def _banner(synthetic: bool, lang: str) -> str | None:
    return label("synthetic_banner", lang) if synthetic else None


def notice_document(report: NoticeReport, lang: str) -> Document:
    """All 督办单 as one document: one section per department."""
    sections = []
    head = [label(k, lang) for k in ("item", "owners", "in_quarter", "deliverable", "late",
                                     "doc_level", "cause", "doc_required_action")]
    for i, n in enumerate(report.notices):
        rows = [[f"{ln.row.item} {ln.row.title}", owners_text(ln.row.owners),
                 str(ln.row.quarter), ln.row.deliverable, str(ln.row.quarters_late),
                 label(f"level_{ln.level}", lang),
                 ln.row.cause or label("doc_not_recorded", lang),
                 ln.row.corrective_action or label("doc_action_needed", lang)]
                for ln in n.lines]
        level = label(f"level_{n.level}", lang)
        sections.append(Section(
            label("notice_heading", lang, no=i + 1, level=level, dept=n.department),
            [label("notice_body", lang, dept=n.department, n=len(n.lines), level=level,
                   colour=label(f"colour_{n.colour}", lang)),
             label("notice_reply", lang, day=report.reply_by.isoformat())],
            [Table(head, rows, [LEVEL_LIGHTS[ln.level] for ln in n.lines], 5)]))
    if not sections:
        sections.append(Section(label("notice_none", lang)))
    if report.unassigned:
        sections.append(Section(label("notice_unassigned_heading", lang), [
            label("notice_unassigned", lang, n=len(report.unassigned),
                  items="、".join(sorted({r.item for r in report.unassigned})))]))
    s = report.settings
    subtitle = [label("doc_as_of", lang, day=report.as_of.isoformat(), quarter=report.quarter),
                label("notice_rule", lang, remind=s.remind, urge=s.urge, supervise=s.supervise)]
    worst = report.notices[0].colour if report.notices else None
    return Document("notice", label("notice_title", lang, plan=report.plan_title), subtitle,
                    _banner(report.synthetic, lang), sections, lang,
                    [label("doc_office", lang), report.as_of.isoformat()], worst)


LEVEL_LIGHTS = {"remind": "blue", "urge": "orange", "supervise": "red"}


def to_markdown(doc: Document) -> str:
    out = [f"# {_md(doc.title)}", ""]
    if doc.banner:
        out += [f"> **{_md(doc.banner)}**", ""]
    out += [f"- {_md(line)}" for line in doc.subtitle]
    for s in doc.sections:
        out += ["", f"## {_md(s.heading)}", ""]
        for p in s.paragraphs:
            out += [_md(p), ""]
        for t in s.tables:
            if t.caption:
                out += [f"**{_md(t.caption)}**", ""]
            out.append("| " + " | ".join(map(_md, t.head)) + " |")
            out.append("|" + "---|" * len(t.head))
            out += ["| " + " | ".join(map(_md, row)) + " |" for row in t.rows]
            out.append("")
    if doc.closing:
        out += [""] + [_md(line) + "  " for line in doc.closing]
    if doc.banner:
        out += ["", f"> **{_md(doc.banner)}**"]
    return "\n".join(out).rstrip() + "\n"


def to_dict(doc: Document) -> dict:
    """JSON shape, version 1: the document model as it is printed."""
    data = asdict(replace(doc, sections=[replace(s, figures=[]) for s in doc.sections]))
    for s, section in zip(data["sections"], doc.sections):  # a figure: what and its caption
        s["figures"] = [{"key": f.key, "caption": f.caption} for f in section.figures]
    return {"version": 1, "report": doc.kind if doc.kind == "notice" else "report",
            "synthetic_banner": doc.banner, **data}
