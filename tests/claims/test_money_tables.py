"""Money stated in prose (万元, 亿元) against an income table's 合计 or row in 元 or 万元 (review3 NEW-7)."""

from __future__ import annotations

import pytest

from keneng_audit.audit import audit_document
from keneng_audit.reading import read_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

_REPORT = """南岭职业学院2025年质量年度报告
一、经费
{sentence}
二、数据
{caption}
{unit}项目 2024年 2025年
财政拨款 {a}
学费收入 {b}
{total}"""

_YUAN = dict(unit="单位：元\n", a="40,120,000.00 43,250,000.00", b="8,510,200.00 9,168,600.00",
             total="合计 48,630,200.00 52,418,600.00\n")
_WAN = dict(unit="单位：万元\n", a="4,012.02 4,325.00", b="851.02 916.86", total="合计 4,863.04 5,241.86\n")


def _agree(tmp_path, sentence: str, caption: str = "表3 近两年经费收入情况", **table) -> list[tuple[str, str]]:
    path = tmp_path / "report.txt"
    path.write_text(_REPORT.format(sentence=sentence, caption=caption, **table), encoding="utf-8")
    findings = audit_document(read_report(path), load_packs([rules_dir() / "national"]), "zh").findings
    return [(f.rule, f.actual) for f in findings if f.severity != "info"]


@pytest.mark.parametrize("sentence,table,expected", [
    ("2025年学校总收入5,241.86万元。", _YUAN, []),
    ("2025年学校总收入5,214.86万元。", _YUAN, [("KA401", "5,214.86（§一）")]),
    ("2025年学校总收入0.52亿元。", _YUAN, []),  # 0.52 亿元 stands for [0.515, 0.525) 亿元
    ("2025年学校总收入0.50亿元。", _YUAN, [("KA401", "0.50 亿元（§一）")]),
    ("2025年学校总收入5,241.86万元。", _WAN, []),
    ("2025年学校总收入5,241.68万元。", _WAN, [("KA401", "5,241.68（§一）")]),
    ("2025年学校学费收入916.86万元。", _YUAN, []),
    ("2025年学校学费收入961.86万元。", _YUAN, [("KA401", "961.86（§一）")]),
])
def test_total_income_against_the_income_tables_total(tmp_path, sentence, table, expected):
    assert _agree(tmp_path, sentence, **table) == expected


def test_a_table_of_the_main_sources_without_a_total_is_no_total_income(tmp_path):
    table = dict(_YUAN, total="")
    assert _agree(tmp_path, "2025年学校总收入6,000.00万元。", caption="表3 近两年主要经费收入情况", **table) == []


_N6 = """江北技师学院2024年度质量报告
三、经费保障
{sentence}
表4-1 近两年经费收入情况
单位：万元
收入项目 2023年 2024年
财政拨款 3,820.50 4,106.80
学费收入 512.30 548.60
社会培训收入 286.40 331.20
合计 4,619.20 4,986.60
"""


@pytest.mark.parametrize("sentence,expected", [
    # 学院总收入 opens its clause like 学校总收入 (review4 N6 `wan`)
    ("2024 年学院总收入 4,986.60 万元。", []),
    ("2024 年学院总收入 4,968.60 万元。", [("KA401", "4,968.60（正文）")]),
    # an increase against a row of a table whose unit is a `单位：万元` note (review4 N6 `incr2`)
    ("社会培训收入 331.20 万元，较上年增加 44.80 万元。", []),
    ("社会培训收入 331.20 万元，较上年增加 48.40 万元。", [("KA471", "48.40")]),
    # a share of two quantities the table prints (review4 N6 `share2`: 4,106.80 / 4,986.60 = 82.36%)
    ("2024 年学院总收入 4,986.60 万元，其中财政拨款占总收入的 82.4%。", []),
    ("2024 年学院总收入 4,986.60 万元，其中财政拨款占总收入的 84.2%。", [("KA410", "84.2%")]),
    ("2024 年其中财政拨款占总收入的 82.3%。", [("KA410", "82.3%")]),
    ("2023 年其中财政拨款占总收入的 82.7%。", []),  # 3,820.50 / 4,619.20 = 82.71%: the year the sentence names
])
def test_money_claims_against_a_table_in_wan(tmp_path, sentence, expected):
    path = tmp_path / "report.txt"
    path.write_text(_N6.format(sentence=sentence), encoding="utf-8")
    findings = audit_document(read_report(path), load_packs([rules_dir() / "national"]), "zh").findings
    assert [(f.rule, f.actual) for f in findings if f.severity != "info"] == expected


def test_an_amount_without_a_unit_above_any_schools_wan_is_yuan(tmp_path):
    """A money table whose unit the reader missed (`单位：元` lost): 52,418,600.00 cannot be 万元."""
    table = dict(_YUAN, unit="")
    assert _agree(tmp_path, "2025年学校总收入5,241.86万元。", **table) == []
    assert _agree(tmp_path, "2025年学校总收入5,214.86万元。", **table) == [("KA401", "5,214.86（§一）")]


@pytest.mark.parametrize("sentence,expected", [
    # the year the sentence names is the claim's year (total income's default is the year before the report's)
    ("2025年学校总收入5,241.86万元，较上年增加378.84万元，增长7.79%。", []),
    ("2025年学校总收入5,241.86万元，较上年增加387.84万元，增长7.79%。", [("KA471", "387.84")]),
    # the sentence's own numbers disagree with the tables: its right rate is not blamed (review4 R4-11)
    ("2025年学校总收入5,214.86万元，较上年增加387.84万元，增长7.79%。",
     [("KA401", "5,214.86（§一）"), ("KA471", "387.84")]),
])
def test_an_increase_in_a_sentence_against_the_income_table(tmp_path, sentence, expected):
    assert sorted(_agree(tmp_path, sentence, **_YUAN)) == expected
