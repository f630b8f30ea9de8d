"""The one chart engine: draws :mod:`plan_cli.reports.charts` data as SVG or PNG.

matplotlib (an optional extra: ``pip install "plan-taizhang[charts]"``) draws both
formats from one figure, so the site (SVG) and the .docx report (PNG) never
disagree. SVG keeps text as text (``svg.fonttype: none``): the browser draws the
Chinese with the reader's own fonts, the file stays small and searchable, and
nothing is fetched. Text from the data is never parsed as mathtext
(``text.parse_math: False``), and matplotlib escapes it in the SVG.
Colours of the 三色预警 are :data:`LIGHT_COLOURS`, keyed by
:class:`plan_cli.lights.Light`.
"""

from __future__ import annotations

import io
import logging

from ..lights import Light
from ..reports.charts import COLOUR_KEYS, ColourChart, IndicatorChart
from .labels import label

LIGHT_COLOURS = {Light.green.value: "#2e7d32", Light.yellow.value: "#f2a900",
                 Light.red.value: "#c62828", "none": "#9e9e9e"}
ACTUAL_COLOUR = "#1f4e9e"
FONTS = ["Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
         "Source Han Sans SC", "DejaVu Sans", "sans-serif"]
INSTALL_HINT = 'pip install "plan-taizhang[charts]"'


class ChartsUnavailable(RuntimeError):
    """matplotlib is not installed; the message says how to install it."""


def _matplotlib():
    try:
        import matplotlib
        from matplotlib.figure import Figure  # noqa: F401
    except ImportError:
        raise ChartsUnavailable(INSTALL_HINT) from None
    return matplotlib


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    # Fixed margins, not a layout engine: "constrained" draws every figure twice
    # (measured: 0.30 s a chart with it on this machine, see the commit).
    return Figure(figsize=(width, height), dpi=100)


_RC = {"svg.fonttype": "none", "svg.hashsalt": "plan", "text.parse_math": False,
       "font.size": 10, "axes.spines.top": False, "axes.spines.right": False}
_INSTALLED: list[str] | None = None


def _rc() -> dict:
    """The chart settings, with only the fonts this machine has: matplotlib looks each
    family up for every piece of text (a long list of absent ones cost ~15% of the time);
    the site's style sheet gives browsers the full list."""
    global _INSTALLED
    if _INSTALLED is None:
        from matplotlib import font_manager

        names = {f.name for f in font_manager.fontManager.ttflist}
        _INSTALLED = [f for f in FONTS if f in names] or ["sans-serif"]
    return _RC | {"font.family": _INSTALLED}


def _save(fig, fmt: str) -> bytes:
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    fig.savefig(buffer, format=fmt, metadata=metadata, dpi=150 if fmt == "png" else 100)
    return buffer.getvalue()


def draw_indicator(chart: IndicatorChart, lang: str, fmt: str = "svg",
                   title: str | None = None) -> bytes:
    """One indicator's chart: baseline, actuals, trajectory, target (band), projection."""
    matplotlib = _matplotlib()

    with matplotlib.rc_context(_rc()):
        fig = _figure(6.4, 3.4)
        fig.subplots_adjust(left=0.11, right=0.97, top=0.9 if title else 0.95, bottom=0.22)
        ax = fig.add_subplot()
        if title:
            ax.set_title(title, loc="left")
        points = ([chart.baseline] if chart.baseline else []) + list(chart.actuals) \
            + ([chart.target] if chart.target else []) + list(chart.projection)
        if not points:
            ax.text(0.5, 0.5, label("chart_nothing", lang), ha="center", va="center",
                    transform=ax.transAxes, color="#616161")
            ax.set_xticks([])
            ax.set_yticks([])
            return _save(fig, fmt)
        xs = sorted({p.x for p in points})
        if chart.band and chart.target:
            start = chart.trajectory[0].x if chart.trajectory else xs[0]
            ax.fill_between([start, chart.target.x], [chart.band[0]] * 2, [chart.band[1]] * 2,
                            color=LIGHT_COLOURS["green"], alpha=0.15, linewidth=0,
                            label=label("chart_band", lang))
        if chart.trajectory:
            a, b = chart.trajectory
            ax.plot([a.x, b.x], [a.value, b.value], linestyle="--", color="#757575",
                    label=label("chart_trajectory", lang))
        if chart.baseline:
            ax.plot([chart.baseline.x], [chart.baseline.value], marker="s", linestyle="none",
                    color="#424242", markersize=7, label=label("baseline", lang))
        if chart.actuals:
            line = ([chart.baseline] if chart.baseline else []) + list(chart.actuals)
            ax.plot([p.x for p in line], [p.value for p in line], color=ACTUAL_COLOUR,
                    linewidth=2)
            ax.plot([p.x for p in chart.actuals], [p.value for p in chart.actuals], marker="o",
                    linestyle="none", color=ACTUAL_COLOUR, markersize=7,
                    label=label("chart_actual", lang))
            for p in chart.actuals:
                ax.annotate(_num(p.value), (p.x, p.value), textcoords="offset points",
                            xytext=(0, 8), ha="center", fontsize=8, color=ACTUAL_COLOUR)
        if chart.projection:
            start = list(chart.actuals[-1:])
            line = start + list(chart.projection)
            ax.plot([p.x for p in line], [p.value for p in line], linestyle=":",
                    color=ACTUAL_COLOUR, linewidth=2, label=label("chart_projection", lang))
        if chart.target:
            colour = LIGHT_COLOURS[chart.light.value] if chart.light else LIGHT_COLOURS["none"]
            ax.plot([chart.target.x], [chart.target.value], marker="*", markersize=15,
                    linestyle="none", color=colour, label=label("target", lang))
            ax.annotate(_num(chart.target.value), (chart.target.x, chart.target.value),
                        textcoords="offset points", xytext=(10, -3), fontsize=8)
        names = {p.x: p.period for p in points}
        ticks = _tick_labels(xs, names)
        ax.set_xticks(xs, ticks)
        two_lines = any(t.startswith("\n") for t in ticks)
        if two_lines:  # room for the lowered labels above the legend
            fig.subplots_adjust(bottom=0.27)
        ax.set_xlim(xs[0] - 0.4, xs[-1] + 0.6)
        ax.margins(y=0.15)  # room for the value labels above the highest point
        ax.set_ylabel(chart.unit)
        ax.grid(axis="y", color="#e0e0e0")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2 if two_lines else -0.12),
                  ncols=5, frameon=False, fontsize=8)
        return _save(fig, fmt)


def draw_colours(chart: ColourChart, lang: str, fmt: str = "svg",
                 title: str | None = None) -> bytes:
    """Items by colour: one stacked horizontal bar per ledger or department."""
    matplotlib = _matplotlib()

    rows = list(chart.rows)
    with matplotlib.rc_context(_rc()):
        height = max(1.8, 0.42 * len(rows) + 1.2)
        fig = _figure(6.4, height)
        names = [r.name if r.name is not None else label("unassigned_group", lang) for r in rows]
        # room for the longest name at the left: 10 pt is 14 px at 100 dpi for a CJK character
        widest = max((sum(2 if ord(c) > 0x2E80 else 1 for c in n) for n in names), default=4)
        fig.subplots_adjust(left=min(0.55, (widest * 7.2 + 20) / 640), right=0.97,
                            top=1 - 0.3 / height, bottom=0.95 / height)
        ax = fig.add_subplot()
        if title:
            ax.set_title(title, loc="left")
        positions = list(range(len(rows)))[::-1]
        left = [0] * len(rows)
        for key in COLOUR_KEYS:
            widths = [r.counts.get(key, 0) for r in rows]
            if not any(widths):
                continue
            bars = ax.barh(positions, widths, left=left, color=LIGHT_COLOURS[key],
                           label=label("chart_no_colour" if key == "none" else key, lang),
                           height=0.6)
            ax.bar_label(bars, labels=[str(w) if w else "" for w in widths],
                         label_type="center", fontsize=8,
                         color="#212121" if key == Light.yellow.value else "white")
            left = [a + b for a, b in zip(left, widths)]
        ax.set_yticks(positions, names)
        ax.set_xlabel(label("items", lang))
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # items come whole: no 0.5
        ax.spines["left"].set_visible(False)
        if not rows:
            ax.text(0.5, 0.5, label("chart_nothing", lang), ha="center", va="center",
                    transform=ax.transAxes, color="#616161")
        else:
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.5 / (height - 1.25) - 0.02),
                      ncols=4, frameon=False, fontsize=8)
        return _save(fig, fmt)


def _tick_labels(xs: list[float], names: dict[float, str]) -> list[str]:
    """Period names; one closer than half a year to the previous label goes a line lower
    (a year's figure and the next quarter's would print over each other)."""
    labels, last, lowered = [], None, False
    for x in xs:
        lowered = last is not None and x - last < 0.5 and not lowered
        labels.append(("\n" if lowered else "") + names[x])
        last = x
    return labels


def _num(value: float) -> str:
    from .output import num

    return num(value)
