"""Finds a pack's tables and quantities in a Document and turns rule operands into per-case values."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from keneng_audit.document import Cell, Document, Table
from keneng_audit.findings import PrintedValue
from keneng_audit.normalize import label_key, loose_key
from keneng_audit.rules.kinds.base import MISSING, Cases, NotEvaluated, Operand, Val, period_of
from keneng_audit.rules.model import Constant, PeriodColumn, QuantityRef, QuantitySource, TableDecl, TableParams


def _squash(text: str) -> str:
    return label_key(text)


def find_table(doc: Document, decl: TableDecl) -> Table | None:
    """The table a declaration names: by key and/or caption text (both must match when both are given)."""
    if decl.key:
        table = doc.table(decl.key)
        if table is None:
            return None
        if decl.caption and _squash(decl.caption) not in _squash(table.caption):
            return None
        return table
    return doc.find_table(decl.caption or "")


def described(table: Table, decl: TableDecl) -> Table:
    """The table with the column names (`headers`) and row labels (`row_labels`) its declaration gives,
    applied by position; raises NotEvaluated when the counts differ from what the reader found."""
    if decl.headers is None and decl.row_labels is None:
        return table
    columns = dict(zip(table.columns, table.columns))
    if decl.headers is not None:
        if len(decl.headers) != len(table.columns):
            raise NotEvaluated(
                f"{table.key} 读出 {len(table.columns)} 列，规则包描述了 {len(decl.headers)} 列",
                f"{table.key} has {len(table.columns)} columns, the rule pack describes {len(decl.headers)}")
        columns = dict(zip(table.columns, decl.headers))
    labels = {r.label: r.label for r in table.rows}
    if decl.row_labels is not None:
        if len(decl.row_labels) != len(table.rows):
            raise NotEvaluated(
                f"{table.key} 读出 {len(table.rows)} 行，规则包描述了 {len(decl.row_labels)} 行",
                f"{table.key} has {len(table.rows)} rows, the rule pack describes {len(decl.row_labels)}")
        labels = {r.label: new for r, new in zip(table.rows, decl.row_labels)}
    rows = [replace(r, label=labels[r.label], parent=labels.get(r.parent, r.parent) if r.parent else None,
                    cells={columns.get(c, c): cell for c, cell in r.cells.items()}) for r in table.rows]
    label_column = columns.get(table.label_column) if table.label_column else None
    return replace(table, columns=[columns[c] for c in table.columns], label_column=label_column, rows=rows)


def report_tables(doc: Document, decls: dict[str, TableDecl]) -> tuple[dict[str, Table | None], dict[str, NotEvaluated]]:
    """Each declared table as the pack describes it, or None; and why a found table cannot be used."""
    tables: dict[str, Table | None] = {}
    problems: dict[str, NotEvaluated] = {}
    for tid, decl in decls.items():
        found = find_table(doc, decl)
        try:
            tables[tid] = described(found, decl) if found is not None else None
        except NotEvaluated as exc:
            tables[tid], problems[tid] = None, exc
    return tables, problems


def cell_value(table: Table, cell: Cell | None, row: str, column: str) -> Val:
    if cell is None or cell.number is None:
        return MISSING
    printed = PrintedValue(cell.text, cell.number.value, f"{table.key} {row} / {column}", cell.source.line,
                           table=table.key, row=row, column=column, section=table.section,
                           page=cell.source.page, paragraph=cell.source.paragraph)
    return Val.of(cell.number, printed)


@dataclass
class TableView:
    """A table seen along one axis: cases are its rows (operands name columns) or its columns."""

    table: Table
    across: str = "rows"
    _rows: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # Table.row() scans the rows; range and sum rules ask for hundreds of cells.
        self._rows = {r.label: r for r in self.table.rows}

    def lookup(self, row: str, column: str) -> Cell | None:
        found = self._rows.get(row)
        return None if found is None else found.cells.get(column)

    def other(self, name: str) -> str:
        """Resolves an operand name: a column header (across rows) or a row label (across columns)."""
        found = self.table.find_column(name) if self.across == "rows" else self.table.find_row(name)
        if found is None:
            what = ("列", "column") if self.across == "rows" else ("行", "row")
            raise NotEvaluated(f"{self.table.key} 中没有{what[0]}“{name}”", f"{self.table.key} has no {what[1]} '{name}'")
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
            labels = [c for c in labels if c in wanted]
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
            raise NotEvaluated(f"{self.table.key} 中没有“{name}”", f"{self.table.key} has no '{name}'")
        return found

    def location(self, case: str) -> tuple[str | None, str | None]:
        return (case, None) if self.across == "rows" else (None, case)


@dataclass
class FactEntry:
    """One place a named quantity is printed in a table: a cell, a column sum, or a derived last-period value."""

    quantity: str
    period: str | None
    val: Val
    origin: str  # table (one cell) or derived (a sum or a difference of cells)
    where: str  # table key, for messages
    row: str | None = None
    column: str | None = None
    section: str | None = None
    source_table: str | None = None  # the pack's id of the table


@dataclass
class FactsView:
    """Every occurrence of a named quantity in the tables: the cells and sums the packs point to."""

    entries: list[FactEntry] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=dict)

    @staticmethod
    def build(doc: Document, tables: dict[str, Table | None], quantities: dict[str, list[QuantitySource]],
              year: int | None = None) -> FactsView:
        """`year` is the report's year, which `period: current` / `previous` name."""
        view = FactsView()
        for name, sources in quantities.items():
            for source in sources:
                table = tables.get(source.table)
                if table is None:
                    view.problems.setdefault(name, []).append(source.table)
                    continue
                try:
                    view.entries.extend(_source_entries(name, table, source, year))
                except NotEvaluated as exc:
                    view.problems.setdefault(name, []).append(exc.reason["en"])
        return view

    def occurrences(self, quantity: str) -> list[FactEntry]:
        return [e for e in self.entries if e.quantity == quantity]

    def first(self, quantity: str, period: str | None, table: str | None = None) -> Val:
        for e in self.entries:
            if e.quantity == quantity and e.period == period and (table is None or e.source_table == table):
                return e.val
        return MISSING

    def periods(self, quantity: str, table: str | None = None) -> set[str]:
        return {e.period for e in self.entries if e.quantity == quantity and e.period
                and (table is None or e.source_table == table)}

    def frame(self):
        """The long facts frame (quantity, period, value, bounds, origin, line) the agree kind checks."""
        import pandas as pd

        rows = [{"quantity": e.quantity, "period": e.period, "value": e.val.value, "lo": e.val.lo, "hi": e.val.hi,
                 "lo_t": e.val.lo_t, "hi_t": e.val.hi_t, "origin": e.origin, "where": e.where,
                 "line": e.val.printed[0].line if e.val.printed else None} for e in self.entries]
        return pd.DataFrame(rows, columns=["quantity", "period", "value", "lo", "hi", "lo_t", "hi_t", "origin",
                                           "where", "line"])


# Rows a column sum leaves out unless its rows are named: totals, and 其中 items (parts of another row).
TOTAL_LABELS = ("合计", "总计", "小计", "总数")


def _find_unquoted(labels: list[str], wanted: str) -> str | None:
    """A label matched with quotes, footnote marks and blanks ignored (`"双师型"教师比例`, `双师型教师比例`)."""
    key = loose_key(wanted)
    exact = [lab for lab in labels if loose_key(lab) == key]
    return exact[0] if exact else next((lab for lab in labels if key and key in loose_key(lab)), None)


def _resolve(period: str | None, default: str | None, year: int | None) -> str | None:
    if period == "current":
        return None if year is None else str(year)
    if period == "previous":
        return None if year is None else str(year - 1)
    return period or default


def _source_entries(name: str, table: Table, source: QuantitySource, year: int | None = None) -> list[FactEntry]:
    def row_of(label: str) -> str:
        found = table.find_row(label) or _find_unquoted([r.label for r in table.rows], label)
        if found is None:
            raise NotEvaluated(f"{table.key} 中没有行“{label}”", f"{table.key} has no row '{label}'")
        return found

    def column_of(header: str) -> str:
        found = table.find_column(header)
        if found is None:
            raise NotEvaluated(f"{table.key} 中没有列“{header}”", f"{table.key} has no column '{header}'")
        return found

    def entry(period, val, origin="table", row=None, column=None) -> FactEntry:
        return FactEntry(name, period, val, origin, table.key, row, column, table.section, source.table)

    if source.aggregate == "sum":
        column = column_of(source.column or "")
        if source.rows:
            labels = [row_of(r) for r in source.rows]
        else:
            labels = [r.label for r in table.rows if r.parent is None and not any(t in r.label for t in TOTAL_LABELS)]
        parts = [cell_value(table, table.cell(r, column), r, column) for r in labels]
        counted = [p for p in parts if p is not MISSING and p.kind != "percent"]
        parts = counted if counted else [p for p in parts if p is not MISSING]
        if not parts:
            return []
        return [entry(_resolve(source.period, period_of(column), year), Val.total(parts), "derived", None, column)]
    if source.row and source.column:
        row, column = row_of(source.row), column_of(source.column)
        val = cell_value(table, table.cell(row, column), row, column)
        if source.increase:
            change = column_of(source.increase)
            before = Val.difference(val, cell_value(table, table.cell(row, change), row, change))
            current = period_of(column) or period_of(row)
            default = str(int(current) - 1) if current else _resolve("previous", None, year)
            if np.isnan(before.value):
                return []
            return [entry(_resolve(source.period, default, year), before, "derived", row, column)]
        if val is MISSING:
            return []
        return [entry(_resolve(source.period, period_of(column) or period_of(row), year), val, "table", row, column)]
    if source.row:
        row = row_of(source.row)
        return [entry(_resolve(source.period, period_of(c), year), cell_value(table, table.cell(row, c), row, c),
                      "table", row, c)
                for c in table.columns if period_of(c) and c != table.label_column
                and table.cell(row, c) is not None and table.cell(row, c).number is not None]
    column = column_of(source.column or "")
    return [entry(_resolve(source.period, period_of(r.label), year),
                  cell_value(table, r.cells.get(column), r.label, column), "table", r.label, column)
            for r in table.rows if period_of(r.label) and r.cells.get(column) is not None
            and r.cells[column].number is not None]


def operand(ref, view: TableView | None, facts: FactsView, labels: list[str], periods: list[str | None],
            name: str) -> Operand:
    """Resolves one operand (column/row name, quantity, or constant) into a value per case."""
    if isinstance(ref, Constant):
        return Operand(name, [Val.constant(ref.value)] * len(labels))
    if isinstance(ref, QuantityRef):
        if ref.period == "latest":
            known = facts.periods(ref.quantity, ref.table)
            latest = max(known) if known else None
            return Operand(ref.quantity, [facts.first(ref.quantity, latest, ref.table)] * len(labels))
        return Operand(ref.quantity, [facts.first(ref.quantity, ref.period or p, ref.table) for p in periods])
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
