"""`json.dumps(data, ensure_ascii=False, indent=N, allow_nan=False)`, the same text, about twice as fast.

With an indent the standard library encodes in pure Python through nested generators (its C encoder serves
only compact output); a report's findings take ≈ 15 ms that way, a tenth of auditing it. This writes the same
text by plain recursion into one list, with the standard library's own C string escaper. Anything beyond plain
data (str, int, float, bool, None, list, tuple, dict with str/int/float/bool/None keys) is handed to `json.dumps`
itself, so errors and odd types behave exactly as there.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring

_FLOAT_REPR = float.__repr__
_INT_REPR = int.__repr__
_INF = float("inf")


class _Unusual(Exception):
    """A value this encoder leaves to the standard library (NaN, a custom object, a key of another type)."""


def dumps(data, indent: int = 2, finite: bool = False, margin: int = 0) -> str:
    """The text `json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)` returns; with `finite`,
    of the data with every NaN and infinity replaced by None (null); with `margin`, every line indented by that
    many more blanks."""
    out: list[str] = [" " * margin]
    try:
        _value(data, out, "\n" + " " * margin, " " * indent, 0, finite)
    except (_Unusual, RecursionError):
        text = json.dumps(_finite(data) if finite else data, ensure_ascii=False, indent=indent, allow_nan=False)
        return "\n".join(" " * margin + line for line in text.split("\n")) if margin else text
    return "".join(out)


def _finite(o):
    if isinstance(o, float):
        return o if o == o and o not in (_INF, -_INF) else None
    if isinstance(o, dict):
        return {k: _finite(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [_finite(v) for v in o]
    return o


def _value(o, out: list[str], newline: str, step: str, depth: int, finite: bool) -> None:
    if isinstance(o, str):
        out.append(encode_basestring(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif isinstance(o, int):
        out.append(_INT_REPR(o))
    elif isinstance(o, float):
        if o != o or o == _INF or o == -_INF:
            if not finite:
                raise _Unusual
            out.append("null")
            return
        out.append(_FLOAT_REPR(o))
    elif isinstance(o, (list, tuple)):
        if not o:
            out.append("[]")
            return
        if depth > 200:
            raise _Unusual
        inner = newline + step
        out.append("[" + inner)
        first = True
        for item in o:
            if not first:
                out.append("," + inner)
            first = False
            _value(item, out, inner, step, depth + 1, finite)
        out.append(newline + "]")
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        if depth > 200:
            raise _Unusual
        inner = newline + step
        out.append("{" + inner)
        first = True
        for key, item in o.items():
            if not first:
                out.append("," + inner)
            first = False
            out.append(encode_basestring(key if isinstance(key, str) else _key(key)) + ": ")
            _value(item, out, inner, step, depth + 1, finite)
        out.append(newline + "}")
    else:
        raise _Unusual


def _key(key) -> str:
    """A non-string key as the standard library writes it."""
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return _INT_REPR(key)
    if isinstance(key, float) and key == key and key not in (_INF, -_INF):
        return _FLOAT_REPR(key)
    raise _Unusual
