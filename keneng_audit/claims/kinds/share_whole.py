"""KA410's shapes with the whole in the same sentence but not named after 占: breakdowns, `X 率` and `N 人的 P%`.

- `在校生 5,200 人，其中女生 2,340 人，占 45.0%，少数民族 1,040 人，占 20.0%`: a bare 占 under a 其中 total;
- `毕业生 1,560 人，其中升学 620 人，升学率 39.7%`: a rate right after the count its word names;
- `全年招生 1,900 人，完成招生计划 2,000 人的 95.0%`: the whole printed before 的 and the share.

The sentence does not always say which count is the whole (`教职工 320 人，其中专任教师 260 人，双师型教师 182 人，
占比 70.0%` is of the 260), so every count of the sentence that could be it is a candidate, and only a share that
fits none of them is a finding (judged against the one it fits, else the total before 其中).
"""

from __future__ import annotations

import re

from keneng_audit.claims.kinds.common import SLACK, stated_bounds
from keneng_audit.claims.paragraphs import CHANGE_WORDS, Num, Para, context, is_change
from keneng_audit.intervals import bounds

_FULL_STOP = "。！!？?"  # a breakdown may run over `；`: 高级职称 78 人，占 30%；中级职称 130 人，占 50%
_RATE_RE = re.compile(r"(?P<stem>[\u4e00-\u9fff]{2})率\s*(?:为|达到|达|是)?\s*(?P<pct>\d+(?:\.\d+)?)\s*%")
_OF_RE = re.compile(r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>[^\d\s，。；,;的%]{1,3})的\s*(?P<pct>\d+(?:\.\d+)?)\s*%")
_OF_VERBS = ("完成", "占", "达到", "相当于", "是", "为")


def _clause_start(text: str, offset: int, breaks: str = "，,。;；") -> int:
    """Where the clause holding `offset` starts; a comma between digits (1,530 once folded) is no break."""
    i = offset - 1
    while i >= 0:
        if text[i] in breaks and not (text[i] == "," and 0 < i < len(text) - 1
                                      and text[i - 1].isdigit() and text[i + 1].isdigit()):
            return i + 1
        i -= 1
    return 0


# A count of another period in the sentence (`比上年的 1,720 人`) is no whole of this year's parts.
_OTHER_PERIOD = re.compile(r"上一?(?:学年度|年度|学年|年|届)|去年|前一年|同期|(?:比|较|与)\s*(?:19|20)\d\d")


def _counts(p: Para, start: int, end: int, family: str | None) -> list[Num]:
    return [n for n in p.numbers if start <= n.start < end and n.family == family and n.family not in (None, "%")
            and not is_change(p, n) and n.number.value > 0 and not _OTHER_PERIOD.search(context(p, n)[0])]


def breakdown_wholes(p: Para, part: Num, at: int) -> list[Num]:
    """The counts a bare `占 P%` after `part` may be a share of: the total printed before 其中 in its sentence, then
    every count between 其中 and the part that is not smaller than it. None without a 其中 total."""
    start = _clause_start(p.text, at, _FULL_STOP)
    q = p.text.rfind("其中", start, part.start)
    if q < 0:
        return []
    before = _counts(p, start, q, part.family)
    if not before or before[-1].number.value < part.number.value:
        return []
    inner = [n for n in _counts(p, q, part.start, part.family) if n.number.value >= part.number.value]
    return [before[-1], *inner]


def pick(part: Num, wholes: list[Num], pct: Num, parts: tuple[Num, ...] = ()
         ) -> tuple[Num, Num, tuple[Num, ...]] | None:
    """(part, whole, the other candidates): the first candidate whole the share fits, else the first candidate
    (the share fits none: a finding). None when the parts' sum fits (`就业率` counted with 升学)."""
    if not wholes:
        return None
    plo, phi = stated_bounds(pct.number)
    for w in wholes:
        wlo, whi = bounds(w.number)
        if wlo <= 0:
            continue
        nlo, nhi = bounds(part.number)
        if 100 * nlo / whi <= phi + SLACK and plo <= 100 * nhi / wlo + SLACK:
            return part, w, ()
        if len(parts) > 1:
            slo = sum(bounds(n.number)[0] for n in parts)
            shi = sum(bounds(n.number)[1] for n in parts)
            if 100 * slo / whi <= phi + SLACK and plo <= 100 * shi / wlo + SLACK:
                return None  # the sum of the listed parts fits: no finding, and no one part to show
    return part, wholes[0], tuple(wholes[1:])


def rate_cases(p: Para) -> list[tuple[Num, Num, Num, int, tuple[Num, ...]]]:
    """(part, whole, rate, offset) for `…升学 620 人，升学率 39.7%`: the rate's clause follows the clause of the
    count whose words hold the rate's stem; the whole is a larger count before it in the sentence."""
    out = []
    for m in _RATE_RE.finditer(p.text):
        pct = p.at(m.start("pct"))
        if pct is None or pct.unit != "%":
            continue
        clause = _clause_start(p.text, m.start())
        prev = _clause_start(p.text, max(clause - 1, 0))
        own = [n for n in p.numbers if prev <= n.start < m.start()]
        if len(own) != 1 or own[0].family in (None, "%") or is_change(p, own[0]) or clause <= own[0].start:
            continue  # the clause right before the rate holds one count and nothing else
        part = own[0]
        if m.group("stem") not in context(p, part)[0]:
            continue
        start = _clause_start(p.text, m.start(), _FULL_STOP)
        wholes = [n for n in _counts(p, start, part.start, part.family) if n.number.value >= part.number.value]
        siblings = tuple(n for n in _counts(p, start, part.start + 1, part.family)
                         if wholes and n.start > wholes[0].start)
        found = pick(part, wholes[::-1], pct, siblings)
        if found is not None:
            out.append((found[0], found[1], pct, m.start(), found[2]))
    return out


def of_cases(p: Para) -> list[tuple[Num, Num, Num, int, tuple[Num, ...]]]:
    """(part, whole, share, offset) for `招生 1,900 人，完成招生计划 2,000 人的 95.0%`: the part is the nearest
    count of the same unit before the whole in its sentence, with a verb (完成, 占, 达到, 是 …) between them."""
    out = []
    for m in _OF_RE.finditer(p.text):
        whole, pct = p.at(m.start("n")), p.at(m.start("pct"))
        if whole is None or pct is None or pct.unit != "%" or whole.family in (None, "%") or is_change(p, whole):
            continue
        start = _clause_start(p.text, m.start(), _FULL_STOP)
        before = [n for n in p.numbers if start <= n.start < whole.start]
        if not before or before[-1].family != whole.family or is_change(p, before[-1]):
            continue
        part = before[-1]
        between = "".join(p.text[part.end:whole.start].split())
        if not any(v in between for v in _OF_VERBS) or any(w in between for w in CHANGE_WORDS if len(w) > 1):
            continue
        out.append((part, whole, pct, m.start(), ()))
    return out
