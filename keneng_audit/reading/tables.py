"""Builds tables from PDF-to-text lines (wrapped cells, broken headers, page breaks) and from ready grids."""

from __future__ import annotations

import re
from collections import Counter

from keneng_audit import limits
from keneng_audit.document import Cell, SourceRef, Table
from keneng_audit.numbers import normalize, parse_cell
from keneng_audit.reading.headers import SERIAL_HEADERS, header_columns, is_header_end, unique, unit_of_header
from keneng_audit.reading.hypotheses import best_layout, most_consistent
from keneng_audit.reading.layout import looks_aligned
from keneng_audit.reading.places import at, span
from keneng_audit.reading.records import Frag, Record, fold, join_frags, split_records, split_repeats
from keneng_audit.reading.stacked import one_cell_per_line, regroup, regroup_by_values
from keneng_audit.reading.rows import (DATE_HEADER_RE, UNIT_HEADERS, build_rows, check_units, label_column,
                                      mark_unreadable, period_axis)
from keneng_audit.reading.tokens import COLUMN_UNITS, INT_RE, split_line, squash

__all__ = ["build_table", "split_line", "table_from_lines"]

# "单位：万元" printed on its own line between a caption and its table: the unit of every number below.
UNIT_NOTE_RE = re.compile(r"^[（(]?\s*单位\s*[:：]\s*([^\s）)]+)\s*[）)]?$")


def table_from_lines(key: str, caption: str, source: SourceRef, section: str | None,
                     lines: list[tuple[str, SourceRef]], unit: str | None = None) -> Table:
    """A table from its printed lines (furniture already removed); `unit` is what its caption says."""
    lines = _pipe_rows([(t, s) for t, s in lines if t.strip()])
    # `单位：人` over the table, over its rest after `续表`, or under its 合计: the unit, never a row
    notes = [m.group(1) for t, _ in lines if (m := UNIT_NOTE_RE.match(t.strip()))]
    if notes and len(set(notes)) == 1:  # another unit further down (元, then 万元) is left for KA002 to name
        unit, lines = unit or notes[0], [(t, s) for t, s in lines if not UNIT_NOTE_RE.match(t.strip())]
    elif notes and UNIT_NOTE_RE.match(lines[0][0].strip()):
        unit, lines = unit or notes[0], lines[1:]
    if looks_aligned(lines):
        return _from_layout(key, caption, source, section, lines, unit)
    if one_cell_per_line(lines):
        return _stacked(key, caption, source, section, lines, unit)
    header_lines: list[tuple[str, SourceRef]] = []
    if lines:
        first_pieces = split_line(lines[0][0].strip())
        header_lines.append(lines[0])
        if len(first_pieces) < 4 and not is_header_end(lines[0][0], ""):
            for text, src in lines[1:40]:
                if is_header_end(text, first_pieces[0]) or len(text.strip()) > 24:
                    break
                header_lines.append((text, src))
        if is_header_end(lines[0][0], ""):
            header_lines = []
    body = lines[len(header_lines):]
    first_title = squash(header_lines[0][0]) if header_lines else ""
    has_serial = first_title.startswith(SERIAL_HEADERS)
    header_guess = header_columns(header_lines, 0)
    full = len(header_guess) - (1 if has_serial else 0) if len(header_lines) == 1 and len(header_guess) >= 3 else 0
    read = [_unaligned(key, caption, source, section, unit, header_lines, header_guess, body, full, False)]
    if has_serial:  # `1 460103 数控技术`: is 1 the 序号 and 460103 the next cell, or 1 a value of an unnumbered row?
        read.append(_unaligned(key, caption, source, section, unit, header_lines, header_guess, body, full, True))
    return most_consistent(read)


_BOLD = re.compile(r"^(?:\*\*|__)(.*)(?:\*\*|__)$")  # `**合计**`: Markdown bold
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _pipe_rows(lines: list[tuple[str, SourceRef]]) -> list[tuple[str, SourceRef]]:
    """A Markdown table (`| 项目 | 人数 |`, `|---|---|`, as PDF-to-Markdown converters print one) as TAB-separated
    lines (its rule line dropped); any other table as it is."""
    piped = [t for t, _ in lines if t.strip().startswith("|") and t.strip().endswith("|") and len(t.strip()) > 1]
    if len(piped) < 2 or len(piped) * 2 < len(lines):
        return lines
    out = []
    for text, src in lines:
        t = text.strip()
        if _PIPE_RULE.match(t):
            continue
        if t.startswith("|") and t.endswith("|") and len(t) > 1:
            text = "\t".join(_BOLD.sub(r"\1", cell.strip()) for cell in t[1:-1].split("|"))
        out.append((text, src))
    return out


def _unaligned(key, caption, source, section, unit, header_lines, header_guess, body, full, before_value) -> Table:
    """One reading of a table printed with single blanks between its cells (header lines already found)."""
    first_title = squash(header_lines[0][0]) if header_lines else ""
    has_serial = first_title.startswith(SERIAL_HEADERS)
    records, notes = split_records(body, has_serial, first_title, full, before_value)
    limits.check("table-cells", sum(len(r.frags) for r in records))

    single = [len(r.frags) + (1 if r.serial else 0) for r in records
              if r.frags and len({f.line_no for f in r.frags}) == 1 and any(f.is_value for f in r.frags)]
    if len(header_lines) == 1 and len(header_guess) >= 3:
        width = len(header_guess)
    else:
        width = max(single) if single else len(header_guess)
    columns = unique(header_columns(header_lines, width)) if header_lines else []
    titled = len(columns)
    if len(columns) < width:
        columns = unique(columns + [f"列{i + 1}" for i in range(len(columns), width)])
    table = _assemble(key, caption, source, section, columns, records, notes, has_serial, unit)
    if header_lines and titled < width and table.rows:
        where = f"{header_lines[0][1].line}" if len(header_lines) == 1 else \
            f"{header_lines[0][1].line}–{header_lines[-1][1].line}"
        table.problems.append(
            f"第 {where} 行：表头只读出 {titled} 个列标题，而数据有 {width} 列，其余各列称为“列{titled + 1}”…，"
            f"各列与标题的对应无法确定，请核对原文 / lines {where}: the header gives {titled} column titles but the "
            f"data has {width} columns; the others are named 列{titled + 1}…, and which title each column has could "
            "not be settled")
    return table


def _stacked(key: str, caption: str, source: SourceRef, section: str | None, lines: list[tuple[str, SourceRef]],
             unit: str | None) -> Table:
    """A table printed one cell per line: rows of as many lines as the header has titles, else said in KA002."""
    serial = squash(lines[0][0]).startswith(SERIAL_HEADERS)
    found = regroup(lines, serial)
    if found is not None:
        columns, records = found
        return _assemble(key, caption, source, section, unique(columns), records, [], serial, unit)
    uneven = regroup_by_values(lines) if serial else None
    if uneven is not None:
        titles, rows = uneven
        columns = unique(titles)
        table = Table(key=key, caption=caption, source=source, section=section, columns=columns, label_column=None,
                      unit=unit)
        placed = [(rec, {columns[i]: frag for i, frag in cells.items()}) for rec, cells in rows]
        _finish(table, placed, columns[0], columns[1:], [])
        return table
    table = Table(key=key, caption=caption, source=source, section=section, columns=[], label_column=None, unit=unit)
    where = f"{lines[0][1].line}–{lines[-1][1].line}"
    table.problems.append(
        f"第 {where} 行：表格每个单元格各占一行（{len(lines)} 行），表头的标题数与各行的格数对不上，无法分行分列，"
        f"未提取单元格，请核对原文 / lines {where}: the table prints one cell per line ({len(lines)} lines) and the "
        "header's titles do not tell where its rows end; no cells were extracted, check the printed text")
    return table


def _from_layout(key: str, caption: str, source: SourceRef, section: str | None,
                 lines: list[tuple[str, SourceRef]], unit: str | None) -> Table:
    """A table printed in aligned columns: cells placed by their position on the line."""
    read = best_layout(lines, SERIAL_HEADERS)
    columns = unique(read.columns)
    table = Table(key=key, caption=caption, source=source, section=section, columns=columns, label_column=None,
                  unit=unit)
    table.problems.extend(f"注：{n}" for n in read.notes)
    table.problems.extend(read.problems)
    serial_col = columns[0] if read.has_serial and columns else None
    data_cols = columns[1:] if serial_col else list(columns)
    placed = [(rec, {columns[i]: frag for i, frag in cells.items() if i < len(columns) and columns[i] != serial_col})
              for rec, cells in read.rows]
    _finish(table, placed, serial_col, data_cols, read.notes)
    return table


def _finish(table: Table, placed, serial_col: str | None, data_cols: list[str], notes) -> None:
    """Label column, unique row labels, typed numbers (unit from the row, the header or the caption) and the
    period axis."""
    unit_col = next((c for c in data_cols if c in UNIT_HEADERS), None)
    label_col = label_column(data_cols, placed, unit_col)
    table.label_column = label_col
    col_units = {c: unit_of_header(c) for c in data_cols}
    date_cols = {c for c in data_cols if DATE_HEADER_RE.search(c)}
    build_rows(table, placed, serial_col, label_col, unit_col, col_units, date_cols, list(notes))
    mark_unreadable(table, {c for c in (serial_col, label_col, unit_col) if c})
    check_units(table, col_units)
    table.period_axis = period_axis(table)
    if label_col is None and table.rows:
        zh, en = span([r.source for r in table.rows])
        en = f"lines {en[5:]}" if en.startswith("line ") else en  # this note always said "lines"
        table.problems.append(
            f"{zh}：各行未印行名（如年度），按顺序称为“第1行”“第2行”…，各行属于哪一年无法从表中读出 / "
            f"{en}: the rows print no label (such as a year), so they are named 第1行, 第2行… in order; "
            "which period each row stands for cannot be read from the table")


def _assemble(key, caption, source, section, columns, records, notes, has_serial, unit=None) -> Table:
    table = Table(key=key, caption=caption, source=source, section=section, columns=columns, label_column=None,
                  unit=unit)
    table.problems.extend(f"注：{n}" for n in notes)
    serial_col = columns[0] if has_serial and columns else None
    data_cols = columns[1:] if serial_col else list(columns)
    unit_col = next((c for c in data_cols if c in UNIT_HEADERS), None)
    width = len(data_cols)
    if width and any(len(rec.frags) > 3 * width for rec in records):
        # One "row" swallowing many printed lines means the cells were printed column by column or in blocks:
        # any grouping would be a guess, so no row is presented as if it were right.
        frags = [f for rec in records for f in rec.frags]
        zh, en = span([f.source for f in frags])
        lines = len({f.source.line for f in frags})
        titles = "、".join(data_cols)
        table.problems.append(
            f"{zh}：表格按列或分块印刷，无法可靠还原各行：表头有 {width} 个列标题（{titles}），其下 {lines} 行共 "
            f"{len(frags)} 个片段，不能按 {width} 列分成行，未提取单元格，请核对原文 / "
            f"{en}: the table was printed column by column or in blocks, so its rows could not be rebuilt "
            f"reliably: the header has {width} titles ({titles}) over {lines} lines of {len(frags)} pieces, which "
            f"do not split into rows of {width} columns; no cells were extracted, check the printed text")
        return table
    grid: list[tuple[Record, list[Frag]]] = []
    for rec in records:
        frags = join_frags(rec.frags, width)
        if len(frags) > width:
            frags = split_repeats(rec.frags, width) or frags
        grid.append((rec, frags))
    # A table is "numeric" when most data columns hold numbers; short numeric rows lack cells at the end,
    # short text rows lack their leading (merged, filled-down) cells.
    value_counts: Counter[int] = Counter()
    complete = [frags for _, frags in grid if len(frags) == width] or [frags for _, frags in grid]
    for frags in complete:
        for i, f in enumerate(frags):
            if f.is_value:
                value_counts[i] += 1
    numeric_cols = sum(1 for i in range(width) if value_counts[i] * 2 >= max(1, len(complete)))
    numeric = numeric_cols * 2 >= width
    placed: list[tuple[Record, dict[str, Frag]]] = []
    previous: dict[str, Frag] = {}
    for rec, frags in grid:
        cells: dict[str, Frag] = {}
        if len(frags) > width:
            table.problems.append(f"{at(frags[0].source)[0]}：{len(frags)} 个单元格多于 {width} 列，多余的并入最后一列")
            frags = frags[: width - 1] + [fold(frags[width - 1:])]
        if len(frags) == width:
            cells = dict(zip(data_cols, frags))
        elif unit_col and frags and not frags[0].is_value and normalize(frags[0].text) in COLUMN_UNITS \
                and data_cols.index(unit_col) == 1:
            cells = dict(zip(data_cols[1:], frags))  # "学时 28674 89034": the label is the row above
        elif numeric:
            cells = dict(zip(data_cols, frags))
        else:
            missing = width - len(frags)
            cells = dict(zip(data_cols[missing:], frags))
            for c in data_cols[:missing]:
                if c in previous:
                    cells[c] = previous[c]
        placed.append((rec, cells))
        previous = cells
    _finish(table, placed, serial_col, data_cols, notes)
    return table


def build_table(key: str, caption: str, source: SourceRef, section: str | None, grid: list[list[Cell]],
                notes: list[str] | tuple[str, ...] = (), unit: str | None = None) -> Table:
    """A table from separated cells (DOCX, ruled PDF): leading rows without numbers are the header.

    `notes` are the footnotes printed under the table: kept as problems, their markers stripped from labels.
    """
    rows = [r for r in grid if any(c.text.strip() for c in r)]
    limits.check("table-cells", sum(len(r) for r in rows))
    if not rows:
        return Table(key=key, caption=caption, source=source, section=section, columns=[], label_column=None)
    width = max(len(r) for r in rows)
    rows = [r + [Cell("", None, r[-1].source)] * (width - len(r)) for r in rows]
    n_header = 1
    while n_header < len(rows) - 1 and not any(parse_cell(c.text) is not None for c in rows[n_header]) \
            and any(parse_cell(c.text) is not None for r in rows[n_header + 1:] for c in r) \
            and n_header < 3 and not _looks_like_data_row(rows[n_header]):
        n_header += 1
    titles = []
    for c in range(width):
        parts: list[str] = []
        for r in rows[:n_header]:
            text = "".join(r[c].text.split())  # printed characters kept, as the text reader keeps them
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        titles.append("".join(parts))
    columns = unique(titles)
    has_serial = bool(columns) and columns[0].startswith(SERIAL_HEADERS)
    records: list[Record] = []
    for r in rows[n_header:]:
        serial = r[0].text.strip() if has_serial else None
        cells = r[1:] if has_serial else r
        frags = [Frag(c.text.strip(), c.source, i, i == 0, len(cells), len(c.text)) for i, c in enumerate(cells)]
        records.append(Record(frags=frags, serial=serial or None, serial_source=r[0].source))
    table = Table(key=key, caption=caption, source=source, section=section, columns=columns, label_column=None,
                  unit=unit)
    table.problems.extend(f"注：{n}" for n in notes)
    serial_col = columns[0] if has_serial else None
    data_cols = columns[1:] if has_serial else columns
    placed = [(rec, {c: f for c, f in zip(data_cols, rec.frags) if f.text}) for rec in records]
    _finish(table, placed, serial_col, data_cols, notes)
    return table


def _looks_like_data_row(row: list[Cell]) -> bool:
    first = normalize(row[0].text) if row else ""
    return bool(INT_RE.match(first))
