"""A PDF's headings told by their type: lines set larger (or bold where the body is not) than the body text."""

from __future__ import annotations

import re
from collections import Counter

from keneng_audit.reading.blocks import caption_of
from keneng_audit.reading.text import TITLE_RE

_SENTENCE_END = re.compile(r"[。；;，,：:！？]$")
_MAX_CHARS = 40  # a heading is a short line


def heading_levels(pages: list[list[tuple]], furniture: set[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """(page, index) → outline level (1 the largest type) of the lines set as headings. The body's style is
    the one most characters are set in; a heading's is larger by a point or more, or as large and bold where
    the body is not. The report's title (`…质量年度报告`), captions, sentences and page furniture are never
    headings; a heading may stand in a page's margin band (the last line of a page)."""
    chars: Counter[tuple[float, bool]] = Counter()
    candidates: list[tuple[tuple[int, int], tuple[float, bool], str]] = []
    for page_no, items in enumerate(pages, start=1):
        for index, (_, item, margin) in enumerate(items):
            style = getattr(item, "style", None)
            if style is None or (page_no, index) in furniture:
                continue
            chars[style] += len(item)
            candidates.append(((page_no, index), style, item))
    if not chars:
        return {}
    body_size, body_bold = chars.most_common(1)[0][0]

    def heading_style(style: tuple[float, bool]) -> bool:
        size, bold = style
        return size >= body_size + 1 or (bold and not body_bold and size >= body_size - 0.2)

    found = [(at, style) for at, style, text in candidates
             if heading_style(style) and len(text.strip()) <= _MAX_CHARS and not _SENTENCE_END.search(text.strip())
             and caption_of(text) is None and not TITLE_RE.search(text.strip())]
    # Larger type, a higher level; a size as large as the body's counts below every larger one. Bold is told
    # apart only at the body's size: pdfium and pdfplumber do not always agree on a bold font.
    sizes = sorted({_size(style, body_size) for _, style in found}, reverse=True)
    return {at: min(sizes.index(_size(style, body_size)) + 1, 9) for at, style in found}


def _size(style: tuple[float, bool], body_size: float) -> float:
    return round(style[0] * 2) / 2 if style[0] >= body_size + 1 else body_size
