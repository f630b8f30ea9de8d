"""Write a :class:`~plan_cli.reports.site.Site` as static HTML pages.

Self-contained: every page inlines its style sheet, its script and its charts
(SVG from :mod:`plan_cli.render.charts`), and links only to its sibling pages,
so the folder opens from ``file://`` (a double-click on ``index.html``, on
Windows too) with no network. Chinese first: every word is written in both
languages and the switch shows one; the choice is remembered.

Everything that comes from the data goes through :func:`esc` (hostile text
arrives through pull requests): no data is ever markup or script.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from collections.abc import Callable, Iterable

from ..lights import Light
from ..reports.site import DepartmentPage, IndicatorPage, ItemRow, LedgerPage, Site
from .charts import LIGHT_COLOURS, draw_colours, draw_indicator
from .labels import label
from .gaps import latest_text, official_lines, projection_text, status_text, target_text
from .output import num

LANGS = ("zh", "en")
OVERVIEW_ROWS = 25  # the overview lists the worst 25 late items and departments
_LIGHT_RANK = {"red": 0, "yellow": 1, "green": 2, "none": 3}
_STATE_RANK = {"overdue": 0, "due": 1, "upcoming": 2, "done": 3, "dropped": 4, "none": 5}


def esc(value: object) -> str:
    """Text from the data, safe in an element or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def t(key: str, **args) -> str:
    """A word in both languages; the page shows one (see :data:`SCRIPT`)."""
    return "".join(f'<span class="t" lang="{_lang_tag(lang)}">{esc(label(key, lang, **args))}'
                   "</span>" for lang in LANGS)


def t_attrs(key: str, **args) -> str:
    """Both languages as attributes, for text that cannot hold spans (option, title)."""
    return " ".join(f'data-{lang}="{esc(label(key, lang, **args))}"' for lang in LANGS)


def _lang_tag(lang: str) -> str:
    return "zh-CN" if lang == "zh" else "en"


CSS = """
:root { --red: %(red)s; --yellow: %(yellow)s; --green: %(green)s; --none: %(none)s; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC",
  "Source Han Sans SC", "WenQuanYi Zen Hei", SimHei, sans-serif; color: #212121;
  background: #f5f6f8; }
html[data-lang="zh"] .t[lang="en"], html[data-lang="en"] .t[lang="zh-CN"] { display: none; }
header.top { background: #17324d; color: #fff; padding: 12px 24px 0; }
header.top a { color: #fff; }
.banner { background: #b71c1c; color: #fff; font-weight: 700; padding: 6px 24px;
  margin: -12px -24px 10px; letter-spacing: .05em; }
.plan-title { font-size: 18px; font-weight: 700; }
.meta { font-size: 13px; opacity: .9; display: flex; gap: 18px; flex-wrap: wrap; }
nav { display: flex; flex-wrap: wrap; gap: 2px 14px; margin-top: 8px; padding-bottom: 8px; }
nav a { text-decoration: none; padding: 4px 0; border-bottom: 3px solid transparent; }
nav a.here { border-bottom-color: #ffca28; }
#lang-switch { float: right; margin-left: 12px; background: #fff; color: #17324d; border: 0;
  border-radius: 4px; padding: 4px 12px; cursor: pointer; font: inherit; }
main { padding: 16px 24px 32px; max-width: 1400px; }
h1 { font-size: 22px; margin: 4px 0 12px; }
h2 { font-size: 17px; margin: 24px 0 8px; }
section.card, .cards > div { background: #fff; border-radius: 6px; padding: 12px 16px;
  box-shadow: 0 1px 2px rgba(0,0,0,.08); margin-bottom: 14px; }
.cards { display: flex; flex-wrap: wrap; gap: 14px; align-items: flex-start; }
.cards > div { flex: 1 1 280px; margin: 0; }
.big { font-size: 28px; font-weight: 700; margin-right: 6px; }
.counts { display: flex; gap: 18px; flex-wrap: wrap; align-items: baseline; }
table { border-collapse: collapse; width: 100%%; background: #fff; font-size: 14px; }
th, td { border-bottom: 1px solid #e0e0e0; padding: 6px 8px; text-align: left;
  vertical-align: top; }
th { background: #eceff1; font-weight: 600; white-space: nowrap; }
th[data-sort] { cursor: pointer; user-select: none; }
th[data-sort]::after { content: " \\2195"; color: #90a4ae; }
th[aria-sort="ascending"]::after { content: " \\2191"; color: #17324d; }
th[aria-sort="descending"]::after { content: " \\2193"; color: #17324d; }
td.num, th.num { text-align: right; }
td:first-child { white-space: nowrap; }
tr.overdue td:first-child { box-shadow: inset 4px 0 0 var(--red); }
.late-mark { color: var(--red); font-weight: 700; white-space: nowrap; }
.light { display: inline-block; padding: 0 8px; border-radius: 10px; color: #fff;
  font-size: 13px; white-space: nowrap; }
.light-red { background: var(--red); } .light-yellow { background: var(--yellow); color: #212121; }
.light-green { background: var(--green); } .light-none { background: var(--none); }
.filters { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: center;
  background: #fff; padding: 10px 12px; border-radius: 6px; margin-bottom: 10px; }
.filters label { display: flex; gap: 6px; align-items: center; }
.filters select { font: inherit; padding: 2px 4px; max-width: 16em; }
.chart svg { width: 100%%; max-width: 880px; height: auto; }
table.facts th { width: 11em; }
.chart svg text { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC",
  "Source Han Sans SC", "WenQuanYi Zen Hei", SimHei, sans-serif !important; }
.muted { color: #616161; }
ul.gaps li { margin: 4px 0; }
footer { color: #757575; font-size: 12px; padding: 0 24px 24px; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { background: #fff; font-size: 10.5pt; }
  header.top { background: #fff; color: #000; padding: 0 0 6px; border-bottom: 1px solid #000; }
  header.top a { color: #000; }
  .banner { margin: 0 0 6px; border: 2px solid #b71c1c; color: #b71c1c; background: #fff; }
  nav, #lang-switch, .filters { display: none !important; }
  th[data-sort]::after { content: none !important; }
  main { padding: 8px 0; max-width: none; }
  section.card, .cards > div { box-shadow: none; border: 1px solid #bdbdbd; break-inside: avoid; }
  table { font-size: 9pt; } tr { break-inside: avoid; } thead { display: table-header-group; }
  tr[hidden] { display: none; }
  .light { border: 1px solid #000; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .chart { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
""" % LIGHT_COLOURS

HERE = ' class="here"'
WIDE_PRINT = "@media print { @page { size: A4 landscape; } }\n"

SCRIPT = """
(function () {
  var root = document.documentElement;
  function setLang(lang) {
    root.setAttribute('data-lang', lang);
    root.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.querySelectorAll('[data-zh]').forEach(function (el) {
      el.textContent = el.getAttribute('data-' + lang);
    });
    try { localStorage.setItem('plan-site-lang', lang); } catch (e) { /* file:// may refuse */ }
  }
  var saved = null;
  try { saved = localStorage.getItem('plan-site-lang'); } catch (e) { saved = null; }
  setLang(saved === 'en' || saved === 'zh' ? saved : root.getAttribute('data-lang'));
  var button = document.getElementById('lang-switch');
  if (button) {
    button.addEventListener('click', function () {
      setLang(root.getAttribute('data-lang') === 'en' ? 'zh' : 'en');
    });
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, column) {
      if (!th.hasAttribute('data-sort')) { return; }
      th.tabIndex = 0;
      var numeric = th.getAttribute('data-sort') === 'num';
      function key(cell) {
        var value = cell.getAttribute('data-value');
        if (value === null) { value = cell.textContent.trim(); }
        return numeric ? (parseFloat(value) || 0) : value;
      }
      function sort() {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[column]), y = key(b.cells[column]);
          var c = numeric ? x - y : String(x).localeCompare(String(y), 'zh-CN');
          return dir === 'ascending' ? c : -c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter') { sort(); } });
    });
  });
  document.querySelectorAll('.filters').forEach(function (bar) {
    var table = document.getElementById(bar.getAttribute('data-table'));
    var selects = bar.querySelectorAll('select');
    var shown = bar.querySelector('.shown');
    function apply() {
      var count = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var keep = true;
        Array.prototype.forEach.call(selects, function (s) {
          if (s.value !== '' && row.getAttribute('data-' + s.name) !== s.value) { keep = false; }
        });
        row.hidden = !keep;
        if (keep) { count += 1; }
      });
      if (shown) { shown.textContent = String(count); }
    }
    Array.prototype.forEach.call(selects, function (s) { s.addEventListener('change', apply); });
    apply();
  });
})();
"""


# --- pieces ------------------------------------------------------------------


def light_badge(light: Light | None) -> str:
    key = light.value if light else "none"
    words = t(key) if light else "—"
    return f'<span class="light light-{key}">{words}</span>'


def _light_cell(light: Light | None) -> str:
    key = light.value if light else "none"
    return f'<td data-value="{_LIGHT_RANK[key]}">{light_badge(light)}</td>'


def _state_words(state: str | None) -> str:
    return t(state) if state else t("chart_no_colour")


def _table(table_id: str | None, head: list[tuple[str, str | None]], rows: Iterable[str],
           sortable: bool = True) -> str:
    """``head``: (cell html, sort kind: "text" | "num" | None)."""
    cells = "".join(
        f'<th{f" data-sort={chr(34)}{kind}{chr(34)}" if kind and sortable else ""}'
        f'{" class=" + chr(34) + "num" + chr(34) if kind == "num" else ""}>{text}</th>'
        for text, kind in head)
    ident = f' id="{table_id}"' if table_id else ""
    klass = ' class="sortable"' if sortable else ""
    return (f"<table{ident}{klass}><thead><tr>{cells}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _inline_svg(svg: bytes, prefix: str) -> str:
    """matplotlib's SVG, inlined: no XML prolog, ids made unique on the page."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg"):]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.S)
    # id="x", url(#x) and href="#x": one pass (matplotlib's ids are [A-Za-z0-9_]+)
    return re.sub(r'(id="|url\(#|href="#)(?=[A-Za-z0-9_])', rf"\g<1>{prefix}-", text)


def _chart(draw: Callable[[str], bytes], prefix: str, testid: str) -> str:
    parts = "".join(f'<div class="t" lang="{_lang_tag(lang)}">'
                    f"{_inline_svg(draw(lang), f'{prefix}-{lang}')}</div>" for lang in LANGS)
    return f'<div class="chart" data-testid="{testid}">{parts}</div>'


def _who(row: ItemRow) -> str:
    people = " ".join(esc(s) for s in row.staff)
    section = esc(row.section) if row.section else ""
    return " / ".join(p for p in (section, people) if p) or "—"


def _or_dash(value: str | None) -> str:
    return esc(value) if value else "—"


def _item_link(row: ItemRow) -> str:
    return f'<a href="ledger-{esc(row.ledger_id)}.html#item-{esc(row.id)}">{esc(row.id)}</a>'


# --- pages -------------------------------------------------------------------


class Writer:
    """Builds every page of one site; :meth:`pages` returns ``{file name: html}``."""

    def __init__(self, site: Site, lang: str, revision: tuple[str, bool] | None):
        self.site = site
        self.lang = lang
        self.revision = revision
        self.dept_pages = {d.name: d.slug for d in site.departments}

    # the frame around every page
    def page(self, name: str, title_key: str | None, title_text: str, body: str,
             wide: bool = False) -> str:
        """One page; ``wide`` pages (the ledgers' many columns) print on landscape A4."""
        s = self.site
        if self.revision is None:
            rev = t("site_not_git")
        elif self.revision[1]:
            rev = t("site_uncommitted", commit=self.revision[0])
        else:
            rev = esc(self.revision[0])
        when = f"{s.as_of.isoformat()} ({s.quarter})"
        final = f" — {t('final')}" if s.final else ""
        nav = [("index.html", t("site_overview"))]
        nav += [(f"ledger-{esc(lp.id)}.html", esc(lp.name)) for lp in s.ledgers]
        nav += [("indicators.html", t("site_indicators")),
                ("departments.html", t("site_departments")), ("gaps.html", t("site_gaps"))]
        links = "".join(f'<a href="{href}"{HERE if href == name else ""}>{words}</a>'
                        for href, words in nav)
        banner = (f'<div class="banner" data-testid="synthetic-banner">{t("synthetic_banner")}'
                  "</div>") if s.synthetic else ""
        if title_key:
            doc_title = f'<title {t_attrs(title_key)}>{esc(label(title_key, self.lang))}</title>'
            heading = t(title_key) + (f" — {esc(title_text)}" if title_text else "")
        else:
            doc_title = f"<title>{esc(title_text)}</title>"
            heading = esc(title_text)
        return (
            f'<!DOCTYPE html>\n<html lang="{_lang_tag(self.lang)}" data-lang="{self.lang}">'
            '<head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"{doc_title}<style>{CSS}{WIDE_PRINT if wide else ''}</style></head><body>"
            f'<header class="top">{banner}'
            f'<button id="lang-switch" type="button">{t("site_switch")}</button>'
            f'<div class="plan-title">{esc(s.plan_title)}</div>'
            f'<div class="meta"><span data-testid="as-of">{t("as_of")}: {when}{final}</span>'
            f'<span data-testid="revision">{t("site_revision")}: {rev}</span></div>'
            f"<nav>{links}</nav></header>"
            f"<main><h1>{heading}</h1>{body}</main>"
            f'<footer>{t("site_generated")}</footer>'
            f"<script>{SCRIPT}</script></body></html>\n")

    def pages(self) -> dict[str, str]:
        s = self.site
        out = {"index.html": self.overview(), "indicators.html": self.indicator_index(),
               "departments.html": self.department_index(), "gaps.html": self.gaps()}
        for lp in s.ledgers:
            out[f"ledger-{lp.id}.html"] = self.ledger(lp)
        for ip in s.indicators:
            out[f"indicator-{ip.indicator.id}.html"] = self.indicator(ip)
        for dp in s.departments:
            out[f"{dp.slug}.html"] = self.department(dp)
        return out

    def _dept_link(self, name: str | None) -> str:
        slug = self.dept_pages.get(name)
        words = esc(name) if name else t("unassigned_group")
        return f'<a href="{slug}.html">{words}</a>' if slug else words

    def _counts(self, counts: dict[str, int], keys=("red", "yellow", "green", "none")) -> str:
        parts = []
        for key in keys:
            if key == "none" and not counts.get(key):
                continue
            words = t("chart_no_colour") if key == "none" else t(key)
            parts.append(f'<span data-testid="count-{key}"><span class="big">{counts.get(key, 0)}'
                         f'</span><span class="light light-{key}">{words}</span></span>')
        return f'<div class="counts">{"".join(parts)}</div>'

    def overview(self) -> str:
        s = self.site
        ind_counts = self._counts(s.indicator_lights)
        ind_counts = ind_counts.replace(t("chart_no_colour"), t("no_data"))
        body = ['<div class="cards">',
                f'<div><h2>{t("site_items_by_colour")}</h2>{self._counts(s.light_counts)}</div>',
                f'<div><h2>{t("site_indicators_by_colour")}</h2>{ind_counts}</div>',
                f'<div><h2>{t("site_completeness")}</h2>{self._completeness()}</div>', "</div>"]
        behind = [p for p in s.indicators if p.chart.light in (Light.red, Light.yellow)]
        body.append(f'<section class="card"><h2>{t("site_behind")}</h2>')
        judged = any(p.chart.light for p in s.indicators)
        why = "site_nothing_behind" if judged else "site_no_verdict"
        body.append(self._indicator_table(behind, "behind") if behind
                    else f'<p class="muted">{t(why)}</p>')
        body.append("</section>")
        late = sorted((r for lp in s.ledgers for r in lp.rows if r.light is Light.red),
                      key=lambda r: (-r.quarters_late, r.department or "", r.id))
        body.append(f'<section class="card"><h2>{t("site_late")}</h2>')
        scheduled = any(r.entries for lp in s.ledgers for r in lp.rows)
        why = "site_nothing_late" if scheduled else "site_no_schedules"
        body.append(self._item_table(late[:OVERVIEW_ROWS], "late", compact=True) if late
                    else f'<p class="muted">{t(why)}</p>')
        if len(late) > OVERVIEW_ROWS:
            body.append(f'<p class="muted">{t("site_more", n=len(late) - OVERVIEW_ROWS)}</p>')
        body.append("</section>")
        body.append(f'<section class="card"><h2>{t("site_by_ledger")}</h2>'
                    + _chart(lambda lang: draw_colours(s.by_ledger, lang), "c-ledger",
                             "chart-ledgers") + "</section>")
        depts = s.by_department
        shown = replace(depts, rows=depts.rows[:OVERVIEW_ROWS])  # most red first
        more = (f'<p class="muted">{t("site_more_departments", n=len(depts.rows) - OVERVIEW_ROWS)}'
                "</p>") if len(depts.rows) > OVERVIEW_ROWS else ""
        body.append(f'<section class="card"><h2>{t("site_by_department")}</h2>'
                    + _chart(lambda lang: draw_colours(shown, lang), "c-dept",
                             "chart-departments") + more + "</section>")
        body.append(f'<section class="card"><h2>{t("ledgers")}</h2>{self._ledger_summary()}'
                    "</section>")
        return self.page("index.html", "site_overview", "", "".join(body))

    def _completeness(self) -> str:
        s = self.site
        ledgers = s.status.ledgers
        entered = sum(x.entered for x in ledgers)
        declared = sum(x.declared or x.entered for x in ledgers)
        with_actual = sum(1 for p in s.indicators if p.indicator.actuals)
        lines = [t("site_complete_declared", entered=entered, declared=declared),
                 t("site_complete_items", n=sum(x.assigned for x in ledgers), total=entered),
                 t("site_complete_schedule", n=sum(x.scheduled for x in ledgers), total=entered),
                 t("site_complete_actuals", n=with_actual, total=len(s.indicators))]
        return ('<ul class="gaps" data-testid="completeness">'
                + "".join(f"<li>{line}</li>" for line in lines)
                + f'</ul><p><a href="gaps.html">{t("site_gaps")} →</a></p>')

    def _ledger_summary(self) -> str:
        rows = []
        for x in self.site.status.ledgers:
            declared = "?" if x.declared is None else str(x.declared)
            rows.append(f'<tr><td><a href="ledger-{esc(x.id)}.html">{esc(x.name)}</a></td>'
                        f'<td class="num">{x.entered}/{declared}</td>'
                        f'<td class="num">{x.assigned}</td><td class="num">{x.entries}</td>'
                        f'<td class="num">{x.done}</td><td class="num">{x.due}</td>'
                        f'<td class="num">{x.overdue}</td></tr>')
        head = [(t(k), None if k == "ledger" else "num") for k in
                ("ledger", "entered", "assigned", "entries", "done", "due", "overdue")]
        head[0] = (t("ledger"), "text")
        return _table("ledger-summary", head, rows)

    def _indicator_table(self, pages: list[IndicatorPage], table_id: str) -> str:
        rows = []
        for p in pages:
            r = p.row
            depts = sorted({i.department for i in p.items if i.department})
            who = "、".join(self._dept_link(d) for d in depts[:3]) or "—"
            if len(depts) > 3:  # the indicator's page lists every linked item
                who += " " + t("site_and_more", n=len(depts) - 3)
            rows.append(
                f"<tr><td><a href=\"indicator-{esc(r.id)}.html\">{esc(r.name)}</a></td>"
                f"{_light_cell(p.chart.light)}<td>{_both(lambda lang: status_text(r, lang))}</td>"
                f"<td>{_both(lambda lang: latest_text(r, lang))}</td>"
                f"<td>{_target_words(r)}</td><td>{esc(r.unit)}</td>"
                f"<td>{who}</td></tr>")
        head = [(t("indicator"), "text"), (t("site_colour"), "num"), (t("status"), "text"),
                (t("latest"), None), (t("target"), None), (t("unit"), None),
                (t("department"), "text")]
        return _table(f"indicators-{table_id}", head, rows)

    def _item_table(self, rows: list[ItemRow], table_id: str, compact: bool = False) -> str:
        out = []
        for r in rows:
            late = (f'<span class="late-mark">{t("overdue")} {r.quarters_late}</span>'
                    if r.quarters_late else "")
            attrs = (f'data-leader="{esc(r.leader or "-")}" '
                     f'data-department="{esc(r.department or "-")}" '
                     f'data-state="{esc(r.state or "none")}" '
                     f'data-light="{r.light.value if r.light else "none"}"')
            klass = ' class="overdue"' if r.quarters_late else ""
            first = _item_link(r) if compact else esc(r.id)
            anchor = "" if compact else f' id="item-{esc(r.id)}"'  # one anchor per item
            cells = [f"<td{anchor}>{first}</td>",
                     f"<td>{esc(r.title)}</td>", f"<td>{_or_dash(r.leader)}</td>",
                     f"<td>{self._dept_link(r.department)}</td>"]
            if not compact:
                cells.append(f"<td>{_who(r)}</td>")
            cells += [f'<td data-value="{_STATE_RANK[r.state or "none"]}">'
                      f"{_state_words(r.state)}</td>", _light_cell(r.light),
                      f'<td class="num" data-value="{r.done}">{r.done}/{r.entries}</td>',
                      f'<td class="num" data-value="{r.quarters_late}">{late or "0"}'
                      + (f'<div class="muted">{"<br>".join(esc(e) for e in r.late_entries)}</div>'
                         if r.late_entries and not compact else "") + "</td>",
                      f"<td>{'<br>'.join(esc(c) for c in r.causes) or '—'}</td>",
                      f"<td>{'<br>'.join(esc(a) for a in r.actions) or '—'}</td>"]
            if not compact:
                cells.append(f"<td>{_or_dash(r.latest_update)}</td>")
            out.append(f"<tr{klass} {attrs}>{''.join(cells)}</tr>")
        head = [(t("id"), "text"), (t("item"), "text"), (t("leader"), "text"),
                (t("department"), "text")]
        if not compact:
            head.append((t("site_section_staff"), None))
        head += [(t("site_state"), "num"), (t("site_colour"), "num"),
                 (t("site_progress"), "num"), (t("site_late_by"), "num"),
                 (t("site_cause"), None), (t("site_action"), None)]
        if not compact:
            head.append((t("site_latest_update"), None))
        return _table(f"items-{table_id}", head, out)

    def ledger(self, lp: LedgerPage) -> str:
        if not lp.rows:
            body = f'<p class="muted">{t("site_no_items")}</p>'
            return self.page(f"ledger-{lp.id}.html", None, lp.title, body)

        def options(name: str, values: list[tuple[str, str | None]]) -> str:
            opts = [f'<option value="" {t_attrs("site_filter_all")}>'
                    f'{esc(label("site_filter_all", self.lang))}</option>']
            for value, key in values:
                if key:
                    opts.append(f'<option value="{esc(value)}" {t_attrs(key)}>'
                                f"{esc(label(key, self.lang))}</option>")
                else:
                    opts.append(f'<option value="{esc(value)}">{esc(value)}</option>')
            return f'<select name="{name}" data-testid="filter-{name}">{"".join(opts)}</select>'

        def people(attr: str) -> list[tuple[str, str | None]]:
            names = sorted({getattr(r, attr) for r in lp.rows if getattr(r, attr)})
            missing = any(getattr(r, attr) is None for r in lp.rows)
            return [(n, None) for n in names] + ([("-", "unassigned_group")] if missing else [])

        states = [s for s in _STATE_RANK if any((r.state or "none") == s for r in lp.rows)]
        lights = [k for k in _LIGHT_RANK if any((r.light.value if r.light else "none") == k
                                                for r in lp.rows)]
        bar = (f'<div class="filters" data-table="items-ledger">'
               f'<label>{t("leader")} {options("leader", people("leader"))}</label>'
               f'<label>{t("department")} {options("department", people("department"))}</label>'
               f'<label>{t("site_state")} '
               f'{options("state", [(s, "chart_no_colour" if s == "none" else s) for s in states])}'
               "</label>"
               f'<label>{t("site_colour")} '
               f'{options("light", [(k, "chart_no_colour" if k == "none" else k) for k in lights])}'
               "</label>"
               f'<span>{t("site_shown")} <b class="shown" data-testid="shown">{len(lp.rows)}</b> '
               f'{t("site_of")} {len(lp.rows)}</span></div>')
        declared = "?" if lp.declared is None else lp.declared
        lead = f'<p class="muted">{t("entered")}: {len(lp.rows)}/{declared}</p>'
        return self.page(f"ledger-{lp.id}.html", None, lp.title,
                         lead + bar + self._item_table(list(lp.rows), "ledger"), wide=True)

    def indicator_index(self) -> str:
        s = self.site
        body = (self._indicator_table(list(s.indicators), "all") if s.indicators
                else f'<p class="muted">{t("no_indicators")}</p>')
        return self.page("indicators.html", "site_indicators", "", body)

    def indicator(self, p: IndicatorPage) -> str:
        r, ind = p.row, p.indicator
        facts = [("status", f"{light_badge(p.chart.light)} "
                            f"{_both(lambda lang: status_text(r, lang))}"),
                 ("area", _or_dash(p.area_title)), ("unit", esc(r.unit)),
                 ("direction", t(f"direction_{r.direction.value}")),
                 ("measure", t(f"measure_{r.measure.value}")),
                 ("baseline", esc(f"{num(r.baseline.value)} ({r.baseline.period})")
                  if r.baseline else "—"),
                 ("latest", _both(lambda lang: latest_text(r, lang))),
                 ("expected", esc(num(r.expected))),
                 ("projected", _both(lambda lang: projection_text(r, lang))),
                 ("target", _target_words(r)),
                 ("wording", _or_dash(r.wording)), ("gap_target", esc(num(r.gap_to_target))),
                 ("missing_data", "、".join(t(f"missing_{m}") for m in r.missing) or "—"),
                 ("source", esc(ind.source))]
        if r.official is not None:  # the government's own statement, beside the computed one
            facts.append(("official_outcomes", _both(lambda lang: official_lines([r], lang)[0])))
        if ind.note:
            facts.append(("note", esc(ind.note)))
        table = "".join(f"<tr><th>{t(k)}</th><td>{v}</td></tr>" for k, v in facts)
        body = [f'<section class="card"><table class="facts">{table}</table></section>',
                f'<section class="card"><h2>{t("site_chart")}</h2>'
                + _chart(lambda lang: draw_indicator(p.chart, lang), f"c-{ind.id}",
                         "indicator-chart") + "</section>",
                f'<section class="card"><h2>{t("site_history")}</h2>']
        if p.history:
            rows = [f"<tr><td>{esc(h.period)}</td><td class=\"num\">{esc(num(h.value))}</td>"
                    f"<td class=\"num\">{esc(num(h.expected))}</td><td>{esc(h.source)}</td>"
                    f"<td>{_or_dash(h.cause)}</td><td>{_or_dash(h.action)}</td></tr>"
                    for h in p.history]
            head = [(t("period_col"), None), (t("value"), None), (t("on_trajectory"), None),
                    (t("source"), None), (t("site_cause"), None), (t("site_action"), None)]
            body.append(_table("history", head, rows, sortable=False))
        else:
            body.append(f'<p class="muted">{t("site_no_actuals")}</p>')
        body.append("</section>")
        if p.items:
            body.append(f'<section class="card"><h2>{t("linked_items")}</h2>'
                        + self._item_table(list(p.items), "linked", compact=True) + "</section>")
        return self.page(f"indicator-{ind.id}.html", None, f"{ind.name}", "".join(body))

    def department_index(self) -> str:
        rows = []
        for d in self.site.departments:
            sc = d.score
            numbers = (sc.items, sc.done_on_time, sc.done_late, sc.due, sc.overdue, sc.stale,
                       sc.off_track, len(d.red))
            rows.append(f"<tr><td>{self._dept_link(d.name)}</td>"
                        + "".join(f'<td class="num">{n}</td>' for n in numbers) + "</tr>")
        head = [(t("department"), "text")] + [(t(k), "num") for k in (
            "items", "done_on_time", "done_late", "due_now", "overdue_open", "stale_items",
            "off_track_indicators", "site_red_items")]
        body = (f'<p class="muted">{t("owners_hint")}</p>' + _table("departments", head, rows)
                if rows else f'<p class="muted">{t("nobody")}</p>')
        return self.page("departments.html", "site_departments", "", body)

    def department(self, d: DepartmentPage) -> str:
        sc = d.score
        facts = [(k, getattr(sc, attr)) for k, attr in (
            ("items", "items"), ("done_on_time", "done_on_time"), ("done_late", "done_late"),
            ("due_now", "due"), ("overdue_open", "overdue"), ("stale_items", "stale"),
            ("off_track_indicators", "off_track"))]
        cells = "".join(f"<div><span class=\"big\">{v}</span>{t(k)}</div>" for k, v in facts)
        body = [f'<section class="card"><h2>{t("site_scorecard")}</h2>'
                f'<div class="counts">{cells}</div></section>',
                f'<section class="card"><h2>{t("site_red_items")}</h2>'
                + (self._item_table(list(d.red), "red", compact=True) if d.red
                   else f'<p class="muted">{t("site_nothing_late")}</p>') + "</section>",
                f'<section class="card"><h2>{t("site_all_items")}</h2>'
                + self._item_table(list(d.items), "all") + "</section>"]
        name = d.name if d.name is not None else label("unassigned_group", self.lang)
        return self.page(f"{d.slug}.html", None, name, "".join(body), wide=True)

    def gaps(self) -> str:
        s = self.site
        lines = [label(f"gap_{g.kind}", "zh", count=g.count, scope=g.scope or "")
                 for g in s.status.gaps]
        items = "".join(f"<li>{t(f'gap_{g.kind}', count=g.count, scope=g.scope or '')}</li>"
                        for g in s.status.gaps)
        body = [f'<p>{t("site_gaps_lead")}</p>',
                f'<section class="card"><h2>{t("gaps")}</h2>'
                + (f'<ul class="gaps" data-testid="gap-list">{items}</ul>' if lines
                   else f'<p class="muted">{t("site_no_gaps")}</p>') + "</section>",
                f'<section class="card"><h2>{t("site_completeness")}</h2>{self._completeness()}'
                "</section>",
                f'<section class="card"><h2>{t("site_ledger_completeness")}</h2>'
                f"{self._ledger_summary()}</section>"]
        missing = [p for p in s.indicators if p.row.missing]
        if missing:
            rows = [f"<tr><td><a href=\"indicator-{esc(p.row.id)}.html\">{esc(p.row.name)}</a>"
                    f"</td><td>{'、'.join(t(f'missing_{m}') for m in p.row.missing)}</td>"
                    f"<td>{_or_dash(p.indicator.note)}</td></tr>" for p in missing]
            head = [(t("indicator"), "text"), (t("missing_data"), "text"), (t("note"), None)]
            body.append(f'<section class="card"><h2>{t("site_missing_by_indicator")}</h2>'
                        + _table("missing", head, rows) + "</section>")
        return self.page("gaps.html", "site_gaps", "", "".join(body))


def _both(text_of: Callable[[str], str]) -> str:
    """Text a report renderer words per language, in both languages."""
    return "".join(f'<span class="t" lang="{_lang_tag(lang)}">{esc(text_of(lang))}</span>'
                   for lang in LANGS)


def _target_words(row) -> str:
    """The target as ``plan gaps`` words it (about 2.8 (2025), 不低于60 (2025), …)."""
    return _both(lambda lang: target_text(row, lang))


def render_site(site: Site, lang: str, revision: tuple[str, bool] | None) -> dict[str, str]:
    """Every page of the site, ``{file name: html}``."""
    return Writer(site, lang, revision).pages()
