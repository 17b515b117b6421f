"""Bounds of printed numbers and interval arithmetic."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from keneng_audit.intervals import Interval, bounds, digits_bounds, interval_sum
from keneng_audit.numbers import parse_number


@pytest.mark.parametrize("text,rounded,truncated", [
    ("613", (613, 613), (613, 613)),
    ("40.5%", (40.45, 40.55), (40.5, 40.6)),
    ("68%", (67.5, 68.5), (68, 69)),
    ("-32.7%", (-32.75, -32.65), (-32.8, -32.7)),
    ("12.46", (12.455, 12.465), (12.46, 12.47)),
    ("19:1", (18.5, 19.5), (19, 20)),
    ("27：1", (26.5, 27.5), (27, 28)),
    # A percentage padded with zeros by its cell format (85.7% shown as 85.70%) stands for its shortest form;
    # other decimals keep every printed digit.
    ("85.70%", (85.65, 85.75), (85.7, 85.8)),
    ("50.0%", (49.5, 50.5), (50, 51)),
    ("4903.10", (4903.095, 4903.105), (4903.10, 4903.11)),
])
def test_bounds(text, rounded, truncated):
    number = parse_number(text)
    assert bounds(number) == pytest.approx(rounded)
    assert bounds(number, truncated=True) == pytest.approx(truncated)


def test_bounds_of_missing_and_zero():
    assert np.isnan(bounds(None)[0])
    assert digits_bounds(0.0, 1, truncated=True) == pytest.approx((-0.1, 0.1))


def test_ratio_side_other_than_one_is_rounded():
    lo, hi = bounds(parse_number("1:19.5"))
    assert (lo, hi) == pytest.approx((1 / 19.55, 1 / 19.45))


def test_arithmetic():
    a = Interval.of([1.0, 10.0], [2.0, 20.0])
    b = Interval.of([3.0, 1.0], [4.0, 2.0])
    assert (a + b).lo.tolist() == [4.0, 11.0] and (a + b).hi.tolist() == [6.0, 22.0]
    assert (a - b).lo.tolist() == [-3.0, 8.0] and (a - b).hi.tolist() == [-1.0, 19.0]
    q = a / b
    assert q.lo.tolist() == pytest.approx([0.25, 5.0]) and q.hi.tolist() == pytest.approx([2 / 3, 20.0])
    assert interval_sum([a, b, a]).hi.tolist() == [8.0, 42.0]
    assert a.scale(-1).lo.tolist() == [-2.0, -20.0]


def test_division_by_interval_containing_zero_is_unbounded():
    q = Interval.exact([5.0]) / Interval.of([-0.5], [0.5])
    assert q.lo[0] == -np.inf and q.hi[0] == np.inf


def test_unbounded_intervals_compare_without_numpy_warnings():
    # Intervals without bounds (±inf, or the largest float an unreadable cell stands for); a warning would reach the user's stderr.
    big = np.finfo(float).max
    q = Interval.exact([5.0, 1.0]) / Interval.of([-0.5, 2.0], [0.5, 3.0])
    wide = Interval.of([-big, 0.0], [big, 1.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert q.overlaps(Interval.exact([1e6, 9.0])).tolist() == [True, False]
        assert wide.overlaps(Interval.exact([1e6, 9.0])).tolist() == [True, False]
        assert Interval.exact([1e6, 9.0]).at_most(wide).tolist() == [True, False]


def test_relations_and_missing_values():
    x = Interval.of([1.0, 5.0, np.nan], [2.0, 6.0, np.nan])
    y = Interval.of([2.0, 7.0, 1.0], [3.0, 8.0, 1.0])
    assert x.overlaps(y).tolist() == [True, False, True]
    assert y.at_most(x).tolist() == [True, False, True]
    assert x.within(0, 5.5).tolist() == [True, True, True]
    assert x.within(3, None).tolist() == [False, True, True]


@pytest.mark.parametrize("column,padded", [
    (["40.0", "30.0", "20.0", "10.0"], True),  # every value ends in 0: may be whole numbers padded by the format
    (["40.0", "30.0", "20.0", "8.2"], False),  # 8.2: the column was worked out to one decimal
    (["85.70%", "12.30%"], True),
    (["85.70%", "12.34%", "1.9%"], False),
    (["40%", "60%"], True),  # no decimals: nothing to pad
    (["12", "30"], True),  # counts: not percentages
])
def test_a_column_shows_whether_trailing_zeros_are_padding(column, padded):
    from keneng_audit.intervals import column_padded
    from keneng_audit.numbers import parse_number as parse

    numbers = [parse(t, "%") if "%" not in t and "." in t else parse(t) for t in column]
    assert column_padded(numbers) is padded


def test_an_unpadded_percentage_keeps_every_printed_digit():
    assert bounds(parse_number("20.0%"), padded=False) == pytest.approx((19.95, 20.05))
    assert bounds(parse_number("20.0%"), truncated=True, padded=False) == pytest.approx((20.0, 20.1))


@pytest.mark.parametrize("text, unit, expected", [
    ("9,087", "万元", (9086.5, 9087.5)),   # an amount printed whole was rounded: 9,087.05 fits
    ("4358", "元", (4357.5, 4358.5)),
    ("120", "平方米", (119.5, 120.5)),
    ("1677", "人", (1677.0, 1677.0)),      # a count of people is exact
    ("25", "项", (25.0, 25.0)),
    ("1677", None, (1677.0, 1677.0)),
])
def test_whole_amounts_are_rounded_whole_counts_exact(text, unit, expected):
    assert bounds(parse_number(text, unit)) == expected


def test_adding_or_scaling_a_side_of_the_largest_float_gives_inf_without_a_warning():
    """An unreadable cell stands for any value: inference's sums over it printed numpy's 'overflow encountered
    in add' on the user's stderr (a new user's report with merged rows)."""
    big = np.finfo(float).max
    any_value = Interval(np.array([-big]), np.array([big]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        total = any_value + any_value
        diff = any_value - any_value
        scaled = any_value.scale(10.0)
    assert (total.lo[0], total.hi[0]) == (-np.inf, np.inf)
    assert (diff.lo[0], diff.hi[0]) == (-np.inf, np.inf)
    assert (scaled.lo[0], scaled.hi[0]) == (-np.inf, np.inf)
