"""Pydantic models of rule files: packs, declared tables and quantities, rules and their operands."""

from __future__ import annotations

import re
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from keneng_audit import saferegex
from keneng_audit.errors import Invalid

Severity = Literal["error", "warning", "info"]
RULE_ID_RE = re.compile(r"^KA\d{3,6}$")  # six digits: inferred rules past the first 100 of a kind
LANGS = ("zh", "en")
# The fields a message template may use; the loader rejects any other.
TEMPLATE_FIELDS = frozenset({"table", "row", "column", "period", "actual", "expected", "case"})


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class QuantityRef(Strict):
    """A named quantity for one period: a year, `latest` (its last year), or by default the case's period."""

    quantity: str
    period: str | None = None
    table: str | None = None  # only the occurrence printed in this (declared) table


class PeriodColumn(Strict):
    """The table column of the last (`latest`) or the one before (`previous`) period, found by the years
    in the headers, so a rule works for any report year."""

    period_column: Literal["latest", "previous"]


class Constant(Strict):
    """An exact number written in the rule, e.g. 100 for a percentage total."""

    value: float


Operand = str | QuantityRef | Constant | PeriodColumn


class Where(Strict):
    """Keeps only the cases whose cell in `column` is one of `in` (e.g. 单位 in [%])."""

    column: str
    in_: list[str] = Field(alias="in")


class TableParams(Strict):
    """Parameters every table-scoped kind shares: which axis the cases run along and which to keep."""

    across: Literal["rows", "columns"] = "rows"  # rows: a case per row, operands name columns
    cases: list[str] | None = None  # keep only these rows (or columns)
    exclude: list[str] = []
    where: Where | None = None


class TableDecl(Strict):
    """How a pack finds a table: by key (`表3`), caption text, or both (both must match).

    `headers` (and `row_labels`) describe a table whose header the reader could only guess (a two-level
    header scrambled by PDF extraction): they replace its column names (row labels) by position when the
    counts match; when they do not, the table's rules are "not evaluated" and say so."""

    key: str | None = None
    caption: str | None = None
    columns: list[str] = []  # when given, rules may only name these columns
    headers: list[str] | None = None  # every column in printed order (the label column too, if any)
    row_labels: list[str] | None = None  # every row in printed order

    @field_validator("headers", "row_labels")
    @classmethod
    def _unique(cls, value: list[str] | None) -> list[str] | None:
        if value is not None:
            squashed = ["".join(v.split()) for v in value]
            if not all(squashed) or len(set(squashed)) != len(squashed):
                raise Invalid("名称须各不相同且不为空", "needs unique, non-empty names")
        return value

    @property
    def known_columns(self) -> list[str]:
        return self.columns or self.headers or []


PERIOD_RE = re.compile(r"^(current|previous|(19|20)\d\d)$")


class QuantitySource(Strict):
    """Where a named quantity is printed: one row of a table (its year columns give the periods),
    a column read per row (row labels give the periods), one cell, or a column sum.
    This is the one mapping from table cells to quantities: the engine's facts and the prose agreement
    (keneng_audit.claims, which matches the numbers of the prose) both read it."""

    table: str
    row: str | None = None
    column: str | None = None
    aggregate: Literal["sum"] | None = None
    rows: list[str] | None = None  # the rows a sum runs over (default: all but 合计 rows and 其中 items)
    # The column of last period's change: the cell minus it is last period's value (人数 − 较上一年度增加人数).
    increase: str | None = None
    period: str | None = None  # a year, or `current` / `previous` (the report's year / the one before)
    unit: str | None = None  # the unit its cells are printed in, where the header says another (元 for 万元)

    @field_validator("period")
    @classmethod
    def _period(cls, value: str | None) -> str | None:
        if value is not None and not PERIOD_RE.match(value):
            raise Invalid("period 应为年份、current 或 previous", "period must be a year, current or previous")
        return value

    @model_validator(mode="after")
    def _shape(self):
        if self.aggregate == "sum" and not self.column:
            raise Invalid("求和（aggregate: sum）需要 `column`", "a sum needs `column`")
        if self.increase and not (self.row and self.column):
            raise Invalid("`increase` 需要 `row` 和 `column`", "`increase` needs `row` and `column`")
        if self.rows and self.aggregate != "sum":
            raise Invalid("`rows` 需要 `aggregate: sum`", "`rows` needs `aggregate: sum`")
        if not self.row and not self.column:
            raise Invalid("需要 `row`、`column` 或两者", "needs `row`, `column` or both")
        return self


class Examples(Strict):
    pass_: str = Field(alias="pass")
    fail: str

    def as_dict(self) -> dict[str, str]:
        return {"pass": self.pass_, "fail": self.fail}


class RuleEntry(Strict):
    """A rule as written in the file; `params` is validated by the kind's own model."""

    id: str
    name: str
    severity: Severity
    kind: str
    table: str | None = None
    params: dict[str, Any] = {}
    message: dict[str, str]
    description: dict[str, str]
    rationale: dict[str, str] | None = None
    examples: Examples | None = None
    applies_to: AppliesTo | None = None  # the reports this rule checks (a national definition for one level)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not RULE_ID_RE.match(value):
            raise Invalid(f"规则编号 {value!r} 应为 KA 加 3–4 位数字", f"rule id {value!r} must be KA followed by 3-4 digits")
        return value

    @field_validator("message", "description", "rationale")
    @classmethod
    def _bilingual(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        if value is None:
            return value
        missing = [lang for lang in LANGS if not value.get(lang)]
        if missing or set(value) - set(LANGS):
            raise Invalid("应恰有 zh 和 en 两项", "needs exactly the keys zh and en")
        return value


class AppliesTo(Strict):
    """Which reports a pack applies to; empty means every report."""

    title: str | None = None  # a regular expression searched in Document.title

    @field_validator("title")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            saferegex.compile_user(value)  # an invalid pattern is a rule-file error with its line, not a crash
        return value

    def matches(self, title: str | None) -> bool:
        if self.title is None:
            return True
        return title is not None and saferegex.search(self.title, title)


class PackFile(Strict):
    """One YAML file of a pack folder; top-level keys starting with `x-` hold YAML anchors and are ignored."""

    pack: str | None = None
    name: dict[str, str] | None = None
    applies_to: AppliesTo | None = None
    tables: dict[str, TableDecl] = {}
    quantities: dict[str, list[QuantitySource]] = {}
    rules: list[RuleEntry] = []

    @model_validator(mode="before")
    @classmethod
    def _drop_anchor_keys(cls, data):
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith("x-"))}
        return data


OriginKind = Literal["bundled", "user", "inferred", "built-in"]
_ORIGIN_LABELS = {
    "bundled": {"zh": "自带规则包", "en": "bundled pack"},
    "user": {"zh": "用户规则包", "en": "user pack"},
    "inferred": {"zh": "推断", "en": "inferred"},
    "built-in": {"zh": "内置检查", "en": "built-in"},
}


@dataclass(frozen=True)
class Origin:
    """Where a rule comes from: a bundled pack, a user's pack, inference on one report (and why), or the code."""

    kind: OriginKind
    why: dict[str, str] | None = None  # inferred rules: the reason, "zh"/"en" (what the headers or numbers showed)

    def label(self, lang: str = "en", why: bool = True) -> str:
        """`bundled pack`, `user pack`, `inferred (why)`, `built-in` in the chosen language."""
        text = _ORIGIN_LABELS[self.kind]["zh" if lang == "zh" else "en"]
        reason = why and ((self.why or {}).get(lang) or (self.why or {}).get("en"))
        if reason:
            text += f"（{reason}）" if lang == "zh" else f" ({reason})"
        return text


BUNDLED = Origin("bundled")
USER = Origin("user")
BUILT_IN = Origin("built-in")


def inferred(zh: str, en: str) -> Origin:
    """The origin of a rule inference read off one report: `inferred (why)`."""
    return Origin("inferred", {"zh": zh, "en": en})


@dataclass(frozen=True)
class Rule:
    """A rule, whatever its source: a pack's YAML entry, an inferred relation, or a check built into the code.

    `kind` names an entry of `rules.kinds.KINDS` and `params` is that kind's validated parameter model; create
    rules with `rules.loader.make_rule`, which validates both."""

    id: str
    name: str  # stable slug or short name: Finding.name, and what --select/--ignore accept
    severity: Severity
    kind: str
    params: BaseModel | None = None
    table: str | None = None  # the pack's table id, for table-scoped kinds
    message: dict[str, str] = field(default_factory=dict)  # "zh"/"en" templates (TEMPLATE_FIELDS)
    description: dict[str, str] = field(default_factory=dict)
    rationale: dict[str, str] = field(default_factory=dict)
    examples: dict[str, str] = field(default_factory=dict)  # "pass"/"fail"
    origin: Origin = BUNDLED
    pack: str = ""  # the pack it belongs to ("national", a user pack's name, "inferred", "prose", "coverage")
    title: dict[str, str] = field(default_factory=dict)  # a short display title, when the name is a slug
    applies_to: AppliesTo | None = None  # when given, reports whose title it does not match skip the rule
    file: str = ""  # where it is defined (a rule file, or the module of a built-in check)
    line: int | None = None


RuleSpec = Rule  # the name the loader and engine used before inferred and built-in rules joined


@dataclass
class RulePack:
    """The rules of one pack with the tables and quantities they refer to."""

    name: str
    folder: Path | None = None  # the pack's folder (its vocabulary/ is read by keneng_audit.claims)
    title: dict[str, str] = field(default_factory=dict)
    applies_to: AppliesTo = field(default_factory=AppliesTo)
    tables: dict[str, TableDecl] = field(default_factory=dict)
    quantities: dict[str, list[QuantitySource]] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    origin: Origin = BUNDLED
