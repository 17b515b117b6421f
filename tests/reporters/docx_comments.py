"""Reads back the comments of a DOCX: each comment's text and the text it is anchored on (python-docx + XML)."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn


def anchored(path) -> list[tuple[str, str, str]]:
    """(comment text, anchored text, where: "cell" or "paragraph") per comment, in document order."""
    word = docx.Document(str(path))
    texts = {c.comment_id: c.text for c in word.comments}
    body = word.element.body
    out = []
    for start in body.iter(qn("w:commentRangeStart")):
        ident = start.get(qn("w:id"))
        pieces, node, inside = [], start, None
        for element in body.iter():
            if element is start:
                inside = True
                continue
            if inside and element.tag == qn("w:commentRangeEnd") and element.get(qn("w:id")) == ident:
                break
            if inside and element.tag == qn("w:t"):
                pieces.append(element.text or "")
        where = "cell" if any(a.tag == qn("w:tc") for a in start.iterancestors()) else "paragraph"
        out.append((texts[int(ident)], "".join(pieces), where))
    return out
