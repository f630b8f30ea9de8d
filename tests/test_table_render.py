"""The plain table renderer (``output.print_grid``) prints what rich's Table printed.

``render_table`` lays report tables out itself: rich's Table costs ≈0.1 ms a cell, so a
30,000-row ``plan due`` took half an hour. Its output must stay byte-identical to what
rich printed for every table that fits, piped and on a terminal (bold header escape
codes), in Chinese and English, at any width. The reference below builds the rich table
exactly as ``render_table`` did before, and hypothesis compares the two on random grids.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from plan_cli.render import output
from plan_cli.render.console import SafeConsole, make_console
from plan_cli.render.output import Grid, View, column_widths, render_table, table_overhead
from plan_cli.render.safe import visible


def reference(view: View, console: Console) -> None:
    """``render_table`` as it was: every grid through rich's Table."""
    wrapped = output._wrapped
    for line in [*([view.banner] if view.banner else []), view.title, *view.header]:
        console.print(wrapped(line, console.width), markup=False)
    for grid in view.grids:
        console.print()
        if not grid.rows:
            if grid.title:
                console.print(wrapped(grid.title, console.width), markup=False)
            console.print(f"  {view.empty or '—'}", markup=False)
            continue
        title = Text(wrapped(visible(grid.title), console.width)) if grid.title else None
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                      show_header=grid.show_head)
        rows = [[visible(cell) for cell in row] for row in grid.rows]
        widths = column_widths([grid.head, *rows], console.width)
        fits = sum(widths) + table_overhead(len(widths)) <= console.width
        for i, name in enumerate(grid.head):
            table.add_column(wrapped(name, widths[i]) if fits else name,
                             justify="right" if i in grid.right else "left",
                             overflow="fold", width=widths[i] if fits else None)
        for row in rows:
            table.add_row(*(Text(wrapped(cell, widths[i]) if fits else cell)
                            for i, cell in enumerate(row)))
        console.print(table)
        for note in grid.notes:
            console.print(wrapped(f"  {note}", console.width), markup=False)
    if view.chart:
        console.print()
    for line in view.chart:
        console.print(line, markup=False, highlight=False)
    if view.notes:
        console.print()
    for note in view.notes:
        console.print(wrapped(note, console.width), markup=False)


# The consoles reports print on: piped (trailing spaces dropped), a colour terminal,
# a terminal with NO_COLOR, the plain console of --output, and a recording one (the
# segments path).
def _piped(width):
    buffer = io.StringIO()
    return make_console(file=buffer, width=width), buffer


def _terminal(width, color="256"):
    buffer = io.StringIO()
    return SafeConsole(file=buffer, width=width, force_terminal=True, color_system=color,
                       highlight=False, soft_wrap=False, markup=False, emoji=False), buffer


def _no_color(width):
    buffer = io.StringIO()
    return SafeConsole(file=buffer, width=width, force_terminal=True, no_color=True,
                       highlight=False, soft_wrap=False, markup=False, emoji=False), buffer


def _output_file(width):
    buffer = io.StringIO()
    return Console(file=buffer, width=width, highlight=False, soft_wrap=False,
                   color_system=None), buffer


def _recording(width):
    buffer = io.StringIO()
    return SafeConsole(file=buffer, width=width, force_terminal=True, record=True,
                       highlight=False, soft_wrap=False, markup=False, emoji=False), buffer


CONSOLES = {"piped": _piped, "terminal": _terminal, "no_color": _no_color,
            "output_file": _output_file, "recording": _recording}


def printed(render, view: View, kind: str, width: int) -> str:
    console, buffer = CONSOLES[kind](width)
    render(view, console)
    console.file.flush()
    return buffer.getvalue()


# Cell text: Chinese words, Latin words and ids, numbers, full-width punctuation,
# brackets rich markup would eat, control characters, spaces and line breaks.
_PIECES = st.sampled_from([
    "市发展改革委", "科技局", "高新技术企业", "培育", "计划季度", "整改措施", "研发", "威海",
    "PT-001", "rd-intensity", "overdue", "Corrective", "action", "the", "2024Q2", "2,345.5",
    "100", "7", "0.83%", "，", "。", "、", "（", "）", "《", "》", "“", "”", "：", "；", "—",
    "·", "[OFF]", "[/]", "[bold]x[/bold]", "\x1b[31m", "\u202e", " ", "  ", "\n", "\u3000", "e\u0301", "\u200b", "😀", "\t", "ｱ", "Ω", "\u00ad",
])
CELL = st.lists(_PIECES, max_size=8).map("".join)
NUMBER = st.one_of(st.integers(-10_000, 10_000_000).map(lambda n: f"{n:,}"),
                   st.sampled_from(["—", "", "12.5%", "0"]))


@st.composite
def grids(draw):
    count = draw(st.integers(1, 10))
    right = frozenset(i for i in range(count) if draw(st.booleans()))
    # Column heads are the catalog's words; "[/]" is kept out because the --output
    # console reads a head as markup and rich refuses it (before and after alike).
    head = [draw(st.lists(_PIECES.filter(lambda p: p not in ("\n", "[/]")),
                          min_size=1, max_size=3).map("".join)) for _ in range(count)]
    rows = draw(st.lists(st.lists(st.one_of(CELL, NUMBER), min_size=count, max_size=count)
                         .map(lambda r: [c if i not in right else c for i, c in enumerate(r)]),
                         min_size=1, max_size=6))
    title = draw(st.one_of(st.none(), CELL))
    notes = draw(st.lists(CELL, max_size=2))
    return Grid(title, head, rows, right, notes, show_head=draw(st.booleans()))


@settings(max_examples=200, deadline=None, phases=[Phase.explicit, Phase.generate, Phase.shrink],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(grid=grids(), width=st.integers(40, 200), kind=st.sampled_from(sorted(CONSOLES)))
def test_plain_renderer_prints_what_rich_printed(grid, width, kind):
    view = View("标题 Title", ["截至: 2024-06-30", "Data: data"], [grid], notes=["说明 note"])
    rows = [[visible(c) for c in row] for row in grid.rows]
    widths = column_widths([grid.head, *rows], width)
    event("fits" if sum(widths) + table_overhead(len(widths)) <= width else "folded by rich")
    assert printed(render_table, view, kind, width) == printed(reference, view, kind, width)


def _due_like(rows: int) -> Grid:
    head = ["事项", "名称", "计划季度", "节点成果", "责任", "亮灯", "状态", "逾期季度", "原因", "整改措施"]
    body = [[f"PT-{n:03d}", "培育高新技术企业", "2024Q2", "认定高新技术企业 40 家",
             "市科技局 / 高新技术科 / 李副市长", "红灯", "已延期 · 逾期 2 个季度", str(n % 9),
             "资金未到位\n审批延后", ""] for n in range(rows)]
    return Grid("市科技局:共3项,逾期2项", head, body, frozenset({7}), ["注:数据截至季末"])


def _due_like_en(rows: int) -> Grid:
    head = ["Item", "Title", "Quarter", "Deliverable", "Owners", "Light", "Status",
            "Quarters late", "Cause", "Corrective action"]
    body = [[f"KI-{n:05d}", "Build the high-end equipment cluster", "2023Q1",
             "Implementation plan", "City agriculture bureau / Coordination", "red",
             "in progress · overdue 15 quarters · stale", str(n), "Funds late", ""]
            for n in range(rows)]
    return Grid("City agriculture bureau — entries: 916, overdue: 916", head, body,
                frozenset({7}))


def _refuse(*args):
    raise AssertionError("rich's Table was used where the plain renderer should lay out")


@pytest.mark.parametrize("kind", sorted(CONSOLES))
@pytest.mark.parametrize("width", [60, 80, 100, 160])
@pytest.mark.parametrize("grid", [_due_like(5), _due_like_en(4)], ids=["zh", "en"])
def test_a_due_table_takes_the_plain_path_and_matches(kind, width, grid, monkeypatch):
    """A report-shaped table (Chinese: fits; English: folded below 160 columns) is laid
    out by print_grid, not by rich's Table, and prints the same."""
    view = View("2024Q2到期及逾期事项", ["截至: 2024-06-30 (2024Q2)"], [grid])
    expected = printed(reference, view, kind, width)

    monkeypatch.setattr(output, "_rich_grid", _refuse)
    assert printed(render_table, view, kind, width) == expected


def test_the_terminal_header_is_bold_and_the_pipe_is_plain():
    """What a user sees: bold column heads on a terminal, no escape codes in a pipe."""
    view = View("T", [], [_due_like(2)])
    on_terminal = printed(render_table, view, "terminal", 160)
    assert "\x1b[1m事项" in on_terminal and "\x1b[1m计划季度" in on_terminal
    assert "\x1b" not in printed(render_table, view, "piped", 160)
    assert all(line == line.rstrip() for line in printed(render_table, view, "piped", 160).split("\n"))


def test_data_stays_harmless_on_the_plain_path():
    """Escape sequences and markup in data print as visible text, not as codes."""
    grid = Grid("[bold]title\x1b[2J", ["id", "名称"], [["\x1b]0;pwned\x07", "[link=x]y[/link]"]])
    out = printed(render_table, View("T", [], [grid]), "terminal", 100)
    assert "\\x1b]0;pwned\\x07" in out and "[link=x]y[/link]" in out
    assert "\x1b]0" not in out and "\x1b[2J" not in out and "[bold]title\\x1b[2J" in out


def test_a_too_narrow_table_is_folded_as_rich_folded_it(monkeypatch):
    """Six English columns on 40 columns do not fit: the cells are folded (a word
    split) exactly where rich folded them, without rich's Table."""
    grid = Grid(None, [f"Column{i}" for i in range(6)],
                [[f"value{i} in-progress" for i in range(6)], ["PT-000142"] * 6])
    view = View("T", [], [grid])
    expected = printed(reference, view, "piped", 40)
    monkeypatch.setattr(output, "_rich_grid", _refuse)
    assert printed(render_table, view, "piped", 40) == expected
    assert "Colum" in expected and "Column0" not in expected  # folded mid-word


def test_a_tab_in_a_cell_goes_through_rich(monkeypatch):
    """rich expands tabs; the plain renderer leaves such a (rare) table to it."""
    used = []
    real = output._rich_grid
    monkeypatch.setattr(output, "_rich_grid", lambda *a: used.append(1) or real(*a))
    view = View("T", [], [Grid(None, ["a", "b"], [["x\ty", "z"]])])
    assert printed(render_table, view, "piped", 80) == printed(reference, view, "piped", 80)
    assert used == [1]
