"""One wrong number, one story: claim findings an agreement finding repeats are merged into it, and a claim
whose arithmetic holds with a value printed elsewhere says which number is likely wrong."""

from __future__ import annotations

import ast
import dataclasses
import math
import operator
import re

from keneng_audit.claims.agreement import AGREE, CHANGE_AGREE
from keneng_audit.facts.values import half_up
from keneng_audit.findings import Finding


def _spot(v) -> tuple:
    return (v.text, v.line, v.table, v.row, v.column)


def relate(findings: list[Finding], lang: str = "zh") -> list[Finding]:
    """One wrong number, one story: a claim finding whose every value an agreement finding (KA401) already compares
    is that finding over again (`150 人，占 216 人的 67.4%` against 150 / 216) and is merged into it (`also`); a
    claim finding that uses a number the agreement finding shows printed otherwise elsewhere (`毕业生 1210 人` where
    表4 prints 1200) keeps its place and says in its hint that its arithmetic may fail for that reason."""
    agreements = [f for f in findings if f.rule == AGREE]
    if not agreements:
        return findings
    covered = [({_spot(v) for v in f.values}, f) for f in agreements]
    merged: dict[int, list[Finding]] = {}
    kept: list[Finding] = []
    for f in findings:
        if f.rule in (AGREE, CHANGE_AGREE) or not f.rule.startswith("KA4") or not f.values:
            kept.append(f)
            continue
        spots = {_spot(v) for v in f.values}
        owner = next((a for seen, a in covered if spots <= seen), None)
        if owner is not None:
            merged.setdefault(id(owner), []).append(f)
            continue
        kept.append(_blamed(f, agreements, lang))
    if not merged:
        return kept
    out = []
    for f in kept:
        extra = merged.get(id(f))
        out.append(f if not extra else dataclasses.replace(
            f, also=tuple(dict.fromkeys(f.also + tuple((x.rule, x.name) for x in extra)))))
    return out


def _blamed(finding: Finding, agreements: list[Finding], lang: str) -> Finding:
    """The finding with a hint when one of its values is printed otherwise elsewhere (an agreement finding shows
    both) and the sentence's arithmetic holds with that other value: the value, not the claim, is then wrong."""
    for v in finding.values:
        for a in agreements:
            if not any(_spot(w) == _spot(v) for w in a.values):
                continue
            for text, where in _sides(a):
                if text == v.text or (fit := refit(finding, v.text, float(text.replace(",", "").rstrip("%")))) is None:
                    continue
                cell = next((w.label for w in a.values if w.text == text), None)  # the cell, where one prints it
                where = cell or where
                if lang == "zh":
                    hint = f"按{where}{'所印' if cell else ''}的 {text} 计算，{fit}，与文中相符：可能是 {v.text} 有误" \
                           f"（见 {AGREE}）"
                else:
                    hint = f"with {text} as {where} {'prints' if cell else 'gives'} it, {fit} as the text says: " \
                           f"{v.text} may be the wrong number (see {AGREE})"
                return dataclasses.replace(finding, hint=hint)
    return finding


_SIDE = re.compile(r"^\s*(?P<n>[-−]?\d[\d,]*(?:\.\d+)?%?)\s*[（(](?P<where>.*)[）)]\s*$")


def _sides(agreement: Finding) -> list[tuple[str, str]]:
    """The values an agreement finding sets against each other (`1667（附表1、表17 各行合计）` vs `1677（§1.3.3）`),
    each with where it is printed: a quantity's printings and sums, never one addend of a sum."""
    out = []
    for side in [agreement.expected or "", *(agreement.actual or "").split(" vs ")]:
        if (m := _SIDE.match(side)) is not None:
            out.append((m["n"].replace("−", "-"), m["where"]))
    return out


_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")
_EXPECTED = re.compile(r"\s*(?P<r>[-−]?\d[\d,]*(?:\.\d+)?)\s*(?:%|倍|个百分点|[^\s=\d]{0,4})?\s*=\s*(?P<e>.+)")
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def refit(finding: Finding, text: str, value: float) -> str | None:
    """The finding's formula (`expected` = "69.4% = 150 / 216") with the printed `text` replaced by `value`, as
    "1170 / 1200 = 97.5%" when that gives the printed `actual` at its digits; else None."""
    m = _EXPECTED.fullmatch(finding.expected or "")
    lead = _NUM.match((finding.actual or "").lstrip("-−"))
    if m is None or lead is None or sum(1 for n in _NUM.finditer(m["e"]) if n.group() == text) != 1:
        return None
    expr = m["e"].replace("−", "-").replace("×", "*")
    shown = _NUM.sub(lambda n: str(value) if n.group() == text else n.group().replace(",", ""), expr)
    original, changed = _evaluate(_NUM.sub(lambda n: n.group().replace(",", ""), expr)), _evaluate(shown)
    result = float(m["r"].replace(",", "").replace("−", "-"))
    if original is None or changed is None or not original or not result:
        return None
    scale = result / original  # a percentage of a ratio (× 100), or 1
    scale = min((1.0, 100.0), key=lambda s: abs(math.log(abs(scale) / s)) if scale else math.inf)
    actual = lead.group()
    decimals = len(actual.split(".")[1]) if "." in actual else 0
    stated = float(actual.replace(",", "")) * (-1 if (finding.actual or "").lstrip()[:1] in "-−" else 1)
    if abs(changed * scale - stated) > 0.5 * 10 ** -decimals + 1e-9:
        return None
    formula = _NUM.sub(lambda n: _plain_number(value, n.group()) if n.group() == text else n.group(), m["e"])
    return f"{formula} = {half_up(changed * scale, decimals)}{'%' if (finding.actual or '').endswith('%') else ''}"


def _plain_number(value: float, like: str) -> str:
    decimals = len(like.split(".")[1]) if "." in like else 0
    return half_up(value, decimals, grouped="," in like)


class _NotArithmetic(Exception):
    """A formula with anything but numbers, + − × / and parentheses."""


def _evaluate(expr: str) -> float | None:
    """+ − × / of numbers and parentheses only; anything else (or a division by zero) is None."""
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError:
        return None

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        raise _NotArithmetic

    try:
        return walk(tree)
    except (_NotArithmetic, ZeroDivisionError, RecursionError, OverflowError):
        return None
