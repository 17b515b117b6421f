"""Generic sentence checks that need no per-report rule: shares, "其中" parts, listed items, totals of named rows.

Each check reads one paragraph at a time and only speaks when the sentence leaves no doubt about what it
compares (same unit, a whole that the sentence names, a list that visibly ends); otherwise it stays silent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from keneng_audit.claims.patterns import fold, sentence_around
from keneng_audit.claims.tagging import period_of, report_year, short_quote
from keneng_audit.document import Document, Paragraph, Table
from keneng_audit.findings import Finding, FindingLocation, PrintedValue, make_fingerprint
from keneng_audit.intervals import bounds
from keneng_audit.numbers import UNITS, PrintedNumber, parse_number
from keneng_audit.pandera_adapter import failures

SHARE = "KA410"
PARTS = "KA420"
LISTED = "KA430"
NAMED_ROWS = "KA440"
PER_STUDENT = "KA450"

# Stable names (for --select/--ignore and Finding.name) and the titles shown in `rule CODE`.
NAMES = {SHARE: "sentence-share", PARTS: "parts-within-total", LISTED: "listed-count",
         NAMED_ROWS: "named-rows-total", PER_STUDENT: "per-student-value"}
TITLES = {
    SHARE: {"zh": "句中比例与部分/整体不符", "en": "percentage in a sentence ≠ part / whole"},
    PARTS: {"zh": "“其中”各项之和超过总数", "en": "the parts after 其中 exceed the total"},
    LISTED: {"zh": "所述数量与列举项数不符", "en": "stated count ≠ number of items listed"},
    NAMED_ROWS: {"zh": "所列各项合计与表格不符", "en": "stated total of the listed rows ≠ the table"},
    PER_STUDENT: {"zh": "生均值与总量 / 在校生人数不符", "en": "per-student value ≠ total / students"},
}

_EXTRA_UNITS = ("份", "条", "届", "期", "批", "位", "支", "所", "个")
_UNITS = tuple(sorted(set(UNITS) | set(_EXTRA_UNITS), key=len, reverse=True))
# The unit right after a number: the first of _UNITS (longest first) that the text goes on with.
_UNIT_AT = re.compile("|".join(re.escape(u) for u in _UNITS))
_FAMILY = {"名": "人", "位": "人"}
# Not the inside of a date or range (2024.6.22-6.30) nor the second side of a ratio (1:19).
_NUMBER = re.compile(r"(?<![\d.\-/])(?<!\d:)(?<!\d: )\d+(?:,\d{3})*(?:\.\d+)?(?![\d.])(?!\s?:\s?\d)")
_CHANGE_WORDS = ("增加", "新增", "减少", "增长", "提高", "提升", "上升", "下降", "降低", "增加了", "减少了", "多", "少")
_BREAK = "，,。;；！!？?"
_SHARE_RE = re.compile(r"占(?P<noun>[^\d,，。;；:%]{0,16}?)的?\s*(?P<pct>\d+(?:\.\d+)?)\s*%")
_CORE_DROP = ("总人数", "总数人", "总数", "人数", "全年", "全校", "学校", "本年度", "总", "的", "数", "人", " ")
_LIST_HEAD = re.compile(
    r"(?P<n>\d+)\s*(?P<unit>项|个|人(?!次)|名|门|本|所|家|部|篇|件|场|条|位|支)"
    r"(?P<noun>[^\d,，。;；:：()《]{0,12}?)\s*"
    r"(?P<intro>,\s*(?:具体)?(?:包括|包含|分别是|分别为)\s*:?|:|\()\s*")
_LIST_TAIL = re.compile(
    r"(?P<items>(?:[^\d,，。;；:、()]{1,15}、)+[^\d,，。;；:、()]{1,15}?)\s*(?P<n>\d+)\s*"
    r"(?P<unit>项|个|门|本|所|家|部|篇|件|场|条|支)(?P<noun>[^\d,，。;；、]{1,6})")
# What every _LIST_TAIL match contains (its last item, count and unit): a cheap test before the costly search.
_LIST_TAIL_HINT = re.compile(r"、[^\d,，。;；:、()]{1,15}?\s*\d+\s*(?:项|个|门|本|所|家|部|篇|件|场|条|支)")
_NAMED_ROWS = re.compile(
    r"(?:是|为|:)\s*(?P<items>[^\d,，。;；:、]{2,20}(?:、[^\d,，。;；:、]{2,20})+)\s*[,，]\s*以上\s*(?P<n>\d+)\s*个"
    r"(?P<noun>[^\d,，。;；]{0,14}?)(?:为|达|共|是)?\s*(?P<t>\d+(?:\.\d+)?)\s*(?P<unit>人|名|万元|元|个|项)")


@dataclass(frozen=True)
class Num:
    """A number in a paragraph: printed value, unit, offsets in the folded and the original text."""

    number: PrintedNumber
    unit: str | None
    start: int  # folded text
    end: int
    orig: int  # original text offset

    @property
    def family(self) -> str | None:
        return _FAMILY.get(self.unit, self.unit) if self.unit else None


@dataclass
class Para:
    """A paragraph prepared for the checks: folded text, offsets back to the original, numbers."""

    paragraph: Paragraph
    text: str
    where: list[int]
    numbers: list[Num]

    def source(self, folded_offset: int):
        return self.paragraph.source_at(self.where[min(folded_offset, len(self.where) - 1)])

    def line(self, folded_offset: int) -> int:
        return self.source(folded_offset).line

    def clauses(self, *numbers: Num) -> str:
        """A short quote made of the clauses (as printed) that hold these numbers, "…" where text is left out."""
        original = self.paragraph.text
        spans = []
        for n in sorted(numbers, key=lambda x: x.start):
            o = self.where[n.start]
            lo = _clause_start(original, o, "，,。;；、")
            after = [i for i in (original.find(c, o) for c in _BREAK) if i >= 0]
            hi = min(after) + 1 if after else len(original)
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(hi, spans[-1][1]))
            else:
                spans.append((lo, hi))
        return short_quote("…".join(original[lo:hi].strip() for lo, hi in spans), 90)

    def sentence(self, start: int, end: int) -> str:
        """A short quote of the sentence around [start, end) (folded offsets), as printed."""
        original = self.paragraph.text
        o_start, o_end = self.where[start], self.where[max(end - 1, start)] + 1
        lo, hi = sentence_around(original, o_start, o_end)
        return short_quote(original[lo:hi])


def prepare(paragraph: Paragraph) -> Para:
    text, where = fold(paragraph.text)
    numbers = []
    for m in _NUMBER.finditer(text):
        after = _skip_blanks(text, m.end())  # no copy of the rest: a paragraph of numbers would be quadratic
        found = _UNIT_AT.match(text, after)
        unit = found.group() if found else None
        printed = parse_number(m.group() + ("%" if unit == "%" else ""), unit=unit)
        if printed is None:
            continue
        numbers.append(Num(printed, unit, m.start(), m.end(), where[m.start()]))
    return Para(paragraph, text, where, numbers)


def _skip_blanks(text: str, i: int) -> int:
    """The offset of the first non-blank character at or after i (len(text) if none)."""
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _is_change(p: Para, n: Num) -> bool:
    before = "".join(p.text[max(0, n.start - 8):n.start].split())
    return before.endswith(_CHANGE_WORDS)


def _clause_start(text: str, offset: int, breaks: str = "，,。;；") -> int:
    return max((text.rfind(c, 0, offset) for c in breaks), default=-1) + 1


def _sentence_start(text: str, offset: int) -> int:
    return _clause_start(text, offset, "。;；！!？?")


def _core(noun: str) -> str:
    core = "".join(noun.split())
    for word in _CORE_DROP:
        core = core.replace(word, "")
    return core


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def _context(p: Para, n: Num) -> tuple[str, str]:
    left = "".join(p.text[_clause_start(p.text, n.start, "，,。;；、"):n.start].split())
    after = p.text[n.end:n.end + 14]  # at most 14 characters, up to the clause's end
    stop = min([i for i in (after.find(c) for c in _BREAK) if i >= 0] + [len(after)])
    right = "".join(after[:stop].split())
    return left, right


def _pv(p: Para, n: Num, label: str) -> PrintedValue:
    src = p.source(n.start)
    return PrintedValue(n.number.text, n.number.value, label, src.line,
                        section=p.paragraph.section, page=src.page, paragraph=src.paragraph)


# --- KA410: part / whole = printed percentage -------------------------------------------------------------

@dataclass(frozen=True)
class ShareCase:
    para: Para
    part: Num
    whole: Num
    pct: Num
    at: int  # folded offset of 占


def share_cases(p: Para) -> list[ShareCase]:
    cases = []
    for m in _SHARE_RE.finditer(p.text):
        pct = next((n for n in p.numbers if n.start == m.start("pct")), None)
        if pct is None or pct.unit != "%":
            continue
        sent = _sentence_start(p.text, m.start())
        before = [n for n in p.numbers if sent <= n.start < m.start()]
        part = None
        for n in reversed(before):
            if n.unit == "%":
                break  # the nearest number is another percentage: this one is not about a part stated here
            if n.family and n.family != "%" and not _is_change(p, n):
                part = n
                break
        if part is None:
            continue
        whole = _find_whole(p, part, _core(m.group("noun")), sent)
        if whole is not None:
            cases.append(ShareCase(p, part, whole, pct, m.start()))
    return cases


def _find_whole(p: Para, part: Num, core: str, sentence_start: int) -> Num | None:
    candidates = [n for n in p.numbers if n.start < part.start and n.family == part.family
                  and n.number.value >= part.number.value and not _is_change(p, n)]
    if len(core) < 2:
        # "占总人数": the total this sentence states before the part.
        totals = [n for n in candidates if n.start >= sentence_start
                  and ("总" in _context(p, n)[0] or "共" in _context(p, n)[0])]
        return totals[-1] if totals else None
    wanted = _bigrams(core)
    scored = []
    for n in candidates:
        left, right = _context(p, n)
        found = sum(1 for g in wanted if g in left + right) / len(wanted)
        if found >= 0.5:
            scored.append((found + (0.5 if ("总" in left or "共" in left) else 0.0), n))
    if not scored:
        return None
    top = max(score for score, _ in scored)
    best = [n for score, n in scored if score == top]
    # Two equally likely wholes with different values: the sentence does not say which; stay silent.
    return best[-1] if len({n.number.value for n in best}) == 1 else None


def _ratio_bounds(part: Num, whole: Num) -> tuple[float, float]:
    plo, phi = bounds(part.number)
    wlo, whi = bounds(whole.number)
    return (100 * plo / whi, 100 * phi / wlo) if wlo > 0 else (-np.inf, np.inf)


def _share_frame(cases: list[ShareCase]) -> pd.DataFrame:
    rows = []
    for c in cases:
        lo, hi = _ratio_bounds(c.part, c.whole)
        plo, phi = bounds(c.pct.number)
        tlo, thi = bounds(c.pct.number, truncated=True)
        rows.append({"lo": lo, "hi": hi, "p_lo": plo, "p_hi": phi, "t_lo": tlo, "t_hi": thi})
    return pd.DataFrame(rows, columns=["lo", "hi", "p_lo", "p_hi", "t_lo", "t_hi"])


def _overlap(frame: pd.DataFrame, lo: str, hi: str) -> pd.Series:
    slack = 1e-9
    return (frame["lo"] <= frame[hi] + slack) & (frame[lo] <= frame["hi"] + slack)


def share_findings(doc: Document, paras: list[Para], lang: str) -> list[Finding]:
    cases = [c for p in paras for c in share_cases(p)]
    if not cases:
        return []
    frame = _share_frame(cases)
    return [_share_finding(doc, c, _truncated_ok(frame, pos), lang)
            for pos, c in _failed(cases, frame, SHARE, lambda f: _overlap(f, "p_lo", "p_hi"))]


def _failed(cases: list, frame: pd.DataFrame, rule: str, check) -> list[tuple[int, Any]]:
    """(position, case) of each case whose row of `frame` fails `check` (run through pandera)."""
    return [(int(pos), cases[int(pos)]) for pos in failures(frame, {rule: check}).get(rule, [])]


def _truncated_ok(frame: pd.DataFrame, pos: int) -> bool:
    return bool(_overlap(frame.iloc[[pos]], "t_lo", "t_hi").iloc[0])


# What each compared value is, as a finding's value list names it.
_ROLE = {
    "正文": {"zh": "正文", "en": "text"}, "部分": {"zh": "部分", "en": "part"}, "整体": {"zh": "整体", "en": "whole"},
    "比例": {"zh": "比例", "en": "percentage"}, "总数": {"zh": "总数", "en": "total"}, "其中": {"zh": "其中", "en": "part"},
    "数量": {"zh": "数量", "en": "count"}, "合计": {"zh": "合计", "en": "stated total"}, "总量": {"zh": "总量", "en": "total"},
    "生均": {"zh": "生均", "en": "per student"},
}


def _fmt(x: float, decimals: int) -> str:
    return f"{x:.{max(decimals, 1)}f}"


def _share_finding(doc: Document, c: ShareCase, truncated_ok: bool, lang: str) -> Finding:
    p = c.para
    exact = 100 * c.part.number.value / c.whole.number.value
    decimals = c.pct.number.decimals
    expected = f"{_fmt(exact, decimals)}% = {c.part.number.text} / {c.whole.number.text}"
    section = p.paragraph.section
    where = f"§{section}" if section else _ROLE["正文"][lang]
    values = (_pv(p, c.part, f"{where} {_ROLE['部分'][lang]}"), _pv(p, c.whole, f"{where} {_ROLE['整体'][lang]}"),
              _pv(p, c.pct, f"{where} {_ROLE['比例'][lang]}"))
    quote = p.clauses(c.whole, c.part, c.pct)
    if lang == "zh":
        message = (f"{where}：{c.part.number.text} / {c.whole.number.text} = {_fmt(exact, decimals)}%，"
                   f"但文中写的是 {c.pct.number.text}。原文：“{quote}”")
        hint = "仅当数值被截断（而非四舍五入）时才一致" if truncated_ok else None
    else:
        message = (f"{where}: {c.part.number.text} / {c.whole.number.text} = {_fmt(exact, decimals)}%, "
                   f"but the text says {c.pct.number.text}. Text: “{quote}”")
        hint = "consistent only if the value was truncated, not rounded" if truncated_ok else None
    return _make(doc, SHARE, "warning" if truncated_ok else "error", message, section, values, expected,
                 c.pct.number.text, hint, lang)


def _make(doc: Document, rule: str, severity: str, message: str, section: str | None,
          values: tuple[PrintedValue, ...], expected: str, actual: str, hint: str | None, lang: str,
          table: str | None = None) -> Finding:
    lines = tuple(sorted({v.line for v in values if v.line is not None}))
    location = FindingLocation(file=doc.path, table=table, section=section, lines=lines,
                               page=values[0].page if values else None)
    return Finding(rule=rule, name=NAMES[rule], severity=severity, message=message, location=location,
                   values=values, expected=expected, actual=actual, hint=hint,
                   fingerprint=make_fingerprint(rule, section, None, None, values))


# --- KA420: parts after "其中" do not exceed the total ------------------------------------------------------

@dataclass(frozen=True)
class PartsCase:
    para: Para
    total: Num
    parts: tuple[Num, ...]


def parts_cases(p: Para) -> list[PartsCase]:
    cases = []
    for m in re.finditer("其中", p.text):
        sent = _sentence_start(p.text, m.start())
        before = [n for n in p.numbers if sent <= n.start < m.start() and n.family not in (None, "%")
                  and not _is_change(p, n)]
        if not before:
            continue
        total = before[-1]
        stop = min([i for i in (p.text.find(c, m.end()) for c in _BREAK) if i >= 0] + [len(p.text)])
        pieces = p.text[m.end():stop].split("、")
        if len(pieces) < 2:
            continue
        parts = []
        offset = m.end()
        for piece in pieces:
            inside = [n for n in p.numbers if offset <= n.start < offset + len(piece)]
            offset += len(piece) + 1
            if len(inside) != 1 or inside[0].family != total.family or _is_change(p, inside[0]):
                parts = []
                break
            parts.append(inside[0])
        if len(parts) >= 2:
            cases.append(PartsCase(p, total, tuple(parts)))
    return cases


def parts_findings(doc: Document, paras: list[Para], lang: str) -> list[Finding]:
    cases = [c for p in paras for c in parts_cases(p)]
    if not cases:
        return []
    frame = pd.DataFrame({
        "sum_lo": [sum(bounds(n.number)[0] for n in c.parts) for c in cases],
        "total_hi": [bounds(c.total.number)[1] for c in cases],
    })
    out = []
    for _, c in _failed(cases, frame, PARTS, lambda f: f["sum_lo"] <= f["total_hi"] + 1e-9):
        p = c.para
        section = p.paragraph.section
        where = f"§{section}" if section else _ROLE["正文"][lang]
        total = sum(n.number.value for n in c.parts)
        arithmetic = " + ".join(n.number.text for n in c.parts)
        values = (_pv(p, c.total, f"{where} {_ROLE['总数'][lang]}"),) + tuple(
            _pv(p, n, f"{where} {_ROLE['其中'][lang]}") for n in c.parts)
        quote = p.sentence(c.total.start, c.parts[-1].end)
        if lang == "zh":
            message = f"{where}：其中各项 {arithmetic} = {total:g}，超过总数 {c.total.number.text}。原文：“{quote}”"
        else:
            message = f"{where}: the parts {arithmetic} = {total:g} exceed the total {c.total.number.text}. Text: “{quote}”"
        out.append(_make(doc, PARTS, "error", message, section, values, f"≤ {c.total.number.text}",
                         f"{total:g} = {arithmetic}", None, lang))
    return out


# --- KA430: a count followed (or preceded) by the listed items ----------------------------------------------

@dataclass(frozen=True)
class ListCase:
    para: Para
    count: Num
    items: tuple[str, ...]


def _titles(text: str, i: int = 0) -> list[str] | None:
    """The 《…》 titles at text[i:], or None when the list does not visibly end."""
    titles = []
    while True:
        while i < len(text) and (text[i].isspace() or text[i] == "、"):
            i += 1
        if i < len(text) and text[i] == "《":
            close = text.find("》", i)
            if close < 0:
                return None
            titles.append(text[i + 1:close])
            i = close + 1
            continue
        break
    i = _skip_blanks(text, i)
    if i >= len(text) or text[i] not in "。,，;；)":
        return None  # the paragraph was cut or the list goes on ("等"): do not count
    return titles


def _enumerated(text: str, closing: str | None, start: int = 0) -> list[str] | None:
    """The 、-separated items at text[start:], up to `closing` or the end of the clause."""
    if closing:
        end = text.find(closing, start)
        if end < 0:
            return None
        body = text[start:end]
    else:
        stops = [i for i in (text.find(c, start) for c in "。;；,，") if i >= 0]
        if not stops:
            return None
        body = text[start:min(stops)]
    if "等" in body[-2:] or any(ch.isdigit() for ch in body):
        return None
    items = [x.strip() for x in body.split("、")]
    return items if all(items) and len(items) >= 2 and all(len(x) <= 20 for x in items) else None


def list_cases(p: Para) -> list[ListCase]:
    cases = []
    by_start = {n.start: n for n in p.numbers}
    for m in _LIST_HEAD.finditer(p.text):
        count = by_start.get(m.start("n"))
        if count is None or count.number.kind != "count":
            continue
        intro = m.group("intro").strip()
        if p.text.startswith("《", m.end()):
            items = _titles(p.text, m.end())
        else:
            items = _enumerated(p.text, ")" if intro == "(" else None, m.end())
        if items and len(items) >= 2:
            cases.append(ListCase(p, count, tuple(items)))
    for m in (_LIST_TAIL.finditer(p.text) if _LIST_TAIL_HINT.search(p.text) else ()):
        count = by_start.get(m.start("n"))
        items = [x.strip() for x in m.group("items").split("、")]
        if count is None or count.number.kind != "count" or "等" in m.group("items")[-2:] or not all(items):
            continue
        # "书法社、…、机器人社 5 个社团": each item ends like the counted noun, so they are what is counted.
        if not all(item[-1] in m.group("noun") for item in items):
            continue
        cases.append(ListCase(p, count, tuple(items)))
    return cases


def list_findings(doc: Document, paras: list[Para], lang: str) -> list[Finding]:
    cases = [c for p in paras for c in list_cases(p)]
    if not cases:
        return []
    frame = pd.DataFrame({"stated": [c.count.number.value for c in cases], "listed": [len(c.items) for c in cases]})
    out = []
    for _, c in _failed(cases, frame, LISTED, lambda f: f["stated"] == f["listed"]):
        p = c.para
        section = p.paragraph.section
        where = f"§{section}" if section else _ROLE["正文"][lang]
        values = (_pv(p, c.count, f"{where} {_ROLE['数量'][lang]}"),)
        quote = p.sentence(c.count.start, c.count.end)
        shown = "、".join(c.items[:3]) + ("…" if len(c.items) > 3 else "")
        if lang == "zh":
            message = f"{where}：写的是 {c.count.number.text} {c.count.unit}，但列举了 {len(c.items)} 项（{shown}）。原文：“{quote}”"
        else:
            message = (f"{where}: the text says {c.count.number.text} {c.count.unit} but lists {len(c.items)} "
                       f"({shown}). Text: “{quote}”")
        out.append(_make(doc, LISTED, "error", message, section, values, str(len(c.items)),
                         c.count.number.text, None, lang))
    return out


# --- KA440: "以上 3 个大类…总数为 3300 人" against the named rows of a table --------------------------------

@dataclass(frozen=True)
class RowsCase:
    para: Para
    stated: Num
    table: Table
    column: str
    rows: tuple[str, ...]


def _squash(text: str) -> str:
    return "".join(fold(text)[0].split())


def _current_column(table: Table, year: int | None) -> str | None:
    if year is None:
        return None
    found = [c for c in table.columns if c != table.label_column and period_of(c) == str(year)]
    return found[0] if len(found) == 1 else None


def named_rows_cases(p: Para, doc: Document, year: int | None) -> list[RowsCase]:
    cases = []
    by_start = {n.start: n for n in p.numbers}
    for m in _NAMED_ROWS.finditer(p.text):
        stated = by_start.get(m.start("t"))
        items = [_squash(x) for x in m.group("items").split("、")]
        if stated is None or int(m.group("n")) != len(items):
            continue
        core = _core(m.group("noun").replace("专业大类", "").replace("大类", "").replace("专业", ""))
        if len(core) < 2:
            continue
        for table in doc.tables:
            if core not in _squash(table.caption) and not any(core in _squash(c) for c in table.columns):
                continue
            labels = {_squash(r.label): r.label for r in table.rows}
            if not all(i in labels for i in items):
                continue
            column = _current_column(table, year)
            if column is None:
                continue
            cells = [table.cell(labels[i], column) for i in items]
            if any(c is None or c.number is None for c in cells):
                continue
            cases.append(RowsCase(p, stated, table, column, tuple(labels[i] for i in items)))
            break
    return cases


def named_rows_findings(doc: Document, paras: list[Para], lang: str) -> list[Finding]:
    year = report_year(doc)
    cases = [c for p in paras for c in named_rows_cases(p, doc, year)]
    if not cases:
        return []

    def cells(c: RowsCase):
        return [c.table.cell(r, c.column) for r in c.rows]

    frame = pd.DataFrame({
        "lo": [sum(bounds(x.number)[0] for x in cells(c)) for c in cases],
        "hi": [sum(bounds(x.number)[1] for x in cells(c)) for c in cases],
        "s_lo": [bounds(c.stated.number)[0] for c in cases],
        "s_hi": [bounds(c.stated.number)[1] for c in cases],
    })
    mask = lambda f: (f["lo"] <= f["s_hi"] + 1e-9) & (f["s_lo"] <= f["hi"] + 1e-9)  # noqa: E731
    out = []
    for _, c in _failed(cases, frame, NAMED_ROWS, mask):
        p = c.para
        section = p.paragraph.section
        where = f"§{section}" if section else _ROLE["正文"][lang]
        parts = cells(c)
        arithmetic = " + ".join(x.text for x in parts)
        total = sum(x.number.value for x in parts)
        values = (_pv(p, c.stated, f"{where} {_ROLE['合计'][lang]}"),) + tuple(
            PrintedValue(x.text, x.value, f"{c.table.key} {r} / {c.column}", x.source.line, table=c.table.key,
                         row=r, column=c.column, section=c.table.section) for r, x in zip(c.rows, parts))
        quote = p.sentence(c.stated.start, c.stated.end)
        if lang == "zh":
            message = (f"{where}：文中合计 {c.stated.number.text}，但 {c.table.key} 中这几行为 {arithmetic} = "
                       f"{total:g}。原文：“{quote}”")
        else:
            message = (f"{where}: the text gives {c.stated.number.text}, but these rows of {c.table.key} add up to "
                       f"{arithmetic} = {total:g}. Text: “{quote}”")
        out.append(_make(doc, NAMED_ROWS, "error", message, section, values, f"{total:g} = {arithmetic}",
                         c.stated.number.text, None, lang, table=c.table.key))
    return out


# --- KA450: a per-student value = the total stated before it / the year's full-time students ----------------

_PER_STUDENT_RE = re.compile(r"生均(?P<noun>[^\d,，。;；:%]{1,12}?)(?:达到|达|为|是)?\s*(?P<n>\d+(?:\.\d+)?)\s*(?:平方米|元)")


@dataclass(frozen=True)
class PerStudentCase:
    para: Para
    total: Num  # in 万 of the per-student unit (万平方米, 万元)
    value: Num
    students: object  # the engine's Val of students.total for the report's year (a table cell)


def per_student_cases(p: Para, students) -> list[PerStudentCase]:
    """`仪器设备总值达 5981.92 万元，生均仪器设备总值 10441.4 元`: the total is the nearest earlier number of the
    paragraph in 万 of the same unit whose clause names the same thing (not a change); else no case."""
    cases = []
    for m in _PER_STUDENT_RE.finditer(p.text):
        value = next((n for n in p.numbers if n.start == m.start("n")), None)
        if value is None or value.unit not in ("平方米", "元") or _is_change(p, value):
            continue
        wanted = _bigrams(_core(m.group("noun")))
        scored = []
        for n in p.numbers:
            if n.end <= m.start() and n.unit == "万" + value.unit and not _is_change(p, n):
                left, right = _context(p, n)
                found = sum(1 for g in wanted if g in left + right) / len(wanted)
                if found >= 0.5:
                    scored.append((found, n.start, n))
        if scored:
            cases.append(PerStudentCase(p, max(scored, key=lambda x: (x[0], x[1]))[2], value, students))
    return cases


def per_student_findings(doc: Document, paras: list[Para], lang: str, facts) -> list[Finding]:
    year = report_year(doc)
    students = facts.first("students.total", str(year)) if facts is not None and year else None
    if students is None or np.isnan(students.value) or students.lo <= 0:
        return []
    cases = [c for p in paras for c in per_student_cases(p, students)]
    if not cases:
        return []
    rows = []
    for c in cases:
        tlo, thi = bounds(c.total.number)
        vlo, vhi = bounds(c.value.number)
        ulo, uhi = bounds(c.value.number, truncated=True)
        rows.append({"lo": tlo * 1e4 / students.hi, "hi": thi * 1e4 / students.lo, "p_lo": vlo, "p_hi": vhi,
                     "t_lo": ulo, "t_hi": uhi})
    frame = pd.DataFrame(rows, columns=["lo", "hi", "p_lo", "p_hi", "t_lo", "t_hi"])
    return [_per_student_finding(doc, c, _truncated_ok(frame, pos), lang)
            for pos, c in _failed(cases, frame, PER_STUDENT, lambda f: _overlap(f, "p_lo", "p_hi"))]


def _per_student_finding(doc: Document, c: PerStudentCase, truncated_ok: bool, lang: str) -> Finding:
    p, students = c.para, c.students
    exact = c.total.number.value * 1e4 / students.value
    shown = _fmt(exact, c.value.number.decimals)
    expected = f"{shown} = {c.total.number.text} × 10000 / {students.display}"
    implied = c.total.number.value * 1e4 / c.value.number.value if c.value.number.value else float("nan")
    section = p.paragraph.section
    where = f"§{section}" if section else _ROLE["正文"][lang]
    cell = students.printed[0]
    values = (_pv(p, c.total, f"{where} {_ROLE['总量'][lang]}"), cell,
              _pv(p, c.value, f"{where} {_ROLE['生均'][lang]}"))
    quote = p.clauses(c.total, c.value)
    if lang == "zh":
        message = (f"{where}：{c.total.number.text} {c.total.unit} / {students.display} 名在校生（{cell.table}）"
                   f"= {shown} {c.value.unit}，但文中写的是 {c.value.number.text} {c.value.unit}。原文：“{quote}”")
        hint = f"所写生均值对应约 {implied:.0f} 名学生"
        if truncated_ok:
            hint += "；仅当数值被截断（而非四舍五入）时才一致"
    else:
        message = (f"{where}: {c.total.number.text} {c.total.unit} / {students.display} students ({cell.table}) "
                   f"= {shown} {c.value.unit}, but the text says {c.value.number.text} {c.value.unit}. Text: “{quote}”")
        hint = f"the stated value fits about {implied:.0f} students"
        if truncated_ok:
            hint += "; consistent only if the value was truncated, not rounded"
    return _make(doc, PER_STUDENT, "warning" if truncated_ok else "error", message, section, values, expected,
                 c.value.number.text, hint, lang)


def sentence_findings(doc: Document, lang: str, facts=None) -> list[Finding]:
    """All generic sentence checks over every paragraph of the document; `facts` (the engine's table facts)
    give the per-student check its number of students."""
    paras = [prepare(p) for p in doc.prose_paragraphs()]
    return (share_findings(doc, paras, lang) + parts_findings(doc, paras, lang) + list_findings(doc, paras, lang)
            + named_rows_findings(doc, paras, lang) + per_student_findings(doc, paras, lang, facts))
