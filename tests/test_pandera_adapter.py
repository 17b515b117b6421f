"""pandera_adapter.failures: the positions each check rejects, rows without any value passing as pandera lets them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from keneng_audit.pandera_adapter import failures

NAN = float("nan")
FLOAT = pd.DataFrame({"a": [1.0, NAN, 3.0, NAN], "b": [2.0, NAN, NAN, 4.0]})  # row 1 has no value
LABELLED = FLOAT.set_axis(pd.Index(["甲", "乙", "丙", "丁"], name="row"))
MIXED = pd.DataFrame({"q": ["x", None, "y", "z"], "lo": [1.0, NAN, NAN, 2.0], "n": [1, 2, 3, 4]})
SPARSE = pd.DataFrame({"q": ["x", None, "y"], "lo": [1.0, NAN, NAN]})  # row 1: None and NaN, no value
WIDE_INT = pd.DataFrame({"a": [1, 2], "b": [1.5, NAN]})  # int + float: to_numpy is float, no row empty
NO_COLUMNS = pd.DataFrame(index=range(3))
REJECT_ALL = [False, False, False, False]


@pytest.mark.parametrize(("frame", "mask", "expected"), [
    # a mask on the frame's own index: rows without any value pass (pandera's ignore_na)
    (FLOAT, lambda f: pd.Series(REJECT_ALL, index=f.index), [0, 2, 3]),
    (FLOAT, lambda f: f["a"] > 2, [0, 3]),
    (LABELLED, lambda f: f["a"] > 2, [0, 3]),
    (SPARSE, lambda f: pd.Series([False] * 3, index=f.index), [0, 2]),
    (MIXED, lambda f: pd.Series(REJECT_ALL, index=f.index), [0, 1, 2, 3]),  # row 1 still has n = 2
    (WIDE_INT, lambda f: pd.Series([False, False], index=f.index), [0, 1]),
    (NO_COLUMNS, lambda f: pd.Series([False] * 3, index=f.index), None),  # no column: every row is empty
    # by position: the same where the frame's index is positions, else every row as returned
    (FLOAT, lambda f: np.array(REJECT_ALL), [0, 2, 3]),
    (LABELLED, lambda f: np.array(REJECT_ALL), [0, 1, 2, 3]),
    (LABELLED, lambda f: np.array([True, False, True, True]), [1]),
    # a mask on an index of its own: nothing is ignored
    (FLOAT, lambda f: pd.Series(REJECT_ALL, index=[10, 11, 12, 13]), [0, 1, 2, 3]),
    # masks of other dtypes take pandas' own path
    (FLOAT, lambda f: pd.Series([True, False, False, True], index=f.index, dtype=object), [2]),
    (FLOAT, lambda f: pd.Series([True, False, False, True], index=f.index, dtype="boolean"), [2]),
    (FLOAT, lambda f: pd.Series([True, True, True, True], index=f.index), None),
])
def test_failing_positions(frame, mask, expected):
    found = failures(frame, {"KA9999": mask})
    if expected is None:
        assert found == {}
    else:
        assert found["KA9999"].tolist() == expected


def test_checks_of_one_frame_each_get_their_own_positions():
    found = failures(FLOAT, {"KA9001": lambda f: f["a"] > 2, "KA9002": lambda f: f["b"] > 3,
                             "KA9003": lambda f: np.ones(4, dtype=bool)})
    assert {k: v.tolist() for k, v in found.items()} == {"KA9001": [0, 3], "KA9002": [0, 2]}
