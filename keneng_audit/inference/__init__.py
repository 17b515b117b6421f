"""Inference: reads every table no pack declares (headers, labels, units, numbers) and turns the relations
it finds into ordinary rules, run by the same engine as the packs. Stages, each its own module:
model (what each column and row is) → propose (relations header words name) and data (relations only the
numbers show) → judge (support on the printed numbers, share bases) → emit (RuleSpecs, or a YAML pack)."""

from __future__ import annotations

from dataclasses import dataclass, field

from keneng_audit.document import Document, Table
from keneng_audit.inference import data, emit, judge, model, propose, quantities
from keneng_audit.inference.bases import Bases
from keneng_audit.inference.candidates import Candidate, say
from keneng_audit.inference.covered import covered
from keneng_audit.inference.words import load_words, norm
from keneng_audit.rules.model import QuantitySource, RulePack, TableDecl

__all__ = ["Inference", "infer", "inferred_pack"]


@dataclass
class TableReport:
    """What inference made of one table, for `keneng-audit infer`."""

    key: str
    caption: str
    line: int
    model: model.TableModel | None
    declared_by: str | None = None  # the pack that declares it (inference adds only what its rules leave out)
    rules: list[tuple[str, Candidate]] = field(default_factory=list)
    dropped: list[Candidate] = field(default_factory=list)
    quantities: list[tuple[str, str]] = field(default_factory=list)  # (quantity, why)
    notes: list[str] = field(default_factory=list)


@dataclass
class Inference:
    """The inferred pack, the same relations as pack-file entries, and what was read off each table."""

    pack: RulePack
    tables: dict[str, dict]
    quantities: dict[str, list[dict]]
    entries: list[dict]
    reports: list[TableReport]
    title: str | None = None

    def yaml(self) -> str:
        return emit.pack_yaml(self.title, self.tables, self.quantities, self.entries, {})


def _declared(doc: Document, packs: list[RulePack]) -> dict[str, str]:
    """Table key → the pack that declares it: those tables are the pack's, not inference's."""
    from keneng_audit.facts.tables import find_table

    out: dict[str, str] = {}
    for pack in packs:
        for decl in pack.tables.values():
            found = find_table(doc, decl)
            if found is not None:
                out.setdefault(found.key, pack.name)
    return out


def _facts(doc: Document, packs: list[RulePack], tables: dict[str, Table], quantities_: dict[str, list[dict]],
           year: int | None):
    from keneng_audit.facts.tables import FactsView, report_tables

    decls = {tid: decl for p in packs for tid, decl in p.tables.items()}
    found, _ = report_tables(doc, decls)
    found.update(tables)
    merged: dict[str, list[QuantitySource]] = {}
    for p in packs:
        for name, sources in p.quantities.items():
            merged.setdefault(name, []).extend(sources)
    for name, sources in quantities_.items():
        merged.setdefault(name, []).extend(QuantitySource.model_validate(s) for s in sources)
    return FactsView.build(doc, found, merged, year)


def infer(doc: Document, packs: list[RulePack]) -> Inference:
    """Infers rules for every table of `doc`; on a table one of `packs` (those that apply) declares, only the
    relations its rules leave out, and no quantities (the pack names those)."""
    from keneng_audit.facts import report_year
    from keneng_audit.engine import applicable
    from keneng_audit.facts.tables import described

    words = load_words()
    year = report_year(doc)
    chosen = applicable(packs, doc)
    declared = _declared(doc, chosen)
    reports: list[TableReport] = []
    models: dict[str, model.TableModel] = {}
    for t in doc.tables:
        rep = TableReport(t.key, t.caption, t.source.line, None, declared.get(t.key))
        reports.append(rep)
        if not t.rows:
            continue
        try:
            models[t.key] = rep.model = model.build(t, words, year)
        except Exception as exc:  # one odd table must not cost the others (nor the audit)
            rep.notes.append(_failed(exc))
    by_key = {r.key: r for r in reports}

    # named quantities by meaning; rows printed without labels dated by a value another table gives
    tables: dict[str, Table] = {}
    decls: dict[str, dict] = {}
    found_q: dict[str, list[dict]] = {}
    base_facts = _facts(doc, chosen, {}, {}, year)
    for key, m in list(models.items()):
        tid = quantities.table_id(key)
        decl = {"key": key, "caption": m.table.caption}
        if key in declared:
            tables[tid], decls[tid] = m.table, decl
            continue
        try:
            dated = quantities.date_rows(m, words, base_facts)
            if dated is not None:
                labels, why = dated
                decl["row_labels"] = labels
                by_key[key].notes.append(f"无标签的行按年份排列 / unlabeled rows dated: {', '.join(labels)} ← {why}")
                m = model.build(described(m.table, TableDecl.model_validate(decl)), words, year)
                m.trusted = models[key].trusted
                models[key] = by_key[key].model = m
            found = quantities.find(m, words)
        except Exception as exc:
            by_key[key].notes.append(_failed(exc))
            del models[key]
            continue
        tables[tid], decls[tid] = m.table, decl
        for q, source, why in found:
            found_q.setdefault(q, []).append(source)
            by_key[key].quantities.append((q, why))

    qfacts = _facts(doc, chosen, tables, found_q, year)
    bases = Bases.of_entries(qfacts.entries)  # quantities a share may be of: head counts, by value
    cands: list[Candidate] = []
    for key, m in models.items():
        try:
            named = propose.propose(m, words, bases)
            taken = {n for c in named for n in _targets(c)}
            explained = {frozenset(propose._names(c.params)) for c in named}
            cands += named + [c for c in data.propose_data(m, taken)
                              if frozenset(propose._names(c.params)) not in explained]
        except Exception as exc:
            by_key[key].notes.append(_failed(exc))
    pack_checks = covered(doc, chosen)
    cands = [k for c in cands if (k := pack_checks.keep(c)) is not None]
    local: dict[str, list[dict]] = {}
    for c in cands:
        for opt in (c, *c.alternatives):
            local.update(opt.quantities)
    facts = _facts(doc, chosen, tables, {**found_q, **local}, year)
    kept = judge.judge(cands, lambda c: tables.get(quantities.table_id(c.key)), facts)
    kept = _no_cascade(kept)
    kept += _agreements(chosen, found_q, facts)
    kept_ids = {id(c) for c in kept}  # by identity: comparing candidates field by field is quadratic
    for c in cands:
        for opt in (c, *c.alternatives):
            if id(opt) not in kept_ids and c.table is not None:
                by_key[c.key].dropped.append(opt)

    taken_ids: set[str] = set()
    ids: dict[int, str] = {}
    # tables no pack declares take their ids first: a pack's table gaining a relation moves no other id
    for c in sorted(kept, key=lambda c: c.key in declared):
        try:
            ids[id(c)] = emit.rule_id(c, taken_ids)
        except ValueError:  # more than 100 relations of one kind: the rest are not checked
            continue
    entries, reasons, used_q, used_t = [], [], dict(found_q), set()
    for c in kept:
        rid = ids.get(id(c))
        if rid is None:
            continue
        tid = quantities.table_id(c.key) if c.table is not None else None
        entries.append(emit.rule_entry(c, rid, tid))
        reasons.append(c.reason)
        used_q.update(c.quantities)
        if tid:
            used_t.add(tid)
            by_key[c.key].rules.append((rid, c))
    for sources in used_q.values():
        used_t.update(s["table"] for s in sources if s["table"].startswith("inferred-"))
    tables_out = {tid: decls[tid] for tid in decls if tid in used_t}
    used_q = {q: [s for s in sources if s["table"] in tables_out or not s["table"].startswith("inferred-")]
              for q, sources in used_q.items()}
    pack = emit.build_pack(tables_out, used_q, entries, reasons)
    return Inference(pack, tables_out, used_q, entries, reports, doc.title)


def _failed(exc: Exception) -> str:
    return f"未能推断 / not inferred: {exc.__class__.__name__}: {exc}"


def _targets(cand: Candidate) -> list[str]:
    """The columns a named relation computes (data relations do not propose them again)."""
    p = cand.params
    return [v for k in ("rate", "increase", "percent", "total") if isinstance(v := p.get(k), str)]


def _no_cascade(kept: list[Candidate]) -> list[Candidate]:
    """A share column checked row by row against the table's own total needs no check that it adds up to 100%:
    a wrong share already breaks its own row, and the sum would blame the correct 100.0 as well."""
    own = {(c.key, c.params["percent"]) for c in kept if c.kind == "share" and isinstance(c.params.get("whole"), dict)
           and str(c.params["whole"].get("quantity", "")).startswith(f"inferred.{c.key}.")}
    out = []
    for c in kept:
        columns = c.params.get("column")
        if c.kind == "sum" and isinstance(columns, list) and any((c.key, x) in own for x in columns):
            rest = [x for x in columns if (c.key, x) not in own]
            if not rest:
                continue
            c.params = {**c.params, "column": rest}
            c.text = c.text.split(" (")[0] + f" ({', '.join(norm(x) for x in rest)})"
        out.append(c)
    return out


def _agreements(packs: list[RulePack], found: dict[str, list[dict]], facts) -> list[Candidate]:
    """An agree rule for each quantity inference found in a table, unless a pack already checks it."""
    checked = {getattr(r.params, "quantity", None) for p in packs for r in p.rules if r.kind == "agree"}
    out = []
    for q in sorted(found):
        if q in checked:
            continue
        periods: dict[str, int] = {}
        for e in facts.occurrences(q):
            if e.period:
                periods[e.period] = periods.get(e.period, 0) + 1
        if not any(n >= 2 for n in periods.values()):
            continue
        out.append(Candidate("agree", None, {"quantity": q},
                             say(f"{q} 在多处表格中出现", f"{q} is printed in several tables"), text=q))
    return out


def inferred_pack(doc: Document, packs: list[RulePack]) -> RulePack:
    return infer(doc, packs).pack
