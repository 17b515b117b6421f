"""A candidate relation: a rule kind with its parameters, the table it reads, and why it was proposed."""

from __future__ import annotations

from dataclasses import dataclass, field

from keneng_audit.document import Table


@dataclass
class Candidate:
    """One proposed relation. `named`: a header word names it (any break is reported); otherwise only the
    numbers show it and it must hold in a clear majority of its cases first."""

    kind: str
    table: Table | None  # None: a relation between named quantities (agree)
    params: dict
    reason: dict[str, str]  # zh / en: why it was proposed
    named: bool = True
    text: str = ""  # the relation in symbols, e.g. "增加比率 = 增加人数 / 2022-2023学年度"
    quantities: dict[str, list[dict]] = field(default_factory=dict)  # local quantities its operands name
    alternatives: list[Candidate] = field(default_factory=list)  # other bases (share), judged together
    support: tuple[int, int] = (0, 0)  # (cases holding, cases that count as evidence), set by the judge
    verdict: str = ""  # kept / dropped, and why (set by prune and judge)
    severity: str = "error"
    loose: bool = False  # named only loosely (a `…总数` row): kept only when some case holds
    labelled: bool = False  # a total's parts the labels mark off (a `专任教师中：` block follows them)

    @property
    def key(self) -> str:
        return self.table.key if self.table is not None else ""


def say(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}
