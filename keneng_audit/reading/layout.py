"""Tables printed with columns aligned by runs of spaces (`pdftotext -layout`): columns by position, wraps joined."""

from __future__ import annotations

import re
from dataclasses import dataclass

from keneng_audit.document import SourceRef
from keneng_audit.normalize import fold_digits
from keneng_audit.reading.places import listed
from keneng_audit.reading.records import Frag, Record
from keneng_audit.reading.tokens import closes, is_footnote, is_note, is_value_token, squash
from keneng_audit.reading.wraps import display_width as _width

_GAP_RE = re.compile(r"\S(?: {2,}|\t+)\S")
_SEGMENT_RE = re.compile(r"\S+(?: \S+)*")  # single blanks stay inside a cell ("王 芳", "2023 年")
_YEAR_RE = re.compile(r"^(19|20)\d{2}$")
_CONTINUES = "）)、，,》”"  # a printed line that starts so continues the cell above


@dataclass(frozen=True)
class Segment:
    """One cell's text on one printed line, with its display columns (a CJK character is two wide)."""

    start: int
    end: int
    text: str


@dataclass
class Line:
    """One printed line of an aligned table: its cells, where it was printed, and its text per column."""

    segments: list[Segment]
    source: SourceRef
    cols: dict[int, str]  # column index → text on this line


def segments(raw: str) -> list[Segment]:
    """The cells of one printed line: pieces separated by two or more blanks (or a tab), with positions."""
    out: list[Segment] = []
    if "\t" in raw.strip():
        return _tab_cells(raw)
    text = raw.replace("\f", "").rstrip()
    for m in _SEGMENT_RE.finditer(text):
        start = _width(text[:m.start()])
        out.append(Segment(start, start + _width(m.group()), fold_digits(m.group())))
    return out


# Tab-separated cells (Word or a spreadsheet saved as text) do not line up by position; the n-th cell of a line
# is placed at the n-th tab stop so that columns are matched by their index. A stop is wider than any cell.
_TAB_STOP = 4096


def _tab_cells(raw: str) -> list[Segment]:
    out: list[Segment] = []
    for i, cell in enumerate(raw.replace("\f", "").rstrip().split("\t")):
        for m in _SEGMENT_RE.finditer(cell):
            start = i * _TAB_STOP + _width(cell[:m.start()])
            out.append(Segment(start, min(start + _width(m.group()), (i + 1) * _TAB_STOP - 2), fold_digits(m.group())))
    return out


def is_aligned(raw: str) -> bool:
    """Whether a printed line holds several cells set apart by runs of blanks."""
    return bool(_GAP_RE.search(raw.strip()))


def looks_aligned(lines: list[tuple[str, SourceRef]]) -> bool:
    """Whether a table's lines are printed in aligned columns (then positions, not blanks, separate cells)."""
    texts = [t for t, _ in lines if t.strip() and not is_note(t) and not is_footnote(t)]
    aligned = sum(1 for t in texts if is_aligned(t))
    return aligned >= 2 and aligned * 2 >= len(texts)


def _overlap(seg: Segment, lo: int, hi: int) -> int:
    return min(seg.end, hi) - max(seg.start, lo)


def _columns(rows: list[list[Segment]]) -> list[tuple[int, int]]:
    """Column spans from the lines that print a cell in every column: the union of each column's cells."""
    counts: dict[int, int] = {}
    for segs in rows:
        counts[len(segs)] = counts.get(len(segs), 0) + 1
    width = max(counts, key=lambda k: (counts[k] * (k >= 2), k))
    full = [segs for segs in rows if len(segs) == width]
    spans = [(min(s[i].start for s in full), max(s[i].end for s in full)) for i in range(width)]
    # A line with more cells than most (a row whose first cells are empty does not count) adds columns.
    for segs in rows:
        for seg in segs:
            if not any(_overlap(seg, lo, hi) > 0 for lo, hi in spans) and \
                    all(seg.start >= hi + 2 or seg.end <= lo - 2 for lo, hi in spans):
                spans.append((seg.start, seg.end))
    return sorted(spans)


def _assign(seg: Segment, spans: list[tuple[int, int]]) -> list[int]:
    """The columns a cell belongs to: those it overlaps (several for a title spanning a group), else the nearest."""
    hits = [i for i, (lo, hi) in enumerate(spans) if _overlap(seg, lo, hi) > 0]
    if len(hits) > 1:
        # A cell slightly wider than its column touches a neighbour: keep the column it covers most, unless
        # it covers most of each (a group title over several columns).
        covered = [i for i in hits if _overlap(seg, *spans[i]) * 2 >= spans[i][1] - spans[i][0]]
        if len(covered) > 1:
            return covered
        return [max(hits, key=lambda i: _overlap(seg, *spans[i]))]
    if hits:
        return hits
    centre = (seg.start + seg.end) / 2
    return [min(range(len(spans)), key=lambda i: abs((spans[i][0] + spans[i][1]) / 2 - centre))]


def _join(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if out and re.search(r"[A-Za-z0-9]$", out) and re.match(r"[A-Za-z0-9]", part):
            out += " "
        out += part
    return out


@dataclass
class LayoutTable:
    """What aligned lines hold: column titles, each row's cells by column index, notes, what stayed unsettled."""

    columns: list[str]
    rows: list[tuple[Record, dict[int, Frag]]]
    notes: list[str]
    problems: list[str]
    has_serial: bool


def _is_header_value(seg: Segment) -> bool:
    return is_value_token(seg.text) and not _YEAR_RE.match(seg.text)


def printed_lines(lines: list[tuple[str, SourceRef]]) -> tuple[list[tuple[list[Segment], SourceRef]], list[str]]:
    """A table's printed lines as cells with positions, and the notes printed under it."""
    notes: list[str] = []
    printed: list[tuple[list[Segment], SourceRef]] = []
    for text, source in lines:
        if not text.strip():
            continue
        if notes or is_note(text.strip()) or is_footnote(text.strip()):
            notes.append(text.strip())
            continue
        printed.append((segments(text), source))
    return printed, notes


def by_index(printed: list[tuple[list[Segment], SourceRef]]) -> list[tuple[list[Segment], SourceRef]]:
    """The same lines with the n-th cell of every line in the n-th column: cells set apart by blanks that do
    not line up (`合计    2100` under `专业    人数（人）`)."""
    return [([Segment(i * _TAB_STOP, i * _TAB_STOP + min(s.end - s.start, _TAB_STOP - 2), s.text)
              for i, s in enumerate(segs)], source) for segs, source in printed]


def header_counts(printed: list[tuple[list[Segment], SourceRef]]) -> list[int]:
    """How many lines the header may take: up to the first line with values after its first cell; fewer when
    the lines just above it look like a row label wrapped above its values (the first count is the likelier)."""
    first_value = next((k for k, (segs, _) in enumerate(printed)
                        if len(segs) >= 2 and any(_is_header_value(s) for s in segs[1:])), None)
    if first_value is None:  # a table of words: its first line is the header
        return [1 if len(printed) > 1 else 0]
    counts = [first_value]
    # A label wrapped above the first row's values is body, not header: it leaves a bracket open, or the row's
    # own label part starts with what continues a word.
    while first_value > 1 and len(printed[first_value - 1][0]) == 1 and printed[first_value][0]:
        above, below = printed[first_value - 1][0][0], printed[first_value][0][0]
        if abs(above.start - below.start) > 1 or (closes(above.text) and below.text[0] not in _CONTINUES):
            break
        first_value -= 1
    return [first_value] + [c for c in counts if c != first_value]


def read_layout(printed: list[tuple[list[Segment], SourceRef]], notes: list[str], n_header: int,
                serial_titles: tuple[str, ...]) -> LayoutTable:
    """One reading of a table's lines: columns from the lines that fill every column; the first `n_header`
    lines joined per column into titles; each row's lines (a label wrapped above or below the line of its
    values) gathered into one row."""
    header, body = printed[:n_header], printed[n_header:]
    spans = _columns([segs for segs, _ in body if len(segs) >= 2] or [segs for segs, _ in printed])
    spans = _widen(spans, [seg for segs, _ in header for seg in segs])
    titles: list[list[str]] = [[] for _ in spans]
    for n, (segs, _) in enumerate(header):
        groups = _groups(segs, spans, header[-1][0]) if n < len(header) - 1 else None
        for seg in segs:
            for i in (groups or {}).get(id(seg)) or _assign(seg, spans):
                titles[i].append(seg.text)
    columns = ["".join(_join(parts).split()) for parts in titles]
    has_serial = bool(columns) and squash(columns[0]).startswith(serial_titles)
    label = 1 if has_serial and len(spans) > 1 else 0
    header_keys = [squash(" ".join(s.text for s in segs)) for segs, _ in header]
    lines_out: list[Line] = []
    for segs, source in body:
        if squash(" ".join(s.text for s in segs)) in header_keys:
            continue  # the header printed again after a page break
        cols: dict[int, list[str]] = {}
        for seg in segs:
            cols.setdefault(_assign(seg, spans)[0], []).append(seg.text)
        lines_out.append(_total_across(Line(segs, source, {i: " ".join(t) for i, t in cols.items()}), label,
                                       has_serial, len(spans)))
    label_width = max((_width(line.cols[label]) for line in lines_out if label in line.cols), default=0)
    rows, problems = _rows(lines_out, label, has_serial, label_width)
    return LayoutTable(columns, rows, notes, problems, has_serial)


def _groups(segs: list[Segment], spans: list[tuple[int, int]], bottom: list[Segment]) -> dict[int, list[int]] | None:
    """A group line of a two-level header (`2023 年` / `2024 年`, each centred over its `人数 占比（%）` pair): k
    titles over the k·g value columns the header's last line names one by one, each title over its own g
    columns in order. The columns each title covers, by the title's id; None for any other line."""
    cells = [seg for seg in segs if _assign(seg, spans)[0] != 0]
    m = len(spans) - 1
    if len(cells) < 2 or m < 2 * len(cells) or m % len(cells):
        return None
    if not set(range(1, len(spans))) <= {i for seg in bottom for i in _assign(seg, spans)}:
        return None
    g = m // len(cells)
    out: dict[int, list[int]] = {}
    for k, seg in enumerate(cells):
        cols = list(range(1 + k * g, 1 + (k + 1) * g))
        if not spans[cols[0]][0] - 2 <= (seg.start + seg.end) / 2 <= spans[cols[-1]][1] + 2:
            return None
        out[id(seg)] = cols
    return out


def _widen(spans: list[tuple[int, int]], cells: list[Segment]) -> list[tuple[int, int]]:
    """Header titles stretch the one column they stand over (left-aligned titles over right-aligned numbers)."""
    spans = list(spans)
    for seg in cells:
        hits = _assign(seg, spans)
        if len(hits) != 1:
            continue
        i = hits[0]
        lo, hi = min(spans[i][0], seg.start), max(spans[i][1], seg.end)
        if (i == 0 or lo >= spans[i - 1][1] + 1) and (i == len(spans) - 1 or hi <= spans[i + 1][0] - 1):
            spans[i] = (lo, hi)
    return spans


_TOTAL = re.compile(r"^(?:合计|总计|小计|共计)[\s:：]*$")


def _is_total(line: Line, label: int) -> bool:
    """A 合计 line with values of its own, its word in the label or the 序号 column: a row of its own wherever it
    stands (first, last), never part of a numbered row beside it."""
    words = [line.cols[i] for i in (0, label) if i in line.cols]
    return any(_TOTAL.match(squash(w)) for w in words) and any(i not in (0, label) for i in line.cols)


def _total_across(line: Line, label: int, has_serial: bool, width: int) -> Line:
    """`合计<TAB>1210<TAB>…`: a 合计 merged across the 序号 and label cells, its values one cell short and shifted
    left by one; put back under their columns (the 合计 as the label)."""
    cols = line.cols
    if not has_serial or label != 1 or 0 not in cols or not _TOTAL.match(squash(cols[0])) \
            or label not in cols or not is_value_token(cols[label]) or sorted(cols) != list(range(width - 1)):
        return line
    moved = {label: cols[0]} | {i + 1: text for i, text in cols.items() if i >= 1}
    return Line(line.segments, line.source, moved)


def _is_anchor(line: Line, label: int, has_serial: bool) -> bool:
    """A line that starts a row: its serial number (or a 合计 with values), or cells beyond the label column."""
    if has_serial:
        return 0 in line.cols and re.fullmatch(r"\d{1,3}", line.cols[0]) is not None or _is_total(line, label)
    return any(i != label for i in line.cols)


def _penalty(parts: list[str], width: int) -> float:
    """How little a label joined from `parts` looks like one whole label: brackets left open, a part starting
    with what continues a word, a part other than the last that stops well short of the column's width."""
    label = "".join(parts)
    score = 0.0
    if label and label[0] in _CONTINUES:
        score += 2
    if not closes(label):
        score += 2
    score += sum(1.5 for p in parts[:-1] if _width(p) < 0.8 * width)
    return score


def _rows(lines: list[Line], label: int, has_serial: bool, width: int
          ) -> tuple[list[tuple[Record, dict[int, Frag]]], list[str]]:
    """Rows from printed lines. A line holding only part of a label continues the row above (cells aligned to
    the top) or begins the row below (cells centred): both readings are built and the one whose labels look
    whole wins; where both look alike, the line is named as unsettled."""
    anchors = [k for k, line in enumerate(lines) if _is_anchor(line, label, has_serial)]
    if has_serial:  # a line with its own values under a row that has its values is a row without a 序号 (其中…)
        valued = [any(i not in (0, label) for i in line.cols) for line in lines]
        rows_have = False
        for k, line in enumerate(lines):
            if k in anchors:
                rows_have = valued[k]
            elif valued[k] and rows_have and label in line.cols:
                anchors.append(k)
            else:
                rows_have = rows_have or valued[k]
        anchors.sort()
    anchors = anchors or list(range(len(lines)))
    anchor_set = set(anchors)
    loose = [k for k in range(len(lines)) if k not in anchor_set]
    readings: dict[str, dict[int, int]] = {}
    for mode in ("up", "down"):
        owner = {}
        for k in loose:
            before = [a for a in anchors if a < k]
            after = [a for a in anchors if a > k]
            if not before or (mode == "down" and after and set(lines[k].cols) <= {label}):
                owner[k] = after[0] if after else k
            else:
                owner[k] = before[-1]
        readings[mode] = owner

    def members(owner: dict[int, int], a: int) -> list[int]:
        return sorted([a] + [k for k, o in owner.items() if o == a and k != a])

    scores = {mode: sum(_penalty([lines[k].cols[label] for k in members(owner, a) if label in lines[k].cols],
                                 width) for a in anchors)
              for mode, owner in readings.items()}
    best = "down" if scores["down"] < scores["up"] else "up"
    problems = []
    unsure = [lines[k].source for k in loose if readings["up"][k] != readings["down"][k]]
    if scores["down"] == scores["up"] and unsure:
        zh, en = listed(unsure)
        problems.append(f"{zh}：只印有行名的一部分，无法确定属于上一行还是下一行，已并入上一行 / "
                        f"{en}: part of a row label alone on its line could belong to the row above or "
                        "below; joined to the row above")
    owner = readings[best]
    return [_row(lines, members(owner, a), a, label, has_serial) for a in anchors], problems


def _row(lines: list[Line], members: list[int], anchor: int, label: int, has_serial: bool
         ) -> tuple[Record, dict[int, Frag]]:
    """One row's cells: each column's pieces joined top to bottom; every cell keeps the line it starts on."""
    pieces: dict[int, list[tuple[str, SourceRef]]] = {}
    for k in members:
        for i, text in lines[k].cols.items():
            pieces.setdefault(i, []).append((text, lines[k].source))
    record = Record()
    if has_serial and 0 in pieces and label not in pieces and label != 0 \
            and _TOTAL.match(squash(" ".join(t for t, _ in pieces[0]))):
        pieces[label] = pieces.pop(0)  # `合计` printed in the 序号 column: the row's label, not a serial
    if has_serial and 0 in pieces:
        record.serial, record.serial_source = pieces.pop(0)[0]
    cells: dict[int, Frag] = {}
    for i, parts in sorted(pieces.items()):
        texts = [t for t, _ in parts]
        text = " ".join(texts) if all(is_value_token(t) for t in texts) and i != label else _join(texts)
        cells[i] = Frag(text, parts[0][1], i, i == min(pieces), len(pieces), len(text))
    record.frags = list(cells.values())
    return record, cells
