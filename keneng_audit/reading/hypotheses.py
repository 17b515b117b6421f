"""Multi-hypothesis reading of a table's printed lines: candidate readings, one consistency score, the best kept."""

from __future__ import annotations

import re

from keneng_audit.document import SourceRef
from keneng_audit.numbers import parse_number
from keneng_audit.reading.places import span
from keneng_audit.reading.layout import LayoutTable, by_index, header_counts, printed_lines, read_layout
from keneng_audit.reading.tokens import YEARISH_RE, closes, is_value_token, split_line

_UNIT_GROUP_RE = re.compile(r"[（(][^（()）]{1,6}[）)]")
_CONTINUES = "）)、，,》”"  # a piece that starts so continues the text before it


def best_layout(lines: list[tuple[str, SourceRef]], serial_titles: tuple[str, ...]) -> LayoutTable:
    """The reading of a table whose numbers are most consistent, among: cells placed by their printed position
    or by their order on the line; each header length the lines allow. Readings that score alike but place
    cells differently are named in the table's problems (KA002) rather than chosen silently."""
    printed, notes = printed_lines(lines)
    candidates: list[tuple[float, int, str, LayoutTable]] = []
    for arrangement, rows in (("position", printed), ("order", by_index(printed))):
        if arrangement == "order" and not _uneven(printed):
            continue  # every line has its cells where the header's are: order and position agree
        for n_header in header_counts(rows):
            table = read_layout(rows, notes, n_header, serial_titles)
            # By order, a header line with fewer cells than the table has columns is placed by a guess.
            guessed = sum(1 for segs, _ in rows[:n_header] if len(segs) != len(table.columns)) \
                if arrangement == "order" else 0
            candidates.append((score(table) + guessed, len(candidates), f"{arrangement}/{n_header}", table))
    candidates.sort(key=lambda c: (c[0], c[1]))
    best = candidates[0]
    rivals = [c for c in candidates[1:] if c[0] == best[0] and _cells(c[3]) != _cells(best[3])]
    if rivals and lines:
        zh, en = span([lines[0][1], lines[-1][1]])
        best[3].problems.append(
            f"{zh}：各列可按位置或按顺序读出，两种读法同样一致，已按{_zh(best[2])}读取，请核对原文 / "
            f"{en}: the columns read as consistently by position as by order; read by "
            f"{best[2].split('/')[0]}, check the printed text")
    return best[3]


def _zh(name: str) -> str:
    return "位置" if name.startswith("position") else "顺序"


def _uneven(printed) -> bool:
    """Whether some line with as many cells as the header puts one where the header has none (blanks that do
    not line up), so reading cells by their order may differ from reading them by position."""
    counts = [len(segs) for segs, _ in printed if len(segs) >= 2]
    if not counts:
        return False
    width = max(set(counts), key=counts.count)
    full = [segs for segs, _ in printed if len(segs) == width]
    for i in range(width):
        starts = [segs[i].start for segs in full]
        ends = [segs[i].end for segs in full]
        if max(starts) >= min(ends):  # the i-th cells of these lines share no column
            return True
    return False


def _cells(table: LayoutTable) -> list[list[str]]:
    return [table.columns] + [[frag.text for _, frag in sorted(cells.items())] for _, cells in table.rows]


def score(table: LayoutTable) -> float:
    """How inconsistent a reading is (lower is better): cells holding words and numbers together, columns
    mixing numbers with words, header titles missing or holding two titles, cells left empty, rows unsettled."""
    width = len(table.columns)
    label = 1 if table.has_serial and width > 1 else 0
    penalty = 0.0
    kinds: dict[int, list[bool]] = {}
    for _, cells in table.rows:
        for i, frag in cells.items():
            if _mixed(frag.text):
                penalty += 2
            elif i != label:
                kinds.setdefault(i, []).append(is_value_token(frag.text))
        penalty += 0.25 * max(0, width - len(cells))
    penalty += sum(min(v.count(True), v.count(False)) for v in kinds.values())
    # A row label or title that starts with what continues a word, or leaves a bracket open, is a piece of one.
    penalty += sum(2 for _, cells in table.rows if label in cells and not _whole(cells[label].text))
    penalty += sum(2 for title in table.columns if title and not _whole(title))
    penalty += sum(1 for title in table.columns if not title)
    penalty += sum(2 for title in table.columns if len(_UNIT_GROUP_RE.findall(title)) >= 2)
    penalty += len(table.problems)
    return penalty - 0.5 * _totals_that_add_up(table, label)


_TOTAL_RE = re.compile(r"^(合计|总计|总数|小计|共计)")


def _totals_that_add_up(table: LayoutTable, label: int) -> int:
    """How many columns a 合计 row (first or last) adds up in, within what rounding allows: a reading that
    puts each number in its column makes the totals come out."""
    rows = [cells for _, cells in table.rows]
    totals = [k for k, cells in enumerate(rows) if label in cells
              and _TOTAL_RE.match("".join(cells[label].text.split()))]
    if len(totals) != 1 or len(rows) < 3:
        return 0
    total = rows[totals[0]]
    parts = [cells for k, cells in enumerate(rows) if k != totals[0]]
    found = 0
    for i, frag in total.items():
        number = parse_number(frag.text) if i != label else None
        values = [parse_number(cells[i].text) if i in cells else None for cells in parts]
        if number is None or any(v is None for v in values):
            continue
        # Whole numbers are counts, printed exactly; decimals were rounded to what is printed.
        slack = sum(0.5 * 10 ** -v.decimals for v in values + [number] if v.decimals)
        if abs(sum(v.value for v in values) - number.value) <= slack:
            found += 1
    return found


def _whole(text: str) -> bool:
    return text[:1] not in _CONTINUES and closes(text)


def _mixed(text: str) -> bool:
    """A cell of words and a separate number (`合计 2100`): two cells read as one."""
    pieces = split_line(text)
    if len(pieces) < 2:
        return False
    values = [is_value_token(p) and not YEARISH_RE.match(p) for p in pieces]
    return any(values) and not all(values)
