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
])
def test_well_formed_numbers_pass(text):
    assert summary("KA490", text) == []
