"""share: a percentage equals part / whole × 100 (比例 = 人数 / 总数)."""

from __future__ import annotations

import numpy as np

from keneng_audit.rules.kinds.base import Cases, Evidence, show, term, values_of, where_located
from keneng_audit.rules.model import Operand, TableParams

BASIS = {"zh": "按部分 / 总数计算", "en": "part / whole gives"}
SCOPE = "any"
OPERANDS = ("percent", "part", "whole", "also")


class Params(TableParams):
    percent: Operand
    part: Operand
    whole: Operand
    # Other bases the percentage may have been taken of by mistake: a break one of them explains says so in
    # its hint (inference lists the bases it tried).
    also: list[Operand] | None = None


def holds(cases: Cases, params: Params, truncated: bool = False) -> np.ndarray:
    share = (cases.op("part").iv(truncated) / cases.op("whole").iv(truncated)).scale(100.0)
    return share.overlaps(cases.op("percent").iv(truncated))


def explain(cases: Cases, params: Params, i: int) -> Evidence:
    pct, part, whole = cases.op("percent")[i], cases.op("part")[i], cases.op("whole")[i]
    expected = part.value / whole.value * 100 if whole.value else np.nan
    row, column = where_located(cases, i, cases.op("percent"))
    return Evidence(f"{show(expected, 'percent', pct.decimals)} = {term(part)} / {term(whole)}", pct.display,
                    values_of(pct, part, whole), row, column, _other_base(cases, i), basis=BASIS)


def _other_base(cases: Cases, i: int) -> dict[str, str] | None:
    """The hint when another base gives the printed percentage (e.g. a share of last year's total)."""
    pct, part = cases.op("percent")[i], cases.op("part")[i]
    for other in (cases.many("also") if "also" in cases.ops else []):
        base = other[i]
        if not base.value or np.isnan(base.value) or np.isnan(part.value):
            continue
        taken = part.value / base.value * 100
        if pct.lo <= taken <= pct.hi:
            shown = show(taken, "percent", pct.decimals)
            return {"zh": f"比例似乎以 {term(base)} 为基数：{term(part)} / {term(base)} = {shown}",
                    "en": f"the share seems to be taken of {term(base)}: {term(part)} / {term(base)} = {shown}"}
    return None
