"""Paragraphs re-joined where the reader split a sentence (a page break inside a sentence), with their lines."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from keneng_audit.document import Document, Paragraph, SourceRef

# A paragraph that ends in one of these ends a sentence; any other ending was cut by a page break.
_ENDINGS = "。！？!?；;：:”」）)"
_HEADING_MAX = 20
_ENUMERATED = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+(?:\.\d+)*[.、\s])")


@dataclass
class Passage:
    """One or more consecutive paragraphs of the same section whose text runs on; maps offsets to lines."""

    text: str
    section: str | None
    parts: list[tuple[int, Paragraph]] = field(default_factory=list)  # (offset in text, paragraph)

    def source_at(self, offset: int) -> SourceRef:
        starts = [o for o, _ in self.parts]
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        base, paragraph = self.parts[i]
        return paragraph.source_at(offset - base)


def _looks_like_heading(text: str) -> bool:
    text = text.strip()
    return len(text) <= _HEADING_MAX and (_ENUMERATED.match(text) is not None or not any(c in text for c in "，,。"))


def passages(doc: Document) -> list[Passage]:
    """The document's paragraphs, a paragraph cut mid-sentence joined to the next one of its section."""
    out: list[Passage] = []
    for paragraph in doc.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        last = out[-1] if out else None
        # A short paragraph without a full stop is a heading ("三、成果成效"), not a sentence cut by a page end.
        if last is not None and last.section == paragraph.section and not _looks_like_heading(last.text) \
                and last.text.rstrip()[-1:] not in tuple(_ENDINGS):
            # The reader's own offsets refer to paragraph.text; keep them by joining the untrimmed text.
            last.parts.append((len(last.text), paragraph))
            last.text += paragraph.text
            continue
        out.append(Passage(paragraph.text, paragraph.section, [(0, paragraph)]))
    return out
