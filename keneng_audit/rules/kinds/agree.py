"""agree: every occurrence of one named quantity in one period states the same value."""

from __future__ import annotations

import numpy as np

from keneng_audit.intervals import groups_share_a_point
from keneng_audit.rules.kinds.base import Cases, Evidence, NotEvaluated, show, values_of
from keneng_audit.rules.model import Strict

BASIS = {"zh": "其他位置印为", "en": "printed elsewhere as"}
SUMMED = {"zh": "其他位置相加为", "en": "adds up elsewhere to"}  # a column's rows: a sum, printed nowhere
MIXED = {"zh": "其他位置印为或相加为", "en": "printed or adding up elsewhere to"}
SCOPE = "facts"
OPERANDS = ()


class Params(Strict):
    quantity: str


def cases(params: Params, view, facts) -> Cases:
    entries = facts.occurrences(params.quantity)
    if not entries:
        raise NotEvaluated(f"报告中找不到 {params.quantity}", f"{params.quantity} is not stated in this report")
    by_period: dict[str, list] = {}
    for e in entries:
        if e.period:
            by_period.setdefault(e.period, []).append(e)
    periods = sorted(p for p, group in by_period.items() if len(group) > 1)
    result = Cases(periods, rows=[None] * len(periods), columns=[None] * len(periods), periods=list(periods))
    result.extra["groups"] = [by_period[p] for p in periods]
    return result


def holds(cases: Cases, params: Params, truncated: bool = False) -> np.ndarray:
    """Vectorised over every occurrence: a period holds when all its intervals share a point."""
    groups = cases.extra["groups"]
    vals = [e.val for group in groups for e in group]
    if not vals:
        return np.ones(0, dtype=bool)
    codes = np.repeat(np.arange(len(groups), dtype=np.int64), [len(g) for g in groups])
    lo = np.fromiter((v.lo_t if truncated else v.lo for v in vals), dtype=float, count=len(vals))
    hi = np.fromiter((v.hi_t if truncated else v.hi for v in vals), dtype=float, count=len(vals))
    ok = np.ones(len(cases), dtype=bool)  # a case holds when every one of its occurrences does
    np.logical_and.at(ok, codes, groups_share_a_point(codes, lo, hi))
    return ok


def _stated(val) -> str:
    """A printed value as printed; a sum or difference of printed values with its result (`3988 = 899 + …`)."""
    if len(val.printed) > 1 and not np.isnan(val.value):
        return f"{show(val.value, val.kind, val.decimals, val.grouped)} = {val.display}"
    return val.display


def _listed(entries) -> str:
    """Each value once, with every place printing it: `3988 = 151 + … (表4, 表6)`."""
    places: dict[str, list[str]] = {}
    for e in entries:
        places.setdefault(_stated(e.val), []).append(e.where)
    return "; ".join(f"{text} ({', '.join(dict.fromkeys(wheres))})" for text, wheres in places.items())


def _basis(others) -> dict[str, str]:
    summed = [len(e.val.printed) > 1 for e in others]
    return SUMMED if all(summed) else MIXED if any(summed) else BASIS


def explain(cases: Cases, params: Params, i: int) -> Evidence:
    group = cases.extra["groups"][i]
    stated = _listed(group)
    # The finding points at the first place (its row and column also make the fingerprint): what is printed
    # there, then what the places that disagree with it print.
    first = group[0]
    others = [e for e in group[1:] if e.val.lo > first.val.hi or e.val.hi < first.val.lo]  # intervals apart
    others = others or group[1:]
    printed = first.val.printed[0] if first.val.printed else None
    return Evidence(_listed(others), f"{_stated(first.val)} ({first.where})",
                    values_of(*(e.val for e in group)),
                    printed.row if printed else None, printed.column if printed else None,
                    basis=_basis(others), fields={"actual": stated, "expected": f"{_stated(first.val)} ({first.where})"})
