"""Numbers stated in prose: named quantities, claim patterns, agreement with the tables and sentence checks.

In an audit the prose checks run as report kinds (`report_kinds.KINDS`, part of `rules.kinds.KINDS`) of the
built-in rules (`RULES`), on the report's facts (keneng_audit.facts). Entry points:
- `check_prose(doc, vocab_paths, lang)`: every KA4xx finding of one report, the same way, outside an audit.
- `tag_facts(doc, vocab_paths, facts=...)`: fills `Fact.quantity` / `Fact.period` of the prose facts and adds
  the engine's table facts, so the facts frame and `extract` show them.
- `drop_repeated(engine_findings, prose_findings)`: one finding per disagreement.
- `relate(prose_findings, lang)`: a claim check that repeats an agreement finding merged into it; one that uses a
  value the agreement finding shows printed otherwise elsewhere says so in its hint.
- `pack_vocabulary(packs, doc)`: the `vocabulary/` folders of the rule packs that apply to a report.
- `RULES`: id → name, severity, description, rationale, examples of each KA4xx rule.
"""

from __future__ import annotations

from pathlib import Path

from keneng_audit.claims.agreement import AGREE, CHANGE_AGREE
from keneng_audit.claims.relate import refit, relate
from keneng_audit.claims.rules import RULES
from keneng_audit.claims.tagging import pack_facts, tag_facts
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
    """Every prose check (agreement KA401/KA402, then each claim kind) on one report, outside an audit run.

    `facts` are the table facts (facts.FactsView: the packs' `quantities:` found in this report); without them,
    they are built from the packs whose `vocabulary/` folders are given. The checks run exactly as in an audit:
    through their report kinds (claims/report_kinds.py), which is where what a kind reads is prepared.
    """
    from keneng_audit.claims.report_kinds import KINDS
    from keneng_audit.facts import ReportFacts

    lang = "zh" if lang == "zh" else "en"
    if facts is None:
        facts = pack_facts(doc, vocab_paths)
    report = ReportFacts.of_quantities(doc, facts, vocab_paths)
    return relate([f for rule in RULES.values() for f in KINDS[rule.kind].findings(rule, report, lang)], lang)


def drop_repeated(findings: list[Finding], prose: list[Finding]) -> list[Finding]:
    """The engine's findings without those a prose agreement finding repeats: one that compares every value
    they compare (an `agree` rule over the same places, or a sum whose parts and total are all occurrences of
    the one quantity). The prose finding lists every place, the prose included, so it is the one kept."""
    covering = [{(v.text, v.line) for v in f.values} for f in prose if f.rule in (AGREE, CHANGE_AGREE)]
    return [f for f in findings
            if not (f.values and any({(v.text, v.line) for v in f.values} <= seen for seen in covering))]


__all__ = ["RULES", "RULE_IDS", "check_prose", "drop_repeated", "relate", "refit", "tag_facts", "pack_vocabulary",
           "load_vocabulary", "national_vocabulary_dir", "vocabulary_dirs"]
