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


@pytest.mark.parametrize("text,expected", [
    # `X中…的 N 人，占 P%`: the share is of X as the report states it (附表6's 177 专任教师; a new user's report)
    ("专任教师中具有技师及以上职业资格的 90 人，占 50.8%。", []),
    ("专任教师中具有技师及以上职业资格的 90 人，占 73.4%。", [("error", "50.8% = 90 / 177", "73.4%")]),
    ("学校专任教师中，“双师型”教师 120 人，占 67.8%。", []),
    ("学校专任教师中，“双师型”教师 120 人，占 77.8%。", [("error", "67.8% = 120 / 177", "77.8%")]),
    # a part of the whole opens the sentence, or no whole: silent
    ("机电系专任教师中具有技师资格的 20 人，占 73.4%。", []),
    ("具有技师及以上职业资格的 90 人，占 73.4%。", []),
    # a part named as the quantity with a qualifier before it: of the quantity (附表6's 4967 students)
    ("数控加工专业在校生 497 人，占 10.0%。", []),
    ("数控加工专业在校生 497 人，占 21.5%。", [("error", "10.0% = 497 / 4967", "21.5%")]),
    ("其中装备制造大类在校生 1326 人，占 26.7%。", []),
    ("双师型教师 150 人，占 69.4%。", []),  # no qualifier: of what?
    ("2023 年数控加工专业在校生 497 人，占 21.5%。", []),  # another year named
    # review: the whole itself, an opener, another base, another year: silent
    ("全校在校生 4967 人，占 12.3%。", []),
    ("学校现有在校生 4967 人，占 12.3%。", []),
    ("学校学历教育学生共 5,200 人。全日制在校生 4967 人，占 95.5%。", []),
    ("2024届毕业生750人，直接就业420人。专业对口就业的毕业生357人，占85.0%。", []),
    ("2023年，数控加工专业在校生 480 人，占 10.5%。", []),  # 480 / 4590 (2023), not / 4967
    ("2023年专任教师中具有技师资格的 40 人，占 23.5%。", []),  # 40 / 170 (2023), not / 177
])
def test_a_share_of_the_quantity_the_sentence_opens_with(text, expected):
    assert summary("KA410", text, tables=[policy()]) == expected


@pytest.mark.parametrize("text,expected", [
    # a bare 占 under a 其中 total: the second share of a pair too (review3 NEW-17)
    ("在校生 5,200 人，其中女生 2,340 人，占 45.0%，少数民族 1,040 人，占 20.0%。", []),
    ("在校生 5,200 人，其中女生 2,340 人，占 45.0%，少数民族 1,040 人，占 25.0%。",
     [("error", "20.0% = 1,040 / 5,200", "25.0%")]),
    ("专任教师 260 人，其中研究生学历 52 人，占 20%，本科 208 人，占 80%。", []),
    ("专任教师 260 人，其中研究生学历 52 人，占 20%，本科 208 人，占 85%。", [("error", "80.0% = 208 / 260", "85%")]),
    # over `；` within one sentence
    ("学校有专任教师260人，其中高级职称78人，占30%；中级职称130人，占50%。", []),
    ("学校有专任教师260人，其中高级职称78人，占30%；中级职称130人，占60%。", [("error", "50.0% = 130 / 260", "60%")]),
    # the rounding edge: 1,041 / 5,200 = 20.02% prints 20.0%; 1,043 / 5,200 = 20.06% only truncated (a warning);
    # 1,046 / 5,200 = 20.12% neither
    ("在校生 5,200 人，其中女生 2,340 人，占 45.0%，少数民族 1,041 人，占 20.0%。", []),
    ("在校生 5,200 人，其中女生 2,340 人，占 45.0%，少数民族 1,043 人，占 20.0%。",
     [("warning", "20.1% = 1,043 / 5,200", "20.0%")]),
    ("在校生 5,200 人，其中女生 2,340 人，占 45.0%，少数民族 1,046 人，占 20.0%。",
     [("error", "20.1% = 1,046 / 5,200", "20.0%")]),
    # the sentence does not say which count is the whole: a share that fits any of them is no error
    ("学校教职工 320 人，其中专任教师 260 人，双师型教师 182 人，占比 70.0%。", []),
    ("学校教职工 320 人，其中专任教师 260 人，双师型教师 182 人，占比 56.9%。", []),
    ("学校教职工 320 人，其中专任教师 260 人，双师型教师 182 人，占比 75.0%。",
     [("error", "56.9% = 182 / 320", "75.0%")]),
    # last year's count in the sentence is no whole (review4 R4-17: 812 / 1,856 = 43.75%)
    ("2024 年全日制在校生 1,856 人，比上年的 1,720 人增加 136 人，增长 7.9%；其中女生 812 人，占 43.8%。", []),
    ("2024 年全日制在校生 1,856 人，比上年的 1,720 人增加 136 人，增长 7.9%；其中女生 812 人，占 47.2%。",
     [("error", "43.8% = 812 / 1,856", "47.2%")]),
    # no 其中 total in the sentence: silent
    ("女生 2,340 人，占 45.5%。", []),
    ("在校生 5,200 人。女生 2,340 人，占 40.0%。", []),
])
def test_bare_shares_under_a_breakdown(text, expected):
    assert summary("KA410", text) == expected


@pytest.mark.parametrize("text,expected", [
    # `X 率` right after the count whose words name it, of a larger count before it in the sentence
    ("毕业生 1,560 人，其中升学 620 人，升学率 39.7%；就业 900 人，就业率 57.7%。", []),
    ("毕业生 1,560 人，其中升学 620 人，升学率 37.9%；就业 900 人，就业率 57.7%。",
     [("error", "39.7% = 620 / 1,560", "37.9%")]),
    ("2025届毕业生694人，其中升学416人，升学率59.9%。", []),
    ("2025届毕业生694人，其中升学416人，升学率60.9%。", [("error", "59.9% = 416 / 694", "60.9%")]),
    ("毕业生 1,560 人，就业 1,530 人，就业率 98.1%，对口就业 1,300 人，对口率 85.0%。", []),
    ("毕业生 1,560 人，就业 1,530 人，就业率 98.1%，对口就业 1,300 人，对口率 88.0%。",
     [("error", "85.0% = 1,300 / 1,530", "88.0%")]),
    # 就业率 counted with 升学: the listed parts' sum fits
    ("毕业生 1,560 人，升学 620 人，就业 900 人，就业率 97.4%。", []),
    # the rate is not of a count stated right before it, or names another word: silent
    ("毕业生 1,560 人，就业率 96.0%，其中升学 620 人。", []),
    ("毕业生 1,560 人，其中升学 620 人，就业率 96.0%。", []),
    ("学生体质测评合格率 96.5%，优良率 35.2%。", []),
    # `完成 … N 人的 P%`: the count before it over N
    ("全年招生 1,900 人，完成招生计划 2,000 人的 95.0%。", []),
    ("全年招生 1,900 人，完成招生计划 2,000 人的 97.0%。", [("error", "95.0% = 1,900 / 2,000", "97.0%")]),
    ("今年招生 1,900 人，是上年 2,000 人的 95%。", []),
    ("今年招生 1,900 人，比上年 2,000 人的 95% 有所下降。", []),  # no verb of a share between them
    ("今年招生 1,900 人，较上年增长了 2,000 人的 5%。", []),
])
def test_rates_and_shares_of_a_printed_whole(text, expected):
    assert summary("KA410", text) == expected


@pytest.mark.parametrize("text,expected", [
    # 分别占 after a `，`-separated list under a 其中 total (review3 NEW-17)
    ("专任教师 260 人，其中高级职称 78 人，中级职称 130 人，分别占 30.0% 和 50.0%。", []),
    ("专任教师 260 人，其中高级职称 78 人，中级职称 130 人，分别占 30.0% 和 55.0%。",
     [("error", "50.0% = 130 / 260", "55.0%")]),
])
def test_respective_shares_after_a_comma_list(text, expected):
    assert summary("KA410", text) == expected
