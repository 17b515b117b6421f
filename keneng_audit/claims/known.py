"""What the report states about named quantities, by period (tables first, then prose), for resolving claims."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from keneng_audit.claims.patterns import fold, opens_clause
from keneng_audit.claims.tagging import Evidence
from keneng_audit.claims.vocabulary import Vocabulary

_ORIGIN_RANK = {"table": 0, "derived": 1, "prose": 2}
@dataclass
class Known:
    """Named quantities with their printed values, and the prose numbers a claim pattern already took."""

    vocab: Vocabulary
    evidence: list[Evidence]
    year: int | None
    claimed: set[tuple[int, int]] = field(default_factory=set)  # (paragraph index, offset) of pattern claims
    _by_key: dict[tuple, list[Evidence]] | None = field(default=None, repr=False)

    def _places(self, quantity: str, measure: str, period: str | None) -> list[Evidence]:
        """The evidence of one quantity, measure and period (indexed once: claims ask per sentence)."""
        if self._by_key is None:
            self._by_key = {}
            for e in self.evidence:
                self._by_key.setdefault((e.quantity, e.measure, e.period), []).append(e)
        return self._by_key.get((quantity, measure, period), [])

    @staticmethod
    def of(vocab: Vocabulary, evidence: list[Evidence], year: int | None) -> "Known":
        claimed = {(e.paragraph, e.offset) for e in evidence if e.origin == "prose" and e.paragraph is not None}
        return Known(vocab, evidence, year, claimed)

    def value(self, quantity: str, period: str | None) -> Evidence | None:
        """The value of a quantity for a period, as a table prints it (else a column sum, else the prose)."""
        if period is None:
            return None
        found = self._places(quantity, "value", period)
        return min(found, key=lambda e: _ORIGIN_RANK.get(e.origin, 3)) if found else None

    def values(self, quantity: str, period: str | None) -> list[Evidence]:
        """The value(s) of a quantity for a period most places agree on (tables first, then prose), best first:
        where the report's places disagree, a claim is judged against the side most of them print (a claim that
        fits each of two equally backed sides is no error: which one is wrong is the agreement rule's business)."""
        if period is None:
            return []
        found = self._places(quantity, "value", period)
        clusters: list[list[Evidence]] = []
        for e in sorted(found, key=lambda x: x.value):
            if clusters and min(x.hi for x in clusters[-1]) >= e.lo - 1e-9 * max(1.0, abs(e.lo)):
                clusters[-1].append(e)
            else:
                clusters.append([e])
        if not clusters:
            return []
        backing = [len({x.table or x.label for x in c}) for c in clusters]
        best = [c for c, n in zip(clusters, backing) if n == max(backing)]
        return sorted((min(c, key=lambda x: _ORIGIN_RANK.get(x.origin, 3)) for c in best),
                      key=lambda x: _ORIGIN_RANK.get(x.origin, 3))

    def changes(self, quantity: str, period: str | None) -> list[Evidence]:
        """The change of a quantity over the year before `period` as a table prints it (not as a difference)."""
        return [e for e in self._places(quantity, "change", period) if e.origin != "prose" and e.column is not None]

    def period(self, quantity: str, back: int = 0) -> str | None:
        """The period a claim about this quantity speaks of by default (经费: the year before the report's)."""
        spec = self.vocab.quantities.get(quantity)
        if spec is None or self.year is None:
            return None
        return str(self.year - back - (1 if spec.period == "fiscal_year" else 0))

    def unit(self, quantity: str) -> str | None:
        spec = self.vocab.quantities.get(quantity)
        return spec.unit if spec else None

    def name(self, quantity: str, lang: str) -> str:
        return self.vocab.name(quantity, lang)

    def subject(self, text: str) -> tuple[str, int] | None:
        """The quantity a clause is about: the name (Chinese name or alias) that ends last in `text` and opens its
        clause (only words such as 学校, 本年度 or a year before it). Returns (quantity id, end offset)."""
        folded = fold(text)[0]
        best: tuple[int, int, str] | None = None
        for key, quantity in _names(self.vocab):
            if key and key not in folded:
                continue  # most names are not in a given clause: no pattern to try
            for m in re.finditer(re.escape(key), folded):
                if not opens_clause(folded[:m.start()]):
                    continue
                cand = (m.end(), len(key), quantity)
                if best is None or cand[:2] > best[:2]:
                    best = cand
        return (best[2], best[0]) if best else None


def _names(vocab) -> list[tuple[str, str]]:
    """(name without blanks, quantity id) of every quantity's Chinese name and aliases, in the vocabulary's order;
    kept on the vocabulary (`subject` asks for them per clause)."""
    found = vocab.__dict__.get("_subject_names")
    if found is None:
        found = vocab.__dict__["_subject_names"] = [("".join(name.split()), spec.id)
                                                    for spec in vocab.quantities.values()
                                                    for name in (spec.zh, *spec.aliases)]
    return found
