"""Reads a PDF report: page text and ruled tables through pypdfium2; pdfplumber only on pages pdfium cannot read."""

from __future__ import annotations

import re
import zlib
from collections import Counter

import pypdfium2 as pdfium

from keneng_audit import limits
from keneng_audit.document import Document, SourceRef
from keneng_audit.errors import InputError
from keneng_audit.reading.blocks import Block, GridTable, TextLine, assemble
from keneng_audit.reading.pdf_columns import realign
from keneng_audit.reading.pdf_rules import ruled_tables
from keneng_audit.reading.pdf_headings import heading_levels
from keneng_audit.reading.pdf_text import StyledLine, page_lines

_MARGIN = 0.09  # running headers and footers sit in the top and bottom 9% of a page (as in pdf_plumber)


def read_pdf(path: str, data: bytes) -> Document:
    """Each text line and each table row gets the next global line; sources also carry page and line in page."""
    try:
        pages = _pages(data)
    except limits.LimitError:
        raise
    except Exception as exc:  # pdfium and pdfminer raise many types for a damaged file
        raise _input_error(path, exc) from None
    if not any(items for items in pages):
        raise InputError(f"{path}: PDF 中没有文字（扫描件？）/ the PDF has no text layer (a scan?)")
    furniture = _furniture(pages)
    levels = heading_levels(pages, furniture)
    blocks: list[Block] = []
    lines: list[str] = []
    for page_no, items in enumerate(pages, start=1):
        in_page = 0
        for index, (_, item, _) in enumerate(items):
            if isinstance(item, str):
                in_page += 1
                lines.append(item)
                if (page_no, index) not in furniture:
                    source = SourceRef(line=len(lines), page=page_no, page_line=in_page)
                    blocks.append(TextLine(str(item), source, levels.get((page_no, index)), margin=items[index][2]))
                continue
            sources = []
            for row in item:
                in_page += 1
                lines.append(" ".join(c for c in row if c))
                sources.append(SourceRef(line=len(lines), page=page_no, page_line=in_page))
            starts_page = all(isinstance(other, str) for _, other, _ in items[:index])
            blocks.append(GridTable(item, sources, continues=starts_page and page_no > 1))
    return assemble(blocks, path, "pdf", lines)


def _furniture(pages: list[list[tuple[float, str | list[list[str]], bool]]]) -> set[tuple[int, int]]:
    """(page, index) of running headers and footers: text in the page margins repeated on many pages."""
    def key(text: str) -> str:
        return re.sub(r"\d+", "#", "".join(text.split()))

    counts: Counter[str] = Counter()
    for items in pages:
        counts.update({key(item) for _, item, margin in items if margin and isinstance(item, str)})
    repeated = {k for k, n in counts.items() if n >= max(2, len(pages) * 0.3)}
    return {(page_no, index) for page_no, items in enumerate(pages, start=1)
            for index, (_, item, margin) in enumerate(items)
            if margin and isinstance(item, str) and (key(item) in repeated or _scrap(item))}


def _scrap(text: str) -> bool:
    """A few Latin characters or digits alone in a margin: a page number, or a browser's date and address line
    that pdfium read glyph by glyph (Chromium draws each glyph apart)."""
    return len("".join(text.split())) <= 4 and not any("\u3400" <= c <= "\u9fff" for c in text)


def _input_error(path: str, exc: BaseException) -> InputError:
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]  # pdfplumber wraps what pdfminer raised
    if isinstance(exc, PDFPasswordIncorrect) or "password" in str(exc).lower():
        return InputError(f"{path}: PDF 受密码保护，请先解除密码 / password-protected PDF; remove the password first")
    detail = str(exc) or type(exc).__name__
    return InputError(f"{path}: PDF 文件已损坏或无法解析 / corrupt or unreadable PDF ({detail})")


Item = tuple[float, "str | list[list[str]]", bool]  # (top, a text line or a table's rows, in the page margin)


def _pages(data: bytes) -> list[list[Item]]:
    """Every page's items. pdfium reads text and simple ruled tables about a hundred times faster than
    pdfminer; pdfplumber is opened only for pages pdfium cannot read alone (see `_pdfium_items`)."""
    _check_streams(data)
    document = pdfium.PdfDocument(data)
    try:
        limits.check("pdf-pages", len(document))
        pages: list[list[Item] | None] = []
        typed = False  # whether the body of a page read so far prints typed blanks as glyphs (see pdf_text)
        unsure: list[int] = []  # pages read before that was known, with gaps it decides
        for k in range(len(document)):
            items, tells, gaps = _read_page(document, k, typed)
            pages.append(items)
            if tells and not typed:
                typed = True
                for j in unsure:
                    pages[j] = _read_page(document, j, True)[0]
            elif gaps and not typed:
                unsure.append(k)
    finally:
        document.close()
    slow = [k for k, items in enumerate(pages) if items is None]
    if slow:
        from keneng_audit.reading.pdf_plumber import read_pages

        for k, items in read_pages(data, slow).items():
            pages[k] = items
    return pages  # type: ignore[return-value]


_STREAM_RE = re.compile(rb"stream\r?\n")
_DEFLATE_MAX_RATIO = 1032  # deflate never inflates one byte to more than 1032


def _check_streams(data: bytes) -> None:
    """LimitError for a stream that inflates beyond the limit `pdf-stream-mb`: pdfium would inflate it whole."""
    limit = limits.megabytes("pdf-stream-mb")
    for m in _STREAM_RE.finditer(data):
        end = data.find(b"endstream", m.end())
        if end < 0:
            break
        if (end - m.end()) * _DEFLATE_MAX_RATIO <= limit:
            continue  # too short to inflate beyond the limit: not worth inflating twice (pdfium inflates it too)
        inflater = zlib.decompressobj()
        try:
            out = inflater.decompress(data[m.end():end], limit + 1)
        except zlib.error:
            continue  # not a Flate stream (images, fonts in other encodings)
        if len(out) > limit:
            limits.check("pdf-stream-mb", len(out) / 2**20)


def _read_page(document, k: int, typed: bool) -> tuple[list[Item] | None, bool, bool]:
    page = document[k]
    try:
        return _pdfium_items(page, typed)
    finally:
        page.close()


def _pdfium_items(page, typed: bool) -> tuple[list[Item] | None, bool, bool]:
    """The page's text lines and ruled tables with their place (None when the page needs pdfplumber: a table
    not closed, stroked curves, text objects whose glyphs carry no characters pdfium can tell, or a font that is
    neither embedded nor installed); whether its body prints typed blanks as glyphs, and whether it has gaps
    beside Chinese that are blanks only where none is."""
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        text = page_lines(textpage, height, typed)
        if text.unmeasured:
            # pdfium measures such a font's glyphs as having no height and leaves out every text object of one
            # glyph (a wrapped label's last character): pdfminer reads the font's own widths and keeps them all.
            return None, text.typed, text.gaps
        tables = ruled_tables(page, textpage, text.blanks)
        if tables is None:
            return None, text.typed, text.gaps
        band = height * _MARGIN
        boxes = [box for box, _ in tables]
        items: list[Item] = [(height - box[3], grid, False) for box, grid in tables if grid]
        outside = [line for line in text.lines
                   if not any(x0 <= line.x <= x1 and y0 <= (line.bottom + line.top) / 2 <= y1 for x0, y0, x1, y1 in boxes)]

        def in_margin(line) -> bool:
            return height - line.bottom < band or height - line.top > height - band

        for line in realign(textpage, text.text, outside, boxes, in_margin):
            items.append((height - line.top, StyledLine(line.text, line.style), in_margin(line)))
        items.sort(key=lambda item: item[0])
        return items, text.typed, text.gaps
    finally:
        textpage.close()
