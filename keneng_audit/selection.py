"""Which rules' findings are reported (--select/--ignore) and at what severity (config overrides), after the run."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from keneng_audit.errors import ConfigError
from keneng_audit.findings import AuditResult, Finding

SEVERITY_NAMES = ("error", "warning", "info")
# An exact id or name beats any prefix; among prefixes the longer one wins.
EXACT = 1000


def split_selectors(values: Iterable[str]) -> tuple[str, ...]:
    """`("KA1,KA201", "growth")` → `("KA1", "KA201", "growth")`; blanks dropped."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def specificity(selector: str, rule_id: str, rule_name: str) -> int:
    """How specifically `selector` names the rule: EXACT, the prefix length, or 0 when it does not match."""
    wanted = selector.strip()
    if wanted.upper() == rule_id.upper() or wanted.casefold() == rule_name.casefold():
        return EXACT
    if wanted.upper().startswith("KA") and rule_id.upper().startswith(wanted.upper()):
        return len(wanted)
    return 0


def _best(selectors: Iterable[str], rule_id: str, rule_name: str) -> int:
    return max((specificity(s, rule_id, rule_name) for s in selectors), default=0)


@dataclass(frozen=True)
class Selection:
    """Selectors are rule ids (`KA201`), id prefixes (`KA2`) or rule names; the most specific one decides."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)  # selector -> error | warning | info

    def keeps(self, rule_id: str, rule_name: str) -> bool:
        # As in ruff: no --select means every rule (at the lowest specificity); on a tie --ignore wins.
        chosen = _best(self.select, rule_id, rule_name) if self.select else 1
        return chosen > 0 and chosen > _best(self.ignore, rule_id, rule_name)

    def severity_for(self, rule_id: str, rule_name: str, default: str) -> str:
        ranked = [(specificity(s, rule_id, rule_name), level) for s, level in self.severity.items()]
        ranked = [(score, level) for score, level in ranked if score > 0]
        return max(ranked, key=lambda pair: pair[0])[1] if ranked else default

    def check_known(self, rules: Iterable[tuple[str, str]]) -> None:
        """Every selector must name at least one known rule (id, prefix or name); else ConfigError."""
        known = list(rules)
        for kind, selectors in (("select", self.select), ("ignore", self.ignore), ("severity", tuple(self.severity))):
            for selector in selectors:
                if not any(specificity(selector, rid, name) for rid, name in known):
                    raise ConfigError(f"{kind}：{selector!r} 不是任何规则的编号、编号前缀或名称（见 keneng-audit rules）",
                                      f"{kind}: {selector!r} matches no rule id, id prefix or rule name")
        for selector, level in self.severity.items():
            if level not in SEVERITY_NAMES:
                raise ConfigError(f"{selector!r} 的严重程度应为 {', '.join(SEVERITY_NAMES)} 之一，而不是 {level!r}",
                                  f"severity of {selector!r} must be one of {', '.join(SEVERITY_NAMES)}, not {level!r}")

    def broad_ignores(self, rules: Iterable[tuple[str, str]]) -> list[tuple[str, int]]:
        """(selector, rules it switches off) for each ignore that names an id prefix covering several rules:
        `ignore = ["KA"]` in a config above the report silences every check, which must not go unnoticed."""
        known = list(rules)
        broad = []
        for selector in self.ignore:
            hits = [rid for rid, name in known if 0 < specificity(selector, rid, name) < EXACT]
            if len(hits) > 1:
                broad.append((selector, sum(1 for rid, name in known if not self.keeps(rid, name)
                                            and specificity(selector, rid, name))))
        return broad

    def apply(self, result: AuditResult) -> AuditResult:
        """The result with unselected findings dropped and severities overridden; the rules that ran and were
        skipped are counted for the selected rules only."""
        kept = [self._restyle(f) for f in map(self._owner, result.findings) if f is not None]
        if not (self.select or self.ignore) or not result.rules:
            return dataclasses.replace(result, findings=kept)
        rules = [r for r in result.rules if self.keeps(r.id, r.name)]
        skipped = [s for s in result.skipped if self.keeps(s.rule, s.name)]
        return dataclasses.replace(result, findings=kept, rules=rules, skipped=skipped,
                                   rules_run=max(len(rules) - len(skipped), 0))

    def _owner(self, finding: Finding) -> Finding | None:
        """The finding under its own rule when selected, else under a selected rule merged into it, else None."""
        if self.keeps(finding.rule, finding.name):
            return finding
        other = next(((rid, name) for rid, name in finding.also if self.keeps(rid, name)), None)
        return None if other is None else dataclasses.replace(finding, rule=other[0], name=other[1])

    def _restyle(self, finding: Finding) -> Finding:
        level = self.severity_for(finding.rule, finding.name, finding.severity)
        return finding if level == finding.severity else dataclasses.replace(finding, severity=level)
