"""KA471: a stated increase against the two years' values of the quantity its sentence is about."""

from __future__ import annotations

import pytest

from tests.claims.kinds.helpers import policy, summary


@pytest.mark.parametrize("text,expected", [
    ("在校生较上年增加 377 人。", []),
    ("在校生较上年增加 337 人。", [("error", "377 = 4967 − 4590", "337")]),
    ("在校生较上年增加约 380 人。", []),
    ("在校生较上年增加近 400 人。", [("warning", "377 = 4967 − 4590", "400")]),  # 377 is 94% of 400: loose
    ("在校生较上年增加超过 300 人。", [("warning", "377 = 4967 − 4590", "300")]),  # true but understated
    ("在校生较上年增加超过 400 人。", [("error", "377 = 4967 − 4590", "400")]),
    ("专任教师较上年增加 7 人。", []),
    ("专任教师较上年减少 7 人。", [("error", "7 = 177 − 170", "7")]),
    ("教职工较上年减少 11 人。", []),
    ("教职工较 2023 年减少 11 人。", []),
    ("教职工较上年减少 11 人次。", []),  # person-times: another unit
])
def test_increase_claims(text, expected):
    assert summary("KA471", text, tables=[policy()]) == expected


def test_a_prose_value_of_each_year_is_the_other_side_when_no_table_prints_it():
    texts = ("2023 年学校在校生 4590 人。", "在校生较上年增加 337 人。")
    assert summary("KA471", *texts) == []  # only one year printed: nothing to compare
