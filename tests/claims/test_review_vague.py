"""A tester's consistent report in the loose style schools write (约, 近, 超过, 九成五以上, 翻一番 since a named
year, 亿元 against 万元; tests/fixtures/review-vague): silent, and each of its false alarms' sentences, made
false, is found."""

from __future__ import annotations

from pathlib import Path

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "review-vague"


def _found(path: Path) -> list[tuple]:
    return sorted((f.rule, f.severity, f.expected) for f in audit_report(path, packs=load_packs([rules_dir() / "national"])).findings)


@pytest.mark.parametrize("name", ["chengxi-2024.txt", "extra-honest.txt", "repro-table4-overlap.txt",
                                  "repro-share-prevyear.txt", "repro-fanyifan-year.txt", "repro-jiuchengwu.txt"])
def test_the_consistent_reports_say_nothing(name):
    # overlapping groups each a share of 专任教师 (no 100% sum, no column sum as 专任教师); 九成以上 of 2024's
    # total, which the paragraph names; 翻了一番 since 2022; 九成五以上 is 95%
    assert _found(HERE / name) == []


@pytest.mark.parametrize("name,old,new,expected", [
    ("repro-fanyifan-year.txt", "比 2022 年翻了一番", "比 2023 年翻了一番", [("KA480", "error", "× 1.34 = 10,480 / 7,835")]),
    ("repro-jiuchengwu.txt", "落实去向 906 人", "落实去向 886 人", [("KA480", "error", "94.7% = 886 / 936")]),
    ("repro-share-prevyear.txt", "占总收入的九成以上", "占总收入的七成", [("KA480", "error", "92.8% = 9,358.60 / 10,086.70")]),
])
def test_each_sentence_made_false_is_found(tmp_path, name, old, new, expected):
    text = (HERE / name).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert _found(path) == expected
