"""Turns every number printed in a paragraph into a fact: value, unit, section, sentence and line."""

from __future__ import annotations

import bisect
import re

from keneng_audit.document import Fact, Paragraph
from keneng_audit.numbers import parse_number, unit_after

_NUMBER = r"[-−－+]?[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?"
PROSE_NUMBER_RE = re.compile(
    rf"(?<![0-9０-９A-Za-z.．,\-－/])({_NUMBER})(?:\s*[:：]\s*([0-9]+(?:\.[0-9]+)?))?(\s*[%％‰])?(?![0-9０-９A-Za-z.．/])"
)
_SENTENCE_END = "。！？；!?;"
# What may follow a number that is part of a date, a period or a document number, not a quantity.
_DATE_AFTER_RE = re.compile(r"^\s*(月|日|时|点|号|期|级\b)")
_RANGE_AFTER_RE = re.compile(r"^\s*[-－—~～至到]\s*[0-9]")
_YEAR_DATE_AFTER_RE = re.compile(r"^\s*年\s*[0-9０-９]{1,2}\s*月")
_REFERENCE_BEFORE_RE = re.compile(r"(附表|表|图|案例|附件|第)\s*$")
_DOC_NUMBER_BEFORE_RE = re.compile(r"[〔\[［【(（]\s*$|〕\s*$")


_SENTENCE_MAX = 2000  # a paragraph without sentence ends (one huge line) must not cost O(n) per number
_YEAR_AFTER_RE = re.compile(r"\s*年")


_SENTENCE_END_RE = re.compile(f"[{re.escape(_SENTENCE_END)}]")


def _sentence(text: str, offset: int, ends: list[int] | None = None) -> str:
    """The sentence around `offset` (at most _SENTENCE_MAX characters either side). `ends`: the positions of
    the text's sentence ends, found once per paragraph (searching the text again for every number of a long
    paragraph was the reader's costliest step)."""
    if ends is None:
        ends = [m.start() for m in _SENTENCE_END_RE.finditer(text)]
    lo, hi = max(0, offset - _SENTENCE_MAX), min(len(text), offset + _SENTENCE_MAX)
    i = bisect.bisect_left(ends, offset)
    start = ends[i - 1] + 1 if i and ends[i - 1] >= lo else lo
    end = ends[i] + 1 if i < len(ends) and ends[i] < hi else hi
    return text[start:end].strip()


def _skip(text: str, start: int, end: int, token: str) -> bool:
    before, after = text[max(0, start - 6):start], text[end:end + 8]
    if _DOC_NUMBER_BEFORE_RE.search(before) and not token.startswith(("-", "－")):
        return True  # 〔2024〕29 号, (2020 年版)
    if _DATE_AFTER_RE.match(after) or _RANGE_AFTER_RE.match(after) or _YEAR_DATE_AFTER_RE.match(after):
        return True
    if re.search(r"[0-9]\s*年\s*$", before) and re.match(r"^\s*月", after):
        return True
    if _REFERENCE_BEFORE_RE.search(before) and not re.match(r"^\s*(届|次|名|个|项|批)", after):
        return True
    return False


def prose_facts(paragraphs: list[Paragraph]) -> list[Fact]:
    """Every number of every paragraph, except parts of dates, periods, document numbers and references."""
    facts: list[Fact] = []
    for para in paragraphs:
        text = para.text
        ends: list[int] | None = None
        for m in PROSE_NUMBER_RE.finditer(text):
            token = m.group(0)
            if _skip(text, m.start(), m.end(), token):
                continue
            unit = "%" if m.group(3) else (":" if m.group(2) else unit_after(text[m.end():m.end() + 6]))
            if unit is None and _YEAR_AFTER_RE.match(text, m.end()):
                unit = "年"
            number = parse_number(token.strip(), None if unit in ("%", ":", "年") else unit)
            if number is None:
                continue
            if ends is None:
                ends = [e.start() for e in _SENTENCE_END_RE.finditer(text)]
            facts.append(Fact(
                value=number.value, number=number, origin="prose", source=para.source_at(m.start()),
                section=para.section, unit=unit, sentence=_sentence(text, m.start(), ends),
            ))
    return facts
