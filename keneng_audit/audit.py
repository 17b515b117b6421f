"""Audits one report: reads it, applies the bundled and given rule packs, returns an AuditResult."""

from __future__ import annotations

from pathlib import Path

from keneng_audit.findings import AuditResult, Finding
from keneng_audit.rules.model import RulePack, RuleSpec

__all__ = ["audit_report", "audit_document", "load_rules", "RulePack", "RuleSpec"]


def load_rules(rule_paths=(), bundled: bool = True) -> list[RulePack]:
    """The bundled packs (national first) plus the given rule files and folders, validated."""
    from keneng_audit.rules.loader import load_rule_packs

    return load_rule_packs(rule_paths, bundled)


def audit_document(doc, packs: list[RulePack], lang: str = "zh") -> AuditResult:
    """Runs the packs that apply to an already-read Document."""
    from keneng_audit.engine import run

    outcome = run(doc, packs, lang)
    return AuditResult(file=doc.path, findings=sorted(outcome.findings, key=Finding.sort_key), packs=outcome.packs,
                       rules_run=outcome.rules_run, tables_read=len(doc.tables))


def audit_report(path, rule_paths=(), lang: str = "zh", bundled: bool = True,
                 packs: list[RulePack] | None = None) -> AuditResult:
    """Reads a report (text, DOCX or PDF) and audits it; rule-file and input errors raise KenengError."""
    from keneng_audit.reading import read_report

    packs = load_rules(rule_paths, bundled) if packs is None else packs
    return audit_document(read_report(Path(path)), packs, lang)
