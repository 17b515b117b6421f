"""sum: parts add up to a total, along a row (named columns), down a column, or over named cells."""

from __future__ import annotations

import numpy as np
from pydantic import model_validator

from keneng_audit import breakdown
from keneng_audit.errors import Invalid
from keneng_audit.intervals import Interval, finite, interval_sum
from keneng_audit.rules.kinds.base import (Cases, Evidence, NotEvaluated, Operand, Val, period_of, show, values_of,
                                           where_located)
from keneng_audit.rules.model import Operand as OperandRef
from keneng_audit.rules.model import PeriodColumn, TableParams
from keneng_audit.facts.tables import is_subtotal
from keneng_audit.rules import views

BASIS_ROWS = {"zh": "各行相加", "en": "the rows add up to"}
BASIS_PARTS = {"zh": "各项相加", "en": "the parts add up to"}
SCOPE = "any"
OPERANDS = ("parts", "total")


class Params(TableParams):
    parts: list[OperandRef] | None = None  # per case: these operands add up to `total`
    column: str | PeriodColumn | list[str | PeriodColumn] | None = None  # instead: each such column, summed
    # over the rows (`exclude` a 合计 row), adds up to `total`
    total: OperandRef  # in column mode a row label names the total row (left out of the parts)
    counts: str | None = None  # column mode over percentages: the counts column, to show each row's base

    @model_validator(mode="after")
    def _one_mode(self):
        if (self.parts is None) == (self.column is None):
            raise Invalid("求和需要 `parts` 或 `column`", "sum needs either `parts` or `column`")
        return self


def cases(params: Params, view, facts) -> Cases:
    if params.column is None:
        return views.build_cases(params, OPERANDS, view, facts)
    if view is None or view.across != "rows":
        raise NotEvaluated("按列求和需要按行检查的表格", "a column sum needs a table checked by rows")
    columns = [view.column_of(c) for c in (params.column if isinstance(params.column, list) else [params.column])]
    labels = view.cases(params)
    total_row = None
    if isinstance(params.total, str):
        total_row = view.table.find_row(params.total)
        if total_row is None:
            raise NotEvaluated(f"{view.table.key} 中没有合计行“{params.total}”",
                               f"{view.table.key} has no total row '{params.total}'", params.total)
        labels = [c for c in labels if c != total_row]
    if any(not is_subtotal(c) for c in labels):
        labels = [c for c in labels if not is_subtotal(c)]  # a 小计 adds up rows already counted
    periods = [period_of(c) for c in columns]
    result = Cases(columns, rows=[None] * len(columns), columns=list(columns), periods=periods,
                   table=view.table.key, section=view.table.section)
    if total_row is not None:
        result.ops["total"] = Operand(total_row, [view.val(total_row, c) for c in columns])
    else:
        result.ops["total"] = views.operand(params.total, view, facts, columns, periods, "total")
    # Parts are per column; rows missing in a column count as absent, not as zero.
    grid = [[view.val(r, c) for c in columns] for r in labels]
    result.ops["parts"] = [Operand(r, vals) for r, vals in zip(labels, grid)]
    result.extra["readings"] = _readings(view.table, labels, grid, len(columns))
    if params.counts and len(columns) == 1:
        counts = view.other(params.counts)
        result.extra["counts"] = [(vals[0], view.val(r, counts)) for r, vals in zip(labels, grid)]
    return result


def _readings(table, labels: list[str], grid: list[list[Val]], n: int) -> list[np.ndarray]:
    """Per reading of the rows (which are parts: see `breakdown`), a mask rows × columns; the default first."""
    parent = breakdown.parents(labels, {r.label: r.parent for r in table.rows})
    if not labels or not (parent >= 0).any():
        return [np.ones((len(labels), n), dtype=bool)]
    lo = np.array([[v.lo for v in row] for row in grid], dtype=float)
    hi = np.array([[v.hi for v in row] for row in grid], dtype=float)
    per_column = [breakdown.readings(lo[:, j], hi[:, j], parent) for j in range(n)]
    most = max(len(r) for r in per_column)
    return [np.stack([r[k] if k < len(r) else r[0] for r in per_column], axis=1)
            for k in range(most)]


def holds(cases: Cases, params: Params, truncated: bool = False) -> np.ndarray:
    operands = cases.many("parts")
    if not operands:
        return np.ones(len(cases), dtype=bool)
    absent = np.array([np.isnan(p.values) for p in operands])
    # A named part left blank makes the case unknowable; down a column, blank rows are simply not parts.
    skip = absent.any(axis=0) if params.column is None else absent.all(axis=0)
    total = cases.op("total").iv(truncated)
    masks = cases.extra.get("readings")
    if masks is None:
        added = interval_sum([_zero_if_absent(p.iv(truncated)) for p in operands])
        return added.overlaps(total) | skip
    ivs = [p.iv(truncated) for p in operands]
    lo, hi = np.array([finite(iv.lo) for iv in ivs]), np.array([finite(iv.hi) for iv in ivs])
    held = np.zeros(len(cases), dtype=bool)
    for mask in masks:  # the total holds under one reading of which rows are its parts
        held |= Interval(np.where(mask, lo, 0.0).sum(axis=0), np.where(mask, hi, 0.0).sum(axis=0)).overlaps(total)
    return held | skip


def _zero_if_absent(iv: Interval) -> Interval:
    return Interval(finite(iv.lo), finite(iv.hi))


def explain(cases: Cases, params: Params, i: int) -> Evidence:
    masks = cases.extra.get("readings")
    parts = [p[i] for k, p in enumerate(cases.many("parts"))
             if not np.isnan(p[i].value) and (masks is None or masks[0][k, i])]
    total = cases.op("total")[i]
    added = Val.total(parts)
    where = f" ({total.printed[0].table})" if total.printed and total.printed[0].table and \
        total.printed[0].table != cases.table else ""
    hint = _bases_hint([(p, c) for p, c in cases.extra.get("counts", []) if not np.isnan(p.value)])
    row, column = where_located(cases, i, None)
    if row is None and total.printed and total.printed[0].table == cases.table:
        row = total.printed[0].row  # across columns the case is a year; point at the total's row
    shown = f"{total.display if total.printed or added.kind != 'percent' else f'{total.display}%'}{where}"
    decimals = max(added.decimals, total.decimals if total.printed else 0)  # as the total is printed
    if " + " in total.display:  # a total that is itself a sum (a quantity read as another column's sum): say its result
        shown = f"{show(total.value, total.kind, decimals, total.grouped)} = {total.display}{where}"
    summed = f"{show(added.value, added.kind, decimals, added.grouped or total.grouped)} = {added.display}"
    # Message templates word a sum as "the parts add up to {actual}, but the total is {expected}".
    fields = {"actual": summed, "expected": shown}
    if not total.printed:  # a fixed total (100%): the report prints only the parts
        return Evidence(shown, summed, values_of(*parts), row, column, hint, fields=fields)
    basis = BASIS_ROWS if params.column is not None else BASIS_PARTS
    return Evidence(summed, shown, values_of(total, *parts), row, column, hint, basis, fields)


def _bases_hint(pairs: list[tuple[Val, Val]]) -> dict[str, str] | None:
    """When percentages of one column rest on different bases, name them (488 / 29.3% ≈ 1666)."""
    bases = [(c.value / p.value * 100, p, c) for p, c in pairs if p.value and not np.isnan(c.value) and c.value]
    if len(bases) < 2:
        return None
    low, high = min(bases, key=lambda b: b[0]), max(bases, key=lambda b: b[0])
    if high[0] < low[0] * 1.05:
        return None
    text = (f"{low[2].display} / {low[1].display} ≈ {low[0]:.0f}, "
            f"{high[2].display} / {high[1].display} ≈ {high[0]:.0f}")
    return {"zh": f"各行比例的基数不同：{text}", "en": f"the rows use different bases: {text}"}
