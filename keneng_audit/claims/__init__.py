"""Numbers stated in prose: named quantities, claim patterns, agreement with the tables and sentence checks.

Entry points for the engine:
- `check_prose(doc, vocab_paths, lang)`: every KA4xx finding of one report.
- `tag_facts(doc, vocab_paths, facts=...)`: fills `Fact.quantity` / `Fact.period` of the prose facts and adds
  the engine's table facts, so the facts frame and `extract` show them.
- `drop_repeated(engine_findings, prose_findings)`: one finding per disagreement.
- `pack_vocabulary(packs, doc)`: the `vocabulary/` folders of the rule packs that apply to a report.
- `RULES`: id → name, severity, description, rationale, examples of each KA4xx rule.
"""

from __future__ import annotations

from pathlib import Path

from keneng_audit.claims.agreement import AGREE, CHANGE_AGREE, agreement_findings
from keneng_audit.claims.known import Known
from keneng_audit.claims.rules import RULES
from keneng_audit.claims.sentences import sentence_findings
from keneng_audit.claims.tagging import collect_evidence, pack_facts, report_year, tag_facts
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


def check_prose(doc: Document, vocab_paths: list[Path], lang: str = "zh", facts=None) -> list[Finding]:
    """Agreement of named quantities across prose and tables (KA401/KA402) plus the generic sentence checks.

    `facts` are the engine's table facts (`engine.Run.facts`: the packs' `quantities:` found in this report);
    without them, they are built from the packs whose `vocabulary/` folders are given.
    """
    lang = "zh" if lang == "zh" else "en"
    vocab = load_vocabulary(vocab_paths)
    if facts is None:
        facts = pack_facts(doc, vocab_paths)
    evidence = collect_evidence(doc, vocab, facts)
    known = Known.of(vocab, evidence, report_year(doc))
    return agreement_findings(evidence, doc, vocab, lang) + sentence_findings(doc, lang, facts, known)


def drop_repeated(findings: list[Finding], prose: list[Finding]) -> list[Finding]:
    """The engine's findings without those a prose agreement finding repeats: one that compares every value
    they compare (an `agree` rule over the same places, or a sum whose parts and total are all occurrences of
    the one quantity). The prose finding lists every place, the prose included, so it is the one kept."""
    covering = [{(v.text, v.line) for v in f.values} for f in prose if f.rule in (AGREE, CHANGE_AGREE)]
    return [f for f in findings
            if not (f.values and any({(v.text, v.line) for v in f.values} <= seen for seen in covering))]


__all__ = ["RULES", "RULE_IDS", "check_prose", "drop_repeated", "tag_facts", "pack_vocabulary", "load_vocabulary",
           "national_vocabulary_dir", "vocabulary_dirs"]
