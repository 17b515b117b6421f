"""Ruled tables read from a PDF page's drawn lines and text through pypdfium2: a grid of thin lines, a cell per box."""

from __future__ import annotations

import pypdfium2.raw as pdfium_c

from keneng_audit.reading.blocks import OWN, join_cell_lines, resolve_merges

_THIN = 2.0  # points: a drawn line, not a box
Grid = tuple[tuple[float, float, float, float], list[list[str]]]  # (left, bottom, right, top), rows of cell texts

def _near(a: float, b: float, tol: float = 1.5) -> bool:
    return abs(a - b) <= tol


def _cluster(values: list[float], tol: float = 1.5) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def ruled_tables(page, textpage) -> list[Grid] | None:
    """The page's ruled tables: every cell a box closed by thin drawn lines, its text read within the box.
    None when the page draws something else (boxes, curves) or a table merges cells: pdfplumber reads those."""
    hs, vs = [], []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        l, b, r, t = obj.get_bounds()
        if t - b <= _THIN and r - l > _THIN:
            hs.append(((b + t) / 2, l, r))
        elif r - l <= _THIN and t - b > _THIN:
            vs.append(((l + r) / 2, b, t))
        elif r - l > _THIN and t - b > _THIN:
            return None  # a rectangle or curve: leave the page to pdfplumber
    if not hs and not vs:
        return []
    n = len(hs) + len(vs)
    parent = list(range(n))  # lines that cross belong to one table

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
    tables: list[Grid] = []
    for members in groups.values():
        gh = [hs[k] for k in members if k < len(hs)]
        gv = [vs[k - len(hs)] for k in members if k >= len(hs)]
        xs = _cluster([x for x, _, _ in gv])
        ys = sorted(_cluster([y for y, _, _ in gh]), reverse=True)
        if len(xs) < 2 or len(ys) < 2:
            return None
        def has_h(y: float, x0: float, x1: float) -> bool:
            return any(_near(hy, y) and hx0 <= x0 + 1.5 and hx1 >= x1 - 1.5 for hy, hx0, hx1 in gh)

        def has_v(x: float, y0: float, y1: float) -> bool:
            return any(_near(vx, x) and vy0 <= y0 + 1.5 and vy1 >= y1 - 1.5 for vx, vy0, vy1 in gv)

        rows = []
        for i in range(len(ys) - 1):
            top, bottom = ys[i], ys[i + 1]
            row = []
            for j in range(len(xs) - 1):
                left, right = xs[j], xs[j + 1]
                if not (has_h(top, left, right) and has_h(bottom, left, right) and has_v(left, bottom, top)
                        and has_v(right, bottom, top)):
                    return None  # a merged cell
                text = textpage.get_text_bounded(left=left, bottom=bottom, right=right, top=top)
                row.append((join_cell_lines(text), OWN))
            rows.append(row)
        tables.append(((xs[0], ys[-1], xs[-1], ys[0]), resolve_merges(rows)))
    return tables
