"""A prose paragraph prepared for the sentence checks: folded text, offsets back to the print, numbers with units."""

from __future__ import annotations

import re
from dataclasses import dataclass

from keneng_audit.claims.patterns import fold, longest_first, sentence_around
from keneng_audit.claims.tagging import short_quote
from keneng_audit.document import Paragraph
from keneng_audit.numbers import UNITS, PrintedNumber, parse_number

_EXTRA_UNITS = ("份", "条", "届", "期", "批", "位", "支", "所", "个", "万人次")
_UNITS = tuple(sorted(set(UNITS) | set(_EXTRA_UNITS), key=longest_first))
# The unit right after a number: the first of _UNITS (longest first) that the text goes on with.
_UNIT_AT = re.compile("|".join(re.escape(u) for u in _UNITS))
_FAMILY = {"名": "人", "位": "人"}
# Not the inside of a date or range (2024.6.22-6.30) nor the second side of a ratio (1:19).
_NUMBER = re.compile(r"(?<![\d.\-/])(?<!\d:)(?<!\d: )\d+(?:,\d{3})*(?:\.\d+)?(?![\d.])(?!\s?:\s?\d)")
CHANGE_WORDS = ("增加", "新增", "减少", "增长", "提高", "提升", "上升", "下降", "降低", "增加了", "减少了", "多", "少")
BREAK = "，,。;；！!？?"
_CORE_DROP = ("总人数", "总数人", "总数", "人数", "全年", "全校", "学校", "本年度", "总", "的", "数", "人", " ")


@dataclass(frozen=True)
class Num:
    """A number in a paragraph: printed value, unit, offsets in the folded and the original text."""

    number: PrintedNumber
    unit: str | None
    start: int  # folded text
    end: int
    orig: int  # original text offset

    @property
    def family(self) -> str | None:
        return _FAMILY.get(self.unit, self.unit) if self.unit else None


@dataclass
class Para:
    """A paragraph prepared for the checks: folded text, offsets back to the original, numbers."""

    paragraph: Paragraph
    text: str
    where: list[int]
    numbers: list[Num]
    index: int = 0  # its position among the report's prose paragraphs (doc.prose_paragraphs())

    def source(self, folded_offset: int):
        return self.paragraph.source_at(self.where[min(folded_offset, len(self.where) - 1)])

    def line(self, folded_offset: int) -> int:
        return self.source(folded_offset).line

    def at(self, folded_offset: int) -> Num | None:
        """The number that starts at this folded offset, if any."""
        return next((n for n in self.numbers if n.start == folded_offset), None)

    def clauses(self, *numbers: Num) -> str:
        """A short quote made of the clauses (as printed) that hold these numbers, "…" where text is left out."""
        original = self.paragraph.text
        spans: list[tuple[int, int]] = []
        for n in sorted(numbers, key=lambda x: x.start):
            o = self.where[n.start]
            lo = clause_start(original, o, "，,。;；、")
            while lo > 1 and original[lo - 1] == "," and original[lo - 2].isdigit() and original[lo:lo + 1].isdigit():
                lo = clause_start(original, lo - 1, "，,。;；、")  # a thousands separator (1,248) ends no clause
            end = o + len(n.number.text)  # the number's own thousands separators end no clause either
            after = [i for i in (original.find(c, end) for c in BREAK) if i >= 0]
            hi = min(after) + 1 if after else len(original)
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(hi, spans[-1][1]))
            else:
                spans.append((lo, hi))
        return short_quote("…".join(original[lo:hi].strip() for lo, hi in spans), 90)

    def sentence(self, start: int, end: int, limit: int = 60) -> str:
        """A short quote of the sentence around [start, end) (folded offsets), as printed."""
        original = self.paragraph.text
        o_start, o_end = self.where[min(start, len(self.where) - 1)], self.where[min(max(end - 1, start),
                                                                                   len(self.where) - 1)] + 1
        lo, hi = sentence_around(original, o_start, o_end)
        return short_quote(original[lo:hi], limit)


    def quote(self, start: int, end: int, limit: int = 60) -> str:
        """The sentence around [start, end) (folded offsets) as printed; when it is long, only the clauses that
        hold the span, "…" marking what is left out."""
        original = self.paragraph.text
        o_start = self.where[min(start, len(self.where) - 1)]
        o_end = self.where[min(max(end - 1, start), len(self.where) - 1)] + 1
        lo, hi = sentence_around(original, o_start, o_end)
        if len(" ".join(original[lo:hi].split())) <= limit:
            return short_quote(original[lo:hi], limit)
        c_lo = max(lo, clause_start(original, o_start))
        c_hi = min(hi, clause_end(original, o_end) + 1)
        text = ("…" if c_lo > lo else "") + " ".join(original[c_lo:c_hi].split()) + ("…" if c_hi < hi else "")
        return short_quote(text, limit)


def prepare(paragraph: Paragraph) -> Para:
    text, where = fold(paragraph.text)
    numbers = []
    for m in _NUMBER.finditer(text):
        after = skip_blanks(text, m.end())  # no copy of the rest: a paragraph of numbers would be quadratic
        found = _UNIT_AT.match(text, after)
        unit = found.group() if found else None
        printed = parse_number(m.group() + ("%" if unit == "%" else ""), unit=unit)
        if printed is None:
            continue
        numbers.append(Num(printed, unit, m.start(), m.end(), where[m.start()]))
    return Para(paragraph, text, where, numbers)


def skip_blanks(text: str, i: int) -> int:
    """The offset of the first non-blank character at or after i (len(text) if none)."""
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def is_change(p: Para, n: Num) -> bool:
    before = "".join(p.text[max(0, n.start - 8):n.start].split())
    return before.endswith(CHANGE_WORDS)


def clause_start(text: str, offset: int, breaks: str = "，,。;；") -> int:
    """Where the clause holding `offset` starts: after the last break before it (a thousands separator, `8,620`,
    is no break)."""
    found = -1
    for c in breaks:
        at = text.rfind(c, 0, offset)
        while c == "," and at > 0 and _THOUSANDS.match(text, at - 1):
            at = text.rfind(c, 0, at)
        found = max(found, at)
    return found + 1


_THOUSANDS = re.compile(r"\d,\d{3}(?!\d)")


def clause_end(text: str, offset: int, breaks: str = BREAK) -> int:
    found = [i for i in (text.find(c, offset) for c in breaks) if i >= 0]
    return min(found) if found else len(text)


def sentence_start(text: str, offset: int) -> int:
    return clause_start(text, offset, "。;；！!？?")


def core(noun: str) -> str:
    """A noun phrase without the words every total carries (总数, 人数, 学校 …): what names the thing."""
    out = "".join(noun.split())
    for word in _CORE_DROP:
        out = out.replace(word, "")
    return out


def bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def context(p: Para, n: Num) -> tuple[str, str]:
    """The clause's words before a number and up to 14 characters after it (to the clause's end)."""
    left = "".join(p.text[clause_start(p.text, n.start, "，,。;；、"):n.start].split())
    after = p.text[n.end:n.end + 14]
    stop = min([i for i in (after.find(c) for c in BREAK) if i >= 0] + [len(after)])
    right = "".join(after[:stop].split())
    return left, right
