"""KA430 listed-count: a stated count equals the items listed with it (`5 个社团：…`, `3 人（甲、乙、丙）`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from keneng_audit.claims.kinds.common import Context, ProseRule, failed
from keneng_audit.claims.paragraphs import Num, Para, skip_blanks
from keneng_audit.findings import Finding

RULE = ProseRule(
    "KA430", "error", "listed-count", {"zh": "所述数量与列举项数不符", "en": "stated count ≠ number of items listed"},
    {"zh": "“12 项制度，具体包括《…》……”、“共 6 个工作组：A、B……”、“3 人（甲、乙、丙）”：所述数量等于列举的项数",
     "en": "“12 项制度，具体包括《…》…”, “共 6 个工作组：A、B…”, “3 人（甲、乙、丙）”: the count equals the items listed"},
    {"zh": "列举完整时（无“等”），数量与项数应相同。", "en": "When the list is complete (no 等), it has as many items."},
    {"pass": "3 人（张明、李华、王芳）", "fail": "共 6 个工作组：教务组、学工组、后勤组、招就组、财务组"})
# Words every match of this kind's patterns holds (folded text): paragraphs without them are skipped.
KEYWORDS = (':', '(', '包括', '包含', '分别', '、')  # N 个：A、B / N 人（甲、乙）/ A、B 等 N 项

_COUNTED = r"项|个|人(?!次)|名|门|本|所|家|部|篇|件|场|条|位|支"
_LIST_HEAD = re.compile(
    rf"(?P<n>\d+)\s*(?P<unit>{_COUNTED})"
    r"(?P<noun>[^\d,，。;；:：()《]{0,12}?)\s*"
    r"(?P<intro>,\s*(?:具体)?(?:包括|包含|分别是|分别为)\s*:?|:|\()\s*")
_TAIL_UNITS = r"项|个|门|本|所|家|部|篇|件|场|条|支"
_LIST_TAIL = re.compile(
    r"(?P<items>(?:[^\d,，。;；:、()]{1,15}、)+[^\d,，。;；:、()]{1,15}?)\s*(?P<n>\d+)\s*"
    rf"(?P<unit>{_TAIL_UNITS})(?P<noun>[^\d,，。;；、]{{1,6}})")
# What every _LIST_TAIL match contains (its last item, count and unit): a cheap test before the costly search.
_LIST_TAIL_HINT = re.compile(rf"、[^\d,，。;；:、()]{{1,15}}?\s*\d+\s*(?:{_TAIL_UNITS})")


@dataclass(frozen=True)
class ListCase:
    """`3 个专业群：A、B、C`: a stated count and the items the sentence lists."""

    para: Para
    count: Num
    items: tuple[str, ...]

    @property
    def joined(self) -> bool:
        """The last item may be two joined by 和/及/与 (`信息技术和交通运输专业群`): the count may be one more."""
        return any(w in self.items[-1] for w in _JOINERS)


_JOINERS = ("和", "及", "与", "以及")
_OPEN, _CLOSE = "(《“\"[【", ")》”\"]】"


def _top_level(body: str) -> list[str]:
    """`body` split at the 、 outside brackets and quotes (`机电系(含数控、焊接两个专业)、信息系`: two items)."""
    items, depth, start = [], 0, 0
    for i, ch in enumerate(body):
        if ch in _OPEN and not (ch == '"' and depth):
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        elif ch == "、" and depth == 0:
            items.append(body[start:i])
            start = i + 1
    return items + [body[start:]]


def _titles(text: str, i: int = 0) -> list[str] | None:
    """The 《…》 titles at text[i:], or None when the list does not visibly end."""
    titles = []
    while True:
        while i < len(text) and (text[i].isspace() or text[i] == "、"):
            i += 1
        if i < len(text) and text[i] == "《":
            close = text.find("》", i)
            if close < 0:
                return None
            titles.append(text[i + 1:close])
            i = close + 1
            continue
        break
    i = skip_blanks(text, i)
    if i >= len(text) or text[i] not in "。,，;；)":
        return None  # the paragraph was cut or the list goes on ("等"): do not count
    return titles


def _enumerated(text: str, closing: str | None, start: int = 0) -> list[str] | None:
    """The 、-separated items at text[start:], up to `closing` or the end of the clause."""
    if closing:
        end = text.find(closing, start)
        if end < 0:
            return None
        body = text[start:end]
    else:
        stops = [i for i in (text.find(c, start) for c in "。;；,，") if i >= 0]
        if not stops:
            return None
        body = text[start:min(stops)]
    if "等" in body[-2:] or any(ch.isdigit() for ch in body):
        return None
    items = [x.strip() for x in _top_level(body)]
    return items if all(items) and len(items) >= 2 and all(len(x) <= 20 for x in items) else None


def list_cases(p: Para) -> list[ListCase]:
    cases = []
    by_start = {n.start: n for n in p.numbers}
    for m in _LIST_HEAD.finditer(p.text):
        count = by_start.get(m.start("n"))
        if count is None or count.number.kind != "count":
            continue
        intro = m.group("intro").strip()
        if p.text.startswith("《", m.end()):
            items = _titles(p.text, m.end())
        else:
            items = _enumerated(p.text, ")" if intro == "(" else None, m.end())
        if items and len(items) >= 2:
            cases.append(ListCase(p, count, tuple(items)))
    for m in (_LIST_TAIL.finditer(p.text) if _LIST_TAIL_HINT.search(p.text) else ()):
        count = by_start.get(m.start("n"))
        items = [x.strip() for x in m.group("items").split("、")]
        if count is None or count.number.kind != "count" or "等" in m.group("items")[-2:] or not all(items):
            continue
        # "书法社、…、机器人社 5 个社团": each item ends like the counted noun, so they are what is counted.
        if not all(item[-1] in m.group("noun") for item in items):
            continue
        cases.append(ListCase(p, count, tuple(items)))
    return cases


def check(ctx: Context) -> list[Finding]:
    cases = [c for p in ctx.paras_for(RULE.id) for c in list_cases(p)]
    frame = pd.DataFrame({"stated": [c.count.number.value for c in cases], "listed": [len(c.items) for c in cases],
                          "joined": [c.joined for c in cases]}, columns=["stated", "listed", "joined"])
    out = []
    holds = lambda f: (f["stated"] == f["listed"]) | (f["joined"] & (f["stated"] == f["listed"] + 1))  # noqa: E731
    for _, c in failed(cases, frame, RULE.id, holds):
        p = c.para
        where = ctx.where(p)
        quote = p.sentence(c.count.start, c.count.end)
        shown = "、".join(c.items[:3]) + ("…" if len(c.items) > 3 else "")
        listed = len(c.items)
        if c.joined:  # `…艺术设计学院和健康管理学院`: the last item is two; the nearer of the two counts is expected
            nearest = listed + 1 if c.count.number.value > listed else listed
            counted_zh, counted_en = f"{listed}–{listed + 1} 项", f"{listed}–{listed + 1}"
            joined_zh = f"；末项含“{next(w for w in _JOINERS if w in c.items[-1])}”，可能是两项"
            joined_en = "; the last item joins two with 和/及/与"
        else:
            nearest, counted_zh, counted_en, joined_zh, joined_en = listed, f"{listed} 项", str(listed), "", ""
        message = ctx.say(
            f"{where}：写的是 {c.count.number.text} {c.count.unit}，但列举了 {counted_zh}（{shown}{joined_zh}）。"
            f"原文：“{quote}”",
            f"{where}: the text says {c.count.number.text} {c.count.unit} but lists {counted_en} ({shown}{joined_en}). "
            f"Text: “{quote}”")
        out.append(ctx.finding(RULE, message, p.paragraph.section, (ctx.pv(p, c.count, "数量"),),
                               str(nearest), c.count.number.text))
    return out
