"""Builds test reports at test time: DOCX and PDF from a text report."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from keneng_audit.document import Document, Row, Table
from keneng_audit.reading.tokens import is_footnote, is_note

FONT = "STSong-Light"
_PAGE_NUMBER = re.compile(r"^\s*-\s*\d+\s*-\s*$")


def cjk_font() -> str:
    """reportlab's built-in Chinese CID font, registered once: no font file needed."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


# ---------------------------------------------------------------- text → pages → PDF (text only)

def text_pages(text: str) -> tuple[list[list[str]], str]:
    """Splits PDF-extracted text into pages (a page starts with an indented line), dropping its furniture.

    Returns the pages' non-blank lines and the running header the text carried.
    """
    raw = text.splitlines()
    header = ""
    furniture: set[int] = set()
    for i, line in enumerate(raw):
        if _PAGE_NUMBER.match(line):
            furniture.add(i)
            above = next((k for k in range(i - 1, max(i - 4, -1), -1) if raw[k].strip()), None)
            if above is not None and len(raw[above].strip()) < 40:
                header = raw[above].strip()
    pages: list[list[str]] = [[]]
    for i, line in enumerate(raw):
        if i in furniture or (header and line.strip() == header):
            continue
        if line.startswith(" ") and line.strip() and pages[-1]:
            pages.append([])
        if line.strip():
            pages[-1].append(line.strip())
    return pages, header


def write_text_pdf(pages: list[list[str]], out: Path, header: str) -> Path:
    """One PDF page per text page: running header on top, the lines, `- n -` at the bottom."""
    font = cjk_font()
    width, height = A4
    pdf = canvas.Canvas(str(out), pagesize=A4)
    for number, lines in enumerate(pages, start=1):
        leading = min(16.0, (height - 150) / max(len(lines), 1))
        size = min(10.0, leading - 2)
        if header:
            pdf.setFont(font, 9)
            pdf.drawCentredString(width / 2, height - 40, header)
        y = height - 75
        for line in lines:
            line_size = size
            while pdfmetrics.stringWidth(line, font, line_size) > width - 100 and line_size > 5:
                line_size -= 0.5
            pdf.setFont(font, line_size)
            pdf.drawString(50, y, line)
            y -= leading
        pdf.setFont(font, 9)
        pdf.drawCentredString(width / 2, 35, f"- {number} -")
        pdf.showPage()
    pdf.save()
    return out


# ---------------------------------------------------------------- Document → DOCX

def _blocks(doc: Document) -> list[tuple[int, str, object]]:
    """Sections, paragraphs and tables of a read text report, in printed order."""
    items: list[tuple[int, str, object]] = []
    items += [(s.source.line, "section", s) for s in doc.sections]
    items += [(p.source.line, "paragraph", p) for p in doc.paragraphs]
    items += [(t.source.line, "table", t) for t in doc.tables]
    order = {"section": 0, "table": 1, "paragraph": 2}
    return sorted(items, key=lambda item: (item[0], order[item[1]]))


def table_grid(table: Table) -> list[list[str]]:
    """The printed cells of a read table: a header row, then one row per table row."""
    header = list(table.columns)
    rows = [[_cell_text(table, row, column) for column in table.columns] for row in table.rows]
    return [header, *rows]


def _cell_text(table: Table, row: Row, column: str) -> str:
    cell = row.cells.get(column)
    return "" if cell is None else cell.text


def write_docx(doc: Document, out: Path, merge_serials: bool = True) -> Path:
    """A Word file with the read report's headings, paragraphs and tables (real Word tables).

    With `merge_serials`, a 序号 printed once for a row and its "其中" rows becomes one vertically merged cell.
    """
    word = docx.Document()
    for _, kind, item in _blocks(doc):
        printed = doc.lines[item.source.line - 1].strip() if kind != "paragraph" else item.text
        if kind == "section":
            word.add_heading(printed, level=min(item.number.count(".") + 1, 9))
        elif kind == "paragraph":
            word.add_paragraph(printed)
        else:
            word.add_paragraph(printed)
            _add_table(word, table_grid(item), merge_serials)
            for note in _notes(item):
                word.add_paragraph(note)
    word.save(str(out))
    return out


def _notes(table: Table) -> list[str]:
    """The table's footnotes, printed under it; other lines the text reader set aside stay out."""
    texts = [p.removeprefix("注：") for p in table.problems if p.startswith("注：")]
    return [t for t in texts if is_footnote(t) or is_note(t)]


def _add_table(word, grid: list[list[str]], merge_serials: bool) -> None:
    table = word.add_table(rows=len(grid), cols=len(grid[0]))
    table.style = "Table Grid"
    for row, texts in zip(table.rows, grid):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    if merge_serials and grid[0] and grid[0][0] in ("序号", "序 号"):
        start = None
        for r in range(1, len(grid) + 1):
            blank = r < len(grid) and not grid[r][0]
            if blank:
                continue
            if start is not None and r - start > 1:
                merged = table.cell(start, 0).merge(table.cell(r - 1, 0))
                merged.text = grid[start][0]
            start = r if r < len(grid) else None


# ---------------------------------------------------------------- what must not depend on the format

def tables_signature(doc: Document) -> dict[str, tuple]:
    """Per table: caption, columns, label column and each row's label, 序号, parent and printed cells."""
    return {
        t.key: (t.caption, tuple(t.columns), t.label_column,
                tuple((r.label, r.serial, r.parent, tuple(sorted((c, x.text, x.value) for c, x in r.cells.items())))
                      for r in t.rows))
        for t in doc.tables
    }


def facts_signature(doc: Document) -> list[tuple]:
    return [(f.number.text, f.value, f.unit, f.section, f.sentence) for f in doc.facts]


def findings_signature(result) -> list[tuple]:
    """Findings compared by rule, table, row, column and printed values: locations differ by format.

    The notes on what the reader could not rebuild (KA002) are left out: they belong to one format's layout
    (表13 printed column by column in the text is a real table in the DOCX built from it).
    """
    from keneng_audit.coverage import TABLE_UNREAD

    return sorted(
        (f.rule, f.location.table, f.location.row, f.location.column, tuple(sorted(v.text for v in f.values)))
        for f in result.findings if f.rule != TABLE_UNREAD
    )


# ---------------------------------------------------------------- Document → PDF with ruled tables

def write_ruled_pdf(doc: Document, out: Path, header: str = "") -> Path:
    """A typeset PDF of the read report: flowing paragraphs, and each table ruled, its header repeated on
    every page it runs over; a running header and `- n -` on every page."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    font = cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=15, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10, wordWrap="CJK")
    story = []
    for _, kind, item in _blocks(doc):
        printed = doc.lines[item.source.line - 1].strip() if kind != "paragraph" else item.text
        story.append(Paragraph(_escape(printed), body))
        if kind == "table":
            grid = table_grid(item)
            width = (A4[0] - 120) / len(grid[0])
            data = [[Paragraph(_escape(text), cell) for text in row] for row in grid]
            table = PdfTable(data, colWidths=[width] * len(grid[0]), repeatRows=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(table)
            story += [Paragraph(_escape(note), body) for note in _notes(item)]
            story.append(Spacer(1, 6))

    def furniture(canvas_, _doc) -> None:
        canvas_.setFont(font, 9)
        if header:
            canvas_.drawCentredString(A4[0] / 2, A4[1] - 40, header)
        canvas_.drawCentredString(A4[0] / 2, 30, f"- {canvas_.getPageNumber()} -")

    SimpleDocTemplate(str(out), pagesize=A4, leftMargin=60, rightMargin=60, topMargin=70, bottomMargin=60).build(
        story, onFirstPage=furniture, onLaterPages=furniture)
    return out


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
