"""A table's increase column (增加人数, 增减, 较上一年度增加人数) added up: the change of the named quantity the
table's rows break down, as one more place a stated change must agree with.

A table is taken as a breakdown of a quantity when the quantity is mapped to it (a pack's or inference's
`quantities:`) or its caption or count column names the quantity, and its count column adds up (合计 row,
else its top-level rows) to the value the report gives the quantity; its increase column, added up the same
way, is then the quantity's change over the previous period.
"""

from __future__ import annotations

from keneng_audit.claims.tagging import Evidence
from keneng_audit.claims.vocabulary import Vocabulary
from keneng_audit.document import Cell, Document, Table
from keneng_audit.facts.values import period_of
from keneng_audit.findings import PrintedValue, places
from keneng_audit.intervals import bounds
from keneng_audit.normalize import label_key

# Header words of an increase column, and of columns that are rates or shares, not counts.
INCREASE_WORDS = ("增加", "增减", "净增", "新增", "变动", "变化", "增长人数")
RATE_WORDS = ("率", "比例", "比重", "占比", "幅度", "%", "百分", "倍")
TOTAL_WORDS = ("合计", "总计")
_SLACK = 1e-9
_RANK = {"table": 0, "derived": 1, "prose": 2}


def _is_increase(header: str) -> bool:
    key = label_key(header)
    return any(w in key for w in INCREASE_WORDS) and not any(w in key for w in RATE_WORDS)


def _numbers(table: Table, column: str) -> list[Cell]:
    return [c for r in table.rows if (c := r.cells.get(column)) is not None and c.number is not None]


def _count_column(table: Table) -> str | None:
    """The one column that counts the rows' members, when the table prints no year's values: then the increase
    column is the only place it states the change."""
    counts = [c for c in table.columns if c != table.label_column and not _is_increase(c)
              and not any(w in label_key(c) for w in RATE_WORDS) and _numbers(table, c)
              and all(cell.number.kind != "percent" for cell in _numbers(table, c))]
    if any(period_of(c) for c in counts):
        return None  # both years printed: the change is their difference, which the table rules check
    return counts[0] if len(counts) == 1 else None


def _rows(table: Table, count: str, increase: str) -> list[tuple[str, Cell, Cell]] | None:
    """(label, count cell, increase cell) of the 合计 row, else of every top-level row; None when one is blank."""
    total = [r for r in table.rows if any(w in label_key(r.label) for w in TOTAL_WORDS)]
    rows = total[:1] or [r for r in table.rows if r.parent is None]
    out = []
    for r in rows:
        a, b = r.cells.get(count), r.cells.get(increase)
        if a is None or b is None or a.number is None or b.number is None:
            return None
        out.append((r.label, a, b))
    return out or None


def _names(vocab: Vocabulary, quantity: str) -> list[str]:
    spec = vocab.quantities[quantity]
    return [k for k in (label_key(n) for n in (spec.zh, *spec.aliases)) if len(k) >= 2]


def _total(cells: list[Cell]) -> tuple[float, float, float]:
    lo = sum(bounds(c.number)[0] for c in cells)
    hi = sum(bounds(c.number)[1] for c in cells)
    return sum(c.number.value for c in cells), lo, hi


def _printed(table: Table, label: str, column: str, cell: Cell) -> PrintedValue:
    return PrintedValue(cell.text, cell.number.value, f"{table.key} {label} / {column}", cell.source.line,
                        table=table.key, row=label, column=column, section=table.section, **places(cell.source))


def increase_columns(doc: Document, vocab: Vocabulary, evidence: list[Evidence], year: int | None,
                     period_of_quantity) -> list[Evidence]:
    """Change evidence (measure `change`) from every table whose increase column adds up a quantity's change.

    `period_of_quantity(q)` is the period a claim about q speaks of by default (Known.period)."""
    mapped: dict[str, set[str]] = {}
    values: dict[tuple[str, str | None], list[Evidence]] = {}
    for e in evidence:
        if e.measure == "value":
            values.setdefault((e.quantity, e.period), []).append(e)
            if e.table and e.origin != "prose":
                mapped.setdefault(e.table, set()).add(e.quantity)
    out: list[Evidence] = []
    for table in doc.tables:
        increases = [c for c in table.columns if c != table.label_column and _is_increase(c)]
        if len(increases) != 1:
            continue
        count = _count_column(table)
        rows = _rows(table, count, increases[0]) if count else None
        if rows is None:
            continue
        value, lo, hi = _total([a for _, a, _ in rows])
        named = label_key(table.caption) + label_key(count)
        for quantity in vocab.quantities:
            if vocab.quantities[quantity].unit == "%":
                continue
            if quantity not in mapped.get(table.key, set()) and not any(n in named for n in _names(vocab, quantity)):
                continue
            period = period_of_quantity(quantity)
            if period is None:
                continue
            current = values.get((quantity, period), [])
            if not current:
                continue
            best = min(current, key=lambda e: _RANK.get(e.origin, 3))  # as Known.value chooses: tables first
            if not (best.lo <= hi + _SLACK and lo <= best.hi + _SLACK):
                continue  # the rows do not add up to the quantity: not its breakdown
            out.append(_evidence(table, quantity, period, rows, increases[0]))
    return out


def _evidence(table: Table, quantity: str, period: str, rows, column: str) -> Evidence:
    cells = [b for _, _, b in rows]
    value, lo, hi = _total(cells)
    printed = tuple(_printed(table, label, column, b) for label, _, b in rows)
    lines = tuple(sorted({p.line for p in printed}))
    if len(rows) == 1:
        label, _, cell = rows[0]
        return Evidence(quantity, "change", period, value, lo, hi, cell.text, "table", table.key, lines, printed,
                        section=table.section, table=table.key, row=label, column=column)
    text = " + ".join(c.text for c in cells)
    return Evidence(quantity, "change", period, value, lo, hi, text, "derived", f"{table.key} {column} 各行合计",
                    lines, printed, section=table.section, table=table.key, column=column)
