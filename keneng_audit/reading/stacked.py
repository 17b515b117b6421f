"""Tables printed one cell per line (PDF text without layout, copy and paste): regrouped by the header's count."""

from __future__ import annotations

from keneng_audit.document import SourceRef
from keneng_audit.reading.records import Frag, Record
from keneng_audit.reading.tokens import is_value_token, split_line


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
