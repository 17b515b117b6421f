"""Minimal-change diagnosis: when the failing relations around one printed number all come right by changing
that one number (and no holding relation breaks), that number is blamed, once, instead of the correct ones."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np

from keneng_audit.facts.values import Val, show
from keneng_audit.findings import Finding, make_fingerprint, rule_identity
from keneng_audit.inference.solve import SOLVABLE, Constraint, Key, key_of, printable
from keneng_audit.rules.kinds import KINDS

_MAX_FAILING = 400  # a report this broken is read finding by finding
_MAX_PAIR_GROUP = 8  # two or three misprints are looked for in groups of at most this many failing cases …
_MAX_PAIR_CELLS = 40  # … printing at most this many numbers between them
_MAX_MISPRINTS = 3  # independent misprints one group (joined by a shared 合计) is explained by
_WORDS = {
    "zh": ("{where}印刷为 {actual}，按其他数值应为 {expected}（{n} 项关系都指向此数：{rules}）",
           "{where}印刷有误：改为 {expected}，这 {n} 项关系即全部成立，其余数值无须改动", "按其他数值"),
    "en": ("{where} is printed as {actual}; the other values give {expected} ({n} relations point at it: {rules})",
           "{where} is misprinted: with {expected} these {n} relations hold, and no other value needs to change",
           "the other values give"),
}


def constraints(rule, cases, held: np.ndarray, which=None) -> list[Constraint]:
    """Cases of a table rule (`which`: those positions, else all) as constraints (a column sum with the reading
    of its rows it holds under)."""
    out = []
    kind = rule.kind
    params = rule.params
    scale = 100.0 if kind == "share" else float(getattr(params, "scale", 1.0) or 1.0)
    names = [n for n in cases.ops if n != "also"]
    masks = cases.extra.get("readings") if kind == "sum" else None
    for i in (range(len(cases)) if which is None else which):
        ops: dict = {}
        alts = []
        for name in names:
            found = cases.ops[name]
            if isinstance(found, list):
                vals = [op[i] for op in found]
                if masks is not None:
                    mask = _reading(masks, vals, cases.op("total")[i], i) if held[i] else masks[0][:, i]
                    if not held[i]:  # a failing sum may be mended under any reading of its rows
                        alts = [[v for v, keep in zip(vals, m[:, i]) if keep and not np.isnan(v.value)]
                                for m in masks[1:]]
                    vals = [v for v, keep in zip(vals, mask) if keep]
                ops[name] = [v for v in vals if not np.isnan(v.value)]
            else:
                ops[name] = found[i]
        if any(not isinstance(v, list) and np.isnan(v.value) for v in ops.values()):
            continue
        out.append(Constraint(rule.id, i, kind, ops, scale, bool(held[i]), alts))
    return out


def _reading(masks, vals: list[Val], total: Val, i: int) -> np.ndarray:
    lo = np.array([v.lo for v in vals])
    hi = np.array([v.hi for v in vals])
    for mask in masks:
        m = mask[:, i]
        if np.nansum(lo[m]) <= total.hi + 1e-9 and np.nansum(hi[m]) >= total.lo - 1e-9:
            return m
    return masks[0][:, i]


def diagnose(rules: dict, cases_of: dict) -> list[tuple[Key, Val, float, list[Constraint]]]:
    """(cell, its printed Val, the value the others give, the failing constraints it explains) per group of
    failing cases one cell explains; a group two or more cells could each explain is left alone."""
    failing: list[Constraint] = []
    held_of: dict[str, np.ndarray] = {}
    for rid, (cases, failed) in cases_of.items():
        rule = rules.get(rid)
        if rule is None or rule.kind not in SOLVABLE:
            continue
        held = np.ones(len(cases), dtype=bool)
        held[np.asarray(failed, dtype=int)] = False
        held_of[rid] = held
        if len(failed):
            failing += constraints(rule, cases, held, [int(i) for i in failed])
    if not failing or len(failing) > _MAX_FAILING:
        return []
    # One failing case alone is its own finding: its target is always one of the numbers that fit, and when
    # another fits as well nothing tells them apart.
    groups = [g for g in _groups(failing) if len(g) > 1]
    if not groups:
        return []
    wanted = set().union(*(_candidates(g) for g in groups))
    around: dict[Key, list[Constraint]] = {k: [] for k in wanted}
    own: dict[Key, Val] = {}
    for rid, held in held_of.items():  # every holding case that prints a candidate cell must keep holding
        cases = cases_of[rid][0]
        if not held.any() or not _touches(cases, wanted):
            continue
        for c in constraints(rules[rid], cases, held, np.flatnonzero(held)):
            for _, _, v in c.vals():
                for p in v.printed:
                    k = key_of(p)
                    if k in around:
                        around[k].append(c)
                        if len(v.printed) == 1:
                            own.setdefault(k, v)
    for c in failing:
        for _, _, v in c.vals():
            if len(v.printed) == 1 and (k := key_of(v.printed[0])) in around:
                own.setdefault(k, v)
    out = []
    for group in groups:
        found = []
        for cell in sorted(set.intersection(*(c.cells() for c in group)), key=str):
            if cell not in own:
                continue
            value = _fits(cell, own[cell], group + around[cell])
            if value is not None:
                found.append((cell, own[cell], value, group))
        if len(found) == 1:
            out.append(found[0])
        elif not found and len(group) <= _MAX_PAIR_GROUP:
            out += _pair(group, around, own)
    return out


def _candidates(group: list[Constraint]) -> set[Key]:
    """The cells that may explain a group: those all its cases print; for a small group, any of its cells (two
    of them may explain it together)."""
    common = set.intersection(*(c.cells() for c in group))
    if len(group) > _MAX_PAIR_GROUP:
        return common
    every = set().union(*(c.cells() for c in group))
    return every if len(every) <= _MAX_PAIR_CELLS else common


def _pair(group: list[Constraint], around: dict, own: dict) -> list:
    """Two or three cells that explain a group between them, when exactly one smallest set does: each mends
    every case that prints it, every failing case prints one of them, and no case prints two of them
    (independent misprints joined by a shared 合计)."""
    cells = sorted(set().union(*(c.cells() for c in group)), key=str)
    if len(cells) > _MAX_PAIR_CELLS:
        return []
    fits = {}
    for cell in cells:
        if cell in own:
            mine = [c for c in group if cell in c.cells()]
            value = _fits(cell, own[cell], mine + around.get(cell, []))
            if value is not None:
                fits[cell] = (value, mine)
    need = {id(c) for c in group}
    mended = {x: {id(c) for c in fits[x][1]} for x in fits}
    touched = {x: mended[x] | {id(c) for c in around.get(x, [])} for x in fits}
    keys = list(fits)
    for size in range(2, _MAX_MISPRINTS + 1):
        found = []
        for chosen in itertools.combinations(keys, size):
            if set().union(*(mended[x] for x in chosen)) != need:
                continue  # some failing case prints none of them
            if any(touched[x] & touched[y] for x, y in itertools.combinations(chosen, 2)):
                continue
            found.append(chosen)
            if len(found) > 1:
                return []
        if found:
            return [(x, own[x], fits[x][0], fits[x][1]) for x in found[0]]
    return []


def _touches(cases, wanted: set[Key]) -> bool:
    tables = {k[0] for k in wanted}
    if cases.table in tables:
        return True
    return any(p.table in tables for op in cases.ops.values() for o in (op if isinstance(op, list) else [op])
               for v in o.vals[:1] for p in v.printed)


def _fits(cell: Key, own: Val, around: list[Constraint]) -> float | None:
    """A printable value of `cell` under which every constraint around it holds (intersecting unions of
    intervals), or None."""
    spans = [(-np.inf, np.inf)]
    for c in around:
        found = c.solve(cell, own)
        if found is None:
            return None
        spans = [(max(a, c_), min(b, d)) for a, b in spans for c_, d in found
                 if max(a, c_) <= min(b, d) + 1e-9 * max(1.0, abs(min(b, d)))]
        if not spans:
            return None
    for lo, hi in spans:
        value = printable(lo, hi, own)
        if value is not None:
            return value
    return None


def _groups(failing: list[Constraint]) -> list[list[Constraint]]:
    """Failing cases joined when they print a cell in common (union-find over cells)."""
    parent = list(range(len(failing)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    first: dict[Key, int] = {}
    for i, c in enumerate(failing):
        for k in c.cells():
            j = first.setdefault(k, i)
            parent[find(i)] = find(j)
    out: dict[int, list[Constraint]] = {}
    for i, c in enumerate(failing):
        out.setdefault(find(i), []).append(c)
    return list(out.values())


def revise(findings: list[Finding], rules: dict, cases_of: dict, lang: str) -> list[Finding]:
    """The findings with each diagnosed group made one finding that points at its wrong number."""
    try:
        found = diagnose(rules, cases_of)
    except Exception:  # the diagnosis only words findings better; it must never cost them
        return findings
    if not found:
        return findings
    out = list(findings)
    for cell, own, value, group in found:
        out = _merge(out, cell, own, value, group, rules, cases_of, lang)
    return out


def _located(rule, cases, i: int) -> tuple[str | None, str | None]:
    evidence = KINDS[rule.kind].explain(cases, rule.params, i)
    return evidence.row, evidence.column


def _merge(findings, cell: Key, own: Val, value: float, group: list[Constraint], rules, cases_of, lang):
    spots = {(c.rule, *_located(rules[c.rule], cases_of[c.rule][0], c.case)) for c in group}
    mine = [f for f in findings if (f.rule, f.location.row, f.location.column) in spots
            and f.location.table in (cell[0], cases_of[f.rule][0].table)]
    if not mine:
        return findings
    table, row, column = cell
    at = [f for f in mine if (f.location.table, f.location.row, f.location.column) == cell]
    expected = show(value, own.kind, own.decimals, own.grouped)
    where = " ".join(x for x in (table, row, column) if x)
    words = _WORDS.get(lang, _WORDS["en"])
    if at:  # findings that already point at the wrong number stay (each rule's own); those blaming others go
        if len(at) == len(mine):
            return findings
        keep = {id(f) for f in at}
        gone = tuple(dict.fromkeys((f.rule, f.name) for f in mine if id(f) not in keep and f.rule != at[0].rule))
        hinted = {id(at[0]): replace(at[0], hint=at[0].hint or words[1].format(where=where, expected=expected,
                                                                              n=len(group)),
                                     also=tuple(dict.fromkeys(at[0].also + gone)))}
        mine_ids = {id(f) for f in mine}
        return [hinted.get(id(f), f) for f in findings if id(f) in keep or id(f) not in mine_ids]
    base = at[0] if at else mine[0]
    values = tuple(dict.fromkeys(p for v in [own] for p in v.printed)) + tuple(
        v for f in mine for v in f.values if key_of(v) != cell)
    values = tuple(dict.fromkeys(values))
    rules_text = "、".join(dict.fromkeys(f.rule for f in mine)) if lang == "zh" else ", ".join(
        dict.fromkeys(f.rule for f in mine))
    message = words[0].format(where=where, actual=own.display, expected=expected, n=len(group), rules=rules_text)
    hint = words[1].format(where=where, expected=expected, n=len(group))
    lines = tuple(sorted({line for f in mine for line in f.location.lines}))
    location = replace(base.location, table=table, row=row, column=column, lines=lines)
    severity = max((f.severity for f in mine), key=lambda s: {"error": 3, "warning": 2, "info": 1}[s])
    also = tuple(dict.fromkeys((f.rule, f.name) for f in mine if f.rule != base.rule))
    merged = replace(base, severity=severity, message=message, location=location, values=values,
                     actual=own.display, expected=expected, basis=words[2], hint=hint, also=also,
                     fingerprint=make_fingerprint(rule_identity(base.rule, base.name), table, row, column, values))
    drop = {id(f) for f in mine}
    out, placed = [], False
    for f in findings:
        if id(f) in drop:
            if not placed:
                out.append(merged)
                placed = True
            continue
        out.append(f)
    return out
