"""The prose checks as report kinds of the one kinds table (rules.kinds.KINDS): agreement and every claim kind.

Each becomes a `rules.checks.ReportKind` named by its built-in rule's kind. What several of them share per
report (the vocabulary, the evidence, the claim kinds' context) is built once in the facts' memo.
"""

from __future__ import annotations

from keneng_audit.claims.agreement import AGREE, CHANGE_AGREE, agreement_findings
from keneng_audit.claims.columns import increase_columns
from keneng_audit.claims.kinds import KINDS as CLAIM_KINDS
from keneng_audit.claims.kinds.common import Context
from keneng_audit.claims.rules import RULES
from keneng_audit.claims.sentences import context
from keneng_audit.claims.known import Known
from keneng_audit.claims.tagging import Evidence, collect_evidence
from keneng_audit.claims.vocabulary import Vocabulary, load_vocabulary, vocabulary_dirs
from keneng_audit.facts import ReportFacts, report_year
from keneng_audit.findings import Finding
from keneng_audit.rules.checks import ReportKind


def vocabulary(facts: ReportFacts) -> Vocabulary:
    """The vocabularies of the packs that apply to the report (national first); a broken file raises
    RuleFileError, whichever check meets it first."""
    paths = facts.vocabulary if facts.vocabulary is not None else vocabulary_dirs(facts.folders)
    return facts.memo("claims.vocabulary", lambda: load_vocabulary(paths))


def evidence(facts: ReportFacts) -> list[Evidence]:
    """Every place a named quantity is stated or derived (prose, tables), once per report."""
    def build() -> list[Evidence]:
        vocab, year = vocabulary(facts), report_year(facts.doc)
        found = collect_evidence(facts.doc, vocab, facts.quantities)
        return found + increase_columns(facts.doc, vocab, found, year, Known.of(vocab, found, year).period)

    return facts.memo("claims.evidence", build)


def _agreement(facts: ReportFacts, lang: str) -> list[Finding]:
    return facts.memo(f"claims.agreement.{lang}",
                      lambda: agreement_findings(evidence(facts), facts.doc, vocabulary(facts), lang))


def claim_context(facts: ReportFacts, lang: str) -> Context:
    """What every claim kind reads (built once per report and language): add here what a new kind needs."""
    def build() -> Context:
        known = Known.of(vocabulary(facts), evidence(facts), report_year(facts.doc))
        return context(facts.doc, lang, facts.quantities, known)

    return facts.memo(f"claims.context.{lang}", build)


def _claim(module) -> ReportKind:
    return ReportKind(module.RULE.id, lambda facts, lang: module.check(claim_context(facts, lang)))


KINDS: dict[str, ReportKind] = {
    RULES[AGREE].kind: ReportKind(AGREE, _agreement),
    RULES[CHANGE_AGREE].kind: ReportKind(CHANGE_AGREE, _agreement),
    **{module.RULE.kind: _claim(module) for module in CLAIM_KINDS.values()},
}
