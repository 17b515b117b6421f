"""The named quantities a share may be taken of, indexed by value: a share column tries only the bases that some
row's printed part and percentage point to (part / percentage ≈ base), so the search for bases grows with the
report, not with its square (every share column × every place a quantity is printed)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from keneng_audit.intervals import significant_decimals
from keneng_audit.numbers import PrintedNumber


@dataclass
class Bases:
    """(quantity, table) pairs in the order they were found, with the values each one prints."""

    keys: list[tuple[str, str]] = field(default_factory=list)
    known: bool = False  # values indexed; else every base is a candidate (hand-built tests, old callers)
    _lo: list[float] = field(default_factory=list)
    _hi: list[float] = field(default_factory=list)
    _pos: list[int] = field(default_factory=list)
    _width: float = 0.0

    @staticmethod
    def of_names(names: dict[str, list[str]]) -> Bases:
        return Bases([(q, tid) for q, tids in names.items() for tid in tids])

    @staticmethod
    def of_entries(entries) -> Bases:
        """Head counts printed in tables (`FactEntry`s of kind count), by the table printing them. Of several
        places printing the very same values (a table repeated, a copy in the appendix) only the first is a
        base: the others would hold in exactly the same rows."""
        printed: dict[tuple[str, str], list] = {}
        for e in entries:
            if e.source_table and e.val.kind == "count":
                printed.setdefault((e.quantity, e.source_table), []).append(e)
        first_q = {q: i for i, (q, _) in reversed(list(enumerate(printed)))}
        seen: set = set()
        out = Bases(known=True)
        points: list[tuple[float, float, int]] = []
        for (q, tid), found in sorted(printed.items(), key=lambda kv: first_q[kv[0][0]]):
            values = [(e.period, min(e.val.lo, e.val.lo_t), max(e.val.hi, e.val.hi_t)) for e in found
                      if e.val.lo == e.val.lo and e.val.hi == e.val.hi]  # not NaN
            signature = frozenset(values)
            if signature in seen:
                continue
            seen.add(signature)
            out.keys.append((q, tid))
            points += [(lo, hi, len(out.keys) - 1) for _, lo, hi in values]
        points.sort()
        out._lo = [p[0] for p in points]
        out._hi = [p[1] for p in points]
        out._pos = [p[2] for p in points]
        out._width = max((hi - lo for lo, hi in zip(out._lo, out._hi)), default=0.0)
        return out

    def __bool__(self) -> bool:
        return bool(self.keys)

    def near(self, wholes: list[tuple[float, float]]) -> list[tuple[str, str]]:
        """The bases printing a value inside one of `wholes` (intervals), in the order they were found."""
        if not self.known:
            return list(self.keys)
        found: set[int] = set()
        for lo, hi in wholes:
            start = bisect_left(self._lo, lo - self._width)
            for k in range(start, bisect_right(self._lo, hi)):
                if self._hi[k] >= lo:
                    found.add(self._pos[k])
        return [self.keys[i] for i in sorted(found)]


def _ulp(number: PrintedNumber) -> float:
    decimals = number.decimals
    if number.kind == "percent" and decimals:
        decimals = significant_decimals(number.text, decimals)
    return 10.0 ** (-decimals) if number.kind != "count" else 0.0


def implied_wholes(pairs: list[tuple[PrintedNumber, PrintedNumber]]) -> list[tuple[float, float]]:
    """For each (part, percentage) printed in one row, the wholes the percentage may be taken of: a whole
    ulp either side of each printed value, wider than rounding or truncation can move it."""
    out = []
    for part, pct in pairs:
        if not part.value or not pct.value:
            continue
        p_ulp, q_ulp = _ulp(part), _ulp(pct)
        p_lo, p_hi = part.value - p_ulp, part.value + p_ulp
        q_lo, q_hi = pct.value - q_ulp, pct.value + q_ulp
        if q_lo <= 0 <= q_hi:  # a percentage of about zero: any base above part / its upper end
            ends = [a * 100.0 / q_hi for a in (p_lo, p_hi)] if q_hi > 0 else [float("-inf")]
            out.append((min(ends), float("inf")))
            continue
        ends = [a * 100.0 / b for a in (p_lo, p_hi) for b in (q_lo, q_hi)]
        out.append((min(ends), max(ends)))
    return out


def shares_of_another_whole(pairs: list[tuple[PrintedNumber, PrintedNumber]], every: bool = False) -> bool:
    """Whether the rows' (part, percentage) pairs give one whole that the parts do not add up to (a partial
    list, or groups that overlap): most rows (one misprinted share does not hide it), or with `every` all of
    them (a 毕业去向 table whose 升学 share alone is of all graduates still adds up to them)."""
    wholes = implied_wholes(pairs)
    if len(wholes) < 2:
        return False
    # the whole most rows agree on (one misprinted share does not hide it): a sweep over the intervals' ends
    ends = sorted([(lo, 0) for lo, _ in wholes] + [(hi, 1) for _, hi in wholes])
    best, count, at = 0, 0, None
    for x, closing in ends:
        count += -1 if closing else 1
        if count > best:
            best, at = count, x
    if best < (len(wholes) if every else max(2, -(-len(wholes) * 2 // 3))):
        return False
    inside = [(lo, hi) for lo, hi in wholes if lo <= at <= hi]
    lo, hi = max(w[0] for w in inside), min(w[1] for w in inside)
    total = sum(part.value for part, _ in pairs)
    return not lo - 0.5 <= total <= hi + 0.5
