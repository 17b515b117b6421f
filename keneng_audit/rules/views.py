"""Turns rule operands into per-case values: a table seen along one axis, or the named quantities of the facts."""

from __future__ import annotations

from dataclasses import dataclass, field

from keneng_audit.document import Cell, Table
from keneng_audit.facts.tables import (FactEntry, FactsView, cell_value, described, find_table,  # noqa: F401
                                       report_tables)
from keneng_audit.facts.values import MISSING, NotEvaluated, Val, period_of
from keneng_audit.normalize import label_key
from keneng_audit.rules.cases import Cases, Operand
from keneng_audit.rules.model import Constant, PeriodColumn, QuantityRef, TableParams


def _squash(text: str) -> str:
    return label_key(text)


@dataclass
class TableView:
    """A table seen along one axis: cases are its rows (operands name columns) or its columns."""

    table: Table
    across: str = "rows"
    _rows: dict = field(default_factory=dict, repr=False)
    _names: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # Table.row() scans the rows; range and sum rules ask for hundreds of cells.
        self._rows = {r.label: r for r in self.table.rows}

    def lookup(self, row: str, column: str) -> Cell | None:
        found = self._rows.get(row)
        return None if found is None else found.cells.get(column)

    def other(self, name: str) -> str:
        """Resolves an operand name: a column header (across rows) or a row label (across columns)."""
        found = self._names.get(name)
        if found is None:
            found = self.table.find_column(name) if self.across == "rows" else self.table.find_row(name)
            if found is not None:
                self._names[name] = found  # the rules of one table share this view and name the same columns
        if found is None:
            what = ("列", "column") if self.across == "rows" else ("行", "row")
            raise NotEvaluated(f"{self.table.key} 中没有{what[0]}“{name}”", f"{self.table.key} has no {what[1]} '{name}'",
                               name)
        return found

    def column_of(self, ref) -> str:
        """A column named by header text or by period (`latest` / `previous`)."""
        if isinstance(ref, PeriodColumn):
            dated = sorted((period_of(c), i, c) for i, c in enumerate(self.table.columns)
                           if period_of(c) and c != self.table.label_column)
            periods = sorted({p for p, _, _ in dated})
            wanted = periods[-1] if ref.period_column == "latest" and periods else \
                (periods[-2] if len(periods) > 1 else None)
            found = next((c for p, _, c in dated if p == wanted), None)
            if found is None:
                raise NotEvaluated(f"{self.table.key} 中没有{'本期' if ref.period_column == 'latest' else '上一期'}的列",
                                   f"{self.table.key} has no {ref.period_column} period column")
            return found
        return self.other(ref)

    def all_cases(self) -> list[str]:
        if self.across == "rows":
            return [r.label for r in self.table.rows]
        return [c for c in self.table.columns if period_of(c) and c != self.table.label_column]

    def cell(self, case: str, other: str) -> Cell | None:
        row, column = (case, other) if self.across == "rows" else (other, case)
        return self.lookup(row, column)

    def val(self, case: str, other: str) -> Val:
        row, column = (case, other) if self.across == "rows" else (other, case)
        return cell_value(self.table, self.lookup(row, column), row, column)

    def cases(self, params: TableParams) -> list[str]:
        labels = self.all_cases()
        if params.cases is not None:
            wanted = [self._case(c) for c in params.cases]
            # named cases count even when they are not year columns (a 人数 column of a table without years)
            pool = labels if self.across == "rows" else [c for c in self.table.columns if c != self.table.label_column]
            labels = [c for c in pool if c in wanted]
        if params.exclude:
            dropped = {self._case(c, required=False) for c in params.exclude}
            labels = [c for c in labels if c not in dropped]
        if params.where is not None:
            key = self.other(params.where.column)
            keep = {_squash(x) for x in params.where.in_}
            labels = [c for c in labels if (cell := self.cell(c, key)) is not None and _squash(cell.text) in keep]
        return labels

    def _case(self, name: str, required: bool = True) -> str | None:
        found = self.table.find_row(name) if self.across == "rows" else self.table.find_column(name)
        if found is None and required:
            raise NotEvaluated(f"{self.table.key} 中没有“{name}”", f"{self.table.key} has no '{name}'", name)
        return found

    def location(self, case: str) -> tuple[str | None, str | None]:
        return (case, None) if self.across == "rows" else (None, case)


def operand(ref, view: TableView | None, facts: FactsView, labels: list[str], periods: list[str | None],
            name: str) -> Operand:
    """Resolves one operand (column/row name, quantity, or constant) into a value per case."""
    if isinstance(ref, Constant):
        return Operand(name, [Val.constant(ref.value)] * len(labels))
    if isinstance(ref, QuantityRef):
        if ref.period == "latest":
            known = facts.periods(ref.quantity, ref.table)
            if not known and facts.first(ref.quantity, None, ref.table) is MISSING:
                raise NotEvaluated(f"报告中找不到 {ref.quantity}", f"{ref.quantity} is not stated in this report")
            latest = max(known) if known else None
            return Operand(ref.quantity, [facts.first(ref.quantity, latest, ref.table)] * len(labels))
        known = facts.periods(ref.quantity, ref.table)
        if not known and facts.first(ref.quantity, None, ref.table) is MISSING:
            raise NotEvaluated(f"报告中找不到 {ref.quantity}", f"{ref.quantity} is not stated in this report")
        latest = max(known) if known else None
        vals = []
        for p in periods:
            val = facts.first(ref.quantity, ref.period or p, ref.table)
            if val is MISSING and not ref.period and p is None:
                # A row without a year (研究生, 合计) takes the quantity as the report states it: its latest year.
                val = facts.first(ref.quantity, latest, ref.table)
            vals.append(val)
        return Operand(ref.quantity, vals)
    if view is None:
        raise NotEvaluated(f"“{ref}”只能用于表格规则", f"'{ref}' needs a table")
    other = view.column_of(ref) if view.across == "rows" else view.other(ref)
    return Operand(other, [view.val(c, other) for c in labels])


def build_cases(params, names: tuple[str, ...], view: TableView | None, facts: FactsView) -> Cases:
    """Cases of a rule and the operands its kind names, for a table (per row/column) or the facts (per period)."""
    if view is not None:
        labels = view.cases(params)
        locs = [view.location(c) for c in labels]
        periods = [period_of(c) for c in labels]
        cases = Cases(labels, rows=[r for r, _ in locs], columns=[c for _, c in locs], periods=periods,
                      table=view.table.key, section=view.table.section)
    else:
        refs = [r for n in names for r in _as_list(getattr(params, n)) if isinstance(r, QuantityRef) and not r.period]
        if not refs:
            periods = [None]
        else:
            common = set.intersection(*(facts.periods(r.quantity, r.table) for r in refs))
            periods = sorted(common)
        if not periods:
            missing = [r.quantity for r in refs if not facts.periods(r.quantity)]
            raise NotEvaluated(f"报告中找不到：{', '.join(missing) or '共同年份'}",
                               f"not stated in this report: {', '.join(missing) or 'a common period'}")
        cases = Cases([p or "" for p in periods], rows=[None] * len(periods), columns=[None] * len(periods),
                      periods=list(periods))
    for n in names:
        ref = getattr(params, n)
        if ref is None:
            continue
        if isinstance(ref, list):
            cases.ops[n] = [operand(r, view, facts, cases.labels, cases.periods, n) for r in ref]
        else:
            cases.ops[n] = operand(ref, view, facts, cases.labels, cases.periods, n)
    return cases


def _as_list(x):
    if x is None:
        return []
    return x if isinstance(x, list) else [x]
