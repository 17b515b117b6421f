"""The prose checks as rule kinds: each a parameter model plus a function from one report's facts to findings.

They are registered in `rules.kinds.KINDS` beside the table kinds. Unlike those they do not return a row mask
for pandera: each finds its own failures in the prose (scope "report"). What several of them share (the
vocabulary, the evidence, the prepared paragraphs) is built once per report in the facts' memo.
"""

from __future__ import annotations

from typing import Callable

from keneng_audit.claims.agreement import AGREE, CHANGE_AGREE, agreement_findings
from keneng_audit.claims.sentences import (LISTED, NAMED_ROWS, PARTS, PER_STUDENT, SHARE, list_findings,
                                           named_rows_findings, parts_findings, per_student_findings, prepare,
                                           share_findings)
from keneng_audit.claims.tagging import collect_evidence
from keneng_audit.claims.vocabulary import Vocabulary, load_vocabulary, vocabulary_dirs
from keneng_audit.facts import ReportFacts
from keneng_audit.findings import Finding
from keneng_audit.rules.checks import ReportKind


def vocabulary(facts: ReportFacts) -> Vocabulary:
    """The vocabularies of the packs that apply to the report (national first)."""
    return facts.memo("claims.vocabulary", lambda: load_vocabulary(vocabulary_dirs(facts.folders)))


def _agreement(facts: ReportFacts, lang: str) -> list[Finding]:
    def build() -> list[Finding]:
        vocab = vocabulary(facts)
        evidence = collect_evidence(facts.doc, vocab, facts.quantities)
        return agreement_findings(evidence, facts.doc, vocab, lang)

    return facts.memo(f"claims.agreement.{lang}", build)


def _sentences(check: Callable) -> Callable[[ReportFacts, str], list[Finding]]:
    def run(facts: ReportFacts, lang: str) -> list[Finding]:
        vocabulary(facts)  # a broken vocabulary file is an error of the run, whichever check meets it first
        paras = facts.memo("claims.paragraphs", lambda: [prepare(p) for p in facts.doc.prose_paragraphs()])
        return check(facts.doc, paras, lang)

    return run


def _per_student(facts: ReportFacts, lang: str) -> list[Finding]:
    vocabulary(facts)
    paras = facts.memo("claims.paragraphs", lambda: [prepare(p) for p in facts.doc.prose_paragraphs()])
    return per_student_findings(facts.doc, paras, lang, facts.quantities)


KINDS: dict[str, ReportKind] = {
    "prose-agree": ReportKind(AGREE, _agreement),
    "prose-change-agree": ReportKind(CHANGE_AGREE, _agreement),
    "prose-share": ReportKind(SHARE, _sentences(share_findings)),
    "prose-parts": ReportKind(PARTS, _sentences(parts_findings)),
    "prose-listed": ReportKind(LISTED, _sentences(list_findings)),
    "prose-named-rows": ReportKind(NAMED_ROWS, _sentences(named_rows_findings)),
    "prose-per-student": ReportKind(PER_STUDENT, _per_student),
}
