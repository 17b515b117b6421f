"""The second report with a section of prose claims (tests/fixtures/second-report/make_prose.py): one injected
error of every claim kind is found at its line with the national pack alone, and the consistent twin (the
report's five table discrepancies corrected too) gives no finding at all."""

from __future__ import annotations

from pathlib import Path

from keneng_audit.audit import audit_document
from keneng_audit.claims.kinds import KINDS
from keneng_audit.reading import read_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "second-report"


def _findings(name: str):
    return audit_document(read_report(HERE / name), load_packs([rules_dir() / "national"]), "zh").findings


def _prose(findings):
    return sorted((f.rule, f.severity, f.actual, f.location.lines) for f in findings if f.rule.startswith("KA4"))


def test_every_injected_claim_error_is_found():
    found = _prose(_findings("prose-injected.txt"))
    assert found == [
        ("KA401", "error", "1046（§1.3.2）", (127, 164, 166, 168, 257)),  # the second report's own prose error
        ("KA401", "error", "3210（§2.4）", (21, 85, 235, 465)),  # 学校现有全日制在校生 3210 人: a bare name
        ("KA410", "error", "70.0%", (233, 477)),  # 分别占 30.0%、70.0% of 附表6's 240 专任教师
        ("KA421", "error", "36", (241,)),
        ("KA430", "error", "5", (235,)),
        ("KA460", "error", "2024 年 6 月 31 日", (237,)),
        ("KA461", "error", "3 天", (237, 239)),
        ("KA461", "error", "6 个月", (239,)),  # March–June: 4 months
        ("KA462", "error", "45", (19, 229)),
        ("KA470", "error", "2.5 倍", (243,)),  # 增长了 2.5 倍: 100 / 40 − 1 = 1.5
        ("KA470", "error", "4.9%", (243, 257)),  # 毕业生 18 个班、1064 人，较上年增长: 1012 → 1064 (附表1)
        ("KA470", "error", "7.4%", (231, 465)),
        ("KA470", "error", "7.4%", (235,)),  # 由上年的 2890 人增长到 3120 人
        ("KA471", "error", "0.9", (243, 489)),  # 96.8% − 96.2%, as 附表6's row prints both years too
        ("KA471", "error", "21", (231, 477)),
        # 16:1 fits neither 3120 / 240 = 13.0 nor the 高职 definition 3120 / (240 + 0.5 × 40) = 12.0
        ("KA472", "error", "16:1", (231, 243, 465, 477)),
        ("KA480", "error", "九成以上", (233,)),
        ("KA490", "error", "1，260", (243,)),
    ]
    assert {rule for rule, *_ in found} - {"KA401"} == set(KINDS) - {"KA420", "KA431", "KA440", "KA450"}


def test_the_consistent_twin_is_silent():
    findings = _findings("consistent.txt")
    assert [(f.rule, f.location.lines, f.message) for f in findings if f.severity != "info"] == []


def _generator():
    import importlib.util

    spec = importlib.util.spec_from_file_location("second_report_make_prose", HERE / "make_prose.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_files_are_what_the_generator_writes_and_differ_only_where_injected():
    make = _generator()
    assert (HERE / "prose-injected.txt").read_bytes() == make.build(True).encode("gb18030")
    assert (HERE / "consistent.txt").read_bytes() == make.build(False).encode("gb18030")
    a = (HERE / "consistent.txt").read_bytes().decode("gb18030").splitlines()
    b = (HERE / "prose-injected.txt").read_bytes().decode("gb18030").splitlines()
    assert len(a) == len(b)
    # the five table discrepancies of the README (附表 lines 18 further down) and the eight claim lines
    assert [i + 1 for i, (x, y) in enumerate(zip(a, b)) if x != y] == [
        110, 127, 142, 229, 231, 233, 235, 237, 239, 241, 243, 275, 329]
