"""Change claims about a quantity no vocabulary names, against the table row (or column) that prints the sentence's
value and the year before (review3 NEW-7: `1.08万 / 1.26万` cells, `12.6万人次` against 人次, 百分点 against a table)."""

from __future__ import annotations

import pytest

from keneng_audit.audit import audit_document
from keneng_audit.reading import read_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

_COLUMNS = """南岭技工学校2024年质量年度报告
一、社会服务
{sentence}
表3 职业培训与技能等级认定
项目\t2023年\t2024年
职业技能培训（人次）\t1.08万\t1.26万
技能等级认定（人）\t2,150\t2,480
就业率（%）\t96.5\t97.2
"""

_ROWS = """南岭技工学校2024年质量年度报告
一、在校生
{sentence}
表1 近三学年在校生情况
学年\t在校生（人）\t其中：高级工班（人）\t高级工班占比（%）
2021—2022学年\t3,420\t1,026\t30.0
2022—2023学年\t3,615\t1,157\t32.0
2023—2024学年\t3,880\t1,358\t35.0
"""


def _claims(tmp_path, template: str, sentence: str) -> list[tuple[str, str, str]]:
    path = tmp_path / "report.txt"
    path.write_text(template.format(sentence=sentence), encoding="utf-8")
    findings = audit_document(read_report(path), load_packs([rules_dir() / "national"]), "zh").findings
    return [(f.rule, f.severity, f.expected) for f in findings if f.rule in ("KA470", "KA471")]


@pytest.mark.parametrize("sentence,expected", [
    # growth of a row printed in 万: 1.08万 → 1.26万 = 16.7%; 14.3% is taken of this year
    ("全年开展职业技能培训1.26万人次，较上年增长16.7%。", []),
    ("全年开展职业技能培训1.26万人次，较上年增长14.3%。", [("KA470", "error", "16.7% = (1.26万 − 1.08万) / 1.08万")]),
    ("全年开展职业技能培训12,600人次，较上年增长16.7%。", []),
    ("全年开展职业技能培训12,600人次，较上年增长18.7%。", [("KA470", "error", "16.7% = (1.26万 − 1.08万) / 1.08万")]),
    # the rounding edge: [1.075, 1.085) → [1.255, 1.265) gives 15.7% … 17.7%
    ("全年开展职业技能培训1.26万人次，较上年增长17.6%。", []),
    ("全年开展职业技能培训1.26万人次，较上年增长17.8%。", [("KA470", "error", "16.7% = (1.26万 − 1.08万) / 1.08万")]),
    ("技能等级认定2,480人，较上年增加330人。", []),
    ("技能等级认定2,480人，较上年增加300人。", [("KA471", "error", "330 = 2,480 − 2,150")]),
    # 百分点 against a rate row
    ("2024届毕业生就业率97.2%，较上届提高0.7个百分点。", []),
    ("2024届毕业生就业率97.2%，较上届提高1.7个百分点。", [("KA471", "error", "0.7 = 97.2 − 96.5")]),
    ("2024届毕业生就业率97.2%，较上届提高0.7百分点。", []),  # 百分点 without 个
    ("2024届毕业生就业率97.2%，较上届提高1.7百分点。", [("KA471", "error", "0.7 = 97.2 − 96.5")]),
    # not the row's value, no row the sentence names, or another year named: silent
    ("全年开展职业技能培训1.30万人次，较上年增长14.3%。", []),
    ("全年开展社会培训1.26万人次，较上年增长14.3%。", []),
    ("全年开展职业技能培训1.26万人次，比2022年增长14.3%。", []),
])
def test_change_against_a_row_with_years_as_columns(tmp_path, sentence, expected):
    assert _claims(tmp_path, _COLUMNS, sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    ("2023—2024学年在校生3,880人，其中高级工班1,358人，占35.0%，较上一学年提高3.0个百分点。", []),
    # a column whose every value ends in .0 may be whole percentages padded by the cell format: 35.0 − 32.0
    # stands for [2.0, 4.0] (intervals.bounds), so 2.0 is no error, 1.5 is
    ("2023—2024学年在校生3,880人，其中高级工班1,358人，占35.0%，较上一学年提高2.0个百分点。", []),
    ("2023—2024学年在校生3,880人，其中高级工班1,358人，占35.0%，较上一学年提高1.5个百分点。",
     [("KA471", "error", "3.0 = 35.0 − 32.0")]),
    ("2023—2024学年其中高级工班1,358人，较上一学年增加201人。", []),
    ("2023—2024学年其中高级工班1,358人，较上一学年增加210人。", [("KA471", "error", "201 = 1,358 − 1,157")]),
])
def test_change_against_a_column_with_years_as_rows(tmp_path, sentence, expected):
    assert _claims(tmp_path, _ROWS, sentence) == expected


_CAPTION_UNIT = """汀江技工学校2024年质量年度报告
一、经费
{sentence}
表4 学校经费收入情况（万元）
项目\t2023年\t2024年
财政补助收入\t3,450.00\t3,726.00
事业收入\t860.50\t912.30
其他收入\t120.00\t96.00
合计\t4,430.50\t4,734.30
"""


@pytest.mark.parametrize("sentence,expected", [
    # the unit only in the caption's brackets: 912.30 万元 is the row's 912.30 (a new user's report: all missed)
    ("事业收入 912.30 万元，同比增长 6.0%。", []),
    ("事业收入 912.30 万元，同比增长 6.4%。", [("KA470", "error", "6.0% = (912.30 − 860.50) / 860.50")]),
    ("其他收入 96.00 万元，比上年下降 20.0%。", []),
    ("其他收入 96.00 万元，比上年下降 25.0%。", [("KA470", "error", "-20.0% = (96.00 − 120.00) / 120.00")]),
    ("其他收入 960,000 元，比上年下降 25.0%。", [("KA470", "error", "-20.0% = (96.00 − 120.00) / 120.00")]),
])
def test_change_against_a_row_of_a_table_whose_unit_only_its_caption_names(tmp_path, sentence, expected):
    assert _claims(tmp_path, _CAPTION_UNIT, sentence) == expected
