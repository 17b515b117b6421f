"""Prose amounts in another scale than the table's (万元 / 元, 亿元 / 万元) and the bare `全日制在校生 N 人` /
`毕业生 N 人` inside longer sentences, against a table that inference reads (national pack alone)."""

from __future__ import annotations

import pytest

from keneng_audit.audit import audit_document
from keneng_audit.reading import read_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

MONEY = """北江职业学校2024年质量年度报告
一、经费
{sentence}
二、数据
表1 近两年经费收入
项目 2023年（元） 2024年（元）
总收入 386,520,000.00 412,860,500.00
学费收入 86,320,000.00 90,870,500.00
三、其他
以上。
"""
PEOPLE = """石门职业学校2024年质量年度报告
一、学校概况
{sentence}
二、数据
表1 近两年主要办学指标
指标 2023年 2024年
全日制在校生（人） 1,150 1,200
毕业生人数（人） 360 380
教职工总数（人） 96 100
"""


def _agree(tmp_path, template: str, sentence: str):
    path = tmp_path / "r.txt"
    path.write_text(template.format(sentence=sentence), encoding="utf-8")
    found = audit_document(read_report(path), load_packs([rules_dir() / "national"]), "zh").findings
    return [(f.rule, f.actual) for f in found if f.rule.startswith("KA4")]


@pytest.mark.parametrize("sentence,expected", [
    ("2024 年学校总收入 41,286.05 万元，其中学费收入 9,087.05 万元。", []),
    ("2024 年学校总收入 4.13 亿元，其中学费收入 9,087 万元。", []),  # 4.13 亿元 holds 41,286.05 万元
    ("2024 年学校总收入 41,286.05 万元，其中学费收入 9,078.05 万元。", [("KA401", "9,078.05（§一）")]),
    ("2024 年学校总收入 4.31 亿元，其中学费收入 9,087.05 万元。", [("KA401", "4.31 亿元（§一）")]),
])
def test_an_amount_is_compared_in_one_unit(tmp_path, sentence, expected):
    assert _agree(tmp_path, MONEY, sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    ("学校现有全日制在校生 1,200 人，教职工 100 人。", []),
    ("学校现有全日制在校生 1,250 人，教职工 100 人。", [("KA401", "1,250（§一）")]),
    ("2024 年招收新生 420 人，毕业生 380 人。", []),
    ("2024 年招收新生 420 人，毕业生 360 人。", [("KA401", "360（§一）")]),
    ("学校教职工 96 人，专任教师 80 人。", [("KA401", "96（§一）")]),
    ("2024 届毕业生 380 人，2023 届毕业生 360 人。", []),  # the year of each clause
    # a name another word qualifies is about a part, not the whole
    ("其中一年级在校生 450 人，电子信息大类毕业生 120 人。", []),
    ("参加技能大赛的毕业生 36 人，机电专业在校生 300 人。", []),
    ("近三年毕业生 1,100 人。", []),  # several years
])
def test_a_bare_name_opening_its_clause_states_the_quantity(tmp_path, sentence, expected):
    assert _agree(tmp_path, PEOPLE, sentence) == expected


@pytest.mark.parametrize("sentence", [
    "规模最大的专业为计算机应用专业，在校生 402 人。",  # a part named earlier in the sentence carries over
    "其中计算机应用专业在校生 402 人。",
    "机电系全日制在校生 1,200 人。",
    "学校东校区全日制在校生 1,600 人。",
    "上年全日制在校生 1,150 人。",
    "学校有 2 个校区，全日制在校生分别为 700 人和 500 人。",
    "新生报到率 98.0%，全日制在校生中寄宿生 900 人。",
    "中职部全日制在校生 700 人，五年制高职在校生 500 人。",
])
def test_a_bare_name_about_a_part_is_no_claim(tmp_path, sentence):
    assert _agree(tmp_path, PEOPLE, sentence) == []
