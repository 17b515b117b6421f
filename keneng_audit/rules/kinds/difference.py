"""difference: an increase equals current − previous (增加人数 = 本年度 − 上一年度)."""

from __future__ import annotations

import numpy as np

from keneng_audit.rules.kinds.base import Cases, Evidence, show, term, values_of, where_located
from keneng_audit.rules.model import Operand, TableParams

BASIS = {"zh": "两期相减", "en": "current − previous gives"}
SCOPE = "any"
OPERANDS = ("increase", "current", "previous")


class Params(TableParams):
    increase: Operand
    current: Operand
    previous: Operand


def holds(cases: Cases, params: Params, truncated: bool = False) -> np.ndarray:
    diff = cases.op("current").iv(truncated) - cases.op("previous").iv(truncated)
    return diff.overlaps(cases.op("increase").iv(truncated))


def explain(cases: Cases, params: Params, i: int) -> Evidence:
    inc, cur, prev = cases.op("increase")[i], cases.op("current")[i], cases.op("previous")[i]
    expected = show(cur.value - prev.value, inc.kind, max(cur.decimals, prev.decimals),
                    inc.grouped or cur.grouped or prev.grouped)
    row, column = where_located(cases, i, cases.op("increase"))
    return Evidence(f"{expected} = {term(cur)} − {term(prev)}", inc.display, values_of(inc, cur, prev), row, column,
                    basis=BASIS)
