"""Vague words around a stated number or share (约, 近, 超过, 以上, 左右 …) turned into intervals (vocabulary `vague:`).

A claim is `ok` when the computed value can lie in what the words plainly allow, `loose` when only in what they
can still be read to allow (a warning at most), `wrong` otherwise (an error: no value the words allow fits).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from keneng_audit.claims.model import VagueSpec
from keneng_audit.claims.patterns import longest_first
from keneng_audit.claims.vocabulary import Vocabulary, load_vocabulary, national_vocabulary_dir

EXACT = ((0.0, 0.0), (0.0, 0.0))
SLACK = 1e-9


@dataclass(frozen=True)
class Vagueness:
    """The vague word found (None: the number is meant as printed) and its offsets (ok, loose)."""

    word: str | None
    number: tuple[tuple[float, float], tuple[float, float]] = EXACT
    share: tuple[tuple[float, float], tuple[float, float]] = EXACT


NONE = Vagueness(None)


def words(vocab: Vocabulary | None) -> list[VagueSpec]:
    return list((vocab or _national()).vague)


@lru_cache(maxsize=1)
def _national() -> Vocabulary:
    return load_vocabulary([national_vocabulary_dir()])


def pattern(vocab: Vocabulary | None, place: str) -> str:
    """A regex alternative of the vague words of one place (longest first), for building claim regexes; made
    once per vocabulary (kept on it: claim kinds ask for it per paragraph)."""
    vocab = vocab or _national()
    made = vocab.__dict__.setdefault("_vague_patterns", {})
    if place not in made:
        found = sorted({w for spec in words(vocab) if spec.place == place for w in spec.words}, key=longest_first)
        made[place] = "|".join(re.escape(w) for w in found)
    return made[place]


def of(vocab: Vocabulary | None, before: str = "", after: str = "") -> Vagueness:
    """The vagueness of a number from the words just before it (`before` ends there) and just after its unit."""
    before = "".join(before.split())
    after = "".join(after.split())
    best: tuple[int, VagueSpec, str] | None = None
    for spec in words(vocab):
        for w in spec.words:
            hit = before.endswith(w) if spec.place == "before" else after.startswith(w)
            if hit and (best is None or len(w) > best[0]):
                best = (len(w), spec, w)
    if best is None:
        return NONE
    return Vagueness(best[2], best[1].number, best[1].share)


def widen(lo: float, hi: float, value: float, offsets: tuple[tuple[float, float], tuple[float, float]],
          relative: bool) -> tuple[tuple[float, float], tuple[float, float]]:
    """The (ok, loose) intervals of a printed interval [lo, hi] of `value` under a vague word's offsets."""
    scale = abs(value) if relative else 1.0
    out = []
    for a, b in offsets:
        out.append((lo + a * scale if not math.isinf(a) else -math.inf, hi + b * scale if not math.isinf(b) else math.inf))
    return out[0], out[1]


def verdict(lo: float, hi: float, ok: tuple[float, float], loose: tuple[float, float]) -> str:
    """`ok`, `loose` or `wrong` for a computed interval [lo, hi]."""
    def meets(iv):
        return lo <= iv[1] + SLACK * max(1.0, abs(iv[1]) if not math.isinf(iv[1]) else 1.0) and iv[0] <= hi + SLACK
    if meets(ok):
        return "ok"
    return "loose" if meets(loose) else "wrong"
