"""Each claim kind's KEYWORDS only skip paragraphs its patterns cannot match: with the prefilter or without it,
every kind finds the same on reports full of claims (the sample, the injected fixtures)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from keneng_audit.claims.kinds import KINDS
from keneng_audit.claims.report_kinds import claim_context
from keneng_audit.facts import ReportFacts
from keneng_audit.reading import read_report
from keneng_audit.resources import rules_dir, sample_report
from keneng_audit.rules.loader import load_packs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.mark.parametrize("path", [sample_report(), FIXTURES / "prose-injected" / "report.txt",
                                  FIXTURES / "other-school" / "report.txt",
                                  FIXTURES / "second-report" / "prose-injected.txt"], ids=lambda p: p.parent.name)
def test_the_keyword_prefilter_changes_no_finding(path):
    doc = read_report(path)
    ctx = claim_context(ReportFacts.build(doc, load_packs([rules_dir() / "national"])), "zh")
    assert set(ctx.keywords) == set(KINDS) and all(ctx.keywords.values())
    every = replace(ctx, keywords={}, _index=None, _memo={})  # no prefilter: every paragraph
    assert sum(len(ctx.paras_for(rule)) for rule in KINDS) < len(KINDS) * len(ctx.paras)  # it skips some
    for rule, kind in KINDS.items():
        assert len(ctx.paras_for(rule)) <= len(ctx.paras)
        with_filter = [(f.rule, f.location.lines, f.message) for f in kind.check(ctx)]
        without = [(f.rule, f.location.lines, f.message) for f in kind.check(every)]
        assert with_filter == without, rule
