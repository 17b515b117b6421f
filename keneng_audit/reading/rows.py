"""Rows from cells placed in columns: the label column, unique labels, 其中 groups, numbers typed by unit."""

from __future__ import annotations

import re

from keneng_audit.document import Cell, Row, SourceRef, Table
from keneng_audit.numbers import MISSING_MARKS, normalize, parse_cell
from keneng_audit.reading.places import at
from keneng_audit.reading.tokens import FOOTNOTE_RE, QIZHONG_RE, YEARISH_RE, is_value_token

DATE_HEADER_RE = re.compile(r"时间|日期|年月")
# Codes, ID and phone numbers are printed with digits but are names, not quantities: no arithmetic on them.
_CODE_HEADER_RE = re.compile(r"代码|编码|编号|号码|学号|工号|电话|邮编|ISBN", re.IGNORECASE)
UNIT_HEADERS = ("单位",)


def check_units(table: Table, col_units: dict[str, str | None]) -> None:
    """A percentage under a header that counts people or money means the printed header (often two-level,
    `本省（市）` over `就业数` and `比例`) was matched to the wrong columns: say so rather than stay silent."""
    for col, unit in col_units.items():
        if unit in (None, "%", "‰"):
            continue
        cell = next((r.cells[col] for r in table.rows if col in r.cells and r.cells[col].number is not None
                     and r.cells[col].number.kind == "percent"), None)
        if cell is not None:
            zh, en = at(cell.source)
            titles = [c for c in table.columns if c != table.label_column]
            values = max(sum(1 for c in r.cells.values() if c.number is not None) for r in table.rows)
            table.problems.append(
                f"{zh}：列“{col}”以“{unit}”计，却印有百分数 {cell.text}，表头与各列可能未对齐：表头读出 "
                f"{len(titles)} 个数值列标题（{'、'.join(titles)}），每行最多 {values} 个数值，表头若分层印刷，"
                f"标题与数值的对应无法确定 / {en}: column “{col}” counts {unit} but holds the percentage "
                f"{cell.text}; the header may be matched to the wrong columns: it gave {len(titles)} titles of "
                f"value columns ({', '.join(titles)}) for at most {values} values a row; where a header is printed "
                "in levels, which title stands over which value cannot be settled")


def mark_unreadable(table: Table, skip: set[str]) -> None:
    """Cells printed in a column of numbers that print a number the reader cannot read (`(12)`, `约200`,
    `10-12`) stand for some value the reader cannot tell: marked, so no relation over them is checked (a
    relation that silently left them out could fail on numbers the report never printed), and named in KA002."""
    for col in table.columns:
        if col in skip or _CODE_HEADER_RE.search(col) or DATE_HEADER_RE.search(col):
            continue
        cells = [(r, r.cells[col]) for r in table.rows if col in r.cells]
        numbers = sum(1 for _, c in cells if c.number is not None)
        filled = [(r, c) for r, c in cells if c.number is None and not _empty(c.text)]
        if not filled or numbers < 2 or numbers < 2 * len(filled):
            continue
        for row, cell in filled:
            row.cells[col] = Cell(cell.text, None, cell.source, unreadable=True)
            zh, en = at(cell.source)
            table.problems.append(
                f"{zh}：“{row.label}”的“{col}”印为“{cell.text}”，不是可读的数值，涉及它的关系未核查 / "
                f"{en}: '{row.label}' / '{col}' is printed as '{cell.text}', not a readable "
                "number; the relations over it were not checked")


def _empty(text: str) -> bool:
    """Prints no number: a mark or words (`—`, `不适用`, `仅限高职填报`) that a sum rightly leaves out."""
    return not any(ch.isdigit() for ch in normalize(text))


def label_column(data_cols: list[str], placed, unit_col) -> str | None:
    text_cols = []
    for c in data_cols:
        if c == unit_col:
            continue
        vals = [cells[c].text for _, cells in placed if c in cells]
        if not vals:
            continue
        texty = sum(1 for v in vals if not is_value_token(v) or YEARISH_RE.match(normalize(v)))
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
    return not any(f is not None and QIZHONG_RE.match(f.text) for f in firsts)


def _clean_label(text: str, footnotes: set[str]) -> str:
    label = "".join(text.split())
    label = QIZHONG_RE.sub("", label)
    m = re.match(r"^(.*?)\*+(\d{0,2})$", label)
    if m:
        label = m.group(1)
    elif footnotes:
        m = re.match(r"^(.*?\D)(\d{1,2})$", label)
        if m and m.group(2) in footnotes:
            label = m.group(1)
    return label.rstrip("*").strip()


_REMARK_HEADERS = ("备注", "说明", "注")
_COUNT_HEADER_RE = re.compile(r"(人数|人次|个数|数量)$")
_GRAND_TOTAL_RE = re.compile(r"^(合计|总计|小计)[\s—－\-/]*$")


def build_rows(table: Table, placed, serial_col, label_col, unit_col, col_units, date_cols, notes) -> None:
    """Rows with unique labels: `*` and footnote marks and "其中：" dropped, repeats qualified by their group."""
    footnotes = {m.group(1) for n in notes if (m := FOOTNOTE_RE.match(n))}
    used = _Labels()
    group: str | None = None  # label of the last numbered (序号) row, or of the last top-level row
    group_bases: set[str] = set()  # labels printed so far under `group`
    prev_base: str | None = None
    # a label merged down (or filled down) over a group of rows names the group: each of its rows is `group/name`
    texts = ["".join(cells[label_col].text.split()) if label_col and label_col in cells else None
             for _, cells in placed]
    spread = {t for a, t in zip(texts, texts[1:]) if t and t == a}
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
            # the row's 单位 is its indicator's (满意度 in %), not that of a column of counts beside it (调查人数)
            own = None if unit == "%" and _COUNT_HEADER_RE.search(col) and not col_units.get(col) else unit
            number = None if col in (label_col, unit_col) or _CODE_HEADER_RE.search(col) \
                else parse_cell(frag.text, own or col_units.get(col) or table.unit, col in date_cols)
            row_cells[col] = Cell(frag.text, number, frag.source)
        raw_text = cells[label_col].text if label_col and label_col in cells else None
        is_child = bool(raw_text and QIZHONG_RE.match(raw_text.strip()))
        if raw_text is not None:
            base = _clean_label(raw_text, footnotes)
        elif label_col and prev_base and unit:
            base = f"{prev_base}/{unit}"  # "学时 28674 89034" below "教学计划内课程总数 门 489 166"
        else:
            base = f"第{n}行"
        # A row without a serial belongs to the numbered row above it (the template's 其中 items), except the
        # table's grand total.
        top = rec.serial is not None or bool(_GRAND_TOTAL_RE.match(base)) if serial_col else not is_child
        repeated_in_group = not top and base in group_bases
        label = _unique_label(base, used, None if top else group, prev_base, cells, label_col, unit_col,
                              repeated_in_group, raw_text is not None and "".join(raw_text.split()) in spread)
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
                  unit_col, repeated_in_group: bool = False, spread: bool = False) -> str:
    candidates = [base]
    if group and repeated_in_group and prev_base and prev_base != base:
        # "接入…数" printed under each of 国家级/省级/校级数量: "group/base" would read as the group's own item.
        candidates = [f"{group}/{prev_base}/{base}"]
    elif group:
        candidates.append(f"{group}/{base}")
        if prev_base and prev_base != base:
            candidates.append(f"{group}/{prev_base}/{base}")
    else:
        found = next(((c, f.text) for c, f in cells.items() if c not in (label_col, unit_col) and not f.is_value),
                     None)
        if found:
            qualified = f"{base}/{''.join(found[1].split())}"
            # a remark (备注) names no row: it qualifies a repeated label only where nothing else does
            first = spread and not any(w in found[0] for w in _REMARK_HEADERS)
            candidates = [qualified, base] if first else [base, qualified]
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


_PERIOD_LABEL_RE = re.compile(r"^(19|20)\d{2}(\s*[-－—~～至]\s*(19|20)\d{2})?\s*(学年度|学年|年度|年)?$")
_YEAR_IN_HEADER_RE = re.compile(r"(19|20)\d{2}")


def period_axis(table: Table) -> str | None:
    """Where a table's periods run: "rows" when its row labels are years (2022 / 2023 / 2024), "columns" when
    two or more headers name a year (`2023年`, `2023-2024学年度（人）`), else None."""
    if table.label_column:
        labels = [normalize(r.cells[table.label_column].text) for r in table.rows if table.label_column in r.cells]
        if len(labels) >= 2 and sum(1 for t in labels if _PERIOD_LABEL_RE.match(t)) * 3 >= len(labels) * 2:
            return "rows"
    years = [c for c in table.columns if c != table.label_column and _YEAR_IN_HEADER_RE.search(c)]
    return "columns" if len(years) >= 2 else None
