"""Rate rows of an indicator table (`毕业生人数`, `就业人数`, `就业率（%）` by year): a `X率` row is the row
named X (its part) over the count row the numbers choose (its base), in every year column."""

from __future__ import annotations

from keneng_audit.inference.candidates import Candidate, say
from keneng_audit.inference.model import TableModel
from keneng_audit.inference.words import Words, norm

_RATE_ENDS = ("率", "比例", "占比")


def _kinds(model: TableModel, label: str, columns: list[str]) -> set[str]:
    row = model.table.row(label)
    return {row.cells[c].number.kind for c in columns
            if row is not None and c in row.cells and row.cells[c].number is not None}


def _stem(label: str) -> str | None:
    """`就业率` → `就业`, `升学比例` → `升学`: the part a rate row names."""
    text = norm(label)
    for end in _RATE_ENDS:
        if text.endswith(end) and len(text) > len(end):
            return text[: -len(end)]
    return None


def propose_rate_rows(model: TableModel, words: Words, quantities=None) -> list[Candidate]:
    """A rate row whose name begins like one count row (`就业率` ← `就业人数`): that row over each other count
    row of the table, judged by how many year columns each base holds in."""
    columns = [c.name for c in model.columns if c.role in ("period", "count", "share") and c.name in model.trusted]
    if len(columns) < 2 or model.period_rows:
        return []
    counts = [r.label for r in model.table.rows if r.label not in model.total_rows
              and _kinds(model, r.label, columns) == {"count"} and _stem(r.label) is None]
    out = []
    for row in model.table.rows:
        stem = _stem(row.label)
        if stem is None or len(stem) < 2 or not _kinds(model, row.label, columns) <= {"percent", "decimal"}:
            continue
        parts = [c for c in counts if norm(c).startswith(stem)]
        if len(parts) != 1:
            continue
        part, rate = parts[0], norm(row.label)
        options = [Candidate("share", model.table, {"across": "columns", "cases": columns, "percent": row.label,
                                                    "part": part, "whole": whole},
                             say(f"行“{rate}”：“{norm(part)}”占“{norm(whole)}”的比例",
                                 f"row '{rate}': '{norm(part)}' as a share of '{norm(whole)}'"),
                             text=f"{rate} = {norm(part)} / {norm(whole)}")
                   for whole in counts if whole != part]
        if options:
            options[0].alternatives = options[1:]
            out.append(options[0])
    return out
