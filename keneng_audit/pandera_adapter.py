"""The only module that imports pandera: runs named row-mask checks on a frame and reports what failed."""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import contextmanager

import numpy as np
import pandas as pd
import pandera.pandas as pa

RowMask = Callable[[pd.DataFrame], pd.Series]


@contextmanager
def _without_hypothesis():
    """pandera registers its backends on first use and then imports hypothesis (~0.2 s) for data
    synthesis, which we never use; hide it for that moment unless something already imported it."""
    if "hypothesis" in sys.modules:
        yield
        return
    sys.modules["hypothesis"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if sys.modules.get("hypothesis", 0) is None:
            del sys.modules["hypothesis"]


def schema(checks: dict[str, RowMask]) -> pa.DataFrameSchema:
    """One schema holding every check of one frame, each named by its rule id."""
    return pa.DataFrameSchema(checks=[pa.Check(fn, name=name) for name, fn in checks.items()])


def failures(frame: pd.DataFrame, checks: dict[str, RowMask]) -> dict[str, np.ndarray]:
    """Validates lazily; returns, per failing check name, the positions of the cases its mask rejects.

    Positions come from each error's own check output (the mask the check returned), not from
    `failure_cases`, which drops NaN and repeats one entry per column.
    """
    if not checks:
        return {}
    try:
        with _without_hypothesis():
            schema(checks).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        failed: dict[str, np.ndarray] = {}
        for error in exc.schema_errors:
            output = getattr(error, "check_output", None)
            check = getattr(error, "check", None)
            if check is None or not isinstance(output, pd.Series):
                continue
            failed[check.name] = np.flatnonzero(~output.to_numpy(dtype=bool))
        return failed
    return {}
