"""Regular expressions written by users (rule packs): checked when loaded, run with a time bound."""

from __future__ import annotations

from typing import TYPE_CHECKING

from keneng_audit.errors import RuleFileError

if TYPE_CHECKING:
    import regex

# A title pattern searches one line; a quarter second is thousands of times what a sane pattern needs, and cuts
# catastrophic backtracking (`^(([^x]+)+)+x$`) short. The `regex` module checks its timeout inside the match.
TIMEOUT_S = 0.25
MAX_PATTERN_CHARS = 1000


def compile_user(pattern: str) -> regex.Pattern:
    """The compiled pattern; ValueError (which the loader reports with file and line) when it is invalid."""
    import regex  # only packs with a title pattern need it: not every start-up

    if len(pattern) > MAX_PATTERN_CHARS:
        raise ValueError(f"regular expression longer than {MAX_PATTERN_CHARS} characters")
    try:
        return regex.compile(pattern, regex.V0)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None


def search(pattern: str, text: str) -> bool:
    """Whether `pattern` occurs in `text`; RuleFileError when it cannot decide within the time bound."""
    try:
        return compile_user(pattern).search(text, timeout=TIMEOUT_S) is not None
    except TimeoutError:
        raise RuleFileError(f"regular expression {pattern!r} took over {TIMEOUT_S} s on one line "
                            f"(catastrophic backtracking?); simplify it") from None
