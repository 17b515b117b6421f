"""Borderless PDF tables: their lines re-set with runs of blanks where the rows' characters leave a column gap.

pdfium writes one blank for any gap, so `2023 年   2024 年` (two cells) and `2023 年` (one cell, the office suite's
spacing between Chinese and digits) read alike. The characters' places tell them apart: a gap between cells is
wider than spacing inside a cell, and no row of the table prints anything in it. The lines are then handed to the
text reader as aligned text (`pdftotext -layout`), whose columns are read by position.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import pypdfium2.raw as pdfium_c

from keneng_audit.numbers import parse_number
from keneng_audit.reading.blocks import UNIT_NOTE_RE, caption_of
from keneng_audit.reading.pdf_cells import Cell, Row, join_wrapped, spread_titles
from keneng_audit.reading.pdf_text import LooseBoxes, PageLine
from keneng_audit.reading.wraps import display_width as _width

_MIN_GAP = 0.15  # em: a gap between two cells is at least this wide
_AUTOSPACE = 0.3  # em: an office suite sets up to 1/4 em between Chinese and digits or Latin inside a cell
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_FREE = 1.0  # points of a gap that no body row may print in for it to part two columns
_SENTENCE = re.compile(r"[。；;！？]|[，,：:]$")
_HEADING = re.compile(r"^(?:\d+(?:\.\d+)*|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十\d]+[章节部分])"
                      r"\s*[\u3400-\u9fff][^\d]*$")
Char = tuple[str, float, float, float, float, int]  # text, left, bottom, right, top, the blank before it
_GENERATED, _TYPED = 1, 2  # a blank pdfium wrote into a gap; a blank the page prints


def realign(textpage, page_text: str, lines: list[PageLine], ruled: list[tuple[float, float, float, float]],
            in_margin: Callable[[PageLine], bool]) -> list[PageLine]:
    """The page's lines outside its ruled tables (`ruled`: their boxes), each run of short lines holding a
    borderless table (two rows or more ending in a number) re-set with column gaps of two blanks or more.
    Lines in the page's margins (running headers, page numbers) are no rows."""
    out: list[PageLine] = []
    run: list[PageLine] = []
    box = LooseBoxes(textpage)
    raw = textpage.raw

    def generated(k: int) -> bool:
        return bool(pdfium_c.FPDFText_IsGenerated(raw, k))

    before: PageLine | None = None  # the line before the run
    for line in [*lines, None]:
        if line is not None and _may_be_row(line) and not in_margin(line) and not (run and _between(run[-1], line, ruled)):
            run.append(line)
            continue
        if run:
            captioned = any(other is not None and caption_of(other.text.strip()) for other in (before, line))
            out.extend(_table(run, page_text, generated, box, captioned) or run)
            run = []
        if line is not None:
            out.append(line)
        before = line
    return out


def _between(upper: PageLine, lower: PageLine, ruled) -> bool:
    """Whether a ruled table stands between two lines."""
    lo, hi = sorted(((upper.top + upper.bottom) / 2, (lower.top + lower.bottom) / 2))
    return any(lo <= (y0 + y1) / 2 <= hi for _, y0, _, y1 in ruled)


def _may_be_row(line: PageLine) -> bool:
    """Not a sentence, caption, heading or unit note (`单位：元` over a table is the table's unit, not its header)."""
    text = line.text.strip()
    return not (_SENTENCE.search(text) or caption_of(text) or _HEADING.match(text) or UNIT_NOTE_RE.match(text)
                or len(text) > 80)


def _is_body(line: PageLine) -> bool:
    parts = line.text.split()
    return len(parts) >= 2 and parse_number(parts[-1]) is not None


def _table(run: list[PageLine], page_text: str, generated, box: LooseBoxes, captioned: bool) -> list[PageLine] | None:
    """The run's lines re-set, or None when the run holds no table whose gaps can be told. Its rows are the
    lines ending in a number; under or over a caption, a table of words' rows are the lines after its first."""
    numbered = any(_is_body(line) for line in run)
    if len(run) < 2 or not (numbered or (captioned and len(run) >= 3)):
        return None  # a table's rows, or its header and first row at a page's end
    chars = {id(line): _chars(line, page_text, generated, box) for line in run}
    if any(not c for c in chars.values()):
        return None
    sizes = sorted(line.style[0] for line in run)
    em = max(sizes[len(sizes) // 2], 4.0)
    body = {id(line) for line in (run if numbered else run[1:]) if _is_body(line) or not numbered}
    ink = _ink([c for line in run if id(line) in body for c in chars[id(line)]])
    rows = _visual_rows(run, chars, em)
    left = min(ch[1] for row in rows for ch in row[1])
    cells = [_cells(row, ink, em) for _, row in rows]
    if any(_glued(line_cells, em) for (first, row), line_cells in zip(rows, cells) if _is_body(first)):
        return None  # the columns do not line up (cells set apart by a blank only): pdfium's text is the better
    if not numbered:  # a table of words: rows of as many cells as the most, two at least
        full = max(len(c) for c in cells)
        flags = [k > 0 and len(c) == full for k, c in enumerate(cells)]
        if full < 2 or sum(flags) < 2:
            return None
    else:
        flags = [_is_body(first) for first, _ in rows]
    printed = [Row(first, [Cell(_text(c), c[0][1], c[-1][3]) for c in line_cells],
                   max(ch[4] for ch in row), min(ch[2] for ch in row), flag)
               for (first, row), line_cells, flag in zip(rows, cells, flags)]
    return [_line(row, left, em) for row in spread_titles(join_wrapped(printed))]


def _glued(cells: list[list[Char]], em: float) -> bool:
    """Whether a body row's cells hold a number beside other words that pdfium set apart (a gap not taken for
    a column gap): the rows' columns do not line up."""
    return any(len(parts) > 1 and any(parse_number(p) is not None for p in parts)
               for parts in (_pieces(cell, em) for cell in cells))


def _pieces(cell: list[Char], em: float) -> list[str]:
    """A cell's pieces as pdfium separates them: a blank typed, or one it wrote into a gap wider than the spacing
    between Chinese and digits."""
    out = [cell[0][0]]
    for prev, ch in zip(cell, cell[1:]):
        if ch[5] == _TYPED or (ch[5] and ch[1] - prev[3] >= (_AUTOSPACE if _spacing(prev, ch) else 0) * em):
            out.append(ch[0])
        else:
            out[-1] += ch[0]
    return out


def _spacing(a: Char, b: Char) -> bool:
    """Whether an office suite may set its spacing between the two: Chinese beside digits or Latin."""
    return bool(_HAN.match(a[0])) != bool(_HAN.match(b[0])) and (a[0].isascii() or b[0].isascii())


def _chars(line: PageLine, page_text: str, generated, box: LooseBoxes) -> list[Char]:
    """The line's printed characters with their boxes; a typed blank marks the character after it."""
    out: list[Char] = []
    blank = 0
    for k in range(line.start, line.end):
        ch = page_text[k]
        if ch in "\r\n":
            continue
        if ch.isspace():
            blank = max(blank, _GENERATED if generated(k) else _TYPED)
            continue
        left, bottom, right, top = box(k)
        if right <= left and top <= bottom:
            return []  # a character without a box: leave the line as pdfium wrote it
        out.append((ch, left, bottom, right, top, blank))
        blank = 0
    if "".join(line.text.split()) != "".join(c[0] for c in out):
        return []  # the line's text was mended (a number re-joined): not a table row
    return out


def _ink(chars: list[Char]) -> list[tuple[float, float]]:
    """The x ranges the body rows print in, merged."""
    spans = sorted((c[1], c[3]) for c in chars)
    out: list[tuple[float, float]] = []
    for lo, hi in spans:
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _free(lo: float, hi: float, ink: list[tuple[float, float]]) -> bool:
    """Whether some stretch of (lo, hi) at least `_FREE` wide holds no body row's character."""
    at = lo
    for a, b in ink:
        if b <= at:
            continue
        if a >= hi:
            break
        if a - at >= _FREE:
            return True
        at = max(at, b)
    return hi - at >= _FREE


def _visual_rows(run: list[PageLine], chars: dict[int, list[Char]], em: float) -> list[tuple[PageLine, list[Char]]]:
    """pdfium's lines joined where they stand on one baseline (a cell merged down is written on a line of
    its own), characters left to right."""
    rows: list[tuple[PageLine, list[Char]]] = []
    for line in sorted(run, key=lambda ln: -ln.top):
        mine = chars[id(line)]
        middle = (line.top + line.bottom) / 2
        for k, (first, row) in enumerate(rows):
            if abs((first.top + first.bottom) / 2 - middle) < 0.2 * em and not _overlaps(row, mine):
                rows[k] = (first, sorted(row + mine, key=lambda c: c[1]))
                break
        else:
            rows.append((line, list(mine)))
    return rows


def _overlaps(a: list[Char], b: list[Char]) -> bool:
    return min(c[3] for c in a) > max(c[1] for c in b) and min(c[3] for c in b) > max(c[1] for c in a)


def _cells(row: list[Char], ink: list[tuple[float, float]], em: float) -> list[list[Char]]:
    cells: list[list[Char]] = [[row[0]]]
    for prev, ch in zip(row, row[1:]):
        gap = ch[1] - prev[3]
        if gap >= (_AUTOSPACE if _spacing(prev, ch) else _MIN_GAP) * em and _free(prev[3], ch[1], ink):
            cells.append([ch])
        else:
            cells[-1].append(ch)
    return cells


def _text(cell: list[Char]) -> str:
    out = cell[0][0]
    for ch in cell[1:]:
        out += (" " if ch[5] == _TYPED else "") + ch[0]
    return out


def _line(row: Row, left: float, em: float) -> PageLine:
    """The row as aligned text: each cell at the column its left edge stands at (half an em a column),
    at least two blanks after the one before."""
    text = ""
    for cell in row.cells:
        at = round((cell.left - left) / (em / 2))
        pad = at - _width(text)
        text += " " * (max(pad, 2) if text else max(pad, 0)) + cell.text
    return replace(row.line, text=text, left=row.cells[0].left, right=row.cells[-1].right, top=row.top,
                   bottom=row.bottom)
