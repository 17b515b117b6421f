"""Regular expressions written by users (rule packs): checked when loaded, run with a time bound."""

from __future__ import annotations

from keneng_audit.errors import Invalid, RuleFileError

# A title pattern searches one line; a quarter second is thousands of times what a sane pattern needs, and cuts
# catastrophic backtracking (`^(([^x]+)+)+x$`) short. The `regex` module checks its timeout inside the match.
TIMEOUT_S = 0.25
MAX_PATTERN_CHARS = 1000


_META = frozenset(".^$*+?{}[]\\|()")


def compile_user(pattern: str):
    """The compiled pattern (a `regex.Pattern`); `Invalid` (a ValueError the loader reports with file and line, in
    both languages) when it is invalid."""
    import regex  # here: importing it costs ≈ 25 ms, and most runs only meet the plain patterns below

    if len(pattern) > MAX_PATTERN_CHARS:
        raise Invalid(f"正则表达式超过 {MAX_PATTERN_CHARS} 个字符", f"regular expression longer than {MAX_PATTERN_CHARS} characters")
    try:
        return regex.compile(pattern, regex.V0)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise Invalid(f"正则表达式 {pattern!r} 无效：{exc}", f"invalid regular expression {pattern!r}: {exc}") from None


def search(pattern: str, text: str) -> bool:
    """Whether `pattern` occurs in `text`; RuleFileError when it cannot decide within the time bound."""
    plain = _plain_search(pattern, text)
    if plain is not None:
        return plain
    try:
        return compile_user(pattern).search(text, timeout=TIMEOUT_S) is not None
    except TimeoutError:
        raise RuleFileError(f"正则表达式 {pattern!r} 在一行上运行超过 {TIMEOUT_S} 秒（灾难性回溯？），请简化",
                            f"regular expression {pattern!r} took over {TIMEOUT_S} s on one line "
                            f"(catastrophic backtracking?); simplify it") from None


def _plain_search(pattern: str, text: str) -> bool | None:
    """The answer for a pattern of plain words joined by `.*` (optionally `^`…`$`), the form pack titles take
    (`科能高级技工学校.*2024`), found with str.find in linear time and exactly as the regex would; None for
    any other pattern (or a text with a line break, which `.` does not cross)."""
    if "\n" in text:
        return None
    excluded = _excluded_words(pattern)
    if excluded is not None:
        return not any(word in text for word in excluded)
    body = pattern
    start = body.startswith("^")
    end = body.endswith("$") and not body.endswith("\\$")
    body = body[1 if start else 0:len(body) - (1 if end else 0)]
    pieces = body.split(".*")
    if any(ch in _META for piece in pieces for ch in piece):
        return None
    if start:
        if not text.startswith(pieces[0]):
            return False
        at, pieces = len(pieces[0]), pieces[1:]
    else:
        at = 0
    if end and pieces:
        *pieces, last = pieces
    else:
        last = None
    for piece in pieces:
        found = text.find(piece, at)
        if found < 0:
            return False
        at = found + len(piece)
    if last is None:
        return not end or at == len(text)
    return text.endswith(last) and len(text) - len(last) >= at


def _excluded_words(pattern: str) -> list[str] | None:
    """The words of a pattern `^(?!.*(W1|W2|…))` (`(?:` too): a title that contains none of them, the form
    rules use to leave out one kind of school; None for any other pattern. On one line the regex matches (at
    its start, the empty string) exactly when no word occurs anywhere in the text."""
    for head in ("^(?!.*(?:", "^(?!.*("):
        if pattern.startswith(head) and pattern.endswith("))"):
            words = pattern[len(head):-2].split("|")
            if all(words) and not any(ch in _META for word in words for ch in word):
                return words
    return None
