"""KA460: dates in prose that do not exist."""

from __future__ import annotations

import pytest

from tests.claims.kinds.helpers import run, summary


@pytest.mark.parametrize("text,actual", [
    ("2024 年 11 月 31 日，学校召开总结大会。", "2024 年 11 月 31 日"),
    ("学校于 2 月 30 日开学。", "2 月 30 日"),
    ("2023 年 2 月 29 日举行开学典礼。", "2023 年 2 月 29 日"),
    ("2024 年 13 月 2 日举行。", "2024 年 13 月 2 日"),
    ("2024.6.31 召开家长会。", "2024.6.31"),
    ("2024 年 4 月 30-31 日举办技能节。", "2024 年 4 月 30-31 日"),  # the end of a range
    ("2023 年，学校于 2 月 29 日开学。", "2 月 29 日"),  # the year printed before it in the sentence
])
def test_a_date_that_does_not_exist_is_an_error(text, actual):
    found = run("KA460", text)
    assert [(f.severity, f.actual) for f in found] == [("error", actual)]
    assert found[0].location.lines == (10,) and actual in found[0].message


@pytest.mark.parametrize("text", [
    "2024 年 2 月 29 日举行开学典礼。",  # a leap year
    "学校于 2 月 29 日开学。",  # no year: 29 February may exist
    "2024 年 11 月 30 日，学校召开总结大会。",
    "培训于 10 月 14 日至 10 月 19 日举行。",
    "12 月 30 日至 1 月 2 日放假。",
    "培训时间为 2024.6.22-6.30。",
    "共 31 个班级，12 月开学。",
])
def test_real_dates_pass(text):
    assert summary("KA460", text) == []


def test_the_date_is_cited_on_its_own_line():
    found = run("KA460", "学校召开了总结大会，时间为 2024 年\n11 月 31 日。")
    assert found[0].location.lines == (10,)  # the date starts on the first line
