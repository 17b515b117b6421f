"""Groups' totals: the table's one grand total among 小计 rows, and each 小计 as the sum of its group."""

from __future__ import annotations

from keneng_audit.facts.tables import is_subtotal
from keneng_audit.inference.candidates import Candidate, say
from keneng_audit.inference.model import TableModel
from keneng_audit.inference.words import Words, norm


def grand_total(model: TableModel) -> str | None:
    """The table's one total row: its only total row unless that is a 小计 (`学历教育小计` over a 社会培训 row),
    or the one that is no 小计 among 小计 rows."""
    grand = [r for r in model.total_rows if not is_subtotal(r)]
    return grand[0] if len(grand) == 1 else None


def summed_columns(model: TableModel, words: Words, total: str) -> list[str]:
    """The columns whose cell in the total row is a sum of the cells above it."""
    row = model.table.row(total)
    cols = []
    for c in model.columns:
        cell = row.cells.get(c.name)
        if cell is None or cell.number is None:
            continue
        if c.role in ("count", "period", "increase") and words.additive(c.name):
            cols.append(c.name)
        elif c.role == "share" and any(w in norm(c.name) for w in words.share_words) and abs(cell.number.value - 100) < 1:
            cols.append(c.name)
    return cols


def propose_subtotals(model: TableModel, words: Words, quantities=None) -> list[Candidate]:
    """Each 小计 row: the sum of its group, the rows between it and the total row above it (or, the reading the
    numbers hold under, below it: some tables print a group's 小计 first)."""
    subs = [r for r in model.total_rows if is_subtotal(r)]
    if not subs:
        return []
    labels = [r.label for r in model.table.rows]
    totals = set(model.total_rows) | set(model.increase_rows)
    out = []
    for sub in subs:
        at = labels.index(sub)
        above, below = [], []
        for label in reversed(labels[:at]):
            if label in totals:
                break
            above.insert(0, label)
        for label in labels[at + 1:]:
            if label in totals:
                break
            below.append(label)
        cols = summed_columns(model, words, sub)
        prefix = sub.rpartition("/")[0]
        if prefix:  # `装备制造大类/小计`: its group is the rows its 大类 names, wherever they stand
            above, below = ([g for g in group if g.startswith(prefix + "/")] for group in (above, below))
        readings = [(group, where) for group, where in ((above, ("其上", "above")), (below, ("其下", "below")))
                    if [g for g in group if g not in model.children]]
        if not cols or not readings:
            continue
        cands = [Candidate("sum", model.table,
                           {"column": cols, "total": sub, "exclude": [r for r in labels if r != sub and r not in group]},
                           say(f"行标签“{norm(sub)}”：{where[0]}本组各行之和", f"row label '{norm(sub)}': the sum of "
                               f"its group's rows {where[1]} it"),
                           text=f"{norm(sub)} = {' + '.join(norm(r) for r in group)}", loose=not prefix)
                 for group, where in readings]
        cands[0].alternatives = cands[1:]
        out.append(cands[0])
    return out
