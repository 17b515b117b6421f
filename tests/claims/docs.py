"""Builds small Documents from made-up text for the claims tests (one paragraph per string, lines on "\\n")."""

from __future__ import annotations

from keneng_audit.document import Document, Paragraph, SourceRef, Table
from keneng_audit.reading.tables import build_table
from keneng_audit.document import Cell
from keneng_audit.numbers import parse_number


def paragraph(text: str, section: str | None, first_line: int) -> Paragraph:
    """A paragraph whose input lines are the "\\n"-separated parts of `text`, re-joined as the reader does."""
    joined, starts = "", []
    for i, line in enumerate(text.split("\n")):
        starts.append((len(joined), SourceRef(first_line + 2 * i)))  # PDF text: a blank line between lines
        joined += line
    return Paragraph(joined, section, SourceRef(first_line), starts)


def make_doc(*paragraphs: tuple[str | None, str], tables: list[Table] = (), title: str = "某某学校质量年度报告（2024）"
             ) -> Document:
    line = 10
    paras = []
    for section, text in paragraphs:
        paras.append(paragraph(text, section, line))
        line += 2 * (text.count("\n") + 1) + 2
    return Document(path="made-up.txt", format="text", lines=[], title=title, paragraphs=paras, tables=list(tables))


def table(key: str, caption: str, header: list[str], rows: list[list[str]], first_line: int = 500,
          section: str | None = None) -> Table:
    grid = [[Cell(h, None, SourceRef(first_line)) for h in header]]
    for i, row in enumerate(rows):
        src = SourceRef(first_line + 2 * (i + 1))
        grid.append([Cell(t, parse_number(t), src) for t in row])
    return build_table(key, caption, SourceRef(first_line - 2), section, grid)
