"""Which rows of a table column are the parts of its total: 其中 items and the breakdown they open left out."""

from __future__ import annotations

import numpy as np

# More readings than this (a column with many 其中 blocks) are not tried one by one: the default reading and
# the one with every complete breakdown left out stand for them.
_MAX_READINGS = 6
_EPS = 1e-9


def readings(lo: np.ndarray, hi: np.ndarray, parent: np.ndarray) -> list[np.ndarray]:
    """Masks over the rows (True: a part), the default reading first.

    `lo`/`hi`: each row's interval in the column (NaN: not printed); `parent`: the index of the row a
    `其中` row belongs to, or -1. A 其中 item lies inside its parent, so while the parent is itself a part
    the item is not (default reading). A 其中 item often opens a run of rows that breaks the parent down in
    full (`毕业去向落实 388`, `其中：升学 250`, `直接就业 130`, `应征入伍 8`, then its sibling `未落实 12`):
    where the rows from the item on add up to the parent, a second reading leaves that whole run out too.
    Whether it is a run or a list of siblings (`专任教师`, `其中：双师型`, `行政人员` …) only the total can
    tell, so a sum holds when one of the readings holds."""
    n = len(lo)
    parent = np.asarray(parent, dtype=int)
    inner = parent >= 0  # its parent is one of these rows (an item of the total row itself stays a part)
    part = ~inner
    opens = np.zeros(n, dtype=bool)
    opens[parent[inner]] = True
    lo0, hi0 = np.nan_to_num(lo), np.nan_to_num(hi)
    cum_lo, cum_hi = np.concatenate(([0.0], np.cumsum(lo0))), np.concatenate(([0.0], np.cumsum(hi0)))
    runs: list[tuple[int, int]] = []
    blocks: list[tuple[int, int]] = []  # runs of a 其中 item right under its parent, by the layout alone
    for c in np.flatnonzero(inner):
        p = parent[c]
        if np.isnan(lo[p]) or p >= c:
            continue
        stop = c + 1  # a run ends before the next row that is itself a 其中 item or the parent of one
        while stop < n and parent[stop] < 0 and not opens[stop]:
            stop += 1
        if p == c - 1 and stop - c >= 2:
            blocks.append((c, stop))
        ends = np.arange(c + 2, stop + 1)  # the run c .. end-1 holds at least two rows
        if not len(ends):
            continue
        run_lo, run_hi = cum_lo[ends] - cum_lo[c], cum_hi[ends] - cum_hi[c]
        slack = _EPS * max(1.0, abs(hi0[p]))
        fits = np.flatnonzero((run_lo <= hi[p] + slack) & (run_hi >= lo[p] - slack))
        if len(fits):
            runs.append((c, int(ends[fits[0]])))
    out = [part]
    if len(blocks) >= 2:
        # `人员经费`, `其中：基本工资`, `绩效工资` …, `公用经费`, `其中：办公费` …: the heads are the parts, whether or
        # not each block adds up (a wrong item is its block's error, not the total's)
        heads = part.copy()
        for start, end in blocks:
            heads[start:end] = False
        out.append(heads)
    if not runs:
        return _distinct(out)
    collapsed = part.copy()
    for start, end in runs:
        collapsed[start:end] = False
    out.append(collapsed)
    if 1 < len(runs) <= _MAX_READINGS - 2:
        for start, end in runs:
            one = part.copy()
            one[start:end] = False
            out.append(one)
    return _distinct(out)


def _distinct(masks: list[np.ndarray]) -> list[np.ndarray]:
    out: list[np.ndarray] = []
    for m in masks:
        if not any(np.array_equal(m, o) for o in out):
            out.append(m)
    return out


def parents(labels: list[str], parent_of: dict[str, str | None]) -> np.ndarray:
    """The index among `labels` of each row's 其中 parent (-1: none, or its parent is not among them)."""
    index = {label: i for i, label in enumerate(labels)}
    return np.array([index.get(parent_of.get(label) or "", -1) for label in labels], dtype=int)
