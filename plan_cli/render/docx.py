"""Lay a :class:`~plan_cli.render.document.Document` out as a Chinese official document.

GB/T 9704-2012 (党政机关公文格式), as far as a generated report needs it:

* A4 paper; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm);
* title in 2号 (22 pt) 方正小标宋简体, centred; body in 3号 (16 pt) 仿宋_GB2312,
  first-line indent of two characters, fixed 28.95 pt line spacing (22 lines a page);
  first-level headings 3号 黑体, table text 4号 (14 pt) less for width: 10.5 pt;
* page numbers at the foot, 4号 (14 pt) 宋体, as "— 1 —";
* tables with their header row repeated on every page.

Fonts are named with fallbacks (``w:altName`` in the font table): machines
without 方正小标宋简体 or 仿宋_GB2312 (they are not free) use 华文中宋 / 宋体 and
仿宋 / FangSong, and LibreOffice then substitutes what it has (Noto Serif CJK).
三色预警 cells are shaded green / yellow / red; notice levels blue / orange / red.
Figures are PNG drawn by :mod:`plan_cli.render.charts` (the site's engine) as wide
as the 版心 (156 mm), their caption below; without matplotlib they are left out.
"""

from __future__ import annotations

from pathlib import Path

from .document import Document

TITLE_FONT, TITLE_ALT = "方正小标宋简体", "华文中宋"
BODY_FONT, BODY_ALT = "仿宋_GB2312", "仿宋"
HEADING_FONT, HEADING_ALT = "黑体", "SimHei"
NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
TEXT_WIDTH_MM = 156  # 版心: 210 mm less the 28 + 26 mm margins (tables and figures)

SHADES = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE", "blue": "BDD7EE",
          "orange": "F8CBAD"}
TEXT_COLOURS = {"blue": "1F4E79", "orange": "C55A11", "red": "C00000"}


def _fonts(run, east_asia: str, size: float, bold: bool = False, colour: str | None = None):
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = LATIN_FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)


def _paragraph(doc, text: str, font: str, size: float, *, bold=False, centre=False,
               indent=True, colour=None, space_after=0):
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(max(28.95, size * 1.5))
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(0)
    if centre:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        fmt.first_line_indent = Pt(size * 2)
    _fonts(p.add_run(text), font, size, bold, colour)
    return p


def _shade_tc(tc, colour: str) -> None:
    from docx.oxml.ns import qn

    tcpr = tc.get_or_add_tcPr()
    shd = tcpr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto",
                                         qn("w:fill"): SHADES[colour]})
    tcpr.append(shd)


def _repeat_header(row) -> None:
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    trpr.append(trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


def _table(doc, table) -> None:
    from copy import deepcopy

    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Pt
    from docx.table import _Cell

    if table.caption:
        _paragraph(doc, table.caption, HEADING_FONT, 14, indent=False)
    grid = doc.add_table(rows=1, cols=len(table.head))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = grid.rows[0]
    _repeat_header(head)
    widths = _widths(grid, table)
    for cell, text, width in zip(head.cells, table.head, widths):
        cell.width = width
        cell.paragraphs[0].paragraph_format.space_after = Pt(0)
        _fonts(cell.paragraphs[0].add_run(text), HEADING_FONT, 10.5, bold=True)
    # One styled template row, copied per data row: python-docx's add_row and run
    # formatting cost O(rows) each (75 s for a 1,000-row table); a copy is O(1).
    template = grid.add_row()
    for cell, width in zip([_Cell(tc, grid) for tc in template._tr.tc_lst], widths):
        cell.width = width
        cell.paragraphs[0].paragraph_format.space_after = Pt(0)
        _fonts(cell.paragraphs[0].add_run("-"), BODY_FONT, 10.5)  # a w:t to fill in
    body = template._tr
    tbl = body.getparent()
    for i, values in enumerate(table.rows):
        tr = deepcopy(body)
        for tc, text in zip(tr.findall(qn("w:tc")), values):
            tc.find(f"{qn('w:p')}/{qn('w:r')}/{qn('w:t')}").text = text
        light = table.lights[i] if i < len(table.lights) else None
        if light in SHADES and table.light_column is not None:
            _shade_tc(tr.findall(qn("w:tc"))[table.light_column], light)
        tbl.append(tr)
    tbl.remove(body)


def _widths(grid, table, total_mm: float = TEXT_WIDTH_MM) -> list:
    """Columns as wide as their longest text (a cap keeps long notes from crowding the rest)."""
    from docx.shared import Mm

    def width(text: str) -> int:  # Chinese characters are twice as wide as Latin ones
        return sum(2 if ord(c) > 0x2E7F else 1 for c in text)

    longest = [max([width(table.head[j]) + 2] + [width(r[j]) for r in table.rows
                                                 if j < len(r)]) for j in range(len(table.head))]
    weights = [min(max(n, 9), 30) for n in longest]
    widths = [Mm(total_mm * w / sum(weights)) for w in weights]
    grid.autofit = False
    for column, width in zip(grid.columns, widths):
        column.width = width
    return widths


def _page_number_footer(section) -> None:
    """— PAGE — centred at the foot, 4号 宋体 (GB/T 9704 puts it outside; centred is the
    common choice for reports printed one-sided)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(p.add_run("— "), NUMBER_FONT, 14)
    run = p.add_run()
    _fonts(run, NUMBER_FONT, 14)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            el = run._element.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        else:
            el = run._element.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            el.text = text
        run._element.append(el)
    _fonts(p.add_run(" —"), NUMBER_FONT, 14)


def _font_table_fallbacks(document) -> None:
    """Name each Chinese font with its fallback (w:altName) in word/fontTable.xml."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    try:
        part = document.part.part_related_by(RT.FONT_TABLE)
    except KeyError:
        return
    root = etree.fromstring(part.blob)
    for name, alt in ((TITLE_FONT, TITLE_ALT), (BODY_FONT, BODY_ALT),
                      (HEADING_FONT, HEADING_ALT), (NUMBER_FONT, "SimSun")):
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": name})
        etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": alt})
        etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})  # GB2312
        etree.SubElement(font, f"{{{w}}}family", {f"{{{w}}}val": "roman"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _figure(document, figure, lang: str) -> None:
    """The chart as a PNG picture, centred at the text width, its caption below."""
    import io

    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from ..reports.charts import IndicatorChart
    from .charts import draw_colours, draw_indicator

    draw = draw_indicator if isinstance(figure.chart, IndicatorChart) else draw_colours
    png = draw(figure.chart, lang, fmt="png")  # ChartsUnavailable before anything is added
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(6)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.keep_with_next = True  # the caption stays with its picture
    p.add_run().add_picture(io.BytesIO(png), width=Mm(TEXT_WIDTH_MM))
    _paragraph(document, figure.caption, BODY_FONT, 14, centre=True, space_after=6)


def write_docx(doc: Document, path: Path) -> int:
    """Write ``doc`` to ``path`` (.docx), all or nothing (:func:`atomic_write`).

    Returns how many figures are left out because matplotlib (the ``charts`` extra)
    is not installed: the document is written without them."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    from .charts import ChartsUnavailable

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    _page_number_footer(section)
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    if doc.banner:
        _paragraph(document, doc.banner, HEADING_FONT, 14, bold=True, centre=True,
                   colour="C00000", space_after=6)
    colour = TEXT_COLOURS.get(doc.level_colour) if doc.level_colour else None
    _paragraph(document, doc.title, TITLE_FONT, 22, centre=True, colour=colour, space_after=12)
    for line in doc.subtitle:
        _paragraph(document, line, BODY_FONT, 16, centre=True)
    _paragraph(document, "", BODY_FONT, 16, indent=False)
    left_out = 0
    for i, s in enumerate(doc.sections):
        if doc.kind == "notice" and i and s.tables:  # one notice a page
            document.add_page_break()
        _paragraph(document, s.heading, HEADING_FONT, 16)
        for text in s.paragraphs:
            _paragraph(document, text, BODY_FONT, 16)
        for table in s.tables:
            _table(document, table)
            _paragraph(document, "", BODY_FONT, 10.5, indent=False)
        for figure in s.figures:
            if left_out:
                left_out += 1
                continue
            try:
                _figure(document, figure, doc.lang)
            except ChartsUnavailable:
                left_out += 1
    if doc.closing:
        _paragraph(document, "", BODY_FONT, 16, indent=False)
        for line in doc.closing:
            p = _paragraph(document, line, BODY_FONT, 16, indent=False)
            from docx.enum.text import WD_ALIGN_PARAGRAPH

            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if doc.banner:
        _paragraph(document, doc.banner, HEADING_FONT, 14, bold=True, centre=True,
                   colour="C00000")
    _font_table_fallbacks(document)
    import io

    from ..edit.safefile import atomic_write

    buffer = io.BytesIO()
    document.save(buffer)
    atomic_write(Path(path), buffer.getvalue())
    return left_out
