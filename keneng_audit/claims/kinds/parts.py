"""KA420 parts-within-total: the parts listed after 其中 do not exceed the total stated before them."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from keneng_audit.claims.kinds.common import SLACK, Context, ProseRule, failed
from keneng_audit.claims.paragraphs import BREAK, Num, Para, is_change, sentence_start
from keneng_audit.findings import Finding
from keneng_audit.intervals import bounds

RULE = ProseRule(
    "KA420", "error", "parts-within-total", {"zh": "“其中”各项之和超过总数", "en": "the parts after 其中 exceed the total"},
    {"zh": "“N 份，其中 a 份、b 份……”：各项之和不超过 N", "en": "“N, 其中 a、b …”: the parts do not exceed N"},
    {"zh": "“其中”列出的是总数的一部分。", "en": "Items after 其中 are parts of the total."},
    {"pass": "640 份，其中 203 份、118 份、175 份、22 份、122 份", "fail": "640 份，其中 403 份、118 份、175 份"})
# Words every match of this kind's patterns holds (folded text): paragraphs without them are skipped.
KEYWORDS = ('其中',)  # N，其中 a、b


@dataclass(frozen=True)
class PartsCase:
    """`N 份，其中 a 份、b 份`: a stated total and the parts listed after 其中."""

    para: Para
    total: Num
    parts: tuple[Num, ...]
    end: int  # folded offset where the list of parts ends
    marker: str = "其中"  # the word that opens the list


def parts_cases(p: Para, markers: tuple[str, ...] = ("其中",)) -> list[PartsCase]:
    """`N 份，其中 a 份、b 份、c 份`: the total is the last count of the sentence before 其中 (or, when 其中 opens
    a sentence, of the sentence before); each 、-separated piece holds exactly one number of the total's unit.
    `markers`: the words that open the list (其中; KA421 adds 分为, 分别为)."""
    cases = []
    for m in re.finditer("|".join(markers), p.text):
        sent = sentence_start(p.text, m.start())
        if not p.text[sent:m.start()].strip() and sent > 0:
            sent = sentence_start(p.text, sent - 1)
        before = [n for n in p.numbers if sent <= n.start < m.start() and n.family not in (None, "%")
                  and not is_change(p, n)]
        if not before:
            continue
        total = before[-1]
        stop = min([i for i in (p.text.find(c, m.end()) for c in BREAK) if i >= 0] + [len(p.text)])
        pieces = p.text[m.end():stop].split("、")
        if len(pieces) < 2:
            continue
        parts = listed_parts(p, pieces, m.end(), total)
        if len(parts) >= 2:
            cases.append(PartsCase(p, total, tuple(parts), stop, m.group()))
    return cases


def listed_parts(p: Para, pieces: list[str], offset: int, total: Num) -> list[Num]:
    """The one number of each `、`-separated piece starting at `offset`; empty when a piece has none, several,
    a change, or a number of another family than the total."""
    parts: list[Num] = []
    for piece in pieces:
        inside = [n for n in p.numbers if offset <= n.start < offset + len(piece)]
        offset += len(piece) + 1
        if len(inside) != 1 or inside[0].family != total.family or is_change(p, inside[0]):
            return []
        parts.append(inside[0])
    return parts


def check(ctx: Context) -> list[Finding]:
    cases = [c for p in ctx.paras_for(RULE.id) for c in parts_cases(p)]
    frame = pd.DataFrame({
        "sum_lo": [sum(bounds(n.number)[0] for n in c.parts) for c in cases],
        "total_hi": [bounds(c.total.number)[1] for c in cases],
    })
    out = []
    for _, c in failed(cases, frame, RULE.id, lambda f: f["sum_lo"] <= f["total_hi"] + SLACK):
        p = c.para
        where = ctx.where(p)
        total = sum(n.number.value for n in c.parts)
        arithmetic = " + ".join(n.number.text for n in c.parts)
        values = (ctx.pv(p, c.total, "总数"),) + tuple(ctx.pv(p, n, "其中") for n in c.parts)
        quote = p.sentence(c.total.start, c.parts[-1].end)
        message = ctx.say(
            f"{where}：其中各项 {arithmetic} = {total:g}，超过总数 {c.total.number.text}。原文：“{quote}”",
            f"{where}: the parts {arithmetic} = {total:g} exceed the total {c.total.number.text}. Text: “{quote}”")
        out.append(ctx.finding(RULE, message, p.paragraph.section, values, f"≤ {c.total.number.text}",
                               f"{total:g} = {arithmetic}"))
    return out
