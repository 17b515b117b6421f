"""Audits one report: reads it, applies the bundled and given rule packs, returns an AuditResult."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from keneng_audit.errors import KenengError
from keneng_audit.findings import AuditResult, Finding, FindingLocation, RuleRef, make_fingerprint
from keneng_audit.rules.model import RulePack, RuleSpec

__all__ = ["audit_report", "audit_document", "load_rules", "builtin_rules", "RulePack", "RuleSpec"]


def load_rules(rule_paths=(), bundled: bool = True) -> list[RulePack]:
    """The bundled packs (national first) plus the given rule files and folders, validated."""
    from keneng_audit.rules.loader import load_rule_packs

    return load_rule_packs(rule_paths, bundled)


def builtin_rules(lang: str = "zh") -> list[SimpleNamespace]:
    """The checks built into the code (what could not be read, KA00x; prose, KA4xx) shaped like RuleSpecs."""
    from keneng_audit import coverage
    from keneng_audit.claims import RULES

    return [SimpleNamespace(id=r.id, name=r.name, title=r.title.get(lang, ""), severity=r.severity, kind="prose",
                            pack="prose", params=None, table=None, message={}, description=r.description,
                            rationale=r.rationale, examples=r.examples, file="", line=None)
            for r in [*coverage.RULES.values(), *RULES.values()]]


def _ref(rule, lang: str) -> RuleRef:
    return RuleRef(id=rule.id, name=rule.name, severity=rule.severity, description=rule.description.get(lang, ""))


def audit_document(doc, packs: list[RulePack], lang: str = "zh", prose: bool = True) -> AuditResult:
    """Runs the packs that apply to an already-read Document, then the prose checks of their vocabularies."""
    from keneng_audit import coverage
    from keneng_audit.engine import applicable, run

    from keneng_audit.claims import RULES as PROSE_RULES

    outcome = run(doc, packs, lang)
    chosen = applicable(packs, doc)
    refs = [_ref(rule, lang) for rule in coverage.RULES.values()]
    refs += [_ref(rule, lang) for pack in chosen for rule in pack.rules]
    findings = list(outcome.findings)
    if prose:
        folders = [p.folder for p in chosen if p.folder is not None]
        extra, ran = _prose_findings(doc, folders, lang, outcome.facts)
        findings = outcome.unrepeated(extra) + extra  # a disagreement the prose lists in full is reported once
        refs += [_ref(rule, lang) for rule in PROSE_RULES.values()] if ran else []
    findings += coverage.coverage_findings(doc, lang)
    return AuditResult(file=doc.path, findings=sorted(findings, key=Finding.sort_key), packs=outcome.packs,
                       rules_run=len(refs), tables_read=len(doc.tables), rules=refs)


def _prose_findings(doc, folders: list[Path], lang: str, facts=None) -> tuple[list[Finding], bool]:
    """Claims in the prose (keneng_audit.claims); a failure there is reported, not raised."""
    from keneng_audit import claims

    try:
        return claims.check_prose(doc, claims.vocabulary_dirs(folders), lang, facts), True
    except KenengError:  # a broken vocabulary file is the user's to fix: exit 2 like any rule file
        raise
    except Exception as exc:  # one broken checker must not cost the whole audit
        rule = claims.RULE_IDS[0]
        reason = f"{exc.__class__.__name__}: {exc}"
        message = f"未能核查正文：{reason}" if lang == "zh" else f"prose not evaluated: {reason}"
        return [Finding(rule=rule, name=claims.RULES[rule].name, severity="warning", message=message,
                        location=FindingLocation(file=doc.path),
                        fingerprint=make_fingerprint(rule, None, None, "not-evaluated", ()))], False


def audit_report(path, rule_paths=(), lang: str = "zh", bundled: bool = True,
                 packs: list[RulePack] | None = None) -> AuditResult:
    """Reads a report (text, DOCX or PDF) and audits it; rule-file and input errors raise KenengError."""
    from keneng_audit import limits
    from keneng_audit.reading import read_report

    packs = load_rules(rule_paths, bundled) if packs is None else packs
    with limits.time_limit(str(path)):  # the limit time-s, on every platform
        return audit_document(read_report(Path(path)), packs, lang)
