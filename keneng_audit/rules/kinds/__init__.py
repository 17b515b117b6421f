"""The rule kinds: one explicit table of every kind a rule may name (table, facts and report kinds)."""

from __future__ import annotations

from types import ModuleType

from keneng_audit import coverage
from keneng_audit.claims import report_kinds as prose
from keneng_audit.rules.checks import ReportKind
from keneng_audit.rules.kinds import agree, catalog, difference, growth, ratio, share, subset
from keneng_audit.rules.kinds import range as range_
from keneng_audit.rules.kinds import sum as sum_

# A table or facts kind is a module with SCOPE ("table", "facts" or "any"), OPERANDS, Params (pydantic),
# holds(), explain(), and optionally cases() when its cases are not simply one per row / column / period.
# A report kind (SCOPE "report": prose claims, what could not be read) finds its own failures: see rules.checks.
KINDS: dict[str, ModuleType | ReportKind] = {
    "range": range_,
    "sum": sum_,
    "share": share,
    "difference": difference,
    "growth": growth,
    "ratio": ratio,
    "subset": subset,
    "agree": agree,
    "catalog": catalog,
    **prose.KINDS,
    **coverage.KINDS,
}
