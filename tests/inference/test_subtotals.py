"""Tables with a 小计 row per group and a 合计 (a 大类 merged down over its 专业 rows, as Word and many PDFs print
it): each 小计 is the sum of its group (above it, or below it where a report prints it first), the 合计 the sum
of the groups' rows; a wrong 小计 or 合计 is found, three independent misprints joined by the 合计 are each named,
and the consistent table stays silent."""

from __future__ import annotations

import pytest

from tests.inference.test_breakdowns import _errors  # (row, column, printed) of each error or warning

BELOW = """某某职业技术学院2024年质量年度报告
一、学校概况
    学院在校生规模稳定，分专业情况见表1。
                    表1 分专业在校生情况
  专业大类        专业名称          2023年    2024年    增减
  装备制造大类    机电一体化技术       612       668      56
  装备制造大类    工业机器人技术       284       336      {d}
  装备制造大类    数控技术             356       342     -14
  装备制造大类    小计                1252      1346      {sd}
  电子与信息大类  计算机应用技术       528       574      46
  电子与信息大类  大数据技术           196       258      62
  电子与信息大类  小计                 724       {s24}      {s2d}
  医药卫生大类    护理                 732       806      74
  医药卫生大类    小计                 732       806      74
  合计                                {t23}      {t24}     {td}
二、教师队伍
    学校重视教师队伍建设。
"""

FIRST = """某某职业技术学院2024年质量年度报告
一、学校概况
    学院在校生规模稳定，分专业情况见表1。
                    表1 分专业在校生情况
  专业名称            2023年    2024年
  机电系小计            {s23}      1004
  机电一体化技术         612       668
  工业机器人技术         284       336
  信息系小计             724       832
  计算机应用技术         528       574
  大数据技术             196       258
  合计                  1620      1836
二、教师队伍
    学校重视教师队伍建设。
"""

GOOD = {"d": "52", "sd": "94", "s24": "832", "s2d": "108", "t23": "2708", "t24": "2984", "td": "276"}


@pytest.mark.parametrize("cells,found", [
    ({}, []),
    ({"s24": "823"}, [("电子与信息大类/小计", "2024年", "823")]),  # a 小计 its rows do not give
    # its 增减 worked out from the wrong 823 is wrong too: the group's 增减 add up to 108
    ({"s24": "823", "s2d": "99"}, [("电子与信息大类/小计", "2024年", "823"), ("电子与信息大类/小计", "增减", "99")]),
    ({"t24": "2894", "td": "186"}, [("合计", "2024年", "2894"), ("合计", "增减", "186")]),
    # three independent misprints the 合计's 增减 joins: each named at its cell, nothing else
    ({"d": "62", "s24": "823", "s2d": "108"}, [("电子与信息大类/小计", "2024年", "823"),
                                               ("装备制造大类/工业机器人技术", "增减", "62")]),
])
def test_subtotals_of_groups_above_them(tmp_path, cells, found):
    assert _errors(tmp_path, BELOW.format(**{**GOOD, **cells})) == found


def test_the_rows_of_a_group_are_named_by_group_and_name(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(BELOW.format(**GOOD), encoding="utf-8")
    from keneng_audit.reading import read_report

    labels = [r.label for r in read_report(path).tables[0].rows]
    assert labels[:4] == ["装备制造大类/机电一体化技术", "装备制造大类/工业机器人技术", "装备制造大类/数控技术",
                          "装备制造大类/小计"]


@pytest.mark.parametrize("s23,found", [("896", []), ("869", [("机电系小计", "2023年", "869")])])
def test_a_subtotal_printed_before_its_group(tmp_path, s23, found):
    assert _errors(tmp_path, FIRST.format(s23=s23)) == found
