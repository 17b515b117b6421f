"""Ruled tables read from a PDF page's drawn lines and text through pypdfium2: a grid of thin lines, a cell per box."""

from __future__ import annotations

import ctypes
from bisect import bisect_left

import pypdfium2.raw as pdfium_c

from keneng_audit import limits
from keneng_audit.reading.blocks import LEFT, OWN, UP, join_cell_lines, resolve_merges
from keneng_audit.reading.pdf_text import Blank, cell_text_fixed

_THIN = 2.0  # points: a drawn line, not a box
_TOL = 1.5  # points: lines this close are one line; a cell edge may fall this short of its corner
Grid = tuple[tuple[float, float, float, float], list[list[str]]]  # (left, bottom, right, top), rows of cell texts
_MAX_SEGMENTS = 5000  # a path with more is a drawing: its edges are not a table's (and would cost seconds)
Line = tuple[float, float, float]  # horizontal: (y, x0, x1); vertical: (x, y0, y1)


def _cluster(values: list[float], tol: float = _TOL) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def drawn_lines(page) -> tuple[list[Line], list[Line], int] | None:
    """The page's thin drawn lines (horizontal, vertical; the edges of stroked boxes included) and its number of
    text objects, in one pass over its objects through pdfium's C API: a browser prints every glyph as an
    object of its own, and pdfium's Python objects would cost more than the page's text. None for a stroked
    curve (pdfplumber reads that page)."""
    hs: list[Line] = []
    vs: list[Line] = []
    texts = 0
    box = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(v) for v in box]
    get_type, get_bounds = pdfium_c.FPDFPageObj_GetType, pdfium_c.FPDFPageObj_GetBounds
    text_kind, path_kind, form_kind = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    pending = [(pdfium_c.FPDFPage_CountObjects(page.raw), pdfium_c.FPDFPage_GetObject, page.raw, 0)]
    while pending:
        count, get, parent, depth = pending.pop()
        for i in range(max(count, 0)):
            obj = get(parent, i)
            kind = get_type(obj) if obj else None
            if kind == text_kind:
                texts += 1
            elif kind == form_kind and depth == 0:
                pending.append((pdfium_c.FPDFFormObj_CountObjects(obj), pdfium_c.FPDFFormObj_GetObject, obj, 1))
            elif kind == path_kind and get_bounds(obj, *refs):
                left, bottom, right, top = (v.value for v in box)
                if top - bottom <= _THIN and right - left > _THIN:
                    hs.append(((bottom + top) / 2, left, right))
                elif right - left <= _THIN and top - bottom > _THIN:
                    vs.append(((left + right) / 2, bottom, top))
                elif right - left > _THIN and top - bottom > _THIN and not _path_edges(obj, hs, vs):
                    return None
    return hs, vs, texts


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
    count = pdfium_c.FPDFPath_CountSegments(obj)
    if count > _MAX_SEGMENTS:
        return True  # a chart or a drawing, not a table's rules
    for k in range(count):
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


def ruled_tables(page, textpage, blanks: list[Blank] = ()) -> list[Grid] | None:
    """The page's ruled tables: every cell a box closed by thin drawn lines, its text read within the box.
    None when the page needs pdfplumber: a stroked curve, a table not closed or whose merged cells are not
    rectangles, or text objects of which pdfium reads not one character (glyphs it cannot map to Unicode)."""
    lines = drawn_lines(page)
    if lines is None:
        return None
    hs, vs, texts = lines
    if texts and pdfium_c.FPDFText_CountChars(textpage.raw) <= 0:
        return None
    tables: list[Grid] = []
    for group in _connected(_merged(hs), _merged(vs)):
        for gh, gv in _stacked(*group):
            xs = _cluster([x for x, _, _ in gv])
            ys = sorted(_cluster([y for y, _, _ in gh]), reverse=True)
            if len(xs) < 2 or len(ys) < 2:
                continue  # a rule under a running header, a three-line table's rules: no cells to read
            grid = _grid(gh, gv, xs, ys, textpage, blanks)
            if grid is None:
                return None
            tables.append(grid)
    return tables


def _stacked(gh: list[Line], gv: list[Line]) -> list[tuple[list[Line], list[Line]]]:
    """Tables set one right under the other (a Word table split in two, the header repeated), whose borders
    touch: parted where the rows above are ruled at places the rows below are not, and the other way round (a
    title merged over two columns only leaves a rule out). Top to bottom."""
    xs = _cluster([x for x, _, _ in gv])
    ys = sorted(_cluster([y for y, _, _ in gh]), reverse=True)
    if len(xs) < 3 or len(ys) < 3:
        return [(gh, gv)]
    down = _Rules(gv, xs)
    inner = [frozenset(j for j in range(1, len(xs) - 1) if down.covers(j, ys[i + 1], ys[i])) for i in range(len(ys) - 1)]
    for r in range(1, len(inner)):
        above, below = frozenset().union(*inner[:r]), frozenset().union(*inner[r:])
        if above - below and below - above and all(inner[i] for i in range(len(inner))):
            cut = ys[r]
            upper = ([h for h in gh if h[0] >= cut - _TOL], [v for v in gv if v[2] > cut + _TOL])
            lower = ([h for h in gh if h[0] <= cut + _TOL], [v for v in gv if v[1] < cut - _TOL])
            return [(upper[0], [(x, max(lo, cut), hi) for x, lo, hi in upper[1]]), *_stacked(
                lower[0], [(x, lo, min(hi, cut)) for x, lo, hi in lower[1]])]
    return [(gh, gv)]


def _merged(lines: list[Line]) -> list[Line]:
    """Collinear pieces that touch or overlap joined into one line: a browser draws each cell's border apart.
    Pieces a fraction of a point apart are one line (two tables' borders may stand 0.7 pt apart)."""
    groups: list[list[Line]] = []
    for line in sorted(lines):
        if groups and line[0] - groups[-1][-1][0] <= _TOL:
            groups[-1].append(line)
        else:
            groups.append([line])
    out: list[Line] = []
    for group in groups:
        at = sum(line[0] for line in group) / len(group)
        spans = sorted((lo, hi) for _, lo, hi in group)
        lo, hi = spans[0]
        for start, end in spans[1:]:
            if start <= hi + _TOL:
                hi = max(hi, end)
            else:
                out.append((at, lo, hi))
                lo, hi = start, end
        out.append((at, lo, hi))
    return out


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


_CELL_CHARS = 4096  # a cell's text read in one call into a buffer this long (pypdfium2 asks twice)


def _bounded_text(textpage, left: float, bottom: float, right: float, top: float, buffer) -> str:
    """The text within a box: pdfium scans the page's characters on every call, so it is called once."""
    n = pdfium_c.FPDFText_GetBoundedText(textpage.raw, left, top, right, bottom, buffer, _CELL_CHARS)
    if n >= _CELL_CHARS:
        return textpage.get_text_bounded(left=left, bottom=bottom, right=right, top=top)
    # with a buffer, pdfium counts the terminating NUL it writes
    return ctypes.string_at(buffer, 2 * n).decode("utf-16-le", errors="ignore").rstrip("\x00") if n > 0 else ""


def _grid(gh: list[Line], gv: list[Line], xs: list[float], ys: list[float], textpage,
          blanks: list[Blank]) -> Grid | None:
    """One table's cells (`xs` left to right, `ys` top to bottom): a rule left out between two grid positions
    merges them into one cell (an office suite's merged cells), read once over its whole box. None for a grid
    that is not closed or whose merged cells are not rectangles (pdfplumber reads it)."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    limits.check("table-cells", n_rows * n_cols)  # before a text read per cell
    across, down = _Rules(gh, ys), _Rules(gv, xs)
    if not (all(across.covers(0, xs[j], xs[j + 1]) and across.covers(n_rows, xs[j], xs[j + 1]) for j in range(n_cols))
            and all(down.covers(0, ys[i + 1], ys[i]) and down.covers(n_cols, ys[i + 1], ys[i]) for i in range(n_rows))):
        return None  # not closed
    owner = _cells(n_rows, n_cols, lambda i, j: not down.covers(j, ys[i + 1], ys[i]),
                   lambda i, j: not across.covers(i, xs[j], xs[j + 1]))
    if owner is None:
        return None
    buffer = (ctypes.c_ushort * _CELL_CHARS)()
    rows: list[list[tuple[str, str]]] = []
    for i in range(n_rows):
        row = []
        for j in range(n_cols):
            r0, c0, r1, c1 = owner[i][j]
            if (i, j) != (r0, c0):
                row.append(("", LEFT if j > c0 else UP))
                continue
            box = (xs[c0], ys[r1 + 1], xs[c1 + 1], ys[r0])
            text = _bounded_text(textpage, *box, buffer)
            row.append((join_cell_lines(cell_text_fixed(text, box, blanks)), OWN))
        rows.append(row)
    return (xs[0], ys[-1], xs[-1], ys[0]), resolve_merges(rows)


def _cells(n_rows: int, n_cols: int, open_left, open_up) -> list[list[tuple[int, int, int, int]]] | None:
    """Each grid position's cell as (first row, first column, last row, last column): positions with no rule
    between them are one cell. None when a cell so formed is not a rectangle."""
    parent = list(range(n_rows * n_cols))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i in range(n_rows):
        for j in range(n_cols):
            if j and open_left(i, j):
                parent[find(i * n_cols + j)] = find(i * n_cols + j - 1)
            if i and open_up(i, j):
                parent[find(i * n_cols + j)] = find((i - 1) * n_cols + j)
    members: dict[int, list[tuple[int, int]]] = {}
    for k in range(n_rows * n_cols):
        members.setdefault(find(k), []).append(divmod(k, n_cols))
    owner: list[list[tuple[int, int, int, int]]] = [[(0, 0, 0, 0)] * n_cols for _ in range(n_rows)]
    for cell in members.values():
        r0, r1 = min(r for r, _ in cell), max(r for r, _ in cell)
        c0, c1 = min(c for _, c in cell), max(c for _, c in cell)
        if len(cell) != (r1 - r0 + 1) * (c1 - c0 + 1):
            return None
        for r, c in cell:
            owner[r][c] = (r0, c0, r1, c1)
    return owner
