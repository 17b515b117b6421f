"""KA471: a stated increase against the two years' values of the quantity its sentence is about."""

from __future__ import annotations

import pytest

from tests.claims.kinds.helpers import policy, summary


@pytest.mark.parametrize("text,expected", [
    ("在校生较上年增加 377 人。", []),
    ("在校生较上年增加 337 人。", [("error", "377 = 4967 − 4590", "337")]),
    ("在校生较上年增加约 380 人。", []),
    ("在校生较上年增加近 400 人。", [("warning", "377 = 4967 − 4590", "400")]),  # 377 is 94% of 400: loose
    ("在校生较上年增加超过 300 人。", [("warning", "377 = 4967 − 4590", "300")]),  # true but understated
    ("在校生较上年增加超过 400 人。", [("error", "377 = 4967 − 4590", "400")]),
    ("专任教师较上年增加 7 人。", []),
    ("专任教师较上年减少 7 人。", [("error", "7 = 177 − 170", "7")]),
    ("教职工较上年减少 11 人。", []),
    ("教职工较 2023 年减少 11 人。", []),
    ("教职工较上年减少 11 人次。", []),  # person-times: another unit
    # `X中Y N 人，较上年…`: the change is the part's (Y), not X's (review4 R4-19)
    ("在校生中女生 2340 人，较上年增加 100 人。", []),
    ("全日制在校生中三年级学生1650人，比上年增加50人。", []),
    ("专任教师中一体化教师 120 人，较上年增加 13 人。", []),
    ("在校生中女生 2340 人，在校生较上年增加 337 人。", [("error", "377 = 4967 − 4590", "337")]),
    # a second change of the same subject in its sentence (a new user's report)
    ("2024年全日制在校生 4967 人，较上年增长 8.2%，比2023年增加 377 人。", []),
    ("2024年全日制在校生 4967 人，较上年增长 8.2%，比2023年增加 477 人。", [("error", "377 = 4967 − 4590", "477")]),
])
def test_increase_claims(text, expected):
    assert summary("KA471", text, tables=[policy()]) == expected


def test_a_prose_value_of_each_year_is_the_other_side_when_no_table_prints_it():
    texts = ("2023 年学校在校生 4590 人。", "在校生较上年增加 337 人。")
    assert summary("KA471", *texts) == []  # only one year printed: nothing to compare


def _staff_table(increases=("25", "3", "0"), total_row: bool = False, caption: str = "教职工总体情况",
                 header: str = "增加人数"):
    """A breakdown of the 259 staff (177 + 60 + 22) with an increase column and no year's values."""
    from tests.claims.docs import table

    rows = [["专任教师", "177", "68%", increases[0]], ["行政及工勤人员", "60", "24%", increases[1]],
            ["保安及生活教师", "22", "8%", increases[2]]]
    if total_row:
        rows.append(["合计", "259", "100%", str(sum(int(x) for x in increases))])
    return table("表8", caption, ["类别", "人数", "比例", header], rows, first_line=300)


def _policy_2024_only():
    from tests.claims.docs import table

    return table("附表6", "落实政策表", ["序号", "指标", "单位", "2024年"], [["1", "教职工总数", "人", "259"]],
                 first_line=900)


@pytest.mark.parametrize("text,tables,expected", [
    # the table's increase column, added up, is the change when no year before is printed
    ("教职工较上年增加 28 人。", lambda: [_staff_table(), _policy_2024_only()], []),
    ("教职工较上年增加 25 人。", lambda: [_staff_table(), _policy_2024_only()],
     [("error", "25 + 3 + 0 = 28 (表8)", "25")]),
    ("教职工较上年增加 25 人。", lambda: [_staff_table(total_row=True), _policy_2024_only()],
     [("error", "28 (表8)", "25")]),  # its 合计 row
    ("教职工较上年增加 25 人。", lambda: [_staff_table(header="较上一年度增减（人）"), _policy_2024_only()],
     [("error", "25 + 3 + 0 = 28 (表8)", "25")]),
    ("教职工较上年减少 2 人。", lambda: [_staff_table(("-1", "-1", "0")), _policy_2024_only()], []),
    # not a breakdown of the staff: its rows add up to another number, or it names another quantity
    ("教职工较上年增加 25 人。", lambda: [_staff_table(), _policy_2024_only()][:1] + [
        __import__("tests.claims.docs", fromlist=["table"]).table(
            "附表6", "落实政策表", ["序号", "指标", "单位", "2024年"], [["1", "教职工总数", "人", "300"]],
            first_line=900)], []),
    ("教职工较上年增加 25 人。", lambda: [_staff_table(caption="获奖情况"), _policy_2024_only()], []),
    # a rate column is no increase column
    ("教职工较上年增加 25 人。", lambda: [_staff_table(header="增加比率（%）"), _policy_2024_only()], []),
    # the two years' values and the column agree: ok; the claim fits the years' difference: ok
    ("教职工较上年增加 28 人。", lambda: [_staff_table(), policy(staff=("231", "259"))], []),
    ("教职工较上年增加 9 人。", lambda: [_staff_table(), policy(staff=("250", "259"))], []),
])
def test_increase_against_a_tables_increase_column(text, tables, expected):
    assert summary("KA471", text, tables=tables()) == expected


def test_a_table_with_both_years_gives_no_column_change():
    """Where a table prints both years, its increase column is the table rules' to check, not another source."""
    from tests.claims.docs import table

    t = table("表3", "分专业大类在校生情况", ["专业大类", "2024年（人）", "2023年（人）", "增加人数（人）"],
              [["装备制造大类", "1512", "899", "613"], ["交通运输大类", "992", "720", "272"]], first_line=300)
    p = table("附表6", "落实政策表", ["序号", "指标", "单位", "2024年"], [["1", "全日制在校生人数", "人", "2504"]],
              first_line=900)
    assert summary("KA471", "在校生较上年增加 100 人。", tables=[t, p]) == []


@pytest.mark.parametrize("text,expected", [
    # percentage points with both rates in the sentence (review P9)
    ("学生体质测评合格率 96.5%，较上年提高 1.2 个百分点（上年 95.3%）。", []),
    ("学生体质测评合格率 96.5%，较上年提高 1.5 个百分点（上年 95.3%）。",
     [("error", "1.2 个百分点 = 96.5% − 95.3%", "1.5 个百分点")]),
    ("就业率由 95.3% 提高到 96.5%，提高 1.2 个百分点。", []),
    # 上届 (graduating classes) for 上年, 百分点 without 个 (a new user's report)
    ("就业率 96.7%，比上届提高 1.3 个百分点（上届 95.4%）。", []),
    ("就业率 96.7%，比上届提高 1.8 个百分点（上届 95.4%）。", [("error", "1.3 个百分点 = 96.7% − 95.4%", "1.8 个百分点")]),
    ("就业率 96.7%，较上一届提高 1.8 百分点（上届 95.4%）。", [("error", "1.3 个百分点 = 96.7% − 95.4%", "1.8 个百分点")]),
    ("就业率由上届的 95.4% 提高到 96.7%，提高 1.3 百分点。", []),
    # a sentence's 97.0% is 97.0, not a cell padded from 97 (a new user's report: 0.8 passed for 0.6)
    ("就业率 97.0%，较上年提高 0.6 个百分点（上年 96.4%）。", []),
    ("就业率 97.0%，较上年提高 0.8 个百分点（上年 96.4%）。", [("error", "0.6 个百分点 = 97.0% − 96.4%", "0.8 个百分点")]),
    ("就业率由 95.3% 提高到 96.5%，提高 2.2 个百分点。", [("error", "1.2 个百分点 = 96.5% − 95.3%", "2.2 个百分点")]),
    ("就业率由 96.5% 下降到 95.3%，下降 1.2 个百分点。", []),
    ("就业率由 96.5% 下降到 95.3%，下降 1.0 个百分点。", [("error", "1.2 个百分点 = 95.3% − 96.5%", "1.0 个百分点")]),
    ("就业人数由 950 人增加到 965 人，提高 1.5 个百分点。", []),  # points of a count: not this shape
    # an increase with the previous value in the sentence (review3 NEW-13)
    ("招生 1,900 人，较上年的 1,750 人增加 150 人。", []),
    ("招生 1,900 人，较上年的 1,750 人增加 250 人。", [("error", "150 人 = 1,900 − 1,750", "250 人")]),
    ("社会服务收入由 40 万元增加到 100 万元，增加 60 万元。", []),
])
def test_points_stated_with_both_rates(text, expected):
    assert summary("KA471", text) == expected
