"""Tests for the PDF reader: ruled tables and merged cells, locations, errors, and the sample built as PDF."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from keneng_audit.errors import InputError
from keneng_audit.reading.pdf import _page_items, read_pdf
from tests.make_fixtures import _font


def _ruled_pdf() -> bytes:
    font = _font()
    style = ParagraphStyle("p", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    data = [["专业大类", "2023年", "", "备注"],
            ["", "人数", "占比", ""],
            ["装备制造大类", "12", "40%", "第一行\n第二行"],
            ["", "18", "60%", "x"],
            ["合计", "30", "", ""]]
    table = Table(data)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 10), ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("SPAN", (1, 0), (2, 0)), ("SPAN", (0, 0), (0, 1)), ("SPAN", (0, 2), (0, 3)), ("SPAN", (1, 4), (2, 4)),
    ]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(
        [Paragraph("前文一段。", style), Paragraph("表 3 分专业大类在校生情况", style), table, Paragraph("后文一段。", style)]
    )
    return buf.getvalue()


def test_ruled_table_cells_and_merges_in_reading_order():
    with pdfplumber.open(io.BytesIO(_ruled_pdf())) as pdf:
        items = [item for _, item, _ in _page_items(pdf.pages[0])]
    assert items == [
        "前文一段。",
        "表 3 分专业大类在校生情况",
        [["专业大类", "2023年", "2023年", "备注"],
         ["", "人数", "占比", ""],
         ["装备制造大类", "12", "40%", "第一行第二行"],
         ["装备制造大类", "18", "60%", "x"],
         ["合计", "30", "", ""]],
        "后文一段。",
    ]


def _encrypted(user_password: str) -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption(user_password, "owner"))
    pdf.drawString(50, 700, "hello 123")
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _blank_pdf() -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.rect(50, 50, 100, 100)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_encrypted("secret"), "password-protected PDF"),
        (b"%PDF-1.4\n garbage", "corrupt or unreadable PDF"),
        (_encrypted("secret")[:300], "corrupt or unreadable PDF"),
        (_blank_pdf(), "no text layer"),
    ],
)
def test_unreadable_pdf_is_one_line_input_error(data, message):
    with pytest.raises(InputError) as err:
        read_pdf("r.pdf", data)
    text = str(err.value)
    assert message in text and "\n" not in text and text.startswith("r.pdf: ")
