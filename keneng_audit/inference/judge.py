"""Judges candidate relations on the printed numbers, with the same kinds and intervals the engine uses:
how many cases hold, which base a share is taken of, and whether a relation only the numbers show has
enough support for its breaks to be reported."""

from __future__ import annotations

import numpy as np

from keneng_audit.inference.candidates import Candidate
from keneng_audit.inference.misprint import one_misprint
from keneng_audit.rules.kinds import KINDS
from keneng_audit.rules.views import TableView, build_cases


def evaluate(cand: Candidate, table, facts) -> tuple[np.ndarray, np.ndarray] | None:
    """(holds, counts-as-evidence) per case, or None when the relation cannot be evaluated here."""
    kind = KINDS[cand.kind]
    try:
        params = kind.Params.model_validate(cand.params)
        view = TableView(table, getattr(params, "across", "rows")) if table is not None else None
        make = getattr(kind, "cases", None)
        cases = make(params, view, facts) if make else build_cases(params, kind.OPERANDS, view, facts)
        held = np.asarray(kind.holds(cases, params), dtype=bool) | np.asarray(
            kind.holds(cases, params, truncated=True), dtype=bool)
    except Exception:  # NotEvaluated (a cell or quantity missing) or any odd table: the candidate is dropped
        return None
    return held, _evidence(cand.kind, cases)


def _values(cases, name: str) -> np.ndarray | None:
    found = cases.ops.get(name)
    if found is None or isinstance(found, list):
        return None
    return found.values


def _evidence(kind: str, cases) -> np.ndarray:
    """Cases that tell something: every operand printed, and not trivially true (a zero part, no change)."""
    n = len(cases)
    ok = np.ones(n, dtype=bool)
    for name, op in cases.ops.items():
        if isinstance(op, list):
            if op:
                present = np.array([~np.isnan(o.values) for o in op])
                ok &= present.sum(axis=0) >= min(2, len(op))
            continue
        ok &= ~np.isnan(op.values)
    if kind == "share":
        ok &= (_values(cases, "part") != 0) & (_values(cases, "whole") != 0)
    if kind == "ratio":
        ok &= (_values(cases, "numerator") != 0) & (_values(cases, "denominator") != 0)
    if kind == "growth":
        for name in ("increase", "previous"):
            found = _values(cases, name)
            if found is not None:
                ok &= found != 0
    if kind == "difference":
        ok &= _values(cases, "current") != _values(cases, "previous")
    return ok


def judge(cands: list[Candidate], table_of, facts) -> list[Candidate]:
    """The candidates kept, each with its support; a share keeps the base most of its rows hold under."""
    kept = []
    for cand in cands:
        options = [cand, *cand.alternatives]
        scored = []
        for opt in options:
            result = evaluate(opt, table_of(opt), facts)
            if result is None:
                opt.verdict = "dropped: not evaluable"
                continue
            held, evidence = result
            opt.support = (int((held & evidence).sum()), int(evidence.sum()))
            scored.append(opt)
        if not scored:
            continue
        if len(options) > 1 and all(o.kind == "sum" and "column" in o.params for o in options):
            # readings of one total row (which rows are its parts): the one most columns hold under
            best = max(scored, key=lambda c: (2 * c.support[0] - c.support[1], -scored.index(c)))
            if best.loose and not best.support[0]:
                marked = next((c for c in scored if c.labelled and one_misprint_apart(c)), None)
                if marked is None:
                    cand.verdict = "dropped: a loosely named total that no reading of its parts holds under"
                    continue
                best = marked
                best.verdict = "kept: the rows the labels mark off, one misprint from the total"
                kept.append(best)
                continue
            best.verdict = "kept: the reading most columns hold under"
            kept.append(best)
            continue
        if len(options) == 1 and cand.named and cand.kind not in ("share", "ratio") and "parts" not in cand.params:
            if cand.support[1] == 0 and cand.kind not in ("catalog", "range", "sum", "subset"):
                cand.verdict = "dropped: no case to check"
                continue
            if cand.loose and not cand.support[0] and cand.support[1]:
                cand.verdict = "dropped: a loosely named total that holds in no case"
                continue
            if cand.kind == "subset" and not cand.support[0] and cand.support[1] >= 2:
                cand.verdict = "dropped: a 其中 item over its whole in every case (a misread row)"
                continue
            cand.verdict = "kept: named by the header"
            kept.append(cand)
            continue
        if not cand.named:
            held, seen = cand.support
            if held >= 3 and held * 3 > seen * 2:
                cand.verdict = "kept: a clear majority holds"
                kept.append(cand)
            else:
                cand.verdict = "dropped: too few cases hold"
            continue
        best = _best_base(scored)
        if best is not None:
            kept.append(best)
    return kept


def one_misprint_apart(cand: Candidate) -> bool:
    """Whether in every column a sum reading names, one keystroke makes its rows add up to its total row."""
    table, total = cand.table, cand.params.get("total")
    row = table.row(total) if isinstance(total, str) else None
    if row is None:
        return False
    skip = set(cand.params.get("exclude") or ()) | {total}
    parts = [r for r in table.rows if r.label not in skip]
    seen = 0
    for column in cand.params.get("column") or ():
        cell = row.cells.get(column)
        nums = [r.cells[column].number for r in parts if column in r.cells and r.cells[column].number is not None]
        if cell is None or cell.number is None or len(nums) < 2:
            continue
        seen += 1
        if not one_misprint(cell.number, nums):
            return False
    return seen > 0


def _best_base(scored: list[Candidate]) -> Candidate | None:
    """The share base under which the most rows hold (at least half of them); else the 100% sum, if any."""
    bases = [c for c in scored if (c.kind in ("share", "ratio", "growth", "difference") or "parts" in c.params)
             and c.support[0] >= 1
             and c.support[0] * 2 >= c.support[1]]
    if bases:
        best = max(bases, key=lambda c: (c.support[0] - (c.support[1] - c.support[0]), -scored.index(c)))
        best.verdict = "kept: the base most rows hold under"
        if best.kind == "share":  # the other bases some row holds under: a break one explains is hinted at
            others = [c for c in scored if c is not best and c.kind == "share" and c.support[0]][:6]
            if others:
                best.params = {**best.params, "also": [c.params["whole"] for c in others]}
                best.quantities = {k: v for c in (best, *others) for k, v in c.quantities.items()}
        return best
    fallback = [c for c in scored if c.kind == "sum" and "parts" not in c.params]
    if fallback:
        fallback[0].verdict = "kept: no single base; the shares must add up to 100%"
        return fallback[0]
    return None
