"""Share columns: the count a share is taken of (its own year's column), and when shares that do not add up to
100% are provably wrong at their printed precision (an error) rather than explainable by rounding."""

from __future__ import annotations

import pytest

from keneng_audit.engine import run
from keneng_audit.inference import infer
from tests.rules.tablekit import make_doc, make_table

TITLES = [("正高级", ["4", "3", "1", "4.2"]), ("副高级", ["29", "27", "2", "30.2"]), ("中级", ["40", "38", "2", "41.7"]),
          ("初级及以下", ["23", "22", "1", "24.0"]), ("合计", ["96", "90", "6", "100.0"])]


def _found(table):
    doc = make_doc(table)
    return sorted((f.name, f.severity, f.location.row, f.expected) for f in run(doc, [infer(doc, []).pack], "en").findings)


@pytest.mark.parametrize("change,failing", [
    (None, []),
    # 2024年占比 is a share of the 2024年 column (the nearest count column left of it is 2023年)
    # (its row only: the 合计's correct 100.0, which the column no longer adds up to, is not blamed as well)
    ((2, "43.7"), [("inferred-share", "error", "中级", "41.7% = 40 / 96")]),
])
def test_a_share_of_a_year_is_taken_of_that_years_column(change, failing):
    rows = [(label, list(cells)) for label, cells in TITLES]
    if change:
        rows[change[0]][1][3] = change[1]
    table = make_table("表2-2", "专任教师职称结构", ["职称", "2024年", "2023年", "增减", "2024年占比（%）"], rows)
    assert _found(table) == failing


@pytest.mark.parametrize("shares,failing", [
    # printed to one decimal (8.2): 40.0 is 40.0 ± 0.05, and 98.2 cannot be 100 (at most 98.6 even truncated)
    (["40.0%", "30.0%", "20.0%", "8.2%"], [("inferred-sum", "error", "合计")]),
    # every value ends in 0: whole percentages padded by the cell format may add up to 99
    (["40.0%", "30.0%", "20.0%", "9.0%"], []),
    (["33.3%", "33.3%", "33.4%"], []),
    (["33.3%", "33.3%", "33.3%"], []),  # 99.9: rounding
])
def test_shares_not_adding_up_to_100_are_an_error_only_when_precision_proves_it(shares, failing):
    rows = [(f"第{i}类", [s]) for i, s in enumerate(shares, start=1)] + [("合计", ["100.0%"])]
    table = make_table("表3", "毕业生去向", ["去向", "比例（%）"], rows)
    assert [f[:3] for f in _found(table)] == failing


@pytest.mark.parametrize("caption,columns,rows,failing", [
    # a breakdown (结构) with a 比例 column only: its shares add up to 100% (99.5 cannot, at one decimal)
    ("生源结构", ["生源地", "比例（%）"], [("本县", ["60.2%"]), ("本市外县", ["30.1%"]), ("外市", ["9.2%"])], ["表1"]),
    ("生源结构", ["生源地", "比例（%）"], [("本县", ["60.2%"]), ("本市外县", ["30.1%"]), ("外市", ["9.7%"])], []),
    # not a breakdown caption: per-row rates
    ("各专业对口就业比例", ["专业", "对口就业比例（%）"], [("甲", ["85.2%"]), ("乙", ["90.1%"])], []),
    # several share columns break down each row, not the rows
    ("各专业课程结构", ["专业", "公共基础课占比（%）", "专业课占比（%）"], [("甲", ["33.5%", "40.2%"]), ("乙", ["34.0%", "38.0%"])],
     []),
])
def test_a_breakdown_with_shares_only_adds_up_to_100(caption, columns, rows, failing):
    table = make_table("表1", caption, columns, rows)
    doc = make_doc(table)
    assert [f.location.table for f in run(doc, [infer(doc, []).pack], "en").findings] == failing


MAJORS = [("数控加工", ["497", "30", "20.5"]), ("汽车维修", ["618", "16", "25.5"]), ("电气自动化", ["431", "27", "17.8"]),
          ("计算机网络", ["357", "95", "14.8"]), ("烹饪", ["301", "128", "12.4"]), ("电子商务", ["216", "152", "8.9"]),
          ("合计", ["2420", "448", "100.0"])]


@pytest.mark.parametrize("columns", [
    ["专业名称", "在校生（人）", "其中女生（人）", "占比（%）"],
    ["专业名称", "在校生（人）", "其中：女生（人）", "占比（%）"],
])
@pytest.mark.parametrize("change,failing", [
    (None, []),
    ((1, "24.5"), [("inferred-share", "error", "汽车维修", "25.5% = 618 / 2420")]),
])
def test_a_share_after_a_part_column_is_of_the_column_before_the_part(columns, change, failing):
    """`在校生 | 其中女生 | 占比`: the share is each row's 在校生 over the 合计 (a new user's table); only the 女生
    column, the nearest, was tried, so a wrong share went unblamed (only the column's sum was flagged)."""
    rows = [(label, list(cells)) for label, cells in MAJORS]
    if change:
        rows[change[0]][1][2] = change[1]
    table = make_table("表1", "2024年各专业在校生情况", columns, rows)
    assert _found(table) == failing
