"""KA460 date: a date printed in the prose exists (no 2 月 30 日, no 11 月 31 日, no 13 月)."""

from __future__ import annotations

import pandas as pd

from keneng_audit.claims.dates import dates_in
from keneng_audit.claims.kinds.common import Context, ProseRule, failed
from keneng_audit.findings import Finding, PrintedValue, places

RULE = ProseRule(
    "KA460", "error", "impossible-date", {"zh": "日期不存在", "en": "date that does not exist"},
    {"zh": "正文中的日期真实存在：月份 1–12，日不超过当月天数（2 月 29 日仅在闰年；没写年份时按同句前面的年份）",
     "en": "A date in the prose exists: month 1–12, day within the month (29 Feb only in a leap year; a date "
           "without a year takes the one printed before it in the sentence)"},
    {"zh": "不存在的日期说明抄写或排版出错，读者无法知道真实日期。",
     "en": "A date that does not exist is a slip of the pen or of the layout; the reader cannot tell the real one."},
    {"pass": "2024 年 2 月 29 日", "fail": "2024 年 11 月 31 日；2023 年 2 月 29 日"})
# Words every match of this kind's patterns holds (folded text): paragraphs without them are skipped.
KEYWORDS = ('月', '.', '-', '/')  # M 月 D 日, 2024.6.22, 2024-06-22, 2024/6/22


def check(ctx: Context) -> list[Finding]:
    cases = [(p, d) for p in ctx.paras_for(RULE.id) for d in dates_in(p)]
    frame = pd.DataFrame({"ok": [not d.problems() for _, d in cases]}, dtype=bool)
    out = []
    for _, (p, d) in failed(cases, frame, RULE.id, lambda f: f["ok"]):
        printed = " ".join(p.paragraph.text[p.where[d.start]:p.where[d.end - 1] + 1].split())
        src = p.source(d.start)
        value = PrintedValue(printed, None, f"{ctx.where(p)} {ctx.role('日期')}", src.line,
                             section=p.paragraph.section, **places(src))
        bad = "、".join(d.problems())
        quote = p.sentence(d.start, d.end)
        message = ctx.say(f"{ctx.where(p)}：日期“{printed}”不存在（{bad}）。原文：“{quote}”",
                          f"{ctx.where(p)}: the date “{printed}” does not exist ({bad}). Text: “{quote}”")
        out.append(ctx.finding(RULE, message, p.paragraph.section, (value,),
                               ctx.say("存在的日期", "a real date"), printed))
    return out
