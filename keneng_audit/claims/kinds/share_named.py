"""KA410's shape with no count in the sentence: `其中财政拨款占总收入的 82.4%`, both sides named quantities the report
prints elsewhere (a table), for the year the sentence names (else the quantity's default period)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from keneng_audit.claims.kinds.common import SLACK, stated_bounds
from keneng_audit.claims.known import Known
from keneng_audit.claims.paragraphs import Num, Para, sentence_start
from keneng_audit.claims.tagging import Evidence
from keneng_audit.claims.units import factor

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")
_WHOLE_TAIL = re.compile(r"(?:总数|总人数|人数|总量|总额|数)?")


def _is_year(p: Para, n: Num) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", n.number.text)) and p.text[n.end:n.end + 3].lstrip().startswith("年")


@dataclass(frozen=True)
class NamedShare:
    """`A 占 B 的 x%` where both A and B are quantities the report states elsewhere."""

    para: Para
    part: Evidence
    whole: Evidence
    pct: Num
    at: int  # folded offset of 占

    def bounds(self) -> tuple[float, float]:
        return 100 * self.part.lo / self.whole.hi, 100 * self.part.hi / self.whole.lo


def named_share(known: Known | None, p: Para, at: int, noun: str, pct: Num) -> NamedShare | None:
    """The part is the quantity its clause names right before 占 (no number between), the whole the one after it;
    both in one unit family, the report printing each for the sentence's year. None when anything is unclear."""
    if known is None:
        return None
    start = sentence_start(p.text, at)
    clause = max(start, max(p.text.rfind(c, start, at) for c in ",，;；") + 1)
    if any(n for n in p.numbers if clause <= n.start < at and not _is_year(p, n)):
        return None  # a count before 占: the other shapes' business
    part, whole = known.subject(p.text[clause:at]), known.subject(noun)
    if part is None or whole is None or part[0] == whole[0] or part[1] != len(p.text[clause:at].rstrip()):
        return None
    if not _WHOLE_TAIL.fullmatch("".join(noun.split())[whole[1]:]):
        return None
    pu, wu = known.unit(part[0]), known.unit(whole[0])
    if pu is None or wu is None or "%" in (pu, wu) or (pu != wu and factor(pu, wu) is None):
        return None
    years = {y for y in _YEAR.findall(p.text[start:at])}
    if len(years) > 1:
        return None
    period = years.pop() if years else known.period(part[0])
    pairs = [(a, b) for a in known.values(part[0], period) for b in known.values(whole[0], period)
             if b.lo > 0 and (a.unit or pu) == (b.unit or wu)]
    if not pairs:
        return None
    # places that disagree: judged against the pair the share fits, if any (which copy is wrong is KA401's)
    lo, hi = stated_bounds(pct.number)
    fits = [(a, b) for a, b in pairs if 100 * a.lo / b.hi <= hi + SLACK and lo <= 100 * a.hi / b.lo + SLACK]
    a, b = (fits or pairs)[0]
    return NamedShare(p, a, b, pct, at)
