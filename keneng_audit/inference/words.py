"""The words inference reads tables by (rules/national/inference/*.yaml), loaded once and normalised."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from keneng_audit.errors import RuleFileError
from keneng_audit.resources import rules_dir

_BRACKETS = re.compile(r"[（(][^（）()]*[）)]?$")
_NOISE = str.maketrans("", "", " \t\n\u3000*＊“”\"'‘’")


@lru_cache(maxsize=16384)  # the same headers and labels are normalised many times per report
def norm(text: str | None) -> str:
    """A header or label without blanks, quotes, footnote marks, a `其中：` lead or a trailing unit (`（人）`)."""
    text = (text or "").translate(_NOISE)
    for lead in ("其中：", "其中:", "其中"):
        if text.startswith(lead) and len(text) > len(lead):
            text = text[len(lead):]
    while True:
        stripped = _BRACKETS.sub("", text)
        if stripped == text or not stripped:
            return text
        text = stripped


def unit_of(header: str | None) -> str | None:
    """The unit printed in a header's brackets (`学校总收入（万元）` → 万元)."""
    found = re.findall(r"[（(]([^（）()]*)[）)]?", header or "")
    return found[-1].strip() if found else None


@dataclass(frozen=True)
class QuantityWords:
    """How one named quantity is recognised in a table."""

    id: str
    names: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()
    rate: bool = False  # a percentage (对口就业率): a captioned table's share column, not its count column

    def caption_matches(self, caption: str) -> bool:
        text = norm(caption)
        return any(w in text for w in self.captions) and not any(w in text for w in self.unless)


@dataclass(frozen=True)
class Words:
    """The label vocabulary inference reads, as tuples of words per role."""

    totals: tuple[str, ...]
    total_columns: tuple[str, ...]
    firm_totals: tuple[str, ...]
    breakdowns: tuple[str, ...]
    not_additive: tuple[str, ...]
    roles: dict[str, tuple[str, ...]]
    share_words: tuple[str, ...]
    not_share: tuple[str, ...]
    counts: tuple[str, ...]
    period_rows: dict[str, tuple[str, ...]]
    increase_rows: tuple[str, ...]
    quantities: tuple[QuantityWords, ...] = field(default=())
    per_head: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 生均 → the head counts it divides by

    def role_of(self, header: str) -> str | None:
        text = norm(header)
        for role, words in self.roles.items():
            if any(w in text for w in words):
                return role
        return None

    def is_total(self, label: str) -> bool:
        text = norm(label)  # once, not once per word
        return any(w in text for w in self.totals)

    def additive(self, header: str) -> bool:
        """Whether a column's numbers add up down its rows (not an average, a salary level, an age)."""
        text = norm(header)
        return not any(w in text for w in self.not_additive)

    def is_total_column(self, header: str) -> bool:
        text = norm(header)
        return self.is_total(header) or any(w in text for w in self.total_columns)

    def is_generic_count(self, header: str) -> bool:
        return norm(header) in self.counts


def _why(exc: Exception) -> str:
    """What went wrong reading a words file, without an exception's class name."""
    return getattr(exc, "strerror", None) or getattr(exc, "problem", None) or "YAML"


def _read(path: Path) -> dict:
    import yaml  # here: a run whose words come from the on-disk cache never imports PyYAML

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise RuleFileError(f"{path}: 无法读取推断词表（{_why(exc)}）",
                            f"{path}: cannot read inference words ({_why(exc)})") from None
    if not isinstance(data, dict):
        raise RuleFileError(f"{path}:1: 应为映射（键: 值）", f"{path}:1: must be a mapping")
    return data


def _tuple(value) -> tuple[str, ...]:
    return tuple(str(v) for v in (value or []))


@lru_cache(maxsize=4)
def load_words(folder: Path | None = None) -> Words:
    """words.yaml and quantities.yaml of the national pack's inference folder (cached on disk, keneng_audit.cache)."""
    from keneng_audit.cache import cached

    folder = folder or rules_dir() / "national" / "inference"
    return cached("inference-words", [folder / "words.yaml", folder / "quantities.yaml"], lambda: _build(folder))


def _build(folder: Path) -> Words:
    words = _read(folder / "words.yaml")
    quantities = _read(folder / "quantities.yaml").get("quantities") or {}
    return Words(
        totals=_tuple(words.get("totals")),
        total_columns=_tuple(words.get("total_columns")),
        firm_totals=_tuple(words.get("firm_totals")),
        breakdowns=_tuple(words.get("breakdowns")),
        not_additive=_tuple(words.get("not_additive")),
        roles={role: _tuple(ws) for role, ws in (words.get("roles") or {}).items()},
        share_words=_tuple(words.get("share_words")),
        not_share=_tuple(words.get("not_share")),
        counts=_tuple(words.get("counts")),
        period_rows={k: _tuple(v) for k, v in (words.get("period_rows") or {}).items()},
        increase_rows=_tuple(words.get("increase_rows")),
        per_head={k: _tuple(v) for k, v in (words.get("per_head") or {}).items()},
        quantities=tuple(QuantityWords(id=qid, names=tuple(norm(n) for n in _tuple(spec.get("names"))),
                                       captions=_tuple(spec.get("captions")), unless=_tuple(spec.get("unless")),
                                       rows=tuple(norm(r) for r in _tuple(spec.get("rows"))),
                                       rate=bool(spec.get("rate")))
                         for qid, spec in quantities.items()),
    )
