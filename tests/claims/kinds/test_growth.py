"""KA470: a stated growth rate against the two years' values of the quantity its sentence is about."""

from __future__ import annotations

import pytest

from tests.claims.kinds.helpers import policy, run, summary

# 4590 → 4967: +377 = 8.2% of 4590 (7.6% of 4967)


@pytest.mark.parametrize("text,expected", [
    ("在校生较上年增长 8.2%。", []),
    ("本年度在校生较上一年度增长 8.21%。", []),  # 8.2135: 8.21 fits
    ("在校生较上年增长约 8%。", []),
    ("在校生较上年增长近 9%。", []),  # 9% stands for [8.5, 9.5); 近 allows 5% below: 8.05
    ("在校生较上年增长近 10%。", [("warning", "8.2% = (4967 − 4590) / 4590", "10%")]),  # loose: 15% below
    ("在校生较上年增长超过 8%。", []),
    ("在校生较上年增长超过 9%。", [("error", "8.2% = (4967 − 4590) / 4590", "9%")]),
    ("在校生较上年增长 8.5%。", [("error", "8.2% = (4967 − 4590) / 4590", "8.5%")]),
    ("在校生同比增长 7.6%。", [("error", "8.2% = (4967 − 4590) / 4590", "7.6%")]),  # of this year: hint
    ("在校生较上年下降 8.2%。", [("error", "8.2% = (4967 − 4590) / 4590", "8.2%")]),  # wrong direction
    ("教职工较上年下降 4.1%。", []),  # 270 → 259: −4.07%
    ("毕业生较上年增长 5%。", []),  # graduates are not printed for both years: not a finding
    ("在校生 4967 人，其中女生 1500 人，较上年增长 30%。", []),  # too far from its subject
    ("全日制在校生中住校生3100人，较上年增长5.0%。", []),  # the part's growth (住校生), not 在校生's
])
def test_growth_claims(text, expected):
    assert summary("KA470", text, tables=[policy()]) == expected


def test_a_rate_taken_of_this_year_is_named_and_every_value_cited():
    found = run("KA470", "在校生同比增长 7.6%。", tables=[policy()])
    assert "以本年数为基数" in found[0].hint and "7.6%" in found[0].hint
    assert found[0].location.lines == (10, 902)  # the sentence, and 附表6's row (both years on one line)
    assert {v.text for v in found[0].values} == {"7.6%", "4967", "4590"}


def test_rounding_edge_of_the_rate():
    # 4000 → 4330: exactly 8.25%: printed 8.3% (rounded half up) and 8.2% (half down) both fit
    tables = [policy(students=("4000", "4330"))]
    assert summary("KA470", "在校生较上年增长 8.3%。", tables=tables) == []
    assert summary("KA470", "在校生较上年增长 8.2%。", tables=tables) == []
    assert summary("KA470", "在校生较上年增长 8.4%。", tables=tables) != []


@pytest.mark.parametrize("text,expected", [
    # a sentence that states it all is checked on its own numbers (review P5, P15)
    ("教职工 320 人，比上年增加 10 人，增长 3.2%。", []),
    ("教职工 320 人，比上年增加 10 人，增长 3.1%。", [("error", "3.2% = 10 / (320 − 10)", "3.1%")]),
    ("2024 年全日制在校生 1,856 人，比上年的 1,720 人增加 136 人，增长 7.9%。", []),
    ("2024 年全日制在校生 1,856 人，比上年的 1,720 人增加 136 人，增长 7.3%。", [("error", "7.9% = 136 / 1,720", "7.3%")]),
    ("获奖 45 项，比上年增加 5 项，增长 12.5%。", []),
    ("获奖 45 项，比上年增加 5 项，增长 11.1%。", [("error", "12.5% = 5 / (45 − 5)", "11.1%")]),
    ("在校生 1,900 人，比上年减少 100 人，下降 5%。", []),
    ("在校生 1,900 人，比上年减少 100 人，下降 5.3%。", [("error", "5.0% = 100 / (1,900 + 100)", "5.3%")]),
    # not one claim: the change one way and the rate the other, or other units
    ("在校生 1,900 人，比上年减少 100 人，增长 5.3%。", []),
    ("社会培训 55 项，比上年增加 5 项，增长 30.0%。", [("error", "10.0% = 5 / (55 − 5)", "30.0%")]),
])
def test_a_sentence_that_states_all_its_numbers(text, expected):
    assert summary("KA470", text) == expected


def test_taken_of_this_year_says_so():
    [f] = run("KA470", "教职工 320 人，比上年增加 10 人，增长 3.1%。")
    assert f.hint == "似乎以本年数为基数：10 / 320 = 3.1%" and f.location.lines


@pytest.mark.parametrize("text,expected", [
    # both values in the sentence: 由 A 到 B, 比上年的 A, （上年 A）; a rate, or a multiple after 增长了
    ("社会培训收入由上年的 40 万元增长到 100 万元，增长了 1.5 倍。", []),
    ("社会培训收入由上年的 40 万元增长到 100 万元，增长了 2.5 倍。", [("error", "1.5 倍 = 100 / 40 − 1", "2.5 倍")]),
    ("在校生由 2,890 人增长到 3,120 人，增长 8.0%。", []),
    ("在校生由 2,890 人增长到 3,120 人，增长 7.4%。", [("error", "8.0% = (3,120 − 2,890) / 2,890", "7.4%")]),
    ("总收入由 4.13 亿元增至 4,500 万元，下降 89.1%。", []),  # 亿元 and 万元: one unit
    ("获奖 45 项，比上年的 40 项增长 12.5%。", []),
    ("获奖 45 项，比上年的 40 项增长 11.1%。", [("error", "12.5% = (45 − 40) / 40", "11.1%")]),
    # 环比: the period before, named in the sentence with its value
    ("第四季度培训 3,120 人次，比第三季度的 2,780 人次环比增长 12.2%。", []),
    ("第四季度培训 3,120 人次，比第三季度的 2,780 人次环比增长 11.2%。",
     [("error", "12.2% = (3,120 − 2,780) / 2,780", "11.2%")]),
    ("12 月招聘会岗位 860 个，较上月的 800 个环比增长 7.5%。", []),
    ("秋季学期开课 420 门，比春季学期的 400 门增长 6%。", [("error", "5.0% = (420 − 400) / 400", "6%")]),
    ("2024 年全日制在校生 2,600 人，比上年减少 5.0%（上年 2,737 人）。", []),
    ("2024 年全日制在校生 2,600 人，比上年减少 5.3%（上年 2,737 人）。",
     [("error", "5.0% = (2,600 − 2,737) / 2,737", "5.3%")]),  # a fall of 5.0%
    ("学生 5,200 人，较 2023 年的 4,800 人增加 400 人，增幅 8.3%。", []),
    ("学生 5,200 人，较 2023 年的 4,800 人增加 400 人，增幅 7.7%。", [("error", "8.3% = 400 / 4,800", "7.7%")]),
    # unclear or not one quantity: silent
    ("社会培训收入由上年的 40 万元增长到 100 万元，增长 2.5 倍。", []),  # no 了: read both ways
    ("合格率由 95.3% 提高到 96.5%，提高了 1.3%。", []),  # a rate of a rate, or points: unclear
    ("招生由 400 人增加到 50 个班，增长 10%。", []),  # two units
    # a trailing zero is a printed digit: 8.0% is [7.95, 8.05)
    ("在校生由 2,890 人增长到 3,130 人，增长 8.0%。", [("error", "8.3% = (3,130 − 2,890) / 2,890", "8.0%")]),
])
def test_a_change_stated_with_both_values(text, expected):
    assert summary("KA470", text) == expected


def test_a_multiple_read_as_what_it_grew_to_says_so():
    [f] = run("KA470", "社会培训收入由上年的 40 万元增长到 100 万元，增长了 2.5 倍。")
    assert "是“增长到”的倍数" in f.hint and f.message.startswith("§1.1：文中写的是 2.5 倍，但 100 / 40 − 1 = 1.5 倍")


@pytest.mark.parametrize("text,expected", [
    # the number between the subject and its change is of another unit (review P4)
    ("2024 年开展社会培训 55 项、4,967 人次，在校生较上年增长 8.2%。", []),
    ("2024 年在校生 3 个校区、4,967 人，较上年增长 8.2%。", []),
    ("2024 年在校生 3 个校区、4,967 人，较上年增长 7.6%。", [("error", "8.2% = (4967 − 4590) / 4590", "7.6%")]),
    ("2024 年在校生 4,967 人、4,967 名学生，较上年增长 7.6%。", []),  # two of its unit: which one?
])
def test_a_growth_after_two_numbers(text, expected):
    assert summary("KA470", text, tables=[policy()]) == expected
