"""ratio: a ratio or per-head value equals numerator / denominator × scale (生师比 = 在校生 / 专任教师)."""

from __future__ import annotations

import numpy as np

from keneng_audit.rules.kinds.base import Cases, Evidence, show, term, values_of, where_located
from keneng_audit.rules.model import Operand, TableParams

BASIS = {"zh": "按数值计算", "en": "computed"}
SCOPE = "any"
OPERANDS = ("value", "numerator", "denominator")


class Params(TableParams):
    value: Operand
    numerator: Operand
    denominator: Operand
    scale: float = 1.0  # e.g. 10000 when the numerator is printed in 万元 and the value in 元


def holds(cases: Cases, params: Params, truncated: bool = False) -> np.ndarray:
    quotient = (cases.op("numerator").iv(truncated) / cases.op("denominator").iv(truncated)).scale(params.scale)
    return quotient.overlaps(cases.op("value").iv(truncated))


def explain(cases: Cases, params: Params, i: int) -> Evidence:
    value, num, den = cases.op("value")[i], cases.op("numerator")[i], cases.op("denominator")[i]
    expected = num.value / den.value * params.scale if den.value else np.nan
    scale = "" if params.scale == 1 else f" × {params.scale:g}"
    row, column = where_located(cases, i, cases.op("value"))
    return Evidence(f"{show(expected, value.kind, value.decimals)} = {term(num)} / {term(den)}{scale}",
                    value.display, values_of(value, num, den), row, column, basis=BASIS)
