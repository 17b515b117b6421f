"""Printed values as intervals (what a printed number with d decimals may stand for), and why a value is missing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from keneng_audit.findings import PrintedValue
from keneng_audit.intervals import bounds
from keneng_audit.numbers import PrintedNumber

YEAR_RE = re.compile(r"(?:19|20)\d\d")
_GROUPED = re.compile(r"\d[,，]\d{3}(?!\d)")  # 12,345,678.90: thousands separators as printed


class NotEvaluated(Exception):
    """A rule cannot be evaluated on this report (table, column, row or quantity not found)."""

    def __init__(self, zh: str, en: str, missing: str | None = None):
        super().__init__(en)
        self.reason = {"zh": zh, "en": en}
        self.missing = missing  # the printed name (caption, header, row label) that was looked for


def period_of(text: str | None) -> str | None:
    """The period a header or label stands for: its last year (`2022-2023学年度` → `2023`)."""
    years = YEAR_RE.findall(text or "")
    return years[-1] if years else None


@dataclass(frozen=True)
class Val:
    """One operand value of one case: a printed number, or a sum of printed numbers."""

    value: float
    lo: float
    hi: float
    lo_t: float  # bounds if the printed digits were truncated instead of rounded
    hi_t: float
    display: str  # "613", "53 + 77 + 3"
    kind: str  # count, decimal, percent, ratio
    decimals: int
    printed: tuple[PrintedValue, ...] = ()

    @property
    def grouped(self) -> bool:
        """Whether any of its printed numbers groups thousands (12,345,678.90): computed values then do too."""
        return any(_GROUPED.search(p.text) for p in self.printed)

    @staticmethod
    def of(number: PrintedNumber, printed: PrintedValue, padded: bool = True) -> Val:
        lo, hi = bounds(number, padded=padded)
        lo_t, hi_t = bounds(number, truncated=True, padded=padded)
        return Val(number.value, lo, hi, lo_t, hi_t, number.text, number.kind, number.decimals, (printed,))

    @staticmethod
    def constant(value: float) -> Val:
        return Val(value, value, value, value, value, show(value, "count" if value == int(value) else "decimal", 0),
                   "count", 0, ())

    @staticmethod
    def total(parts: list[Val]) -> Val:
        kinds = {p.kind for p in parts}
        kind = "percent" if "percent" in kinds else (kinds.pop() if len(kinds) == 1 else "decimal")
        decimals = max((p.decimals for p in parts), default=0)
        return Val(sum(p.value for p in parts), sum(p.lo for p in parts), sum(p.hi for p in parts),
                   sum(p.lo_t for p in parts), sum(p.hi_t for p in parts),
                   " + ".join(p.display for p in parts), kind, decimals,
                   tuple(v for p in parts for v in p.printed))

    @staticmethod
    def difference(a: Val, b: Val) -> Val:
        """a − b, e.g. last year's count as this year's minus the printed increase."""
        return Val(a.value - b.value, a.lo - b.hi, a.hi - b.lo, a.lo_t - b.hi_t, a.hi_t - b.lo_t,
                   f"{a.display} − {b.display}", a.kind, max(a.decimals, b.decimals), a.printed + b.printed)


MISSING = Val(np.nan, np.nan, np.nan, np.nan, np.nan, "", "count", 0, ())
# A cell the reader could not read as a number (Cell.unreadable): any value, so every relation over it holds.
UNKNOWN = Val(np.nan, -np.inf, np.inf, -np.inf, np.inf, "", "count", 0, ())


def half_up(value: float, decimals: int, grouped: bool = False) -> str:
    """`value` at `decimals` rounded half up (四舍五入: 81.25 → 81.3), as a reader rounds, not as binary floats
    or banker's rounding do (81.2); thousands separated when `grouped`."""
    if not np.isfinite(value) or abs(value) >= 1e15:  # beyond what a report prints (> 15 digits): as floats do
        return f"{value:{',' if grouped else ''}.{decimals}f}"
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{exact:,f}" if grouped else f"{exact:f}"


def show(value: float, kind: str, decimals: int, grouped: bool = False) -> str:
    """A computed value in the style of the printed one it is compared with: its decimals, rounded half up, and,
    when the report groups thousands (`grouped`), separators (12,345,678.90)."""
    if value is None or np.isnan(value):
        return "—"
    if np.isinf(value):
        return "∞" if value > 0 else "−∞"
    if kind == "percent":
        return f"{half_up(value, max(decimals, 1), grouped)}%"
    if kind == "ratio":
        return f"{half_up(value, max(decimals, 1), grouped)}:1"
    if kind == "count":
        return half_up(value, 0 if float(value).is_integer() else max(decimals, 2), grouped)
    return half_up(value, max(decimals, 1), grouped)
