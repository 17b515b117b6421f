"""A borderless PDF table's printed rows as cells with places: cells wrapped over two lines re-joined, and a
title printed over several columns set over each of them."""

from __future__ import annotations

from dataclasses import dataclass, replace

from keneng_audit.numbers import parse_number
from keneng_audit.reading.blocks import join_cell_lines
from keneng_audit.reading.pdf_text import PageLine, join_wrapped_number

_ROW_GAP = 1.0  # points: rows stand farther apart than the lines of one cell by at least this (the cells' padding)


@dataclass
class Cell:
    text: str
    left: float
    right: float

    @property
    def middle(self) -> float:
        return (self.left + self.right) / 2


@dataclass
class Row:
    """One printed row (top to bottom in PDF points, origin bottom left) and the pdfium line it came from."""

    line: PageLine
    cells: list[Cell]
    top: float
    bottom: float
    body: bool  # it ends in a number


def _under(lower: Cell, upper: list[Cell]) -> list[int]:
    return [k for k, cell in enumerate(upper) if min(cell.right, lower.right) > max(cell.left, lower.left)]


def join_wrapped(rows: list[Row]) -> list[Row]:
    """A line of words each under a cell of the row above, and nearer to it than the table's rows stand to each
    other (a cell's lines stand closer than rows, which the cells' padding parts), is the rest of those cells: `在校生` / `（人）`,
    `新能源汽车检测与维` / `修技术`. Without such padding the rows are left as printed."""
    gaps = sorted(a.bottom - b.top for a, b in zip(rows, rows[1:]) if b.body)  # a row ending in a number starts
    if not gaps:
        return rows
    row_gap = gaps[len(gaps) // 2]
    out: list[Row] = []
    for row in rows:
        above = out[-1] if out else None
        if above is not None and _continues(above, row, row_gap):
            cells = list(above.cells)
            for cell in row.cells:
                [j] = _under(cell, cells)
                cells[j] = Cell(join_cell_lines(join_wrapped_number(f"{cells[j].text}\n{cell.text}")), min(cells[j].left, cell.left),
                                max(cells[j].right, cell.right))
            out[-1] = replace(above, cells=cells, bottom=row.bottom)
            continue
        out.append(row)
    return out


def _continues(above: Row, row: Row, row_gap: float) -> bool:
    if row.body:
        return False
    hits = [_under(cell, above.cells) for cell in row.cells]
    if any(len(h) != 1 for h in hits) or len({h[0] for h in hits}) != len(hits):
        return False
    for cell, [k] in zip(row.cells, hits):
        if parse_number(cell.text) is not None and parse_number(join_wrapped_number(f"{above.cells[k].text}\n{cell.text}")) is None:
            return False  # a number of its own, not the rest of one a narrow cell broke
    return above.bottom - row.top + _ROW_GAP <= row_gap


def spread_titles(rows: list[Row]) -> list[Row]:
    """In a header of two printed rows or more, a title centred over several titles of the row below is set over
    each of them, as a merged header cell is read (`2024年` over `人数`, `占比（%）`)."""
    first_body = next((k for k, row in enumerate(rows) if row.body), len(rows))
    out = list(rows)
    for k in range(first_body - 1):
        upper, lower = out[k], out[k + 1]
        if len(upper.cells) >= len(lower.cells) or not upper.cells:
            continue
        children: dict[int, list[Cell]] = {}
        for cell in lower.cells:
            nearest = min(range(len(upper.cells)), key=lambda j: abs(upper.cells[j].middle - cell.middle))
            children.setdefault(nearest, []).append(cell)
        cells: list[Cell] = []
        for j, title in enumerate(upper.cells):
            group = children.get(j, [])
            if len(group) >= 2 and group[0].left <= title.middle <= group[-1].right:
                cells.extend(Cell(title.text, child.left, child.left + title.right - title.left) for child in group)
            else:
                cells.append(title)
        out[k] = replace(upper, cells=cells)
    return out
