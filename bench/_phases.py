"""One audit split into the phases audit.audit_document runs: read, infer, facts, rules, prose (built-in checks)."""

from __future__ import annotations

import time
from pathlib import Path

PHASES = ("read", "infer", "facts", "rules", "prose", "total")


def timed_audit(path: Path, packs: list, lang: str = "zh", infer: bool = True) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds of each phase of one audit of `path`, the same steps as audit.audit_document."""
    from keneng_audit import audit, claims
    from keneng_audit.engine import run
    from keneng_audit.facts import ReportFacts
    from keneng_audit.reading import read_report

    marks = [(time.perf_counter(), time.process_time())]

    def mark() -> None:
        marks.append((time.perf_counter(), time.process_time()))

    doc = read_report(path)
    mark()
    chosen = audit.report_rules(doc, packs, infer)
    mark()
    facts = ReportFacts.build(doc, chosen)
    mark()
    outcome = run(doc, chosen, lang, facts)
    mark()
    builtin = run(doc, [], lang, facts, audit.builtin_rules(lang)).findings
    claims.drop_repeated(outcome.findings, builtin)
    mark()
    spans = [(k, k + 1) for k in range(len(PHASES) - 1)] + [(0, len(PHASES) - 1)]
    return {name: (marks[b][0] - marks[a][0], marks[b][1] - marks[a][1]) for name, (a, b) in zip(PHASES, spans)}
