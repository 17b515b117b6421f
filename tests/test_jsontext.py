"""jsontext.dumps writes exactly the text of json.dumps(ensure_ascii=False, indent=N, allow_nan=False)."""

from __future__ import annotations

import json
import math
import random

import pytest

from keneng_audit import jsontext

CASES = [
    {}, [], (), "", 0, -1, 2**70, 1.5, -0.0, 1e300, 5e-324, True, False, None,
    {"a": []}, [{}], {"k": {"n": [1, [2, [3, {}]]]}}, (1, "2", (3,)),
    "quote \" backslash \\ newline \n tab \t nul \x00 line sep \u2028 中文 é 😀",
    {1: 2, 1.5: True, None: False, True: None, False: 0, "中": "文"},
    [1.0, 0.1, 1 / 3, 123456789.123456789, 12345678901234567890],
]


def _standard(data, indent=2):
    return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)


@pytest.mark.parametrize("data", CASES)
@pytest.mark.parametrize("indent", [0, 2, 4])
def test_same_text_as_the_standard_library(data, indent):
    assert jsontext.dumps(data, indent=indent) == _standard(data, indent)


def test_random_nested_data():
    rng = random.Random(7)

    def make(depth):
        pick = rng.randrange(9 if depth < 5 else 5)
        if pick == 0:
            return rng.choice(["", "a", "表1 在校生", "x\"y\\z\n", "\u3000"])
        if pick == 1:
            return rng.randint(-10**6, 10**6)
        if pick == 2:
            return rng.uniform(-1e6, 1e6)
        if pick == 3:
            return rng.choice([True, False, None])
        if pick == 4:
            return round(rng.random(), rng.randrange(6))
        if pick in (5, 6):
            return [make(depth + 1) for _ in range(rng.randrange(4))]
        return {rng.choice(["a", "b", "行", "c d"]) + str(k): make(depth + 1) for k in range(rng.randrange(4))}

    for _ in range(300):
        data = make(0)
        assert jsontext.dumps(data) == _standard(data)


def test_finite_writes_null_for_nan_and_infinity():
    data = {"a": math.nan, "b": [math.inf, -math.inf, 1.0], "c": (math.nan,)}
    assert jsontext.dumps(data, finite=True) == _standard({"a": None, "b": [None, None, 1.0], "c": [None]})
    with pytest.raises(ValueError):
        jsontext.dumps(data)  # as json.dumps with allow_nan=False


def test_margin_indents_every_line():
    data = {"a": [1, {"b": "x\ny"}], "c": {}}
    assert jsontext.dumps(data, margin=4) == "\n".join("    " + line for line in _standard(data).split("\n"))


@pytest.mark.parametrize("data", [{"x": object()}, {(1, 2): 3}, {math.nan: 1}, [math.nan]])
def test_anything_else_fails_as_the_standard_library_does(data):
    with pytest.raises(Exception) as ours:
        jsontext.dumps(data)
    with pytest.raises(Exception) as theirs:
        _standard(data)
    assert type(ours.value) is type(theirs.value)
