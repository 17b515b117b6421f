"""KA421: a total marked as one (共, 合计) against its parts listed after 其中, when the list is complete."""

from __future__ import annotations

import pytest

from tests.claims.kinds.helpers import summary


@pytest.mark.parametrize("text,expected", [
    ("共发放问卷 860 份，其中学生 520 份、家长 230 份、企业 90 份。", [("error", "840 = 520 + 230 + 90", "860")]),
    ("共发放问卷 860 份，其中学生 520 份、家长 250 份、企业 90 份。", []),
    ("全年共举办培训 36 期，其中企业职工培训 20 期、社会人员培训 10 期、送教下乡 2 期，年培训社会人员 1,260 人次。",
     [("error", "32 = 20 + 10 + 2", "36")]),  # the next clause counts 人次, not 期: the list is complete
    ("全年共举办培训 36 期，其中企业职工培训 20 期、社会人员培训 15 期。", [("error", "35 = 20 + 15", "36")]),
    ("合计 300 人，其中男生 160 人、女生 145 人。", []),  # more than the total: KA420's
    ("合计 300 人，其中男生 160 人、女生 135 人。", [("error", "295 = 160 + 135", "300")]),
    # adversarial: partial lists, lists that go on, more parts said to follow, other units
    ("共有教师 120 人，其中高级 30 人、中级 50 人，初级 40 人。", []),
    ("共有教师 120 人，其中高级 30 人、中级 50 人。", []),  # a partial list: 80 of 120
    ("学校共有教职工 200 人，其中专任教师 150 人、行政人员 30 人。", []),  # two parts, 90%: the rest unnamed
    ("共发放问卷 860 份，其中学生 520 份、家长 230 份。", []),
    ("全年共获奖 45 项，其中国家级 5 项、省级 18 项。", []),
    ("共开设专业 12 个，其中国家级重点专业 2 个、省级重点专业 3 个。", []),
    ("全年共培训 5000 人次，其中线上 3000 人次、线下 1500 人次，另有 500 人次为送教上门。", []),
    ("共 860 份，其中学生 520 份、家长 230 份等。", []),
    ("累计培训 5000 人次，其中 2024 年 1200 人次、2023 年 1100 人次。", []),
    ("共 3 人，其中 1、2 年级各 1 人。", []),
    ("共有 12 个班，其中 1、2 年级 8 个班，3 年级 4 个班。", []),
    ("各专业招生分别为 120，135，150 人，共 405 人。", []),
    ("学校有学生 860 人，其中男生 520 人、女生 330 人。", []),  # no word marks 860 as a total
])
def test_stated_totals(text, expected):
    assert summary("KA421", text) == expected
