"""KA461 span: a stated duration (`为期 4 天`, `历时一天`, `共 4 个月`) equals its date or month range, both ends counted."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from keneng_audit.claims.dates import Printed, dates_in
from keneng_audit.claims.kinds.common import Context, ProseRule, failed
from keneng_audit.claims.paragraphs import Para, sentence_start
from keneng_audit.findings import Finding, PrintedValue, places

RULE = ProseRule(
    "KA461", "error", "span-days", {"zh": "所述天数与起止日期不符", "en": "stated duration ≠ its date range"},
    {"zh": "“为期 N 天”“历时 N 天”与同句（或紧邻的上一句）所写的起止日期一致，首尾两天都计入：10 月 14 日至 19 日为 6 天",
     "en": "“为期 N 天”, “历时 N 天” equals the date range of its sentence (or the sentence just before), both ends "
           "counted: 14–19 October is 6 days"},
    {"zh": "天数和日期写在一起，其中一个必然抄错了。“约”“近”等模糊说法不核查。",
     "en": "Days and dates printed together: one of them was copied wrong. Vague ones (约, 近) are not checked."},
    {"pass": "培训为期 6 天（10 月 14 日至 10 月 19 日）；2024 年 3 月至 6 月……共 4 个月",
     "fail": "培训为期 4 天（10 月 14 日至 10 月 19 日）；3 月 5–6 日……历时 1 天；2024 年 3 月至 6 月……共 2 个月"})
# Words every match of this kind's patterns holds (folded text): paragraphs without them are skipped.
KEYWORDS = ('为期', '历时', '持续', '用时', '耗时', '时长', '个月')  # 为期 N 天, 共 N 个月

_CN = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
SPAN = re.compile(r"(?:为期|历时|持续|用时|耗时|时长)\s*(?P<n>\d{1,3}|[一两二三四五六七八九十])\s*(?:个)?\s*(?:整)?\s*(?:天|日)(?![\d期])")


@dataclass(frozen=True)
class SpanCase:
    """A stated number of days and the printed date range it counts."""

    para: Para
    days: int
    text: str
    start: int
    end: int
    range: Printed


def _value(token: str) -> int:
    return _CN[token] if token in _CN else int(token)


def span_cases(p: Para) -> list[SpanCase]:
    cases = []
    dates = dates_in(p)
    for m in SPAN.finditer(p.text):
        here = sentence_start(p.text, m.start())
        in_sentence = [d for d in dates if d.start >= here and sentence_start(p.text, d.start) == here]
        ranges = [d for d in in_sentence if d.is_range]
        if not in_sentence and here > 0:
            before = sentence_start(p.text, here - 1)
            ranges = [d for d in dates if before <= d.start < here and d.is_range]
            if len([d for d in dates if before <= d.start < here]) != 1:
                ranges = []
        if len(ranges) > 1:
            # `为期 4 天（5 月 6 日至 8 日）`: the range in brackets right after it; or several that agree
            bracketed = [d for d in ranges if re.match(r"\s*[（(]\s*$", p.text[m.end():d.start])]
            ranges = bracketed or (ranges[:1] if len({d.days() for d in ranges}) == 1 else ranges)
        if len(ranges) != 1 or ranges[0].days() is None:
            continue  # no range, or several that disagree: the sentence does not say which
        cases.append(SpanCase(p, _value(m.group("n")), m.group(), m.start(), m.end(), ranges[0]))
    return cases


# `2024 年 3 月至 6 月 … 共 4 个月`: a range of whole months (no day after either month) and the months stated.
MONTHS = re.compile(r"(?:(?P<y1>(?:19|20)\d\d)\s*年\s*)?(?P<m1>1[0-2]|0?[1-9])\s*月\s*(?:份\s*)?(?:至|到|—|–|-|~|～)\s*"
                    r"(?:(?P<y2>(?:19|20)\d\d)\s*年\s*)?(?P<m2>1[0-2]|0?[1-9])\s*月(?!\s*\d)")
MONTH_SPAN = re.compile(r"(?:共|为期|历时|持续|用时|耗时|时长)\s*(?P<n>\d{1,2}|[一两二三四五六七八九十])\s*个\s*(?:整)?\s*月")


@dataclass(frozen=True)
class MonthCase:
    """A stated number of months and the printed month range it counts."""

    para: Para
    months: int  # stated
    text: str
    start: int
    end: int
    first: int  # the range's folded offsets
    last: int
    counted: int  # both ends counted

    def verdict(self) -> str:
        if self.months == self.counted:
            return "ok"
        return "loose" if self.months == self.counted - 1 else "wrong"  # 3 月至 6 月 as 3 months: end not counted


def month_cases(p: Para) -> list[MonthCase]:
    """A month span after a month range of its sentence (the one range there): months counted at both ends."""
    out = []
    for m in MONTH_SPAN.finditer(p.text):
        here = sentence_start(p.text, m.start())
        ranges = list(MONTHS.finditer(p.text, here, m.start()))
        if len(ranges) != 1:
            continue
        r = ranges[0]
        y1 = int(r.group("y1")) if r.group("y1") else None
        y2 = int(r.group("y2")) if r.group("y2") else y1
        m1, m2 = int(r.group("m1")), int(r.group("m2"))
        years = (y2 - y1) if y1 is not None and y2 is not None else (0 if m2 >= m1 else 1)
        counted = years * 12 + m2 - m1 + 1
        if counted < 1:
            continue
        out.append(MonthCase(p, _value(m.group("n")), m.group(), m.start(), m.end(), r.start(), r.end(), counted))
    return out


def _month_findings(ctx: Context) -> list[Finding]:
    cases = [c for p in ctx.paras_for(RULE.id) for c in month_cases(p)]
    frame = pd.DataFrame({"verdict": [c.verdict() for c in cases]}, dtype=object)
    out = []
    for _, c in failed(cases, frame, RULE.id, lambda f: f["verdict"] == "ok"):
        p = c.para
        shown = " ".join(p.paragraph.text[p.where[c.start]:p.where[c.end - 1] + 1].split())
        printed_range = " ".join(p.paragraph.text[p.where[c.first]:p.where[c.last - 1] + 1].split())
        src, r_src = p.source(c.start), p.source(c.first)
        values = (
            PrintedValue(shown, float(c.months), f"{ctx.where(p)} {ctx.role('天数')}", src.line,
                         section=p.paragraph.section, page=src.page, paragraph=src.paragraph),
            PrintedValue(printed_range, float(c.counted), f"{ctx.where(p)} {ctx.role('日期')}", r_src.line,
                         section=p.paragraph.section, page=r_src.page, paragraph=r_src.paragraph))
        quote = p.quote(c.first, c.end, 80)
        message = ctx.say(
            f"{ctx.where(p)}：文中写的是“{shown}”，但 {printed_range} 首尾计入共 {c.counted} 个月。原文：“{quote}”",
            f"{ctx.where(p)}: the text says “{shown}” ({c.months} months), but {printed_range} is {c.counted} months, "
            f"both ends counted. Text: “{quote}”")
        hint = ctx.say("只有不计末月时才相符", "it fits only if the last month is not counted") \
            if c.verdict() == "loose" else None
        out.append(ctx.finding(RULE, message, p.paragraph.section, values, ctx.say(f"{c.counted} 个月", f"{c.counted} months"),
                               ctx.say(f"{c.months} 个月", f"{c.months} months"), hint,
                               "warning" if c.verdict() == "loose" else None))
    return out


def check(ctx: Context) -> list[Finding]:
    return _day_findings(ctx) + _month_findings(ctx)


def _day_findings(ctx: Context) -> list[Finding]:
    cases = [c for p in ctx.paras_for(RULE.id) for c in span_cases(p)]
    frame = pd.DataFrame({"stated": [c.days for c in cases], "days": [c.range.days() for c in cases]})
    out = []
    for _, c in failed(cases, frame, RULE.id, lambda f: f["stated"] == f["days"]):
        p = c.para
        stated_src, range_src = p.source(c.start), p.source(c.range.start)
        printed_range = " ".join(p.paragraph.text[p.where[c.range.start]:p.where[c.range.end - 1] + 1].split())
        shown = " ".join(p.paragraph.text[p.where[c.start]:p.where[c.end - 1] + 1].split())
        values = (
            PrintedValue(shown, float(c.days), f"{ctx.where(p)} {ctx.role('天数')}", stated_src.line,
                         section=p.paragraph.section, **places(stated_src)),
            PrintedValue(printed_range, float(c.range.days()), f"{ctx.where(p)} {ctx.role('日期')}", range_src.line,
                         section=p.paragraph.section, **places(range_src)))
        quote = p.quote(min(c.start, c.range.start), max(c.end, c.range.end), 80)
        n = c.range.days()
        message = ctx.say(
            f"{ctx.where(p)}：“{shown}”，但 {printed_range} 首尾计入共 {n} 天。原文：“{quote}”",
            f"{ctx.where(p)}: “{shown}” ({c.days} days), but {printed_range} is {n} days, both ends counted. "
            f"Text: “{quote}”")
        out.append(ctx.finding(RULE, message, p.paragraph.section, values, ctx.say(f"{n} 天", f"{n} days"),
                               ctx.say(f"{c.days} 天", f"{c.days} days")))
    return out
