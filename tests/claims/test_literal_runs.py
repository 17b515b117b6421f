"""The literal-word filter of find_claims never drops a match: every claim of the national vocabulary finds the
same matches in the sample's and the fixtures' paragraphs with the filter as without it."""

from __future__ import annotations

from pathlib import Path

from keneng_audit.claims import patterns
from keneng_audit.claims.vocabulary import load_vocabulary, national_vocabulary_dir
from keneng_audit.reading import read_report

ROOT = Path(__file__).resolve().parents[2]


def test_the_filter_keeps_every_match(monkeypatch):
    vocab = load_vocabulary([national_vocabulary_dir()])
    reports = [ROOT / "data" / "keneng-2024" / "report.txt", *sorted((ROOT / "tests" / "fixtures").glob("*/*.txt"))]
    texts = [p.text for r in reports for p in read_report(r).prose_paragraphs()]
    claims = [c.compiled for c in vocab.claims]
    filtered = [[(m.start, m.end) for m in patterns.find_claims(c, t)] for t in texts for c in claims]
    monkeypatch.setattr(patterns, "literal_runs", lambda say, pattern="": ())
    unfiltered = [[(m.start, m.end) for m in patterns.find_claims(c, t)] for t in texts for c in claims]
    assert filtered == unfiltered
    assert sum(map(len, filtered)) > 50  # the claims do match in these reports


def test_runs_follow_the_pattern_syntax():
    claim = patterns.compile_claim("^毕业生 {x} 人", lambda name: "q")
    assert patterns.literal_runs(claim.say, claim.regex.pattern) == ("毕业生", "人")  # `^` is no literal
    claim = patterns.compile_claim("[相比|]上 年 {x|增加} … 人次", lambda name: "q")
    assert patterns.literal_runs(claim.say, claim.regex.pattern) == ("上年", "人次")
