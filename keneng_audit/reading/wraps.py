"""Hard wraps in running text: which lines end at the text's full width, and a number a wrap cut in two."""

from __future__ import annotations

import re
import unicodedata

_HEAD_RE = re.compile(r"(?:^|[^\d,.．%])(\d{1,3})$")  # a short integer ending the line, no decimal or comma part
_TAIL_RE = re.compile(r"^(\d+(?:\.\d+)?)(?![\d,])")  # digits opening the next line, then no more of the number
_PROSE = "，。；、"


class _Widths(dict):
    """Display columns per character (2 for East Asian wide and full-width ones), looked up once per character."""

    def __missing__(self, char: str) -> int:
        width = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if len(self) < 65536:  # bounded: a hostile text of every code point does not grow it past this
            self[char] = width
        return width


_WIDTHS = _Widths()


def display_width(text: str) -> int:
    """The columns `text` takes in a monospaced layout: wide and full-width characters count two."""
    if text.isascii():
        return len(text)  # no ASCII character is wide
    return sum(map(_WIDTHS.__getitem__, text))



def wrap_limits(texts: list[str]) -> tuple[int, int]:
    """The full width of the report's running text, as characters and as display columns: the length most
    prose lines reach (90th percentile), whichever way the tool that wrapped them counted."""
    prose = [t for t in texts if t and any(c in t for c in _PROSE)]
    if len(prose) < 5:
        return 10**9, 10**9
    chars = sorted(len(t) for t in prose)
    widths = sorted(display_width(t) for t in prose)
    k = int(len(prose) * 0.9)
    return chars[k], widths[k]


def is_full(text: str, limits: tuple[int, int]) -> bool:
    """Whether a line reaches the full width (one wide character short still does: it did not fit)."""
    return len(text) >= limits[0] - 1 or display_width(text) >= limits[1] - 2


def cut_number(before: str, after: str) -> bool:
    """Whether the digits ending `before` and those opening `after` are one number cut by the wrap
    (`其中升学 6` / `20 人`): an integer of at most three digits, then digits and a word, never a decimal, a
    percentage or a grouped number (`3.7` / `2024年` is two numbers of a row)."""
    return bool(_HEAD_RE.search(before) and _TAIL_RE.match(after)) and any(c in before for c in _PROSE)
