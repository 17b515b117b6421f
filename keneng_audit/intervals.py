"""Interval arithmetic over printed (rounded) numbers, vectorised with numpy."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from keneng_audit.numbers import PrintedNumber

# Units of measured amounts: a whole number in them is rounded, not counted.
MEASURED_UNITS = frozenset({"元", "万元", "亿元", "元/生", "万元/生", "平方米", "万平方米", "亩", "小时", "Mbps"})

# Relative slack for float noise only; the rounding itself is in the interval bounds.
_EPS = 1e-9


def bounds(number: PrintedNumber | None, truncated: bool = False, padded: bool = True) -> tuple[float, float]:
    """The values a printed number may stand for, rounded (default) or truncated to its printed digits.

    Whole counts (人, 个, 项) are exact, whole amounts (元, 万元, 平方米) are rounded like any decimal; a ratio side printed as `1` is the normaliser of `19:1` and therefore exact.
    A percentage whose decimals end in 0 (`85.70%`) may be a value rounded to fewer digits and padded by
    the cell format, so it stands for the interval of its shortest form (`85.7%`), unless `padded` is False:
    its column shows that its values were worked out to every printed digit (see `column_padded`).
    """
    if number is None:
        return (np.nan, np.nan)
    if number.kind == "count":
        if number.unit in MEASURED_UNITS:
            return digits_bounds(number.value, 0, truncated)
        return (number.value, number.value)
    if number.kind == "ratio" and number.ratio is not None:
        a, b = number.ratio
        lo_a, hi_a = _side(a, number.text, 0, truncated)
        lo_b, hi_b = _side(b, number.text, 1, truncated)
        if lo_b <= 0:
            return (-np.inf, np.inf)
        return (lo_a / hi_b, hi_a / lo_b)
    decimals = number.decimals
    if number.kind == "percent" and decimals and padded:
        decimals = significant_decimals(number.text, decimals)
    return digits_bounds(number.value, decimals, truncated)


_DIGITS_RE = re.compile(r"[.．](\d+)")


def significant_decimals(text: str, decimals: int) -> int:
    """The printed decimals without trailing zeros (`85.70%` → 1, `50.0%` → 0)."""
    found = _DIGITS_RE.search(text)
    if not found:
        return decimals
    return len(found.group(1).rstrip("0"))


def column_padded(numbers: list[PrintedNumber]) -> bool:
    """Whether a column's trailing zeros may be padding. A column printed at d decimals in which some
    percentage has a last digit other than 0 was worked out to d decimals: its `20.0` is 20.0 ± 0.05, not
    20 ± 0.5 (else a share column printing 40.0, 30.0, 20.0 and 8.2 could add up to 100). Only a column
    whose every percentage ends in 0 may be a coarser value padded by the cell format."""
    percents = [n for n in numbers if n is not None and n.kind == "percent" and n.decimals]
    if not percents:
        return True
    most = max(n.decimals for n in percents)
    return not any(n.decimals == most and significant_decimals(n.text, most) == most for n in percents)


def digits_bounds(value: float, decimals: int, truncated: bool = False) -> tuple[float, float]:
    """[v − ½ulp, v + ½ulp] when rounded; [v, v + ulp] (or mirrored below zero) when truncated."""
    ulp = 10.0 ** (-decimals)
    if not truncated:
        return (value - ulp / 2, value + ulp / 2)
    if value > 0:
        return (value, value + ulp)
    if value < 0:
        return (value - ulp, value)
    return (-ulp, ulp)


def _side(x: float, text: str, position: int, truncated: bool) -> tuple[float, float]:
    if x == 1:
        return (1.0, 1.0)
    sides = text.replace("：", ":").split(":")
    token = sides[position].strip() if len(sides) == 2 else ""
    decimals = len(token.split(".")[1]) if "." in token else 0
    return digits_bounds(x, decimals, truncated)


@dataclass(frozen=True)
class Interval:
    """Element-wise intervals [lo, hi] (numpy arrays); NaN marks a missing value."""

    lo: np.ndarray
    hi: np.ndarray

    @staticmethod
    def of(lo, hi) -> Interval:
        return Interval(np.asarray(lo, dtype=float), np.asarray(hi, dtype=float))

    @staticmethod
    def exact(values) -> Interval:
        v = np.asarray(values, dtype=float)
        return Interval(v, v.copy())

    @property
    def missing(self) -> np.ndarray:
        return np.isnan(self.lo) | np.isnan(self.hi)

    # An unreadable cell stands for any value (± the largest float): a sum or scale over it overflows to ±inf,
    # which is the right bound, and numpy's warning about it must not reach the user's stderr.
    def __add__(self, other: Interval) -> Interval:
        with np.errstate(over="ignore", invalid="ignore"):
            return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        with np.errstate(over="ignore", invalid="ignore"):
            return Interval(self.lo - other.hi, self.hi - other.lo)

    def scale(self, factor: float) -> Interval:
        with np.errstate(over="ignore", invalid="ignore"):
            a, b = self.lo * factor, self.hi * factor
        return Interval(np.minimum(a, b), np.maximum(a, b))

    def __truediv__(self, other: Interval) -> Interval:
        with np.errstate(divide="ignore", invalid="ignore"):
            a, b, c, d = self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi
            # as np.min/np.max over the four stacked (NaN propagates alike), without building the stack
            lo = np.minimum(np.minimum(a, b), np.minimum(c, d))
            hi = np.maximum(np.maximum(a, b), np.maximum(c, d))
        spans_zero = (other.lo <= 0) & (other.hi >= 0)
        lo = np.where(spans_zero, -np.inf, lo)
        hi = np.where(spans_zero, np.inf, hi)
        gone = self.missing | other.missing
        return Interval(np.where(gone, np.nan, lo), np.where(gone, np.nan, hi))

    def overlaps(self, other: Interval) -> np.ndarray:
        """True where some value lies in both intervals (missing on either side counts as True)."""
        slack = _EPS * np.maximum(1.0, np.maximum(np.abs(finite(self.hi)), np.abs(finite(other.hi))))
        with np.errstate(invalid="ignore", over="ignore"):  # an unbounded side: slack of the largest float → inf
            ok = (self.lo <= other.hi + slack) & (other.lo <= self.hi + slack)
        return ok | self.missing | other.missing

    def at_most(self, other: Interval) -> np.ndarray:
        """True where some value of self can be ≤ some value of other (missing counts as True)."""
        slack = _EPS * np.maximum(1.0, np.abs(finite(other.hi)))
        with np.errstate(invalid="ignore", over="ignore"):
            ok = self.lo <= other.hi + slack
        return ok | self.missing | other.missing

    def within(self, low: float | None, high: float | None) -> np.ndarray:
        """True where the interval meets [low, high] (missing counts as True)."""
        ok = np.ones(self.lo.shape, dtype=bool)
        with np.errstate(invalid="ignore"):
            if low is not None:
                ok &= self.hi >= low - _EPS
            if high is not None:
                ok &= self.lo <= high + _EPS
        return ok | self.missing


_BIG = np.finfo(float).max


def finite(x):
    """As np.nan_to_num (NaN → 0, ±inf → ± the largest float), ≈ 6× faster on the small arrays used here."""
    a = np.array(x, dtype=float)  # a copy, as nan_to_num makes
    if a.ndim == 0:
        return np.nan_to_num(a)
    a[np.isnan(a)] = 0.0
    infinite = np.isinf(a)
    if infinite.any():
        a[infinite] = np.copysign(_BIG, a[infinite])
    return a


def interval_sum(parts: list[Interval]) -> Interval:
    total = parts[0]
    for p in parts[1:]:
        total = total + p
    return total


def share_a_point(frame: pd.DataFrame, by, lo: str = "lo", hi: str = "hi") -> pd.Series:
    """Row mask: True where all rows of the row's group (`by`: column names or Series) have a value in
    common, i.e. the highest lower bound is at most the lowest upper bound. The one agreement test of
    the `agree` kind and of the prose agreement (KA401/KA402).

    As `groupby(by).transform("max"/"min")` (missing bounds skipped, rows with a missing key or no bound in
    their group False), in numpy: the frames are small and many, and a pandas groupby costs ≈ 1 ms each."""
    codes = group_codes(frame, by)
    return pd.Series(groups_share_a_point(codes, frame[lo].to_numpy(dtype=float), frame[hi].to_numpy(dtype=float)),
                     index=frame.index)


def groups_share_a_point(codes: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """share_a_point on arrays: `codes` numbers each row's group (-1: no group, False)."""
    n = int(codes.max()) + 1 if len(codes) else 0
    keyed = codes >= 0
    group = codes[keyed]
    highest_lo = _reduce(np.fmax, -np.inf, lo[keyed], group, n)
    lowest_hi = _reduce(np.fmin, np.inf, hi[keyed], group, n)
    with np.errstate(invalid="ignore"):
        slack = _EPS * np.clip(np.maximum(np.abs(highest_lo), np.abs(lowest_hi)), 1.0, None)
        ok_group = highest_lo <= lowest_hi + slack
    ok = np.zeros(len(codes), dtype=bool)
    ok[keyed] = ok_group[group]
    return ok


def group_codes(frame: pd.DataFrame, by) -> np.ndarray:
    """One integer per row naming its group (-1 where a key is missing, as groupby drops those rows)."""
    keys = by if isinstance(by, list) else [by]
    combined = None
    for key in keys:
        values = frame[key] if isinstance(key, str) else key
        codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
        if combined is None:
            combined = codes.astype(np.int64)
        else:
            missing = (combined < 0) | (codes < 0)
            combined = combined * (len(uniques) + 1) + codes
            combined[missing] = -1
    if combined is None or not len(combined):
        return np.zeros(len(frame), dtype=np.int64) if combined is None else combined
    missing = combined < 0
    codes, _ = pd.factorize(combined)
    codes[missing] = -1
    return codes


def _reduce(ufunc, start: float, values: np.ndarray, group: np.ndarray, n: int) -> np.ndarray:
    """Per group, ufunc (fmax/fmin: NaN skipped) over its values; NaN for a group with no value at all."""
    out = np.full(n, start)
    ufunc.at(out, group, values)
    seen = np.zeros(n, dtype=bool)
    seen[group[~np.isnan(values)]] = True
    out[~seen] = np.nan
    return out
