"""KA470 growth-claim: `在校生较上年增长 8.2%` = (this year − last year) / last year, the report's own two values."""

from __future__ import annotations

import pandas as pd

from keneng_audit.claims import vague
from keneng_audit.claims.changes import ChangeClaim, change_claims
from keneng_audit.claims.kinds.common import Context, ProseRule, failed, fmt, stated_bounds
from keneng_audit.findings import Finding

RULE = ProseRule(
    "KA470", "error", "growth-claim", {"zh": "正文增长率与两年数值不符", "en": "stated growth rate ≠ the two years' values"},
    {"zh": "“X 较上年增长 P%”：P = (本年 − 上年) / 上年 × 100，两年的 X 取自报告的表格（或正文）；“约”“近”“超过”按词汇表放宽",
     "en": "“X 较上年增长 P%”: P = (this year − last year) / last year × 100, both years' X as the report prints "
           "them (tables, else prose); 约, 近, 超过 widen it as the vocabulary says"},
    {"zh": "增长率以上一年为基数；以本年为基数或抄错年份是常见错误。找不到两年数值时不核查。",
     "en": "A growth rate is taken of last year; taking it of this year, or the wrong year, is a common slip. "
           "Not checked when the report does not print both years."},
    {"pass": "在校生较上年增长 8.2%（4967 / 4590）", "fail": "在校生较上年增长 17.3%（附表6 4233 → 4967 = 17.3% 正确；写成 14.8%）"})


def growth_claims(ctx: Context) -> list[ChangeClaim]:
    if ctx.known is None:
        return []
    out = []
    for i, p in enumerate(ctx.paras):
        for c in change_claims(ctx.known, p, i):
            if (c.previous is not None and c.stated.unit == "%" and ctx.known.unit(c.quantity) != "%"
                    and c.previous.value > 0):
                out.append(c)
    return out


def computed(c: ChangeClaim) -> tuple[float, float]:
    """(lo, hi) of (current − previous) / previous × 100 over the printed intervals."""
    return 100 * (c.current.lo / c.previous.hi - 1), 100 * (c.current.hi / c.previous.lo - 1)


def judge(c: ChangeClaim) -> str:
    """ok / loose / wrong: the computed change, in the stated direction, against the stated rate and its words."""
    lo, hi = computed(c)
    return magnitude_verdict(c, lo, hi)


def magnitude_verdict(c: ChangeClaim, lo: float, hi: float) -> str:
    mlo, mhi = sorted((c.sign * lo, c.sign * hi))
    ok, loose = vague.widen(*stated_bounds(c.stated.number), c.stated.number.value, c.vague.number, relative=True)
    return vague.verdict(mlo, mhi, ok, loose)


def check(ctx: Context) -> list[Finding]:
    cases = growth_claims(ctx)
    frame = pd.DataFrame({"verdict": [judge(c) for c in cases]}, dtype=object)
    out = []
    for _, c in failed(cases, frame, RULE.id, lambda f: f["verdict"] == "ok"):
        out.append(_finding(ctx, c, judge(c)))
    return out


def _finding(ctx: Context, c: ChangeClaim, verdict: str) -> Finding:
    p = c.para
    exact = 100 * (c.current.value / c.previous.value - 1)
    shown = fmt(exact, c.stated.number.decimals)
    name = ctx.known.name(c.quantity, ctx.lang)
    expected = f"{shown}% = ({c.current.text} − {c.previous.text}) / {c.previous.text}"
    stated = ("-" if c.sign < 0 else "") + c.stated.number.text
    on_current = 100 * (c.current.value - c.previous.value) / c.current.value if c.current.value else None
    hint = None
    if on_current is not None and magnitude_verdict(c, on_current, on_current) == "ok":
        hint = ctx.say(f"似乎以本年数为基数：({c.current.text} − {c.previous.text}) / {c.current.text} = {on_current:.1f}%",
                       f"taken of this year instead: ({c.current.text} − {c.previous.text}) / {c.current.text} = "
                       f"{on_current:.1f}%")
    word = f"（{c.vague.word}）" if c.vague.word else ""
    quote = p.quote(c.start, c.end)
    message = ctx.say(
        f"{ctx.where(p)}：{name}由 {c.previous.text}（{c.previous.period}，{c.previous.label}）到 {c.current.text}"
        f"（{c.current.period}，{c.current.label}）增长 {shown}%，但文中写的是 {stated}{word}。原文：“{quote}”",
        f"{ctx.where(p)}: {name} went from {c.previous.text} ({c.previous.period}, {c.previous.label}) to "
        f"{c.current.text} ({c.current.period}, {c.current.label}), {shown}%, but the text says {stated}{word}. "
        f"Text: “{quote}”")
    values = (ctx.pv(p, c.stated, "增长率"),) + c.current.printed + c.previous.printed
    return ctx.finding(RULE, message, p.paragraph.section, values, expected, c.stated.number.text, hint,
                       "warning" if verdict == "loose" else None)
