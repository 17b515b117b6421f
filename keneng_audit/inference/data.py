"""Proposes relations only the numbers show (as AggreCol does): a column that is the sum or the difference
of others in each row, or a row that is the sum of the others, with no header word saying so."""

from __future__ import annotations

from itertools import permutations

import numpy as np

from keneng_audit.inference.candidates import Candidate, say
from keneng_audit.inference.model import TableModel
from keneng_audit.inference.words import norm

_MAX_COLUMNS = 10  # enough for any report table; bounds the search (≤ 720 differences)
_NUMBERS = ("count", "period", "increase")


def _grid(model: TableModel, columns: list[str], rows: list[str]) -> np.ndarray:
    """Values (rows × columns); NaN where nothing numeric is printed."""
    out = np.full((len(rows), len(columns)), np.nan)
    for i, label in enumerate(rows):
        row = model.table.row(label)
        for j, c in enumerate(columns):
            cell = row.cells.get(c) if row else None
            if cell is not None and cell.number is not None:
                out[i, j] = cell.number.value
    return out


def _tol(model: TableModel, columns: list[str], rows: list[str]) -> np.ndarray:
    """Half a unit of the last printed digit per cell: how far rounding may move it."""
    out = np.zeros((len(rows), len(columns)))
    for i, label in enumerate(rows):
        row = model.table.row(label)
        for j, c in enumerate(columns):
            cell = row.cells.get(c) if row else None
            if cell is not None and cell.number is not None and cell.number.kind != "count":
                out[i, j] = 0.5 * 10.0 ** (-cell.number.decimals)
    return out


def propose_data(model: TableModel, taken: set[str]) -> list[Candidate]:
    """Row-wise sums and differences among a table's number columns, and a total row no label names.
    `taken`: columns a named relation already explains (they are not proposed again)."""
    if model.period_rows or len(model.trusted) < len(model.table.columns):
        return []
    cols = [c.name for c in model.columns if c.role in _NUMBERS and c.kind in ("count", "decimal")]
    units = {c.name: c.unit for c in model.columns}
    cols = cols[:_MAX_COLUMNS]
    rows = model.parts
    found: list[Candidate] = []
    if len(rows) >= 3 and len(cols) >= 3:
        grid, tol = _grid(model, cols, rows), _tol(model, cols, rows)
        found += _row_sums(model, cols, rows, grid, tol, taken, units)
        found += _differences(model, cols, grid, tol, taken, units, {frozenset(c.params["parts"] + [c.params["total"]])
                                                                       for c in found})
    if not model.total_rows and len(model.table.rows) >= 4 and len(cols) >= 3:
        found += _total_row(model, cols)
    return found


def _holds(lhs: np.ndarray, rhs: np.ndarray, slack: np.ndarray) -> np.ndarray:
    return np.abs(lhs - rhs) <= slack + 1e-9


def _row_sums(model, cols, rows, grid, tol, taken, units) -> list[Candidate]:
    out = []
    n = len(cols)
    for t in range(n):
        if cols[t] in taken:
            continue
        runs = [list(range(t + 1, e)) for e in range(t + 3, n + 1)] + [list(range(s, t)) for s in range(0, t - 1)]
        for parts in runs:
            if len({units[cols[k]] for k in parts + [t]}) > 1:
                continue
            sub = grid[:, parts]
            ok_rows = ~np.isnan(grid[:, t]) & ~np.isnan(sub).any(axis=1)
            evidence = ok_rows & ((sub != 0).sum(axis=1) >= 2)
            held = evidence & _holds(sub.sum(axis=1), grid[:, t], tol[:, parts].sum(axis=1) + tol[:, t])
            if _enough(int(held.sum()), int(evidence.sum())):
                names = [cols[k] for k in parts]
                out.append(Candidate(
                    "sum", model.table, {"parts": names, "total": cols[t]},
                    say(f"数据：{int(held.sum())}/{int(evidence.sum())} 行中“{norm(cols[t])}”等于其相邻各列之和",
                        f"numbers: in {int(held.sum())} of {int(evidence.sum())} rows '{norm(cols[t])}' is the sum "
                        f"of the columns beside it"),
                    named=False, text=f"{norm(cols[t])} = {' + '.join(norm(x) for x in names)}", severity="warning"))
                break
    return out


def _differences(model, cols, grid, tol, taken, units, sums) -> list[Candidate]:
    best: dict[frozenset, tuple[float, Candidate]] = {}
    for t, a, b in permutations(range(len(cols)), 3):
        key = frozenset((cols[t], cols[a], cols[b]))
        if key in sums or cols[t] in taken or len({units[cols[t]], units[cols[a]], units[cols[b]]}) > 1:
            continue
        lhs, x, y = grid[:, t], grid[:, a], grid[:, b]
        ok = ~np.isnan(lhs) & ~np.isnan(x) & ~np.isnan(y)
        evidence = ok & (lhs != 0) & (x != 0) & (y != 0) & (x != y)
        held = evidence & _holds(x - y, lhs, tol[:, t] + tol[:, a] + tol[:, b])
        if not _enough(int(held.sum()), int(evidence.sum())):
            continue
        # t = a − b and b = a − t are one relation: the change is the column of the smaller numbers
        size = float(np.nanmedian(np.abs(lhs[ok])))
        if key in best and best[key][0] <= size:
            continue
        best[key] = (size, Candidate(
            "difference", model.table, {"increase": cols[t], "current": cols[a], "previous": cols[b]},
            say(f"数据：{int(held.sum())}/{int(evidence.sum())} 行中“{norm(cols[t])}”等于两列之差",
                f"numbers: in {int(held.sum())} of {int(evidence.sum())} rows '{norm(cols[t])}' is the "
                f"difference of two columns"),
            named=False, text=f"{norm(cols[t])} = {norm(cols[a])} − {norm(cols[b])}", severity="warning"))
    return [cand for _, cand in best.values()]


def _total_row(model: TableModel, cols: list[str]) -> list[Candidate]:
    """The first or last row equal to the sum of the others in most columns (a total printed without 合计)."""
    labels = [r.label for r in model.table.rows if r.label not in model.children]
    grid, tol = _grid(model, cols, labels), _tol(model, cols, labels)
    out = []
    for pos in (0, len(labels) - 1):
        others = [i for i in range(len(labels)) if i != pos]
        sub = grid[others]
        ok = ~np.isnan(grid[pos]) & (~np.isnan(sub)).sum(axis=0).astype(bool)
        evidence = ok & ((np.nan_to_num(sub) != 0).sum(axis=0) >= 2)
        held = evidence & _holds(np.nansum(sub, axis=0), grid[pos], tol[others].sum(axis=0) + tol[pos])
        if _enough(int(held.sum()), int(evidence.sum())):
            total = labels[pos]
            out.append(Candidate(
                "sum", model.table, {"column": [cols[j] for j in range(len(cols)) if evidence[j]], "total": total,
                                     "exclude": list(model.children)},
                say(f"数据：{int(held.sum())}/{int(evidence.sum())} 列中“{norm(total)}”行等于其余各行之和",
                    f"numbers: in {int(held.sum())} of {int(evidence.sum())} columns row '{norm(total)}' is the "
                    f"sum of the others"),
                named=False, text=f"{norm(total)} = Σ", severity="warning"))
            break
    return out


def _enough(held: int, seen: int) -> bool:
    """Enough evidence for a relation only the numbers show: at least 3 cases hold and more than 2/3."""
    return held >= 3 and held * 3 > seen * 2
