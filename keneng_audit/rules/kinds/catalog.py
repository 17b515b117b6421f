"""catalog: a 专业代码 belongs to the 专业大类 it is listed under, and the 大类 exists (2021 专业目录)."""

from __future__ import annotations

import csv
from functools import lru_cache

import numpy as np

from keneng_audit.findings import PrintedValue
from keneng_audit.resources import data_dir
from keneng_audit.rules.kinds.base import Cases, Evidence, NotEvaluated
from keneng_audit.rules.model import TableParams

BASIS = {"zh": "按 2021 年专业目录", "en": "by the 2021 catalogue"}
SCOPE = "table"
OPERANDS = ()


class Params(TableParams):
    code: str  # column of 专业代码
    category: str  # column of 专业大类 names
    # data/catalog/<name>.csv: code,name. zhiye-2021: the 2021 catalogue at its three levels (中职 61–79,
    # 高职专科 41–59, 职业本科 21–39: the same 19 专业大类); zhongzhi-2021: 中职 only
    catalog: str = "zhiye-2021"
    fill_down: bool = True  # a merged 大类 cell is printed once for the rows below it


@lru_cache(maxsize=8)
def load_catalog(name: str) -> dict[str, str]:
    path = data_dir() / "catalog" / f"{name}.csv"
    if not path.is_file():
        raise NotEvaluated(f"没有参考目录 {name}", f"no reference catalog {name}")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


def _squash(text: str) -> str:
    return "".join(text.split())


def cases(params: Params, view, facts) -> Cases:
    if view is None or view.across != "rows":
        raise NotEvaluated("目录检查需要按行检查的表格", "a catalog check needs a table checked by rows")
    table = view.table
    code_col, name_col = view.other(params.code), view.other(params.category)
    labels, extra = [], []
    last_name: PrintedValue | None = None
    for case in view.cases(params):
        row = table.row(case)
        name_cell = row.cells.get(name_col)
        if name_cell is not None and _squash(name_cell.text):
            last_name = PrintedValue(_squash(name_cell.text), None, f"{table.key} {case} / {name_col}",
                                     name_cell.source.line, table=table.key, row=case, column=name_col,
                                     section=table.section)
        code_cell = row.cells.get(code_col)
        name = last_name if (params.fill_down or (name_cell is not None and _squash(name_cell.text))) else None
        if code_cell is None or name is None or not _squash(code_cell.text)[:2].isdigit():
            continue
        code = PrintedValue(_squash(code_cell.text), None, f"{table.key} {case} / {code_col}", code_cell.source.line,
                            table=table.key, row=case, column=code_col, section=table.section)
        labels.append(case)
        extra.append((code, name))
    result = Cases(labels, rows=labels, columns=[code_col] * len(labels), periods=[None] * len(labels),
                   table=table.key, section=table.section)
    result.extra["pairs"] = extra
    result.extra["catalog"] = load_catalog(params.catalog)
    return result


def holds(cases: Cases, params: Params, truncated: bool = False) -> np.ndarray:
    catalog = cases.extra["catalog"]
    # A code whose 大类 prefix the catalogue does not know (a 2010 code such as 051400, or no 专业代码 at all)
    # says nothing about its 大类; a known prefix must sit under its own 大类.
    return np.array([code.text[:2] not in catalog or catalog[code.text[:2]] == name.text
                     for code, name in cases.extra["pairs"]], dtype=bool)


def explain(cases: Cases, params: Params, i: int) -> Evidence:
    code, name = cases.extra["pairs"][i]
    catalog = cases.extra["catalog"]
    by_code = catalog.get(code.text[:2])
    expected = f"{code.text[:2]} {by_code}" if by_code else f"{code.text[:2]}: —"
    hint = None
    if name.text not in set(catalog.values()):
        hint = {"zh": f"“{name.text}”不是 2021 年专业目录中的专业大类",
                "en": f"'{name.text}' is not a 专业大类 of the 2021 catalogue"}
    return Evidence(expected, f"{code.text} {name.text}", (code, name), cases.rows[i], cases.columns[i], hint,
                    BASIS)
