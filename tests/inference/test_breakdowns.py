"""A whole whose `其中：` item opens its breakdown (`全日制在校生`, `其中：一年级`, `二年级`, `三年级`) and a staff
table whose breakdown the labels mark off (`教职工总数`, `其中：专任教师`, `行政人员`, `工勤人员`, then
`专任教师中：…`): the sum is checked, a wrong part is found, and the consistent twin stays silent."""

from __future__ import annotations

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.inference.misprint import one_misprint
from keneng_audit.numbers import parse_number

GRADES = """某某职业学校2024年质量年度报告
一、学校概况
    学校办学规模稳定。
    项目            2022-2023学年    2023-2024学年    增减
    全日制在校生           1720人           1856人    136人
    其中：一年级            640人            {g1}人     {d1}人
    二年级                  580人            610人     30人
    三年级                  500人            544人     {d3}人
                    表 1  近两学年在校生情况
二、教师队伍
    学校重视教师队伍建设。
"""

STAFF = """某某职业学校2025年质量年度报告
一、教师队伍
    学校重视教师队伍建设。
  类别                        人数（人）    占专任教师比例（%）
  教职工总数                         {total}
  其中：专任教师                     152
  行政人员                            {admin}
  工勤人员                            14
  专任教师中：“双师型”教师           110                   72.4
  高级职称教师                        46                   30.3
            表2-1 教职工构成（2025年）
二、经费投入
    学校经费保障有力。
"""


def _errors(tmp_path, text: str) -> list[tuple]:
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    result = audit_report(path, lang="zh", bundled=False)
    return sorted((f.location.row, f.location.column, f.actual) for f in result.findings
                  if f.severity in ("error", "warning"))


@pytest.mark.parametrize("cells,found", [
    ({"g1": "702", "d1": "62", "d3": "44"}, []),
    # 712 breaks the grade sum and its own increase: it is blamed, not the correct 62
    ({"g1": "712", "d1": "62", "d3": "44"}, [("一年级", "2023-2024学年", "712人")]),
    ({"g1": "712", "d1": "62", "d3": "54"}, [("一年级", "2023-2024学年", "712人"), ("三年级", "增减", "54人")]),
])
def test_a_whole_opened_by_its_first_qizhong_item(tmp_path, cells, found):
    assert _errors(tmp_path, GRADES.format(**cells)) == found


@pytest.mark.parametrize("cells,found", [
    ({"total": "186", "admin": "20"}, []),
    ({"total": "186", "admin": "22"}, [("教职工总数", "人数（人）", "186")]),  # one keystroke: 20 → 22
    ({"total": "168", "admin": "20"}, [("教职工总数", "人数（人）", "168")]),  # two digits swapped in the total
    # 17 short is no single misprint (a category left out of the listing, say): not claimed
    ({"total": "203", "admin": "20"}, []),
])
def test_a_staff_table_whose_labels_mark_the_breakdown(tmp_path, cells, found):
    assert _errors(tmp_path, STAFF.format(**cells)) == found


@pytest.mark.parametrize("total,parts,expected", [
    ("186", ["152", "22", "14"], True),  # one digit of a part
    ("186", ["125", "20", "14"], True),  # two neighbouring digits of a part swapped
    ("168", ["152", "20", "14"], True),  # … of the total
    ("203", ["152", "20", "14"], False),
    ("1,000.50", ["600.25", "400.52"], True),
    ("1,000.50", ["600.25", "401.52"], False),
])
def test_one_misprint(total, parts, expected):
    assert one_misprint(parse_number(total), [parse_number(p) for p in parts]) is expected


SERIAL = """某某职业学校2024年质量年度报告
一、专业建设
学校专业布局合理。
表3 各专业在校生及排名
序号 专业名称 在校生（人） 全市同专业排名
1 机电技术应用 520 2
2 电子商务 460 1
3 会计事务 380 3
4 学前教育 500 1
合计 — {total} —
二、教师队伍
学校重视教师队伍建设。
"""


@pytest.mark.parametrize("total,found", [("1,860", []), ("1,680", [("合计—", "在校生（人）", "1,680")])])
def test_a_total_row_without_a_serial_number_is_no_qizhong_item(tmp_path, total, found):
    # the reader hangs a row without 序号 under the numbered row above; 合计 is the table's total all the same
    assert _errors(tmp_path, SERIAL.format(total=total)) == found


SPENDING = """某某职业学校2024年质量年度报告
一、经费
学校经费使用规范。
表3 经费支出情况（单位：万元）
项目 2023年 2024年
人员经费 {head} 1,936.20
其中：基本工资 980.00 1,020.50
绩效工资 {item} 702.30
社会保障缴费 200.00 213.40
公用经费 620.60 668.90
其中：办公费 120.30 126.80
实训耗材 280.10 312.60
维修费 220.20 229.50
合计 2,441.00 2,605.10
二、其他
学校将继续努力。
"""


@pytest.mark.parametrize("head,item,found", [
    ("1,820.40", "640.40", []),
    # a wrong block head breaks its block and the total of the heads: it is blamed, not the correct 合计
    ("1,802.40", "640.40", [("人员经费", "2023年", "1,802.40")]),
    # a wrong item breaks its block only (the 合计 of the heads holds): the block's sum is reported
    ("1,820.40", "604.40", [("人员经费", "2023年", "1,820.40")]),
])
def test_a_money_table_of_two_qizhong_blocks(tmp_path, head, item, found):
    assert _errors(tmp_path, SPENDING.format(head=head, item=item)) == found
