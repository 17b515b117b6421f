"""KA462: an anniversary against the founding year the report states."""

from __future__ import annotations

import pytest

from tests.claims.kinds.helpers import run, summary


@pytest.mark.parametrize("texts,expected,actual", [
    (("学校始建于 1985 年。", "今年是建校 40 周年。"), "39 = 2024 − 1985", "40"),
    (("学校创建于 1953 年。", "2023 年，是学校建校 71 周年。"), "70 = 2023 − 1953", "71"),
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
])
def test_fitting_or_unclear_anniversaries_pass(texts):
    assert summary("KA462", *texts) == []
