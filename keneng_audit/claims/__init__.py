"""Numbers stated in prose: named quantities, claim patterns, cell mappings, agreement and sentence checks.

Entry points for the engine:
- `check_prose(doc, vocab_paths, lang)`: every KA4xx finding of one report.
- `tag_facts(doc, vocab_paths)`: fills `Fact.quantity` / `Fact.period` of the prose facts and adds the mapped
  table cells, so the facts frame and `extract` show them.
- `pack_vocabulary(packs, doc)`: the `vocabulary/` folders of the rule packs that apply to a report.
- `RULES`: id → name, severity, description, rationale, examples of each KA4xx rule.
"""

from __future__ import annotations

from pathlib import Path

from keneng_audit.claims.agreement import agreement_findings
from keneng_audit.claims.rules import RULES
from keneng_audit.claims.sentences import sentence_findings
from keneng_audit.claims.tagging import collect_evidence, tag_facts
from keneng_audit.claims.vocabulary import load_vocabulary, national_vocabulary_dir, vocabulary_dirs
from keneng_audit.document import Document
from keneng_audit.findings import Finding

RULE_IDS = tuple(RULES)


def pack_vocabulary(packs, doc: Document) -> list[Path]:
    """The `vocabulary/` folders of the packs (engine RulePacks) that apply to this report, national first."""
    folders: list[Path] = []
    for pack in packs:
        if not pack.applies_to.matches(doc.title):
            continue
        for folder in {Path(rule.file).parent for rule in pack.rules}:
            if folder not in folders:
                folders.append(folder)
    return vocabulary_dirs(folders)


def check_prose(doc: Document, vocab_paths: list[Path], lang: str = "zh") -> list[Finding]:
    """Agreement of named quantities across prose and tables (KA401/KA402) plus the generic sentence checks."""
    lang = "zh" if lang == "zh" else "en"
    vocab = load_vocabulary(vocab_paths)
    evidence = collect_evidence(doc, vocab)
    return agreement_findings(evidence, doc, vocab, lang) + sentence_findings(doc, lang)


__all__ = ["RULES", "RULE_IDS", "check_prose", "tag_facts", "pack_vocabulary", "load_vocabulary",
           "national_vocabulary_dir", "vocabulary_dirs"]
