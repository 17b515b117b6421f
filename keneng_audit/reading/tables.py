"""Rebuilds tables from PDF-to-text lines (wrapped cells, broken headers, page breaks) and from ready grids."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field

from keneng_audit import limits
from keneng_audit.document import Cell, Row, SourceRef, Table
from keneng_audit.numbers import MISSING_MARKS, UNITS, looks_like_date, looks_like_period, normalize, parse_cell

_CJK = re.compile(r"[\u3400-\u9fff]")
_INT_RE = re.compile(r"^\d{1,3}$")
_YEARISH_RE = re.compile(r"^(19|20)\d{2}(\s*[-－—]\s*(19|20)\d{2})?$")
_CODE_RE = re.compile(r"^\d[\d\-－.]{4,}\d$")  # ISBN parts, 专业代码, date ranges: values, not words
_UNIT_IN_HEADER_RE = re.compile(r"[（(]\s*([^（()）]+?)\s*[）)]\s*$")
_FOOTNOTE_RE = re.compile(r"^(\d{1,2})\s+\S.{8,}[。.]$")
_NOTE_START_RE = re.compile(r"^(说明|注|备注|数据来源)\s*[:：]")
_QIZHONG_RE = re.compile(r"^其中\s*[:：]\s*")
_OPENERS = "（(《“"
_CLOSERS = {"（": "）", "(": ")", "《": "》", "“": "”"}
_DATE_HEADER_RE = re.compile(r"时间|日期|年月")
# Codes, ID and phone numbers are printed with digits but are names, not quantities: no arithmetic on them.
_CODE_HEADER_RE = re.compile(r"代码|编码|编号|号码|学号|工号|电话|邮编|ISBN", re.IGNORECASE)
_SERIAL_HEADERS = ("序号", "编号")
_FIRST_TITLES = frozenset({"年度", "年份", "学年", "类别", "项目", "指标", "名称", "序号"})
_UNIT_HEADERS = ("单位",)
_COLUMN_UNITS = frozenset(UNITS) | {"%", "元/生", "个/生", "Mbps", "学时", "课时", "人日"}


@dataclass
class Frag:
    """A piece of one printed line: one cell or part of a cell."""

    text: str
    source: SourceRef
    line_no: int  # ordinal of the printed line inside the table
    first: bool  # first piece on its line
    line_pieces: int  # how many pieces its line holds
    raw_len: int  # length of the printed piece, before any joining

    @property
    def is_value(self) -> bool:
        return is_value_token(self.text)


@dataclass
class Record:
    """The pieces of one table row, possibly printed over several lines."""

    frags: list[Frag] = field(default_factory=list)
    serial: str | None = None
    serial_source: SourceRef | None = None


@lru_cache(maxsize=16384)
def is_value_token(text: str) -> bool:
    """Numbers, percentages, ratios, dates, codes and missing marks: what fills a data cell."""
    raw = normalize(text)
    if raw in ("—", "——", "-", "--", "－", "/"):
        return True
    if looks_like_period(raw):
        return False
    if parse_cell(raw) is not None or looks_like_date(raw, True) or _CODE_RE.match(raw):
        return True
    return False


def _closes(text: str) -> bool:
    """Whether every bracket opened in `text` is closed (quotes are misprinted too often to count)."""
    for opener in "（(《":
        if text.count(opener) > text.count(_CLOSERS[opener]):
            return False
    return True


def split_line(text: str) -> list[str]:
    """Whitespace-separated pieces of a line, re-joining what a blank split inside one cell."""
    pieces = text.split()
    out: list[str] = []
    longest = limits.get("cell-chars")  # past it no cell grows: each test below reads the whole cell so far
    for piece in pieces:
        if out and len(out[-1]) <= longest and _glued(out[-1], piece):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _glued(prev: str, nxt: str) -> bool:
    head = nxt[0]
    if _YEARISH_RE.match(prev) and _CJK.match(head) and not is_value_token(nxt):
        return True  # "2023 年", "2022-2023 学", "2024 年某市…"
    if re.search(r"[A-Za-z]$", prev) and (_CJK.match(head) or head.isdigit()) and prev not in _COLUMN_UNITS:
        return True  # "其中：A 类：…", "ISBN 978-…", "ISBN 编号" (but not "Mbps 200")
    if prev.endswith("第") or re.search(r"第\s*\d+$", prev):
        return True  # "第 47 届…"
    if prev[-1] in "、，,/-－" or not _closes(prev) or (prev.count("“") > prev.count("”") and len(prev) > 1):
        return True
    if len(prev) == 1 and _CJK.match(prev) and prev not in _COLUMN_UNITS and not is_value_token(nxt):
        return True  # a name printed with a blank: "王 毅"
    if head in "）)、，,》”" :
        return True
    return False


def _join(a: str, b: str, same_line: bool) -> str:
    if same_line or (re.search(r"[A-Za-z0-9]$", a) and re.match(r"[A-Za-z0-9]", b)):
        return f"{a} {b}"
    return a + b


def squash(text: str) -> str:
    return "".join(normalize(text).split())


# ---------------------------------------------------------------- lines → records


def line_pieces(text: str, source: SourceRef, line_no: int) -> list[Frag]:
    pieces = split_line(text.strip())
    return [Frag(p, source, line_no, i == 0, len(pieces), len(p)) for i, p in enumerate(pieces)]


def is_footnote(text: str) -> bool:
    return bool(_FOOTNOTE_RE.match(text.strip()))


def is_note(text: str) -> bool:
    return bool(_NOTE_START_RE.match(normalize(text)))


def _serial_of(frags: list[Frag], expected: int) -> bool:
    first = frags[0].text
    if not _INT_RE.match(first) or int(first) != expected:
        return False
    return len(frags) == 1 or not frags[1].is_value


def split_records(body: list[tuple[str, SourceRef]], has_serial: bool, header_key: str,
                  full: int = 0) -> tuple[list[Record], list[str]]:
    """Groups body lines into rows: a row ends on a line with values, or where the next 序号 starts."""
    records: list[Record] = []
    notes: list[str] = []
    current = Record()
    expected = 1
    notes_only = False
    line_no = 0
    for text, source in body:
        stripped = text.strip()
        if not stripped:
            continue
        if notes_only:
            notes.append(stripped)
            continue
        if header_key and squash(stripped) == header_key:
            continue  # the header row repeated after a page break
        if is_footnote(stripped) or is_note(stripped):
            notes.append(stripped)
            notes_only = is_note(stripped)
            continue
        line_no += 1
        frags = line_pieces(stripped, source, line_no)
        if has_serial and not records and not current.frags and current.serial is None \
                and _INT_RE.match(frags[0].text) and int(frags[0].text) <= 3:
            expected = int(frags[0].text)  # numbering may start at 2 on a continued table
        if has_serial and _serial_of(frags, expected):
            if current.frags or current.serial:
                records.append(current)
            current = Record(serial=frags[0].text, serial_source=source)
            expected += 1
            frags = frags[1:]
            if not frags:
                continue
        had = bool(current.frags)
        current.frags.extend(frags)
        if any(f.is_value for f in frags) and (len(frags) >= 2 or had) or (full > 1 and len(frags) >= full):
            records.append(current)
            current = Record()
    if current.frags or current.serial:
        records.append(current)
    return records, notes


# ---------------------------------------------------------------- joining pieces into cells


def _must_join(prev: Frag, nxt: Frag) -> bool:
    same = prev.line_no == nxt.line_no
    if same:
        return False  # same-line glue was done by split_line
    if nxt.line_pieces == 1 and len(nxt.text) == 1 and not nxt.is_value and nxt.text not in _COLUMN_UNITS:
        return True  # "*", "类", "度": the last character of a wrapped cell
    if nxt.text[0] in "（(）)、，,》”":
        return True
    if prev.text[-1] in "、，,/-－" or not _closes(prev.text):
        return True
    if re.search(r"[A-Za-z]$", prev.text) and nxt.text[0].isdigit() and prev.text not in _COLUMN_UNITS:
        return True  # "ISBN" / "978-7-…"
    return False


def _boundary_score(prev: Frag, nxt: Frag) -> float:
    score = 0.0
    if prev.line_no == nxt.line_no:
        score += 4
    else:
        score -= prev.raw_len / 10
        if nxt.first and nxt.line_pieces >= 2:
            score += 1.5
        if len(nxt.text) == 2 and not nxt.is_value:
            score -= 1
    if prev.is_value:
        score += 3
    if nxt.is_value:
        score += 3
        if not prev.is_value and len(prev.text) <= 2 and _CJK.match(prev.text[0]) and prev.line_no == nxt.line_no \
                and prev.text not in _COLUMN_UNITS:
            score -= 2  # "上升 0.6": a word qualifying its number
    if prev.text[-1] in "）)》":
        score += 5
    if prev.line_no != nxt.line_no and "、" in prev.text and "、" in nxt.text:
        score -= 3  # "王另、黄静、胡" / "梦香、肖语桐": one list of names wrapped inside its cell
    if nxt.text[0] == "《":
        score += 1  # a book or document title starts its own cell
    return score


def join_frags(frags: list[Frag], width: int) -> list[Frag]:
    """Joins pieces until at most `width` cells remain: forced joins first, then the weakest boundaries."""
    if not frags:
        return []
    merged = [frags[0]]
    for frag in frags[1:]:
        if _must_join(merged[-1], frag):
            merged[-1] = _merge(merged[-1], frag)
        else:
            merged.append(frag)
    if len(merged) <= width or width < 1:
        return merged
    return _keep_strongest(merged, width, _boundary_score, _merge)


def _keep_strongest(frags: list[Frag], width: int, score, merge) -> list[Frag]:
    """`width` pieces: the `width - 1` boundaries with the highest `score` stay (ties: the earlier), the rest join."""
    scores = [(score(frags[i], frags[i + 1]), -i) for i in range(len(frags) - 1)]
    keep = {-neg for _, neg in sorted(scores, reverse=True)[: width - 1]}
    out = [frags[0]]
    for i in range(1, len(frags)):
        if i - 1 in keep:
            out.append(frags[i])
        else:
            out[-1] = merge(out[-1], frags[i])
    return out


def _merge(a: Frag, b: Frag) -> Frag:
    same = a.line_no == b.line_no
    return Frag(_join(a.text, b.text, same), a.source, b.line_no, a.first, b.line_pieces, b.raw_len)


def _split_repeats(frags: list[Frag], width: int) -> list[Frag] | None:
    """`仅限高职` `填报` `仅限高职填` `报` → two cells `仅限高职填报`: a repeated text wrapped differently."""
    if width < 2 or len(frags) <= width:
        return None
    whole = "".join(f.text for f in frags)
    if len(whole) % width:
        return None
    size = len(whole) // width
    parts = [whole[i * size:(i + 1) * size] for i in range(width)]
    if len(set(parts)) != 1:
        return None
    out: list[Frag] = []
    consumed = 0
    for frag in frags:
        if consumed % size == 0:
            out.append(Frag(parts[0], frag.source, frag.line_no, frag.first, frag.line_pieces, frag.raw_len))
        consumed += len(frag.text)
    return out if len(out) == width else None


# ---------------------------------------------------------------- headers


def header_columns(lines: list[tuple[str, SourceRef]], width: int) -> list[str]:
    """Column titles from the header lines, re-joining titles broken over lines into `width` columns."""
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
                                            and _closes(frag.text) and len(frag.text) > 4):
            merged[-1] = _merge_header(prev, frag)
        elif not _closes(prev.text) and (_closes(prev.text + frag.text) or len(frag.text) <= 2):
            merged[-1] = _merge_header(prev, frag)
        elif len(prev.text) == 1 and prev.line_pieces == 1 and frag.line_no != prev.line_no:
            merged[-1] = _merge_header(prev, frag)  # "年" / "度"
        else:
            merged.append(frag)
    if width and len(merged) > width:
        merged = _keep_strongest(merged, width, _header_boundary, _merge_header)
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


def _unit_of_header(header: str) -> str | None:
    """`增加比率（%）` → `%`, `起薪（元）` → `元`: the unit a column header gives its numbers."""
    m = _UNIT_IN_HEADER_RE.search(header)
    return m.group(1) if m and m.group(1) in _COLUMN_UNITS else None


def _unique(names: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for i, name in enumerate(names):
        name = name or f"列{i + 1}"
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


# ---------------------------------------------------------------- the table from printed lines


def is_header_end(text: str, first_header: str) -> bool:
    """Whether a line after the caption already holds data (values, or the first 序号)."""
    frags = line_pieces(text, SourceRef(0), 0)
    if not frags:
        return False
    if any(f.is_value for f in frags):
        return True
    return first_header.startswith(_SERIAL_HEADERS) and frags[0].text == "1"


def table_from_lines(key: str, caption: str, source: SourceRef, section: str | None,
                     lines: list[tuple[str, SourceRef]]) -> Table:
    """A table from the printed lines after its caption (furniture already removed)."""
    lines = [(t, s) for t, s in lines if t.strip()]
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
    has_serial = first_title.startswith(_SERIAL_HEADERS)
    header_guess = header_columns(header_lines, 0)
    full = len(header_guess) - (1 if has_serial else 0) if len(header_lines) == 1 and len(header_guess) >= 3 else 0
    records, notes = split_records(body, has_serial, first_title, full)
    limits.check("table-cells", sum(len(r.frags) for r in records))

    single = [len(r.frags) + (1 if r.serial else 0) for r in records
              if r.frags and len({f.line_no for f in r.frags}) == 1 and any(f.is_value for f in r.frags)]
    if len(header_lines) == 1 and len(header_guess) >= 3:
        width = len(header_guess)
    else:
        width = max(single) if single else len(header_guess)
    columns = _unique(header_columns(header_lines, width)) if header_lines else []
    if len(columns) < width:
        columns = _unique(columns + [f"列{i + 1}" for i in range(len(columns), width)])
    return _assemble(key, caption, source, section, columns, records, notes, has_serial)


def _assemble(key, caption, source, section, columns, records, notes, has_serial) -> Table:
    table = Table(key=key, caption=caption, source=source, section=section, columns=columns, label_column=None)
    table.problems.extend(f"注：{n}" for n in notes)
    serial_col = columns[0] if has_serial and columns else None
    data_cols = columns[1:] if serial_col else list(columns)
    unit_col = next((c for c in data_cols if c in _UNIT_HEADERS), None)
    col_units = {c: _unit_of_header(c) for c in data_cols}
    date_cols = {c for c in data_cols if _DATE_HEADER_RE.search(c)}
    width = len(data_cols)
    if width and any(len(rec.frags) > 3 * width for rec in records):
        # One "row" swallowing many printed lines means the cells were printed column by column or in blocks:
        # any grouping would be a guess, so no row is presented as if it were right.
        lines = [f.source.line for rec in records for f in rec.frags]
        table.problems.append(
            f"第 {min(lines)}–{max(lines)} 行：表格按列或分块印刷，无法可靠还原各行，未提取单元格，请核对原文 / "
            f"lines {min(lines)}–{max(lines)}: the table was printed column by column or in blocks, so its rows "
            "could not be rebuilt reliably; no cells were extracted, check the printed text")
        return table
    grid: list[tuple[Record, list[Frag]]] = []
    for rec in records:
        frags = join_frags(rec.frags, width)
        if len(frags) > width:
            frags = _split_repeats(rec.frags, width) or frags
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
            table.problems.append(f"第 {frags[0].source.line} 行：{len(frags)} 个单元格多于 {width} 列，多余的并入最后一列")
            frags = frags[: width - 1] + [_fold(frags[width - 1:])]
        if len(frags) == width:
            cells = dict(zip(data_cols, frags))
        elif unit_col and frags and not frags[0].is_value and normalize(frags[0].text) in _COLUMN_UNITS \
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
    label_col = _label_column(data_cols, placed, unit_col)
    table.label_column = label_col
    _build_rows(table, placed, serial_col, label_col, unit_col, col_units, date_cols, notes)
    _check_units(table, col_units)
    return table


def _check_units(table: Table, col_units: dict[str, str | None]) -> None:
    """A percentage under a header that counts people or money means the printed header (often two-level,
    `本省（市）` over `就业数` and `比例`) was matched to the wrong columns: say so rather than stay silent."""
    for col, unit in col_units.items():
        if unit in (None, "%", "‰"):
            continue
        cell = next((r.cells[col] for r in table.rows if col in r.cells and r.cells[col].number is not None
                     and r.cells[col].number.kind == "percent"), None)
        if cell is not None:
            table.problems.append(
                f"第 {cell.source.line} 行：列“{col}”以“{unit}”计，却印有百分数 {cell.text}，表头与各列可能未对齐 / "
                f"line {cell.source.line}: column “{col}” counts {unit} but holds the percentage {cell.text}; "
                "the header may be matched to the wrong columns")


def _fold(frags: list[Frag]) -> Frag:
    out = frags[0]
    for f in frags[1:]:
        out = _merge(out, f)
    return out


def _label_column(data_cols: list[str], placed, unit_col) -> str | None:
    text_cols = []
    for c in data_cols:
        if c == unit_col:
            continue
        vals = [cells[c].text for _, cells in placed if c in cells]
        if not vals:
            continue
        texty = sum(1 for v in vals if not is_value_token(v) or _YEARISH_RE.match(normalize(v)))
        if texty * 2 >= len(vals):
            text_cols.append(c)
    if not text_cols:
        return None
    first = text_cols[0]
    for c in text_cols:
        vals = [cells[c].text for _, cells in placed if c in cells]
        if len(set(vals)) == len(vals) == len(placed):
            return c if _prefer_unique(first, c, placed) else first
    return first


def _prefer_unique(first: str, candidate: str, placed) -> bool:
    """A later unique column names rows better than a first column that repeats (filled-down groups)."""
    if candidate == first:
        return True
    firsts = [cells.get(first) for _, cells in placed]
    # Repeats that come from filling down or from "其中" hierarchies: keep the first column for the latter.
    return not any(f is not None and _QIZHONG_RE.match(f.text) for f in firsts)


def _clean_label(text: str, footnotes: set[str]) -> str:
    label = "".join(text.split())
    label = _QIZHONG_RE.sub("", label)
    m = re.match(r"^(.*?)\*+(\d{0,2})$", label)
    if m:
        label = m.group(1)
    elif footnotes:
        m = re.match(r"^(.*?\D)(\d{1,2})$", label)
        if m and m.group(2) in footnotes:
            label = m.group(1)
    return label.rstrip("*").strip()


def _build_rows(table: Table, placed, serial_col, label_col, unit_col, col_units, date_cols, notes) -> None:
    """Rows with unique labels: `*` and footnote marks and "其中：" dropped, repeats qualified by their group."""
    footnotes = {m.group(1) for n in notes if (m := _FOOTNOTE_RE.match(n))}
    used = _Labels()
    group: str | None = None  # label of the last numbered (序号) row, or of the last top-level row
    group_bases: set[str] = set()  # labels printed so far under `group`
    prev_base: str | None = None
    for n, (rec, cells) in enumerate(placed, start=1):
        unit = None
        if unit_col and unit_col in cells:
            unit = "".join(cells[unit_col].text.split())
            unit = None if unit in MISSING_MARKS else unit
        row_cells: dict[str, Cell] = {}
        if serial_col and rec.serial is not None:
            row_cells[serial_col] = Cell(rec.serial, None, rec.serial_source or SourceRef(0))
        for col in table.columns:
            if col not in cells:
                continue
            frag = cells[col]
            number = None if col in (label_col, unit_col) or _CODE_HEADER_RE.search(col) \
                else parse_cell(frag.text, unit or col_units.get(col), col in date_cols)
            row_cells[col] = Cell(frag.text, number, frag.source)
        raw_text = cells[label_col].text if label_col and label_col in cells else None
        is_child = bool(raw_text and _QIZHONG_RE.match(raw_text.strip()))
        if raw_text is not None:
            base = _clean_label(raw_text, footnotes)
        elif label_col and prev_base and unit:
            base = f"{prev_base}/{unit}"  # "学时 28674 89034" below "教学计划内课程总数 门 489 166"
        else:
            base = f"第{n}行"
        top = rec.serial is not None if serial_col else not is_child
        repeated_in_group = not top and base in group_bases
        label = _unique_label(base, used, None if top else group, prev_base, cells, label_col, unit_col,
                              repeated_in_group)
        used.add(label)
        label_cell = row_cells.get(label_col) if label_col else None
        first = label_cell or next((c for k, c in row_cells.items() if k != serial_col), None)
        source = first.source if first else (rec.serial_source or table.source)
        parent = None if top else group
        table.rows.append(Row(label=label, cells=row_cells, source=source, serial=rec.serial, parent=parent))
        if top:
            group = label
            group_bases = set()
        else:
            group_bases.add(base)
        if raw_text is not None:
            prev_base = base


def _unique_label(base: str, used: set[str], group: str | None, prev_base: str | None, cells, label_col,
                  unit_col, repeated_in_group: bool = False) -> str:
    candidates = [base]
    if group and repeated_in_group and prev_base and prev_base != base:
        # "接入…数" printed under each of 国家级/省级/校级数量: "group/base" would read as the group's own item.
        candidates = [f"{group}/{prev_base}/{base}"]
    elif group:
        candidates.append(f"{group}/{base}")
        if prev_base and prev_base != base:
            candidates.append(f"{group}/{prev_base}/{base}")
    else:
        other = next((f.text for c, f in cells.items() if c not in (label_col, unit_col) and not f.is_value), None)
        if other:
            candidates.append(f"{base}/{''.join(other.split())}")
    for label in candidates:
        if label not in used:
            return label
    stem = candidates[-1]
    suffixes = getattr(used, "suffixes", {})
    k = suffixes.get(stem, 2)  # where the last search for this stem stopped: 50,000 equal labels stay linear
    while f"{stem}#{k}" in used:
        k += 1
    suffixes[stem] = k + 1
    return f"{stem}#{k}"


class _Labels(set):
    """The row labels given so far, and for each repeated label the next `#k` suffix to try."""

    def __init__(self) -> None:
        super().__init__()
        self.suffixes: dict[str, int] = {}


# ---------------------------------------------------------------- tables whose cells are already separated


def build_table(key: str, caption: str, source: SourceRef, section: str | None, grid: list[list[Cell]],
                notes: list[str] | tuple[str, ...] = ()) -> Table:
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
    columns = _unique(titles)
    has_serial = bool(columns) and columns[0].startswith(_SERIAL_HEADERS)
    records: list[Record] = []
    for r in rows[n_header:]:
        serial = r[0].text.strip() if has_serial else None
        cells = r[1:] if has_serial else r
        frags = [Frag(c.text.strip(), c.source, i, i == 0, len(cells), len(c.text)) for i, c in enumerate(cells)]
        records.append(Record(frags=frags, serial=serial or None, serial_source=r[0].source))
    table = Table(key=key, caption=caption, source=source, section=section, columns=columns, label_column=None)
    table.problems.extend(f"注：{n}" for n in notes)
    serial_col = columns[0] if has_serial else None
    data_cols = columns[1:] if has_serial else columns
    placed = [(rec, {c: f for c, f in zip(data_cols, rec.frags) if f.text}) for rec in records]
    unit_col = next((c for c in data_cols if c in _UNIT_HEADERS), None)
    label_col = _label_column(data_cols, placed, unit_col)
    table.label_column = label_col
    col_units = {c: _unit_of_header(c) for c in data_cols}
    date_cols = {c for c in data_cols if _DATE_HEADER_RE.search(c)}
    _build_rows(table, placed, serial_col, label_col, unit_col, col_units, date_cols, list(notes))
    _check_units(table, col_units)
    return table


def _looks_like_data_row(row: list[Cell]) -> bool:
    first = normalize(row[0].text) if row else ""
    return bool(_INT_RE.match(first))
