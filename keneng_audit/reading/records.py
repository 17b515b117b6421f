"""Groups printed table lines into rows (records) and joins a row's pieces into at most one per column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from keneng_audit.document import SourceRef
from keneng_audit.reading.tokens import (CJK_RE, COLUMN_UNITS, INT_RE, closes, is_footnote, is_note, is_value_token,
                                         join_text, split_line, squash)


@dataclass
class Frag:
    """A piece of one printed line: one cell or part of a cell."""

    text: str
    source: SourceRef
    line_no: int  # ordinal of the printed line inside the table
    first: bool  # first piece on its line
    line_pieces: int  # how many pieces its line holds
    raw_len: int  # length of the printed piece, before any joining

    @property
    def is_value(self) -> bool:
        return is_value_token(self.text)


@dataclass
class Record:
    """The pieces of one table row, possibly printed over several lines."""

    frags: list[Frag] = field(default_factory=list)
    serial: str | None = None
    serial_source: SourceRef | None = None


def line_pieces(text: str, source: SourceRef, line_no: int) -> list[Frag]:
    pieces = split_line(text.strip())
    return [Frag(p, source, line_no, i == 0, len(pieces), len(p)) for i, p in enumerate(pieces)]


def _serial_of(frags: list[Frag], expected: int, before_value: bool = False) -> bool:
    first = frags[0].text
    if not INT_RE.match(first) or int(first) != expected:
        return False
    return len(frags) == 1 or before_value or not frags[1].is_value


def split_records(body: list[tuple[str, SourceRef]], has_serial: bool, header_key: str,
                  full: int = 0, before_value: bool = False) -> tuple[list[Record], list[str]]:
    """Groups body lines into rows: a row ends on a line with values, or where the next 序号 starts;
    `before_value`: the next 序号 may be followed by a value (`1 460103 数控技术`: a code), not only by words."""
    records: list[Record] = []
    notes: list[str] = []
    current = Record()
    expected = 1
    notes_only = False
    line_no = 0
    for text, source in body:
        stripped = text.strip()
        if not stripped:
            continue
        if notes_only:
            notes.append(stripped)
            continue
        if header_key and squash(stripped) == header_key:
            continue  # the header row repeated after a page break
        if is_footnote(stripped) or is_note(stripped):
            notes.append(stripped)
            notes_only = is_note(stripped)
            continue
        line_no += 1
        frags = line_pieces(stripped, source, line_no)
        if has_serial and not records and not current.frags and current.serial is None \
                and INT_RE.match(frags[0].text) and int(frags[0].text) <= 3:
            expected = int(frags[0].text)  # numbering may start at 2 on a continued table
        if has_serial and _serial_of(frags, expected, before_value):
            if current.frags or current.serial:
                records.append(current)
            current = Record(serial=frags[0].text, serial_source=source)
            expected += 1
            frags = frags[1:]
            if not frags:
                continue
        had = bool(current.frags)
        current.frags.extend(frags)
        if any(f.is_value for f in frags) and (len(frags) >= 2 or had) or (full > 1 and len(frags) >= full):
            records.append(current)
            current = Record()
    if current.frags or current.serial:
        records.append(current)
    return records, notes


def _must_join(prev: Frag, nxt: Frag) -> bool:
    same = prev.line_no == nxt.line_no
    if same:
        return False  # same-line glue was done by split_line
    if nxt.line_pieces == 1 and len(nxt.text) == 1 and not nxt.is_value and nxt.text not in COLUMN_UNITS:
        return True  # "*", "类", "度": the last character of a wrapped cell
    if nxt.text[0] in "（(）)、，,》”":
        return True
    if prev.text[-1] in "、，,/-－" or not closes(prev.text):
        return True
    if re.search(r"[A-Za-z]$", prev.text) and nxt.text[0].isdigit() and prev.text not in COLUMN_UNITS:
        return True  # "ISBN" / "978-7-…"
    return False


def _boundary_score(prev: Frag, nxt: Frag) -> float:
    score = 0.0
    if prev.line_no == nxt.line_no:
        score += 4
    else:
        score -= prev.raw_len / 10
        if nxt.first and nxt.line_pieces >= 2:
            score += 1.5
        if len(nxt.text) == 2 and not nxt.is_value:
            score -= 1
    if prev.is_value:
        score += 3
    if nxt.is_value:
        score += 3
        if not prev.is_value and len(prev.text) <= 2 and CJK_RE.match(prev.text[0]) and prev.line_no == nxt.line_no \
                and prev.text not in COLUMN_UNITS:
            score -= 2  # "上升 0.6": a word qualifying its number
    if prev.text[-1] in "）)》":
        score += 5
    if prev.line_no != nxt.line_no and "、" in prev.text and "、" in nxt.text:
        score -= 3  # "王另、黄静、胡" / "梦香、肖语桐": one list of names wrapped inside its cell
    if nxt.text[0] == "《":
        score += 1  # a book or document title starts its own cell
    return score


def join_frags(frags: list[Frag], width: int) -> list[Frag]:
    """Joins pieces until at most `width` cells remain: forced joins first, then the weakest boundaries."""
    if not frags:
        return []
    merged = [frags[0]]
    for frag in frags[1:]:
        if _must_join(merged[-1], frag):
            merged[-1] = merge(merged[-1], frag)
        else:
            merged.append(frag)
    if len(merged) <= width or width < 1:
        return merged
    return keep_strongest(merged, width, _boundary_score, merge)


def keep_strongest(frags: list[Frag], width: int, score, merge) -> list[Frag]:
    """`width` pieces: the `width - 1` boundaries with the highest `score` stay (ties: the earlier), the rest join."""
    scores = [(score(frags[i], frags[i + 1]), -i) for i in range(len(frags) - 1)]
    keep = {-neg for _, neg in sorted(scores, reverse=True)[: width - 1]}
    out = [frags[0]]
    for i in range(1, len(frags)):
        if i - 1 in keep:
            out.append(frags[i])
        else:
            out[-1] = merge(out[-1], frags[i])
    return out


def merge(a: Frag, b: Frag) -> Frag:
    same = a.line_no == b.line_no
    return Frag(join_text(a.text, b.text, same), a.source, b.line_no, a.first, b.line_pieces, b.raw_len)


def split_repeats(frags: list[Frag], width: int) -> list[Frag] | None:
    """`仅限高职` `填报` `仅限高职填` `报` → two cells `仅限高职填报`: a repeated text wrapped differently."""
    if width < 2 or len(frags) <= width:
        return None
    whole = "".join(f.text for f in frags)
    if len(whole) % width:
        return None
    size = len(whole) // width
    parts = [whole[i * size:(i + 1) * size] for i in range(width)]
    if len(set(parts)) != 1:
        return None
    out: list[Frag] = []
    consumed = 0
    for frag in frags:
        if consumed % size == 0:
            out.append(Frag(parts[0], frag.source, frag.line_no, frag.first, frag.line_pieces, frag.raw_len))
        consumed += len(frag.text)
    return out if len(out) == width else None


def fold(frags: list[Frag]) -> Frag:
    out = frags[0]
    for f in frags[1:]:
        out = merge(out, f)
    return out
