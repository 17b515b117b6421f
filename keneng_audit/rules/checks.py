"""Report kinds: rule kinds that find their own failures in a report (prose claims, what could not be read).

A table or facts kind returns one boolean per case for pandera; a report kind is a function from one report's
facts to findings. Both sorts are registered in `rules.kinds.KINDS`. This module imports no kind, so the
packages that define report kinds (claims, coverage) can use it without importing the registry.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable

from pydantic import BaseModel, ConfigDict

from keneng_audit.findings import Finding
from keneng_audit.rules.model import Rule

if TYPE_CHECKING:
    from keneng_audit.facts import ReportFacts


class NoParams(BaseModel):
    """A kind without parameters: what it compares is read off the report."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class ReportKind:
    """`check(facts, lang)` returns findings under `code`, the id the check gives them; a rule of this kind
    with another id gets them under its own id and name."""

    code: str
    check: Callable[["ReportFacts", str], list[Finding]]
    Params: type[BaseModel] = NoParams
    SCOPE: str = "report"
    OPERANDS: tuple[str, ...] = ()

    def findings(self, rule: Rule, facts: "ReportFacts", lang: str) -> list[Finding]:
        found = [f for f in self.check(facts, lang) if f.rule == self.code]
        if rule.id == self.code and all(f.name == rule.name for f in found):
            return found
        return [replace(f, rule=rule.id, name=rule.name) for f in found]
