"""range: a value lies in its domain (count ≥ 0 and whole, percentage in [0, 100], a real calendar date)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from keneng_audit.findings import PrintedValue, places
from keneng_audit.rules.kinds.base import MISSING, Cases, Evidence, NotEvaluated, Operand, show, values_of
from keneng_audit.rules.model import TableParams

SCOPE = "table"
OPERANDS = ()
_DATE_RE = re.compile(r"^\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*$")


class Params(TableParams):
    columns: list[str] | None = None  # the columns whose cells are checked (across rows); default: all
    min: float | None = None
    max: float | None = None
    whole: bool = False  # printed without decimals
    date: bool = False  # cells that look like dates must be real calendar dates


def cases(params: Params, view, facts) -> Cases:
    if view is None:
        raise NotEvaluated("范围检查需要表格", "a range check needs a table")
    table = view.table
    case_labels = view.cases(params)
    others = [view.other(c) for c in params.columns] if params.columns else \
        ([c for c in table.columns if c != table.label_column] if view.across == "rows" else
         [r.label for r in table.rows])
    labels, rows, cols, vals, texts = [], [], [], [], []
    for case in case_labels:
        for other in others:
            cell = view.cell(case, other)
            if cell is None:
                continue
            row, column = (case, other) if view.across == "rows" else (other, case)
            val = view.val(case, other)
            if params.date:
                if not _DATE_RE.match(cell.text):
                    continue
            elif val is MISSING:
                continue
            labels.append(f"{row} / {column}")
            rows.append(row)
            cols.append(column)
            vals.append(val)
            # the cell's value as it was printed: the one its Val holds (the same fields), else built here
            texts.append(val.printed[0] if val is not MISSING and len(val.printed) == 1 else
                         PrintedValue(cell.text, None, f"{table.key} {row} / {column}", cell.source.line,
                                      table=table.key, row=row, column=column, section=table.section,
                                      **places(cell.source)))
    result = Cases(labels, rows=rows, columns=cols, periods=[None] * len(labels), table=table.key,
                   section=table.section)
    result.ops["value"] = Operand("value", vals)
    result.extra["cells"] = texts
    return result


def _dates_ok(texts: list[str]) -> np.ndarray:
    parts = [_DATE_RE.match(t) for t in texts]
    iso = pd.Series([f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else "" for m in parts],
                    dtype=object)
    return pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce").notna().to_numpy()


def holds(cases: Cases, params: Params, truncated: bool = False) -> np.ndarray:
    if not len(cases):
        return np.ones(0, dtype=bool)
    if params.date:
        return _dates_ok([p.text for p in cases.extra["cells"]])
    value = cases.op("value")
    ok = value.iv(truncated).within(params.min, params.max)
    if params.whole:
        ok &= np.array([v.decimals <= 0 or np.isnan(v.value) for v in value.vals])  # 1.2万: whole
    return ok


def explain(cases: Cases, params: Params, i: int) -> Evidence:
    cell = cases.extra["cells"][i]
    if params.date:
        expected: str | dict[str, str] = {"zh": "有效日期（YYYY-MM-DD）", "en": "a real date (YYYY-MM-DD)"}
    else:
        low = "−∞" if params.min is None else show(params.min, "decimal", 0)
        high = "+∞" if params.max is None else show(params.max, "decimal", 0)
        expected = {"zh": f"[{low}, {high}]" + ("，整数" if params.whole else ""),
                    "en": f"[{low}, {high}]" + (", whole" if params.whole else "")}
    return Evidence(expected, cell.text, (cell,) if not cases.op("value")[i].printed else
                    values_of(cases.op("value")[i]), cases.rows[i], cases.columns[i])
