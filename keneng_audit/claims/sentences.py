"""Runs every registered claim kind over a report's prose paragraphs (no per-report rule needed)."""

from __future__ import annotations

from keneng_audit.claims.kinds import KINDS
from keneng_audit.claims.kinds.common import Context
from keneng_audit.claims.paragraphs import prepare
from keneng_audit.claims.tagging import report_year
from keneng_audit.document import Document
from keneng_audit.findings import Finding


def sentence_findings(doc: Document, lang: str, facts=None, known=None) -> list[Finding]:
    """Every claim kind's findings over every prose paragraph; `facts` (the engine's table facts) and `known`
    (named quantities from tables and prose) are what claims are resolved against — without them, kinds that
    need the other side of a claim stay silent."""
    ctx = Context(doc, [prepare(p) for p in doc.prose_paragraphs()], lang, report_year(doc), facts, known)
    out: list[Finding] = []
    for kind in KINDS.values():
        out.extend(kind.check(ctx))
    return out
