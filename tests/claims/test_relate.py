"""One wrong number, one story: claim findings an agreement finding repeats are merged into it, and a claim whose
arithmetic holds with the value printed elsewhere says which number is likely wrong (claims.relate)."""

from __future__ import annotations

from pathlib import Path

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.claims import refit
from keneng_audit.findings import Finding, FindingLocation
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

LISHUI = Path(__file__).resolve().parents[1] / "fixtures" / "new-user" / "lishui-injected.txt"


def _finding(expected: str, actual: str) -> Finding:
    return Finding("KA410", "sentence-share", "error", "m", FindingLocation("f"), expected=expected, actual=actual)


@pytest.mark.parametrize("expected,actual,text,value,result", [
    ("96.7% = 1170 / 1210", "97.5%", "1210", 1200.0, "1170 / 1200 = 97.5%"),
    ("96.7% = 1170 / 1210", "97.5%", "1210", 1100.0, None),  # 106.4%: not what the text says either
    ("96.7% = 1170 / 1210", "97.5%", "1170", 1180.0, "1180 / 1210 = 97.5%"),
    ("1.5 = 97.5 − 96.0", "1.2", "96.0", 96.3, "97.5 − 96.3 = 1.2"),
    ("12.2% = (3,120 − 2,780) / 2,780", "11.2%", "2,780", 2806.0, None),  # printed twice in the formula
    ("8.0% = (3,120 − 2,890) / 2,890", "7.4%", "3,120", 3104.0, "(3,104 − 2,890) / 2,890 = 7.4%"),
    ("8.0% = (3,120 − 2,890) / 2,890", "7.4%", "3,120", 3200.0, None),
    ("可读的数字", "96.%", "96", 96.0, None),  # no formula
    ("1.2% = 124.02 / 10344.3", "12%", "124.02", 60.31, None),  # the sample: neither value gives 12%
])
def test_refit(expected, actual, text, value, result):
    assert refit(_finding(expected, actual), text, value) == result


@pytest.fixture(scope="module")
def lishui():
    return audit_report(LISHUI, packs=load_packs([rules_dir() / "national"])).findings


def test_a_share_check_the_agreement_repeats_is_merged_into_it(lishui):
    # `“双师型”教师 150 人，占专任教师总数的 67.4%`: 150 / 216 = 69.4% is both the share's check and the agreement
    at_20 = [(f.rule, f.also) for f in lishui if f.location.lines[:1] == (20,)]
    assert at_20 == [("KA401", (("KA410", "sentence-share"),))]


def test_a_share_on_a_number_printed_otherwise_elsewhere_names_that_number(lishui):
    # `2024 届毕业生 1210 人，就业 1170 人，就业率 97.5%` while 表4 prints 1200: the 1210 is wrong, not the 97.5%
    share = next(f for f in lishui if f.rule == "KA410" and f.location.lines == (48,))
    assert share.hint == "按表4 毕业生人数（人） / 2024届所印的 1200 计算，1170 / 1200 = 97.5%，与文中相符：可能是 1210 有误（见 KA401）"
    english = audit_report(LISHUI, lang="en", packs=load_packs([rules_dir() / "national"])).findings
    share = next(f for f in english if f.rule == "KA410" and f.location.lines == (48,))
    assert share.hint.startswith("with 1200 as 表4 ") and share.hint.endswith("1210 may be the wrong number (see KA401)")


def test_an_addend_of_a_sum_is_never_taken_for_the_quantity(tmp_path):
    # 教职工 318 in the text, the table's rows add up to 316 (no 合计): 64 / 226 = 28.3% is no reason to blame 318
    path = tmp_path / "r.txt"
    path.write_text("某某职业学校2024年质量年度报告\n一、学校概况\n    学校现有教职工 318 人，其中行政人员 64 人，占教职工总数的 28.3%。\n"
                    "表1 教职工总体情况\n类别          人数\n专任教师      226\n行政人员       64\n工勤人员       26\n"
                    "二、其他\n    学校持续发展。\n", encoding="utf-8")
    found = audit_report(path, packs=load_packs([rules_dir() / "national"])).findings
    share = next(f for f in found if f.rule == "KA410")
    assert share.expected == "20.1% = 64 / 318" and share.hint is None
