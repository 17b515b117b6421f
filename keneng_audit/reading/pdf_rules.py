"""Ruled tables read from a PDF page's drawn lines and text through pypdfium2: a grid of thin lines, a cell per box."""

from __future__ import annotations

import ctypes
from bisect import bisect_left

import pypdfium2.raw as pdfium_c

from keneng_audit.reading.blocks import OWN, join_cell_lines, resolve_merges

_THIN = 2.0  # points: a drawn line, not a box
_TOL = 1.5  # points: lines this close are one line; a cell edge may fall this short of its corner
Grid = tuple[tuple[float, float, float, float], list[list[str]]]  # (left, bottom, right, top), rows of cell texts
Line = tuple[float, float, float]  # horizontal: (y, x0, x1); vertical: (x, y0, y1)


def _cluster(values: list[float], tol: float = _TOL) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def drawn_lines(page, textpage) -> tuple[list[Line], list[Line]] | None:
    """The page's thin drawn lines (horizontal, vertical), the edges of stroked boxes included, in one pass
    over its objects through pdfium's C API (its Python objects cost more than the page's text). None when
    the page needs pdfplumber: a text object whose glyphs pdfium cannot map to characters, or a stroked curve."""
    hs: list[Line] = []
    vs: list[Line] = []
    box = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(v) for v in box]
    pending = [(pdfium_c.FPDFPage_CountObjects(page.raw), pdfium_c.FPDFPage_GetObject, page.raw, 0)]
    while pending:
        count, get, parent, depth = pending.pop()
        for i in range(max(count, 0)):
            obj = get(parent, i)
            if not obj:
                continue
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth == 0:
                pending.append((pdfium_c.FPDFFormObj_CountObjects(obj), pdfium_c.FPDFFormObj_GetObject, obj, 1))
            if kind not in (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH):
                continue
            if not pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
                continue
            left, bottom, right, top = (v.value for v in box)
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                # A space drawn on its own (Chromium does) has no area and rightly no character.
                if right - left > 0.1 and top - bottom > 0.1 and _text_bytes(obj, textpage) <= 2:
                    return None
            elif top - bottom <= _THIN and right - left > _THIN:
                hs.append(((bottom + top) / 2, left, right))
            elif right - left <= _THIN and top - bottom > _THIN:
                vs.append(((left + right) / 2, bottom, top))
            elif right - left > _THIN and top - bottom > _THIN and not _path_edges(obj, hs, vs):
                return None
    return hs, vs


def _text_bytes(obj, textpage) -> int:
    """Bytes of the text object's characters, the final NUL included (2 for none)."""
    return pdfium_c.FPDFTextObj_GetText(obj, textpage.raw, None, 0)


def _path_edges(obj, hs: list[Line], vs: list[Line]) -> bool:
    """Adds a larger path's straight edges when it is stroked (a box around a cell, a table drawn as one path);
    a filled shape without a stroke is a background and adds nothing. False for a stroked curve."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) or not stroke.value:
        return True
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return False
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float]] = []
    start: tuple[float, float] | None = None
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            return False
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not points:
            start = point
        else:
            _add_edge(points[-1], point, hs, vs)
        points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            _add_edge(point, start, hs, vs)
    return True


def _add_edge(a: tuple[float, float], b: tuple[float, float], hs: list[Line], vs: list[Line]) -> None:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) <= 0.5 and abs(x0 - x1) > _THIN:
        hs.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= 0.5 and abs(y0 - y1) > _THIN:
        vs.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def ruled_tables(page, textpage) -> list[Grid] | None:
    """The page's ruled tables: every cell a box closed by thin drawn lines, its text read within the box.
    None when the page needs pdfplumber (see `drawn_lines`) or a table merges cells."""
    lines = drawn_lines(page, textpage)
    if lines is None:
        return None
    hs, vs = lines
    tables: list[Grid] = []
    for gh, gv in _connected(hs, vs):
        xs = _cluster([x for x, _, _ in gv])
        ys = sorted(_cluster([y for y, _, _ in gh]), reverse=True)
        if len(xs) < 2 or len(ys) < 2:
            continue  # a rule under a running header, a three-line table's rules: no cells to read
        grid = _grid(gh, gv, xs, ys, textpage)
        if grid is None:
            return None
        tables.append(grid)
    return tables


def _connected(hs: list[Line], vs: list[Line]) -> list[tuple[list[Line], list[Line]]]:
    """Groups of lines that cross or touch: one group per table (lines crossing nothing are left out)."""
    n = len(hs) + len(vs)
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i, (y, x0, x1) in enumerate(hs):
        for j, (x, y0, y1) in enumerate(vs):
            if x0 - 2 <= x <= x1 + 2 and y0 - 2 <= y <= y1 + 2:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, list[int]] = {}
    for k in range(n):
        groups.setdefault(find(k), []).append(k)
    out = []
    for members in groups.values():
        gh = [hs[k] for k in members if k < len(hs)]
        gv = [vs[k - len(hs)] for k in members if k >= len(hs)]
        if gh or gv:
            out.append((gh, gv))
    return out


class _Rules:
    """The lines of one table by their clustered position, for quick "is this edge drawn" questions."""

    def __init__(self, lines: list[Line], positions: list[float]):
        self.spans: list[list[tuple[float, float]]] = [[] for _ in positions]
        ordered = sorted(positions)
        for at, lo, hi in lines:
            k = bisect_left(ordered, at - _TOL)
            if k < len(ordered) and ordered[k] <= at + _TOL:
                self.spans[positions.index(ordered[k])].append((lo, hi))

    def covers(self, k: int, lo: float, hi: float) -> bool:
        return any(a <= lo + _TOL and b >= hi - _TOL for a, b in self.spans[k])


def _grid(gh: list[Line], gv: list[Line], xs: list[float], ys: list[float], textpage) -> Grid | None:
    """One table's cells (`xs` left to right, `ys` top to bottom); None for a grid that merges cells or is
    not closed (pdfplumber reads it)."""
    across, down = _Rules(gh, ys), _Rules(gv, xs)
    rows = []
    for i in range(len(ys) - 1):
        top, bottom = ys[i], ys[i + 1]
        row = []
        for j in range(len(xs) - 1):
            left, right = xs[j], xs[j + 1]
            if not (across.covers(i, left, right) and across.covers(i + 1, left, right)
                    and down.covers(j, bottom, top) and down.covers(j + 1, bottom, top)):
                return None  # a merged cell
            text = textpage.get_text_bounded(left=left, bottom=bottom, right=right, top=top)
            row.append((join_cell_lines(text), OWN))
        rows.append(row)
    return (xs[0], ys[-1], xs[-1], ys[0]), resolve_merges(rows)
