"""share: a percentage equals part / whole × 100 (比例 = 人数 / 总数)."""

from __future__ import annotations

import numpy as np

from keneng_audit.rules.kinds.base import Cases, Evidence, show, term, values_of, where_located
from keneng_audit.rules.model import Operand, TableParams

BASIS = {"zh": "按部分 / 总数计算", "en": "part / whole gives"}
SCOPE = "any"
OPERANDS = ("percent", "part", "whole")


class Params(TableParams):
    percent: Operand
    part: Operand
    whole: Operand


def holds(cases: Cases, params: Params, truncated: bool = False) -> np.ndarray:
    share = (cases.op("part").iv(truncated) / cases.op("whole").iv(truncated)).scale(100.0)
    return share.overlaps(cases.op("percent").iv(truncated))


def explain(cases: Cases, params: Params, i: int) -> Evidence:
    pct, part, whole = cases.op("percent")[i], cases.op("part")[i], cases.op("whole")[i]
    expected = part.value / whole.value * 100 if whole.value else np.nan
    row, column = where_located(cases, i, cases.op("percent"))
    return Evidence(f"{show(expected, 'percent', pct.decimals)} = {term(part)} / {term(whole)}", pct.display,
                    values_of(pct, part, whole), row, column, basis=BASIS)
