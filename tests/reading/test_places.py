"""A reader's note names a place as the reader of that file finds it: text lines, a PDF page's lines, Word
paragraphs, rows of a Word table."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from keneng_audit.document import SourceRef
from keneng_audit.reading.pdf import read_pdf
from keneng_audit.reading.places import at, listed, span
from tests.make_fixtures import cjk_font

TEXT = [SourceRef(12), SourceRef(20)]
PDF = [SourceRef(80, page=3, page_line=4), SourceRef(85, page=3, page_line=9)]
PDF_PAGES = [SourceRef(80, page=3, page_line=40), SourceRef(85, page=4, page_line=2)]
WORD = [SourceRef(30, paragraph=13), SourceRef(32, paragraph=15)]
WORD_TABLE = [SourceRef(41, table_row=2), SourceRef(45, table_row=6)]


@pytest.mark.parametrize("sources,one,many", [
    (TEXT, ("第 12 行", "line 12"), ("第 12–20 行", "lines 12–20")),
    (PDF, ("第 3 页第 4 行", "page 3, line 4"), ("第 3 页第 4–9 行", "page 3, lines 4–9")),
    (PDF_PAGES, ("第 3 页第 40 行", "page 3, line 40"), ("第 3 页第 40 行至第 4 页第 2 行", "page 3, line 40 to page 4, line 2")),
    (WORD, ("第 13 段", "paragraph 13"), ("第 13–15 段", "paragraphs 13–15")),
    (WORD_TABLE, ("表内第 2 行", "row 2 of the table"), ("表内第 2–6 行", "rows 2–6 of the table")),
], ids=["text", "pdf", "pdf-two-pages", "word-paragraphs", "word-table"])
def test_one_place_and_a_span(sources, one, many):
    assert at(sources[0]) == one
    assert span(list(reversed(sources))) == many


def test_listed_places():
    assert listed(TEXT) == ("第 12, 20 行", "line(s) 12, 20")  # as the text reader has always printed them
    assert listed(WORD) == ("第 13 段、第 15 段", "paragraph 13, paragraph 15")


def test_a_pdf_tables_note_names_the_page_and_its_lines():
    """A ruled table whose rows print no label: the note points at page 2, not at a count of the whole file's lines."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont(cjk_font(), 10)
    for k in range(30):
        pdf.drawString(60, 780 - 20 * k, f"第一页的正文第{k + 1}行。")
    pdf.showPage()
    pdf.setFont(cjk_font(), 10)
    pdf.drawString(60, 760, "表 1 近三年在校生")
    for r, row in enumerate([["在校生（人）", "毕业生（人）"], ["1620", "480"], ["1700", "510"], ["1800", "530"]]):
        for c, text in enumerate(row):
            x, y = 60 + c * 120, 750 - (r + 1) * 20
            pdf.rect(x, y, 120, 20, stroke=1, fill=0)
            pdf.drawString(x + 4, y + 6, text)
    pdf.showPage()
    pdf.save()
    [table] = read_pdf("unlabelled.pdf", buf.getvalue()).tables
    assert table.problems[0].startswith("第 2 页第 3–5 行：各行未印行名")
