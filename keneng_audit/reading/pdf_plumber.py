"""The pages pdfium cannot read alone (merged ruled cells, unmapped glyphs), read through pdfplumber (pdfminer).

Imported only when a PDF has such a page: pdfminer costs ≈ 0.1 s to import and 0.1–0.3 s a page to read.
"""

from __future__ import annotations

import io
import logging
import re

import pdfplumber
from pdfminer import pdftypes

from keneng_audit import limits
from keneng_audit.reading.blocks import LEFT, OWN, UP, join_cell_lines, resolve_merges
from keneng_audit.reading.pdf_text import StyledLine, join_wrapped_number

MARGIN = 0.09  # running headers and footers sit in the top and bottom 9% of a page
Item = tuple[float, "str | list[list[str]]", bool]  # (top, a text line or a table's rows, in the page margin)

# pdfminer inflates every stream whole: bound it (limit pdf-stream-mb), also for streams with a broken checksum.
_BOUNDED_ZLIB = limits.BoundedZlib("pdf-stream-mb")
pdftypes.zlib = _BOUNDED_ZLIB  # type: ignore[assignment]
pdftypes.decompress_corrupted = _BOUNDED_ZLIB.decompress_corrupted
# pdfminer warns on stderr about fonts it can still read (`Could not get FontBBox …`): a line per font, per page.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def read_pages(data: bytes, numbers: list[int]) -> dict[int, list[Item]]:
    """The items of the pages `numbers` (0-based)."""
    out: dict[int, list[Item]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for k in numbers:
            out[k] = page_items(pdf.pages[k])
            pdf.pages[k].close()
    return out


def page_items(page) -> list[Item]:
    """The page's text lines (outside ruled tables) and ruled tables, top to bottom; whether in the margin."""
    page = page.dedupe_chars()  # "fake bold" prints every character twice, a hair apart
    # A one-row ruled table is a header whose rows the report left out; uncaptioned, it is read as text again.
    tables = [t for t in page.find_tables() if t.rows and len(t.columns) >= 2]
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    band = page.height * MARGIN
    items: list[Item] = [
        (line["top"], _styled(line), line["bottom"] < band or line["top"] > page.height - band)
        for line in text_page.extract_text_lines() if line["text"].strip()
    ]
    for table in tables:
        grid = _grid(table)
        if grid:
            items.append((table.bbox[1], grid, False))
    items.sort(key=lambda item: item[0])
    return items


def _styled(line: dict) -> StyledLine:
    """The line's text with its first character's size and whether its font is bold (by the font's name)."""
    first = line["chars"][0] if line.get("chars") else {}
    bold = bool(_BOLD.search(first.get("fontname", "")))
    return StyledLine(line["text"], (round(float(first.get("size", 0.0)), 1), bold))


_BOLD = re.compile(r"bold|heavy|black|黑体|simhei", re.IGNORECASE)


def _grid(table) -> list[list[str]]:
    """Cell texts per row, merged cells resolved: a position without a cell of its own is covered by one."""
    column_x0 = [column.bbox[0] for column in table.columns]
    marked: list[list[tuple[str, str]]] = []
    for texts, row in zip(table.extract(), table.rows):
        marked.append([
            (join_cell_lines(join_wrapped_number(text or "")), OWN) if row.cells[c] is not None
            else ("", LEFT if _spanned_from_left(row.cells, c, column_x0[c]) else UP)
            for c, text in enumerate(texts)
        ])
    return resolve_merges(marked)


def _spanned_from_left(cells: list, c: int, x0: float) -> bool:
    """Whether the nearest real cell left of position `c` in this row reaches over that column's start."""
    left = next((cells[k] for k in range(c - 1, -1, -1) if cells[k] is not None), None)
    return left is not None and left[2] > x0 + 1
