"""KA470: a stated growth rate against the two years' values of the quantity its sentence is about."""

from __future__ import annotations

import pytest

from tests.claims.kinds.helpers import policy, run, summary

# 4590 → 4967: +377 = 8.2% of 4590 (7.6% of 4967)


@pytest.mark.parametrize("text,expected", [
    ("在校生较上年增长 8.2%。", []),
    ("本年度在校生较上一年度增长 8.21%。", []),  # 8.2135: 8.21 fits
    ("在校生较上年增长约 8%。", []),
    ("在校生较上年增长近 9%。", []),  # 9% stands for [8.5, 9.5); 近 allows 5% below: 8.05
    ("在校生较上年增长近 10%。", [("warning", "8.2% = (4967 − 4590) / 4590", "10%")]),  # loose: 15% below
    ("在校生较上年增长超过 8%。", []),
    ("在校生较上年增长超过 9%。", [("error", "8.2% = (4967 − 4590) / 4590", "9%")]),
    ("在校生较上年增长 8.5%。", [("error", "8.2% = (4967 − 4590) / 4590", "8.5%")]),
    ("在校生同比增长 7.6%。", [("error", "8.2% = (4967 − 4590) / 4590", "7.6%")]),  # of this year: hint
    ("在校生较上年下降 8.2%。", [("error", "8.2% = (4967 − 4590) / 4590", "8.2%")]),  # wrong direction
    ("教职工较上年下降 4.1%。", []),  # 270 → 259: −4.07%
    ("毕业生较上年增长 5%。", []),  # graduates are not printed for both years: not a finding
    ("在校生 4967 人，其中女生 1500 人，较上年增长 30%。", []),  # too far from its subject
])
def test_growth_claims(text, expected):
    assert summary("KA470", text, tables=[policy()]) == expected


def test_a_rate_taken_of_this_year_is_named_and_every_value_cited():
    found = run("KA470", "在校生同比增长 7.6%。", tables=[policy()])
    assert "以本年数为基数" in found[0].hint and "7.6%" in found[0].hint
    assert found[0].location.lines == (10, 902)  # the sentence, and 附表6's row (both years on one line)
    assert {v.text for v in found[0].values} == {"7.6%", "4967", "4590"}


def test_rounding_edge_of_the_rate():
    # 4000 → 4330: exactly 8.25%: printed 8.3% (rounded half up) and 8.2% (half down) both fit
    tables = [policy(students=("4000", "4330"))]
    assert summary("KA470", "在校生较上年增长 8.3%。", tables=tables) == []
    assert summary("KA470", "在校生较上年增长 8.2%。", tables=tables) == []
    assert summary("KA470", "在校生较上年增长 8.4%。", tables=tables) != []
