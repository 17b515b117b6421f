"""The rule kinds: one module per kind, registered in one explicit table."""

from __future__ import annotations

from types import ModuleType

from keneng_audit.rules.kinds import agree, catalog, difference, growth, ratio, share, subset
from keneng_audit.rules.kinds import range as range_
from keneng_audit.rules.kinds import sum as sum_

# Each module has: SCOPE ("table", "facts" or "any"), OPERANDS, Params (pydantic), holds(), explain(),
# and optionally cases() when its cases are not simply one per row / column / period.
KINDS: dict[str, ModuleType] = {
    "range": range_,
    "sum": sum_,
    "share": share,
    "difference": difference,
    "growth": growth,
    "ratio": ratio,
    "subset": subset,
    "agree": agree,
    "catalog": catalog,
}
