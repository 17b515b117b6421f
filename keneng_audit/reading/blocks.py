"""Assembles a Document from text lines and already-separated tables (the DOCX and PDF readers' common part)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from keneng_audit import limits
from keneng_audit.document import Cell, Document, InputFormat, SourceRef
from keneng_audit.numbers import MISSING_MARKS, normalize, parse_number

# A short line such as "单位：万元" may sit between a caption and its table.
UNIT_NOTE_RE = re.compile(r"^\s*[（(]?\s*单位\s*[:：]\s*([^\s）)]+)")
_CONTINUED_RE = re.compile(r"^\s*续\s*(附\s*)?表\s*(\d+)?\s*$")  # "续表", "续表 3": the rest of a table
_DASHES = "-－—–/、"  # a line wrapped after or before one of these had no blank there
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class TextLine:
    """One line of running text with its location, and its outline level if the file marks it a heading."""

    text: str
    source: SourceRef
    level: int | None = None
    margin: bool = False  # PDF: printed in a page's top or bottom margin


@dataclass
class GridTable:
    """A table whose cells the file itself separates (a Word table, a ruled PDF table)."""

    rows: list[list[str]]  # cell texts per printed row, merged cells already resolved
    sources: list[SourceRef]  # one per row
    continues: bool = False  # PDF: first on its page, so may be the rest of the previous page's table


Block = TextLine | GridTable


def join_cell_lines(text: str) -> str:
    """Joins the lines of a multi-line cell: no blank between CJK characters, one blank otherwise."""
    parts = [p.strip() for p in text.replace("\r", "\n").split("\n")]
    out = ""
    for part in parts:
        if not part:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(part[0]) or out[-1] in _DASHES or part[0] in _DASHES):
            out += " "
        out += part
    return out


OWN, LEFT, UP = "own", "left", "up"  # a grid position holds its own cell, or is covered from the left / above


def resolve_merges(marked: list[list[tuple[str, str]]]) -> list[list[str]]:
    """Cell texts on the full grid from (text, OWN|LEFT|UP) positions.

    Header rows (the first row, and those before the first row with a number) repeat a merged title over
    every column it spans, so each column gets its group's title, and print a title merged down once. Body
    rows spread a merged text over every position, as the text reader fills down a merged label, but never a
    number: a 序号 merged down its "其中" rows is printed once, and a value must not count twice.
    """
    limits.check("table-cells", sum(len(row) for row in marked))
    grid: list[list[str]] = []
    body = _first_body_row(marked)
    for i, row in enumerate(marked):
        in_header = i < body
        out: list[str] = []
        for c, (text, kind) in enumerate(row):
            if kind == OWN:
                out.append(text)
                continue
            if kind == LEFT:
                covering = out[c - 1] if c > 0 else ""
            else:
                covering = grid[-1][c] if grid and c < len(grid[-1]) and not in_header else ""
            out.append(covering if in_header or _spreadable(covering) else "")
        grid.append(out)
    width = max((len(r) for r in grid), default=0)
    return [r + [""] * (width - len(r)) for r in grid if any(r)]


def _first_body_row(marked: list[list[tuple[str, str]]]) -> int:
    """The first row with a number past its first cell; in a table of words (awards, names, dates), the first
    row with a 序号, else the second row."""
    def numbered(row: list[tuple[str, str]], start: int) -> bool:
        return any(kind == OWN and parse_number(text) is not None for text, kind in row[start:])

    for start in (1, 0):
        found = next((i for i in range(1, len(marked)) if numbered(marked[i], start)), None)
        if found is not None:
            return found
    return 1


def _spreadable(text: str) -> bool:
    return parse_number(text) is None and normalize(text) not in MISSING_MARKS


def caption_of(text: str) -> tuple[str, str] | None:
    """`表 3 分专业大类在校生情况` → ("表3", "分专业大类在校生情况"), as the text reader reads captions."""
    from keneng_audit.reading.captions import is_caption

    return is_caption(text.replace("\u3000", " ").replace("\xa0", " ").strip())


def assemble(blocks: list[Block], path: str, fmt: InputFormat, lines: list[str]) -> Document:
    """Text lines go through the text pipeline; captioned grid tables are built from their own cells."""
    from keneng_audit.reading.tables import build_table
    from keneng_audit.reading.text import read_text_lines, table_section

    limits.check("line-chars", max(map(len, lines), default=0))
    blocks = _merge_continuations(blocks)
    captioned: list[tuple[str, str, SourceRef, GridTable, list[str], str | None]] = []
    consumed: set[int] = set()
    below_first = _captions_below(blocks)
    for i, block in enumerate(blocks):
        if isinstance(block, GridTable):
            below = _caption_after(blocks, i, shared=True) if below_first else None
            found = _caption_before(blocks, i) if below is None else None
            if found is not None and found[0] in consumed:
                found = None  # the table above took it: its caption printed below
            inside = _caption_inside(block) if found is None and below is None else None
            if found is None and inside is None and below is None:
                below = _caption_after(blocks, i)
            untitled = None
            if found is None and inside is None and below is None:
                untitled = _untitled(blocks, i)
                if untitled is None:
                    continue
            unit = _unit_row(block)
            if found is not None or below is not None:
                j, key, title, caption_unit = found or below
                unit = caption_unit or unit
                consumed.update(range(j, i) if found is not None else [j])  # a unit note is the caption's
                if found is None:  # a unit note right above a table whose caption is printed below it
                    note = _unit_note_before(blocks, i, consumed)
                    if note is not None:
                        unit = caption_unit or note[1]
                        consumed.add(note[0])
                source = blocks[j].source
            elif inside is not None:
                key, title, source = inside
                block.rows, block.sources = block.rows[1:], block.sources[1:]
            else:
                key, title, source = "", untitled, block.sources[0]
            notes, end = _notes_after(blocks, i + (below is not None))
            consumed.update(range(i + 1, end))
            captioned.append((key, title, source, block, notes, unit))
    text_lines: list[tuple[str, SourceRef]] = []
    levels: dict[int, int] = {}
    for i, block in enumerate(blocks):
        if i in consumed:
            continue
        if isinstance(block, TextLine):
            if block.level is not None:
                levels[len(text_lines)] = block.level
            text_lines.append((block.text, block.source))
        elif not any(block is t for _, _, _, t, _, _ in captioned):
            # An uncaptioned table is layout, not data: its text still counts as running text.
            text_lines.extend((" ".join(c for c in row if c), src) for row, src in zip(block.rows, block.sources))
    doc = read_text_lines(text_lines, path, fmt, levels)
    numbered: dict[str | None, int] = {}
    for key, title, source, grid, notes, unit in captioned:
        if not key:  # an uncaptioned table of numbers: named by its section and its place there
            at = _section_at(doc, source.line)
            numbered[at] = numbered.get(at, 0) + 1
            key = f"{at or ''}无题表{numbered[at]}".strip()
        section = table_section(doc, key, source.line, _section_at(doc, source.line))
        cells = [[Cell(text, parse_number(text), _in_column(src, c)) for c, text in enumerate(row)]
                 for row, src in zip(grid.rows, grid.sources)]
        doc.tables.append(build_table(key, title, source, section, cells, notes=notes, unit=unit))
    doc.tables.sort(key=lambda t: t.source.line)
    doc.lines = lines
    doc.format = fmt
    return doc


def _in_column(source: SourceRef, c: int) -> SourceRef:
    """A Word table cell's place: its row's, and its column (a person counts a Word table's rows and columns)."""
    return source if source.table_row is None else replace(source, table_column=c + 1)


def _caption_before(blocks: list[Block], i: int) -> tuple[int, str, str, str | None] | None:
    """The caption line right before table `i` (a unit note may sit in between), and the unit it gives."""
    unit = None
    for j in range(i - 1, max(i - 3, -1), -1):
        block = blocks[j]
        if not isinstance(block, TextLine):
            return None
        found = caption_of(block.text)
        if found is not None:
            return (j, *found, unit or _caption_unit(block.text))
        note = UNIT_NOTE_RE.match(block.text)
        if not note:
            return None
        unit = note.group(1)
    return None


def _unit_note_before(blocks: list[Block], i: int, consumed: set[int]) -> tuple[int, str] | None:
    """`单位：元` printed right above table `i` (no caption between): its index and unit."""
    j = i - 1
    if j < 0 or j in consumed or not isinstance(blocks[j], TextLine):
        return None
    note = UNIT_NOTE_RE.match(blocks[j].text)
    return None if note is None or len(blocks[j].text.strip()) > 20 else (j, note.group(1))


def _caption_after(blocks: list[Block], i: int, shared: bool = False) -> tuple[int, str, str, str | None] | None:
    """A caption printed right under table `i`, unless a table follows it (then it is that table's caption),
    or `shared`: the report prints its captions below."""
    if i + 1 >= len(blocks) or not isinstance(blocks[i + 1], TextLine):
        return None
    found = caption_of(blocks[i + 1].text)
    if found is None or (not shared and i + 2 < len(blocks) and isinstance(blocks[i + 2], GridTable)):
        return None
    return (i + 1, *found, _caption_unit(blocks[i + 1].text))


def _captions_below(blocks: list[Block]) -> bool:
    """Whether the report prints its captions below its tables: more tables show a caption that can only be
    theirs below them than above them. A caption between two tables is then the upper one's."""
    above = below = 0
    for i, block in enumerate(blocks):
        if not isinstance(block, GridTable):
            continue
        found = _caption_before(blocks, i)
        if found is not None and not (found[0] > 0 and isinstance(blocks[found[0] - 1], GridTable)):
            above += 1
        if _caption_after(blocks, i) is not None:
            below += 1
    return below > above


def _caption_unit(text: str) -> str | None:
    from keneng_audit.reading.captions import caption_unit

    return caption_unit(text.replace("\u3000", " ").replace("\xa0", " ").strip())


def _caption_inside(table: GridTable) -> tuple[str, str, SourceRef] | None:
    """A caption printed as the table's first row, merged across all columns."""
    texts = {text for text in table.rows[0] if text} if table.rows else set()
    found = caption_of(texts.pop()) if len(texts) == 1 and len(table.rows) > 2 else None
    return None if found is None else (*found, table.sources[0])


def _unit_row(table: GridTable) -> str | None:
    """The unit of a first row that only says `单位：人` (merged across the table), which is then dropped."""
    texts = {text for text in table.rows[0] if text} if len(table.rows) > 2 else set()
    note = UNIT_NOTE_RE.match(next(iter(texts))) if len(texts) == 1 else None
    if note is None:
        return None
    table.rows, table.sources = table.rows[1:], table.sources[1:]
    return note.group(1)


def _untitled(blocks: list[Block], i: int) -> str | None:
    """A title for an uncaptioned table that holds data (a header, rows with numbers past their label, short
    cells): the sentence that announces it (`学历结构如下表：`) or ""; None for a table used for layout."""
    rows = blocks[i].rows
    cells = [text for row in rows for text in row if text]
    numbers = sum(1 for row in rows[1:] for text in row[1:] if parse_number(text) is not None)
    if len(rows) < 2 or len(rows[0]) < 2 or numbers < 2 or any(len(text) > 40 for text in cells):
        return None
    before = blocks[i - 1] if i > 0 else None
    if isinstance(before, TextLine) and before.text.rstrip().endswith(("：", ":")):
        last = re.split(r"[。；;！？]", before.text.strip().rstrip("：:"))[-1].strip()
        return last if len(last) <= 40 else ""
    return ""


def _notes_after(blocks: list[Block], i: int) -> tuple[list[str], int]:
    """Footnotes (`1 …。`) and notes (`注：…`) printed right under table `i`, re-joined if wrapped; and
    the index of the first block after them."""
    from keneng_audit.reading.tokens import is_footnote, is_note

    notes: list[str] = []
    k = i + 1
    while k < len(blocks):
        text, taken = "", 0
        for block in blocks[k:k + 4]:  # a note wraps over a few lines at most
            if not isinstance(block, TextLine) or (not taken and _is_heading_line(block)):
                break
            text, taken = text + block.text.strip(), taken + 1
            if is_footnote(text) or is_note(text) or text.endswith("。"):
                break
        if not taken or not (is_footnote(text) or is_note(text)):
            break
        notes.append(text)
        k += taken
    return notes, k


def _is_heading_line(block: TextLine) -> bool:
    """A heading under a table (`2 教师队伍`, in a Heading style or typed) opens the text after it: a footnote
    `1 …。` is a sentence."""
    from keneng_audit.reading.outline import heading_candidate, spaced_heading, styled_heading

    text = block.text.strip()
    return block.level is not None or bool(spaced_heading(text) or styled_heading(text) or heading_candidate(text))


def _merge_continuations(blocks: list[Block]) -> list[Block]:
    """A table broken by a page end continues without a caption (PDF), under `续表` (PDF, DOCX), or right after
    it with its header row printed again (DOCX: a table split in two)."""
    out: list[Block] = []
    last_table: GridTable | None = None
    for block in blocks:
        if isinstance(block, GridTable):
            marked = bool(out) and isinstance(out[-1], TextLine) and _CONTINUED_RE.match(out[-1].text) is not None
            # Word users split a long table by a page break: the next table right after it, its header repeated
            repeats = (last_table is not None and bool(out) and out[-1] is last_table and len(block.rows) > 1
                       and _same_shape(last_table, block) and block.rows[0] == last_table.rows[0])
            if marked and last_table is not None and _same_shape(last_table, block):
                out.pop()
            elif not repeats and not (block.continues and last_table is not None and _same_shape(last_table, block)
                                      and not _text_since(out, last_table)):
                last_table = None
            if last_table is not None:
                repeated = 0  # header rows printed again on the new page, perhaps with no row under them
                while repeated < min(3, len(block.rows), len(last_table.rows)) and block.rows[repeated] == last_table.rows[repeated]:
                    repeated += 1
                last_table.rows.extend(block.rows[repeated:])
                last_table.sources.extend(block.sources[repeated:])
                continue
            last_table = block
        out.append(block)
    return out


def _same_shape(a: GridTable, b: GridTable) -> bool:
    return bool(a.rows and b.rows) and len(a.rows[0]) == len(b.rows[0])


def _text_since(out: list[Block], table: GridTable) -> bool:
    """Whether running text, not just leftover page furniture, was printed after `table`."""
    idx = next(i for i in range(len(out) - 1, -1, -1) if out[i] is table)
    lines = [b for b in out[idx + 1:] if isinstance(b, TextLine)]
    between = [b.text for b in lines if not b.margin]
    # A caption starts another table even in a margin band (an office suite's header sits close to the page top).
    return len(between) > 3 or any(len(t) >= 40 for t in between) or any(caption_of(b.text) for b in lines)


def _section_at(doc: Document, line: int) -> str | None:
    current = None
    for section in doc.sections:
        if section.source.line <= line:
            current = section.number
    return current
