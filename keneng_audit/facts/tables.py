"""Table facts: each pack-declared table found in a Document, and every cell or sum a pack maps to a named quantity."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

from keneng_audit.document import Cell, Document, Table
from keneng_audit.facts.values import MISSING, UNKNOWN, NotEvaluated, Val, period_of
from keneng_audit.findings import PrintedValue, places
from keneng_audit.intervals import MEASURED_UNITS, column_padded
from keneng_audit.normalize import label_key, loose_key
from keneng_audit.rules.model import QuantitySource, TableDecl


def _squash(text: str) -> str:
    return label_key(text)


def find_table(doc: Document, decl: TableDecl) -> Table | None:
    """The table a declaration names: by key and/or caption text (both must match when both are given)."""
    if decl.key:
        table = _tables_by_key(doc).get(label_key(decl.key))  # as doc.table(key), without a scan per declaration
        if table is None:
            return None
        if decl.caption and _squash(decl.caption) not in _squash(table.caption):
            return None
        return table
    return doc.find_table(decl.caption or "")


def _tables_by_key(doc: Document) -> dict[str, Table]:
    """label_key of each table's key → the first table with it, once per document (inferred packs declare every
    table: a scan of the document per declaration made finding them quadratic in report size)."""
    known = doc.__dict__.get("_tables_by_key")
    if known is None or known[0] != len(doc.tables):
        keys: dict[str, Table] = {}
        for t in doc.tables:
            keys.setdefault(label_key(t.key), t)
        known = doc.__dict__["_tables_by_key"] = (len(doc.tables), keys)
    return known[1]


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
        return UNKNOWN if cell is not None and cell.unreadable else MISSING
    # Once per cell: the rules of a table, the quantities and the prose ask for the same cells again and again.
    known = table.__dict__.setdefault("_vals", {})
    key = (row, column, id(cell))
    val = known.get(key)
    if val is None:
        printed = PrintedValue(cell.text, cell.number.value, f"{table.key} {row} / {column}", cell.source.line,
                               table=table.key, row=row, column=column, section=table.section,
                               **places(cell.source))
        val = known[key] = Val.of(_measured(cell.number, row, column), printed, _padded(table, column))
    return val


_UNIT = re.compile(r"[（(]([^（）()]+)[）)]")


_QUOTIENTS = ("生均", "人均", "平均", "均值")


def _measured(number, row: str, column: str):
    """A whole number of a per-head or average amount (`生均…（元）`, `人均…（平方米）`) is a quotient rounded, not
    an exact count: it takes the unit, and so its rounding interval (intervals.bounds). (A whole sum of money,
    `685` in a 万元 column beside `2329.13`, may well be exact.)"""
    if number.kind != "count" or number.unit is not None:
        return number
    for text in (column, row):
        if not any(w in (text or "") for w in _QUOTIENTS):
            continue
        found = _UNIT.findall(text or "")
        if found:
            unit = found[-1].strip()
            if unit in MEASURED_UNITS:
                return replace(number, unit=unit)
            return number
    return number


def _padded(table: Table, column: str) -> bool:
    """Whether the column's trailing zeros may be padding (intervals.column_padded), once per column."""
    known = table.__dict__.setdefault("_padded", {})  # tables are plain dataclasses; one small cache each
    if column not in known:
        known[column] = column_padded([r.cells[column].number for r in table.rows if column in r.cells])
    return known[column]


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
    unit: str | None = None  # the unit the pack says its cells are in (over what the header says)


@dataclass
class FactsView:
    """Every occurrence of a named quantity in the tables: the cells and sums the packs point to."""

    entries: list[FactEntry] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=dict)
    # quantity -> its entries, built on first look-up: a scan of every entry per look-up made rules × entries
    # quadratic in report size. Rebuilt whenever entries were added since.
    _index: dict[str, list[FactEntry]] = field(default_factory=dict, repr=False, compare=False)
    _indexed: int = field(default=-1, repr=False, compare=False)

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

    def _of(self, quantity: str) -> list[FactEntry]:
        if self._indexed != len(self.entries):
            self._index = {}
            for e in self.entries:
                self._index.setdefault(e.quantity, []).append(e)
            self._indexed = len(self.entries)
        return self._index.get(quantity, [])

    def occurrences(self, quantity: str) -> list[FactEntry]:
        return list(self._of(quantity))

    def first(self, quantity: str, period: str | None, table: str | None = None) -> Val:
        for e in self._of(quantity):
            if e.period == period and (table is None or e.source_table == table):
                return e.val
        return MISSING

    def periods(self, quantity: str, table: str | None = None) -> set[str]:
        return {e.period for e in self._of(quantity) if e.period and (table is None or e.source_table == table)}

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


def is_subtotal(label: str) -> bool:
    """A group's total (`小计`, `小计#2`, `装备制造大类/小计`, `机电系小计`), not the table's."""
    return re.sub(r"#\d+$", "", label_key(label)).endswith("小计")


def _printed_total(table: Table, column: str) -> str | None:
    """The one row labelled only 合计 / 总计 (blanks aside) that prints a number in `column`."""
    found = [r.label for r in table.rows if r.parent is None and label_key(r.label).rstrip(":：") in ("合计", "总计", "共计")
             and (c := r.cells.get(column)) is not None and c.number is not None and c.number.kind != "percent"]
    return found[0] if len(found) == 1 else None


def _top_rows(table: Table, column: str) -> list[str] | None:
    """The rows a column sum adds up (no totals, no 其中 items, no run a 其中 item opens), or None when the
    numbers leave two readings of the rows that disagree (see `breakdown`)."""
    from keneng_audit import breakdown

    labels = [r.label for r in table.rows if not any(t in r.label for t in TOTAL_LABELS)]
    cells = [table.cell(r, column) for r in labels]
    bounds_ = [cell_value(table, c, r, column) if c is not None else MISSING for r, c in zip(labels, cells)]
    lo = np.array([b.lo if b is not MISSING else np.nan for b in bounds_], dtype=float)
    hi = np.array([b.hi if b is not MISSING else np.nan for b in bounds_], dtype=float)
    found = breakdown.readings(lo, hi, breakdown.parents(labels, {r.label: r.parent for r in table.rows}))
    if len(found) > 1:
        return None
    return [r for r, keep in zip(labels, found[0]) if keep]


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
            raise NotEvaluated(f"{table.key} 中没有行“{label}”", f"{table.key} has no row '{label}'", label)
        return found

    def column_of(header: str) -> str:
        found = table.find_column(header)
        if found is None:
            raise NotEvaluated(f"{table.key} 中没有列“{header}”", f"{table.key} has no column '{header}'", header)
        return found

    def entry(period, val, origin="table", row=None, column=None) -> FactEntry:
        return FactEntry(name, period, val, origin, table.key, row, column, table.section, source.table, source.unit)

    if source.aggregate == "sum":
        column = column_of(source.column or "")
        period = _resolve(source.period, period_of(column), year)
        if source.rows:
            labels = [row_of(r) for r in source.rows]
        else:
            printed = _printed_total(table, column)
            if printed is not None:  # the table's own 合计 is the quantity; the sum of its rows only a check
                return [entry(period, cell_value(table, table.cell(printed, column), printed, column), "table",
                              printed, column)]
            labels = _top_rows(table, column)
            if labels is None:
                return []
        parts = [cell_value(table, table.cell(r, column), r, column) for r in labels]
        if any(p is UNKNOWN for p in parts):
            return []  # a part the reader could not read: the sum could be anything
        counted = [p for p in parts if p is not MISSING and p.kind != "percent"]
        parts = counted if counted else [p for p in parts if p is not MISSING]
        if not parts:
            return []
        return [entry(period, Val.total(parts), "derived", None, column)]
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
        if val is MISSING or val is UNKNOWN:
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
