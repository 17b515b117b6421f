"""The only module that imports pandera: runs named row-mask checks on a frame and reports what failed."""

from __future__ import annotations

import functools
import importlib.util
import sys
from collections.abc import Callable
from contextlib import contextmanager

import numpy as np
import pandas as pd
import pandera.pandas as pa

RowMask = Callable[[pd.DataFrame], "pd.Series | np.ndarray"]  # a boolean mask, a Series or by position


# Optional packages pandera tries to import on every validation (geopandas, to recognise its dtypes: a failed
# import is not remembered, so each call searches sys.path again) or on first use (hypothesis, ~0.2 s, for data
# synthesis, which we never use). Hidden while validating, unless they are already imported; geopandas only
# when it is not installed at all.
_HIDDEN = ("hypothesis",) + (("geopandas",) if importlib.util.find_spec("geopandas") is None else ())


@contextmanager
def _without_optional_imports():
    hidden = [name for name in _HIDDEN if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


def _light_schema_class() -> type[pa.DataFrameSchema]:
    """DataFrameSchema whose lazy validation skips pandera's failure-case summary, which we never read.

    `SchemaErrors` always asks the schema's backend for `failure_cases_metadata`: a frame of every failure case,
    concatenated and sorted, plus a nested message (≈ 2 ms per failing table, a third of pandera's cost per
    report). The errors themselves (check name and output per failing check) are what we use, and they are
    unchanged. Backends are pandera's extension point; registering one for our own subclass leaves every other
    DataFrameSchema in the process alone. Any pandera without that extension point gets the plain schema.
    """
    try:
        from pandera.api.base.error_handler import ErrorHandler, get_error_category
        from pandera.backends.pandas.container import DataFrameSchemaBackend
        from pandera.errors import FailureCaseMetadata, SchemaError, SchemaErrors
    except ImportError:  # pragma: no cover - older or restructured pandera: same results, a little slower
        return pa.DataFrameSchema

    class Backend(DataFrameSchemaBackend):
        def validate(self, check_obj, schema, *, lazy: bool = False, inplace: bool = False, **options):
            """Only the frame-wide checks, when they are all the schema holds.

            Our schema declares no column, index, dtype, parser, default or uniqueness: every other step of
            pandera's validation (preprocess, parsers, column info, coercion, component checks) finds nothing to
            do, yet costs ≈ 0.5 ms per table. Any other schema, or any sampling option, takes the full path.
            """
            if not lazy or any(options.values()) or not _only_checks(schema) or not isinstance(check_obj, pd.DataFrame):
                return super().validate(check_obj, schema, lazy=lazy, inplace=inplace, **options)
            handler = ErrorHandler(lazy)
            for result in self.run_checks(check_obj, schema):
                if result.passed:
                    continue
                error = result.schema_error or SchemaError(
                    schema, data=check_obj, message=result.message, failure_cases=result.failure_cases,
                    check=result.check, check_index=result.check_index, check_output=result.check_output,
                    reason_code=result.reason_code)
                handler.collect_error(get_error_category(result.reason_code), result.reason_code, error,
                                      result.original_exc)
            if handler.collected_errors:
                raise SchemaErrors(schema=schema, schema_errors=handler.schema_errors, data=check_obj)
            return check_obj

        def failure_cases_metadata(self, schema_name, schema_errors):
            counts: dict[str, int] = {}
            for error in schema_errors:
                reason = getattr(getattr(error, "reason_code", None), "name", "UNKNOWN")
                counts[reason] = counts.get(reason, 0) + 1
            return FailureCaseMetadata(failure_cases=None, message={}, error_counts=counts)

    class Schema(pa.DataFrameSchema):
        pass

    Schema.register_backend(pd.DataFrame, Backend, force=True)
    return Schema


def _only_checks(schema) -> bool:
    """Whether the schema holds frame-wide checks and nothing else (as `schema()` builds it)."""
    return (not schema.columns and schema.index is None and schema.dtype is None and not schema.parsers
            and not schema.coerce and not schema.strict and not schema.unique and not schema.add_missing_columns
            and not schema.drop_invalid_rows and not getattr(schema, "metadata", None))


_Schema = _light_schema_class()


def schema(checks: dict[str, RowMask]) -> pa.DataFrameSchema:
    """One schema holding every check of one frame, each named by its rule id."""
    empty: dict[int, np.ndarray] = {}  # the frame's rows without any value, found once for all its checks
    return _Schema(checks=[pa.Check(_unaligned(fn, empty), name=name) for name, fn in checks.items()])


def _unaligned(fn: RowMask, empty: dict[int, np.ndarray] | None = None) -> RowMask:
    """The check, returning its mask on an index of its own.

    For a mask on the frame's own index pandera first lets rows without any value pass (`ignore_na`), then
    collects the failing rows into a failure-case report (a groupby and an unstack per check), which we never
    read: positions come from the mask. The first is done here, exactly as pandera would; the mask then goes back
    on an index that cannot equal the frame's (and is cheap to compare with it), so that pandera skips the report.
    `empty`: where the rows without any value are kept per frame, shared by the checks of one schema.
    """
    empty = {} if empty is None else empty

    def check(frame: pd.DataFrame):
        mask = fn(frame)
        if isinstance(mask, np.ndarray) and mask.dtype == bool and mask.ndim == 1:
            # A mask by position (as the engine's checks return it): the same as a Series on a RangeIndex,
            # without building that Series only to replace its index.
            n = len(mask)
            if n == len(frame.index) and _starts_at_zero(frame.index):
                mask = mask | _empty_rows(frame, empty)
            return pd.Series(mask, index=_other_index(frame.index, n), copy=False)  # dtype=bool: ≈ 2× slower
        if not isinstance(mask, pd.Series):
            return mask
        if mask.dtype == bool:  # as below, in numpy: no Series arithmetic, no copy to set the index
            values = mask.to_numpy()
            if _aligned(mask.index, frame.index):
                values = values | _empty_rows(frame, empty)
            return pd.Series(values, index=_other_index(frame.index, len(values)), name=mask.name, copy=False)
        if _aligned(mask.index, frame.index):
            if mask.empty and mask.dtype != bool:
                mask = mask.astype(bool)
            mask = mask | _empty_rows(frame, empty)
        return mask.set_axis(_other_index(frame.index, len(mask)))
    return check


def _empty_rows(frame: pd.DataFrame, memo: dict[int, np.ndarray]) -> np.ndarray:
    """By position, the rows of `frame` without any value (as `frame.isna().all(axis="columns")`), found once
    per frame: the checks of one schema all see the same frame, alive while they run."""
    found = memo.get(id(frame))
    if found is None or len(found) != len(frame.index):
        values = frame.to_numpy() if len(frame.columns) else None
        if values is not None and values.dtype.kind == "f":
            found = np.isnan(values).all(axis=1)  # all columns float: NaN is their only missing value
        else:
            found = frame.isna().all(axis="columns").to_numpy()
        memo.clear()
        memo[id(frame)] = found
    return found


def _starts_at_zero(frame_index: pd.Index) -> bool:
    """Whether the frame's index equals positions 0, 1, … (a RangeIndex of that length would be aligned)."""
    if isinstance(frame_index, pd.RangeIndex):
        return frame_index.start == 0 and frame_index.step == 1
    if isinstance(frame_index.dtype, pd.StringDtype) or frame_index.dtype == object:
        return _aligned(pd.RangeIndex(len(frame_index)), frame_index)
    return frame_index.equals(pd.RangeIndex(len(frame_index)))


def _aligned(mask_index: pd.Index, frame_index: pd.Index) -> bool:
    if len(mask_index) != len(frame_index):
        return False
    if isinstance(mask_index, pd.RangeIndex) and isinstance(frame_index.dtype, pd.StringDtype):
        return False  # row labels never equal positions (and comparing them converts every label)
    return mask_index.equals(frame_index)


@functools.lru_cache(maxsize=256)
def _blank_index(n: int, dtype) -> pd.Index:
    return pd.Index([""] * n, dtype=dtype)  # an Index is immutable: one per length serves every mask


def _other_index(frame_index: pd.Index, n: int) -> pd.Index:
    """An index of n entries that does not equal the frame's (the same kind, where that compares faster)."""
    if isinstance(frame_index.dtype, pd.StringDtype):
        blank = _blank_index(n, frame_index.dtype)
        if len(blank) != len(frame_index) or not blank.equals(frame_index):
            return blank
    other = pd.RangeIndex(-n, 0)
    return other if n == 0 or not other.equals(frame_index) else pd.RangeIndex(-2 * n, -n)


def failures(frame: pd.DataFrame, checks: dict[str, RowMask]) -> dict[str, np.ndarray]:
    """Validates lazily; returns, per failing check name, the positions of the cases its mask rejects.

    Positions come from each error's own check output (the mask the check returned), not from
    `failure_cases`, which drops NaN and repeats one entry per column.
    """
    if not checks:
        return {}
    try:
        with _without_optional_imports():
            # inplace: no copy of the frame (the schema declares no columns, so nothing is coerced in it)
            schema(checks).validate(frame, lazy=True, inplace=True)
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
