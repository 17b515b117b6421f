"""KA490: numbers the PDF or the writer broke."""

from __future__ import annotations

import pytest

from tests.claims.kinds.helpers import run, summary


@pytest.mark.parametrize("text,actual", [
    ("就业单位满意度达 96.%，七成以上学生在正规企业就业。", "96.%"),
    ("毕业生 1，677 人。", "1，677"),
    ("学费收入增长 3 .5%。", "3 .5"),
    ("就业率达 103%。", "103%"),
    ("专任教师 177 人，占教职工总数的 120.5%。", "120.5%"),
    ("学校于 2204 年成立。", "2204 年"),
    ("学校于 1024 年成立。", "1024 年"),
    ("学校占地面积 12，000 平方米。", "12，000"),
    ("投入资金 1，200，000 元。", "1，200，000"),
    ("就业率为 101.5%。", "101.5%"),
])
def test_malformed_numbers_are_errors(text, actual):
    found = run("KA490", text)
    assert [(f.severity, f.actual) for f in found] == [("error", actual)]


@pytest.mark.parametrize("text", [
    "就业单位满意度达 96.5%。",
    "毕业生 1,677 人，在校生 4967 人。",
    "学费收入增长 3.5%。",
    "招生人数增长 150%，涨幅率 110%。",  # a growth rate may exceed 100%
    "到 2035 年，建成高水平技工院校。",
    "学校始建于 1953 年。",
    "一是完善制度。1. 加强管理，2. 提升质量。",
    "分别为 12，34，56 三个班。",  # a list, not a thousands separator
    # adversarial: lists with Chinese commas, years, phone numbers, codes, serial numbers
    "三个年级学生分别为 12，15，18 人。",
    "各专业招生分别为 120，135，150 人，共 405 人。",
    "共 3 个班，人数依次为 145，146，148 人。",
    "招生 120，135，150 人，生源稳定。",  # 120,135,150 people is no school's count: a list
    "学校 2022，2023，2024 年连续获评先进单位。",
    "联系电话：0871，6612，3456。",
    "咨询电话 0878-3123456，邮编 675000。",
    "专业代码 660301，660103，700206。",
    "专业代码为 660301，660103，700206，710201，730701，640301。",
    "序号 1，2，3 的项目已完成。",
    "第 1，2，3 批次共 300 人。",
    "文号为渝人社发〔2024〕1，2 号。",
    "评分为 4.5，4.8，4.9 分。",
    "比例分别为 30%，40%，30%。",
    "2024 年 11 月，1，2 年级学生参加。",
    "合格率 100.0%。",
    "报名人数是招生计划的 150%。",
    "年度目标任务完成率为 120%。",
    "预算执行率 105%。",
    "学校始建于 1905 年。",
    "2050 年远景目标。",
])
def test_well_formed_numbers_pass(text):
    assert summary("KA490", text) == []
