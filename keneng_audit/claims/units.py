"""Units printed at different scales (元, 万元, 亿元; 平方米, 万平方米; 人次, 万人次): what one is in another."""

from __future__ import annotations

import re

# unit → (base unit, how many base units one of it is)
SCALES: dict[str, tuple[str, float]] = {
    "元": ("元", 1.0), "万元": ("元", 1e4), "亿元": ("元", 1e8),
    "平方米": ("平方米", 1.0), "万平方米": ("平方米", 1e4),
    "人次": ("人次", 1.0), "万人次": ("人次", 1e4),
}
_UNIT = "|".join(sorted(SCALES, key=len, reverse=True))
_AFTER = re.compile(rf"\s*({_UNIT})")
# A unit named in a header or label: `2025年（元）`, `学费收入(万元)`, `单位：万元`.
_NAMED = re.compile(rf"(?:[（(]|单位\s*[:：]\s*)\s*({_UNIT})\s*[)）]?")


def factor(printed: str | None, wanted: str | None) -> float | None:
    """How many `wanted` one `printed` is (万元 in 元: 10000); None unless both are scales of one base unit."""
    a, b = SCALES.get(printed or ""), SCALES.get(wanted or "")
    if a is None or b is None or a[0] != b[0]:
        return None
    return a[1] / b[1]


def unit_after(text: str, at: int) -> str | None:
    """The scaled unit printed right after offset `at` (`4.13 亿元` → 亿元), if any."""
    found = _AFTER.match(text, at)
    return found.group(1) if found else None


def unit_named(*texts: str | None) -> str | None:
    """The first scaled unit a header, label or note names in brackets or after 单位：."""
    for text in texts:
        found = _NAMED.search(text or "")
        if found:
            return found.group(1)
    return None
