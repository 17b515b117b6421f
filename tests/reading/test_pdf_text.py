"""Page text through pdfium: invented blanks beside Chinese dropped, typed blanks and table columns kept, a number
broken over two lines of prose re-joined, never two rows of a table."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from keneng_audit.reading.pdf_text import join_wrapped_number, page_lines
from tests.make_fixtures import cjk_font


def _lines(draw) -> list[str]:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont(cjk_font(), 10)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    document = pypdfium2.PdfDocument(buf.getvalue())
    try:
        page = document[0]
        return [line.text for line in page_lines(page.get_textpage(), page.get_height()).lines]
    finally:
        document.close()


def _glyphs(pdf, x: float, y: float, text: str, gap: float = 0.0) -> float:
    """Draws `text` glyph run by glyph run, `gap` points apart where a blank is wanted but none is printed."""
    for k, piece in enumerate(text.split("|")):
        pdf.drawString(x, y, piece)
        x += pdf.stringWidth(piece, pdf._fontname, 10) + (gap if k < text.count("|") else 0)
    return x


def test_a_small_gap_beside_chinese_is_no_blank_but_a_typed_blank_and_a_column_gap_are():
    def draw(pdf):
        _glyphs(pdf, 60, 700, "2024|年招生|640|人，占|50%", gap=3)  # an office suite's spacing between Chinese and digits
        pdf.drawString(60, 680, "见表 1.2。")  # typed: a glyph
        _glyphs(pdf, 60, 660, "专业|在校生", gap=40)  # two columns of a table without rules

    assert _lines(draw) == ["2024年招生640人，占50%", "见表 1.2。", "专业 在校生"]


def test_where_no_blank_in_the_body_is_a_glyph_a_small_gap_is_a_typed_blank():
    """Chromium prints a typed blank as a gap (and those of its page margin boxes as glyphs): `见表 2-3` and a
    name padded `王 芳` keep their blanks."""
    def draw(pdf):
        _glyphs(pdf, 60, 700, "获奖教师|王|芳", gap=3)
        _glyphs(pdf, 60, 680, "学校开设专业12个，覆盖3个专业大类，见表|2-3。", gap=3)
        pdf.drawString(280, 30, "第 1 页 共 3 页")

    assert _lines(draw) == ["获奖教师 王 芳", "学校开设专业12个，覆盖3个专业大类，见表 2-3。", "第 1 页 共 3 页"]


def test_a_number_broken_at_a_prose_line_end_is_rejoined_but_table_rows_are_not():
    def draw(pdf):
        right = _glyphs(pdf, 60, 700, "学校是县属公办中等职业学校，以医药卫生类专业为主，现有在校生|1", gap=3)
        _glyphs(pdf, 60, 685, "800|人，专任教师|150|人。", gap=3)
        pdf.drawString(60, 650, "护理专业护理专业护理专业护理专业")
        pdf.drawRightString(right, 650, "2023")  # a table row's last cell at the right edge
        pdf.drawString(60, 635, "2024年    640    1,800")

    assert _lines(draw) == ["学校是县属公办中等职业学校，以医药卫生类专业为主，现有在校生1800", "人，专任教师150人。",
                            "护理专业护理专业护理专业护理专业 2023", "2024年 640 1,800"]


@pytest.mark.parametrize("text,joined", [
    ("10,290,000.0\r\n0", "10,290,000.00"),
    ("490,000.0\n0", "490,000.00"),
    ("12.\n5%", "12.5%"),
    ("在校生\r\n（人）", "在校生\r\n（人）"),
    ("2023\n年", "2023\n年"),
    ("合计 12\n说明", "合计 12\n说明"),
])
def test_a_number_a_narrow_cell_wrapped_is_rejoined(text, joined):
    assert join_wrapped_number(text) == joined


def test_headings_are_told_by_their_type_size():
    """Headings a school typed without numbers, set larger than the body: sections, as Word's styles give them."""
    from keneng_audit.reading.pdf import read_pdf

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    font = cjk_font()
    y = 720
    for text, size in [("东陵职业技术学院质量年度报告", 20), ("学校概况", 16), ("办学规模", 13),
                       ("学校现有全日制在校生11036人，较上年增长5.9%，开设专业42个。", 10.5),
                       ("表 1 近三年办学规模", 10.5), ("教师队伍", 16),
                       ("学校有专任教师512人，其中双师型教师368人，占专任教师的71.9%。", 10.5)]:
        pdf.setFont(font, size)
        pdf.drawString(60, y, text)
        y -= 30
    pdf.showPage()
    pdf.save()
    doc = read_pdf("typed.pdf", buf.getvalue())
    assert doc.title == "东陵职业技术学院质量年度报告"
    assert [(s.number, s.title) for s in doc.sections] == [("1", "学校概况"), ("1.1", "办学规模"), ("2", "教师队伍")]
    assert [f.section for f in doc.facts if f.number.text == "512"] == ["2"]
