"""KA421: a total marked as one (共, 合计) against its parts listed after 其中, when the list is complete."""

from __future__ import annotations

import pytest

from tests.claims.kinds.helpers import summary


@pytest.mark.parametrize("text,expected", [
    # the words say the list is the whole: 分为, 分别为, 共计 after the parts, a 其中 list of a whole partition
    ("共发放问卷 860 份，分为学生问卷 520 份、家长问卷 230 份、企业问卷 90 份。", [("error", "840 = 520 + 230 + 90", "860")]),
    ("共发放问卷 860 份，分为学生问卷 520 份、家长问卷 250 份、企业问卷 90 份。", []),
    ("共发放问卷 860 份，分别为学生问卷 520 份、家长问卷 260 份、企业问卷 90 份。", [("error", "870 = 520 + 260 + 90", "860")]),
    ("学生问卷 520 份、家长问卷 230 份、企业问卷 90 份，共计 860 份。", [("error", "840 = 520 + 230 + 90", "860")]),
    ("学生问卷 520 份、家长问卷 250 份、企业问卷 90 份，共计 860 份。", []),
    ("学生问卷 520 份、家长问卷 260 份、企业问卷 90 份，合计 860 份。", [("error", "870 = 520 + 260 + 90", "860")]),
    ("学生、家长、企业问卷分别为 520 份、230 份、90 份，共计 860 份。", [("error", "840 = 520 + 230 + 90", "860")]),
    ("学生、家长、企业问卷分别为 520 份、250 份、90 份，共计 860 份。", []),
    ("全年共举办培训 36 期，分为企业职工培训 20 期、社会人员培训 10 期、送教下乡 2 期，年培训社会人员 1,260 人次。",
     [("error", "32 = 20 + 10 + 2", "36")]),  # the next clause counts 人次, not 期: the list is complete
    ("合计 300 人，其中男生 160 人、女生 145 人。", []),  # more than the total: KA420's
    ("合计 300 人，其中男生 160 人、女生 135 人。", [("error", "295 = 160 + 135", "300")]),
    ("共有在校生 1,200 人，其中一年级 420 人、二年级 400 人、三年级 370 人。", [("error", "1190 = 420 + 400 + 370", "1,200")]),
    ("共有在校生 1,200 人，其中一年级 420 人、二年级 400 人、三年级 380 人。", []),
    ("全年共培训 5000 人次，其中线上 3000 人次、线下 1900 人次。", [("error", "4900 = 3000 + 1900", "5000")]),
    # a plain 其中 list may be partial: under a total announced by 共 with three or more parts, a shortfall is a
    # warning (issue 12's own example; review4 R4-10); with two parts, or no 共, nothing
    ("共发放问卷 860 份，其中学生 520 份、家长 230 份、企业 90 份。", [("warning", "840 = 520 + 230 + 90", "860")]),
    ("共发放问卷 860 份，其中学生 520 份、家长 250 份、企业 90 份。", []),
    ("共发放问卷 860 份，其中学生 520 份、家长 230 份、企业 90 份等。", []),
    ("发放问卷 860 份，其中学生 520 份、家长 230 份、企业 90 份。", []),
    ("全年共举办培训 36 期，其中企业职工培训 20 期、社会人员培训 15 期。", []),
    ("共有教师 120 人，其中高级 30 人、中级 50 人，初级 40 人。", []),
    ("共有教师 120 人，其中高级 30 人、中级 50 人。", []),  # a partial list: 80 of 120
    ("学校共有教职工 200 人，其中专任教师 150 人、行政人员 30 人。", []),  # the rest unnamed
    ("共发放问卷 860 份，其中学生 520 份、家长 230 份。", []),
    ("全年共获奖 45 项，其中国家级 5 项、省级 18 项。", []),
    ("共开设专业 12 个，其中国家级重点专业 2 个、省级重点专业 3 个。", []),
    ("共有在校生 1,200 人，其中一年级 420 人、二年级 400 人。", []),  # not every grade
    ("共有在校生 1,200 人，其中男生 500 人、少数民族学生 300 人。", []),  # not a partition
    # lists that go on, more parts said to follow, other units
    ("全年共培训 5000 人次，其中线上 3000 人次、线下 1500 人次，另有 500 人次为送教上门。", []),
    ("共 860 份，分为学生 520 份、家长 230 份等。", []),
    ("共发放问卷 860 份，分为学生问卷 520 份、家长问卷 230 份，企业问卷 90 份。", []),  # goes on in the next clause
    ("学生问卷 520 份、家长问卷 230 份等，共计 860 份。", []),
    ("累计培训 5000 人次，其中 2024 年 1200 人次、2023 年 1100 人次。", []),
    ("共 3 人，其中 1、2 年级各 1 人。", []),
    ("共有 12 个班，其中 1、2 年级 8 个班，3 年级 4 个班。", []),
    ("各专业招生分别为 120，135，150 人，共 405 人。", []),
    ("学校有学生 860 人，其中男生 520 人、女生 330 人。", []),  # no word marks 860 as a total
    ("新增实训室 3 个、实训工位 120 个，共计投入 500 万元。", []),  # another unit
])
def test_stated_totals(text, expected):
    assert summary("KA421", text) == expected


@pytest.mark.parametrize("text,expected", [
    # parts, then `共 N` (review3 NEW-17); 等 inside 一等奖 / 三等奖 is not "etc."
    ("学校参加职业技能大赛获一等奖3项、二等奖5项、三等奖8项，共16项。", []),
    ("学校参加职业技能大赛获一等奖3项、二等奖5项、三等奖8项，共17项。", [("error", "16 = 3 + 5 + 8", "17")]),
    ("学校参加职业技能大赛获一等奖3项、二等奖5项、三等奖8项等，共17项。", []),  # 等: the list is not complete
    ("获评优秀等级 3 项、合格等级 5 项，共 8 项。", []),
    ("获评优秀等级 3 项、合格等级 5 项，共 9 项。", [("error", "8 = 3 + 5", "9")]),
    ("学校获国家级奖项2项、省级奖项15项，共计18项。", [("error", "17 = 2 + 15", "18")]),
])
def test_parts_before_a_plain_total(text, expected):
    assert summary("KA421", text) == expected


@pytest.mark.parametrize("text,expected", [
    # numbers with thousands separators: `8,620` is no clause break (before, no such list was read at all)
    ("培训 8,620 人次、9,450 人次，共计 18,070 人次。", []),
    ("培训 8,620 人次、9,450 人次，共计 19,070 人次。", [("error", "18070 = 8,620 + 9,450", "19,070")]),
    # 近三年累计 after the years listed (a new user's report)
    ("2022年、2023年、2024年学校分别开展职业技能培训 8,620 人次、9,450 人次、10,380 人次，近三年累计培训 28,450 人次。", []),
    ("2022年、2023年、2024年学校分别开展职业技能培训 8,620 人次、9,450 人次、10,380 人次，近三年累计培训 27,450 人次。",
     [("error", "28450 = 8,620 + 9,450 + 10,380", "27,450")]),
])
def test_totals_after_parts_with_separators_and_cumulative_words(text, expected):
    assert summary("KA421", text) == expected
