"""KA461: a stated number of days against its date range."""

from __future__ import annotations

import pytest

from tests.claims.kinds.helpers import run, summary


@pytest.mark.parametrize("texts,expected,actual", [
    (("培训为期 4 天（10 月 14 日至 10 月 19 日）。",), "6 天", "4 天"),
    (("3 月 5–6 日，学校举办技能节。本次技能节历时 1 天，共设 5 个项目。",), "2 天", "1 天"),
    (("2024 年 12 月 27-28 日举行技能大赛。此次大赛历时一天。",), "2 天", "1 天"),
    (("12 月 30 日至 1 月 2 日开展集训，为期 3 天。",), "4 天", "3 天"),
    # the same range twice in the sentence, or the one in brackets after the span (a new user's report)
    (("学院于 2024 年 5 月 6 日至 8 日举办技能节，为期 4 天（5 月 6 日至 8 日），共有 1240 名学生参赛。",), "3 天", "4 天"),
    (("5 月 6 日至 8 日筹备，5 月 10 日至 14 日举办技能节，为期 4 天（5 月 10 日至 14 日）。",), "5 天", "4 天"),
])
def test_a_wrong_number_of_days_is_an_error(texts, expected, actual):
    found = run("KA461", *texts)
    assert [(f.severity, f.expected, f.actual) for f in found] == [("error", expected, actual)]
    assert len(found[0].values) == 2


@pytest.mark.parametrize("text", [
    "培训为期 6 天（10 月 14 日至 10 月 19 日）。",
    "3 月 5–6 日，学校举办技能节。本次技能节历时 2 天。",
    "培训为期两天（2024 年 7 月 1 日至 2 日）。",
    "10 月 14 日开班，为期 5 天。",  # one date, no range: nothing to compare
    "培训为期 4 天，10 月 14 日至 19 日学员分组实训，10 月 20 日至 22 日考核。",  # two ranges: which one?
    "学院于 2024 年 5 月 6 日至 8 日举办技能节，为期 3 天（5 月 6 日至 8 日）。",
    "学校历时 3 年完成改造（2021 年 3 月至 2024 年 5 月）。",  # years, not days
    "3 月 5–6 日举办技能节。4 月 1 日召开总结会，会议历时 1 天。",  # the previous sentence is not its range
])
def test_consistent_or_unclear_spans_pass(text):
    assert summary("KA461", text) == []


def test_the_lines_of_both_the_days_and_the_dates_are_cited():
    found = run("KA461", "2024 年 12 月 27-28 日，城口县举行了大赛。\n此次大赛历时 1 天。")
    assert found[0].location.lines == (10, 12)


@pytest.mark.parametrize("text,expected", [
    # months, both ends counted (review P9); one short is a warning (the last month not counted)
    ("学校于 2024 年 3 月至 6 月开展“技能月”活动，共 4 个月。", []),
    ("学校于 2024 年 3 月至 6 月开展“技能月”活动，共 3 个月。", [("warning", "4 个月", "3 个月")]),
    ("学校于 2024 年 3 月至 6 月开展“技能月”活动，共 6 个月。", [("error", "4 个月", "6 个月")]),
    ("2023 年 11 月至 2024 年 2 月，学生赴企业顶岗实习，历时 4 个月。", []),
    ("2023 年 11 月至 2024 年 2 月，学生赴企业顶岗实习，历时 6 个月。", [("error", "4 个月", "6 个月")]),
    ("9 月至次年 1 月开展培训，为期五个月。", []),
    # not a whole-month range, or two of them: silent
    ("2024 年 3 月 5 日至 6 月 4 日开展活动，共 3 个月。", []),
    ("3 月至 4 月、9 月至 10 月开展活动，共 4 个月。", []),
])
def test_month_spans(text, expected):
    assert summary("KA461", text) == expected
