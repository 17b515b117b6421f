"""Tables printed one cell per line (PDF text without layout, copy and paste): regrouped by the header's count."""

from __future__ import annotations

from keneng_audit.document import SourceRef
from keneng_audit.numbers import MISSING_MARKS
from keneng_audit.reading.records import Frag, Record
from keneng_audit.reading.tokens import COLUMN_UNITS, is_value_token, split_line


def one_cell_per_line(lines: list[tuple[str, SourceRef]]) -> bool:
    """Whether every printed line of a table holds a single cell (at least a header and one row's worth)."""
    return len(lines) >= 4 and all(len(split_line(t.strip())) == 1 for t, _ in lines)


def regroup(lines: list[tuple[str, SourceRef]], serial: bool) -> tuple[list[str], list[Record]] | None:
    """The header titles and the rows of a table printed one cell per line: the titles are the lines before the
    first value; each following run of as many lines is a row, provided every row has its values in the same
    places and the words in the same places (else None: the count does not tell where rows end)."""
    texts = [t.strip() for t, _ in lines]
    first = next((k for k, t in enumerate(texts) if is_value_token(t)), None)
    if first is None or first < 2:
        return None
    # The first row's label (words) stands between the titles and the first value.
    width = first - (0 if serial else 1)
    body = lines[width:]
    if width < 2 or not body or len(body) % width:
        return None
    rows = [body[k:k + width] for k in range(0, len(body), width)]
    shape = [is_value_token(t.strip()) for t, _ in rows[0]]
    if not any(shape) or any([is_value_token(t.strip()) for t, _ in row] != shape for row in rows[1:]):
        return None
    titles = ["".join(t.split()) for t in texts[:width]]
    records = []
    for n, row in enumerate(rows, start=1):
        cells = [(t.strip(), s) for t, s in row]
        record = Record()
        if serial:
            (record.serial, record.serial_source), cells = cells[0], cells[1:]
        record.frags = [Frag(t, s, n, i == 0, len(cells), len(t)) for i, (t, s) in enumerate(cells)]
        records.append(record)
    return titles, records


_UNIT_TITLES = ("单位",)


def regroup_by_values(lines: list[tuple[str, SourceRef]]) -> tuple[list[str], list[tuple[Record, dict[int, Frag]]]] | None:
    """A numbered table printed one cell per line whose rows differ in their count of cells (the template's
    appendix tables: a `其中：` row has no 序号, a long label wraps onto a second line): each row is an optional
    序号, its words (label, then a unit where the header has a 单位 column) and as many values as the header has
    columns after its word columns. Returns the titles and (record, column index → piece) per row, or None when
    the lines do not split so (a value where a word belongs, a row short of values, words in a value column)."""
    texts = [t.strip() for t, _ in lines]
    first = next((k for k, t in enumerate(texts) if is_value_token(t)), None)
    if first is None or first < 3 or first + 1 >= len(texts) or is_value_token(texts[first + 1]):
        return None
    titles = ["".join(t.split()) for t in texts[:first]]
    unit_col = next((i for i, t in enumerate(titles) if t in _UNIT_TITLES), None)
    budget = len(titles) - 2 - (unit_col is not None)  # cells after the label (and unit): values, then words
    start = next((k for k in range(first + 1, len(texts)) if is_value_token(texts[k])), None)
    if start is None or budget < 1:
        return None
    if unit_col is not None and texts[start] in MISSING_MARKS:
        start += 1
    n_values = 0
    while n_values < budget and start + n_values < len(texts) and is_value_token(texts[start + n_values]):
        n_values += 1
    n_after = budget - n_values  # `调查方式` after the values: a word per row
    if n_values < 1:
        return None
    rows: list[tuple[Record, dict[int, Frag]]] = []
    k = first
    serial = 0
    while k < len(texts):
        record, cells = Record(), {}
        line_no = len(rows) + 1
        if texts[k].isdigit() and len(texts[k]) <= 3 and k + 1 < len(texts) and not is_value_token(texts[k + 1]):
            record.serial, record.serial_source = texts[k], lines[k][1]
            k += 1
        said = []
        while k < len(texts) and not is_value_token(texts[k]):
            said.append(k)
            k += 1
        if unit_col is not None and said and k < len(texts) and texts[k] in MISSING_MARKS and \
                k + n_values < len(texts) and all(is_value_token(texts[v]) for v in range(k + 1, k + n_values + 1)):
            said.append(k)  # `生师比 —— 21.2:1 21.2:1`: the unit cell marked empty
            k += 1
        worded = _worded_values(texts, said, n_values) if unit_col is not None and not n_after else None
        if worded is not None:  # `在校生数 人 仅限高职 填报 仅限高职填 报`: a phrase in every value cell, wrapped
            u, phrase = worded
            cells[unit_col] = Frag(texts[said[u]], lines[said[u]][1], line_no, False, 1, len(texts[said[u]]))
            label = "".join(texts[j] for j in said[:u])
            cells[1] = Frag(label, lines[said[0]][1], line_no, True, 1, len(label))
            for i in range(n_values):
                cells[len(titles) - n_values + i] = Frag(phrase, lines[said[u + 1]][1], line_no, False, 1, len(phrase))
            rows.append((record, cells))
            continue
        values = list(range(k, min(k + n_values, len(texts))))
        after = list(range(k + n_values, min(k + n_values + n_after, len(texts))))
        if not said or len(values) < n_values or not all(is_value_token(texts[v]) for v in values) \
                or len(after) < n_after or any(is_value_token(texts[a]) for a in after):
            return None
        if record.serial is not None:
            serial = int(record.serial)
        if any(_serial_at(texts, v, serial + 1) and not any(_serial_at(texts, j, serial + 1)
                                                             for j in range(v + 1, len(texts))) for v in values):
            return None  # the next row's 序号 where a value belongs (no later line is): a cell left empty
        if unit_col is not None and rows and len(said) == 1 and texts[said[0]] in COLUMN_UNITS:
            said, unit_only = [], said[0]  # `学时 42,680 45,216` under `课程总数 门 …`: the same indicator in 学时
            cells[unit_col] = Frag(texts[unit_only], lines[unit_only][1], line_no, True, 1, len(texts[unit_only]))
        elif unit_col is not None and len(said) >= 2 and (_unit_like(texts[said[-1]]) or texts[said[-1]] in MISSING_MARKS):
            cells[unit_col] = Frag(texts[said[-1]], lines[said[-1]][1], line_no, False, 1, len(texts[said[-1]]))
            said = said[:-1]
        if said:
            label = "".join(texts[j] for j in said)
            cells[1] = Frag(label, lines[said[0]][1], line_no, True, 1, len(label))
        for i, v in enumerate(values + after):
            cells[len(titles) - n_values - n_after + i] = Frag(texts[v], lines[v][1], line_no, False, 1, len(texts[v]))
        rows.append((record, cells))
        k = (values + after)[-1] + 1
    return (titles, rows) if len(rows) >= 2 else None


def _worded_values(texts: list[str], said: list[int], n_values: int) -> tuple[int, str] | None:
    """(position of the unit in `said`, the phrase) where a row's words are its label, its unit, then one phrase
    printed in each of its `n_values` value cells (however the lines broke it), else None."""
    for u in range(1, len(said) - 1):
        if not _unit_like(texts[said[u]]):
            continue
        rest = "".join(texts[j] for j in said[u + 1:])
        size = len(rest) // n_values
        if size >= 2 and rest == rest[:size] * n_values and not any(ch.isdigit() for ch in rest):
            return u, rest[:size]
    return None


def _serial_at(texts: list[str], k: int, number: int) -> bool:
    """Whether line `k` could be the 序号 `number` opening a row: that number, then words."""
    return texts[k] == str(number) and k + 1 < len(texts) and not is_value_token(texts[k + 1])


def _unit_like(text: str) -> bool:
    """A unit cell: a few characters, no digits (人, %, 元, 学时, 人次, 元/生)."""
    return len(text) <= 4 and not any(ch.isdigit() for ch in text)
