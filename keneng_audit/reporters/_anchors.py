"""Where each finding's values stand in the read report: table cells and spans of paragraphs (HTML and DOCX output)."""

from __future__ import annotations

from dataclasses import dataclass, field

from keneng_audit.document import Cell, Document, Paragraph, Section, Table
from keneng_audit.findings import AuditResult, Finding, PrintedValue
from keneng_audit.normalize import label_key


@dataclass
class Anchors:
    """The report's blocks in printed order and, for every finding, the places of its values.

    `cells`: (table index, row index, column) → finding indexes; `spans`: paragraph index → [(start, end,
    finding indexes)]; `places`: finding index → the anchors of its values, in the finding's value order
    (("cell", t, r, column) or ("span", p, start)); a finding none of whose values could be placed has none.
    """

    doc: Document
    blocks: list[tuple[str, int, object]] = field(default_factory=list)  # (kind, index, Section|Paragraph|Table)
    cells: dict[tuple[int, int, str], list[int]] = field(default_factory=dict)
    spans: dict[int, list[tuple[int, int, list[int]]]] = field(default_factory=dict)
    places: dict[int, list[tuple]] = field(default_factory=dict)


def read_document(result: AuditResult) -> Document | None:
    """The report the result is about, read again (reporters receive findings; the report is the file);
    None when it cannot be read any more (moved, or findings from elsewhere): the findings are shown alone."""
    from pathlib import Path

    from keneng_audit.errors import KenengError
    from keneng_audit.reading import read_report

    try:
        return read_report(Path(result.file))
    except (KenengError, OSError):
        return None


def blocks_of(doc: Document) -> list[tuple[str, int, object]]:
    """Headings, paragraphs and tables in the order they were printed."""
    items: list[tuple[tuple, str, int, object]] = []
    for i, s in enumerate(doc.sections):
        items.append(((s.source.line, 0), "heading", i, s))
    for i, p in enumerate(doc.paragraphs):
        if p.text.strip():
            items.append(((p.source.line, 1), "paragraph", i, p))
    for i, t in enumerate(doc.tables):
        items.append(((t.source.line, 2), "table", i, t))
    items.sort(key=lambda item: item[0])
    # A heading's text is often also read as a paragraph of its own: keep the heading.
    headings = {(s.source.line, label_key(f"{s.number}{s.title}")) for s in doc.sections}
    return [(kind, i, obj) for _, kind, i, obj in items
            if not (kind == "paragraph" and (obj.source.line, label_key(obj.text)) in headings)]


def anchor(doc: Document | None, findings: list[Finding]) -> Anchors:
    """Places every compared value of every finding; values that cannot be found are left out."""
    doc = doc or Document(path="", format="text", lines=[])
    found = Anchors(doc=doc, blocks=blocks_of(doc))
    for index, finding in enumerate(findings):
        places = []
        for value in finding.values:
            place = _cell_of(doc, value) or _span_of(doc, value)
            if place is None or place in places:
                continue
            places.append(place)
            if place[0] == "cell":
                found.cells.setdefault(place[1:], []).append(index)
            else:
                _add_span(found.spans.setdefault(place[1], []), place[2], place[2] + len(value.text), index)
        found.places[index] = places
    return found


def _add_span(spans: list, start: int, end: int, index: int) -> None:
    for i, (s, e, owners) in enumerate(spans):
        if s == start and e == end:
            if index not in owners:
                owners.append(index)
            return
        if s < end and start < e:  # overlapping a different span: the value shares the first one's mark
            if index not in owners:
                owners.append(index)
            return
    spans.append((start, end, [index]))
    spans.sort(key=lambda span: span[0])


def _cell_of(doc: Document, value: PrintedValue) -> tuple | None:
    if not value.table:
        return None
    tables = [(i, t) for i, t in enumerate(doc.tables) if label_key(t.key) == label_key(value.table)]
    for t_index, table in tables:
        for r_index, row in enumerate(table.rows):
            for column, cell in row.cells.items():
                if _same(cell, value) and (row.label == value.row or label_key(row.label) == label_key(value.row or "")):
                    if value.column is None or column == value.column or label_key(column) == label_key(value.column):
                        return ("cell", t_index, r_index, column)
        # Headers a rule pack renamed by position: the cell printed on that line with that text.
        for r_index, row in enumerate(table.rows):
            for column, cell in row.cells.items():
                if _same(cell, value) and value.line is not None and cell.source.line == value.line:
                    return ("cell", t_index, r_index, column)
    return None


def _same(cell: Cell, value: PrintedValue) -> bool:
    return "".join(cell.text.split()) == "".join(value.text.split()) or (
        cell.number is not None and cell.number.text == value.text)


def _span_of(doc: Document, value: PrintedValue) -> tuple | None:
    """The value's text in the paragraph printed on its line: the first occurrence from that line on."""
    if value.line is None or not value.text:
        return None
    for p_index, paragraph in enumerate(doc.paragraphs):
        start = _line_offset(paragraph, value)
        if start is None:
            continue
        at = _number_at(paragraph.text, value.text, start)
        if at < 0:
            at = _number_at(paragraph.text, value.text, 0)
        if at >= 0:
            return ("span", p_index, at)
    return None


def _number_at(text: str, printed: str, start: int) -> int:
    """Where `printed` stands from `start` on as a whole number: the 6 of `6 个学院`, not the 6 inside `560`."""
    digit = printed[:1].isdigit(), printed[-1:].isdigit()
    at = text.find(printed, start)
    while at >= 0:
        before, after = text[at - 1:at], text[at + len(printed):at + len(printed) + 1]
        if not (digit[0] and (before.isdigit() or before == ".")) and \
                not (digit[1] and (after.isdigit() or (after == "." and text[at + len(printed) + 1:][:1].isdigit()))):
            return at
        at = text.find(printed, at + 1)
    return -1


def _line_offset(paragraph: Paragraph, value: PrintedValue) -> int | None:
    starts = paragraph.line_starts or [(0, paragraph.source)]
    for offset, source in starts:
        if source.line == value.line:
            return offset
    return None


def section_title(section: Section) -> str:
    return f"{section.number} {section.title}".strip()


def table_grid(table: Table) -> tuple[list[str], list[tuple[int, str, list[tuple[str, Cell | None]]]]]:
    """The header row and each row's (index, label, [(column, cell)]) as printed."""
    rows = []
    for r_index, row in enumerate(table.rows):
        rows.append((r_index, row.label, [(c, row.cells.get(c)) for c in table.columns]))
    return list(table.columns), rows
