"""One way to print every report: a :class:`View` of plain tables, in four formats.

A report's renderer turns its dataclass into a View (translated words, formatted
numbers) and a JSON dict; this module prints the View as a rich table, Markdown
or CSV, so the formats cannot drift apart between reports.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import sys
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .safe import md_cell, visible

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
    name: str | None = None  # CSV: the table's name for --table and its file (due-NAME.csv)


@dataclass(frozen=True)
class View:
    title: str
    header: list[str]  # lines under the title: plan, as-of date, data folder
    grids: list[Grid]
    notes: list[str] = field(default_factory=list)  # printed at the end
    empty: str | None = None  # said instead of a table without rows
    csv_grid: Grid | None = None  # one flat table for CSV, when the grids are groups
    # CSV tables for spreadsheets: numbers alone in their own columns, one table a file.
    # (or a function making them, for a table too large to build unless it is asked for)
    csv_tables: list[Grid] | Callable[[], list[Grid]] = field(default_factory=list)
    chart: list[str] = field(default_factory=list)  # preformatted lines (table, markdown)
    banner: str | None = None  # the synthetic-data banner, above everything


def render_table(view: View, console: Console) -> None:
    for line in [*([view.banner] if view.banner else []), view.title, *view.header]:
        console.print(_wrapped(line, console.width), markup=False)
    for grid in view.grids:
        console.print()
        if not grid.rows:
            if grid.title:
                console.print(_wrapped(grid.title, console.width), markup=False)
            console.print(f"  {view.empty or '—'}", markup=False)
            continue
        # Control characters shown visibly (\x1b) before measuring: that is what prints.
        rows = [[visible(cell) for cell in row] for row in grid.rows]
        widths = column_widths([grid.head, *rows], console.width)
        # When even the unbreakable pieces do not fit (many English columns on a narrow
        # screen), rich folds the cells to the screen as before: the table never runs
        # past the screen, but a word may then be split.
        fits = sum(widths) + table_overhead(len(widths)) <= console.width
        if not print_grid(console, grid, rows, widths if fits else None):
            _rich_grid(console, grid, rows, widths, fits)
        for note in grid.notes:
            console.print(_wrapped(f"  {note}", console.width), markup=False)
    if view.chart:
        console.print()
    for line in view.chart:
        console.print(line, markup=False, highlight=False)
    if view.notes:
        console.print()
    for note in view.notes:
        console.print(_wrapped(note, console.width), markup=False)


def _rich_grid(console: Console, grid: Grid, rows: list[list[str]], widths: list[int],
               fits: bool) -> None:
    """The grid through rich's Table: for a table too wide for the screen (rich folds
    its cells) and the rare console :func:`print_grid` cannot stand in for."""
    title = Text(_wrapped(visible(grid.title), console.width)) if grid.title else None
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                  show_header=grid.show_head)
    for i, name in enumerate(grid.head):
        table.add_column(_wrapped(name, widths[i]) if fits else name,
                         justify="right" if i in grid.right else "left",
                         overflow="fold", width=widths[i] if fits else None)
    for row in rows:
        # Text, not markup: data may hold brackets ("[OFF]", ids) rich would eat.
        table.add_row(*(Text(_wrapped(cell, widths[i]) if fits else cell)
                        for i, cell in enumerate(row)))
    console.print(table)


def print_grid(console: Console, grid: Grid, rows: list[list[str]],
               widths: list[int] | None) -> bool:
    """Print a grid as rich's SIMPLE_HEAD table (no edge padding) printed it, byte for
    byte and escape code for escape code, without rich's per-cell layout (≈0.1 ms a
    cell: half an hour for a 30,000-item ``plan due``).

    ``widths`` are the columns :func:`column_widths` chose when the table fits; None
    when it does not, and the cells are folded to the screen as rich folds them (its
    column widths, its line breaking, a word split where it must be).

    The lines are laid out here: the title, the header (bold on a terminal, aligned to
    the bottom), the rule, the rows (number columns to the right, multi-line cells
    aligned to the top), blank edge lines above and below. False, with nothing
    printed, where rich would lay the table out differently (a line rich measures wider
    than its column, a tab, an ASCII-only or legacy Windows console, styled header
    markup): the caller then prints it through rich."""
    from rich.cells import cell_len

    if console.legacy_windows or console.options.ascii_only:
        return False
    count = len(grid.head)
    right = grid.right
    left_pad = [""] + [" "] * (count - 1)
    right_pad = [" "] * (count - 1) + [""]
    heads = []
    for i, name in enumerate(grid.head):
        # The header is a string to rich: read as the console reads strings.
        text = console.render_str(_wrapped(name, widths[i]) if widths else name)
        if text.spans or text.style:
            return False
        heads.append(text.plain)
    if widths is None:
        widths = _folded_widths([heads] * grid.show_head + rows, console.width)
        if widths is None:
            return False
        lines_of = head_lines_of = _folded_lines
    else:
        lines_of = _fitting_lines
        head_lines_of = functools.partial(_fitting_lines, wrap=False)  # wrapped above
    blank = [" " * (widths[i] + len(left_pad[i]) + len(right_pad[i])) for i in range(count)]
    table_width = sum(widths) + table_overhead(count)

    head: list[list[tuple[str, bool]]] = []  # lines of (text, in the header style)
    if grid.show_head:
        cells = []
        for i, name in enumerate(heads):
            lines = head_lines_of(name, widths[i], i in right, cell_len)
            if lines is None:
                return False
            cells.append(lines)
        height = max(len(c) for c in cells)
        for k in range(height):
            pieces = [(" ", False)]
            for i, lines in enumerate(cells):
                at = k - (height - len(lines))  # a header cell sits at the bottom
                if i:
                    pieces.append((" ", False))
                if at < 0:
                    pieces.append((blank[i], True))
                    continue
                if left_pad[i]:
                    pieces.append((left_pad[i], True))
                pieces.append((lines[at], True))
                if right_pad[i]:
                    pieces.append((right_pad[i], True))
            pieces.append((" ", False))
            head.append(pieces)
    body: list[str] = []
    numbers = [i in right for i in range(count)]
    laid: dict[tuple[str, int], list[str] | None] = {}  # cells repeat: 2023Q1, red, owners
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            lines = laid.get((cell, i), laid)
            if lines is laid:  # the cell's lines with their padding
                lines = lines_of(cell, widths[i], numbers[i], cell_len)
                if lines is not None:
                    lines = [left_pad[i] + line + right_pad[i] for line in lines]
                laid[cell, i] = lines
            if lines is None:
                return False
            cells.append(lines)
        height = max(map(len, cells))
        if height == 1:
            body.append(" " + " ".join(lines[0] for lines in cells) + " ")
            continue
        cells = [lines if len(lines) == height else lines + [blank[i]] * (height - len(lines))
                 for i, lines in enumerate(cells)]
        body.extend(" " + " ".join(parts) + " " for parts in zip(*cells))
    edge = " " * table_width
    title = Text(_wrapped(visible(grid.title), console.width)) if grid.title else None
    if title:  # a title of spaces wraps to nothing: rich shows none
        console.print(_Title(title, table_width))
    rule = [" " + "─" * (table_width - 2) + " "] if grid.show_head else []
    _write(console, head, [edge], [*rule, *body, edge])
    return True


def _fitting_lines(text: str, size: int, right: bool, cell_len,
                   wrap: bool = True) -> list[str] | None:
    """A cell that fits, wrapped by :func:`_wrapped` (unless already): its lines
    justified to ``size``; None when rich would fold or expand one (it measures it
    wider, a tab)."""
    if "\t" in text:
        return None
    out = []
    for line in (_wrapped(text, size) if wrap else text).split("\n"):
        used = cell_len(line)
        if used > size:
            return None
        out.append(" " * (size - used) + line if right else line + " " * (size - used))
    return out


_TRAILING_SPACE = re.compile(r"\s+$")


def _folded_lines(text: str, size: int, right: bool, cell_len) -> list[str] | None:
    """A cell's lines as rich's Text wraps them with ``overflow="fold"`` (words longer
    than the column split), justified to ``size``."""
    from rich._wrap import divide_line
    from rich.cells import set_cell_size

    if "\t" in text:
        return None
    out = []
    for line in text.split("\n"):
        cuts = divide_line(line, size, fold=True) if cell_len(line) > size else []
        for start, stop in zip([0, *cuts], [*cuts, len(line)]):
            piece = line[start:stop]
            if len(piece) > size:  # rich drops the spaces a line has beyond its size
                spaces = _TRAILING_SPACE.search(piece)
                if spaces:
                    piece = piece[:len(piece) - min(len(spaces.group()), len(piece) - size)]
            if right:
                piece = piece.rstrip()
            used = cell_len(piece)
            if used > size:  # rich crops what is still too wide ("态环境局 " to 8 columns)
                piece = set_cell_size(piece, size)
                used = cell_len(piece)
            out.append(" " * (size - used) + piece if right else piece + " " * (size - used))
    return out


def _folded_widths(rows: list[list[str]], total: int) -> list[int] | None:
    """The column widths (without padding) rich's Table gives cells it may fold: each
    column as wide as its widest line, the widest columns narrowed until the table fits
    ``total``. None where a column would be too narrow to hold a character."""
    from rich._ratio import ratio_reduce
    from rich.cells import cell_len

    count = len(rows[0])
    pads = [(i > 0) + (i < count - 1) for i in range(count)]
    widest = [max((cell_len(line) for row in rows for line in row[i].splitlines()), default=0)
              for i in range(count)]
    room = total - (count + 1)  # the edges and the dividers

    def measured(i: int, limit: int) -> int:  # rich's Measurement of the column, its maximum
        if limit < 1:
            return 0
        if limit - pads[i] < 1:
            return limit
        return min(min(widest[i], limit) + pads[i], limit)

    widths = [measured(i, room) or 1 for i in range(count)]
    if sum(widths) > room:
        widths = Table._collapse_widths(widths, [True] * count, room)
        if sum(widths) > room:
            widths = ratio_reduce(sum(widths) - room, [1] * count, widths, widths)
        widths = [measured(i, w) or 0 for i, w in enumerate(widths)]
    content = [w - pads[i] for i, w in enumerate(widths)]
    return content if min(content) >= 1 else None


class _Title:
    """A table's title as rich's Table prints it: left-justified across the table."""

    def __init__(self, text: Text, width: int):
        self.text, self.width = text, width

    def __rich_console__(self, console, options):
        return console.render(self.text, options.update(width=self.width, highlight=False,
                                                        height=None, justify="left"))


def _write(console: Console, head: list[list[tuple[str, bool]]], before: list[str],
           after: list[str]) -> None:
    """Print ``before``, the header lines and ``after``: straight to the console's file
    when rich would write there unchanged (its header style's escape codes around each
    styled piece, as rich emits them), else as segments through rich (recording,
    capturing, a quiet console)."""
    from rich.segment import Segment

    style = console.get_style("table.header")
    direct = (not console.record and not console.quiet and not console.is_jupyter
              and getattr(console, "_buffer_index", None) == 0)
    if not direct:
        class Lines:
            def __rich_console__(self, console, options):
                for line in before:
                    yield Segment(line)
                    yield Segment.line()
                for pieces in head:
                    yield from (Segment(t, style if styled else None) for t, styled in pieces)
                    yield Segment.line()
                for line in after:
                    yield Segment(line)
                    yield Segment.line()

        console.print(Lines())
        return
    with console.capture() as captured:
        console.print(Text("x", style=style), end="")
    start, end = captured.get().split("x")
    text = "".join(line + "\n" for line in before)
    text += "".join("".join(start + t + end if styled and start else t for t, styled in pieces)
                    + "\n" for pieces in head)
    try:
        console.file.write(text)
        write = console.file.write
        for at in range(0, len(after), 4096):  # in pieces: a 30,000-row report is megabytes
            write("".join(line + "\n" for line in after[at:at + 4096]))
        console.file.flush()
    except BrokenPipeError:
        console.on_broken_pipe()


def table_overhead(count: int) -> int:
    """Columns a rich SIMPLE_HEAD table without edge padding adds to its cells: one
    space each side of a cell (not at the edges), a separator between cells, two edges."""
    return 3 * count - 1 if count else 0


def column_widths(rows: list[list[str]], total: int) -> list[int]:
    """Widths for a table's columns within ``total`` columns on screen.

    Each column gets its widest cell when that fits; otherwise the widest
    columns give way, but never below their longest unbreakable piece (a
    number, an id, a Latin word, 不低于40), so wrapping never splits one.
    """
    from ..textwidth import longest_token, width

    count = max((len(r) for r in rows), default=0)
    natural = [max((width(line) for r in rows if i < len(r) for line in r[i].split("\n")),
                   default=1) or 1 for i in range(count)]
    least = [max((longest_token(r[i]) for r in rows if i < len(r)), default=1) or 1
             for i in range(count)]
    widths = list(natural)
    room = total - table_overhead(count)
    excess = sum(widths) - room
    while excess > 0:
        shrinkable = [i for i in range(count) if widths[i] > least[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        others = [widths[i] for i in shrinkable if i != widest]
        step = min(excess, widths[widest] - least[widest],
                   max(1, widths[widest] - max(others, default=0)))
        widths[widest] -= step
        excess -= step
    return widths


def _wrapped(cell: str, columns: int) -> str:
    from ..textwidth import wrap

    return "\n".join(line for part in cell.split("\n") for line in wrap(part, columns))


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


class CsvTables(Exception):
    """CSV holds one table a file: the report has several, or not the one asked for."""

    def __init__(self, names: list[str], asked: str | None = None) -> None:
        super().__init__(", ".join(names))
        self.names, self.asked = names, asked


def csv_tables(view: View) -> list[Grid]:
    """The report's CSV tables, each with a name (``table1``… when it has none)."""
    made = view.csv_tables() if callable(view.csv_tables) else view.csv_tables
    grids = made or ([view.csv_grid] if view.csv_grid else view.grids)
    return [g if g.name else Grid(g.title, g.head, g.rows, g.right, g.notes, g.show_head,
                                  f"table{i}") for i, g in enumerate(grids, 1)]


def pick_tables(view: View, table: str | None, several_ok: bool = False) -> list[Grid]:
    """The table ``--table`` names, or the only one; several only where they go to files."""
    tables = csv_tables(view)
    names = [g.name for g in tables]
    if table is not None:
        chosen = [g for g in tables if g.name == table]
        if not chosen:
            raise CsvTables(names, table)
        return chosen
    if len(tables) > 1 and not several_ok:
        raise CsvTables(names)
    return tables


# OWASP's CSV-injection rule: a cell a spreadsheet would read as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][+-]?\d+)?$")


def inert(cell: str) -> str:
    """A cell made inert: one starting with = + - @ tab or CR gets a leading ', so
    ``=HYPERLINK(…)`` stays text. A plain number (-0.5) cannot be a formula and stays
    a number."""
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(cell):
        return "'" + cell
    return cell


def render_csv(view: View, table: str | None = None) -> str:
    """One table: its header row and rows, every cell inert (see :func:`inert`)."""
    return grid_csv(pick_tables(view, table)[0])


def grid_csv(grid: Grid) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([inert(str(c)) for c in grid.head])
    writer.writerows([inert(str(c)) for c in row] for row in grid.rows)
    return buffer.getvalue()


def csv_number(value: float | int | None) -> str:
    """A number for a spreadsheet: no thousands separator, no unit, blank when unknown."""
    if value is None:
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return "0" if text in ("-0", "") else text


def write_file(path, data: bytes) -> None:
    """Write an output file as these bytes, atomically (the one atomic writer), with
    the permissions a new file gets from the umask."""
    import os
    from pathlib import Path

    from ..edit.safefile import atomic_write

    path = Path(path)
    existed = path.exists()
    atomic_write(path, data)
    if not existed:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(path, 0o666 & ~umask)


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
    from .. import with_tool_version

    return json.dumps(with_tool_version(data), ensure_ascii=False, indent=2)



def banner_lines(synthetic: bool, lang: str) -> list[str]:
    """The 示例数据 / SYNTHETIC banner (one line) for a plan marked synthetic, else none."""
    from .labels import label

    return [label("synthetic_banner", lang)] if synthetic else []


def emit(fmt: str, view_fn, data_fn, console_fn, synthetic: bool = False,
         lang: str = "en", output=None, table: str | None = None) -> None:
    """Print one report in ``fmt``, or write it to ``output`` as UTF-8 bytes (CSV with a
    BOM; several CSV tables to one file each, ``OUT-NAME.csv``); the view and the JSON
    dict are built only when needed.

    A synthetic plan's table and Markdown carry the banner, its JSON ``"synthetic": true``
    (CSV stays a bare table for spreadsheets).
    """
    if synthetic:
        from dataclasses import replace

        plain_view, plain_data = view_fn, data_fn
        banner = banner_lines(True, lang)[0]
        view_fn = lambda: replace(plain_view(), banner=banner)  # noqa: E731
        data_fn = lambda: plain_data() | {"synthetic": True}  # noqa: E731
    if fmt == "csv":
        tables = pick_tables(view_fn(), table, several_ok=output is not None)
        if output is None:
            write_csv(grid_csv(tables[0]))
        elif len(tables) == 1:
            write_file(output, ("\ufeff" + grid_csv(tables[0])).encode("utf-8"))
        else:
            from pathlib import Path

            out = Path(output)
            for grid in tables:
                write_file(out.with_name(f"{out.stem}-{grid.name}{out.suffix or '.csv'}"),
                           ("\ufeff" + grid_csv(grid)).encode("utf-8"))
        return
    if output is None:
        if fmt == "json":
            print(render_json(data_fn()))
        elif fmt == "markdown":
            print(render_markdown(view_fn()))
        else:
            render_table(view_fn(), console_fn())
        return
    if fmt == "json":
        text = render_json(data_fn()) + "\n"
    elif fmt == "markdown":
        text = render_markdown(view_fn()) + "\n"
    else:
        buffer = io.StringIO()
        render_table(view_fn(), Console(file=buffer, width=120, highlight=False,
                                        soft_wrap=False, color_system=None))
        text = buffer.getvalue()
    write_file(output, text.encode("utf-8"))


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
