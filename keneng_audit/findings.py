"""Findings (frozen value objects) and the result of auditing one report."""

from __future__ import annotations

import copy
import functools
import hashlib
import re
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Literal

from keneng_audit.errors import one_language

Severity = Literal["error", "warning", "info"]
# What a finding may quote: a hostile report can print a 100,000-digit "number" or a paragraph of megabytes, and a
# finding repeats it in its message, values and every output format.
_LONG_DIGITS = re.compile(r"\d{41,}")
MAX_TEXT = 4000


def bounded(text: str) -> str:
    """`text` with any run of more than 40 digits elided (`999999999999…9999`) and at most MAX_TEXT characters."""
    if len(text) < 41:
        return text
    text = _LONG_DIGITS.sub(lambda m: f"{m[0][:12]}…{m[0][-4:]}", text)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"
SEVERITY_ORDER: dict[str, int] = {"error": 3, "warning": 2, "info": 1}


def places(source) -> dict:
    """The places a reader gave a printed thing (a `document.SourceRef`) as PrintedValue keywords: page and line
    within the page (PDF), paragraph, row and column within a Word table (DOCX)."""
    return {name: getattr(source, name, None) for name in ("page", "paragraph", "page_line", "table_row",
                                                           "table_column")}


@dataclass(frozen=True)
class PrintedValue:
    """One printed value a finding compares, with its own location."""

    text: str  # as printed: "40.5%", "1250"
    value: float | None
    label: str  # what it is: "表3 装备制造大类 / 增加比率（%）", "§1.3.3 毕业生总数"
    line: int | None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    section: str | None = None
    page: int | None = None
    paragraph: int | None = None
    page_line: int | None = None  # PDF: the line within its page, as a viewer counts it
    table_row: int | None = None  # DOCX: the row within its Word table (its first printed row is 1)
    table_column: int | None = None  # DOCX: the column within its Word table, from 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", bounded(self.text))


@dataclass(frozen=True)
class FindingLocation:
    """Where a finding points: file, table/row/column or section, and every compared value's line."""

    file: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    section: str | None = None
    lines: tuple[int, ...] = ()
    page: int | None = None
    paragraph: int | None = None
    page_line: int | None = None  # PDF: the line within `page`


@dataclass(frozen=True)
class Finding:
    """One discrepancy (or a rule that could not be evaluated), proven by the values it compares."""

    rule: str
    name: str
    severity: Severity
    message: str
    location: FindingLocation
    values: tuple[PrintedValue, ...] = ()
    expected: str | None = None
    actual: str | None = None
    hint: str | None = None
    fingerprint: str = ""
    # How `expected` was obtained from the other values ("各行相加" / "the rows add up to"); `actual` is always
    # what the report prints where the finding points, `expected` what the other printed values give.
    basis: str | None = None
    # (id, name) of the other rules a minimal-change diagnosis merged into this finding: --select of one of
    # them keeps it (not written out: the message names them)
    also: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        for name in ("message", "expected", "actual", "hint"):
            if getattr(self, name) is not None:
                object.__setattr__(self, name, bounded(getattr(self, name)))

    def sort_key(self) -> tuple:
        loc = self.location
        first = loc.lines[0] if loc.lines else 0
        return (loc.file, first, loc.table or "", loc.row or "", self.rule)

    def to_dict(self) -> dict:
        data = _plain(self)
        del data["also"]
        data["location"]["lines"] = list(self.location.lines)
        data["group"] = group_key(self)
        return data


_LEAVES = (str, int, float, bool, type(None))


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _plain(value):
    """As dataclasses.asdict (tuples stay tuples), without its deep copy of every leaf (≈ 4× faster)."""
    if isinstance(value, _LEAVES):
        return value
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    return copy.deepcopy(value)


_NUMBERS = re.compile(r"[-−+]?\d+(?:[.,]\d+)*%?")


def cause_of(finding: Finding) -> str | None:
    """The likely cause without one row's particulars: a hint reads "cause：particulars" ("比率似乎以本期数为基数：
    613 / 1512 = 40.5%"); rows sharing the cause share one mistake. A hint without particulars counts whole."""
    if not finding.hint:
        return None
    for colon in ("：", ": "):
        if colon in finding.hint:
            head, rest = finding.hint.split(colon, 1)
            return head + colon + _NUMBERS.sub("#", rest.split("；", 1)[-1] if "；" in rest else "")
    return finding.hint


def group_key(finding: Finding) -> str:
    """Findings of one rule in one table (or section) and column with one likely cause (the same hint, or the
    same printed value against the same expected one) share a key; any other finding has its own (its fingerprint)."""
    cause = cause_of(finding)
    if cause is None and finding.actual is not None and finding.expected is not None:
        cause = f"{finding.actual}\x1e{finding.expected}"  # one wrong value printed in several rows
    if cause is None:
        return finding.fingerprint
    loc = finding.location
    parts = [finding.rule, loc.table or loc.section or "", loc.column or "", cause]
    return "g" + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:15]


def rule_identity(rule_id: str, name: str) -> str:
    """What a fingerprint calls a rule: its id; for an inferred rule its kind (`inferred-share`), because an
    inferred id is drawn from the relation's parameters and moves when a table gains a column or a relation
    joins, while the finding stays about the same cell (a baseline must still match it)."""
    return "inferred-" + name.removeprefix("inferred-").removeprefix("data-") if name.startswith("inferred-") else rule_id


def make_fingerprint(rule: str, where: str | None, row: str | None, column: str | None,
                     values: tuple[PrintedValue, ...] | list[PrintedValue]) -> str:
    """Stable across line shifts and languages: rule + table/section + row + column + printed values.

    `rule` is `rule_identity(...)` for a rule that may be inferred.

    Each value counts by where it was printed (table, row, column, section) and its printed text without blanks,
    never by its line or its label, which is worded in the report's chosen language.
    """
    # Blanks do not count: a line wrap inside `2025 年 6月 31 日` must not make a finding new in another layout.
    parts = [rule, where or "", row or "", column or ""] + sorted(
        "|".join((v.table or "", v.row or "", v.column or "", v.section or "", "".join(v.text.split())))
        for v in values)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class RuleRef:
    """A rule that ran, as reporters name it (junit test cases, SARIF rule entries)."""

    id: str
    name: str
    severity: Severity
    description: str = ""


@dataclass(frozen=True)
class SkippedRule:
    """A rule that could not run on this report because what it checks is absent (a table, row or quantity)."""

    rule: str
    name: str
    reason: str
    table: str | None = None
    missing: str | None = None  # the printed name looked for (caption, header, row label), when there is one

    def to_dict(self) -> dict:
        return _plain(self)


@dataclass
class AuditResult:
    """The findings of one report plus what the run did (packs applied, rules run, tables read)."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    packs: list[str] = field(default_factory=list)
    rules_run: int = 0
    tables_read: int = 0
    rules: list[RuleRef] = field(default_factory=list)  # every rule that ran, findings or not
    accepted: int = 0  # findings a baseline accepted and left out
    error: str | None = None  # set when the report could not be audited at all (batch runs)
    skipped: list[SkippedRule] = field(default_factory=list)  # rules that could not run: not findings

    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[f.severity] += 1
        return counts

    def summary(self) -> dict:
        summary = {**self.counts(), "findings": len(self.findings), "rules_run": self.rules_run,
                   "tables_read": self.tables_read, "packs": list(self.packs), "skipped": len(self.skipped)}
        if self.accepted:
            summary["accepted_by_baseline"] = self.accepted
        return summary

    def to_dict(self, lang: str = "zh") -> dict:
        """The report as JSON output holds it; `error` (why it could not be audited) in the run's language only."""
        data = {"file": self.file, "findings": [f.to_dict() for f in sorted(self.findings, key=Finding.sort_key)],
                "summary": self.summary()}
        if self.skipped:
            data["skipped"] = [s.to_dict() for s in self.skipped]
        if self.error:
            data["error"] = one_language(self.error, lang)
        return data
