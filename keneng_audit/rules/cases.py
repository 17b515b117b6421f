"""What every rule kind works on: cases (one per row, column or period) holding interval operands."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from keneng_audit.facts.values import MISSING, YEAR_RE, NotEvaluated, Val, period_of, show  # noqa: F401 (the kinds' vocabulary)
from keneng_audit.findings import PrintedValue
from keneng_audit.intervals import Interval


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
