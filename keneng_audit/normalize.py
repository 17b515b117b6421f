"""One normalisation of printed labels (NFKC, quotes, brackets, dashes, blanks) wherever labels are matched."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# What NFKC leaves apart but a reader takes for the same mark: schools type either quote, either bracket.
_MARKS = str.maketrans({
    **dict.fromkeys("“”„‟〝〞〟＂「」『』", '"'),
    **dict.fromkeys("‘’‚‛′", "'"),
    **dict.fromkeys("【〔［〖", "["),
    **dict.fromkeys("】〕］〗", "]"),
    **dict.fromkeys("‐‑‒–—―−－", "-"),
    **dict.fromkeys("•‧・･", "·"),
    **dict.fromkeys("\u3000\u00a0\ufeff", " "),
})
# Full-width digits, decimal point and percent sign as a Chinese IME types them (`２０２４`, `３．７％`): one
# character each way, so folding keeps every offset inside a line (locations and marks stay where printed).
_DIGITS = str.maketrans({**{chr(0xFF10 + d): str(d) for d in range(10)}, "．": ".", "％": "%"})
# Marks a label may carry or not without naming something else: quotes and footnote asterisks.
_LOOSE = str.maketrans("", "", "\"'*")


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    """One character folded as labels are (NFKC, then quotes, brackets, dashes and blanks unified)."""
    return unicodedata.normalize("NFKC", ch).translate(_MARKS)


def fold_digits(text: str) -> str:
    """`text` with full-width digits, `．` and `％` made half-width, every other character as printed."""
    return text.translate(_DIGITS)


def fold_text(text: str) -> str:
    """`text` with every character folded as `fold_char` does; blanks kept."""
    return unicodedata.normalize("NFKC", text).translate(_MARKS)


@lru_cache(maxsize=16384)
def label_key(text: str) -> str:
    """The key two printed labels share when they name the same thing: `（人）`/`(人)`, `“双师型”`/`"双师型"`,
    `表 2－3`/`表2-3` and blanks anywhere all give one key."""
    return "".join(fold_text(text).split())


def loose_key(text: str) -> str:
    """`label_key` without quotes and footnote asterisks: `“双师型”教师比例*` and `双师型教师比例` match."""
    return label_key(text).translate(_LOOSE)
