"""Which numbered lines are headings: dotted outlines (1 / 1.1 / 1.1.1) or Chinese ones (第一章 / 一、 / （一） / 1.)."""

from __future__ import annotations

import re

DOTTED_HEADING_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\s*([^\d\s.．、，,%％].{0,29})$")
TOP_HEADING_RE = re.compile(r"^(\d{1,2})\s*[.．、]\s*([^\d\s.．].{0,19})$")
# `2 教师队伍`: Word's multilevel numbering prints a chapter's number and a blank, no stop. A title of one piece
# that starts with a word: `2 人` or `3 个专业 4 个方向` never are.
SPACED_HEADING_RE = re.compile(r"^(\d{1,2})\s+([^\W\d_][^\s]{1,19})$")
_CN = "一二三四五六七八九十"
CN_CHAPTER_RE = re.compile(rf"^([{_CN}]{{1,3}})\s*、\s*(\S.{{0,29}})$")
CN_SUB_RE = re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[）)]\s*(\S.{{0,29}})$")
_END_PUNCT = "。！？!?"
_SENTENCE_PUNCT = "，。；：,;"


def _title_ok(title: str) -> bool:
    # `21.2:1` (a ratio, one cell per line) is no heading `21.2` titled `:1`: a title has words
    return not (title[-1] in _SENTENCE_PUNCT + _END_PUNCT or any(p in title for p in "，。；")
                or title[0] in ":：%％/" or not _WORDS.search(title))


_WORDS = re.compile(r"[\u3400-\u9fffA-Za-z]")


def heading_candidate(text: str) -> tuple[str, str] | None:
    """A dotted or plain-numbered line that may be a heading: (number, title)."""
    m = DOTTED_HEADING_RE.match(text) or TOP_HEADING_RE.match(text)
    if not m:
        return None
    title = m.group(2).strip()
    if not _title_ok(title):
        return None
    return m.group(1), title



def spaced_heading(text: str) -> tuple[str, str] | None:
    """`2 教师队伍` → ("2", "教师队伍"): a chapter number and its title, a blank between them."""
    m = SPACED_HEADING_RE.match(text)
    if not m or not _title_ok(m.group(2)) or any(c in m.group(2) for c in "、（）()“”《》%％：:") \
            or m.group(2)[0] in "个余多万亿届倍":  # `3 个专业`: a count and its measure word
        return None
    return m.group(1), m.group(2)


def chinese_number(text: str) -> int | None:
    """`三` → 3, `十二` → 12, `二十` → 20 (what Chinese outlines count to)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if not text or any(c not in digits and c != "十" for c in text):
        return None
    if "十" not in text:
        return digits[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    return (digits[tens] if tens else 1) * 10 + (digits[units] if units else 0)


class DottedOutline:
    """Which numbered lines are headings: short titles whose numbers fit the report's outline."""

    def __init__(self, texts: list[str], skip: set[int]):
        self.dotted = [(i, c[0]) for i, t in enumerate(texts)
                       if i not in skip and (c := heading_candidate(t)) and "." in c[0]]
        self.chapter = 0
        self.listed: tuple[int, str] | None = None  # the last numbered line taken as a list item, and its style

    def next_dotted(self, i: int) -> str | None:
        for j, number in self.dotted:
            if j > i:
                return number
        return None

    def accept(self, i: int, text: str, commit: bool = True) -> tuple[str, str] | None:
        """The heading's (number, title) if line `i` is one; `commit` moves the outline on to it."""
        chapter = styled_heading(text)
        if chapter is not None and chapter[0] == "chapter":
            # `第二章` over `2.1`, `2.2`: the chapter is a section and numbers the dotted ones under it.
            if chapter[1] != self.chapter + 1:
                return None
            if commit:
                self.chapter = chapter[1]
            return chapter[2], chapter[3]
        cand = heading_candidate(text) or spaced_heading(text)
        if cand is None:
            return None
        number, title = cand
        top = int(number.split(".")[0])
        if "." in number:
            # Misnumbered sub-headings (1.3.2 under 1.4) are still headings; a jump to another chapter is not.
            if self.chapter and top not in (self.chapter, self.chapter + 1):
                return None
        else:
            # "2.课程设置" inside chapter 1's case study is a list item: the dotted headings after a real chapter
            # heading are its own or a later chapter's (a chapter may have none: `2. 师资队伍` then `3.`, `4.1`),
            # and a line that continues a list (`1.课程改革`, then `2.课程设置`, numbered alike) is its next item.
            following = self.next_dotted(i)
            style = text[len(number):len(number) + 1].strip() or " "
            if top != self.chapter + 1 or (following is not None and int(following.split(".")[0]) < top) \
                    or self.listed == (top - 1, style):
                if commit:
                    self.listed = (top, style)
                return None
        if commit:
            self.chapter = max(self.chapter, top)
            self.listed = None
        return number, title


class ChineseOutline:
    """`第一章` / `第一节` / `一、学校概况` / `（一）办学基本情况` / `1.招生情况`: each style the report uses is one
    level, numbered in sequence under its parent and restarting under each new parent (`一、` again in each
    chapter); the section number joins them as printed: `二`, `二（一）`, `二（一）1`, `第二章一（一）`. A
    numbered line out of sequence (a case study's own `一、背景目标` inside chapter 二) is running text."""

    def __init__(self, styles: tuple[str, ...] = ("cn", "paren", "arabic")) -> None:
        self.styles = styles
        self.counts = [0] * len(styles)
        self.numbers = [""] * len(styles)

    def accept(self, i: int, text: str, commit: bool = True) -> tuple[str, str] | None:
        found = styled_heading(text)
        if found is None or found[0] not in self.styles:
            return None
        style, n, printed, title = found
        level = self.styles.index(style)
        if n != self.counts[level] + 1 or (level and not self.counts[level - 1]):
            return None
        number = (self.numbers[level - 1] if level else "") + printed
        if commit:
            self.counts[level] = n
            self.numbers[level] = number
            for deeper in range(level + 1, len(self.styles)):
                self.counts[deeper], self.numbers[deeper] = 0, ""
        return number, title


# Outline styles from the outermost in: a report uses some of them, always in this order.
STYLE_ORDER = ("chapter", "part", "cn", "paren", "arabic")
CHAPTER_RE = re.compile(rf"^第\s*([{_CN}]{{1,3}}|\d{{1,2}})\s*(章|节|部分)\s*(\S.{{0,29}})?$")


def styled_heading(text: str) -> tuple[str, int, str, str] | None:
    """(style, number, number as printed in the section number, title) of a line numbered like a heading."""
    m = CHAPTER_RE.match(text)
    if m:
        title = (m.group(3) or "").strip()
        n = int(m.group(1)) if m.group(1).isdigit() else chinese_number(m.group(1))
        if n and (not title or _title_ok(title)):
            style = "part" if m.group(2) == "节" else "chapter"
            return style, n, f"第{m.group(1)}{m.group(2)}", title
        return None
    for style, pattern in (("cn", CN_CHAPTER_RE), ("paren", CN_SUB_RE)):
        m = pattern.match(text)
        if m and _title_ok(m.group(2)) and (n := chinese_number(m.group(1))):
            return style, n, m.group(1) if style == "cn" else f"（{m.group(1)}）", m.group(2).strip()
    m = TOP_HEADING_RE.match(text)
    if m and _title_ok(m.group(2)):
        return "arabic", int(m.group(1)), m.group(1), m.group(2).strip()
    return None


def printed_number(text: str) -> tuple[str, str, int | None, str] | None:
    """The number a heading prints and its style: (style, number as it joins, count, title); the count of a
    dotted number is None (it is absolute). `第一章 概况` → ("chapter", "第一章", 1, "概况")."""
    text = text.strip()
    if m := CHAPTER_RE.match(text):
        n = int(m.group(1)) if m.group(1).isdigit() else chinese_number(m.group(1))
        style = "part" if m.group(2) == "节" else "chapter"
        return (style, f"第{m.group(1)}{m.group(2)}", n, (m.group(3) or "").strip() or text) if n else None
    if (m := DOTTED_HEADING_RE.match(text)) and _title_ok(m.group(2).strip()):
        return "dotted", m.group(1), None, m.group(2).strip()
    for style, pattern in (("cn", CN_CHAPTER_RE), ("paren", CN_SUB_RE)):
        if (m := pattern.match(text)) and (n := chinese_number(m.group(1))):
            return style, (f"（{m.group(1)}）" if style == "paren" else m.group(1)), n, m.group(2).strip()
    if m := TOP_HEADING_RE.match(text):
        return "arabic", m.group(1), int(m.group(1)), m.group(2).strip()
    if found := spaced_heading(text):
        return "arabic", found[0], int(found[0]), found[1]
    return None


def _join(parent: str, number: str) -> str:
    if parent and parent[-1].isdigit() and number[0].isdigit():
        return f"{parent}.{number}"
    return parent + number


_SPACED_RE = re.compile(r"^(\d{1,2})[ \u3000\t]+([^\d\s.．、%％].{0,29})$")


class StyledOutline:
    """A file that marks its headings (Word heading styles, outline levels): the marked level places a heading
    in the outline and its printed number names it, joined to its parents' as the Chinese outline joins them
    (`第一章一（二）`, `二（一）1`; a dotted number stands alone); an unnumbered heading is numbered by its
    level (`2`, `2.1`). An unmarked line numbered `第X章`, `第X节`, `X、` or `（X）` as marked headings are (typed
    in body text) is a heading at their level when it comes next in sequence; other lines go to `base`."""

    def __init__(self, base, levels: dict[int, int]):
        self.base = base
        self.levels = levels
        self.counts: list[int] = []  # per level: the last heading's count
        self.numbers: list[str] = []  # per level: the last heading's number
        self.scheme_levels: dict[str, int] = {}  # numbering scheme → the level marked headings gave it

    def accept(self, i: int, text: str, commit: bool = True) -> tuple[str, str] | None:
        level = self.levels.get(i)
        printed = printed_number(text)
        if printed is None and level is not None and (m := _SPACED_RE.match(text.strip())):
            printed = "arabic", m.group(1), int(m.group(1)), m.group(2)  # `2 教师队伍`: a marked heading only
        if level is None:
            # `1.` and `1.1` also number list items and case studies: the printed outline's checks decide.
            if printed is None or printed[0] in ("dotted", "arabic") or printed[0] not in self.scheme_levels:
                return self.base.accept(i, text, commit)
            scheme, _, n, title = printed
            level = self.scheme_levels[scheme]
            if not _title_ok(title) or n != (self.counts + [0] * level)[level - 1] + 1 or (
                    level > 1 and not (self.counts + [0] * level)[level - 2]):
                return None
        counts = (self.counts + [0] * level)[:level]
        numbers = (self.numbers + [""] * level)[:level]
        counts[-1] += 1
        parent = numbers[-2] if level > 1 else ""
        if printed is None:
            number, title = _join(parent, str(counts[-1])), text.strip()
        else:
            scheme, token, n, title = printed
            number = token if scheme == "dotted" else _join(parent, token)
            counts[-1] = n if n is not None else counts[-1]
        numbers[-1] = number
        if commit:
            self.counts, self.numbers = counts, numbers
            if printed is not None:
                self.scheme_levels.setdefault(printed[0], level)
            self.base.accept(i, text, commit)  # the printed outline follows what the file marked
        return number, title


def make_outline(texts: list[str], skip: set[int], levels: dict[int, int] | None = None):
    """The report's outline: dotted when it prints dotted headings, Chinese when its chapters run 一、 二、 …;
    lines the file marks as headings (`levels`, by index) are headings in any case."""
    base = _printed_outline(texts, skip)
    return StyledOutline(base, levels) if levels else base


def _printed_outline(texts: list[str], skip: set[int]) -> DottedOutline | ChineseOutline:
    dotted = DottedOutline(texts, skip)
    if len(dotted.dotted) >= 3:
        return dotted
    # `一、` is the report's outline when its first and second heading both appear, in that order; a line of
    # its own `第一章 …` / `第一节 …` is a heading already.
    seen: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        if i not in skip and (found := styled_heading(t)) and found[0] in ("chapter", "part", "cn"):
            seen.setdefault(found[0], []).append(found[1])
    tops = [style for style in ("chapter", "part", "cn") if 1 in seen.get(style, [])
            and (style != "cn" or 2 in seen[style][seen[style].index(1):])]
    if not tops:
        return dotted
    first = STYLE_ORDER.index(tops[0])
    # Styles above the outermost one in use never count; styles between it and 一、 count only when printed.
    styles = tuple(s for s in STYLE_ORDER[first:] if s in tops or s in ("cn", "paren", "arabic"))
    return ChineseOutline(styles)
