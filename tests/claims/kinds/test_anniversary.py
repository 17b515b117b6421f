"""KA462: an anniversary against the founding year the report states."""

from __future__ import annotations

import pytest

from tests.claims.kinds.helpers import run, summary


@pytest.mark.parametrize("texts,expected,actual", [
    (("学校始建于 1985 年。", "今年是建校 40 周年。"), "39 = 2024 − 1985", "40"),
    (("学校创建于 1953 年。", "2023 年，是学校建校 71 周年。"), "70 = 2023 − 1953", "71"),
    (("学校创办于 1984 年，今年是建校 41 周年（2024 年）。",), "40 = 2024 − 1984", "41"),  # the year after it
    (("学校 1984 年建校，创办于 1984 年，今年是建校 41 周年。",), "40 = 2024 − 1984", "41"),  # no year but 1984
])
def test_an_anniversary_that_does_not_fit_is_an_error(texts, expected, actual):
    found = run("KA462", *texts)
    assert [(f.severity, f.expected, f.actual) for f in found] == [("error", expected, actual)]
    assert found[0].location.lines[0] == 10  # the founding year's line is cited too


@pytest.mark.parametrize("texts", [
    ("学校始建于 1984 年。", "今年是建校 40 周年。"),
    ("学校创建于 1953 年。", "2023 年，是学校建校 70 周年。"),
    ("学校始建于 1985 年。", "明年即将迎来建校 40 周年。"),  # a coming anniversary
    ("学校前身创办于 1953 年，新校区建于 1985 年。", "今年是建校 40 周年。"),  # two founding years
    ("今年是建校 40 周年。",),  # no founding year stated: nothing to compare
    ("学校创办于 1984 年，今年是建校 40 周年（2024 年）。",),  # the founding year is not the anniversary's year
    ("学校创办于 1984 年，今年是建校 40 周年。",),
    ("学校始建于 1978 年。", "2023 年 10 月，学校迎来建校 45 周年（1978—2023 年）。"),  # the range's own 1978
])
def test_fitting_or_unclear_anniversaries_pass(texts):
    assert summary("KA462", *texts) == []


@pytest.mark.parametrize("texts,expected", [
    # Chinese numerals (review3 N2 `anniv`)
    (("学校始建于 1958 年，2024 年迎来建校六十六周年。",), []),
    (("学校始建于 1958 年，2024 年迎来建校六十五周年。",), [("error", "66 = 2024 − 1958", "65")]),
    (("学校始建于 1964 年，今年迎来建校六十周年。",), []),
    (("学校始建于 1964 年，今年迎来建校五十周年。",), [("error", "60 = 2024 − 1964", "50")]),
    (("学校始建于 1904 年，今年迎来建校一百二十周年。",), []),
    (("学校始建于 1904 年，今年迎来建校一百零二周年。",), [("error", "120 = 2024 − 1904", "102")]),
    (("学校始建于 1914 年，今年迎来建校一百一十周年。",), []),
])
def test_anniversaries_in_chinese_numerals(texts, expected):
    assert summary("KA462", *texts) == expected


@pytest.mark.parametrize("text,value", [
    ("65", 65), ("六十五", 65), ("十", 10), ("二十", 20), ("一百", 100), ("一百二", 120), ("一百零五", 105),
    ("一百一十", 110), ("两", None), ("十百", None),
])
def test_years_of(text, value):
    from keneng_audit.claims.kinds.anniversary import years_of

    assert years_of(text) == value


@pytest.mark.parametrize("texts,expected", [
    # the founding year before its verb (review4 R4-9)
    (("学校前身为1985年创办的西岭农机校，2024年迎来建校39周年。",), []),
    (("学校前身为1985年创办的西岭农机校，2024年迎来建校40周年。",), [("error", "39 = 2024 − 1985", "40")]),
    (("学校 1984 年建校，今年迎来建校 40 周年。",), []),
    (("学校 1984 年建校，今年迎来建校 41 周年。",), [("error", "40 = 2024 − 1984", "41")]),
    # a centre the school set up is no founding
    (("学校 2019 年成立产教融合中心，今年迎来建校 40 周年。",), []),
])
def test_founding_year_before_its_verb(texts, expected):
    assert summary("KA462", *texts) == expected
