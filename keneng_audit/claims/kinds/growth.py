"""KA470 growth-claim: `在校生较上年增长 8.2%` = (this year − last year) / last year, the report's own two values."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from keneng_audit.claims import vague
from keneng_audit.claims.changes import ChangeClaim, change_claims
from keneng_audit.claims.kinds.common import Context, ProseRule, derived_frame, failed, fmt, overlap, stated_bounds
from keneng_audit.claims.paragraphs import Num, Para
from keneng_audit.claims.kinds.sentence_changes import SentenceChange, sentence_changes, verdicts
from keneng_audit.claims.kinds.sentence_changes import finding as said_finding
from keneng_audit.findings import Finding
from keneng_audit.intervals import bounds

RULE = ProseRule(
    "KA470", "error", "growth-claim", {"zh": "正文增长率与两年数值不符", "en": "stated growth rate ≠ the two years' values"},
    {"zh": "“X 较上年增长 P%”：P = (本年 − 上年) / 上年 × 100，两年的 X 取自报告的表格（或正文）；“约”“近”“超过”按词汇表放宽。"
           "一句话写全时（“教职工 320 人，比上年增加 10 人，增长 3.1%”）按句中数字核查：P = 增加数 / 上年数；"
           "“由 A 增长到 B，增长 P%”“B，比上年的 A 增长 P%”“比上年减少 P%（上年 A）”以及“增长了 N 倍”（N = B / A − 1）同样按句中数字核查",
     "en": "“X 较上年增长 P%”: P = (this year − last year) / last year × 100, both years' X as the report prints "
           "them (tables, else prose); 约, 近, 超过 widen it as the vocabulary says. A sentence that states it all "
           "(“教职工 320 人，比上年增加 10 人，增长 3.1%”) is checked on its own numbers: P = change / last year; so are "
           "“由 A 增长到 B，增长 P%”, “B，比上年的 A 增长 P%”, “比上年减少 P%（上年 A）” and “增长了 N 倍” (N = B / A − 1)"},
    {"zh": "增长率以上一年为基数；以本年为基数或抄错年份是常见错误。找不到两年数值时不核查。",
     "en": "A growth rate is taken of last year; taking it of this year, or the wrong year, is a common slip. "
           "Not checked when the report does not print both years."},
    {"pass": "在校生较上年增长 8.2%（4967 / 4590）", "fail": "在校生较上年增长 17.3%（附表6 4233 → 4967 = 17.3% 正确；写成 14.8%）"})
# Words every match of this kind's patterns holds (folded text): paragraphs without them are skipped.
KEYWORDS = ('较', '比', '与')  # 较上年, 比去年, 与上年相比, 同比


def all_change_claims(ctx: Context) -> list[ChangeClaim]:
    """Every year-over-year claim of the report (growth and increase kinds read the same), made once."""
    if ctx.known is None:
        return []
    return ctx.memo("change_claims", lambda: [c for p in ctx.paras_for(RULE.id)
                                              for c in change_claims(ctx.known, p, p.index, ctx.doc)])


def growth_claims(ctx: Context) -> list[ChangeClaim]:
    return [c for c in all_change_claims(ctx) if c.previous is not None and c.stated.unit == "%"
            and c.unit_of(ctx.known) != "%" and c.previous.value > 0]


def computed(c: ChangeClaim) -> tuple[float, float]:
    """(lo, hi) of (current − previous) / previous × 100 over the printed intervals."""
    return 100 * (c.current.lo / c.previous.hi - 1), 100 * (c.current.hi / c.previous.lo - 1)


def judge(c: ChangeClaim) -> str:
    """ok / loose / wrong: the computed change, in the stated direction, against the stated rate and its words
    (the best over the pairs of both years' values the report prints)."""
    found = {magnitude_verdict(x, *computed(x)) for x in c.pairs()}
    return next((v for v in ("ok", "loose") if v in found), "wrong")


def magnitude_verdict(c: ChangeClaim, lo: float, hi: float) -> str:
    mlo, mhi = sorted((c.sign * lo, c.sign * hi))
    ok, loose = vague.widen(*stated_bounds(c.stated.number), c.stated.number.value, c.vague.number, relative=True)
    return vague.verdict(mlo, mhi, ok, loose)


# One sentence that states all it needs: `教职工 320 人，比上年增加 10 人，增长 3.1%`, `在校生 1,856 人，比上年的
# 1,720 人增加 136 人，增长 7.3%`: the rate is the change over last year's value (stated, else this year − change).
_N = r"\d[\d,]*(?:\.\d+)?"
_U = r"万人次|人次|万元|亿元|元|人|名|个|项|所|家|门|篇|件|册"
LOCAL = re.compile(
    rf"(?P<n>{_N})\s*(?P<u>{_U})\s*[,，]?\s*(?:比|较)\s*(?:上一?(?:学年度|年度|学年|年)|去年|(?:19|20)\d\d\s*年)"
    rf"(?:\s*的\s*(?P<prev>{_N})\s*(?P=u))?\s*(?P<dir>增加|减少|增长|下降)了?\s*(?P<d>{_N})\s*(?P=u)\s*[,，]\s*"
    rf"(?:同比)?(?P<rdir>增长|增幅|涨幅|上升|下降|降幅|减少)(?:了|为|达)?\s*(?P<r>{_N})\s*%")


@dataclass(frozen=True)
class LocalCase:
    """A sentence's value, its change and growth rate (and the previous value, when printed)."""

    para: Para
    current: Num
    previous: Num | None  # printed (比上年的 1,720 人), else current − change
    change: Num
    rate: Num
    sign: int
    start: int
    end: int

    def base(self) -> tuple[float, float]:
        if self.previous is not None:
            return bounds(self.previous.number)
        (clo, chi), (dlo, dhi) = bounds(self.current.number), bounds(self.change.number)
        return (clo - dhi, chi - dlo) if self.sign > 0 else (clo + dlo, chi + dhi)

    def computed(self) -> tuple[float, float]:
        (dlo, dhi), (blo, bhi) = bounds(self.change.number), self.base()
        return (100 * dlo / bhi, 100 * dhi / blo) if blo > 0 else (-math.inf, math.inf)


def local_cases(ctx: Context, taken: set[tuple[int, int]]) -> list[LocalCase]:
    out = []
    for p in ctx.paras_for(RULE.id):
        for m in LOCAL.finditer(p.text):
            nums = [p.at(m.start(g)) if m.group(g) else None for g in ("n", "prev", "d", "r")]
            current, previous, change, rate = nums
            if None in (current, change, rate) or (m.group("prev") and previous is None):
                continue
            sign = -1 if m.group("dir") in ("减少", "下降") else 1
            if sign != (-1 if m.group("rdir") in ("下降", "降幅", "减少") else 1) or (p.index, rate.start) in taken:
                continue  # a change one way and a rate the other: not one claim; or a growth claim already has it
            out.append(LocalCase(p, current, previous, change, rate, sign, m.start(), m.end()))
    return out


def _tables_disagree(ctx: Context, c: LocalCase) -> bool:
    """The sentence's own change disagrees with the two years its tables print (`总收入 11,382.27 万元，较上年增加
    876.69 万元，增长 8.29%` beside 表4's 104,605,800 → 113,228,700 元): its numbers are suspect, so its rate is not
    judged by them (KA401 / KA471 name the wrong numbers; the right rate must not be blamed)."""
    for x in all_change_claims(ctx):
        if x.para.index != c.para.index or not (c.start <= x.stated.start < c.end) or x.current is None:
            continue
        if x.stated.unit == "%":
            continue
        found = {magnitude_verdict(y, y.current.lo - y.previous.hi, y.current.hi - y.previous.lo) for y in x.pairs()}
        found |= {magnitude_verdict(x, e.lo, e.hi) for e in x.printed_changes}
        if "ok" not in found and "loose" not in found:
            return True
    return False


def _local_finding(ctx: Context, c: LocalCase) -> Finding:
    p = c.para
    base = c.previous.number.value if c.previous is not None else c.current.number.value - c.sign * c.change.number.value
    base_text = c.previous.number.text if c.previous is not None else \
        f"({c.current.number.text} {'−' if c.sign > 0 else '+'} {c.change.number.text})"
    shown = fmt(100 * c.change.number.value / base, c.rate.number.decimals)
    expected = f"{shown}% = {c.change.number.text} / {base_text}"
    on_current = 100 * c.change.number.value / c.current.number.value if c.current.number.value else None
    lo, hi = stated_bounds(c.rate.number)
    hint = None
    if on_current is not None and lo <= on_current <= hi:
        hint = ctx.say(f"似乎以本年数为基数：{c.change.number.text} / {c.current.number.text} = {on_current:.1f}%",
                       f"taken of this year instead: {c.change.number.text} / {c.current.number.text} = {on_current:.1f}%")
    quote = p.quote(c.start, c.end)
    message = ctx.say(f"{ctx.where(p)}：{c.change.number.text} / {base_text} = {shown}%，但文中写的是 "
                      f"{c.rate.number.text}。原文：“{quote}”",
                      f"{ctx.where(p)}: {c.change.number.text} / {base_text} = {shown}%, but the text says "
                      f"{c.rate.number.text}. Text: “{quote}”")
    values = (ctx.pv(p, c.rate, "增长率"), ctx.pv(p, c.change, "增减"), ctx.pv(p, c.current, "数量"))
    values += (ctx.pv(p, c.previous, "数量"),) if c.previous is not None else ()
    return ctx.finding(RULE, message, p.paragraph.section, values, expected, c.rate.number.text, hint)


def check(ctx: Context) -> list[Finding]:
    cases = growth_claims(ctx)
    frame = pd.DataFrame({"verdict": [judge(c) for c in cases]}, dtype=object)
    out = []
    for _, c in failed(cases, frame, RULE.id, lambda f: f["verdict"] == "ok"):
        out.append(_finding(ctx, c, judge(c)))
    local = [c for c in local_cases(ctx, {(c.para.index, c.stated.start) for c in cases})
             if not _tables_disagree(ctx, c)]
    frame = derived_frame([(*c.computed(), c.rate.number) for c in local])
    out.extend(_local_finding(ctx, c) for _, c in failed(local, frame, RULE.id, overlap))
    taken = {(c.para.index, c.stated.start) for c in cases} | {(c.para.index, c.rate.start) for c in local}
    said = [c for c in stated_changes(ctx)
            if c.what in ("rate", "times") and (c.para.index, c.stated.start) not in taken]
    frame = pd.DataFrame({"ok": verdicts(said)}, dtype=bool)
    out.extend(said_finding(ctx, RULE, c) for _, c in failed(said, frame, RULE.id, lambda f: f["ok"]))
    return out


def stated_changes(ctx: Context) -> list[SentenceChange]:
    """Every change a sentence states with both of its values (growth and increase kinds read the same), made once:
    in the paragraphs of this kind's keywords (比上年的 A, 较上年…（上年 A）) and those saying 由/从 A 到 B."""
    def make() -> list[SentenceChange]:
        compare = {p.index for p in ctx.paras_for(RULE.id)}
        return [c for p in ctx.paras if p.index in compare or "由" in p.text or "从" in p.text
                for c in sentence_changes(p)]

    return ctx.memo("sentence_changes", make)


def _finding(ctx: Context, c: ChangeClaim, verdict: str) -> Finding:
    p = c.para
    exact = 100 * (c.current.value / c.previous.value - 1)
    shown = fmt(exact, c.stated.number.decimals)
    name = c.name_of(ctx.known, ctx.lang)
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
