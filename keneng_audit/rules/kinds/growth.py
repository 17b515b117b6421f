"""growth: a rate equals increase / previous × 100 (增加比率 = 增加人数 / 上一年度)."""

from __future__ import annotations

import numpy as np
from pydantic import model_validator

from keneng_audit.errors import Invalid
from keneng_audit.intervals import Interval
from keneng_audit.rules.kinds.base import Cases, Evidence, show, term, values_of, where_located
from keneng_audit.rules.model import Operand, TableParams

BASIS = {"zh": "按上一期计算", "en": "on the previous period's base"}
SCOPE = "any"
OPERANDS = ("rate", "previous", "increase", "current")


class Params(TableParams):
    rate: Operand
    previous: Operand | None = None  # without it: current − increase
    increase: Operand | None = None  # printed increase; else current − previous
    current: Operand | None = None

    @model_validator(mode="after")
    def _two_of_three(self):
        given = [x is not None for x in (self.previous, self.increase, self.current)]
        if sum(given) < 2:
            raise Invalid("增长率需要 `previous`、`increase`、`current` 中的两项", "growth needs two of `previous`, `increase` and `current`")
        return self


def _increase(cases: Cases, truncated: bool) -> Interval:
    if "increase" in cases.ops:
        return cases.op("increase").iv(truncated)
    return cases.op("current").iv(truncated) - cases.op("previous").iv(truncated)


def _previous(cases: Cases, truncated: bool) -> Interval:
    if "previous" in cases.ops:
        return cases.op("previous").iv(truncated)
    return cases.op("current").iv(truncated) - cases.op("increase").iv(truncated)


def holds(cases: Cases, params: Params, truncated: bool = False) -> np.ndarray:
    rate = (_increase(cases, truncated) / _previous(cases, truncated)).scale(100.0)
    return rate.overlaps(cases.op("rate").iv(truncated))


def explain(cases: Cases, params: Params, i: int) -> Evidence:
    rate = cases.op("rate")[i]
    if "previous" not in cases.ops:
        cur, inc = cases.op("current")[i], cases.op("increase")[i]
        base = cur.value - inc.value
        expected = inc.value / base * 100 if base else np.nan
        wrong = inc.value / cur.value * 100 if cur.value else np.nan
        hint = None
        if rate.lo <= wrong <= rate.hi:
            shown = show(wrong, rate.kind, rate.decimals)
            hint = {"zh": f"比率似乎以本期数为基数：{term(inc)} / {term(cur)} = {shown}",
                    "en": f"the rate seems to use the current value as its base: {term(inc)} / {term(cur)} = {shown}"}
        row, column = where_located(cases, i, cases.op("rate"))
        return Evidence(f"{show(expected, rate.kind, rate.decimals)} = {term(inc)} / ({term(cur)} − {term(inc)})",
                        rate.display, values_of(rate, inc, cur), row, column, hint, BASIS)
    prev = cases.op("previous")[i]
    if "increase" in cases.ops:
        inc = cases.op("increase")[i]
        inc_value, inc_text, compared = inc.value, term(inc), values_of(rate, inc, prev)
    else:
        cur = cases.op("current")[i]
        inc_value, inc_text = cur.value - prev.value, f"({term(cur)} − {term(prev)})"
        compared = values_of(rate, cur, prev)
    expected = inc_value / prev.value * 100 if prev.value else np.nan
    hint = None
    if "current" in cases.ops and cases.op("current")[i].value:
        cur = cases.op("current")[i]
        wrong = inc_value / cur.value * 100
        if rate.lo <= wrong <= rate.hi:
            shown = show(wrong, rate.kind, rate.decimals)
            hint = {"zh": f"比率似乎以本期数为基数：{inc_text} / {term(cur)} = {shown}",
                    "en": f"the rate seems to use the current value as its base: {inc_text} / {term(cur)} = {shown}"}
    row, column = where_located(cases, i, cases.op("rate"))
    return Evidence(f"{show(expected, rate.kind, rate.decimals)} = {inc_text} / {term(prev)}", rate.display,
                    compared, row, column, hint, BASIS)
