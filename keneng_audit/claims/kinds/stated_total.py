"""KA421 stated-total: a total marked as such (共, 合计, 总计) equals its parts when they are listed in full."""

from __future__ import annotations

import pandas as pd

from keneng_audit.claims.kinds.common import SLACK, Context, ProseRule, failed
from keneng_audit.claims.kinds.parts import PartsCase, parts_cases
from keneng_audit.claims.paragraphs import clause_end, clause_start
from keneng_audit.findings import Finding
from keneng_audit.intervals import bounds

RULE = ProseRule(
    "KA421", "error", "stated-total", {"zh": "所述总数与各分项之和不符", "en": "stated total ≠ sum of its listed parts"},
    {"zh": "“共 N 份，其中 a 份、b 份、c 份”：各项列全时（无“等”“其他”“另有”，下一分句不再列同单位的数，各项之和达到 N 的 85%，只列两项时 95%），"
           "a + b + c = N；相差更多时“其中”只列了部分，不核查",
     "en": "“共 N, 其中 a、b、c”: when the parts are listed in full (no 等, 其他, 另有, no more numbers of the unit in "
           "the next clause, and they reach 85% of N, 95% for two parts), a + b + c = N; a larger gap is a partial list, not checked"},
    {"zh": "“共”“合计”表明这是总数；把各项全部列出时，它们之和就是总数。少了的部分说明某处抄错了。",
     "en": "共/合计 mark a total; when every part is listed, they add up to it. A shortfall means a copy is wrong."},
    {"pass": "共发放问卷 860 份，其中学生 520 份、家长 250 份、企业 90 份",
     "fail": "共发放问卷 860 份，其中学生 520 份、家长 230 份、企业 90 份（840）"})
# Words every match of this kind's patterns holds (folded text): paragraphs without them are skipped.
KEYWORDS = ('其中',)  # 共 N，其中 a、b

# Words that mark the number as the total of everything (in the clause before it).
TOTAL_WORDS = ("共", "合计", "总计", "累计", "总数", "总量")
# After the list: more parts follow, or the list is not complete.
MORE_WORDS = ("等", "其他", "其它", "其余", "另有", "另外", "以及", "还有", "此外", "及")


# A 其中 list may name only some parts (`共开设专业 12 个，其中国家级重点专业 2 个、省级重点专业 3 个`,
# `共有教职工 200 人，其中专任教师 150 人、行政人员 30 人`); a list meant to be complete falls short by a slip, not
# by a sizeable share: only parts within this fraction of the total are taken as the whole list; two parts,
# the commonest partial list (the main ones named, the rest left out), only when within a twentieth.
NEAR = 0.15
NEAR_TWO = 0.05


def complete(c: PartsCase) -> bool:
    """The total is marked as one, nothing says the list leaves parts out, the list does not go on in the next
    clause (`其中高级 30 人、中级 50 人，初级 40 人`), and the parts come near the total."""
    text = c.para.text
    left = "".join(text[clause_start(text, c.total.start):c.total.start].split())
    if not any(w in left for w in TOTAL_WORDS):
        return False
    tail = "".join(text[c.parts[-1].end:c.end].split())
    following = "".join(text[c.end + 1:c.end + 6].split())
    if any(w in tail for w in MORE_WORDS) or following.startswith(MORE_WORDS):
        return False
    if c.end < len(text) and text[c.end] not in "。;；！!？?":
        nxt = clause_end(text, c.end + 1)
        if any(c.end < n.start < nxt and n.family == c.total.family for n in c.para.numbers):
            return False  # more parts of the same unit in the next clause: the list goes on
    listed = sum(n.number.value for n in c.parts)
    near = NEAR_TWO if len(c.parts) == 2 else NEAR
    return c.total.number.value > 0 and listed >= (1 - near) * c.total.number.value


def check(ctx: Context) -> list[Finding]:
    cases = [c for p in ctx.paras_for(RULE.id) for c in parts_cases(p) if complete(c)]
    frame = pd.DataFrame({
        "lo": [sum(bounds(n.number)[0] for n in c.parts) for c in cases],
        "hi": [sum(bounds(n.number)[1] for n in c.parts) for c in cases],
        "t_lo": [bounds(c.total.number)[0] for c in cases],
        "t_hi": [bounds(c.total.number)[1] for c in cases],
    })
    # Parts above the total are KA420's; this rule speaks when they fall short of it.
    mask = lambda f: (f["hi"] + SLACK >= f["t_lo"]) | (f["lo"] > f["t_hi"] + SLACK)  # noqa: E731
    out = []
    for _, c in failed(cases, frame, RULE.id, mask):
        p = c.para
        where = ctx.where(p)
        total = sum(n.number.value for n in c.parts)
        arithmetic = " + ".join(n.number.text for n in c.parts)
        values = (ctx.pv(p, c.total, "合计"),) + tuple(ctx.pv(p, n, "其中") for n in c.parts)
        quote = p.sentence(c.total.start, c.parts[-1].end, 70)
        message = ctx.say(
            f"{where}：共 {c.total.number.text}，但所列各项 {arithmetic} = {total:g}，少 {c.total.number.value - total:g}。"
            f"原文：“{quote}”",
            f"{where}: the total is {c.total.number.text}, but the listed parts add up to {arithmetic} = {total:g} "
            f"({c.total.number.value - total:g} short). Text: “{quote}”")
        out.append(ctx.finding(RULE, message, p.paragraph.section, values, f"{total:g} = {arithmetic}",
                               c.total.number.text))
    return out
