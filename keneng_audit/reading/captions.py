"""Table captions: what a caption line says (key, title, unit) and whether it stands above or below its table."""

from __future__ import annotations

import re

from keneng_audit.document import SourceRef
from keneng_audit.numbers import normalize
from keneng_audit.reading.layout import is_aligned
from keneng_audit.reading.outline import chinese_number, heading_candidate, styled_heading
from keneng_audit.reading.tokens import is_value_token, split_line

# `表 3`, `表2-1`, `表 2－3`, `表1.2`: chapter-numbered keys are kept as printed (blanks dropped, dashes unified);
# `表三` is keyed `表3`.
CAPTION_RE = re.compile(r"^(附表|表)\s*(\d{1,3}(?:\s*[-－—–.．]\s*\d{1,3})?|[一二三四五六七八九十]{1,3}(?![、，,]))\s*(\S.{0,80})$")
_CAPTION_UNIT_RE = re.compile(r"^(.*?\S)\s{2,}[（(]?\s*单位\s*[:：]\s*([^\s）)]+)\s*[）)]?$")
_UNIT_IN_CAPTION_RE = re.compile(r"[（(]\s*单位\s*[:：]\s*([^\s）)]+)\s*[）)]$")
# `学校经费收入情况（万元）`: a unit alone in the brackets that end the caption
_BARE_UNIT_RE = re.compile(r"[（(]\s*(万元|亿元|元|万平方米|平方米|万人次|人次|人)\s*[）)]$")
_UNIT_NOTE_RE = re.compile(r"^[（(]?\s*单位\s*[:：]")
_END_PUNCT = "。！？!?"
_SENTENCE_PUNCT = "，。；：,;"
_PROSE_PUNCT = "，。；！？"
_LONGEST_CELL = 24  # a piece longer than this is a sentence's, not a table cell's


def is_caption(text: str) -> tuple[str, str] | None:
    """`表 3 分专业大类在校生情况` → ("表3", "分专业大类在校生情况"); `表 2－3 …` → ("表2-3", …); a unit note
    printed after a gap on the caption line (`单位：元`) is not part of the title (see `caption_unit`)."""
    m = CAPTION_RE.match(text)
    if not m or m.group(3)[-1] in _SENTENCE_PUNCT + _END_PUNCT or "，" in m.group(3):
        return None
    title = m.group(3).strip()
    noted = _CAPTION_UNIT_RE.match(title)
    if noted:
        title = noted.group(1)
    number = re.sub(r"\s+", "", normalize(m.group(2))).replace("—", "-").replace("–", "-")
    if not number[0].isdigit():  # `表十二` is keyed `表12`, as a template naming 附表1 expects
        if chinese_number(number) is None:
            return None
        number = str(chinese_number(number))
    return f"{m.group(1)}{number}", title


def caption_unit(text: str) -> str | None:
    """The unit a caption line gives its table: `…（单位：人）`, `单位：元` printed after a gap, or `…（万元）`."""
    m = CAPTION_RE.match(text)
    if not m:
        return None
    title = m.group(3).strip()
    found = _CAPTION_UNIT_RE.match(title) or _UNIT_IN_CAPTION_RE.search(title) or _BARE_UNIT_RE.search(title)
    return found.groups()[-1] if found else None


def is_table_line(raw: str, text: str) -> bool:
    """Whether a printed line reads as a table's header or row rather than running text: cells set apart by
    runs of blanks, or (single blanks) short pieces without sentence punctuation, numbers after the first."""
    if not text or any(p in text for p in _PROSE_PUNCT) or is_caption(text) or _is_heading(text):
        return False
    if is_aligned(raw):
        return True
    pieces = split_line(text)
    if len(pieces) < 2 or any(len(p) > _LONGEST_CELL for p in pieces):
        return False
    return True


def _is_heading(text: str) -> bool:
    return bool(styled_heading(text) or heading_candidate(text))


def _wrapped_piece(raw: str, text: str) -> bool:
    """A short line among a table's lines: a header cell or label that wrapped onto a line of its own."""
    return len(text) <= 16 and text[-1] not in _END_PUNCT + "；：:" and not _is_heading(text) \
        and (raw[:2] == "  " or len(split_line(text)) == 1)


def _body_after(lines: list[tuple[str, SourceRef]], texts: list[str], skip: set[int], c: int) -> bool:
    """Whether the lines right after caption `c` are a table's: a table line comes before any running text
    (a unit note and a header's wrapped titles may come first)."""
    for j in range(c + 1, min(c + 40, len(texts))):
        if j in skip or not texts[j] or _UNIT_NOTE_RE.match(texts[j]):
            continue
        raw = lines[j][0].replace("\f", "")
        if is_table_line(raw, texts[j]):
            return True
        if not _wrapped_piece(raw, texts[j]):
            return False
    return False


def _body_before(lines: list[tuple[str, SourceRef]], texts: list[str], skip: set[int], c: int) -> int | None:
    """The first line of a table printed right above caption `c`: two or more table lines (with the short
    wrapped pieces among them), up to running text, a heading or another caption."""
    start, rows = None, 0
    for k in range(c - 1, -1, -1):
        if k in skip or not texts[k]:
            continue
        text = texts[k]
        if is_caption(text) or _is_heading(text):
            break
        raw = lines[k][0].replace("\f", "")
        if is_table_line(raw, text):
            rows += 1
        elif not _wrapped_piece(raw, text):
            break
        start = k
    return start if rows >= 2 else None


def captions_below(lines: list[tuple[str, SourceRef]], texts: list[str], skip: set[int]) -> dict[int, int]:
    """First line → caption line of each table printed above its caption.

    Two readings of the report are built: every caption heads the table under it, or every caption sits under
    its table. The reading that gives more captions a table wins (a tie: captions above, as the national
    template prints them); a caption left without a table in that reading takes the table on its other side
    when no other caption holds it, so a report may print some captions above and some below."""
    captions = [c for c, t in enumerate(texts) if c not in skip and t and is_caption(t)]
    after = {c: _body_after(lines, texts, skip, c) for c in captions}
    before = {c: _body_before(lines, texts, skip, c) for c in captions}
    below_wins = sum(1 for c in captions if before[c] is not None) > sum(1 for c in captions if after[c])

    def adjacent(p: int, start: int) -> bool:  # only blanks, furniture or a unit note between
        return all(k in skip or not texts[k] or _UNIT_NOTE_RE.match(texts[k]) for k in range(p + 1, start))

    below: set[int] = set()
    above: set[int] = set()  # captions that hold the table under them although a table stands above them too
    for n, c in enumerate(captions):
        if before[c] is None:
            continue
        previous = captions[n - 1] if n else None
        # The lines above are the body of the caption before, when that one can only stand above its table.
        # So it is when the report prints most captions below: a caption that has no table above it (the
        # template's `附表 N` pasted into a report of captions below) holds the table under it.
        held = previous is not None and after[previous] and previous not in below \
            and (before[previous] is None or previous in above) and adjacent(previous, before[c])
        if held:
            above.add(c)
        if not held and (below_wins or not after[c]):
            below.add(c)
    # A caption under its table right after another caption: that one sits under its own table too, or the
    # second table would be read twice.
    for n in range(len(captions) - 1, 0, -1):
        c, previous = captions[n], captions[n - 1]
        if c in below and before[previous] is not None and adjacent(previous, before[c]):
            below.add(previous)
    return {before[c]: c for c in below}
