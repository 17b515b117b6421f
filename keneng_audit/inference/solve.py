"""One case of a table relation as a constraint on its printed numbers, and the values one of them may take
for the relation to hold, the others as printed (interval arithmetic; each formula is monotone in each operand)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import product

import numpy as np

from keneng_audit.facts.values import Val, half_up

Key = tuple[str, str | None, str | None]  # (table, row, column) of a printed cell
FREE = (-np.inf, np.inf)
NO_PART = "no part"  # the operand plays no part in the relation (a growth rate of increase / previous: current)


def key_of(printed) -> Key | None:
    return (printed.table, printed.row, printed.column) if printed.table else None


@dataclass
class Constraint:
    """Case `case` of rule `rule` (kind `kind`): its operands by role; `parts` is a list (sum) of Vals."""

    rule: str
    case: int
    kind: str
    ops: dict[str, Val | list[Val]]
    scale: float = 1.0
    held: bool = True
    alts: list = field(default_factory=list)  # a failing column sum: its parts under the other readings

    def vals(self) -> list[tuple[str, int, Val]]:
        out = []
        for role, v in self.ops.items():
            for k, one in enumerate(v if isinstance(v, list) else [v]):
                out.append((role, k, one))
        return out

    def cells(self) -> set[Key]:
        extra = [v for parts in self.alts for v in parts]
        return {k for v in [v for _, _, v in self.vals()] + extra for p in v.printed if (k := key_of(p)) is not None}

    def solve(self, cell: Key, own: Val) -> list[tuple[float, float]] | None:
        """The values `cell` (printed as `own`) may take for this case to hold, as a union of intervals (one per
        reading of a column sum's rows); None when it cannot be solved for (it sits in a difference of printed
        numbers, or twice)."""
        if not self.alts:
            found = self._solve(cell, own)
            return None if found is None else [found]
        out = []
        for parts in [self.ops["parts"], *self.alts]:
            found = replace(self, ops={**self.ops, "parts": parts}, alts=[])._solve(cell, own)
            if found is not None:
                out.append(found)
        return out or None

    def _solve(self, cell: Key, own: Val) -> tuple[float, float] | None:
        found = [(role, k, v) for role, k, v in self.vals() if any(key_of(p) == cell for p in v.printed)]
        if len(found) != 1:
            return None
        role, k, v = found[0]
        if len(v.printed) > 1 and " − " in v.display:
            return None
        whole = _SOLVERS[self.kind](self, role, k)
        if whole is NO_PART:  # changing it cannot mend a failing case, nor break a holding one
            return FREE if self.held else None
        if whole is None:
            return None
        rest_lo, rest_hi = v.lo - own.lo, v.hi - own.hi  # the other printed numbers a sum operand holds
        if len(v.printed) == 1:
            rest_lo = rest_hi = 0.0
        return (whole[0] - rest_hi, whole[1] - rest_lo)


def _iv(v: Val) -> tuple[float, float]:
    return (v.lo, v.hi)


def _corners(f, *ivs: tuple[float, float]) -> tuple[float, float]:
    """The range of f over the box (f monotone in each argument there)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        values = [f(*point) for point in product(*ivs)]
    if any(not np.isfinite(x) for x in values):
        return FREE
    return (min(values), max(values))


def _away_from_zero(*ivs: tuple[float, float]) -> bool:
    return all(lo > 0 or hi < 0 for lo, hi in ivs)


def _sum(c: Constraint, role: str, k: int):
    parts = c.ops["parts"]
    lo, hi = sum(p.lo for p in parts), sum(p.hi for p in parts)
    if role == "total":
        return (lo, hi)
    t = c.ops["total"]
    return (t.lo - (hi - parts[k].hi), t.hi - (lo - parts[k].lo))


def _quotient(top: str, bottom: str, value: str):
    """value = top / bottom × scale (share: × 100; ratio: × scale)."""
    def solve(c: Constraint, role: str, k: int):
        a, b, q = _iv(c.ops[top]), _iv(c.ops[bottom]), _iv(c.ops[value])
        s = c.scale
        if role == value:
            return _corners(lambda x, y: x / y * s, a, b) if _away_from_zero(b) else FREE
        if role == top:
            return _corners(lambda x, y: x * y / s, q, b)
        return _corners(lambda x, y: x * s / y, a, q) if _away_from_zero(q) else FREE
    return solve


def _difference(c: Constraint, role: str, k: int):
    inc, cur, prev = _iv(c.ops["increase"]), _iv(c.ops["current"]), _iv(c.ops["previous"])
    if role == "increase":
        return (cur[0] - prev[1], cur[1] - prev[0])
    if role == "current":
        return (inc[0] + prev[0], inc[1] + prev[1])
    return (cur[0] - inc[1], cur[1] - inc[0])


def _growth(c: Constraint, role: str, k: int):
    ops = {n: _iv(v) for n, v in c.ops.items()}
    r = ops["rate"]
    if "increase" in ops and "previous" in ops:  # rate = increase / previous
        i, p = ops["increase"], ops["previous"]
        if role == "rate":
            return _corners(lambda x, y: x / y * 100, i, p) if _away_from_zero(p) else FREE
        if role == "increase":
            return _corners(lambda x, y: x * y / 100, r, p)
        if role == "previous":
            return _corners(lambda x, y: x * 100 / y, i, r) if _away_from_zero(r) else FREE
        return NO_PART
    if "previous" in ops:  # rate = (current − previous) / previous
        cur, p = ops["current"], ops["previous"]
        if role == "rate":
            return _corners(lambda x, y: (x - y) / y * 100, cur, p) if _away_from_zero(p) else FREE
        if role == "current":
            return _corners(lambda x, y: y * (1 + x / 100), r, p)
        return _corners(lambda x, y: x / (1 + y / 100), cur, r) if _away_from_zero((1 + r[0] / 100, 1 + r[1] / 100)) else FREE
    i, cur = ops["increase"], ops["current"]  # rate = increase / (current − increase)
    if role == "rate":
        base = (cur[0] - i[1], cur[1] - i[0])
        return _corners(lambda x, y: x / (y - x) * 100, i, cur) if _away_from_zero(base) else FREE
    if role == "increase":
        return _corners(lambda x, y: x * y / (100 + x), r, cur) if _away_from_zero((100 + r[0], 100 + r[1])) else FREE
    return _corners(lambda x, y: x * (100 + y) / y, i, r) if _away_from_zero(r) else FREE


_SOLVERS = {"sum": _sum, "share": _quotient("part", "whole", "percent"),
            "ratio": _quotient("numerator", "denominator", "value"), "difference": _difference, "growth": _growth}
SOLVABLE = frozenset(_SOLVERS)


def printable(lo: float, hi: float, own: Val) -> float | None:
    """A value inside [lo, hi] as `own` would be printed (its decimals; a head count whole), or None."""
    if not (np.isfinite(lo) and np.isfinite(hi)) or lo > hi + 1e-9 * max(1.0, abs(hi)):
        return None
    mid = (lo + hi) / 2
    exact = own.lo == own.hi  # a head count
    if exact:
        whole = float(np.clip(round(mid), np.ceil(lo - 1e-9), np.floor(hi + 1e-9)))
        return whole if lo - 1e-9 <= whole <= hi + 1e-9 else None
    ulp = 10.0 ** (-own.decimals)
    value = float(half_up(mid, own.decimals))  # as a reader rounds: 81.25 → 81.3
    return value if value - ulp / 2 <= hi + 1e-9 and value + ulp / 2 >= lo - 1e-9 else None
