"""Dates and date ranges printed in prose (`2024 年 12 月 27-28 日`, `10 月 14 日至 10 月 19 日`, `2024.6.31`)."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date

from keneng_audit.claims.paragraphs import Para

_Y = r"(?P<y>(?:19|20)\d\d)\s*年\s*"
_DASH = r"\s*(?:-|–|—|~|至|到)\s*"
# One date: [year 年] month 月 day 日 (also 号), or 2024.6.22 / 2024-06-22 / 2024/6/22.
DATE = re.compile(
    rf"(?<!\d)(?:{_Y})?(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*"
    rf"(?:(?:日|号)?{_DASH}(?:(?:19|20)\d\d\s*年\s*)?(?:(?P<m2>\d{{1,2}})\s*月\s*)?(?P<d2>\d{{1,2}})\s*(?:日|号)|日|号)"
    r"|(?<![\d.])(?P<ny>(?:19|20)\d\d)(?P<sep>[./-])(?P<nm>\d{1,2})(?P=sep)(?P<nd>\d{1,2})(?![\d.])")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")


@dataclass(frozen=True)
class Printed:
    """A date (or the first day of a range) as printed, and the last day of its range if it is one."""

    start: int  # folded offsets of the whole match
    end: int
    year: int | None  # printed, or the year stated earlier in the sentence; None when neither
    month: int
    day: int
    month2: int | None = None
    day2: int | None = None
    year_printed: bool = False

    @property
    def is_range(self) -> bool:
        return self.day2 is not None

    def problems(self) -> list[str]:
        """What makes it impossible: month out of 1–12, day beyond the month (2 月 29 日 only in a leap year)."""
        out = []
        for m, d in ((self.month, self.day), (self.month2 or self.month, self.day2)):
            if d is None:
                continue
            if not 1 <= m <= 12:
                out.append(f"{m}月")
            elif not 1 <= d <= last_day(self.year, m):
                out.append(f"{m}月{d}日")
        return out

    def days(self) -> int | None:
        """Days in the range, both ends counted (10 月 14 日至 19 日: 6); None when not a valid range."""
        if not self.is_range or self.problems():
            return None
        year = self.year or 2001  # a common year: only 2 月 29 日 needs a leap one, and it was checked
        first = date(year, self.month, self.day)
        last_month = self.month2 or self.month
        last = date(year + (1 if last_month < self.month else 0), last_month, self.day2)
        return (last - first).days + 1


def last_day(year: int | None, month: int) -> int:
    if month == 2 and year is None:
        return 29
    return calendar.monthrange(year or 2001, month)[1]


def dates_in(p: Para) -> list[Printed]:
    """Every date of a paragraph, in order; a date without a year takes the year last printed before it in
    the same sentence."""
    return list(_dates_in(p.text))


@functools.lru_cache(maxsize=4096)  # the date and span kinds both read every paragraph's dates
def _dates_in(text: str) -> tuple[Printed, ...]:
    out = []
    for m in DATE.finditer(text):
        if m.group("ny"):
            out.append(Printed(m.start(), m.end(), int(m.group("ny")), int(m.group("nm")), int(m.group("nd")),
                               year_printed=True))
            continue
        year = int(m.group("y")) if m.group("y") else _year_before(text, m.start())
        out.append(Printed(m.start(), m.end(), year, int(m.group("m")), int(m.group("d")),
                           int(m.group("m2")) if m.group("m2") else None,
                           int(m.group("d2")) if m.group("d2") else None, bool(m.group("y"))))
    return tuple(out)


def _year_before(text: str, at: int) -> int | None:
    stop = max(text.rfind(c, 0, at) for c in "。;；！!？?")
    years = _YEAR.findall(text, stop + 1, at)
    return int(years[-1]) if years else None
