"""The charts of ``plan report --format docx``: drawn by the site's engine from the site's data.

On the synthetic fixture tests/fixtures/documents at 2024-05-15, 8 of its 9 indicators have
an actual known (创新平台 has none: it gets no chart), so the report holds 8 indicator
charts, then the items by colour per ledger and per department: 10 PNG pictures.
"""

from __future__ import annotations

import json
import sys
from datetime import date

import docx

from plan_cli.load import find_data, load
from plan_cli.render.charts import draw_colours, draw_indicator
from plan_cli.reports.report import build_report
from plan_cli.reports.site import build_site
from tests.test_documents import DOCS, MID

PNG = b"\x89PNG\r\n\x1a\n"


def _pictures(path) -> list[bytes]:
    """The inline pictures' bytes, in document order."""
    document = docx.Document(str(path))
    blobs = []
    for shape in document.inline_shapes:
        rid = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        blobs.append(document.part.related_parts[rid].blob)
    return blobs


def _report_docx(run_plan, path, *extra):
    result = run_plan("report", "--data", DOCS, "--as-of", MID, "--format", "docx",
                      "--output", path, *extra)
    assert result.exit_code == 0, result.output
    return result


def test_docx_embeds_the_charts_the_site_draws(run_plan, tmp_path):
    out = tmp_path / "通报.docx"
    result = _report_docx(run_plan, out, "--lang", "zh")
    assert "matplotlib" not in result.stderr
    pictures = _pictures(out)
    assert len(pictures) == 10 and all(p.startswith(PNG) for p in pictures)

    ws = load(find_data(DOCS))
    as_of = date.fromisoformat(MID)
    report = build_report(ws, as_of)
    site = build_site(ws, as_of)
    # the same chart data as the site's indicator pages and overview
    on_site = {p.indicator.id: p.chart for p in site.indicators}
    assert [c.id for c in report.charts] == [r.id for r in report.indicators if r.id != "platforms"]
    assert all(c == on_site[c.id] for c in report.charts)
    assert report.colours == (site.by_ledger, site.by_department)
    # ... drawn by the same engine: the pictures are exactly what it returns as PNG
    expected = [draw_indicator(c, "zh", fmt="png") for c in report.charts]
    expected += [draw_colours(c, "zh", fmt="png") for c in report.colours]
    assert pictures == expected

    # each picture has its numbered caption, and the pictures fit the 156 mm text width
    document = docx.Document(str(out))
    text = [p.text for p in document.paragraphs]
    assert "图1 单位生产总值能耗(吨标准煤/万元)实际值与目标" in text
    assert "图9 各台账事项三色预警分布" in text
    assert "图10 各责任部门事项三色预警分布(红灯多者在前)" in text
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert all(abs(s.width - text_width) < 36000 for s in document.inline_shapes)  # < 1 mm


def test_markdown_and_json_carry_captions_not_images(run_plan, tmp_path):
    result = run_plan("report", "--data", DOCS, "--as-of", MID, "--lang", "en")
    assert result.exit_code == 0 and "![" not in result.stdout
    assert list(tmp_path.iterdir()) == []
    result = run_plan("report", "--data", DOCS, "--as-of", MID, "--format", "json",
                      "--lang", "en")
    figures = [f for s in json.loads(result.stdout)["sections"] for f in s["figures"]]
    assert [f["key"] for f in figures] == ["indicator"] * 8 + ["ledgers", "departments"]
    assert figures[-2]["caption"] == "Figure 9. Items by colour, per ledger"


def test_without_matplotlib_the_docx_is_written_without_charts(run_plan, tmp_path,
                                                                monkeypatch):
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib: ImportError
    out = tmp_path / "通报.docx"
    result = _report_docx(run_plan, out, "--lang", "zh")
    assert "未安装图表组件 matplotlib" in result.stderr
    assert 'pip install "plan-taizhang[charts]"' in result.stderr
    assert "Traceback" not in result.output
    document = docx.Document(str(out))
    assert len(document.inline_shapes) == 0
    text = [p.text for p in document.paragraphs]
    assert "二、指标完成情况" in text and not any(t.startswith("图1") for t in text)
    result = _report_docx(run_plan, tmp_path / "en.docx", "--lang", "en")
    assert "without its charts" in result.stderr and "plan-taizhang[charts]" in result.stderr


def test_close_period_labels_do_not_print_over_each_other():
    """bases in the fixture: a 2023 actual and a 2024Q1 actual weeks apart on the axis."""
    from plan_cli.render.charts import _tick_labels

    xs = [2022.0, 2024.0, 2024.1, 2026.0]
    names = dict(zip(xs, ["2022", "2023", "2024Q1", "2025"]))
    assert _tick_labels(xs, names) == ["2022", "2023", "\n2024Q1", "2025"]
    xs = [2024.0, 2024.25, 2024.5, 2024.75]  # every quarter: alternate lines, never three
    names = dict(zip(xs, ["2024Q1", "2024Q2", "2024Q3", "2024Q4"]))
    assert _tick_labels(xs, names) == ["2024Q1", "\n2024Q2", "2024Q3", "\n2024Q4"]
