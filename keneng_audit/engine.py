"""Runs rules on a Document's facts: one pandera schema per table plus the facts frame, report kinds directly; builds Findings."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from keneng_audit.document import Document, Table
from keneng_audit.errors import KenengError
from keneng_audit.facts import FactsView, ReportFacts, table_facts  # noqa: F401 (table_facts: older callers)
from keneng_audit.findings import (Finding, FindingLocation, PrintedValue, SkippedRule, make_fingerprint,
                                   rule_identity)
from keneng_audit.pandera_adapter import failures
from keneng_audit.rules.kinds import KINDS
from keneng_audit.rules.cases import Cases, NotEvaluated
from keneng_audit.rules.model import Rule, RulePack
from keneng_audit.rules.views import TableView, build_cases

_FACTS = "\x00facts"
_NOT_EVALUATED = {"zh": "未能核查：{reason}", "en": "not evaluated: {reason}"}
_NOT_HERE = {"zh": "本规则不适用于此类报告（见规则的 applies_to）", "en": "the rule does not apply to this kind of report (its applies_to)"}
_TRUNCATED = {"zh": "仅当数值被截断（而非四舍五入）时才一致", "en": "consistent only if the value was truncated, not rounded"}


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return ""


@dataclass
class Run:
    """What one engine run did: the findings, the packs applied, how many rules ran, and the table facts
    (every printed occurrence of a named quantity), which the prose agreement compares with the prose."""

    findings: list[Finding] = field(default_factory=list)
    skipped: list[SkippedRule] = field(default_factory=list)  # rules whose table, row or quantity is absent
    packs: list[str] = field(default_factory=list)
    rules_run: int = 0
    facts: FactsView = field(default_factory=FactsView)
    cases: dict = field(default_factory=dict)  # rule id -> (its Cases, the failing ones): the diagnosis


def applicable(packs: list[RulePack], doc: Document) -> list[RulePack]:
    """The national pack (no `applies_to`) always; a report pack only where its title pattern matches."""
    return [p for p in packs if p.applies_to.matches(doc.title)]


def run(doc: Document, packs: list[RulePack], lang: str = "zh", facts: ReportFacts | None = None,
        rules: list[Rule] = ()) -> Run:
    """Applies the packs that match the report, then `rules` (e.g. the built-in checks); every rule ends as
    findings, nothing, or "not evaluated". `facts` are the report's facts for those packs (built if not given)."""
    chosen = applicable(packs, doc)
    result = Run(packs=[p.name for p in chosen])
    facts = ReportFacts.build(doc, chosen) if facts is None else facts
    result.facts = facts.quantities
    tables = facts.tables

    groups: dict[str, list[Rule]] = {}
    for rule in [r for pack in chosen for r in pack.rules] + list(rules):
        if rule.applies_to is not None and doc.title and not rule.applies_to.matches(doc.title):
            result.skipped.append(SkippedRule(rule.id, rule.name, _NOT_HERE[lang], None))
            continue
        result.rules_run += 1
        kind = KINDS[rule.kind]
        if kind.SCOPE == "report":
            result.findings.extend(_report_findings(result, doc, rule, kind, facts, lang))
            continue
        if rule.table is not None and tables.get(rule.table) is None:
            decl = facts.decls.get(rule.table)
            name = (decl.key or decl.caption) if decl else rule.table
            reason = facts.unusable.get(rule.table) or NotEvaluated(f"报告中没有表“{name}”",
                                                                    f"table '{name}' not found in this report",
                                                                    (decl.caption or decl.key) if decl else None)
            _not_evaluated(result, doc, rule, reason, lang, name)
            continue
        groups.setdefault(rule.table or _FACTS, []).append(rule)

    for table_id, group in groups.items():
        table = tables.get(table_id)
        store: dict[str, Cases | Exception] = {}
        views: dict[str, TableView] = {}  # per axis, shared by the table's rules (cells are read once)
        checks = {rule.id: _check(rule, table, facts.quantities, store, views) for rule in group}
        try:
            failed = failures(_frame(table) if table is not None else facts.frame(), checks)
        except Exception as exc:  # e.g. a table the reader could not shape; its rules are reported, not lost
            store = {rule.id: exc for rule in group}
            failed = {}
        for rule in group:
            outcome = store.get(rule.id)
            if isinstance(outcome, Cases):
                result.cases[rule.id] = (outcome, failed.get(rule.id, ()))
            if isinstance(outcome, Exception):
                _not_evaluated(result, doc, rule, outcome, lang, table.key if table else None)
            elif outcome is not None and rule.id in failed:
                try:
                    result.findings.extend(_findings(doc, rule, outcome, failed[rule.id], lang))
                except Exception as exc:  # explaining one rule's failures must not stop the others
                    _not_evaluated(result, doc, rule, exc, lang, table.key if table else None)
    return result


def _frame(table: Table) -> pd.DataFrame:
    """What pandera validates for a table's rules: one row per table row, no columns.

    The checks read their cells from the table itself (TableView, with each printed value's place), never from
    this frame; building the values' frame and comparing its labels with every check's mask cost ≈ 5 ms a report.
    Its index counts from 1, so that it never equals positions: masks by position are then taken as they are,
    exactly as with row labels (pandera_adapter lets rows without any value pass only on a frame of positions).
    """
    return pd.DataFrame(index=pd.RangeIndex(1, len(table.rows) + 1))


def _report_findings(result: Run, doc: Document, rule: Rule, kind, facts: ReportFacts, lang: str) -> list[Finding]:
    """The findings of a report kind (prose claims, coverage); a crash in one is that rule's warning."""
    try:
        return kind.findings(rule, facts, lang)
    except KenengError:  # a broken vocabulary file is the user's to fix: exit 2 like any rule file
        raise
    except Exception as exc:  # one broken checker must not cost the whole audit
        _not_evaluated(result, doc, rule, exc, lang, None)
        return []


def _check(rule: Rule, table: Table | None, facts: FactsView, store: dict, views: dict | None = None):
    """A row-mask check for pandera: builds the rule's cases, keeps them for the findings, never raises."""
    kind = KINDS[rule.kind]
    views = {} if views is None else views

    def check(frame: pd.DataFrame) -> pd.Series:
        try:
            view = None
            if table is not None:
                across = getattr(rule.params, "across", "rows")
                view = views.get(across)
                if view is None:
                    view = views[across] = TableView(table, across)
            make = getattr(kind, "cases", None)
            cases = make(rule.params, view, facts) if make else build_cases(rule.params, kind.OPERANDS, view, facts)
            mask = np.asarray(kind.holds(cases, rule.params), dtype=bool)
        except Exception as exc:  # a broken rule must not stop the others
            store[rule.id] = exc
            return pd.Series([], dtype=bool)
        store[rule.id] = cases
        return mask  # by position: the adapter gives pandera its Series

    return check


def _findings(doc: Document, rule: Rule, cases: Cases, positions: np.ndarray, lang: str) -> list[Finding]:
    kind = KINDS[rule.kind]
    if not len(positions):
        return []
    # only an error can become a warning when truncation explains it
    truncated_ok = np.asarray(kind.holds(cases, rule.params, truncated=True), dtype=bool) \
        if rule.severity == "error" else np.zeros(len(cases), dtype=bool)
    found = []
    for i in positions:
        evidence = kind.explain(cases, rule.params, int(i))
        severity = rule.severity
        hints = [evidence.hint[lang]] if evidence.hint else []
        if truncated_ok[i] and severity == "error":
            severity = "warning"
            hints.append(_TRUNCATED[lang])
        first = evidence.values[0] if evidence.values else None
        table = cases.table or (first.table if first else None)
        section = cases.section or (first.section if first else None)
        period = cases.periods[i] if cases.periods else None
        expected = _in(evidence.expected, lang)
        fields = _Fields(table=table or "", row=evidence.row or "", column=evidence.column or "",
                         period=period or "", actual=evidence.actual, expected=expected,
                         case=cases.labels[i])
        fields.update(evidence.fields)
        message = rule.message[lang].format_map(fields)
        location = FindingLocation(
            file=doc.path, table=table, row=evidence.row, column=evidence.column, section=section,
            lines=tuple(sorted({v.line for v in evidence.values if v.line is not None})),
            page=first.page if first else None, paragraph=first.paragraph if first else None,
            page_line=first.page_line if first else None)
        found.append(Finding(
            rule=rule.id, name=rule.name, severity=severity, message=message, location=location,
            values=_distinct(evidence.values), expected=expected, actual=evidence.actual,
            basis=_in(evidence.basis, lang) if evidence.basis else None,
            hint="；".join(hints) if lang == "zh" and hints else ("; ".join(hints) or None),
            fingerprint=make_fingerprint(rule_identity(rule.id, rule.name), table or section, evidence.row,
                                         evidence.column or period, evidence.values)))
    return found


def _distinct(values: tuple[PrintedValue, ...]) -> tuple[PrintedValue, ...]:
    """Each printed value once (a cell two operands share is one value), in order. The fingerprint keeps the
    operands as they were, so baselines written before still match."""
    seen: set[tuple] = set()
    out = []
    for v in values:
        key = (v.table, v.row, v.column, v.line, v.text)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return tuple(out)


def _in(text: str | dict[str, str], lang: str) -> str:
    return text if isinstance(text, str) else text.get(lang) or text["en"]


def _not_evaluated(result: Run, doc: Document, rule: Rule, exc: Exception, lang: str, table: str | None) -> None:
    """A missing table/row/quantity is the report's shape: the rule is skipped, not a finding. Any other
    exception is a crash in the rule, which must not pass `--fail-on error` unseen (a warning finding)."""
    if isinstance(exc, NotEvaluated):
        result.skipped.append(SkippedRule(rule.id, rule.name, exc.reason[lang], table, getattr(exc, "missing", None)))
        return
    result.findings.append(_crashed(doc, rule, exc, lang, table))


def _crashed(doc: Document, rule: Rule, exc: Exception, lang: str, table: str | None) -> Finding:
    reason = f"{exc.__class__.__name__}: {exc}"
    values: tuple[PrintedValue, ...] = ()
    return Finding(rule=rule.id, name=rule.name, severity="warning",
                   message=_NOT_EVALUATED[lang].format(reason=reason),
                   location=FindingLocation(file=doc.path, table=table), values=values,
                   fingerprint=make_fingerprint(rule_identity(rule.id, rule.name), table, None, "not-evaluated",
                                              values))
