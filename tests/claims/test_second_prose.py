"""The second report with a section of prose claims (tests/make_fixtures.py): one injected error of every claim
kind is found with the national pack alone, and the consistent twin adds nothing to the report's own findings."""

from __future__ import annotations

from keneng_audit.audit import audit_document
from keneng_audit.claims.kinds import KINDS
from keneng_audit.reading import read_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs
from tests.make_fixtures import second_report_with_prose


def _prose(path):
    findings = audit_document(read_report(path), load_packs([rules_dir() / "national"]), "zh").findings
    return sorted((f.rule, f.severity, f.actual, f.location.lines) for f in findings if f.rule.startswith("KA4"))


def test_every_injected_claim_error_is_found(tmp_path):
    found = _prose(second_report_with_prose(tmp_path / "injected.txt", injected=True))
    assert found == [
        ("KA401", "error", "1046（§1.3.2）", (127, 164, 166, 168, 257)),  # the second report's own prose error
        ("KA421", "error", "36", (241,)),
        ("KA430", "error", "5", (235,)),
        ("KA460", "error", "2024 年 6 月 31 日", (237,)),
        ("KA461", "error", "3 天", (237, 239)),
        ("KA462", "error", "45", (19, 229)),
        ("KA470", "error", "7.4%", (231, 465)),
        ("KA471", "error", "21", (231, 477)),
        ("KA472", "error", "16:1", (231, 465, 477)),
        ("KA480", "error", "九成以上", (233,)),
        ("KA490", "error", "1，260", (243,)),
    ]


def test_the_consistent_twin_adds_no_prose_finding(tmp_path):
    found = _prose(second_report_with_prose(tmp_path / "consistent.txt", injected=False))
    assert found == [("KA401", "error", "1046（§1.3.2）", (127, 164, 166, 168, 257))]
    assert not {rule for rule, *_ in found} & (set(KINDS) - {"KA401"})
