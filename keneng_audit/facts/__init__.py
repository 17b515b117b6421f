"""The facts layer: what one report states about named quantities, built once and read by the engine and the claims.

It sits below both: it imports the document model and the rule-file schema (`rules.model`), never the engine,
the rule kinds or the prose checks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from keneng_audit.document import Document, Table
from keneng_audit.facts.tables import FactEntry, FactsView, report_tables
from keneng_audit.facts.values import MISSING, NotEvaluated, Val, period_of
from keneng_audit.rules.model import RulePack, TableDecl

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def report_year(doc: Document) -> int | None:
    """The year a report is about: from its title (`质量年度报告（2024）`), else the latest year column of 附表."""
    for text in [doc.title or ""] + doc.lines[:40]:
        if "报告" in text:
            years = _YEAR.findall(unicodedata.normalize("NFKC", text))
            if years:
                return int(years[-1])
    found = [int(y) for t in doc.tables if t.key.startswith("附表") for c in t.columns for y in _YEAR.findall(c)]
    return max(found) if found else None


def table_facts(doc: Document, packs: list[RulePack], tables: dict[str, Table | None] | None = None) -> FactsView:
    """The `quantities:` of the packs found in the report's tables (the one mapping of cells to quantities)."""
    if tables is None:
        tables, _ = report_tables(doc, {tid: decl for p in packs for tid, decl in p.tables.items()})
    quantities: dict[str, list] = {}
    for p in packs:
        for name, sources in p.quantities.items():
            quantities.setdefault(name, []).extend(sources)
    return FactsView.build(doc, tables, quantities, report_year(doc))


@dataclass
class ReportFacts:
    """One report's facts for the packs that apply to it: the declared tables as found, the named quantities
    printed in them, the report's year, and the pack folders (whose `vocabulary/` the prose checks read).

    `memo` keeps what a consumer derives from these facts (the prose evidence, prepared paragraphs) so that
    several rules of one report build it once."""

    doc: Document
    year: int | None
    decls: dict[str, TableDecl]
    tables: dict[str, Table | None]
    unusable: dict[str, NotEvaluated]
    quantities: FactsView
    folders: list[Path] = field(default_factory=list)
    vocabulary: list[Path] | None = None  # vocabulary files/folders, when not those of the packs' folders
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @staticmethod
    def build(doc: Document, packs: list[RulePack]) -> ReportFacts:
        """The facts of `packs` (those that apply to `doc`) in `doc`."""
        decls = {tid: decl for p in packs for tid, decl in p.tables.items()}
        tables, unusable = report_tables(doc, decls)
        folders = [p.folder for p in packs if p.folder is not None]
        return ReportFacts(doc, report_year(doc), decls, tables, unusable, table_facts(doc, packs, tables), folders)

    @staticmethod
    def of_quantities(doc: Document, quantities: FactsView | None, vocabulary: list[Path]) -> ReportFacts:
        """Facts without packs: table facts built elsewhere (or none) and the vocabulary to read the prose with."""
        return ReportFacts(doc, report_year(doc), {}, {}, {}, quantities or FactsView(), vocabulary=list(vocabulary))

    def memo(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def frame(self):
        """The long frame of every printed occurrence of a named quantity in the tables."""
        return self.quantities.frame()


__all__ = ["FactEntry", "FactsView", "MISSING", "NotEvaluated", "ReportFacts", "Val", "period_of", "report_tables",
           "report_year", "table_facts"]
