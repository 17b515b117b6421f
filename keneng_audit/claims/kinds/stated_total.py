"""KA421 stated-total: a total marked as such (共, 合计, 总计) equals its parts when the words say the list is complete."""

from __future__ import annotations

import re

import pandas as pd

from keneng_audit.claims.kinds.common import SLACK, Context, ProseRule, failed
from keneng_audit.claims.kinds.parts import PartsCase, listed_parts, parts_cases
from keneng_audit.claims.paragraphs import Num, Para, clause_end, clause_start, is_change
from keneng_audit.findings import Finding
from keneng_audit.intervals import bounds

RULE = ProseRule(
    "KA421", "error", "stated-total", {"zh": "所述总数与各分项之和不符", "en": "stated total ≠ sum of its listed parts"},
    {"zh": "总数与各分项在同一句中、且用词表明各项已列全时，各项之和等于总数：“共 N 份，分为 a 份、b 份、c 份”"
           "（分为、分别为、分别是），“a 份、b 份、c 份，共计 N 份”，或“共 N 人，其中男生 a 人、女生 b 人”（其中所列为"
           "男/女、线上/线下、一至三年级等完整划分）。“其中”所列通常只是部分（“教职工 200 人，其中专任教师 150 人、"
           "行政人员 30 人”），不核查；有“等”“其他”“另有”或下一分句接着列同单位的数时也不核查",
     "en": "A total and its parts in one sentence, whose words say the list is complete, add up: “共 N, 分为 a、b、c” "
           "(分为, 分别为, 分别是), “a、b、c，共计 N”, or “共 N 人，其中男生 a 人、女生 b 人” (其中 listing a whole "
           "partition: male/female, online/offline, every grade). A plain 其中 list is usually partial (“教职工 200 人，"
           "其中专任教师 150 人、行政人员 30 人”) and is not checked; nor is a list with 等, 其他, 另有 or one that goes "
           "on in the next clause"},
    {"zh": "“分为”“共计”表明列出的就是全部；此时各项之和与总数不符，说明某处抄错了。“其中”只表示“在这些当中”，"
           "漏列其余部分是正常写法，不算错误。",
     "en": "分为 and 共计 say the list is the whole; then a shortfall means a copy is wrong. 其中 only means "
           "“among them”: leaving the rest unnamed is ordinary Chinese, not an error."},
    {"pass": "共发放问卷 860 份，分为学生问卷 520 份、家长问卷 250 份、企业问卷 90 份",
     "fail": "共发放问卷 860 份，分为学生问卷 520 份、家长问卷 230 份、企业问卷 90 份（840）"})
# Words every match of this kind's patterns holds (folded text): paragraphs without them are skipped.
KEYWORDS = ('其中', '分为', '分别', '共', '合计', '总计')

# Words that mark the number as the total of everything (in the clause before it).
TOTAL_WORDS = ("共", "合计", "总计", "累计", "总数", "总量")
# After the list: more parts follow, or the list is not complete.
MORE_WORDS = ("等", "其他", "其它", "其余", "另有", "另外", "以及", "还有", "此外", "及")
# 等 inside a word is not "etc.": 一等奖, 三等奖, 等级, 中等, 高等, 同等 …
_NOT_ETC = re.compile(r"[一二三四五六七八九十\d优特]等奖|等级|等次|[同平均中高初对相上下头]等")


def _more(text: str) -> bool:
    """The words say the list goes on or is not complete (等 meaning "etc.", 其他, 另有 …)."""
    return any(w in _NOT_ETC.sub("", text) for w in MORE_WORDS)


# Words opening a list that is the whole (`共 N 份，分为…`); 其中 ("among them") opens a partial one.
WHOLE_MARKERS = ("分为", "分别为", "分别是")
# A 其中 list is the whole when its items are a whole partition (the one word of each item's label).
PARTITIONS = (("男", "女"), ("线上", "线下"), ("校内", "校外"), ("省内", "省外"), ("境内", "境外"), ("城镇", "农村"),
              ("公办", "民办"), ("全日制", "非全日制"))
_GRADE = re.compile(r"^(?:[一二三四五六]|[1-6])年级")
_GRADES = "一二三四五六"
# Parts, then their total: `学生 520 份、家长 230 份、企业 90 份，共计 860 份`.
# Also `…10,380 人次，近三年累计培训 27,450 人次`: 累计 (over the years listed), a verb of up to four characters after it.
_FRAMED = re.compile(r"[，,]\s*(?:(?:近|这)[一二两三四五六七八九十\d]{1,2}年\s*)?(?:(?:共计|合计|总计|共)|累计[\u4e00-\u9fff]{0,4}?)"
                     r"\s*(?=\d)")


def _label(p: Para, start: int, n: Num) -> str:
    return "".join(p.text[start:n.start].split())


def _partition(p: Para, c: PartsCase) -> bool:
    """The items of a 其中 list are a whole partition: 男/女, 线上/线下 … or every grade from the first."""
    labels, at = [], p.text.find(c.marker, c.total.end) + len(c.marker)
    for n in c.parts:
        labels.append(_label(p, at, n).rsplit("、", 1)[-1])
        at = n.end
    for words in PARTITIONS:
        found = [[w for w in words if w in label and not (w == "全日制" and "非全日制" in label)] for label in labels]
        if len(labels) == len(words) and all(len(f) == 1 for f in found) and {f[0] for f in found} == set(words):
            return True
    grades = [g.group()[0] for label in labels if (g := _GRADE.match(label))]
    order = [_GRADES.index(g) if g in _GRADES else int(g) - 1 for g in grades]
    return len(grades) == len(labels) >= 3 and order == list(range(len(order)))


def complete(c: PartsCase) -> bool:
    """The words say the list is the whole (分为, or a 其中 list of a whole partition under a marked total),
    nothing says it leaves parts out, and the list does not go on in the next clause."""
    if c.marker not in WHOLE_MARKERS:
        left = "".join(c.para.text[clause_start(c.para.text, c.total.start):c.total.start].split())
        if not any(w in left for w in TOTAL_WORDS) or not _partition(c.para, c):
            return False
    return _closed(c)


# `共发放问卷 860 份，其中学生 520 份、家长 230 份、企业 90 份`: a plain 其中 list may leave parts out, but under a
# total announced by 共 with three or more parts it usually does not: a shortfall there is a warning.
_ANNOUNCED = ("共", "合计", "总计")


def likely_complete(c: PartsCase) -> bool:
    """A 其中 list of three or more parts under a total its clause announces with 共 / 合计 / 总计."""
    if c.marker != "其中" or len(c.parts) < 3 or complete(c):
        return False
    left = "".join(c.para.text[clause_start(c.para.text, c.total.start):c.total.start].split())
    return any(w in left for w in _ANNOUNCED) and _closed(c)


def _closed(c: PartsCase) -> bool:
    """Nothing says the list leaves parts out, and it does not go on in the next clause."""
    text = c.para.text
    tail = "".join(text[c.parts[-1].end:c.end].split())
    following = "".join(text[c.end + 1:c.end + 6].split())
    if _more(tail) or _NOT_ETC.sub("", following).startswith(MORE_WORDS):
        return False
    if c.end < len(text) and text[c.end] not in "。;；！!？?":
        nxt = clause_end(text, c.end + 1)
        if any(c.end < n.start < nxt and n.family == c.total.family for n in c.para.numbers):
            return False  # more parts of the same unit in the next clause: the list goes on
    return c.total.number.value > 0


def framed_cases(p: Para) -> list[PartsCase]:
    """`a 份、b 份、c 份，共计 N 份`: the clause before the total is a 、-list with one number of its unit in each
    item (after 分别为 when the names come first: `学生、家长问卷分别为 520 份、230 份，共计 750 份`)."""
    out = []
    for m in _FRAMED.finditer(p.text):
        total = p.at(m.end())
        if total is None or total.family in (None, "%"):
            continue
        lo = clause_start(p.text, m.start())
        head = p.text[lo:m.start()]
        opened = max((head.rfind(w) + len(w) for w in ("分别为", "分别是", "分别") if w in head), default=0)
        lo += opened
        pieces = p.text[lo:m.start()].split("、")
        if len(pieces) < 2 or _more("".join(pieces[-1].split())):
            continue
        parts = listed_parts(p, pieces, lo, total)
        if len(parts) >= 2:
            out.append(PartsCase(p, total, tuple(parts), total.end, "共计"))
    return out


def stated_total_cases(ctx: Context) -> list[PartsCase]:
    return [c for p in ctx.paras_for(RULE.id)
            for c in [*(c for c in parts_cases(p, ("其中", *WHOLE_MARKERS)) if complete(c) or likely_complete(c)),
                      *framed_cases(p)]]


def check(ctx: Context) -> list[Finding]:
    cases = stated_total_cases(ctx)
    frame = pd.DataFrame({
        "lo": [sum(bounds(n.number)[0] for n in c.parts) for c in cases],
        "hi": [sum(bounds(n.number)[1] for n in c.parts) for c in cases],
        "t_lo": [bounds(c.total.number)[0] for c in cases],
        "t_hi": [bounds(c.total.number)[1] for c in cases],
    })
    # Parts above a total before 其中 are KA420's; this rule speaks when they fall short of it, and on both
    # sides of a total that 分为 or 共计 frame.
    both = pd.Series([c.marker != "其中" for c in cases], dtype=bool)
    mask = lambda f: ((f["hi"] + SLACK >= f["t_lo"]) & (~both | (f["lo"] <= f["t_hi"] + SLACK))  # noqa: E731
                      | ((f["lo"] > f["t_hi"] + SLACK) & ~both))
    out = []
    for _, c in failed(cases, frame, RULE.id, mask):
        p = c.para
        where = ctx.where(p)
        total = sum(n.number.value for n in c.parts)
        arithmetic = " + ".join(n.number.text for n in c.parts)
        values = (ctx.pv(p, c.total, "合计"),) + tuple(ctx.pv(p, n, "其中") for n in c.parts)
        first, last = min(c.total.start, c.parts[0].start), max(c.total.end, c.parts[-1].end)
        quote = p.sentence(first, last, 70)
        gap = c.total.number.value - total
        short = ctx.say(f"少 {gap:g}" if gap > 0 else f"多 {-gap:g}", f"{gap:g} short" if gap > 0 else f"{-gap:g} over")
        soft = likely_complete(c)
        caveat = ctx.say("（“其中”也可能只列出一部分；若所列已是全部，则总数或某一项有误）",
                         " (其中 may list only some parts; if these are all of them, the total or a part is wrong)") \
            if soft else ""
        message = ctx.say(
            f"{where}：文中写共 {c.total.number.text}，但所列各项 {arithmetic} = {total:g}，{short}{caveat}。原文：“{quote}”",
            f"{where}: the text states a total of {c.total.number.text}, but the listed parts add up to {arithmetic} = "
            f"{total:g} ({short}){caveat}. Text: “{quote}”")
        out.append(ctx.finding(RULE, message, p.paragraph.section, values, f"{total:g} = {arithmetic}",
                               c.total.number.text, severity="warning" if soft else None))
    return out
