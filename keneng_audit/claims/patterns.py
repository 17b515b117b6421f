"""Compiles readable claim patterns (`毕业生总数为 {graduates.total} 人`) into regexes and matches them in prose.

Pattern syntax (blanks in a pattern are ignored; blanks and line breaks in the report are tolerated everywhere):
- `{quantity}`: a number stating the quantity (its id, Chinese name or alias) for the claim's period;
  `{quantity|增加}` / `{quantity|减少}`: the change from the previous period; `{quantity|上年}`: the previous value.
- `{年}`: a year that is the claim's period; `{上一年}`: a year that is the period before it.
- `{*}`: any number that is not part of the claim (skipped).
- `[a|b|c]`: one of these words; an empty choice (`[相比|]`) makes the words optional.
- `…`: up to 40 characters of the same sentence, none of them digits.
- `^` first: the pattern's first words open their clause (only words such as 学校, 现有, 本年度 or a year before
  them): `^毕业生 {毕业生总数} 人` takes `2025 年毕业生 3,690 人`, not `电子信息大类毕业生 400 人`.
Everything else is matched literally (full-width and half-width forms alike). Nothing is ever evaluated.
"""

from __future__ import annotations

import functools
from array import array
import re
from dataclasses import dataclass
from typing import Callable, Literal

from keneng_audit.errors import Invalid
from keneng_audit.normalize import fold_char

Role = Literal["value", "increase", "decrease", "previous"]
ROLE_WORDS: dict[str, Role] = {
    "": "value", "值": "value", "value": "value",
    "增加": "increase", "increase": "increase",
    "减少": "decrease", "decrease": "decrease",
    "上年": "previous", "previous": "previous",
}
YEAR_WORDS = {"年": 0, "year": 0, "上一年": 1, "previous_year": 1}

NUMBER = r"(?<![\d.])-?\d+(?:,\d{3})*(?:\.\d+)?(?![\d.])"
GAP = r"[^。;!?\d]{0,40}?"
_SCALE_WORDS = {"万": 1e4, "亿": 1e8}
# Gaps one after another would each try every length against the others (exponential backtracking): they are
# merged into one, and a pattern may hold only a few; either way a match stays a bounded scan per position.
MAX_GAPS = 4


def longest_first(word: str) -> tuple[int, str]:
    """Sort key of an alternation's words: longer first (so that 万人次 wins over 万人), then by the word, so that
    the pattern's text is the same in every process (a set's order is not)."""
    return -len(word), word


_TOKEN = re.compile(r"\{([^{}]*)\}|\[([^\[\]]*)\]|(…|\.\.\.)|(\s+)|(.)", re.S)


class PatternError(Invalid):
    """A claim pattern that cannot be compiled, in Chinese and English (the loader adds file and line)."""


@dataclass(frozen=True)
class Slot:
    """One number a pattern captures: regex group, quantity id and what the number says about it."""

    group: str
    quantity: str
    role: Role


@dataclass(frozen=True)
class CompiledClaim:
    """A claim pattern compiled to one regex, with its number slots and optional year slot."""

    say: str
    regex: re.Pattern[str]
    slots: tuple[Slot, ...]
    year_group: str | None = None
    year_offset: int = 0  # 1 when the captured year is the period *before* the claim's
    anchored: bool = False  # `^`: only where the match opens its clause (see `opens_clause`)


_YEAR = re.compile(r"(?:19|20)\d\d")
# Words that may open a clause before the name of what it is about ("学校现有全日制在校生", "本年度毕业生").
OPENERS = ("学校", "全校", "本校", "我校", "学院", "全院", "本院", "我院", "本年度", "本学年", "今年", "当年", "全年", "年度", "学年度", "学年", "年",
           "度", "自然", "其中", "的", "共有", "现有", "共", "有", "本届", "应届", "届", "全日制", "开展", "完成")


def opens_clause(before: str) -> bool:
    """Whether the text of a clause before a name holds only opening words (学校, 现有, a year …)."""
    clause = re.split(r"[，,。;；:：、()（）]", before)[-1]
    clause = _YEAR.sub("", "".join(clause.split()))
    for word in OPENERS:
        clause = clause.replace(word, "")
    return clause == ""


def _fold_char(ch: str) -> str:
    return fold_char(ch)  # the labels' one normalisation: curly and straight quotes, all brackets and dashes alike


# str.translate table of every character met so far (filled lazily), and the characters that do not fold to
# exactly one character (e.g. "①" → "1" is 1:1, "㎡" → "m2" is not): only those need the offset-by-offset loop.
_TABLE: dict[int, str] = {}
_KNOWN: set[str] = set()  # the characters in _TABLE: what a text adds is one set difference, in C
_NOT_ONE: set[str] = set()


def _learn(chars: set[str]) -> None:
    for ch in chars:
        folded = _fold_char(ch)
        _TABLE[ord(ch)] = folded
        if len(folded) != 1:
            _NOT_ONE.add(ch)
    _KNOWN.update(chars)


def _fold(text: str) -> tuple[str, array | None]:
    """The folded text and each folded character's offset in `text`; None for the offsets when every character
    folds to exactly one (offset i is i)."""
    chars = set(text)
    unknown = chars - _KNOWN
    if unknown:
        _learn(unknown)
    if chars.isdisjoint(_NOT_ONE):
        return text.translate(_TABLE), None
    out: list[str] = []
    where = array("l")
    for i, ch in enumerate(text):
        folded = _TABLE[ord(ch)]
        out.append(folded)
        where.extend([i] * len(folded))
    return "".join(out), where


# Paragraphs are folded by several checks (and recur across a batch of similar reports): remember them, kept
# compact (offsets as a machine-int array, none at all for 1:1 text) and only for paragraph-sized text.
_fold_cached = functools.lru_cache(maxsize=2048)(_fold)


def fold(text: str) -> tuple[str, list[int]]:
    """NFKC-folds text character by character; returns it with each folded char's offset in the original."""
    folded, where = _fold_cached(text) if len(text) <= 5_000 else _fold(text)
    return folded, list(range(len(folded)) if where is None else where)


def _literal(text: str) -> str:
    folded, _ = fold(text)
    chars = [c for c in folded if not c.isspace()]
    return r"\s*".join(re.escape(c) for c in chars)


def compile_claim(say: str, resolve: Callable[[str], str | None], vague_before: tuple[str, ...] = ()) -> CompiledClaim:
    """Compiles one pattern; `resolve` maps a name (id, 中文名 or alias) to a quantity id or None; a value may
    follow one of the words `vague_before` (约, 近, 超过 …: the vocabulary's `vague:`), which the tagger reads."""
    parts: list[str] = []
    slots: list[Slot] = []
    year_group: str | None = None
    year_offset = 0
    gaps = 0
    anchored = say.lstrip().startswith("^")
    for m in _TOKEN.finditer(say.lstrip()[1:] if anchored else say):
        placeholder, choice, gap, blank, char = m.groups()
        if gap is not None:
            gaps += 1
            if gaps > MAX_GAPS:
                raise PatternError(f"句式 {say!r} 的省略（…）超过 {MAX_GAPS} 处", f"pattern {say!r} has more than {MAX_GAPS} gaps (…)")
            if parts and parts[-1] == GAP:
                continue
        if placeholder is not None:
            name, _, role_word = (s.strip() for s in placeholder.partition("|"))
            if name == "*":
                parts.append(f"(?:{NUMBER})")
                continue
            if name in YEAR_WORDS and not role_word:
                if year_group:
                    raise PatternError(f"句式 {say!r} 有两个年份占位符", f"pattern {say!r} has two year placeholders")
                year_group, year_offset = "year", YEAR_WORDS[name]
                parts.append(r"(?P<year>(?<!\d)(?:19|20)\d\d(?!\d))")
                continue
            quantity = resolve(name)
            if quantity is None:
                raise PatternError(f"句式 {say!r}：未知的数量 {{{name}}}", f"pattern {say!r}: unknown quantity {{{name}}}")
            if role_word not in ROLE_WORDS:
                raise PatternError(f"句式 {say!r}：未知的修饰词 |{role_word}（可用 增加、减少 或 上年）",
                                   f"pattern {say!r}: unknown modifier |{role_word} (use 增加, 减少 or 上年)")
            group = f"n{len(slots)}"
            slots.append(Slot(group, quantity, ROLE_WORDS[role_word]))
            # `0.50 万人` states 5000 人: a scale word may stand between the number and the pattern's unit
            vague = "|".join(_literal(w) for w in sorted(vague_before, key=longest_first)) \
                if ROLE_WORDS[role_word] == "value" else ""
            parts.append((f"(?:(?:{vague})\\s*)?" if vague else "") + f"(?P<{group}>{NUMBER})(?:\\s*(?P<{group}s>[万亿]))?")
        elif choice is not None:
            options = [o.strip() for o in choice.split("|")]
            alternatives = "|".join(_literal(o) for o in options if o)
            optional = "?" if any(not o for o in options) else ""
            # `^[有|] 专任教师`: words a pattern opens with may end an opener (现有): `opens_clause` reads past them
            lead = "?P<lead>" if anchored and optional and not any(parts) and not slots else "?:"
            parts.append(f"({lead}{alternatives}){optional}" if alternatives else "")
        elif gap is not None:
            parts.append(GAP)
        elif blank is not None:
            continue
        else:
            if char in "{}[]":
                raise PatternError(f"句式 {say!r}：{char!r} 不成对", f"pattern {say!r}: unbalanced {char!r}")
            rest = say[m.end():].lstrip()
            # `N 人` must not match `N 人次` (person-times are another quantity).
            guard = r"(?!\s*次)" if fold(char)[0] == "人" and not rest.startswith("次") else ""
            parts.append(_literal(char) + guard)
    if not slots:
        raise PatternError(f"句式 {say!r} 没有取到数字：请加 {{数量}} 占位符",
                           f"pattern {say!r} captures no number: add a {{quantity}} placeholder")
    body = r"\s*".join(_tempered([p for p in parts if p]))
    try:
        regex = re.compile(body)
    except re.error as exc:  # pragma: no cover - every piece is escaped; kept as a guard
        raise PatternError(f"句式 {say!r} 无法编译：{exc}", f"pattern {say!r} does not compile: {exc}") from exc
    return CompiledClaim(say, regex, tuple(slots), year_group, year_offset, anchored)


def _tempered(pieces: list[str]) -> list[str]:
    """Each gap stops where what follows it first matches (it may not run past it): a gap then ends in one
    place only, so a failing match does not try every split of the text between gaps (exponential in their
    number: four gaps on 200 characters of 的 took 47 s)."""
    out = []
    for i, piece in enumerate(pieces):
        if piece == GAP and i + 1 < len(pieces):
            following = re.sub(r"\(\?P<\w+>", "(?:", pieces[i + 1])  # a group name may occur only once
            piece = rf"(?:(?!\s*(?:{following}))[^。;!?\d]){{0,40}}?"
        out.append(piece)
    return out


@dataclass(frozen=True)
class SlotMatch:
    """A captured number: its slot, printed text and offset in the *original* paragraph text."""

    slot: Slot
    text: str
    start: int
    end: int
    scale: float = 1.0  # 10⁴ or 10⁸ when 万 or 亿 stands between the number and its unit


@dataclass(frozen=True)
class ClaimMatch:
    """One place a claim pattern matched: the captured numbers, the year (if any) and the sentence."""

    claim: CompiledClaim
    numbers: tuple[SlotMatch, ...]
    year: int | None
    start: int
    end: int
    sentence: str
    lead_end: int | None = None  # where the optional words an anchored pattern opens with end (None: none matched)


_ENDS = "。；;！!？?"
_END = re.compile(f"[{_ENDS}]")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence(s) of `text` that contain [start, end); it reads only the sentence (a
    paragraph of many claims would be quadratic if every claim searched the whole of it)."""
    lo = start
    while lo > 0 and text[lo - 1] not in _ENDS:
        lo -= 1
    found = _END.search(text, end)
    return lo, found.end() if found else len(text)


@functools.lru_cache(maxsize=4096)
def literal_runs(say: str, pattern: str = "") -> tuple[str, ...]:
    """The words a pattern prints literally (folded, blanks left out), each of which a match must contain.

    Between two literal characters the regex allows only blanks, so each run appears whole in the text once its
    blanks are removed: a paragraph without one of them cannot match, and is not scanned by the regex. Given the
    compiled regex's `pattern`, a run is kept only if the regex spells it so (a guard: should the pattern syntax
    grow a token read here as literal, the filter loses that run instead of dropping real matches)."""
    runs, current = [], []
    anchored = say.lstrip().startswith("^")  # as compile_claim reads the pattern
    for m in _TOKEN.finditer(say.lstrip()[1:] if anchored else say):
        placeholder, choice, gap, blank, char = m.groups()
        if blank is not None:
            continue
        if char is not None and char not in "{}[]":
            current.extend(c for c in fold(char)[0] if not c.isspace())
            continue
        if current:
            runs.append("".join(current))
        current = []
    if current:
        runs.append("".join(current))
    if pattern:
        runs = [r for r in runs if r"\s*".join(re.escape(c) for c in r) in pattern]
    return tuple(runs)


_SQUEEZED: list = [None, ""]  # the last folded text and it without blanks (a paragraph is tried by every claim)


def _squeezed(folded: str) -> str:
    if _SQUEEZED[0] is not folded:
        _SQUEEZED[:] = [folded, "".join(folded.split())]  # str.split() drops exactly what the regex's \s matches
    return _SQUEEZED[1]


def find_claims(claim: CompiledClaim, text: str, folded: tuple[str, list[int]] | None = None) -> list[ClaimMatch]:
    """Every match of one compiled claim in a paragraph's text (`folded`: `fold(text)`, if already computed)."""
    folded, where = folded or fold(text)
    squeezed = _squeezed(folded)
    if not all(run in squeezed for run in literal_runs(claim.say, claim.regex.pattern)):
        return []
    matches: list[ClaimMatch] = []
    for m in claim.regex.finditer(folded):
        numbers = []
        for slot in claim.slots:
            s, e = m.span(slot.group)
            o_start, o_end = where[s], where[e - 1] + 1
            scale = _SCALE_WORDS.get(m.group(slot.group + "s") or "", 1.0)
            numbers.append(SlotMatch(slot, text[o_start:o_end], o_start, o_end, scale))
        year = int(m.group("year")) + claim.year_offset if claim.year_group else None
        start, end = where[m.start()], where[m.end() - 1] + 1
        lo, hi = sentence_around(text, start, end)
        lead_end = where[m.end("lead") - 1] + 1 if "lead" in claim.regex.groupindex and m.group("lead") else None
        matches.append(ClaimMatch(claim, tuple(numbers), year, start, end, " ".join(text[lo:hi].split()), lead_end))
    return matches
