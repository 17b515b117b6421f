"""A PDF page's text lines through pdfium, without the blanks pdfium invents beside Chinese and with numbers re-joined."""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_NUMBER_END = re.compile(r"(?<=[^\s\d,.])\d[\d,.]*$")  # a number ending a line, right after a word
_NUMBER_START = re.compile(r"^\d[\d,.]*%?(?=[^\s\d,.%])")  # … starting the next one, followed by a word
_WRAPPED_NUMBER = re.compile(r"(?<=[\d.,])[ \t]*\r?\n[ \t]*(?=[\d,.]+%?[ \t]*(?:\r?\n|$))")


@dataclass
class PageLine:
    """One line of a page's text, with its box (PDF points, origin bottom left)."""

    text: str
    x: float  # the middle of its first character
    left: float
    bottom: float
    right: float
    top: float
    style: tuple[float, bool] = (0.0, False)  # its first character's font size (points) and whether bold
    start: int = 0  # its characters' range in the page's text (pdfium's indices)
    end: int = 0


class StyledLine(str):
    """A line's text that also carries its font style (size, bold), for telling headings from body text."""

    style: tuple[float, bool]

    def __new__(cls, text: str, style: tuple[float, bool]) -> StyledLine:
        line = super().__new__(cls, text)
        line.style = style
        return line


@dataclass(frozen=True)
class Blank:
    """A blank pdfium invented in a small gap beside a Chinese character (an office suite's spacing between
    Chinese and Latin, or justified text), where the page prints none: where it stands and its neighbours."""

    x: float
    y: float
    pair: str  # the two characters it stands between


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
class CharBoxes:
    """Characters' boxes (left, bottom, right, top) through pdfium's C API, with one set of out-values reused:
    pypdfium2's `get_charbox` builds four ctypes doubles per call."""

    def __init__(self, textpage):
        self.raw = textpage.raw
        self._out = [ctypes.c_double() for _ in range(4)]
        left, right, bottom, top = self._out
        self._refs = [ctypes.byref(v) for v in (left, right, bottom, top)]  # pdfium's order: l, r, b, t

    def __call__(self, index: int) -> tuple[float, float, float, float]:
        if not pdfium_c.FPDFText_GetCharBox(self.raw, index, *self._refs):
            return 0.0, 0.0, 0.0, 0.0
        left, right, bottom, top = self._out
        return left.value, bottom.value, right.value, top.value


class LooseBoxes:
    """Characters' boxes as their font sets them (left, bottom, right, top): a glyph's advance, not its ink, so
    that a full-width bracket's box reaches its neighbours as on the page."""

    def __init__(self, textpage):
        self.raw = textpage.raw
        self._rect = pdfium_c.FS_RECTF()
        self._ref = ctypes.byref(self._rect)

    def __call__(self, index: int) -> tuple[float, float, float, float]:
        if not pdfium_c.FPDFText_GetLooseCharBox(self.raw, index, self._ref):
            return 0.0, 0.0, 0.0, 0.0
        r = self._rect
        return r.left, r.bottom, r.right, r.top


_MARGIN = 0.09  # running headers and footers sit in the top and bottom 9% of a page (as in pdf.py)


def invented_blanks(textpage, text: str, height: float) -> tuple[set[int], list[Blank], bool]:
    """The indices (in `text`, the page's whole text) and places of the blanks pdfium wrote into a gap under one
    em beside a Chinese character, where no blank glyph is printed; and whether the page's body prints a typed
    blank as a glyph of its own. Where it does (LibreOffice, Word), such a gap is the producer's spacing between
    Chinese and digits or Latin, or of justified text; where no blank is a glyph (Chromium draws a typed blank
    as a gap, its page margins aside), the gap may be a typed blank."""
    drop: set[int] = set()
    blanks: list[Blank] = []
    typed = False
    raw = textpage.raw
    box = CharBoxes(textpage)
    band = height * _MARGIN
    for m in re.finditer(" ", text):
        k = m.start()
        left, right = text[k - 1: k], text[k + 1: k + 2]
        beside = bool(left.strip() and right.strip() and (_HAN.match(left) or _HAN.match(right)))
        if typed and not beside:
            continue
        if not pdfium_c.FPDFText_IsGenerated(raw, k):
            if not typed and left.strip():
                _, bottom, _, top = box(k - 1)
                typed = band < bottom and top < height - band
            continue
        if not beside:
            continue
        _, lb, lr, lt = box(k - 1)
        rl, rb, _, rt = box(k + 1)
        size = pdfium_c.FPDFText_GetFontSize(raw, k - 1) or 10.0
        if rl - lr < size and abs((lb + lt) - (rb + rt)) < size:  # one line, a narrow gap
            drop.add(k)
            blanks.append(Blank((lr + rl) / 2, (lb + lt + rb + rt) / 4, left + right))
    return drop, blanks, typed


@dataclass
class PageText:
    """A page's text lines; the blanks dropped from them (ruled cells drop them too); whether its body prints
    blanks as glyphs, and whether it has gaps that are blanks only where no blank is a glyph."""

    lines: list[PageLine]
    blanks: list[Blank]
    typed: bool
    gaps: bool
    drop: set[int]  # indices of the invented blanks dropped from the lines
    text: str = ""  # the page's whole text (pdfium's), which the lines' indices point into
    unmeasured: bool = False  # a Chinese character without height: its font is neither embedded nor on this machine


def page_lines(textpage, height: float, typed_before: bool = False) -> PageText:
    """The page's text lines in pdfium's order (boxes from their first and last characters), the blanks pdfium
    invented dropped where this page or an earlier one (`typed_before`) prints typed blanks as glyphs, and then
    a number an office suite broke over two lines of prose re-joined on the first."""
    text = textpage.get_text_range()
    drop, blanks, typed = invented_blanks(textpage, text, height)
    kept = blanks if typed or typed_before else []
    if not kept:
        drop = set()
    lines: list[PageLine] = []
    box = CharBoxes(textpage)
    offset = 0
    unmeasured = False
    for line in text.split("\n"):
        raw = line.rstrip("\r")
        kept_text = "".join(ch for k, ch in enumerate(raw, start=offset) if k not in drop) if drop else raw
        if _QUOTES.search(kept_text):
            kept_text = _quotes_in_place(kept_text, raw, offset, drop, box)
        stripped = kept_text.strip()
        if stripped:
            first = offset + len(raw) - len(raw.lstrip())
            left, bottom, first_right, top = box(first)
            # a Chinese glyph's ink is at least a fifth of an em high, but for 一's single stroke
            if not unmeasured and stripped[0] != "一" and _HAN.match(stripped[0]):
                unmeasured = top - bottom < 0.2 * (pdfium_c.FPDFText_GetFontSize(textpage.raw, first) or 10.0)
            # the right end matters only to a line that may end in a broken number (see _rejoin_numbers)
            right = box(offset + len(raw.rstrip()) - 1)[2] if kept and stripped[-1].isdigit() else first_right
            style = (round(pdfium_c.FPDFText_GetFontSize(textpage.raw, first), 1),
                     pdfium_c.FPDFText_GetFontWeight(textpage.raw, first) >= 600)
            lines.append(PageLine(stripped, (left + first_right) / 2, left, bottom, right, top, style,
                                  offset, offset + len(raw)))
        offset += len(line) + 1
    if kept:
        _rejoin_numbers(lines)
    return PageText([line for line in lines if line.text], kept, typed, bool(blanks), drop, text, unmeasured)


_QUOTES = re.compile(r"[“”‘’「」『』\"']")


def _quotes_in_place(text: str, raw: str, offset: int, drop: set[int], box) -> str:
    """The line with its quotation marks where the page prints them (by x): an office suite sets them in another
    font and pdfium may report them after the run they enclose (`为龙“ ”`, `教学“ ”团队`), with blanks between."""
    chars = [(k, ch) for k, ch in enumerate(raw, start=offset) if k not in drop]
    x = {k: box(k)[0] for k, ch in chars if not ch.isspace()}
    order = [x[k] for k, ch in chars if k in x]
    if all(a <= b + 0.5 for a, b in zip(order, order[1:])):
        return text  # every mark where it is printed
    marks = [(k, ch) for k, ch in chars if _QUOTES.match(ch)]
    near = {i for i, (k, ch) in enumerate(chars) if ch.isspace()
            and any(_QUOTES.match(c) for _, c in chars[max(i - 1, 0):i + 2])}
    rest = [(k, ch) for i, (k, ch) in enumerate(chars) if not _QUOTES.match(ch)
            and not (i in near and _between_han(chars, i))]
    lefts = [x.get(k) for k, _ in rest]
    if any(a is not None and b is not None and a > b + 0.5 for a, b in zip(lefts, lefts[1:])):
        return text  # more than the marks out of order: left as pdfium gives it
    out = [ch for _, ch in rest]
    for k, ch in sorted(marks, key=lambda kc: x[kc[0]], reverse=True):
        at = next((i for i, left in enumerate(lefts) if left is not None and left > x[k]), len(rest))
        if ch in "”’」』":  # a closing mark ends the word before the blank (`“产业学院” 3 个`)
            while at > 0 and out[at - 1].isspace():
                at -= 1
        out.insert(at, ch)
    return "".join(out)


def _between_han(chars: list[tuple[int, str]], i: int) -> bool:
    """Whether the nearest characters either side of position `i` (blanks and marks skipped) are Chinese."""
    before = next((c for _, c in reversed(chars[:i]) if not c.isspace() and not _QUOTES.match(c)), "")
    after = next((c for _, c in chars[i + 1:] if not c.isspace() and not _QUOTES.match(c)), "")
    return bool(_HAN.match(before) and _HAN.match(after))


def _rejoin_numbers(lines: list[PageLine]) -> None:
    """`…在校生1` / `800人，…` → `…在校生1800` / `人，…`: LibreOffice breaks a number after Chinese text at
    the line end. Only in prose: the number stands against the words before and after it (a table's cells have
    a gap between them), the first line runs to the text's right edge and holds Chinese, and the second starts
    at the text's left edge right below."""
    if len(lines) < 2:
        return
    prose = [line for line in lines if len(_CJK.findall(line.text)) >= 8]
    if not prose:
        return
    right_edge = max(line.right for line in prose)
    left_edge = min(line.left for line in prose)
    for upper, lower in zip(lines, lines[1:]):
        head = _NUMBER_START.match(lower.text)
        if (head is None or not _NUMBER_END.search(upper.text)
                or len(_CJK.findall(upper.text)) < 8 or upper.right < right_edge - 12 or lower.left > left_edge + 12
                or upper.bottom - lower.top > 2 * (upper.top - upper.bottom) or upper.top < lower.top):
            continue
        upper.text += head.group(0)
        lower.text = lower.text[head.end():].lstrip()


def cell_text_fixed(text: str, box: tuple[float, float, float, float], blanks: list[Blank]) -> str:
    """A ruled cell's text (pdfium's `get_text_bounded`) without the invented blanks that stand inside its box
    (left, bottom, right, top), and a number the cell's width broke over two lines re-joined."""
    left, bottom, right, top = box
    for blank in blanks:
        if left <= blank.x <= right and bottom <= blank.y <= top:
            text = text.replace(f"{blank.pair[0]} {blank.pair[1]}", blank.pair, 1)
    return join_wrapped_number(text)


def join_wrapped_number(text: str) -> str:
    """`10,290,000.0` / `0` in a narrow cell → `10,290,000.00`: a line holding only the rest of a number."""
    return _WRAPPED_NUMBER.sub("", text)
