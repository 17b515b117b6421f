"""What every claim kind shares: its rule description, the run context, value labels and finding construction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import pandas as pd

from keneng_audit.claims.paragraphs import Num, Para
from keneng_audit.document import Document
from keneng_audit.findings import Finding, FindingLocation, PrintedValue, make_fingerprint, places
from keneng_audit.intervals import bounds, digits_bounds
from keneng_audit.numbers import PrintedNumber
from keneng_audit.pandera_adapter import failures
from keneng_audit.rules.checks import NoParams
from keneng_audit.rules.model import BUILT_IN, Rule

SLACK = 1e-9


def ProseRule(id: str, severity: str, name: str, title: dict[str, str], description: dict[str, str],
              rationale: dict[str, str], examples: dict[str, str] | None = None, kind: str | None = None) -> Rule:
    """A built-in prose rule (a rules.model.Rule): its findings carry `id` as their rule, `name` (a stable slug:
    Finding.name in every language, what --select/--ignore accept); `title` is a short sentence for display. Its
    kind (by default `prose-<name>`) is the report kind that runs this check (claims/report_kinds.py)."""
    return Rule(id=id, name=name, severity=severity, kind=kind or f"prose-{name}", params=NoParams(), title=title,
                description=description, rationale=rationale, examples=dict(examples or {}), origin=BUILT_IN,
                pack="prose")


@dataclass
class Context:
    """One report as the claim kinds see it: its prepared paragraphs and the facts claims are resolved against."""

    doc: Document
    paras: list[Para]
    lang: str
    year: int | None = None
    facts: Any = None  # the engine's table facts (rules.views.FactsView), if any
    known: Any = None  # claims.known.Known: named quantities by period, from tables and prose
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)  # rule id → a kind's KEYWORDS
    _index: dict[str, list[Para]] | None = field(default=None, repr=False)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def paras_for(self, rule: str) -> list[Para]:
        """The paragraphs a kind's patterns can match: those holding one of its KEYWORDS (every paragraph when it
        declares none). Built for every kind in one pass over the paragraphs, so that each kind's regexes run
        only where they can match and the prose costs stay linear in the report's size."""
        if self._index is None:
            self._index = {r: [] for r in self.keywords}
            wanted = {r: set(words) for r, words in self.keywords.items()}
            every = set().union(*wanted.values()) if wanted else set()
            for p in self.paras:
                present = {w for w in every if w in p.text}
                for r, words in wanted.items():
                    if not words or present & words:
                        self._index[r].append(p)
        return self._index.get(rule, self.paras)

    def memo(self, key: str, make: Callable[[], Any]) -> Any:
        """What two kinds derive alike from this context (the change claims of growth and increase), made once."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def where(self, p: Para) -> str:
        section = p.paragraph.section
        return f"§{section}" if section else ROLE["正文"][self.lang]

    def role(self, key: str) -> str:
        return ROLE[key][self.lang]

    def pv(self, p: Para, n: Num, role: str) -> PrintedValue:
        src = p.source(n.start)
        return PrintedValue(n.number.text, n.number.value, f"{self.where(p)} {self.role(role)}", src.line,
                            section=p.paragraph.section, **places(src))

    def finding(self, rule: Rule, message: str, section: str | None, values: tuple[PrintedValue, ...],
                expected: str, actual: str, hint: str | None = None, severity: str | None = None,
                table: str | None = None) -> Finding:
        values = _unique(values)
        lines = tuple(sorted({v.line for v in values if v.line is not None}))
        location = FindingLocation(file=self.doc.path, table=table, section=section, lines=lines,
                                   page=values[0].page if values else None)
        return Finding(rule=rule.id, name=rule.name, severity=severity or rule.severity, message=message,
                       location=location, values=values, expected=expected, actual=actual, hint=hint,
                       fingerprint=make_fingerprint(rule.id, section, None, None, values))

    def say(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en


def _unique(values: tuple[PrintedValue, ...]) -> tuple[PrintedValue, ...]:
    seen, out = set(), []
    for v in values:
        key = (v.text, v.line, v.table, v.row, v.column)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return tuple(out)


# What each compared value is, as a finding's value list names it.
ROLE = {
    "正文": {"zh": "正文", "en": "text"}, "部分": {"zh": "部分", "en": "part"}, "整体": {"zh": "整体", "en": "whole"},
    "比例": {"zh": "比例", "en": "percentage"}, "总数": {"zh": "总数", "en": "total"}, "其中": {"zh": "其中", "en": "part"},
    "数量": {"zh": "数量", "en": "count"}, "合计": {"zh": "合计", "en": "stated total"}, "总量": {"zh": "总量", "en": "total"},
    "生均": {"zh": "生均", "en": "per student"}, "日期": {"zh": "日期", "en": "date"}, "天数": {"zh": "天数", "en": "days"},
    "年份": {"zh": "年份", "en": "year"}, "周年": {"zh": "周年", "en": "anniversary"},
    "增长率": {"zh": "增长率", "en": "growth rate"}, "增减": {"zh": "增减", "en": "change"},
    "比值": {"zh": "比值", "en": "ratio"}, "数字": {"zh": "数字", "en": "number"},
    "本年": {"zh": "本年", "en": "this year"}, "上年": {"zh": "上年", "en": "last year"},
}


def fmt(x: float, decimals: int) -> str:
    from keneng_audit.facts.values import half_up

    return half_up(x, max(decimals, 1))  # 四舍五入: 260 / 320 = 81.25% is 81.3%, as the reader rounds


def stated_bounds(number: PrintedNumber, truncated: bool = False) -> tuple[float, float]:
    """The values a printed *result of a division or rate* may stand for: always rounded at its printed digits.

    `bounds()` takes a whole number as an exact count, which is right for 1677 graduates but wrong for a derived
    value printed without decimals: 生均 12003 元 stands for [12002.5, 12003.5), not for 12003 exactly."""
    if number.kind in ("percent", "ratio"):
        return bounds(number, truncated, padded=False)  # prose prints the digits it means: 5.0% is [4.95, 5.05)
    return digits_bounds(number.value, number.decimals, truncated)


def overlap(frame: pd.DataFrame, lo: str = "p_lo", hi: str = "p_hi") -> pd.Series:
    """Row mask: the computed interval [lo, hi] meets the printed one."""
    return (frame["lo"] <= frame[hi] + SLACK) & (frame[lo] <= frame["hi"] + SLACK)


def failed(cases: list, frame: pd.DataFrame, rule: str, check: Callable[[pd.DataFrame], pd.Series]) -> list[tuple[int, Any]]:
    """(position, case) of each case whose row of `frame` fails `check` (run through pandera)."""
    if not cases:
        return []
    return [(int(pos), cases[int(pos)]) for pos in failures(frame, {rule: check}).get(rule, [])]


def truncated_ok(frame: pd.DataFrame, pos: int) -> bool:
    """The computed interval meets the printed value read as truncated (one row: plain floats, no frame)."""
    lo, hi, t_lo, t_hi = (float(frame[c].iat[pos]) for c in ("lo", "hi", "t_lo", "t_hi"))
    return lo <= t_hi + SLACK and t_lo <= hi + SLACK


def derived_frame(rows: list[tuple[float, float, PrintedNumber]]) -> pd.DataFrame:
    """Computed intervals (lo, hi) against the printed value, rounded (p_) and truncated (t_)."""
    data = []
    for lo, hi, printed in rows:
        plo, phi = stated_bounds(printed)
        tlo, thi = stated_bounds(printed, truncated=True)
        data.append({"lo": lo, "hi": hi, "p_lo": plo, "p_hi": phi, "t_lo": tlo, "t_hi": thi})
    return pd.DataFrame(data, columns=["lo", "hi", "p_lo", "p_hi", "t_lo", "t_hi"])
