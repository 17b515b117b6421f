"""Finds the report's named quantities in tables no pack declares, by the words of their captions, labels
and headers (rules/national/inference/quantities.yaml), so prose, body tables and appendix agree-checks
work on any report; and dates rows printed without labels by a value another table states for a year."""

from __future__ import annotations

import re

from keneng_audit.inference.bases import shares_of_another_whole
from keneng_audit.inference.model import TableModel
from keneng_audit.inference.words import Words, norm
from keneng_audit.facts.values import period_of

_COUNTS = ("count", "period")


def table_id(key: str) -> str:
    return f"inferred-{key}"


def find(model: TableModel, words: Words) -> list[tuple[str, dict, str]]:
    """(quantity, source as in a pack's `quantities:`, why) for one table."""
    out: list[tuple[str, dict, str]] = []
    tid = table_id(model.table.key)
    trusted = set(model.trusted)
    year_rows = bool(model.period_rows)
    periods = model.period_columns
    year = None if periods or year_rows else _caption_year(model.table.caption)
    amounts = [c for c in model.columns if c.name in trusted and c.role == "count"]
    for q in words.quantities:
        # a row label that names the quantity: its year columns give the periods
        if periods:  # each year column of counts (never a 占比 column under the same year)
            for row in model.table.rows:
                if norm(row.label) in q.names and row.label not in model.children:
                    out += [(q.id, {"table": tid, "row": row.label, "column": col.name}, f"行“{norm(row.label)}”")
                            for col in periods if col.name in trusted]
        elif year is not None and len(amounts) == 1:  # `2024届毕业生去向`: one year, one column of values
            for row in model.table.rows:
                if norm(row.label) in q.names and row.label not in model.children:
                    out.append((q.id, {"table": tid, "row": row.label, "column": amounts[0].name, "period": year},
                                f"表题年份 {year}，行“{norm(row.label)}”"))
        # a column header that names it, read per year row
        for col in model.columns:
            if col.name in trusted and norm(col.name) in q.names and col.role not in ("text", "label"):
                if year_rows:
                    out.append((q.id, {"table": tid, "column": col.name}, f"列“{norm(col.name)}”"))
        if not q.caption_matches(model.table.caption):
            continue
        why = f"表题“{model.table.caption}”"
        if q.rows:
            out += _row_cells(model, q, tid, why)
            continue
        if q.rate:
            generic = [c for c in model.columns if c.name in trusted and c.role == "share"]
        else:
            generic = [c for c in model.columns if c.name in trusted and c.role in _COUNTS
                       and (words.is_generic_count(c.name) or norm(c.name) in q.names)]
        if year_rows:
            chosen = generic[:1] or [c for c in model.columns if c.role in _COUNTS + ("share",) and c.name in trusted]
            if len(chosen) == 1 or generic:
                out.append((q.id, {"table": tid, "column": chosen[0].name}, why + f"，列“{norm(chosen[0].name)}”"))
            continue
        if len(model.parts) < 2 or q.rate:
            continue
        whole = _whole_row(model, q)
        if whole is not None and generic:  # a row that is the quantity itself: its cell, not a sum of rows
            out.append((q.id, {"table": tid, "row": whole, "column": generic[0].name, "period": "current"},
                        why + f"，行“{norm(whole)}”"))
            continue
        if whole is not None:
            continue
        if len(model.total_rows) == 1:  # the printed 合计 is the quantity; the sum of the rows only a check on it
            total = model.total_rows[0]
            # `2024年经费收入情况` over one 金额 column: its 合计 is that year's
            single = amounts if not generic and not periods and year is not None and len(amounts) == 1 else []
            for col in generic[:1] or periods or single:
                source = {"table": tid, "row": total, "column": col.name}
                if generic:
                    source["period"] = "current"
                elif single:
                    source["period"] = year
                out.append((q.id, source, why + f"，行“{norm(total)}”“{norm(col.name)}”"))
            continue
        if generic and _shared_out(model, generic[0].name):
            continue  # `双师型 163 77.6%`, `高级职称 66 31.4%` … of 210: the rows overlap, their sum is no total
        if generic:
            out.append((q.id, {"table": tid, "column": generic[0].name, "aggregate": "sum", "rows": model.parts,
                               "period": "current"}, why + f"，“{norm(generic[0].name)}”列之和"))
        else:
            for col in periods:
                out.append((q.id, {"table": tid, "column": col.name, "aggregate": "sum", "rows": model.parts},
                            why + f"，“{norm(col.name)}”列之和"))
    return _unique(out)


def _shared_out(model: TableModel, column: str) -> bool:
    """Whether a share column beside `column` gives its rows one whole their sum does not reach or exceeds."""
    parts = model.parts
    return any(shares_of_another_whole(model.pairs(column, share.name, parts), every=True)
               for share in model.role("share"))


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_PART_OF_SCHOOL = re.compile(r"系|分院|二级学院|校区|专业部|班")
_RANGE = re.compile(r"(?:19|20)\d\d\s*(?:年|届)?\s*[-－—~～至到]")


def _caption_year(caption: str) -> str | None:
    """The one year a caption names (`2024年经费收入情况`, `2024届毕业生去向`); None for none, several or a range."""
    years = set(_YEAR.findall(caption or ""))
    if _PART_OF_SCHOOL.search(caption or ""):
        return None  # `2024年机电系毕业生去向`: a department's rows are not the school's quantities
    return years.pop() if len(years) == 1 and not _RANGE.search(caption) else None


def _whole_row(model: TableModel, q) -> str | None:
    """A row that is the whole, not a part: its label names the caption's quantity (专任教师 in a table of
    专任教师), or its share is printed as 100%; then the rows are no partition to add up."""
    for row in model.table.rows:
        if row.label in model.total_rows:
            continue
        if norm(row.label) in q.captions or norm(row.label) in q.names:
            return row.label
        for col in model.role("share"):
            cell = row.cells.get(col.name)
            if cell is not None and cell.number is not None and abs(cell.number.value - 100) < 0.5:
                return row.label
    return None


def _row_cells(model: TableModel, q, tid: str, why: str) -> list[tuple[str, dict, str]]:
    """One row of a captioned table (高级 of a 职称 table): its count now, and last period's by its increase."""
    count = next((c for c in model.columns if c.role == "count" and c.name in model.trusted), None)
    if count is None:
        return []
    inc = next((c for c in model.columns if c.role == "increase" and c.name in model.trusted), None)
    out = []
    for row in model.table.rows:
        if norm(row.label) in q.rows:
            out.append((q.id, {"table": tid, "row": row.label, "column": count.name, "period": "current"},
                        why + f"，行“{norm(row.label)}”"))
            if inc is not None:
                out.append((q.id, {"table": tid, "row": row.label, "column": count.name, "increase": inc.name,
                                   "period": "previous"}, why + f"，行“{norm(row.label)}”减去“{norm(inc.name)}”"))
            break
    return out


def _unique(found: list[tuple[str, dict, str]]) -> list[tuple[str, dict, str]]:
    seen, out = set(), []
    for q, source, why in found:
        key = (q, tuple(sorted((k, str(v)) for k, v in source.items())))
        if key not in seen:
            seen.add(key)
            out.append((q, source, why))
    return out


def date_rows(model: TableModel, words: Words, facts) -> tuple[list[str], str] | None:
    """Year labels for rows printed without any (第1行, 第2行): when a column that names a quantity prints,
    in one row, exactly the value another table gives for one year, the rows are that year's neighbours
    in printed order (earlier first). None when nothing dates them."""
    if not model.unlabeled or not facts.entries:
        return None
    n = len(model.table.rows)
    for col in model.columns:
        if col.name not in model.trusted or col.role in ("text", "label"):
            continue
        quantity = next((q.id for q in words.quantities if norm(col.name) in q.names), None)
        if quantity is None:
            continue
        known = {e.period: e.val for e in facts.occurrences(quantity) if e.period and e.origin == "table"}
        for i, row in enumerate(model.table.rows):
            cell = row.cells.get(col.name)
            if cell is None or cell.number is None:
                continue
            for period, val in sorted(known.items()):
                if val.printed and val.printed[0].text == cell.text and period_of(period):
                    first = int(period) - i
                    labels = [str(first + k) for k in range(n)]
                    return labels, (f"第{i + 1}行“{norm(col.name)}” {cell.text} = {val.printed[0].label} "
                                    f"（{period}年）")
    return None
