"""What every rule kind works on: cases (one per row, column or period) holding interval operands."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from keneng_audit.findings import PrintedValue
from keneng_audit.intervals import Interval, bounds
from keneng_audit.numbers import PrintedNumber

YEAR_RE = re.compile(r"(?:19|20)\d\d")


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

    @staticmethod
    def of(number: PrintedNumber, printed: PrintedValue) -> Val:
        lo, hi = bounds(number)
        lo_t, hi_t = bounds(number, truncated=True)
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


@dataclass
class Operand:
    """One operand across all cases."""

    name: str
    vals: list[Val]

    @property
    def values(self) -> np.ndarray:
        return np.array([v.value for v in self.vals], dtype=float)

    def iv(self, truncated: bool = False) -> Interval:
        if truncated:
            return Interval.of([v.lo_t for v in self.vals], [v.hi_t for v in self.vals])
        return Interval.of([v.lo for v in self.vals], [v.hi for v in self.vals])

    def __getitem__(self, i: int) -> Val:
        return self.vals[i]


@dataclass
class Cases:
    """The cases a rule checks, their operands, and where each case sits in the report."""

    labels: list[str]
    ops: dict[str, Operand | list[Operand]] = field(default_factory=dict)
    rows: list[str | None] = field(default_factory=list)  # location per case; None → the operand's row
    columns: list[str | None] = field(default_factory=list)
    periods: list[str | None] = field(default_factory=list)
    table: str | None = None
    section: str | None = None
    extra: dict = field(default_factory=dict)  # kind-specific data (e.g. texts for range checks)

    def __len__(self) -> int:
        return len(self.labels)

    def index(self) -> pd.Index:
        return pd.Index(self.labels, name="case")

    def op(self, name: str) -> Operand:
        found = self.ops[name]
        assert isinstance(found, Operand)
        return found

    def many(self, name: str) -> list[Operand]:
        found = self.ops[name]
        return found if isinstance(found, list) else [found]


@dataclass
class Evidence:
    """Why one case fails: what the report prints where the case points (`actual`), what the other values give
    (`expected`, and how: `basis`), the values compared, and where it points."""

    expected: str | dict[str, str]  # text, or one per language
    actual: str
    values: tuple[PrintedValue, ...]
    row: str | None = None
    column: str | None = None
    hint: dict[str, str] | None = None
    basis: dict[str, str] | None = None  # {"zh": "各行相加", "en": "the rows add up to"}; None: "应为" / "expected"
    fields: dict[str, str] = field(default_factory=dict)  # message-template fields the kind words its own way


def show(value: float, kind: str, decimals: int) -> str:
    """A computed value in the style of the printed one it is compared with."""
    if value is None or np.isnan(value):
        return "—"
    if kind == "percent":
        return f"{value:.{max(decimals, 1)}f}%"
    if kind == "ratio":
        return f"{value:.{max(decimals, 1)}f}:1"
    if kind == "count":
        return f"{value:.0f}" if float(value).is_integer() else f"{value:.{max(decimals, 2)}f}"
    return f"{value:.{max(decimals, 1)}f}"


def term(val: Val) -> str:
    """A value's display as an operand of / or −: sums in parentheses."""
    return f"({val.display})" if " + " in val.display or " − " in val.display else val.display


def values_of(*vals: Val) -> tuple[PrintedValue, ...]:
    return tuple(p for v in vals for p in v.printed)


def where_located(cases: Cases, i: int, target: Operand | None) -> tuple[str | None, str | None]:
    """The (row, column) a case points to: the case's own, or else the target operand's cell."""
    row, column = cases.rows[i] if cases.rows else None, cases.columns[i] if cases.columns else None
    if target is not None and target[i].printed:
        cell = target[i].printed[0]
        row = row or cell.row
        column = column or cell.column
    return row, column
