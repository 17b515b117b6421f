"""Report text made harmless where we write it: spreadsheet cells, XML, and the terminal."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable
from typing import Any

# A spreadsheet treats a cell that starts with one of these as a formula (or DDE command); OWASP's advice is to
# prefix such a cell with an apostrophe, which Excel and WPS show as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# XML 1.0 forbids C0 controls except tab, newline and carriage return, and the two non-characters; openpyxl
# refuses them too.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What a terminal interprets: C0 controls (ESC starts colour, cursor and OSC-8 link sequences), DEL and C1
# controls (CSI/OSC as single bytes), and the bidi overrides that reorder what a reviewer sees.
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# A signed number is data, not a formula: "-232" and "+3.5%" stay as printed.
_NUMERIC = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)%?")


def cell_text(value: Any) -> Any:
    """A value for a CSV or XLSX cell: numbers stay numbers, text never starts a formula or holds a control."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value if math.isfinite(value) else str(value)
    text = xml_text(str(value))
    if text.startswith(FORMULA_START) and not _NUMERIC.fullmatch(text):
        return "'" + text
    return text


def cell_frame(frame):
    """A pandas DataFrame with `cell_text` applied to every cell, kept as objects (a whole number stays 1677)."""
    rows = [[cell_text(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    return type(frame)(rows, columns=frame.columns, dtype=object)


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold."""
    return _XML_ILLEGAL.sub("", text)


def terminal_text(text: str) -> str:
    """`text` with every control character shown as an escape (`\\x1b`), so a report cannot drive the terminal."""
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                                else f"\\u{ord(m.group()):04x}", text)


def cleaned(obj: Any, clean: Callable[[str], str]) -> Any:
    """A copy of a result, finding or value with `clean` applied to every string inside it (dataclasses,
    lists, tuples and dicts are walked; everything else is kept)."""
    if isinstance(obj, str):
        return clean(obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {f.name: cleaned(getattr(obj, f.name), clean) for f in dataclasses.fields(obj) if f.init}
        return dataclasses.replace(obj, **changes)
    if isinstance(obj, (list, tuple)):
        return type(obj)(cleaned(x, clean) for x in obj)
    if isinstance(obj, dict):
        return {cleaned(k, clean): cleaned(v, clean) for k, v in obj.items()}
    return obj


def finite(obj: Any) -> Any:
    """JSON-ready data with every inf or nan replaced by null: `Infinity` is not JSON."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [finite(v) for v in obj]
    return obj
