"""Runs every registered claim kind over a report's prose paragraphs (no per-report rule needed)."""

from __future__ import annotations

from keneng_audit.claims.kinds import KINDS
from keneng_audit.claims.kinds.common import Context
from keneng_audit.claims.paragraphs import prepare
from keneng_audit.facts import report_year
from keneng_audit.document import Document
from keneng_audit.findings import Finding


def context(doc: Document, lang: str, facts=None, known=None) -> Context:
    """What every claim kind reads: the prepared prose paragraphs, the report's year and what claims are resolved
    against: `facts` (the table facts, facts.FactsView) and `known` (named quantities from tables and prose)."""
    keywords = {rule: tuple(getattr(kind, "KEYWORDS", ())) for rule, kind in KINDS.items()}
    paras = [prepare(p) for p in doc.prose_paragraphs()]
    for i, p in enumerate(paras):
        p.index = i
    return Context(doc, paras, lang, report_year(doc), facts, known, keywords)


def sentence_findings(doc: Document, lang: str, facts=None, known=None) -> list[Finding]:
    """Every claim kind's findings over every prose paragraph; without `facts` and `known`, kinds that need the
    other side of a claim stay silent."""
    ctx = context(doc, lang, facts, known)
    out: list[Finding] = []
    for kind in KINDS.values():
        out.extend(kind.check(ctx))
    return out
