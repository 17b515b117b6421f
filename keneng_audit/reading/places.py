"""Where a reader's note says something stands, as the reader of that file finds it: line, page line, paragraph, table row."""

from __future__ import annotations

from collections.abc import Sequence

from keneng_audit.document import SourceRef


def at(source: SourceRef) -> tuple[str, str]:
    """("第 12 行", "line 12"); a PDF's page and line in it; a Word paragraph; a row of a Word table."""
    return span([source])


def span(sources: Sequence[SourceRef]) -> tuple[str, str]:
    """From the first to the last of `sources` (in printed order): "第 12–20 行" / "lines 12–20"; "第 3 页第 4–9 行";
    "第 13–15 段"; "表内第 2–6 行" (rows of a Word table, its first printed row being 1)."""
    first, last = min(sources, key=_order), max(sources, key=_order)
    if first.table_row is not None and last.table_row is not None:
        return _range(first.table_row, last.table_row, ("表内第 {} 行", "row {} of the table"),
                      ("表内第 {}–{} 行", "rows {}–{} of the table"))
    if first.paragraph is not None and last.paragraph is not None:
        return _range(first.paragraph, last.paragraph, ("第 {} 段", "paragraph {}"), ("第 {}–{} 段", "paragraphs {}–{}"))
    if first.page_line is not None and last.page_line is not None and first.page is not None:
        if first.page == last.page:
            zh, en = _range(first.page_line, last.page_line, ("第 {} 行", "line {}"), ("第 {}–{} 行", "lines {}–{}"))
            return f"第 {first.page} 页{zh}", f"page {first.page}, {en}"
        return (f"第 {first.page} 页第 {first.page_line} 行至第 {last.page} 页第 {last.page_line} 行",
                f"page {first.page}, line {first.page_line} to page {last.page}, line {last.page_line}")
    return _range(first.line, last.line, ("第 {} 行", "line {}"), ("第 {}–{} 行", "lines {}–{}"))


def listed(sources: Sequence[SourceRef]) -> tuple[str, str]:
    """Each of `sources`: "第 12, 15 行" / "line(s) 12, 15"; in a Word file or a PDF each place in full."""
    if all(s.table_row is None and s.paragraph is None and s.page_line is None for s in sources):
        shown = ", ".join(str(s.line) for s in sources)
        return f"第 {shown} 行", f"line(s) {shown}"
    places = [at(s) for s in sources]
    return "、".join(zh for zh, _ in places), ", ".join(en for _, en in places)


def _order(source: SourceRef) -> int:
    return source.line


def _range(a: int, b: int, one: tuple[str, str], many: tuple[str, str]) -> tuple[str, str]:
    if a == b:
        return one[0].format(a), one[1].format(a)
    return many[0].format(a, b), many[1].format(a, b)
