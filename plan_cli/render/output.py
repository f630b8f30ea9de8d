"""One way to print every report: a :class:`View` of plain tables, in four formats.

A report's renderer turns its dataclass into a View (translated words, formatted
numbers) and a JSON dict; this module prints the View as a rich table, Markdown
or CSV, so the formats cannot drift apart between reports.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass, field
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .safe import csv_cell, md_cell, visible

FORMATS = ("table", "json", "markdown", "csv")


@dataclass(frozen=True)
class Grid:
    """One table: a title, column heads, rows of text; ``right`` columns are numbers."""

    title: str | None
    head: list[str]
    rows: list[list[str]]
    right: frozenset[int] = frozenset()
    notes: list[str] = field(default_factory=list)  # printed under the table
    show_head: bool = True  # False: a two-column list of fields and values


@dataclass(frozen=True)
class View:
    title: str
    header: list[str]  # lines under the title: plan, as-of date, data folder
    grids: list[Grid]
    notes: list[str] = field(default_factory=list)  # printed at the end
    empty: str | None = None  # said instead of a table without rows
    csv_grid: Grid | None = None  # one flat table for CSV, when the grids are groups
    chart: list[str] = field(default_factory=list)  # preformatted lines (table, markdown)
    banner: str | None = None  # the synthetic-data banner, above everything


def render_table(view: View, console: Console) -> None:
    for line in [*([view.banner] if view.banner else []), view.title, *view.header]:
        console.print(line, markup=False)
    for grid in view.grids:
        console.print()
        if not grid.rows:
            if grid.title:
                console.print(grid.title, markup=False)
            console.print(f"  {view.empty or '—'}", markup=False)
            continue
        table = Table(title=Text(visible(grid.title)) if grid.title else None, title_justify="left",
                      box=box.SIMPLE_HEAD, pad_edge=False, show_header=grid.show_head)
        for i, name in enumerate(grid.head):
            table.add_column(name, justify="right" if i in grid.right else "left",
                             overflow="fold")
        for row in grid.rows:
            # Text, not markup: data may hold brackets ("[OFF]", ids) rich would eat.
            table.add_row(*(Text(visible(cell)) for cell in row))
        console.print(table)
        for note in grid.notes:
            console.print(f"  {note}", markup=False)
    if view.chart:
        console.print()
    for line in view.chart:
        console.print(line, markup=False, highlight=False)
    if view.notes:
        console.print()
    for note in view.notes:
        console.print(note, markup=False)


def render_markdown(view: View) -> str:
    out = [f"# {md_cell(view.title)}", ""]
    if view.banner:
        out += [f"> **{md_cell(view.banner)}**", ""]
    out += [f"- {md_cell(line)}" for line in view.header]
    for grid in view.grids:
        out.append("")
        if grid.title:
            out += [f"## {md_cell(grid.title)}", ""]
        if not grid.rows:
            out.append(view.empty or "—")
            continue
        out.append("| " + " | ".join(map(md_cell, grid.head)) + " |")
        out.append("|" + "|".join("---:" if i in grid.right else "---"
                                  for i in range(len(grid.head))) + "|")
        out += ["| " + " | ".join(map(md_cell, row)) + " |" for row in grid.rows]
        out += [""] + [f"- {md_cell(n)}" for n in grid.notes] if grid.notes else []
    if view.chart:
        out += ["", "```", *map(visible, view.chart), "```"]
    if view.notes:
        out += [""] + [f"- {md_cell(n)}" for n in view.notes]
    return "\n".join(out)


def render_csv(view: View) -> str:
    """Header row and rows of each table; several tables are separated by a blank line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for i, grid in enumerate([view.csv_grid] if view.csv_grid else view.grids):
        if i:
            writer.writerow([])
        writer.writerow(map(csv_cell, grid.head))
        writer.writerows(map(csv_cell, row) for row in grid.rows)
    return buffer.getvalue()


def write_csv(text: str, stream: TextIO | None = None) -> None:
    """Write CSV as UTF-8 with a byte-order mark, whatever the console's code page.

    Excel on Windows opens a CSV without a BOM in the local ANSI code page
    (GBK on Chinese Windows) and garbles every Chinese character; the BOM makes
    it read UTF-8. Bytes go straight to the binary stream so that a redirect
    (``plan due --format csv > due.csv``) is UTF-8 even where stdout is not.
    """
    stream = stream or sys.stdout
    data = ("\ufeff" + text).encode("utf-8")
    binary = getattr(stream, "buffer", None)
    if hasattr(stream, "isatty") and stream.isatty():
        stream.write(text)  # shown, not saved: the console's own encoding draws it right
    elif binary is not None:
        stream.flush()
        binary.write(data)
        binary.flush()
    else:  # a text-only stream (tests, StringIO)
        stream.write("\ufeff" + text)


def render_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def banner_lines(synthetic: bool, lang: str) -> list[str]:
    """The 示例数据 / SYNTHETIC banner (one line) for a plan marked synthetic, else none."""
    from .labels import label

    return [label("synthetic_banner", lang)] if synthetic else []


def emit(fmt: str, view_fn, data_fn, console_fn, synthetic: bool = False,
         lang: str = "en") -> None:
    """Print one report in ``fmt``; the view and the JSON dict are built only when needed.

    A synthetic plan's table and Markdown carry the banner, its JSON ``"synthetic": true``
    (CSV stays a bare table for spreadsheets).
    """
    if synthetic:
        from dataclasses import replace

        plain_view, plain_data = view_fn, data_fn
        banner = banner_lines(True, lang)[0]
        view_fn = lambda: replace(plain_view(), banner=banner)  # noqa: E731
        data_fn = lambda: plain_data() | {"synthetic": True}  # noqa: E731
    if fmt == "json":
        print(render_json(data_fn()))
    elif fmt == "markdown":
        print(render_markdown(view_fn()))
    elif fmt == "csv":
        write_csv(render_csv(view_fn()))
    else:
        render_table(view_fn(), console_fn())


def num(value: float | None) -> str:
    """A number as people write it: at most two decimals, no trailing zeros; — when unknown."""
    if value is None:
        return "—"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def share(value: float | None) -> str:
    """A share as a percentage with one decimal (0.0833 -> 8.3%)."""
    return "—" if value is None else f"{value * 100:.1f}%".replace("-0.0%", "0.0%")


def header(as_of, quarter, final: bool, data_label: str, lang: str, filters=None) -> list[str]:
    """The lines under a report's title: as-of date and quarter, data folder, filters."""
    from .labels import label

    when = f"{as_of.isoformat()} ({quarter})"
    if final:
        when += f" — {label('final', lang)}"
    lines = [f"{label('as_of', lang)}: {when}", f"{label('data', lang)}: {data_label}"]
    return lines + filter_lines(filters, lang)


def filter_lines(filters, lang: str) -> list[str]:
    """``Filters: --area x --status y`` when any filter was given."""
    from .labels import label

    if filters is None:
        return []
    asked = [f"--{option} {v}" for option, values in filters_dict(filters).items()
             for v in values]
    return [f"{label('filters', lang)}: {' '.join(asked)}"] if asked else []


def filters_dict(filters) -> dict:
    """Filters as they appear in JSON output."""
    return {"area": list(filters.areas), "ledger": list(filters.ledgers),
            "department": list(filters.departments), "leader": list(filters.leaders),
            "status": list(filters.statuses)}
