"""Text made safe for spreadsheet cells: nothing we write can run as a formula, no control characters."""

from __future__ import annotations

import re

# C0/C1 control characters other than tab, LF and CR, which spreadsheets and XML cannot hold or show.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What Excel, LibreOffice and WPS read as the start of a formula (OWASP's CSV-injection list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A printed number ("-32.7%", "-1,234") is data to a spreadsheet, not a formula: it stays as printed.
_PLAIN_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?%?")


def cell_text(value: object) -> object:
    """A cell's value with control characters removed and a leading formula character quoted with "'".

    Numbers, empty values and a printed number as text ("-32.7%") pass unchanged.
    """
    if not isinstance(value, str):
        return value
    text = _CONTROL.sub("", value)
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text
