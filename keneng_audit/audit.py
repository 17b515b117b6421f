"""Audits one report: reads it, applies the bundled and given rule packs, returns an AuditResult."""

from __future__ import annotations

from pathlib import Path

from keneng_audit.findings import AuditResult, Finding, RuleRef
from keneng_audit.rules.model import Rule, RulePack, RuleSpec

__all__ = ["audit_report", "audit_document", "load_rules", "builtin_rules", "inferred_rules", "report_rules", "Rule", "RulePack",
           "RuleSpec"]


def load_rules(rule_paths=(), bundled: bool = True) -> list[RulePack]:
    """The bundled packs (national first) plus the given rule files and folders, validated (cached on disk)."""
    from keneng_audit.cache import cached
    from keneng_audit.resources import rules_dir

    def build() -> list[RulePack]:
        from keneng_audit.rules.loader import load_rule_packs

        return load_rule_packs(rule_paths, bundled)

    rule_paths = list(rule_paths)
    return cached("packs", ([rules_dir()] if bundled else []) + rule_paths, build)


def builtin_rules(lang: str = "zh") -> list[Rule]:
    """The checks built into the code: what could not be read (KA00x) and the prose checks (KA4xx). (Each
    Rule holds both languages; `lang` is kept for callers.)"""
    from keneng_audit import coverage
    from keneng_audit.claims import RULES

    return [*coverage.RULES.values(), *RULES.values()]


def report_rules(doc, packs: list[RulePack], infer: bool = True) -> list[RulePack]:
    """The packs that apply to a read report, the packs inferred from it included (unless `infer` is off)."""
    from keneng_audit.engine import applicable
    from keneng_audit.rules.inferred import inferred_packs

    chosen = applicable(packs, doc)
    return chosen + inferred_packs(doc, chosen) if infer else chosen


def inferred_rules(path, packs: list[RulePack]) -> list[RulePack]:
    """The packs inferred from the report at `path` (for `keneng-audit rules --report`)."""
    from keneng_audit.engine import applicable
    from keneng_audit.reading import read_report
    from keneng_audit.rules.inferred import inferred_packs

    doc = read_report(Path(path))
    return inferred_packs(doc, applicable(packs, doc))


def _ref(rule: Rule, lang: str) -> RuleRef:
    return RuleRef(id=rule.id, name=rule.name, severity=rule.severity, description=rule.description.get(lang, ""))


def audit_document(doc, packs: list[RulePack], lang: str = "zh", prose: bool = True,
                   infer: bool = True) -> AuditResult:
    """Runs the packs that apply to an already-read Document (and those inferred from it), then the built-in
    checks; all on one set of facts."""
    from keneng_audit import claims
    from keneng_audit.engine import run
    from keneng_audit.facts import ReportFacts
    from keneng_audit.inference import diagnose

    from keneng_audit.coverage import check_user_rules

    chosen = report_rules(doc, packs, infer)
    facts = ReportFacts.build(doc, chosen)
    outcome = run(doc, chosen, lang, facts)
    outcome.findings = diagnose.revise(outcome.findings, {r.id: r for p in chosen for r in p.rules}, outcome.cases, lang)
    check_user_rules(doc, outcome.skipped, {r.id: r for p in chosen for r in p.rules}, lang)
    checks = [rule for rule in builtin_rules(lang) if prose or rule.pack != "prose"]
    builtin = claims.relate(run(doc, [], lang, facts, checks).findings, lang)
    # A disagreement the prose lists in full (every place, the prose included) is reported once.
    findings = claims.drop_repeated(outcome.findings, builtin) + builtin
    refs = [_ref(rule, lang) for rule in [*checks, *(r for p in chosen for r in p.rules)]]
    return AuditResult(file=doc.path, findings=sorted(findings, key=Finding.sort_key), packs=outcome.packs,
                       rules_run=len(refs) - len(outcome.skipped), tables_read=len(doc.tables), rules=refs,
                       skipped=list(outcome.skipped))


def audit_report(path, rule_paths=(), lang: str = "zh", bundled: bool = True,
                 packs: list[RulePack] | None = None, infer: bool = True) -> AuditResult:
    """Reads a report (text, DOCX or PDF) and audits it; rule-file and input errors raise KenengError."""
    from keneng_audit import limits
    from keneng_audit.reading import read_report

    packs = load_rules(rule_paths, bundled) if packs is None else packs
    with limits.time_limit(str(path)):  # the limit time-s, on every platform
        return audit_document(read_report(Path(path)), packs, lang, infer=infer)
