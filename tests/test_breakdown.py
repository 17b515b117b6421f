"""Which rows of a column are its total's parts: 其中 items and the complete breakdown they open (breakdown)."""

from __future__ import annotations

import numpy as np
import pytest

from keneng_audit.breakdown import parents, readings


def _readings(values, parent):
    lo = np.array(values, dtype=float)
    return [list(np.flatnonzero(m)) for m in readings(lo, lo.copy(), np.array(parent))]


@pytest.mark.parametrize("values, parent, expected", [
    # no 其中 row: every row is a part
    ([90, 18, 12], [-1, -1, -1], [[0, 1, 2]]),
    # 专任教师 90, 其中：双师型 60, 行政 18, 工勤 12: the item is inside its parent; 60 + 18 + 12 = 90 by chance,
    # so the run reading is offered too (the total decides)
    ([90, 60, 18, 12], [-1, 0, -1, -1], [[0, 2, 3], [0]]),
    # 行政 28: no run adds up to 90, one reading only
    ([90, 60, 28, 12], [-1, 0, -1, -1], [[0, 2, 3]]),
    # 毕业去向落实 388, 其中：升学 250, 直接就业 130, 应征入伍 8, 未落实 12: the run 250 + 130 + 8 is its breakdown
    ([388, 250, 130, 8, 12], [-1, 0, -1, -1, -1], [[0, 2, 3, 4], [0, 4]]),
    # the 其中 item of a row that is not a part here (the total row itself) is a part
    ([102, 20, 14], [-1, -1, -1], [[0, 1, 2]]),
    # two blocks, each complete: both left out, and each alone
    ([50, 30, 20, 40, 25, 15], [-1, 0, -1, -1, 3, -1], [[0, 2, 3, 5], [0, 3], [0, 3, 5], [0, 2, 3]]),
    # two blocks, the first not adding up (a wrong item): the heads are still the parts (the layout says so)
    ([50, 30, 21, 40, 25, 15], [-1, 0, -1, -1, 3, -1], [[0, 2, 3, 5], [0, 3], [0, 2, 3]]),
])
def test_readings(values, parent, expected):
    assert _readings(values, parent) == expected


def test_a_run_ends_at_the_next_row_that_opens_a_breakdown():
    # A 100, 其中 a 60, B 40 (opens its own 其中), b 40: the run of A may not run into B
    assert _readings([100, 60, 40, 40], [-1, 0, -1, 2]) == [[0, 2]]


def test_rounded_percentages_fit_within_their_intervals():
    lo = np.array([96.95, 62.45, 32.45, 1.95, 2.95])
    hi = lo + 0.1
    found = readings(lo, hi, np.array([-1, 0, -1, -1, -1]))
    assert [list(np.flatnonzero(m)) for m in found] == [[0, 2, 3, 4], [0, 4]]


def test_parents_index_only_rows_among_the_labels():
    assert list(parents(["a", "b", "c"], {"b": "a", "c": "合计"})) == [-1, 0, -1]
