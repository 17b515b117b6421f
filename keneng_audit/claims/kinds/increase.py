"""KA471 increase-claim: `总收入较上一年度增加 312.40 万元` = this year − last year, the report's own two values."""

from __future__ import annotations

import pandas as pd

from keneng_audit.claims.changes import ChangeClaim, change_claims
from keneng_audit.claims.kinds.common import Context, ProseRule, failed
from keneng_audit.claims.kinds.growth import magnitude_verdict
from keneng_audit.claims.paragraphs import Num
from keneng_audit.findings import Finding

RULE = ProseRule(
    "KA471", "error", "increase-claim", {"zh": "正文增减数与两年数值不符", "en": "stated change ≠ the two years' values"},
    {"zh": "“X 较上年增加 N（人、万元……）”“X 较上年提高 N 个百分点”：N = 本年 − 上年，两年的 X 取自报告的表格（或正文）；"
           "已由用语模式认出的句子归 KA402",
     "en": "“X 较上年增加 N”, “X 较上年提高 N 个百分点”: N = this year − last year, both years' X as the report prints "
           "them; sentences a claim pattern recognises are KA402's"},
    {"zh": "增减数由两年的数值决定；对不上说明其中一处抄错或年份错位。找不到两年数值时不核查。",
     "en": "A change follows from the two years' values; a mismatch means a copy or a year is wrong. Not checked "
           "when the report does not print both years."},
    {"pass": "在校生较上年增加 734 人（4233 → 4967）", "fail": "总收入较上一年度增加 312.40 万元（8650.25 → 9012.65：362.40）"})

_FAMILY = {"名": "人", "位": "人"}


def _same_unit(stated: Num, unit: str | None) -> bool:
    if unit == "%":
        return stated.unit == "个" and stated.number.kind in ("count", "decimal")  # 个百分点
    return stated.unit is not None and _FAMILY.get(stated.unit, stated.unit) == _FAMILY.get(unit or "", unit)


def increase_claims(ctx: Context) -> list[ChangeClaim]:
    if ctx.known is None:
        return []
    out = []
    for i, p in enumerate(ctx.paras):
        for c in change_claims(ctx.known, p, i):
            unit = ctx.known.unit(c.quantity)
            if unit == "%" and not p.text[c.stated.end:c.stated.end + 6].replace(" ", "").startswith("个百分点"):
                continue
            if _same_unit(c.stated, unit):
                out.append(c)
    return out


def computed(c: ChangeClaim) -> tuple[float, float]:
    return c.current.lo - c.previous.hi, c.current.hi - c.previous.lo


def check(ctx: Context) -> list[Finding]:
    cases = increase_claims(ctx)
    verdicts = [magnitude_verdict(c, *computed(c)) for c in cases]
    frame = pd.DataFrame({"verdict": verdicts}, dtype=object)
    return [_finding(ctx, c, verdicts[pos]) for pos, c in failed(cases, frame, RULE.id, lambda f: f["verdict"] == "ok")]


def _finding(ctx: Context, c: ChangeClaim, verdict: str) -> Finding:
    p = c.para
    exact = c.current.value - c.previous.value
    decimals = max(c.stated.number.decimals, 0)
    shown = f"{exact:.{decimals}f}"
    unit = ctx.known.unit(c.quantity) or ""
    unit = "个百分点" if unit == "%" else unit
    name = ctx.known.name(c.quantity, ctx.lang)
    expected = f"{shown} = {c.current.text} − {c.previous.text}"
    stated = ("-" if c.sign < 0 else "") + c.stated.number.text
    word = f"（{c.vague.word}）" if c.vague.word else ""
    quote = p.quote(c.start, c.end)
    message = ctx.say(
        f"{ctx.where(p)}：{name}由 {c.previous.text}（{c.previous.period}，{c.previous.label}）到 {c.current.text}"
        f"（{c.current.period}，{c.current.label}），变化 {shown} {unit}，但文中写的是 {stated} {unit}{word}。原文：“{quote}”",
        f"{ctx.where(p)}: {name} went from {c.previous.text} ({c.previous.period}, {c.previous.label}) to "
        f"{c.current.text} ({c.current.period}, {c.current.label}), a change of {shown} {unit}, but the text says "
        f"{stated} {unit}{word}. Text: “{quote}”")
    values = (ctx.pv(p, c.stated, "增减"),) + c.current.printed + c.previous.printed
    return ctx.finding(RULE, message, p.paragraph.section, values, expected, c.stated.number.text, None,
                       "warning" if verdict == "loose" else None)
