"""KA450 per-student-value: `…总值 T 万元，生均… P 元`: P = T × 10000 (亿元: × 10⁸) / the report year's full-time students."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from keneng_audit.claims.kinds.common import Context, ProseRule, derived_frame, failed, fmt, overlap, truncated_ok
from keneng_audit.claims.paragraphs import Num, Para, bigrams, clause_start, context, core, is_change, sentence_start
from keneng_audit.claims.units import factor
from keneng_audit.findings import Finding
from keneng_audit.intervals import bounds

RULE = ProseRule(
    "KA450", "error", "per-student-value", {"zh": "生均值与总量 / 在校生人数不符", "en": "per-student value ≠ total / students"},
    {"zh": "“仪器设备总值达 T 万元，生均仪器设备总值 P 元”：P = T × 10000 / 本年度全日制在校生人数（附表）；总值写作亿元时乘 10⁸",
     "en": "“… T 万元, 生均 … P 元”: P = T × 10000 / the report year's full-time students (appendix table); × 10⁸ for a total in 亿元"},
    {"zh": "生均值按全日制在校生计算（与附表 3 的生均指标同一基数）；基数不同的生均值无法相互比较。生均值是除法的结果，"
           "印成整数（12003 元）时代表四舍五入后的区间 [12002.5, 12003.5)。",
     "en": "Per-student values divide by the full-time students (as the appendix indicators do); values on other "
           "bases cannot be compared. A quotient printed as a whole number (12003) stands for [12002.5, 12003.5)."},
    {"pass": "仪器设备总值达 4358.20 万元，生均仪器设备值 12003 元（在校生 3631：12002.75）",
     "fail": "仪器设备总值达 6430.5 万元，生均仪器设备总值 10215.8 元（在校生 5386：11939.3）"})
# Words every match of this kind's patterns holds (folded text): paragraphs without them are skipped.
KEYWORDS = ('生均',)  # 生均

# The first value of `由 A 万元增长到 B 万元` / `从 A 万元增至 B 万元`: the earlier year's, followed by its successor.
_FROM_RE = re.compile(r"\s*(?:万元|亿元|万平方米|元|平方米)\s*(?:逐年|稳步|大幅)?\s*(?:增长|增加|提高|上升|下降|减少|降低|增|减|升|降)?\s*(?:到|至)")
_FROM_TO_GAP = 10  # characters from A's end to B's start in `A 万元增长到 B`
_PER_STUDENT_RE = re.compile(r"生均(?P<noun>[^\d,，。;；:%]{0,12}?)(?:达到|达|为|是)?\s*(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?:平方米|万元|元)")


# A standard or a value per head (生均拨款标准 1.50 万元, 每生每年): never the school's total.
_PER_HEAD = re.compile(r"每生|人均|标准")
# `3,726.00 万元（上年 3,450.00 万元）`: last year's amount, never this year's total
_LAST_YEARS = re.compile(r"(?:上年|去年|上一?年度|上一年|上届)\s*(?:的|为|是)?\s*$")


def _per_head(clause: str, scale: float) -> bool:
    """Whether the number after `clause` is a standard or a per-head value rather than a total: a 生均 amount in the
    per-student value's own unit is one (生均 1.50 万元 beside 生均 1.20 万元); `生均拨款 15,600 万元` before a
    生均 in 元 is the report's (odd) name for the total."""
    return bool(_PER_HEAD.search(clause)) or (scale == 1 and "生均" in clause)


_TOTAL_UNITS = ("万元", "亿元", "万平方米")  # a school's totals; 生均 in 元, 万元 or 平方米


def _total_scale(total_unit: str | None, value_unit: str | None) -> float | None:
    """How many of the per-student value's unit one of the total's is (万元 → 元: 10⁴; 万元 → 万元: 1), or None."""
    scale = factor(total_unit, value_unit) if total_unit in _TOTAL_UNITS else None
    return scale if scale is not None and scale >= 1 else None


@dataclass(frozen=True)
class PerStudentCase:
    """A total in 万 of a unit and the per-student value the same paragraph states."""

    para: Para
    total: Num  # in 万 of the per-student unit (万平方米, 万元)
    value: Num


def per_student_cases(p: Para) -> list[PerStudentCase]:
    """`仪器设备总值达 5981.92 万元，生均仪器设备总值 10441.4 元`: the total is the nearest earlier number of the
    paragraph in 万 of the same unit whose clause names the same thing (not a change); else no case."""
    cases = []
    for m in _PER_STUDENT_RE.finditer(p.text):
        value = p.at(m.start("n"))
        if value is None or value.unit not in ("平方米", "元", "万元") or is_change(p, value):
            continue
        wanted = bigrams(core(m.group("noun")))
        sentence = sentence_start(p.text, m.start())
        scored = []
        carried: tuple[float, int] | None = None  # the score and end of a `由 A 万元` that the next number ends
        for n in p.numbers:
            scale = _total_scale(n.unit, value.unit) if n.end <= m.start() else None
            if scale is not None and not is_change(p, n) \
                    and not _per_head(p.text[clause_start(p.text, n.start, "，,。;；:："):n.start], scale) \
                    and not _LAST_YEARS.search(p.text[max(0, n.start - 8):n.start]):
                left, right = context(p, n)
                if not wanted:  # `…15.6 万平方米，生均 30 平方米`: 生均 of what the sentence states before it
                    found = 1.0 if n.start >= sentence else 0.0
                else:
                    found = sum(1 for g in wanted if g in left + right) / len(wanted)
                if _FROM_RE.match(p.text, n.end):
                    carried = (found, n.end)  # `由 3,450.00 万元增长到 3,726.00 万元`: last year's, not the total
                    continue
                if carried is not None and n.start - carried[1] <= _FROM_TO_GAP:
                    found = max(found, carried[0])  # the `到 B` of `由 A 增长到 B` is about what A's clause names
                carried = None
                if found >= 0.5:
                    scored.append((found, n.start, n))
        if scored:
            cases.append(PerStudentCase(p, max(scored, key=lambda x: (x[0], x[1]))[2], value))
    return cases


@dataclass(frozen=True)
class Students:
    """One value of the report year's full-time students a claim may be judged against, with where it is printed."""

    value: float
    lo: float
    hi: float
    display: str
    place: str
    printed: tuple


def students_values(ctx: Context) -> list[Students]:
    """The report year's students most places agree on (tables first): a wrong copy in one table (附表6 12840 where
    every other place prints 12,480) must not make a right 生均 value wrong. The facts' first value when no named
    quantity is known."""
    if not ctx.year:
        return []
    if ctx.known is not None:
        found = [Students(e.value, e.lo, e.hi, e.text, e.table or e.label, e.printed)
                 for e in ctx.known.values("students.total", str(ctx.year))]
        found = [s for s in found if not np.isnan(s.value) and s.lo > 0]
        if found:
            return found
    v = ctx.facts.first("students.total", str(ctx.year)) if ctx.facts is not None else None
    if v is None or np.isnan(v.value) or v.lo <= 0:
        return []
    return [Students(v.value, v.lo, v.hi, v.display, v.printed[0].table or "", v.printed)]


def check(ctx: Context) -> list[Finding]:
    students = students_values(ctx)
    if not students:
        return []
    cases = [c for p in ctx.paras_for(RULE.id) for c in per_student_cases(p)]
    pairs, rows = [], []
    for c in cases:
        tlo, thi = bounds(c.total.number)
        scale = factor(c.total.unit, c.value.unit)
        for s in students:
            pairs.append((c, s))
            rows.append((tlo * scale / s.hi, thi * scale / s.lo, c.value.number))
    frame = derived_frame(rows)
    bad = {pos for pos, _ in failed(pairs, frame, RULE.id, overlap)}
    out = []
    for i, c in enumerate(cases):
        mine = range(i * len(students), (i + 1) * len(students))
        if all(pos in bad for pos in mine):  # a value that fits any equally backed count is no error
            out.append(_finding(ctx, c, students[0], truncated_ok(frame, mine[0])))
    return out


def _finding(ctx: Context, c: PerStudentCase, students: Students, truncated: bool) -> Finding:
    p = c.para
    scale = factor(c.total.unit, c.value.unit)
    exact = c.total.number.value * scale / students.value
    shown = fmt(exact, c.value.number.decimals)
    times = f" × {scale:.0f}" if scale != 1 else ""
    expected = f"{shown} = {c.total.number.text}{times} / {students.display}"
    implied = c.total.number.value * scale / c.value.number.value if c.value.number.value else float("nan")
    where = ctx.where(p)
    values = (ctx.pv(p, c.total, "总量"), *students.printed, ctx.pv(p, c.value, "生均"))
    quote = p.clauses(c.total, c.value)
    message = ctx.say(
        f"{where}：{c.total.number.text} {c.total.unit} / {students.display} 名在校生（{students.place}）"
        f"= {shown} {c.value.unit}，但文中写的是 {c.value.number.text} {c.value.unit}。原文：“{quote}”",
        f"{where}: {c.total.number.text} {c.total.unit} / {students.display} students ({students.place}) "
        f"= {shown} {c.value.unit}, but the text says {c.value.number.text} {c.value.unit}. Text: “{quote}”")
    hint = ctx.say(f"所写生均值对应约 {implied:.0f} 名学生", f"the stated value fits about {implied:.0f} students")
    if truncated:
        hint += ctx.say("；仅当数值被截断（而非四舍五入）时才一致", "; consistent only if the value was truncated, not rounded")
    return ctx.finding(RULE, message, p.paragraph.section, values, expected, c.value.number.text, hint,
                       "warning" if truncated else None)
