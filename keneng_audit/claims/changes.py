"""Year-over-year claims in prose (`在校生较上年增长 8.2%`, `总收入较上一年度增加 312.40 万元`) resolved against
the two years' values of the quantity the sentence is about."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from keneng_audit.claims import vague
from keneng_audit.claims.known import Known
from keneng_audit.claims.paragraphs import Num, Para, is_change, sentence_start
from keneng_audit.claims.table_rows import row_pairs
from keneng_audit.claims.tagging import Evidence
from keneng_audit.document import Document
from keneng_audit.claims.units import factor

_PREVIOUS = r"(?:上一?个?(?:学年度|自然年度|财政年度|年度|学年|年|届)|去年|上年|前一年|(?P<py>(?:19|20)\d\d)\s*(?:学年度|年度|年))"
COMPARE = re.compile(
    rf"(?:(?:较|比|与|相比)\s*{_PREVIOUS}\s*(?:相比|同期|而言)?|同比)\s*"
    r"(?P<dir>增长|增加|提高|提升|上升|下降|减少|降低|增|减)\s*了?")
DOWN = ("下降", "减少", "降低", "减")
_HEAD_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(?!级)")


@dataclass(frozen=True)
class ChangeClaim:
    """A stated change: the quantity, both years' values (as the report prints them) and the stated number."""

    para: Para
    index: int  # paragraph index (for the numbers claim patterns already took)
    quantity: str
    current: Evidence | None  # None when the report prints only the change itself (a table's increase column)
    previous: Evidence | None
    stated: Num
    sign: int  # −1 for 下降/减少
    vague: vague.Vagueness
    start: int  # folded offset of the comparison (较…)
    end: int
    printed_changes: tuple[Evidence, ...] = ()  # the change as tables print it (increase columns), if any
    others: tuple[tuple[Evidence, Evidence], ...] = ()  # other (current, previous) pairs other places print
    name: str | None = None  # what a table row calls it, when no vocabulary quantity names it
    unit: str | None = None  # its unit then (the sentence's)

    def unit_of(self, known: Known) -> str | None:
        return self.unit if self.name is not None else known.unit(self.quantity)

    def name_of(self, known: Known, lang: str) -> str:
        return self.name if self.name is not None else known.name(self.quantity, lang)

    def pairs(self) -> list["ChangeClaim"]:
        """This claim with each pair of the two years' values the report prints (the first is current/previous)."""
        return [self] + [replace(self, current=c, previous=p, others=()) for c, p in self.others]


def change_claims(known: Known, p: Para, index: int, doc: Document | None = None) -> list[ChangeClaim]:
    out = []
    before_words = vague.pattern(known.vocab, "before")
    for m in COMPARE.finditer(p.text):
        stated = _number_after(p, m.end(), before_words)
        if stated is None or (index, stated.orig) in known.claimed:
            continue  # no number, or one a claim pattern states (the agreement rule checks those)
        claim = _named_claim(known, p, index, m, stated)
        if claim is None and doc is not None:
            claim = _row_claim(known, doc, p, index, m, stated)
        if claim is not None:
            out.append(claim)
    return out


def _words(known: Known, p: Para, stated: Num) -> vague.Vagueness:
    after = p.text[stated.end:stated.end + 6]
    if stated.unit:
        after = after.split(stated.unit, 1)[-1] if stated.unit in after else after
    return vague.of(known.vocab, p.text[max(0, stated.start - 4):stated.start], after)


_EARLIER_CHANGE = re.compile(rf"[，,]\s*(?:{COMPARE.pattern})[^，,；;。]*".replace("(?P<py>", "(?:").replace("(?P<dir>", "(?:"))
_PART_OF = re.compile(r"\s*中\s*[^\d\s，,。；;：:、（(]")


def _named_claim(known: Known, p: Para, index: int, m: re.Match, stated: Num) -> ChangeClaim | None:
    """The claim about the vocabulary quantity the sentence opens with, against the values the report gives it."""
    here = sentence_start(p.text, m.start())
    head = p.text[here:m.start()]
    found = known.subject(head)
    if found is None:
        return None
    quantity, name_end = found
    between = head[name_end:]
    if _PART_OF.match(between):
        return None  # `在校生中女生 2,340 人，较上年增加 100 人`: the change is the part's (女生), not the whole's
    unit = known.unit(quantity)
    ours = [n for n in p.numbers if here + name_end <= n.start < m.start() and _same_kind(n, unit)]
    clauses = re.sub(r"(?<=\d),(?=\d{3})", "", between)  # 24,980: a thousands separator ends no clause
    # `在校生 11,035 人，较上年增长 6.0%，比2022年增加 1,175 人`: an earlier change of the same subject is no other clause
    clauses = _EARLIER_CHANGE.sub("", clauses)
    if len(re.findall(r"[，,;；]", clauses)) > 1 or len(ours) > 1:
        return None  # the subject is too far from its change: another clause may be about something else
    years = set(_HEAD_YEAR.findall(head))
    if m.group("py"):
        prev_period = m.group("py")
        # `2024年…，比2022年增加`: the sentence's year against the one it names; else the year after it
        later = [y for y in years if int(y) > int(prev_period)]
        cur_period = later[0] if len(later) == 1 else str(int(prev_period) + 1)
    elif len(years) == 1:  # `2024年学校总收入…，较上年增加`: the year the sentence names, not the kind's default
        cur_period = years.pop()
        prev_period = str(int(cur_period) - 1)
    else:
        cur_period, prev_period = known.period(quantity), known.period(quantity, back=1)
    currents, previouses = known.values(quantity, cur_period), known.values(quantity, prev_period)
    pairs = [(c, b) for c in currents for b in previouses]
    current, previous = pairs[0] if pairs else (None, None)
    printed_changes = tuple(known.changes(quantity, cur_period))
    if (current is None or previous is None) and not printed_changes:
        return None  # the other side is not printed: not a finding
    if current is None or previous is None:
        current = previous = None
    sign = -1 if m.group("dir") in DOWN else 1
    return ChangeClaim(p, index, quantity, current, previous, stated, sign, _words(known, p, stated), m.start(),
                       stated.end, printed_changes, tuple(pairs[1:]) if current is not None else ())


def _row_claim(known: Known, doc: Document, p: Para, index: int, m: re.Match, stated: Num) -> ChangeClaim | None:
    """`职业技能培训 1.26 万人次，较上年增长 16.7%`: the value printed right before the comparison, found in a table
    row (or column) the sentence names, against that row's year before (table_rows.py)."""
    here = sentence_start(p.text, m.start())
    before = [n for n in p.numbers if here <= n.start < m.start()]
    if not before or before[-1].family is None or is_change(p, before[-1]):
        return None
    cur = before[-1]
    gap = re.sub(r"(?<=\d),(?=\d{3})", "", p.text[cur.end:m.start()])
    if len(re.findall(r"[，,;；]", gap)) > 1:
        return None
    pairs = row_pairs(doc, p.text[here:cur.start], cur)
    if m.group("py"):
        pairs = [x for x in pairs if x.previous.period == m.group("py")]
    if not pairs:
        return None
    first = pairs[0]
    sign = -1 if m.group("dir") in DOWN else 1
    return ChangeClaim(p, index, f"row:{first.name}", first.current, first.previous, stated, sign,
                       _words(known, p, stated), m.start(), stated.end, (),
                       tuple((x.current, x.previous) for x in pairs[1:]), first.name, cur.unit)


def _same_kind(n: Num, unit: str | None) -> bool:
    """Whether a number between a subject and its change may be another value of it (`社会培训 55 项、24,980 人次，
    较上年增长…`: the 55 项 is not the 人次 the claim is about)."""
    if n.family is None or unit is None:
        return True
    return n.family == {"名": "人", "位": "人"}.get(unit, unit) or factor(n.unit, unit) is not None


def _number_after(p: Para, at: int, before_words: str) -> Num | None:
    """The number right after the comparison, allowing only vague words (约, 近 …), 了 and blanks between."""
    following = [n for n in p.numbers if n.start >= at]
    if not following:
        return None
    n = min(following, key=lambda x: x.start)
    gap = "".join(p.text[at:n.start].split())
    if gap and not re.fullmatch(rf"(?:了|幅度|为|达)*(?:{before_words})?", gap):
        return None
    return n
