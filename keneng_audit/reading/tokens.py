"""What a printed piece of a table line is: a value or words, glued to its neighbour or not, a note."""

from __future__ import annotations

import re
from functools import lru_cache

from keneng_audit import limits
from keneng_audit.numbers import UNITS, looks_like_date, looks_like_period, normalize, parse_cell

CJK_RE = re.compile(r"[\u3400-\u9fff]")
INT_RE = re.compile(r"^\d{1,3}$")
YEARISH_RE = re.compile(r"^(19|20)\d{2}(\s*[-－—]\s*(19|20)\d{2})?$")
_CODE_RE = re.compile(r"^\d[\d\-－.]{4,}\d$")  # ISBN parts, 专业代码, date ranges: values, not words
FOOTNOTE_RE = re.compile(r"^(\d{1,2})\s+\S.{8,}[。.]$")
_NOTE_START_RE = re.compile(r"^(说明|注|备注|数据来源)\s*[:：]")
QIZHONG_RE = re.compile(r"^其中\s*[:：]\s*")
_LATIN_END_RE = re.compile(r"[A-Za-z]$")
_NTH_END_RE = re.compile(r"第\s*\d+$")
_OPENERS = "（(《“"
_CLOSERS = {"（": "）", "(": ")", "《": "》", "“": "”"}
COLUMN_UNITS = frozenset(UNITS) | {"%", "元/生", "个/生", "Mbps", "学时", "课时", "人日"}


@lru_cache(maxsize=16384)
def is_value_token(text: str) -> bool:
    """Numbers, percentages, ratios, dates, codes and missing marks: what fills a data cell."""
    raw = normalize(text)
    if raw in ("—", "——", "-", "--", "－", "/"):
        return True
    if looks_like_period(raw):
        return False
    if parse_cell(raw) is not None or looks_like_date(raw, True) or _CODE_RE.match(raw):
        return True
    return False


def closes(text: str) -> bool:
    """Whether every bracket opened in `text` is closed (quotes are misprinted too often to count)."""
    for opener in "（(《":
        if text.count(opener) > text.count(_CLOSERS[opener]):
            return False
    return True


def split_line(text: str) -> list[str]:
    """Whitespace-separated pieces of a line, re-joining what a blank split inside one cell."""
    longest = limits.get("cell-chars")  # past it no cell grows: each test below reads the whole cell so far
    if len(text) <= _SHORT_LINE:  # a table's lines are split again for each reading of the table tried
        return list(_split_short(text, longest))
    return _split(text, longest)


_SHORT_LINE = 200


@lru_cache(maxsize=4096)
def _split_short(text: str, longest: int) -> tuple[str, ...]:
    return tuple(_split(text, longest))


def _split(text: str, longest: int) -> list[str]:
    pieces = text.split()
    out: list[str] = []
    for piece in pieces:
        if out and len(out[-1]) <= longest and _glued(out[-1], piece):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _glued(prev: str, nxt: str) -> bool:
    head = nxt[0]
    if YEARISH_RE.match(prev) and CJK_RE.match(head) and not is_value_token(nxt):
        return True  # "2023 年", "2022-2023 学", "2024 年某市…"
    if _LATIN_END_RE.search(prev) and (CJK_RE.match(head) or head.isdigit()) and prev not in COLUMN_UNITS:
        return True  # "其中：A 类：…", "ISBN 978-…", "ISBN 编号" (but not "Mbps 200")
    if prev.endswith("第") or _NTH_END_RE.search(prev):
        return True  # "第 47 届…"
    if prev in ("/", "-", "－", "--"):
        return False  # a placeholder for an empty cell (`人 / 380`: nothing in 2023), not a joiner
    if prev[-1] in "、，,/-－" or not closes(prev) or (prev.count("“") > prev.count("”") and len(prev) > 1):
        return True
    if len(prev) == 1 and CJK_RE.match(prev) and prev not in COLUMN_UNITS and not is_value_token(nxt):
        return True  # a name printed with a blank: "王 毅"
    if head in "）)、，,》”" :
        return True
    return False


def join_text(a: str, b: str, same_line: bool) -> str:
    if same_line or (re.search(r"[A-Za-z0-9]$", a) and re.match(r"[A-Za-z0-9]", b)):
        return f"{a} {b}"
    return a + b


def squash(text: str) -> str:
    return "".join(normalize(text).split())


def is_footnote(text: str) -> bool:
    return bool(FOOTNOTE_RE.match(text.strip()))


def is_note(text: str) -> bool:
    return bool(_NOTE_START_RE.match(normalize(text)))
