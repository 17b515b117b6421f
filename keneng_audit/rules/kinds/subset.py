"""subset: a "其中" item (or the sum of several) does not exceed its parent."""

from __future__ import annotations

import numpy as np

from keneng_audit.intervals import interval_sum
from keneng_audit.rules.kinds.base import Cases, Evidence, NotEvaluated, Operand, Val, show, values_of
from keneng_audit.rules.model import Operand as OperandRef
from keneng_audit.rules.model import TableParams
from keneng_audit.rules import views

BASIS = {"zh": "应为", "en": "must be"}
SCOPE = "any"
OPERANDS = ("children", "parent")


class Params(TableParams):
    children: list[OperandRef] | None = None  # named parts; without them, every row's "其中" parent is used
    parent: OperandRef | None = None
    unit_column: str | None = None  # automatic mode: compare only rows printed in the same unit


def cases(params: Params, view, facts) -> Cases:
    if params.children is not None and params.parent is not None:
        return views.build_cases(params, OPERANDS, view, facts)
    if view is None or view.across != "columns":
        raise NotEvaluated("自动“其中”检查需要按列（年份）检查的表格",
                           "the automatic 其中 check needs a table checked across its (year) columns")
    table = view.table
    columns = view.cases(params)
    unit = view.table.find_column(params.unit_column) if params.unit_column else None
    labels, rows, cols, children, parents = [], [], [], [], []
    for row in table.rows:
        parent = table.row(row.parent) if row.parent else None
        if parent is None:
            continue
        if unit and (row.cells.get(unit) and parent.cells.get(unit)) and \
                "".join(row.cells[unit].text.split()) != "".join(parent.cells[unit].text.split()):
            continue
        for column in columns:
            child_val, parent_val = view.val(column, row.label), view.val(column, parent.label)
            if np.isnan(child_val.value) or np.isnan(parent_val.value):
                continue
            labels.append(f"{row.label} / {column}")
            rows.append(row.label)
            cols.append(column)
            children.append(child_val)
            parents.append(parent_val)
    result = Cases(labels, rows=rows, columns=cols, periods=[None] * len(labels), table=table.key,
                   section=table.section)
    result.ops["children"] = [Operand("children", children)]
    result.ops["parent"] = Operand("parent", parents)
    return result


def holds(cases: Cases, params: Params, truncated: bool = False) -> np.ndarray:
    if not len(cases):
        return np.ones(0, dtype=bool)
    parts = interval_sum([c.iv(truncated) for c in cases.many("children")])
    return parts.at_most(cases.op("parent").iv(truncated))


def explain(cases: Cases, params: Params, i: int) -> Evidence:
    children = [c[i] for c in cases.many("children")]
    parent = cases.op("parent")[i]
    added = Val.total(children)
    actual = added.display if len(children) == 1 else \
        f"{show(added.value, added.kind, added.decimals, added.grouped or parent.grouped)} = {added.display}"
    first = children[0].printed[0] if children and children[0].printed else None
    row = cases.rows[i] or (first.row if first else None)
    column = cases.columns[i] or (first.column if first else None)
    return Evidence(f"≤ {parent.display}", actual, values_of(*children, parent), row, column, basis=BASIS)
