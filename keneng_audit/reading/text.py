"""The text pipeline: drops page furniture, finds headings, captions and paragraphs, then tables and prose facts."""

from __future__ import annotations

import re
from collections import Counter

from keneng_audit.document import Document, InputFormat, Paragraph, Section, SourceRef
from keneng_audit.normalize import fold_digits
from keneng_audit.numbers import normalize
from keneng_audit.reading.captions import caption_unit, captions_below, is_caption
from keneng_audit.reading.layout import looks_aligned
from keneng_audit.reading.outline import heading_candidate, make_outline, spaced_heading
from keneng_audit.reading.prose import prose_facts
from keneng_audit.reading.tables import table_from_lines
from keneng_audit.reading.tokens import YEARISH_RE, is_footnote, is_note, is_value_token
from keneng_audit.reading.wraps import cut_number, is_full, wrap_limits

FIGURE_RE = re.compile(r"^图\s*\d{1,3}(\s+\S|$)")
CASE_RE = re.compile(r"^案例\s*\d{1,3}(\s+\S|$)")
PAGE_NUMBER_RE = re.compile(r"^([-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页(\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$")
TITLE_RE = re.compile(r"(质量年度报告|年度质量报告|质量报告)\s*([（(]\s*\d{4}\s*(年度?)?\s*[）)])?$")
# The first line of a title that wraps: a school's name (and the year), short, no sentence punctuation.
_TITLE_HEAD_RE = re.compile(r"^[^\d，。；：,;:！？、（(]{4,30}(?:\s*\d{4})?$")
_YEAR_LINE_RE = re.compile(r"^[（(]\s*\d{4}\s*(年度?)?\s*[）)]$")
_END_PUNCT = "。！？!?"
_ASCII_END = re.compile(r"[A-Za-z0-9%]")  # one character: a paragraph's end is checked without rescanning it
# "第一章", "一、", "（三）", "2." and "1.1": list items and headings, which a page break never continues.
_ENUMERATED_RE = re.compile(r"^(?:第\s*[一二三四五六七八九十\d]+\s*(?:[章节]|部分)|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+(?:\.\d+)*[.、．\s])")
_SENTENCE_PUNCT = "，。；：,;"
_TOTAL_RE = re.compile(r"^(合计|总计|小计|共计|总数)")


def _clean(text: str) -> str:
    # Keep the printed characters (full-width brackets and commas); only blanks and digits are unified, so a
    # year typed `２０２４` reads as 2024 everywhere (one character each way: offsets stay as printed).
    return fold_digits(text).replace("\u3000", " ").replace("\xa0", " ").replace("\ufeff", "").strip()


def page_starts(lines: list[tuple[str, SourceRef]], fmt: InputFormat = "text") -> set[int]:
    """Indices of lines that open a page: PDF-to-text tools print a page's first line with a leading blank
    (or a form feed); a PDF's own lines carry their page; a Word paragraph's leading blank is only an indent."""
    starts: set[int] = set()
    feeds = {i for i, (raw, _) in enumerate(lines) if "\f" in raw}
    if feeds:  # form feeds say exactly where pages end; indentation then is layout, not a page mark
        starts |= {i if raw.replace("\f", "").strip() or i + 1 >= len(lines) else i + 1
                   for i, (raw, _) in ((i, lines[i]) for i in feeds)}
    elif fmt == "text":
        indented = {i for i, (raw, _) in enumerate(lines) if raw[:1] in (" ", "\t", "\u3000", "\f") and raw.strip()}
        # A tool that indents every line (or every paragraph) marks no pages that way.
        if len(indented) * 2 <= sum(1 for raw, _ in lines if raw.strip()):
            starts |= indented
    previous_page = lines[0][1].page if lines else None
    for i, (_, source) in enumerate(lines):
        if source.page is not None and source.page != previous_page:
            starts.add(i)
            previous_page = source.page
    return starts


def _shape(text: str) -> str:
    """A line's shape: blanks dropped and digits folded, so `…（2024）第 3 页` and `…第 4 页` match."""
    return re.sub(r"\d+", "#", "".join(text.split()))


def _row_like(text: str) -> bool:
    """A table row (half its pieces or more are values), which a running header or footer never is."""
    pieces = text.split()
    return sum(1 for p in pieces if is_value_token(p)) * 2 >= len(pieces)


def _top_headers(texts: list[str], tops: list[int]) -> set[str]:
    """Shapes of running headers printed at the top of pages: the same short line opening ≥ 3 pages and a
    third of them, neither a heading, list item, caption nor table row, and never right under a caption (a
    table's repeated header row)."""
    counts = Counter(_shape(texts[i]) for i in tops)
    headers = set()
    for shape, n in counts.items():
        if n < max(3, len(tops) * 0.3) or len(shape) < 6:
            continue
        sample = next(texts[i] for i in tops if _shape(texts[i]) == shape)
        if is_caption(sample) or heading_candidate(sample) or _ENUMERATED_RE.match(sample) \
                or FIGURE_RE.match(sample) or CASE_RE.match(sample) \
                or sample[-1] in _END_PUNCT + _SENTENCE_PUNCT or any(c in sample for c in "，。；") \
                or len(sample) > 60 or _row_like(sample):
            continue
        headers.add(shape)
    if headers:
        for i, t in enumerate(texts):
            if _shape(t) in headers:
                above = next((texts[j] for j in range(i - 1, -1, -1) if texts[j]), "")
                if is_caption(above):
                    headers.discard(_shape(t))
    return headers


def find_furniture(texts: list[str], starts: set[int] | None = None) -> set[int]:
    """Indices of page numbers and of running headers/footers: lines repeated next to page numbers, and lines
    of the same shape opening ≥ 3 pages (`starts`: indices of lines known to open a page)."""
    numbers = {i for i, t in enumerate(texts) if PAGE_NUMBER_RE.match(t)}
    near: Counter[str] = Counter()
    for i in numbers:
        # The two lines on each side: a footer above the number, the next page's running header below it.
        for side in (range(i - 1, max(i - 6, -1), -1), range(i + 1, min(i + 6, len(texts)))):
            seen = 0
            for j in side:
                if texts[j] and j not in numbers:
                    near[texts[j]] += 1
                    seen += 1
                    if seen >= 2:
                        break
    headers = {t for t, n in near.items() if n >= 2 and len(t) >= 6 and not is_caption(t) and not _row_like(t)}
    if headers:
        counts = Counter(t for t in texts if t in headers)
        headers = {t for t in headers if counts[t] >= 2}
        # A table's header row printed again on each page it runs over is the table's, not the page's.
        for i, t in enumerate(texts):
            if t in headers and is_caption(next((texts[j] for j in range(i - 1, -1, -1) if texts[j]), "")):
                headers.discard(t)
    shapes = {_shape(t) for t in headers}  # the same header printed with other blanks (the first page's)
    found = numbers | {i for i, t in enumerate(texts) if t and _shape(t) in shapes}
    # The first line of text on each page: after a page-start mark, or after a page number (the previous
    # page's footer) with nothing but blanks and furniture in between.
    tops: list[int] = []
    after_break = True
    for i, t in enumerate(texts):
        if i in (starts or ()):
            after_break = True
        if not t:
            continue
        if i in found:
            after_break = True
            continue
        if after_break:
            tops.append(i)
        after_break = False
    tops_shapes = _top_headers(texts, tops)
    return found | {i for i in tops if _shape(texts[i]) in tops_shapes}


def _title(texts: list[str], furniture: set[int]) -> tuple[str | None, set[int]]:
    """The report's title and the lines it is printed on (a title set large wraps: `某某学校 2024` / `年质量年度报告`)."""
    for i, t in enumerate(texts[:400]):
        if i in furniture or not t or len(t) > 40 or not TITLE_RE.search(t):
            continue
        title = "".join(t.split())
        at = {i}
        before = next((j for j in range(i - 1, max(i - 4, -1), -1) if texts[j] and j not in furniture), None)
        if before is not None and _TITLE_HEAD_RE.search(texts[before]) and (
                re.search(r"\d{4}\s*$", texts[before]) and title[0] in "年度" or not re.search(r"\d{4}$", texts[before])
                and re.search(r"(学校|学院|中心|学校（[^）]*）)\s*$", texts[before])):
            title = "".join(texts[before].split()) + title
            at.add(before)
        after = next((j for j in range(i + 1, min(i + 4, len(texts))) if texts[j]), None)
        if after is not None and _YEAR_LINE_RE.match(texts[after]) and not re.search(r"\d{4}", title):
            title += "".join(texts[after].split())
            at.add(after)  # `（2024年度）` under the title, set as large: part of it, no heading
        return title, at
    for i in sorted(furniture):
        if not PAGE_NUMBER_RE.match(texts[i]):
            return "".join(texts[i].split()), set()
    return None, set()
    return None


def _is_body_line(text: str) -> bool:
    """A line of running text that ends a table: long and sentence-like."""
    return len(text) >= 26 and any(p in text for p in "，。；") and len(text.split()) <= 3 and not is_footnote(text)


_CONTINUED_RE = re.compile(r"^续\s*((?:附\s*)?表)\s*(\S*)$")


def _continues(text: str, key: str) -> bool:
    """Whether a line is `续表` or `续表 2-2` (this table's key) printed over the rest of table `key`."""
    m = _CONTINUED_RE.match(text)
    if not m:
        return False
    if not m.group(2):
        return True
    caption = is_caption(f"{m.group(1)} {m.group(2)} 续")
    return caption is not None and caption[0] == key


def _starts_with_words(pieces: list[str]) -> bool:
    """Whether a line opens with words, a year of them included (`2024 年各专业…`), rather than a value."""
    return not is_value_token(pieces[0]) or (len(pieces) > 1 and bool(YEARISH_RE.match(pieces[0]))
                                             and pieces[1].startswith("年"))


def _is_sentence(text: str) -> bool:
    """A short sentence of running text (`以上数据截至年底。`, `学校还有 3 个专业。`): it ends as sentences end,
    starts with words, holds one number at most, and is not a note (`注：…`) or footnote of the table above."""
    pieces = text.split()
    year = is_value_token(pieces[0])  # a sentence that opens with a year (`2024 年…`) may hold one more number
    return text[-1] in _END_PUNCT and _starts_with_words(pieces) and not is_note(text) \
        and not is_footnote(text) and sum(1 for p in pieces if is_value_token(p)) <= 1 + year


def _is_paragraph_line(text: str) -> bool:
    """Running text, not a row: a sentence that ends (`。`) or runs on after a comma, with words around its numbers."""
    pieces = text.split()
    return (text[-1] in _END_PUNCT or any(c in text for c in "，；")) and _starts_with_words(pieces) \
        and not is_note(text) and sum(1 for p in pieces if is_value_token(p)) * 2 <= len(pieces)


def _runs_on(text: str) -> bool:
    """A long line of a sentence that wraps on (`…增长 3.3%，其中…最多，`): numbers among words, a comma at its end."""
    return len(text) >= 26 and text[-1] in "，；,;" and any(is_value_token(p) for p in text.split())


def _has_value_row(body: list[tuple[str, SourceRef]]) -> bool:
    """Whether a table's lines so far include a row of values (a label and numbers), not only a header or words."""
    for text, _ in body:
        pieces = text.split()
        if len(pieces) >= 2 and any(is_value_token(p) for p in pieces[1:]):
            return True
    return False


def read_text_lines(lines: list[tuple[str, SourceRef]], path: str, fmt: InputFormat,
                    levels: dict[int, int] | None = None) -> Document:
    """Reads lines of PDF-to-text output (each with its source) into a Document; `levels`: the outline level
    of the lines the file itself marks as headings (DOCX heading styles), by index."""
    texts = [_clean(t) for t, _ in lines]
    starts = page_starts(lines, fmt)
    furniture = find_furniture(texts, starts)
    doc = Document(path=path, format=fmt, lines=[t.replace("\f", " ") for t, _ in lines])
    doc.title, title_lines = _title(texts, furniture)
    # A title set large is no heading, whatever its type says (`levels`: a PDF's or DOCX's styles)
    outline = make_outline(texts, furniture | title_lines, {k: v for k, v in (levels or {}).items()
                                                          if k not in title_lines})
    below = captions_below(lines, texts, furniture)
    section: str | None = None
    para: list[tuple[str, SourceRef]] = []
    limits = wrap_limits(texts)

    def flush() -> None:
        if para:
            doc.paragraphs.append(_paragraph(para, section, lambda t: is_full(t, limits)))
            para.clear()

    def runs_on(i: int) -> bool:
        """Whether the paragraph ending in a short line `i` continues on the next page: it is running text,
        not a heading, and the next page opens with more running text."""
        size = 0
        for t, _ in para:  # stop early: a paragraph of many short lines must not cost O(n) per line
            size += len(t)
            if size > 20:
                break
        if size <= 20:
            joined = "".join(t for t, _ in para)
            unclosed = any(joined.count(o) > joined.count(c) for o, c in ("《》", "（）", "()", "“”"))
            if not unclosed and (_ENUMERATED_RE.match(joined) or not any(c in joined for c in "，,；;、")):
                return False
        crossed = False
        for j in range(i + 1, n):
            crossed = crossed or j in starts or j in furniture
            if texts[j] and j not in furniture:
                return crossed and _is_running_text(j)
        return False

    def _ends_table(j: int, t: str, body: list[tuple[str, SourceRef]]) -> bool:
        """Whether heading `j` (its number and title, as the outline takes it) closes the table above rather than
        being one of its rows: `2 教师队伍` is also how a list prints its row 2. The line continues the report's
        own section numbers (the outline took it); it is a heading when running text or its chapter's table
        (`表3-1`) follows it, or when the table has a row of values and the line continues no serial of the
        table's rows (`1 …`, then `2 …`, up to a 合计 row)."""
        spaced = spaced_heading(t)
        if spaced is None:
            return True
        k = next((k for k in range(j + 1, n) if texts[k] and k not in furniture), None)
        if k is None or _is_paragraph_line(texts[k]):
            return True
        caption = is_caption(texts[k])
        if caption and re.match(rf"^(附表|表)\s*{spaced[0]}\s*[-－—.．]\s*\d", caption[0]):
            return True  # `3 学生发展` over `表3-1 …`: the chapter's own first table
        continues = False
        for text, _ in reversed(body):
            first = text.split()[0]
            if _TOTAL_RE.match(first):
                break  # a list's serials end at its total
            if first.isdigit() and len(first) <= 3:
                continues = int(first) == int(spaced[0]) - 1
                break
        return _has_value_row(body) and not continues

    def _is_running_text(j: int) -> bool:
        t = texts[j]
        if is_caption(t) or FIGURE_RE.match(t) or CASE_RE.match(t) or outline.accept(j, t, commit=False):
            return False
        pieces = t.split()
        return not (len(pieces) >= 2 and sum(1 for p in pieces if is_value_token(p)) * 2 >= len(pieces))

    i = 0
    n = len(lines)
    while i < n:
        text = texts[i]
        if not text or i in furniture:
            i += 1
            continue
        if i in below:  # a table whose caption is printed under it
            flush()
            c = below[i]
            body = [(lines[j][0], lines[j][1]) for j in range(i, c) if texts[j] and j not in furniture]
            key, title = is_caption(texts[c])
            doc.tables.append(table_from_lines(key, title, lines[c][1], section, body, caption_unit(texts[c])))
            i = c + 1
            continue
        caption = is_caption(text)
        if caption:
            flush()
            body: list[tuple[str, SourceRef]] = []
            raw_body: list[tuple[str, SourceRef]] = []
            j = i + 1
            while j < n:
                t = texts[j]
                if j in furniture or not t or _continues(t, caption[0]):
                    j += 1  # `续表 2-2` over the rest of this table, after a page break: not a row
                    continue
                if is_caption(t) or FIGURE_RE.match(t) or CASE_RE.match(t) or (_is_body_line(t) and not is_note(t)) \
                        or ((_is_sentence(t) or _is_paragraph_line(t) and (t[-1] in _END_PUNCT or _runs_on(t)))
                            and _has_value_row(body)):
                    break
                if j in below or (outline.accept(j, t, commit=False) is not None and _ends_table(j, t, body)):
                    break
                body.append((t, lines[j][1]))
                raw_body.append(lines[j])
                j += 1
            # Aligned columns need the printed positions; otherwise the cleaned text is what the cells hold.
            body = raw_body if looks_aligned(raw_body) else body
            doc.tables.append(table_from_lines(caption[0], caption[1], lines[i][1], section, body, caption_unit(text)))
            i = j
            continue
        heading = outline.accept(i, text)
        if heading:
            flush()
            doc.sections.append(Section(heading[0], heading[1], lines[i][1]))
            section = heading[0]
            i += 1
            continue
        if FIGURE_RE.match(text) or CASE_RE.match(text):
            flush()
            i += 1
            continue
        para.append((text, lines[i][1]))
        if text[-1] in _END_PUNCT or (len(text) < 20 and text[-1] not in "，、,；;：" and not runs_on(i)):
            flush()
        i += 1
    flush()
    for table in doc.tables:
        table.section = table_section(doc, table.key, table.source.line, table.section)
    doc.facts.extend(prose_facts(doc.paragraphs))
    return doc


def table_section(doc: Document, key: str, line: int, section: str | None) -> str | None:
    """A table's section; none for the appendix tables (附表) printed after the last numbered heading: they are
    attached to the report, not part of its last chapter."""
    if key.startswith("附表") and doc.sections and line > doc.sections[-1].source.line:
        return None
    return section


def _paragraph(parts: list[tuple[str, SourceRef]], section: str | None, full=lambda text: False) -> Paragraph:
    """One paragraph of its lines; `full(line)`: whether a line ends at the text's full width (a hard wrap, which
    may cut a number: `其中升学 6` / `20 人` is 620)."""
    pieces: list[str] = []
    size = 0
    starts: list[tuple[int, SourceRef]] = []
    for part, source in parts:
        part = part.strip()
        if pieces and _ASCII_END.match(pieces[-1][-1:]) and _ASCII_END.match(part[:1]) and part[0] != "%" \
                and not (cut_number(pieces[-1], part) and full(pieces[-1])):
            pieces.append(" ")
            size += 1
        starts.append((size, source))
        pieces.append(part)
        size += len(part)
    return Paragraph(text="".join(pieces), section=section, source=parts[0][1], line_starts=starts)
