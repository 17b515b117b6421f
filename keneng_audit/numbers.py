"""Parses printed numbers (counts, decimals, percentages, ratios, full-width forms) in one place."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

NumberKind = Literal["count", "decimal", "percent", "ratio"]

MISSING_MARKS = frozenset({"", "—", "——", "-", "--", "－", "/", "无", "N/A", "n/a"})

# Longest first, so 万平方米 wins over 平方米 and 人次 over 人.
UNITS = (
    "万平方米", "平方米", "万人次", "万人", "万元/生", "元/生", "个/生", "台/生", "册/生", "万元", "亿元", "学时", "课时",
    "人日", "人次", "台套", "Mbps", "个", "人", "名", "元", "项", "门", "本", "所", "场", "次", "亩", "份",
    "册", "台", "套", "家", "篇", "部", "件", "天", "小时", "岁", "%", "‰",
)

_NUMBER = r"[-−－+]?\d+(?:,\d{3})*(?:\.\d+)?"
_RATIO_RE = re.compile(rf"^({_NUMBER})\s*[:：]\s*({_NUMBER})$")
_VALUE_RE = re.compile(rf"^({_NUMBER})\s*(%|％|‰)?$")
_SCALED_RE = re.compile(rf"^({_NUMBER})\s*(万|亿)$")  # "1.2万": ten thousands
# Units that a report also prints in ten thousands as units of their own (万元, 万平方米, 万册).
_SCALED_UNITS = frozenset({"元", "平方米", "册", "元/生"})
# A change printed with an arrow or a word instead of a sign (`▼10`, `↑3.2`, `减少4`): the sign it stands for.
_SIGN_MARKS = {"▲": "", "△": "", "↑": "", "▼": "-", "▽": "-", "↓": "-"}
_SIGN_WORDS_RE = re.compile(r"^(增加|增长|上升|提高|减少|下降|降低)\s*(?=\d)")
# A double holds 15 significant digits: a longer number cannot be checked (and 400 digits overflow to inf).
MAX_DIGITS = 15
TOO_LONG_RE = re.compile(r"(?<![\d.,，])(?:\d[,，]?){15}\d[\d,，]*(?:\.\d+)?")


def too_long(text: str) -> bool:
    """Whether the text holds a number with more significant digits than a report can print (and we check)."""
    if len(text) <= MAX_DIGITS and text.isascii():
        return False  # fewer characters than such a number has digits (NFKC leaves ASCII as it is)
    return any(len(m.group().split(".")[0].replace(",", "").replace("，", "").lstrip("0")) > MAX_DIGITS
               for m in TOO_LONG_RE.finditer(normalize(text)))


def normalize(text: str) -> str:
    """Folds full-width digits and signs to ASCII (NFKC) and unifies minus signs and blanks."""
    if text.isascii():
        return text.strip()  # NFKC leaves ASCII as it is, and none of the characters replaced below is ASCII
    return _folded(text) if len(text) <= _SHORT else _fold(text)


_SHORT = 80  # cells, labels, headers: the same few thousand strings come back again and again


@lru_cache(maxsize=16384)
def _folded(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    return folded.replace("−", "-").replace("\u00a0", " ").replace("\u3000", " ").strip()


@dataclass(frozen=True)
class PrintedNumber:
    """A number as printed: its value, how many decimals were printed, and its unit or kind."""

    text: str
    value: float
    decimals: int
    kind: NumberKind
    unit: str | None = None
    ratio: tuple[float, float] | None = None


def _to_float(token: str) -> tuple[float, int]:
    token = token.replace(",", "").replace("+", "")
    decimals = len(token.split(".")[1]) if "." in token else 0
    if len(token.split(".")[0].lstrip("-−－0")) > MAX_DIGITS:
        raise OverflowError(token)  # not a value we can check: parse_number says "no number"
    return float(token), decimals


@lru_cache(maxsize=16384)  # reports repeat the same tokens; results are frozen, so sharing them is safe
def parse_number(text: str, unit: str | None = None) -> PrintedNumber | None:
    """Parses one printed cell or token; None for text and for missing marks such as `—`."""
    raw = normalize(text)
    printed = text.strip()  # the text keeps its printed form (full-width digits, `：`); values use `raw`
    if raw in MISSING_MARKS:
        return None
    try:
        return _parse(raw, printed, unit)
    except OverflowError:  # more than 15 significant digits: coverage reports the value (KA002), never inf
        return None


def _signed(raw: str) -> str:
    """`▼10` → `-10`, `10↑` → `10`, `减少4` → `-4`: an arrow or a word of change before (or an arrow after) an
    unsigned number gives its sign; anything else is returned as it was."""
    if raw[:1] in _SIGN_MARKS or raw[-1:] in _SIGN_MARKS:
        mark = raw[0] if raw[0] in _SIGN_MARKS else raw[-1]
        rest = (raw[1:] if raw[0] in _SIGN_MARKS else raw[:-1]).strip()
        return _SIGN_MARKS[mark] + rest if rest[:1].isdigit() else raw
    m = _SIGN_WORDS_RE.match(raw)
    if m:
        return ("-" if m.group(1) in ("减少", "下降", "降低") else "") + raw[m.end():]
    return raw


def _parse(raw: str, printed: str, unit: str | None) -> PrintedNumber | None:
    raw = _signed(raw)
    m = _RATIO_RE.match(raw)
    if m:
        (a, da), (b, db) = _to_float(m.group(1)), _to_float(m.group(2))
        if b == 0:
            return None
        return PrintedNumber(printed, a / b, max(da, db), "ratio", ":", (a, b))
    m = _VALUE_RE.match(raw)
    if not m:
        scaled = _SCALED_RE.match(raw)
        if not scaled:
            return None
        value, decimals = _to_float(scaled.group(1))
        if (unit or "").startswith(("万", "亿")) or unit in _SCALED_UNITS:
            # 万元, 万平方米: units a table counts in; `386.5万` in a 元 column stays 386.5 万元.
            scale = scaled.group(2) + (unit or "") if not (unit or "").startswith(("万", "亿")) else unit
            return PrintedNumber(printed, value, decimals, "count" if decimals == 0 else "decimal", scale)
        # `1.2万` people is 12000 people printed to the nearest thousand: a scale, not a unit.
        power = 4 if scaled.group(2) == "万" else 8
        scaled_value = round(value * 10**power, max(decimals - power, 0))
        return PrintedNumber(printed, scaled_value, decimals - power, "decimal", unit)
    value, decimals = _to_float(m.group(1))
    if m.group(2):
        return PrintedNumber(printed, value, decimals, "percent", "%")
    if unit == "%":
        return PrintedNumber(printed, value, decimals, "percent", "%")
    kind: NumberKind = "count" if decimals == 0 else "decimal"
    return PrintedNumber(printed, value, decimals, kind, unit)


def unit_after(text: str) -> str | None:
    """The unit that starts `text` (what follows a number in prose), if any."""
    stripped = text.lstrip()
    for unit in UNITS:
        if stripped.startswith(unit):
            return unit
    return None


_DATE_FULL_RE = re.compile(r"^(19|20)\d{2}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?$")
_DATE_MONTH_RE = re.compile(r"^(19|20)\d{2}\s*[-./年]\s*(\d{1,2})\s*月?$")
_DATE_RANGE_RE = re.compile(r"^(19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}\s*[-~～至]\s*[\d.\-/]+$")
_PERIOD_RE = re.compile(r"^(19|20)\d{2}\s*[-－—~～至]\s*(19|20)\d{2}$")


def looks_like_date(text: str, date_column: bool = False) -> bool:
    """Whether a printed token is a date (`2024-02-30`, `2024年2月`), never arithmetic.

    `2024.12` is a date only in a column whose header says so (时间/日期), since it could be a decimal.
    """
    raw = normalize(text)
    if _DATE_FULL_RE.match(raw) or _DATE_RANGE_RE.match(raw) or "年" in raw and _DATE_MONTH_RE.match(raw):
        return True
    m = _DATE_MONTH_RE.match(raw)
    return bool(m and date_column and 1 <= int(m.group(2)) <= 12)


def looks_like_period(text: str) -> bool:
    """A school or calendar period label such as `2023-2024`."""
    return bool(_PERIOD_RE.match(normalize(text)))


_UNIT_SUFFIX_RE = re.compile(rf"^(.*?\d\s*[万亿]?)\s*({'|'.join(re.escape(u) for u in UNITS if u not in ('%', '‰'))})$")


_FOOTNOTE_MARK_RE = re.compile(r"(?<=[^\s*＊※])\s*(?:[*＊※]+|[①-⑩]|[¹²³⁴-⁹]+)\s*$")


@lru_cache(maxsize=16384)
def parse_cell(text: str, unit: str | None = None, date_column: bool = False) -> PrintedNumber | None:
    """A table cell's number; dates and periods stay text (None) so no rule does arithmetic on them. A cell
    that prints its unit after the number (`1720人`, `386.5万元`) carries that unit instead of the column's."""
    if looks_like_date(text, date_column) or looks_like_period(text):
        return None
    if (mark := _FOOTNOTE_MARK_RE.search(text)) and mark.start() > 0:
        # `1,240*`, `86.5①`, `3.7²` (never 3.72): the mark points to a note under the table; the number is the
        # cell's value.
        number = parse_cell(text[:mark.start()], unit, date_column)
        return replace(number, text=text.strip()) if number is not None else None
    number = parse_number(text, unit)
    if number is None and (m := _UNIT_SUFFIX_RE.match(normalize(text))):
        own = m.group(2)
        number = parse_number(m.group(1), own)
        if number is not None:
            number = replace(number, text=text.strip())
    return number
