"""Fixture reports with one injected error of every claim kind, each beside a consistent twin that stays silent.

Checked with the national pack alone: nothing here was written for these schools."""

from __future__ import annotations

from pathlib import Path

import pytest

from keneng_audit.audit import audit_document
from keneng_audit.claims.kinds import KINDS
from keneng_audit.reading import read_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NEW_KINDS = {"KA421", "KA430", "KA460", "KA461", "KA462", "KA470", "KA471", "KA472", "KA480", "KA490"}


def _audit(path: Path):
    return audit_document(read_report(path), load_packs([rules_dir() / "national"]), "zh").findings


def _claims(findings):
    return sorted((f.rule, f.severity, f.actual, f.location.lines) for f in findings if f.rule in KINDS)


def test_prose_fixture_injected_errors_are_each_found_once():
    found = _claims(_audit(FIXTURES / "prose-injected" / "report.txt"))
    assert found == [
        ("KA421", "error", "860", (42,)),
        ("KA430", "error", "7", (36,)),
        ("KA460", "error", "2024 年 9 月 31 日", (32,)),
        ("KA461", "error", "4 天", (24,)),
        ("KA462", "error", "40", (10, 12)),
        ("KA470", "error", "7.9%", (16, 52)),
        ("KA471", "error", "21", (22, 60)),
        ("KA472", "error", "15:1", (22, 52, 60)),
        ("KA480", "error", "八成以上", (20,)),
        ("KA490", "error", "96.%", (44,)),
    ]
    assert {rule for rule, *_ in found} == NEW_KINDS


def test_prose_fixture_consistent_twin_is_silent():
    findings = _audit(FIXTURES / "prose-consistent" / "report.txt")
    assert _claims(findings) == []
    assert [f for f in findings if f.rule.startswith("KA4")] == []


def test_the_twins_differ_only_in_the_injected_sentences():
    a = (FIXTURES / "prose-consistent" / "report.txt").read_text(encoding="utf-8").splitlines()
    b = (FIXTURES / "prose-injected" / "report.txt").read_text(encoding="utf-8").splitlines()
    assert len(a) == len(b)
    assert len([i for i, (x, y) in enumerate(zip(a, b)) if x != y]) == 9  # ten edits, two on one line


# ---------------------------------------------------------------- the other school (its generator's PROSE_CLAIMS)

OTHER = FIXTURES / "other-school"


def test_other_school_carries_one_injected_error_of_every_claim_kind_each_found_at_its_line():
    import json

    items = [i for i in json.loads((OTHER / "injected.json").read_text(encoding="utf-8")) if i.get("rule")]
    assert {i["rule"] for i in items} == NEW_KINDS
    found = [f for f in _audit(OTHER / "report.txt") if f.rule in KINDS]
    assert sorted(f.rule for f in found) == sorted(i["rule"] for i in items)
    for item in items:
        [f] = [f for f in found if f.rule == item["rule"]]
        # at its sentence's line (a ratio also cites the table lines of its sides: 表 2-3's 兼职教师 comes first)
        assert item["line"] in f.location.lines, (item, f.location)
        assert f.severity == "error" and any(v.text == item["printed"] for v in f.values), (item, f)


def test_other_school_consistent_twin_gives_no_prose_finding():
    assert [f for f in _audit(OTHER / "consistent.txt") if f.rule.startswith("KA4")] == []


# ------------------------------------------- sentence shapes and money of review round 3 (NEW-7, NEW-16, NEW-17)

SENTENCES = FIXTURES / "prose-sentences"


def test_sentence_shapes_fixture_injected_errors_are_each_found_at_their_line():
    found = sorted((f.rule, f.severity, f.actual, f.location.lines) for f in _audit(SENTENCES / "injected.txt"))
    assert found == [
        ("KA401", "error", "15,060.00（§四）", (16, 36)),  # 总收入 in 万元 against the income table's 合计 in 元
        ("KA401", "error", "302.5（§四）", (16, 35)),  # 社会培训收入 against its row
        ("KA401", "error", "8460（附表6）", (4, 21, 26)),  # the one wrong copy of the students, named as such
        ("KA410", "error", "25.0%", (4,)),  # the second share of a pair
        ("KA410", "error", "30.2%", (11,)),  # 升学率
        ("KA410", "error", "55.0%", (8,)),  # 分别占 after a `，` list
        ("KA410", "error", "80%", (7,)),
        ("KA410", "error", "97.0%", (12,)),  # 完成招生计划 N 人的 P%
        ("KA421", "error", "23", (13,)),  # parts, then 共 N
    ]  # and no KA450: the 生均 fits the 8,640 every other place prints


def test_sentence_shapes_fixture_consistent_twin_is_silent():
    assert _audit(SENTENCES / "consistent.txt") == []
