"""A year-over-year claim about a quantity no vocabulary names, resolved by the table that prints it.

`全年开展职业技能培训 1.26 万人次，较上年增长 16.7%` with a table row `职业技能培训（人次） 1.08万 1.26万`: the row
whose label the sentence names and whose cell for some year prints the sentence's value (units converted) gives
the year before, in the same row (years as columns) or column (years as rows). Only the year right before counts,
and only a cell that prints the stated value, so the row is the quantity the sentence speaks of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from keneng_audit.claims.paragraphs import Num
from keneng_audit.claims.patterns import fold
from keneng_audit.claims.tagging import Evidence
from keneng_audit.claims.units import SCALES, unit_named
from keneng_audit.document import Cell, Document, Table
from keneng_audit.facts.values import period_of
from keneng_audit.findings import PrintedValue, places
from keneng_audit.intervals import bounds

_BRACKETS = re.compile(r"[（(][^）)]*[)）]")
_PREFIX = re.compile(r"^(?:其中[:：]?|[一二三四五六七八九十\d]+[、.．])")
_SUFFIX = ("占比", "比例", "人数", "总数", "数")
_MULTIPLIER = {"万": 1e4, "亿": 1e8}
_SLACK = 1e-9


@dataclass(frozen=True)
class RowPair:
    """This year's and last year's values of the row the sentence speaks of, in the unit of the sentence."""

    name: str
    current: Evidence
    previous: Evidence


@lru_cache(maxsize=8192)
def _names(label: str) -> tuple[str, ...]:
    """What a row label or header calls its quantity: `其中：高级工班占比（%）` → 高级工班占比, 高级工班."""
    key = _PREFIX.sub("", "".join(fold(_BRACKETS.sub("", label))[0].split()))
    out = [key]
    for suffix in _SUFFIX:
        if key.endswith(suffix) and len(key) - len(suffix) >= 2:
            out.append(key[:-len(suffix)])
    return tuple(k for k in out if len(k) >= 2)


@dataclass(frozen=True)
class _Line:
    """A row (years as columns) or a column (years as rows) that can carry a year-over-year pair."""

    order: tuple[int, int, int]
    table: Table
    names: tuple[str, ...]
    by_row: bool
    key: object


_LAST: list = [None, None, 0, 0]  # the document indexed last, its index, the longest name, its table count


def _index(doc: Document) -> tuple[dict[str, list[_Line]], int]:
    """Every line of every table under each name it can be called by (built once per document), so that a claim
    looks up the substrings of its sentence instead of scanning every row of every table."""
    if _LAST[0] is doc and _LAST[3] == len(doc.tables):
        return _LAST[1], _LAST[2]
    index: dict[str, list[_Line]] = {}
    for t, table in enumerate(doc.tables):
        if table.period_axis == "columns" or table.period_axis is None:
            for r, row in enumerate(table.rows):
                line = _Line((t, 0, r), table, _names(row.label), True, row)
                for name in line.names:
                    index.setdefault(name, []).append(line)
        if table.period_axis == "rows" or table.period_axis is None:
            for c, col in enumerate(table.columns):
                if col == table.label_column:
                    continue
                line = _Line((t, 1, c), table, _names(col), False, col)
                for name in line.names:
                    index.setdefault(name, []).append(line)
    longest = max(map(len, index), default=0)
    _LAST[:] = [doc, index, longest, len(doc.tables)]
    return index, longest


def _scale(cell: Cell, *texts: str | None) -> float:
    """How many base units (人次, 元 …) one printed number of this cell is: 万 after it, a unit its label or header
    names, else the table's unit (the last text: `单位：万元` read as 万元)."""
    mult = _MULTIPLIER.get(cell.number.unit or "", 1.0)
    named = unit_named(*texts[:-1]) or (texts[-1] if texts[-1] in SCALES else unit_named(texts[-1]))
    return mult * (SCALES[named][1] if named else 1.0)


def _in_sentence_unit(cur: Num) -> float:
    return SCALES[cur.unit][1] if cur.unit in SCALES else 1.0


def _fits(cell: Cell | None, cur: Num, scale: float, percent: bool) -> bool:
    if cell is None or cell.number is None or (cur.unit == "%") != percent:
        return False
    lo, hi = bounds(cell.number)
    clo, chi = bounds(cur.number)
    s = scale / _in_sentence_unit(cur)
    return lo * s <= chi + _SLACK and clo <= hi * s + _SLACK


def _evidence(table: Table, row: str, column: str, cell: Cell, period: str, scale: float) -> Evidence:
    lo, hi = bounds(cell.number)
    label = f"{table.key} {row} / {column}"
    printed = PrintedValue(cell.text, cell.number.value, label, cell.source.line, table=table.key, row=row,
                           column=column, section=table.section, **places(cell.source))
    return Evidence("row", "value", period, cell.number.value * scale, lo * scale, hi * scale, cell.text, "table",
                    label, (cell.source.line,), (printed,), section=table.section, table=table.key, row=row,
                    column=column)


def _percent(*texts: str) -> bool:
    return any(w in t for t in texts for w in ("%", "％", "率", "比例", "占比", "比重"))


def row_pairs(doc: Document, head: str, cur: Num) -> list[RowPair]:
    """Every (this year, last year) a table prints for what `head` (the sentence before its comparison) names,
    where this year's cell is the sentence's value `cur`."""
    words = "".join(fold(head)[0].split())
    index, longest = _index(doc)
    found: dict[tuple[int, int, int], _Line] = {}
    for i in range(len(words)):
        for j in range(i + 2, min(len(words), i + longest) + 1):
            for line in index.get(words[i:j], ()):
                found[line.order] = line
    out: list[RowPair] = []
    for _, line in sorted(found.items()):
        table = line.table
        if line.by_row:
            row = line.key
            years = {c: p for c in table.columns if c != table.label_column and (p := period_of(c))}
            out += _pairs(table, [(row.label, c, row.cells.get(c), p) for c, p in years.items()], line.names[0],
                          cur, row.label, table.unit)
        else:
            col = line.key
            years_r = [(r, p) for r in table.rows if (p := period_of(r.label))]
            out += _pairs(table, [(r.label, col, r.cells.get(col), p) for r, p in years_r], line.names[0], cur,
                          col, table.unit)
    return out


def _pairs(table: Table, line: list[tuple[str, str, Cell | None, str]], name: str, cur: Num, label: str,
           unit: str | None) -> list[RowPair]:
    out = []
    by_period = {p: (r, c, cell) for r, c, cell, p in line if cell is not None and cell.number is not None}
    for period, (r, c, cell) in by_period.items():
        scale = _scale(cell, label, c, unit)
        if not _fits(cell, cur, scale, _percent(label, c)):
            continue
        before = by_period.get(str(int(period) - 1))
        if before is None:
            continue
        s = scale / _in_sentence_unit(cur)
        pr, pc, pcell = before
        out.append(RowPair(name, _evidence(table, r, c, cell, period, s),
                           _evidence(table, pr, pc, pcell, str(int(period) - 1), _scale(pcell, label, pc, unit)
                                     / _in_sentence_unit(cur))))
    return out
