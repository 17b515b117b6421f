"""Changes a sentence states with both of its values, checked on the sentence alone: `由上年的 40 万元增长到
100 万元，增长了 1.5 倍`, `合格率 96.5%，较上年提高 1.2 个百分点（上年 95.3%）`, `比上年减少 5.0%（上年 2,737 人）`,
`获奖 45 项，比上年的 40 项增长 12.5%`."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from keneng_audit.claims.kinds.common import SLACK, stated_bounds
from keneng_audit.claims.paragraphs import Num, Para
from keneng_audit.claims.units import factor
from keneng_audit.facts.values import half_up
from keneng_audit.intervals import bounds

NUMBER = r"\d[\d,]*(?:\.\d+)?"  # a printed number, thousands separators allowed
_U = r"万人次|人次|万元|亿元|元|万平方米|平方米|人|名|个|项|所|家|门|篇|件|册|%"
LAST_PERIOD = r"(?:上一?(?:学年度|年度|学年|年|届)|去年|前一年|(?:19|20)\d\d\s*(?:学年度|年度|学年|年))"
# a shorter period the sentence compares with (环比): both values are in the sentence, so only its arithmetic counts
_SHORT_PERIOD = r"(?:上一?(?:季度|学期|月)|第[一二三四1-4]季度|(?:上|下|春季|秋季|第[一二])学期|[一二三四五六七八九十\d]{1,3}月份?)"
_UP = ("增长", "增加", "提高", "提升", "上升", "增幅", "涨幅", "增")
_DOWN = ("下降", "减少", "降低", "降幅", "减", "降")
_DIR = "|".join(_UP + _DOWN)
_STATED = rf"(?:同比|环比)?(?P<rdir>{_DIR})(?:了|为|达)?\s*(?P<r>{NUMBER})\s*(?P<ru>%|倍|个?百分点|(?P=ub))"
SHAPES = (
    # 由(上年的) A 增长到 B，增长 X% / 增长了 N 倍 / 提高 D 个百分点
    re.compile(rf"(?:由|从)\s*(?:{LAST_PERIOD}\s*的?)?\s*(?P<a>{NUMBER})\s*(?P<ua>{_U})\s*(?:{_DIR})?\s*(?:到|至)\s*"
               rf"(?P<b>{NUMBER})\s*(?P<ub>{_U})\s*[,，]?\s*{_STATED}"),
    # B，比上年的 A 增长 X%
    re.compile(rf"(?P<b>{NUMBER})\s*(?P<ub>{_U})\s*[,，]?\s*(?:比|较)\s*(?:{LAST_PERIOD}|{_SHORT_PERIOD})\s*的\s*(?P<a>{NUMBER})\s*(?P<ua>{_U})\s*{_STATED}"),
    # B，较上年提高 D 个百分点（上年 A）
    re.compile(rf"(?P<b>{NUMBER})\s*(?P<ub>{_U})\s*[,，]?\s*(?:比|较)\s*{LAST_PERIOD}\s*(?:相比)?\s*{_STATED}\s*[（(]\s*"
               rf"{LAST_PERIOD}\s*(?:为|是)?\s*(?P<a>{NUMBER})\s*(?P<ua>{_U})\s*[)）]"),
)
What = Literal["rate", "times", "points", "difference"]


@dataclass(frozen=True)
class SentenceChange:
    """A change stated with both values: before → after, and the stated rate, multiple or points."""

    para: Para
    before: Num
    after: Num
    stated: Num
    what: What
    sign: int  # −1 for 下降/减少
    start: int
    end: int
    scale: float = 1.0  # what one unit of `before` is in the unit of `after` (万元 → 亿元)

    def _sides(self) -> tuple[float, float, float, float]:
        # a sentence's 97.0% stands for [96.95, 97.05): no cell format pads the digits a writer types
        (alo, ahi), (blo, bhi) = bounds(self.before.number, padded=False), bounds(self.after.number, padded=False)
        return alo * self.scale, ahi * self.scale, blo, bhi

    def computed(self) -> tuple[float, float]:
        """The interval of what the stated number should be, in its direction (a fall as a positive number)."""
        alo, ahi, blo, bhi = self._sides()
        if self.what in ("points", "difference"):
            lo, hi = blo - ahi, bhi - alo
        elif alo <= 0:
            return (-math.inf, math.inf)
        else:
            lo, hi = 100 * (blo / ahi - 1), 100 * (bhi / alo - 1)
            if self.what == "times":
                lo, hi = lo / 100, hi / 100  # 增长了 N 倍: the growth as a multiple of the base
        return tuple(sorted((self.sign * lo, self.sign * hi)))  # type: ignore[return-value]

    def exact(self) -> float:
        a, b = self.before.number.value * self.scale, self.after.number.value
        if self.what in ("points", "difference"):
            return self.sign * (b - a)
        value = self.sign * (b / a - 1) if a else math.nan
        return value if self.what == "times" else 100 * value

    def formula(self) -> str:
        a, b = self.before.number.text, self.after.number.text
        if self.what in ("points", "difference"):
            return f"{b} − {a}"
        if self.what == "times":
            return f"{b} / {a} − 1"
        return f"({b} − {a}) / {a}"


def sentence_changes(p: Para) -> list[SentenceChange]:
    """Every change the paragraph states with both values (each stated number once)."""
    out: dict[int, SentenceChange] = {}
    for shape in SHAPES:
        for m in shape.finditer(p.text):
            before, after, stated = p.at(m.start("a")), p.at(m.start("b")), p.at(m.start("r"))
            if None in (before, after, stated) or stated.start in out:
                continue
            ua, ub, ru = m.group("ua"), m.group("ub"), m.group("ru")
            ru = "个百分点" if ru.endswith("百分点") else ru  # 百分点 with or without 个
            scale = 1.0 if ua == ub else factor(ua, ub)
            if scale is None:
                continue  # two different units: not one quantity
            percent = ub == "%"
            if ru == "个百分点" and not percent or ru != "个百分点" and percent:
                continue  # points of a count, or a rate of a rate (由 95.3% 提高到 96.5%，提高 1.2%): unclear
            what: What = "points" if ru == "个百分点" else "times" if ru == "倍" else "rate" if ru == "%" \
                else "difference"  # 招生 1,900 人，较上年的 1,750 人增加 150 人
            if what == "times" and not re.search(r"(?:增长|增加|提高|提升|上升)了", m.group()):
                continue  # 增长 2 倍 without 了 is read both ways in practice
            sign = -1 if m.group("rdir") in _DOWN else 1
            out[stated.start] = SentenceChange(p, before, after, stated, what, sign, m.start(), m.end(), scale)
    return list(out.values())


_WORDS = {"rate": ("%", "%"), "times": (" 倍", " times"), "points": (" 个百分点", " points"), "difference": ("", "")}


def verdicts(cases: list[SentenceChange]) -> list[bool]:
    """Whether some value inside the printed intervals gives the stated number (rounded at its printed digits)."""
    out = []
    for c in cases:
        lo, hi = c.computed()
        slo, shi = stated_bounds(c.stated.number)
        out.append(lo <= shi + SLACK and slo <= hi + SLACK)
    return out


def finding(ctx, rule, c: SentenceChange):
    """The sentence's own number first, then what its two values give (`ctx`: the claim kinds' Context)."""
    p = c.para
    zh_unit, en_unit = _WORDS[c.what]
    if c.what == "difference":
        zh_unit = en_unit = f" {c.after.unit}"
    decimals = c.stated.number.decimals
    shown = str(math.floor(c.exact() + 0.5)) if c.what == "difference" and not decimals else \
        half_up(c.exact(), max(decimals, 1))
    stated = ("-" if c.sign < 0 else "") + c.stated.number.text + ("" if c.what == "rate" else zh_unit)
    hint = None
    if c.what == "times" and c.after.number.value and c.before.number.value:
        ratio = c.after.number.value / (c.before.number.value * c.scale)
        lo, hi = bounds(c.stated.number)
        if lo <= ratio <= hi:
            hint = ctx.say(f"“增长了 N 倍”指增加的部分；{c.after.number.text} / {c.before.number.text} = {ratio:.2f} "
                           f"是“增长到”的倍数",
                           f"“增长了 N 倍” counts the increase; {c.after.number.text} / {c.before.number.text} = "
                           f"{ratio:.2f} is the multiple it grew to")
    elif c.what == "rate" and c.after.number.value:
        on_after = 100 * abs(c.after.number.value - c.before.number.value * c.scale) / c.after.number.value
        lo, hi = bounds(c.stated.number, padded=False)
        if lo <= on_after <= hi:
            hint = ctx.say(f"似乎以本年数为基数：{on_after:.1f}%", f"taken of this year instead: {on_after:.1f}%")
    quote = p.quote(c.start, c.end, 80)
    message = ctx.say(
        f"{ctx.where(p)}：文中写的是 {stated}，但 {c.formula()} = {shown}{zh_unit}。原文：“{quote}”",
        f"{ctx.where(p)}: the text says {stated.replace(zh_unit, en_unit) if zh_unit != '%' else stated}, but "
        f"{c.formula()} = {shown}{en_unit}. Text: “{quote}”")
    role = "增长率" if c.what != "points" else "增减"
    values = (ctx.pv(p, c.stated, role), ctx.pv(p, c.after, "数量"), ctx.pv(p, c.before, "数量"))
    actual = c.stated.number.text + ("" if c.what == "rate" else zh_unit)
    return ctx.finding(rule, message, p.paragraph.section, values, f"{shown}{zh_unit} = {c.formula()}", actual, hint)
