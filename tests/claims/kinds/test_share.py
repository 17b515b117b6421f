"""KA410: a share in a sentence against its part and its whole: stated in the paragraph, or a named quantity the
report states elsewhere (a table, another paragraph)."""

from __future__ import annotations

import pytest

from tests.claims.kinds.helpers import policy, summary


@pytest.mark.parametrize("texts,expected", [
    # the whole in the sentence
    (("学校教职工 259 人，其中专任教师 177 人，占教职工总数的 68.3%。",), []),
    (("学校教职工 259 人，其中专任教师 177 人，占教职工总数的 72.3%。",), [("error", "68.3% = 177 / 259", "72.3%")]),
    # the whole stated elsewhere: 附表6's 177 专任教师 (2024)
    (("具有高级职称的专任教师 53 人，占专任教师总数的 29.9%。",), []),
    (("具有高级职称的专任教师 53 人，占专任教师总数的 39.9%。",), [("error", "29.9% = 53 / 177", "39.9%")]),
    (("具有高级职称的专任教师 53 人，占专任教师的 30%。",), []),
    (("具有高级职称的专任教师 53 人，占专任教师的 35%。",), [("error", "29.9% = 53 / 177", "35%")]),
    # a trailing zero is a printed digit: 5.0% stands for [4.95, 5.05), not [4.5, 5.5)
    (("学校教职工 259 人，其中外聘人员 13 人，占教职工总数的 5.0%。",), []),  # 5.02%
    (("学校教职工 259 人，其中外聘人员 12 人，占教职工总数的 5.0%。",), [("error", "4.6% = 12 / 259", "5.0%")]),
    (("学校教职工 259 人，其中外聘人员 12 人，占教职工总数的 5%。",), []),  # 4.63% rounds to 5%
    (("本县生源 2480 人，占在校生总数的 49.9%。",), []),
    (("本县生源 2480 人，占在校生总数的 59.9%。",), [("error", "49.9% = 2480 / 4967", "59.9%")]),
    # or in another paragraph when no table prints it
    (("学校专任教师总数 180 人。", "高级职称教师 54 人，占专任教师的 30%。"), []),
    (("学校专任教师总数 180 人。", "高级职称教师 54 人，占专任教师的 35%。"), [("error", "30.0% = 54 / 180", "35%")]),
    # not a finding: another year's part, a whole that is not the quantity itself, another unit
    (("2023 年具有高级职称的专任教师 53 人，占专任教师总数的 39.9%。",), []),
    (("具有高级职称的专任教师 53 人，占专任教师队伍中青年教师的 39.9%。",), []),
    (("高级职称教师培训 53 人次，占专任教师总数的 39.9%。",), []),
    (("学校专任教师总数 180 人。", "2023 年高级职称教师 54 人，占专任教师的 35%。"), []),
])
def test_shares_of_a_whole_stated_here_or_elsewhere(texts, expected):
    found = summary("KA410", *texts, tables=[policy()] if "180" not in texts[0] else [])
    assert found == expected


def test_the_quote_does_not_cut_inside_a_number_with_thousands_separators():
    from tests.claims.kinds.helpers import run

    [f] = run("KA410", "2024届毕业生 1,560 人，其中取得高级工及以上职业资格 1,248 人，占毕业生总数的 82.0%。")
    assert f.message.endswith("原文：“2024届毕业生 1,560 人，其中取得高级工及以上职业资格 1,248 人，占毕业生总数的 82.0%。”")


@pytest.mark.parametrize("texts,expected", [
    # 分别占: each part of the list with its percentage, of one whole (review P9)
    (("专任教师中，高级职称 53 人、中级职称 89 人，分别占 29.9%、50.3%。",), []),  # 附表6's 177 专任教师
    (("专任教师中，高级职称 53 人、中级职称 89 人，分别占 29.9%、55.3%。",), [("error", "50.3% = 89 / 177", "55.3%")]),
    (("学校教职工 200 人，其中专任教师 150 人、行政人员 30 人，分别占 75.0%、15.0%。",), []),
    (("学校教职工 200 人，其中专任教师 150 人、行政人员 30 人，分别占 75.0%、20.0%。",), [("error", "15.0% = 30 / 200", "20.0%")]),
    (("高级职称 53 人、中级职称 89 人，分别占专任教师总数的 29.9%、50.3%。",), []),
    (("高级职称 53 人、中级职称 89 人，分别占专任教师总数的 39.9%、50.3%。",), [("error", "29.9% = 53 / 177", "39.9%")]),
    # no whole the sentence names, or the counts are not one list: silent
    (("高级职称 53 人、中级职称 89 人，分别占 39.9%、55.3%。",), []),
    (("高级职称 53 人，中级职称 89 人，分别占 39.9%、55.3%。",), []),
])
def test_respective_shares(texts, expected):
    assert summary("KA410", *texts, tables=[policy()]) == expected
