"""Reads a DOCX report (paragraphs and Word tables in document order) into a Document."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import docx
from docx.exceptions import PythonDocxError
from docx.oxml.ns import qn
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph
from lxml.etree import XPath

from keneng_audit import limits
from keneng_audit.document import Document, SourceRef
from keneng_audit.errors import InputError
from keneng_audit.reading.blocks import (LEFT, OWN, UP, Block, GridTable, TextLine, assemble, join_cell_lines,
                                         resolve_merges)
from keneng_audit.reading.wordnum import Numbering, paragraph_style

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_docx(path: str, data: bytes) -> Document:
    """Every paragraph and every table row gets the next ordinal, used as its line; paragraphs also their number,
    table rows their number within the table (a cell also its column)."""
    document = _open(path, data)
    try:
        blocks, lines = _blocks(document)
    except (ValueError, KeyError, PythonDocxError) as exc:  # malformed values inside well-formed XML
        detail = f"{type(exc).__name__}: {exc}"
        raise InputError(f"{path}: DOCX 内容无法解析 / DOCX content cannot be parsed ({detail})") from None
    return assemble(blocks, path, "docx", lines)


def _blocks(document) -> tuple[list[Block], list[str]]:
    """Text lines and Word tables, with the ordinal line of every paragraph and table row."""
    numbering = Numbering(document)
    blocks: list[Block] = []
    lines: list[str] = []
    paragraph_no = 0
    for item in _body_items(document, document.element.body):
        if isinstance(item, WordParagraph):
            paragraph_no += 1
            source = SourceRef(line=len(lines) + 1, paragraph=paragraph_no)
            label = numbering.label(item)
            text = f"{label} {_text(item._p)}" if label else _text(item._p)
            lines.append(" ".join(text.split("\n")))
            level = outline_level(item) if text.strip() else None
            blocks.extend(TextLine(piece, source, level) for piece in text.split("\n") if piece.strip())
        else:
            grid = _grid(item)
            sources = []
            for k, row in enumerate(grid, start=1):
                sources.append(SourceRef(line=len(lines) + 1, table_row=k))
                lines.append(" ".join(c for c in row if c))
            if grid:
                blocks.append(GridTable(grid, sources))
    return blocks, lines


def outline_level(paragraph) -> int | None:
    """1 for a top heading: Word's Heading styles (any language: `Heading 1`, `标题 1`) carry an outline level,
    which a paragraph or its style may also set directly; a heading style that lost its level (a copy saved by
    another editor) still counts by its name. Body text has none."""
    styles = []
    style = paragraph_style(paragraph)
    while style is not None and len(styles) < 10:
        styles.append(style)
        style = style.base_style
    for p_pr in [paragraph._p.pPr, *(s.element.pPr for s in styles)]:
        value = p_pr.find(qn("w:outlineLvl")) if p_pr is not None else None
        if value is not None:
            try:
                level = int(value.get(qn("w:val")))
            except (TypeError, ValueError):
                return None
            return level + 1 if 0 <= level < 9 else None  # 9 is "body text"
    for s in styles:
        m = _HEADING_NAME_RE.match(s.name or "")
        if m:
            return int(m.group(1))
    return None


_HEADING_NAME_RE = re.compile(r"^\s*(?:heading|标题)\s*([1-9])\s*$", re.IGNORECASE)


def _body_items(document, parent) -> Iterator[WordParagraph | WordTable]:
    """Paragraphs and tables in document order, including those inside content controls (w:sdt)."""
    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            yield WordParagraph(child, document)
        elif child.tag == qn("w:tbl"):
            yield WordTable(child, document)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_items(document, content)


# Run text as printed: tracked insertions included (python-docx skips runs inside w:ins), deletions, moved-away
# text and text boxes left out, tabs and line breaks kept.
_RUN_TEXT = XPath(
    "(.//w:r/w:t | .//w:r/w:tab | .//w:r/w:br | .//w:r/w:cr)"
    "[not(ancestor::w:txbxContent) and not(ancestor::w:moveFrom)]",
    namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
)


def _text(paragraph) -> str:
    """A w:p element's text as Word shows it."""
    out = []
    for node in _RUN_TEXT(paragraph):
        tag = node.tag.rsplit("}", 1)[-1]
        out.append(node.text or "" if tag == "t" else "\t" if tag == "tab" else "\n")
    return "".join(out)


def _open(path: str, data: bytes):
    if data.startswith(OLE2_MAGIC):
        raise InputError(f"{path}: 这是旧版 Word (.doc) 或受密码保护的 Office 文件，请另存为 .docx / "
                         "a legacy Word .doc or password-protected Office file; save it as .docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{path}: DOCX 文件已损坏 / corrupt DOCX file ({exc})") from None
    infos = archive.infolist()
    limits.check("docx-members", len(infos))
    # The sizes a member declares bound what zipfile will inflate it to (it stops there), so their sum bounds
    # the whole document: a zip bomb is refused before anything is inflated.
    limits.check("docx-unzipped-mb", sum(i.file_size for i in infos) / 2**20)
    # python-docx parses the XML parts whole, at several times their size in memory; pictures are never parsed.
    limits.check("docx-xml-mb", sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels"))) / 2**20)
    if "word/document.xml" not in names:
        raise InputError(f"{path}: 这个 ZIP 文件不是 Word 文档 (DOCX) / a ZIP archive that is not a DOCX document")
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and lxml raise many types for a damaged package
        raise InputError(f"{path}: DOCX 文件已损坏 / corrupt DOCX file ({type(exc).__name__}: {exc})") from None


def _grid(table: WordTable) -> list[list[str]]:
    """Cell texts per row on the table's layout grid, merged cells resolved."""
    marked: list[list[tuple[str, str]]] = []
    cells = 0
    for tr in table._tbl.tr_lst:
        spans = [tr.grid_before, tr.grid_after, *(tc.grid_span for tc in tr.tc_lst)]
        limits.check("grid-span", max(spans))  # checked before a row of that width is built
        cells += sum(spans)
        limits.check("table-cells", cells)
        row: list[tuple[str, str]] = [("", OWN)] * tr.grid_before
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":
                row.extend([("", UP)] * tc.grid_span)
            else:
                row.append((join_cell_lines("\n".join(_text(p) for p in tc.iterchildren(qn("w:p")))), OWN))
                row.extend([("", LEFT)] * (tc.grid_span - 1))
        row.extend([("", OWN)] * tr.grid_after)
        marked.append(row)
    return resolve_merges(marked)
