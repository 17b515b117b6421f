"""Which relations a pack already checks on a table it declares: inference runs on declared tables too, but
proposes only what their rules leave out (a share column no rule reads, a printed 合计 row), so one cell is
never reported twice for one relation."""

from __future__ import annotations

from dataclasses import dataclass, field

from keneng_audit.document import Document, Table
from keneng_audit.inference.candidates import Candidate
from keneng_audit.inference.words import norm
from keneng_audit.rules.model import PeriodColumn, QuantityRef, RulePack

_SKIP = ("across", "cases", "exclude", "where")  # parameters that choose cases, not operands
# the operand a relation computes, by kind: the cell a break is reported at
# 其中 items, loosely named totals and relations only the numbers show are left to the pack on its tables: a
# template's appendix rows mix units (门 and 学时 under one indicator) and nest indicators, which the pack's
# declaration knows and the words do not
_LEFT_TO_PACK = ("subset",)
_TARGETS = {"share": ("percent",), "growth": ("rate",), "difference": ("increase",), "ratio": ("value",),
            "subset": ("children",), "catalog": ("code",), "range": ("columns",)}


@dataclass
class Covered:
    """Per declared table: the places (axis, position) each kind of pack rule reads."""

    places: dict[str, dict[str, set[tuple[str, int]]]] = field(default_factory=dict)  # key -> kind -> places
    targets: dict[str, dict[str, set[tuple[str, int]]]] = field(default_factory=dict)  # the computed ones

    def keep(self, cand: Candidate) -> Candidate | None:
        """The candidate as far as no pack rule checks it (a sum keeps its unchecked columns), or None."""
        if cand.table is None or cand.key not in self.places:
            return cand
        if cand.kind in _LEFT_TO_PACK or not cand.named or cand.loose:
            return None
        kinds = self.places[cand.key]
        if cand.kind == "sum" and isinstance(cand.params.get("column"), list):
            # a share column a pack checks row by row needs no 100% sum (the sum would blame the 100.0 too)
            targets = self.targets[cand.key]
            seen = kinds.get("sum", set()) | targets.get("share", set())
            if kinds.get("difference", set()) - targets.get("difference", set()) <= kinds.get("sum", set()):
                seen |= targets.get("difference", set())  # a column of differences of summed columns adds up too
            rest = [c for c in cand.params["column"] if _place(cand.table, "rows", c) not in seen]
            if not rest:
                return None
            if len(rest) < len(cand.params["column"]):
                cand.params = {**cand.params, "column": rest}
                cand.text = cand.text.split(" (")[0] + f" ({', '.join(norm(x) for x in rest)})"
            return cand
        if cand.kind == "sum" and isinstance(cand.params.get("column"), str):
            places = {_place(cand.table, "rows", cand.params["column"])}
        else:
            places = _targets(cand)
        if places and places <= kinds.get(cand.kind, set()):
            return None
        if cand.kind == "share" and places and places <= kinds.get("sum", set()):
            return None  # a share column the pack adds up to 100%: a wrong share already breaks that sum
        for alt in list(cand.alternatives):  # another reading of the same cells is checked alike
            if alt.kind != cand.kind and _targets(alt) and _targets(alt) <= kinds.get(alt.kind, set()):
                return None
        return cand


def _place(table: Table, across: str, name: str) -> tuple[str, int] | None:
    if across == "rows":
        found = table.find_column(name)
        return ("c", table.columns.index(found)) if found in table.columns else None
    found = table.find_row(name)
    labels = [r.label for r in table.rows]
    return ("r", labels.index(found)) if found in labels else None


def _targets(cand: Candidate) -> set[tuple[str, int]]:
    across = cand.params.get("across", "rows")
    names: list[str] = []
    if cand.kind == "sum":
        total = cand.params.get("total")
        names = [total] if isinstance(total, str) and "parts" in cand.params else []
    for key in _TARGETS.get(cand.kind, ()):
        value = cand.params.get(key)
        names += value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return {p for n in names if (p := _place(cand.table, across, n)) is not None}


def _operands(params) -> list[tuple[str, object]]:
    """(parameter, column or row reference) of each operand a rule names in its table."""
    out = []
    for name, value in params:
        if name in _SKIP:
            continue
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, (str, PeriodColumn)):
                out.append((name, v))
    return out


def covered(doc: Document, packs: list[RulePack]) -> Covered:
    """The places each pack rule reads in the tables the packs declare (by position in the printed table,
    as a pack's `headers:` renames columns by position)."""
    from keneng_audit.facts.tables import described, find_table
    from keneng_audit.facts.values import NotEvaluated
    from keneng_audit.rules.views import TableView

    out = Covered()
    sources = {q: [(pack, src) for pack in packs for src in pack.quantities.get(q, ())]
               for q in {q for pack in packs for q in pack.quantities}}
    printed: dict[str, bool] = {}

    def is_printed(quantity: str) -> bool:
        """Whether a table the packs name as the quantity's source is in the report."""
        if quantity not in printed:
            printed[quantity] = any(src.table in pack.tables and find_table(doc, pack.tables[src.table]) is not None
                                    for pack, src in sources.get(quantity, ()))
        return printed[quantity]

    for pack in packs:
        for rule in pack.rules:
            decl = pack.tables.get(rule.table) if rule.table else None
            if decl is None or rule.params is None:
                continue
            if any(isinstance(v, QuantityRef) and not is_printed(v.quantity)
                   for _, value in rule.params for v in (value if isinstance(value, list) else [value])):
                continue  # its whole (教职工总数 of 附表6) is not in this report: the rule checks nothing here
            raw = find_table(doc, decl)
            if raw is None:
                continue
            kinds = out.places.setdefault(raw.key, {})
            targets = out.targets.setdefault(raw.key, {})
            try:
                table = described(raw, decl)
            except NotEvaluated:
                continue
            across = getattr(rule.params, "across", "rows")
            view = TableView(table, across)
            names = table.columns if across == "rows" else [r.label for r in table.rows]
            axis = "c" if across == "rows" else "r"
            for key, ref in _operands(rule.params):
                try:
                    name = view.column_of(ref) if isinstance(ref, PeriodColumn) else view.other(ref)
                except NotEvaluated:
                    continue
                if name in names:
                    kinds.setdefault(rule.kind, set()).add((axis, names.index(name)))
                    if key in _TARGETS.get(rule.kind, ()):
                        targets.setdefault(rule.kind, set()).add((axis, names.index(name)))
    return out
