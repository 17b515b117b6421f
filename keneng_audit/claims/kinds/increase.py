"""KA471 increase-claim: `总收入较上一年度增加 312.40 万元` = this year − last year, the report's own two values, or
the change a table prints for the quantity (its increase column added up: `增加 25 人` against 增加人数 25 + 3 + 0)."""

from __future__ import annotations

import pandas as pd

from keneng_audit.claims.changes import ChangeClaim
from keneng_audit.claims.kinds.common import Context, ProseRule, failed
from keneng_audit.claims.kinds.growth import all_change_claims, magnitude_verdict, stated_changes
from keneng_audit.claims.kinds.sentence_changes import finding as said_finding
from keneng_audit.claims.kinds.sentence_changes import verdicts as sentence_verdicts
from keneng_audit.claims.paragraphs import Num
from keneng_audit.claims.tagging import Evidence
from keneng_audit.findings import Finding

RULE = ProseRule(
    "KA471", "error", "increase-claim", {"zh": "正文增减数与两年数值不符", "en": "stated change ≠ the two years' values"},
    {"zh": "“X 较上年增加 N（人、万元……）”“X 较上年提高 N 个百分点”：N = 本年 − 上年，两年的 X 取自报告的表格（或正文）；"
           "报告只印出增减数时（表格的“增加人数”列之和，表格各行之和为 X），N 与之相符；已由用语模式认出的句子归 KA402；"
           "“由 95.3% 提高到 96.5%，提高 1.2 个百分点”“96.5%，较上年提高 1.2 个百分点（上年 95.3%）”按句中数字核查",
     "en": "“X 较上年增加 N”, “X 较上年提高 N 个百分点”: N = this year − last year, both years' X as the report prints "
           "them; where a table prints only the change (its 增加人数 column added up, the table's rows adding up to X), "
           "N agrees with it; sentences a claim pattern recognises are KA402's. “由 95.3% 提高到 96.5%，提高 1.2 个百分点” "
           "and “96.5%，较上年提高 1.2 个百分点（上年 95.3%）” are checked on their own numbers"},
    {"zh": "增减数由两年的数值决定；对不上说明其中一处抄错或年份错位。找不到两年数值或增减数时不核查。",
     "en": "A change follows from the two years' values; a mismatch means a copy or a year is wrong. Not checked "
           "when the report prints neither both years nor the change."},
    {"pass": "在校生较上年增加 734 人（4233 → 4967）", "fail": "总收入较上一年度增加 312.40 万元（8650.25 → 9012.65：362.40）"})
# Words every match of this kind's patterns holds (folded text): paragraphs without them are skipped.
KEYWORDS = ('较', '比', '与')  # 较上年, 比去年, 与上年相比, 同比

_FAMILY = {"名": "人", "位": "人"}


def _same_unit(stated: Num, unit: str | None) -> bool:
    if unit == "%":
        return stated.unit in ("个", None) and stated.number.kind in ("count", "decimal")  # (个)百分点
    return stated.unit is not None and _FAMILY.get(stated.unit, stated.unit) == _FAMILY.get(unit or "", unit)


def increase_claims(ctx: Context) -> list[ChangeClaim]:
    out = []
    for c in all_change_claims(ctx):
        unit = c.unit_of(ctx.known)
        if unit == "%" and not c.para.text[c.stated.end:c.stated.end + 6].replace(" ", "").startswith(
                ("个百分点", "百分点")):
            continue
        if _same_unit(c.stated, unit):
            out.append(c)
    return out


def computed(c: ChangeClaim) -> tuple[float, float]:
    return c.current.lo - c.previous.hi, c.current.hi - c.previous.lo


def judge(c: ChangeClaim) -> str:
    """ok when the stated change fits the two years' difference or a change a table prints; else the best of
    loose / wrong (a report whose tables disagree with one another is the table rules' business)."""
    verdicts = [magnitude_verdict(x, *computed(x)) for x in c.pairs()] if c.current is not None else []
    verdicts += [magnitude_verdict(c, e.lo, e.hi) for e in c.printed_changes]
    return next((v for v in ("ok", "loose") if v in verdicts), "wrong")


def check(ctx: Context) -> list[Finding]:
    cases = increase_claims(ctx)
    verdicts = [judge(c) for c in cases]
    frame = pd.DataFrame({"verdict": verdicts}, dtype=object)
    out = [_finding(ctx, c, verdicts[pos]) for pos, c in failed(cases, frame, RULE.id, lambda f: f["verdict"] == "ok")]
    # `合格率 96.5%，较上年提高 1.2 个百分点（上年 95.3%）`: the points a sentence states with both of its values
    taken = {(c.para.index, c.stated.start) for c in cases}
    said = [c for c in stated_changes(ctx)
            if c.what in ("points", "difference") and (c.para.index, c.stated.start) not in taken]
    frame = pd.DataFrame({"ok": sentence_verdicts(said)}, dtype=bool)
    return out + [said_finding(ctx, RULE, c) for _, c in failed(said, frame, RULE.id, lambda f: f["ok"])]


def _printed_change(e: Evidence) -> str:
    total = round(e.value, 6)
    shown = f"{int(total)}" if total == int(total) else f"{total:g}"
    return shown if e.origin == "table" else f"{e.text} = {shown}"


def _finding(ctx: Context, c: ChangeClaim, verdict: str) -> Finding:
    p = c.para
    decimals = max(c.stated.number.decimals, 0)
    unit = c.unit_of(ctx.known) or ""
    unit = "个百分点" if unit == "%" else unit
    name = c.name_of(ctx.known, ctx.lang)
    stated = ("-" if c.sign < 0 else "") + c.stated.number.text
    word = f"（{c.vague.word}）" if c.vague.word else ""
    quote = p.quote(c.start, c.end)
    says_zh, says_en, expected, values = [], [], [], (ctx.pv(p, c.stated, "增减"),)
    if c.current is not None:
        shown = f"{c.current.value - c.previous.value:.{decimals}f}"
        says_zh.append(f"由 {c.previous.text}（{c.previous.period}，{c.previous.label}）到 {c.current.text}"
                       f"（{c.current.period}，{c.current.label}），变化 {shown} {unit}")
        says_en.append(f"went from {c.previous.text} ({c.previous.period}, {c.previous.label}) to {c.current.text} "
                       f"({c.current.period}, {c.current.label}), a change of {shown} {unit}")
        expected.append(f"{shown} = {c.current.text} − {c.previous.text}")
        values += c.current.printed + c.previous.printed
    for e in c.printed_changes:
        says_zh.append(f"{e.table}“{e.column}”为 {_printed_change(e)} {unit}")
        says_en.append(f"{e.table} '{e.column}' gives {_printed_change(e)} {unit}")
        expected.append(f"{_printed_change(e)} ({e.table})")
        values += e.printed
    message = ctx.say(
        f"{ctx.where(p)}：{name}{'；'.join(says_zh)}，但文中写的是 {stated} {unit}{word}。原文：“{quote}”",
        f"{ctx.where(p)}: {name} {'; '.join(says_en)}, but the text says {stated} {unit}{word}. Text: “{quote}”")
    return ctx.finding(RULE, message, p.paragraph.section, values, "; ".join(expected), c.stated.number.text, None,
                       "warning" if verdict == "loose" else None)
