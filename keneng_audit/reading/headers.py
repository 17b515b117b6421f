"""Column titles from a table's header lines: titles broken over lines re-joined, units read, names unique."""

from __future__ import annotations

import re
from collections import Counter

from keneng_audit.document import SourceRef
from keneng_audit.reading.records import Frag, keep_strongest, line_pieces
from keneng_audit.reading.tokens import COLUMN_UNITS, closes, split_line

_UNIT_IN_HEADER_RE = re.compile(r"[（(]\s*([^（()）]+?)\s*[）)]\s*$")
SERIAL_HEADERS = ("序号", "编号")
_FIRST_TITLES = frozenset({"年度", "年份", "学年", "类别", "项目", "指标", "名称", "序号"})


_UNIT_ONLY_RE = re.compile(r"^[（(][^（()）]*[）)]$")  # `（人）`: a whole unit group on the next line


def bracket_wrapped(lines: list[tuple[str, SourceRef]], width: int) -> list[str] | None:
    """Titles of a header printed with single blanks whose titles wrap at an open bracket (`女生（` over `人）`):
    the first line holds `width` titles; each later line only ends open brackets (`人）`, given in order to the
    titles left open) or prints a whole unit group (`（人）`, given to the closed title just before the next open
    one). None when the lines are not of that shape."""
    titles = lines[0][0].split() if lines else []
    if len(lines) < 2 or len(titles) != width or all(closes(t) for t in titles):
        return None
    for text, _ in lines[1:]:
        pieces = text.split()
        open_ = [i for i, t in enumerate(titles) if not closes(t)]
        enders = [p for p in pieces if not _UNIT_ONLY_RE.match(p)]
        if len(enders) != len(open_) or not all(closes(titles[i] + p) for i, p in zip(open_, enders)):
            return None
        k = 0  # open titles passed so far
        for p in pieces:
            if _UNIT_ONLY_RE.match(p):
                before = open_[k] if k < len(open_) else len(titles)
                start = open_[k - 1] + 1 if k else 0
                free = [i for i in range(start, before) if closes(titles[i]) and not _UNIT_IN_HEADER_RE.search(titles[i])
                        and titles[i] not in _FIRST_TITLES]
                if not free:
                    return None
                titles[free[-1]] += p
            else:
                titles[open_[k]] += p
                k += 1
    return titles


def header_columns(lines: list[tuple[str, SourceRef]], width: int) -> list[str]:
    """Column titles from the header lines, re-joining titles broken over lines into `width` columns."""
    wrapped = bracket_wrapped(lines, width) if width else None
    if wrapped is not None:
        return ["".join(t.split()) for t in wrapped]
    frags: list[Frag] = []
    for n, (text, source) in enumerate(lines):
        pieces = split_line(text.strip())
        # A header title never breaks at a blank, except "ISBN 编号" and "2023 年" which split_line glues.
        frags.extend(Frag(p, source, n, i == 0, len(pieces), len(p)) for i, p in enumerate(pieces))
    if not frags:
        return []
    merged = [frags[0]]
    for frag in frags[1:]:
        prev = merged[-1]
        if frag.text[0] in "（(）)" and not (prev.text.endswith(("）", ")")) and frag.text[0] in "（("
                                            and closes(frag.text) and len(frag.text) > 4):
            merged[-1] = _merge_header(prev, frag)
        elif not closes(prev.text) and (closes(prev.text + frag.text) or len(frag.text) <= 2):
            merged[-1] = _merge_header(prev, frag)
        elif len(prev.text) == 1 and prev.line_pieces == 1 and frag.line_no != prev.line_no:
            merged[-1] = _merge_header(prev, frag)  # "年" / "度"
        else:
            merged.append(frag)
    if width and len(merged) > width:
        merged = keep_strongest(merged, width, _header_boundary, _merge_header)
    return ["".join(f.text.split()) for f in merged]


def _merge_header(a: Frag, b: Frag) -> Frag:
    return Frag(a.text + b.text, a.source, b.line_no, a.first, b.line_pieces, b.raw_len)


def _header_boundary(prev: Frag, nxt: Frag) -> float:
    score = 0.0
    if prev.line_no == nxt.line_no:
        score += 4
    elif prev.line_pieces >= 2 and not nxt.first:
        score += 1
    if prev.line_no != nxt.line_no and prev.line_pieces >= 2:
        score += 1  # a line of several titles is complete
    if prev.text.endswith(("）", ")", "%")) or re.search(r"[（(][^）)]{0,4}(元|人|%)$", prev.text):
        score += 5  # a title ends with its unit (sometimes the closing bracket was lost)
    if "".join(prev.text.split()) in _FIRST_TITLES:
        score += 3
    if re.match(r"^(19|20)\d{2}", nxt.text):
        score += 3
    bracket = min((i for i in (nxt.text.find("（"), nxt.text.find("(")) if i >= 0), default=-1)
    if bracket >= 3:
        score += 2  # a whole title with its unit, "增加比率（%）"
    if prev.text.endswith(("率", "数", "额", "值", "量", "例")):
        score += 1.5  # statistical titles end so; "较上一年度" does not
    return score


def unit_of_header(header: str) -> str | None:
    """`增加比率（%）` → `%`, `起薪（元）` → `元`: the unit a column header gives its numbers."""
    m = _UNIT_IN_HEADER_RE.search(header)
    return m.group(1) if m and m.group(1) in COLUMN_UNITS else None


def unique(names: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for i, name in enumerate(names):
        name = name or f"列{i + 1}"
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def is_header_end(text: str, first_header: str) -> bool:
    """Whether a line after the caption already holds data (values, or the first 序号)."""
    frags = line_pieces(text, SourceRef(0), 0)
    if not frags:
        return False
    if any(f.is_value for f in frags):
        return True
    return first_header.startswith(SERIAL_HEADERS) and frags[0].text == "1"
