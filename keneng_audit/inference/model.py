"""A table's model read off its printed text: what each column and row is (periods, totals, shares, …)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from keneng_audit.document import Table
from keneng_audit.inference.words import Words, norm, unit_of
from keneng_audit.facts.values import period_of

_CODE_RE = re.compile(r"^\d{6}$")
_DATE_RE = re.compile(r"^\s*\d{4}\s*[-./年]\s*\d{1,2}")
_QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")


@dataclass(frozen=True)
class Column:
    """One column: its header, role and why, the period its header names, and what its cells hold."""

    name: str
    role: str  # label, period, count, increase, growth, share, ratio, code, category, date, text
    reason: str
    period: str | None = None
    kind: str | None = None  # the printed kind most of its numbers have: count, decimal, percent, ratio
    unit: str | None = None
    numeric: int = 0  # cells holding a number


@dataclass
class TableModel:
    """What inference knows about one table before it looks for relations."""

    table: Table
    columns: list[Column]
    total_rows: list[str] = field(default_factory=list)
    children: dict[str, str] = field(default_factory=dict)  # 其中 row -> parent row
    period_rows: dict[str, str] = field(default_factory=dict)  # row label -> period (year)
    increase_rows: list[str] = field(default_factory=list)
    unlabeled: bool = False  # rows printed without labels (第1行 …)
    trusted: list[str] = field(default_factory=list)  # columns whose header the reader is sure of

    def role(self, role: str) -> list[Column]:
        return [c for c in self.columns if c.role == role]

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def period_columns(self) -> list[Column]:
        """Year columns of counts, oldest first."""
        cols = [c for c in self.columns if c.role == "period"]
        return sorted(cols, key=lambda c: (c.period or "", self.columns.index(c)))

    @property
    def parts(self) -> list[str]:
        """Rows that are parts of the whole: not totals, not 其中 items, not year rows' change."""
        skip = set(self.total_rows) | set(self.children) | set(self.increase_rows)
        return [r.label for r in self.table.rows if r.label not in skip]

    def pairs(self, part: str, percent: str, rows: list[str] | None = None) -> list:
        """(part, percentage) numbers as printed in each row (of `rows`, if given) that prints both."""
        out = []
        for row in self.table.rows:
            if rows is not None and row.label not in rows:
                continue
            a, b = row.cells.get(part), row.cells.get(percent)
            if a is not None and b is not None and a.number is not None and b.number is not None:
                out.append((a.number, b.number))
        return out

    def left_of(self, name: str, roles: tuple[str, ...]) -> Column | None:
        """The nearest column left of `name` with one of `roles` (a 比例 belongs to the 人数 before it)."""
        i = next(k for k, c in enumerate(self.columns) if c.name == name)
        return next((c for c in reversed(self.columns[:i]) if c.role in roles), None)


def _kind(table: Table, column: str) -> tuple[str | None, int]:
    kinds: dict[str, int] = {}
    for row in table.rows:
        cell = row.cells.get(column)
        if cell is not None and cell.number is not None:
            kinds[cell.number.kind] = kinds.get(cell.number.kind, 0) + 1
    if not kinds:
        return None, 0
    return max(kinds, key=lambda k: kinds[k]), sum(kinds.values())


def _texts(table: Table, column: str) -> list[str]:
    return [r.cells[column].text for r in table.rows if column in r.cells and r.cells[column].text.strip()]


def _named_period(name: str, words: Words, year: int | None) -> str | None:
    """A year column named by words (`本年度人数`, `上年`), not by digits."""
    text = norm(name)
    if year is None:
        return None
    if any(w in text for w in words.period_rows.get("previous", ())):
        return str(year - 1)
    if any(w in text for w in words.period_rows.get("current", ())):
        return str(year)
    return None


def _column(table: Table, name: str, words: Words, year: int | None = None) -> Column:
    kind, numeric = _kind(table, name)
    texts = _texts(table, name)
    unit = unit_of(name)
    if name == table.label_column:
        return Column(name, "label", "行标签列 / row labels", None, kind, unit, numeric)
    role = words.role_of(name)
    if role == "code" and texts and sum(bool(_CODE_RE.match(t.strip())) for t in texts) * 2 >= len(texts):
        return Column(name, "code", f"表头“{norm(name)}”，六位代码 / six-digit codes", None, kind, unit, numeric)
    if role == "category" and not numeric:
        return Column(name, "category", f"表头“{norm(name)}” / header", None, kind, unit, numeric)
    if role == "date" and texts and sum(bool(_DATE_RE.match(t)) for t in texts) * 2 >= len(texts):
        return Column(name, "date", f"表头“{norm(name)}”，日期 / dates", None, kind, unit, numeric)
    if not numeric or numeric * 2 < len(texts):
        return Column(name, "text", "文字 / text", None, kind, unit, numeric)
    period = period_of(name) or (None if role else _named_period(name, words, year))
    if role in ("growth", "increase", "ratio", "share"):
        return Column(name, role, f"表头“{norm(name)}” / header word", period, kind, unit, numeric)
    if kind == "percent" or unit in ("%", "％"):
        return Column(name, "share", f"百分数 / percentages", period, "percent", unit, numeric)
    if period is not None:
        return Column(name, "period", f"表头年份 {period} / year in header", period, kind, unit, numeric)
    return Column(name, "count", "数值 / numbers", None, kind, unit, numeric)


_YEAR_LABEL = re.compile(r"^((19|20)\d\d)(年)?([-—–~至]((19|20)\d\d))?(年|学年|学年度|年度|届|自然年)?$")


def _period_row(label: str, words: Words, year: int | None) -> str | None:
    text = norm(label)
    if _YEAR_LABEL.match(text):
        return period_of(text)
    if year is not None:
        if text in words.period_rows.get("current", ()):
            return str(year)
        if text in words.period_rows.get("previous", ()):
            return str(year - 1)
    return None


def _trusted(table: Table) -> list[str]:
    """Columns left of the first one the reader doubts (its problems quote the header)."""
    # a cell printed with a mark (`1,240*`) is left out by itself: it casts no doubt on its column's header
    marked = {c.text for r in table.rows for c in r.cells.values() if c.unreadable}
    doubted = {q for p in table.problems if not marked & set(quoted := _QUOTED.findall(p)) for q in quoted}
    if not doubted:
        return list(table.columns)
    out = []
    for c in table.columns:
        if c in doubted:
            break
        out.append(c)
    return out


_TOTAL_LABEL = re.compile(r"^(合计|总计|小计|共计|总计)[\s—\-–]*$")


def _total_label(label: str, words: Words) -> bool:
    return bool(_TOTAL_LABEL.match(norm(label))) or bool(_TOTAL_LABEL.match(label.strip()))


def build(table: Table, words: Words, year: int | None = None) -> TableModel:
    """The model of one table from its headers, labels and numbers."""
    columns = [_column(table, c, words, year) for c in table.columns]
    model = TableModel(table, columns, trusted=_trusted(table))
    labels = [r.label for r in table.rows]
    model.unlabeled = bool(labels) and table.label_column is None and all(re.fullmatch(r"第\d+行", x) for x in labels)
    for row in table.rows:
        # a 合计 row is never a sub-item (a reader may hang a row without 序号 under the numbered row above)
        if row.parent and not _total_label(row.label, words):
            model.children[row.label] = row.parent
        elif words.is_total(row.label):
            model.total_rows.append(row.label)
        period = _period_row(row.label, words, year)
        if period:
            model.period_rows[row.label] = period
        elif norm(row.label) in words.increase_rows:
            model.increase_rows.append(row.label)
    if len(model.period_rows) < 2:  # one dated row among categories is a label, not a year axis
        model.period_rows = {}
        model.increase_rows = []
    return model
