"""Gives prose facts their quantity and period (claim patterns); turns the table facts (keneng_audit.facts) into evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from keneng_audit.claims import vague
from keneng_audit.claims.patterns import ClaimMatch, find_claims, fold, opens_clause, sentence_around
from keneng_audit.claims.vocabulary import VOCABULARY_FOLDER, Vocabulary, load_vocabulary
from keneng_audit.claims.units import SCALES, factor, unit_after, unit_named
from keneng_audit.document import Document, Fact, Paragraph, SourceRef, Table
from keneng_audit.facts import FactEntry, FactsView, report_year, table_facts
from keneng_audit.findings import PrintedValue
from keneng_audit.findings import places as source_places
from keneng_audit.intervals import bounds
from keneng_audit.numbers import PrintedNumber, parse_number

CHANGE = ":change"  # suffix of the quantity of a stated or derived year-over-year change
# A claim is not about the whole quantity when its clause starts like "以上 3 个大类…", or when
# its sentence is about a group ("…贯通培养班级招生 120 人，在校生总数 350 人", "通过实施现代学徒制培养，
# 学生就业率达 97%").
CLAUSE_MARKERS = ("以上", "大类", "分别")
SENTENCE_MARKERS = ("以上", "大类", "班级", "贯通", "校区", "学徒制", "该专业", "本专业", "该系", "该校区")
# A bare name (`在校生 402 人`) after a clause naming a part of the school (`规模最大的专业为计算机应用专业，在校生 402
# 人`) is about that part: the scope carries over to the end of the sentence.
SCOPE_WORDS = ("专业", "系", "年级", "校区", "分校", "部", "班", "学部", "院系")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_QUOTES = str.maketrans("", "", "“”\"'‘’*＊ ")


@dataclass(frozen=True)
class Evidence:
    """One place a named quantity is stated (or derived from printed values), ready to be compared."""

    quantity: str  # base id, e.g. "staff.total"
    measure: str  # "value" or "change"
    period: str | None
    value: float
    lo: float
    hi: float
    text: str  # as printed, or the arithmetic of a derived value ("259 − 270")
    origin: str  # prose, table, derived
    label: str  # "§1.3.3", "附表1 毕业生人数 / 2024年", "表17 人数 各行合计"
    lines: tuple[int, ...]
    printed: tuple[PrintedValue, ...]
    section: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    sentence: str = ""
    doubtful: str | None = None  # the confusable word that makes a prose claim uncertain
    fact: Fact | None = None
    unit: str | None = None
    paragraph: int | None = None  # index into doc.prose_paragraphs() (prose only)
    offset: int | None = None  # offset of the number in the paragraph (prose only)
    dated: bool = True  # False when a prose claim names no year and its period is the default of its kind
    plainly: tuple[float, float] | None = None  # a vague claim (`近 1,700 人`): what its words plainly allow

    @property
    def key(self) -> str:
        return self.quantity + (CHANGE if self.measure == "change" else "")


def period_of(text: str | None) -> str | None:
    """A header's or label's period, named by its last year (`2022-2023学年度` → `2023`)."""
    years = _YEAR.findall(fold(text or "")[0])
    return years[-1] if years else None


def _default_period(kind: str, year: int | None, offset: int = 0) -> str | None:
    if year is None:
        return None
    return str(year - offset - (1 if kind == "fiscal_year" else 0))


def _squash(text: str) -> str:
    return fold(text)[0].translate(_QUOTES)


def _section_label(section: str | None) -> str:
    return f"§{section}" if section else "正文"


_CASE = re.compile(r"^\s*案例\s*(\d+)")


@dataclass(frozen=True)
class Places:
    """Where a prose line sits: its section heading and, inside a case box (`案例 4 …`), the case."""

    headings: list[tuple[int, str]]  # (line, section number), ascending
    cases: list[tuple[int, str]]  # (line, "案例4"), ascending

    @staticmethod
    def of(doc: Document) -> "Places":
        headings = sorted((s.source.line, s.number) for s in doc.sections)
        cases = [(i + 1, f"案例{m.group(1)}") for i, text in enumerate(doc.lines) if (m := _CASE.match(text))]
        return Places(headings, cases)

    def label(self, section: str | None, line: int) -> str:
        start = max((h for h, number in self.headings if number == section and h <= line), default=None)
        case = [c for c_line, c in self.cases if start is not None and start < c_line <= line]
        return _section_label(section) + (f" {case[-1]}" if case else "")


def short_quote(sentence: str, limit: int = 60) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_BREAKS = "，,。;；：:！!？?"  # what ends a clause


def _clause_prefix(text: str, start: int) -> str:
    """The clause's text before `start` (read backwards to its break: linear in the clause, not the paragraph)."""
    lo = start
    while lo > 0 and text[lo - 1] not in _BREAKS:
        lo -= 1
    return text[lo:start]


def _window(text: str, start: int, end: int) -> str:
    """The claim itself, from the start of its clause to the end of its sentence (a short quote)."""
    lo = max(sentence_around(text, start, end)[0], start - len(_clause_prefix(text, start)))
    hi = sentence_around(text, start, end)[1]
    return short_quote(text[lo:hi])


# What the clause of a stated value says about its period: several years (近三年毕业生总数, 累计), the year
# before (上年毕业生人数为, 去年教职工总数) or a year (2023 届毕业生, 2023 年招生).
_CUMULATIVE = re.compile(r"近\s*[\d一二两三四五六七八九十]+\s*(?:个)?\s*(?:学)?年|近年来|累计|历年|历届|"
                         r"[\d一二两三四五六七八九十]+\s*年来|多年来")
_PREVIOUS_WORDS = re.compile(r"(?<![较比与])(?:上一?(?:学年度|年度|学年|年)|去年|前一年)(?!\s*(?:相比|同期|增|减|提|下|上))")
_A_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:届|年|学年|学年度|年度)")


def clause_scope(text: str, at: int) -> str | None:
    """`cumulative`, `previous`, a year ("2023") or None: what the clause before a number says of its period."""
    clause = _clause_prefix(text, at)
    if _CUMULATIVE.search(clause):
        return "cumulative"
    if _PREVIOUS_WORDS.search(clause):
        return "previous"
    years = _A_YEAR.findall(clause)
    return years[-1] if years else None


def _about_a_part(text: str, start: int) -> bool:
    sentence_start = sentence_around(text, start, start)[0]
    return (any(m in _clause_prefix(text, start) for m in CLAUSE_MARKERS)
            or any(m in text[sentence_start:start] for m in SENTENCE_MARKERS))


def _qualified(text: str, start: int, lead_end: int | None = None) -> bool:
    """A bare name is qualified by a word of its clause (一年级在校生) or by a part its sentence names before it;
    `lead_end`: the end of the words the pattern opened with, which may end an opener (现|有专任教师)."""
    if not opens_clause(fold(_clause_prefix(text, start))[0]) and (
            lead_end is None or not opens_clause(fold(_clause_prefix(text, lead_end))[0])):
        return True
    before = text[sentence_around(text, start, start)[0]:start]
    return any(w in before for w in SCOPE_WORDS)


def prose_evidence(doc: Document, vocab: Vocabulary, year: int | None) -> list[Evidence]:
    """Every number a claim pattern assigns to a quantity, once per place in the text."""
    seen: set[tuple] = set()
    out: list[Evidence] = []
    places = Places.of(doc)
    for p_index, paragraph in enumerate(doc.prose_paragraphs()):
        folded = fold(paragraph.text)
        if not _DIGIT.search(folded[0]):
            continue  # every claim captures a number
        for claim in vocab.claims:
            for match in find_claims(claim.compiled, paragraph.text, folded):
                if _about_a_part(paragraph.text, match.start) or (claim.compiled.anchored and _qualified(
                        paragraph.text, match.start, match.lead_end)):
                    continue  # about a part (大类, 班级 …), or a bare name another word qualifies (一年级在校生)
                out.extend(_from_match(match, paragraph, p_index, vocab, year, seen, places))
    return out


def _from_match(match: ClaimMatch, paragraph: Paragraph, p_index: int, vocab: Vocabulary, year: int | None,
                seen: set[tuple], places: Places) -> list[Evidence]:
    out = []
    for number in match.numbers:
        slot = number.slot
        spec = vocab.quantities[slot.quantity]
        key = (p_index, number.start, slot.quantity, slot.role)
        if key in seen:
            continue
        seen.add(key)
        printed = parse_number(number.text, unit="%" if spec.unit == "%" else spec.unit)
        if printed is None:
            continue
        if slot.role == "decrease":
            printed = replace(printed, value=-printed.value)
        dated = match.year is not None
        if match.year is not None:
            period = str(match.year - (1 if slot.role == "previous" else 0))
        else:
            period = _default_period(spec.period, year, 1 if slot.role == "previous" else 0)
            if slot.role == "value":
                scope = clause_scope(paragraph.text, number.start)
                if scope == "cumulative":
                    continue  # 近三年毕业生总数, 累计培训: not one year's value
                if scope == "previous":
                    period = _default_period(spec.period, year, 1)
                elif scope is not None:
                    period, dated = scope, True
        source = paragraph.source_at(number.start)
        lo, hi = bounds(printed, padded=False)  # a sentence's 5.0% means [4.95, 5.05): no cell format pads it
        unit = unit_after(paragraph.text, number.end) if spec.unit in SCALES else None
        scale = factor(unit, spec.unit) or 1.0
        if scale == 1.0 and number.scale != 1.0:  # `0.50 万人` for a quantity counted in 人
            scale, unit = number.scale, ("万" if number.scale == 1e4 else "亿") + (spec.unit or "")
        value = printed.value * scale
        lo, hi = lo * scale, hi * scale
        doubtful = next((w for w in spec.confusable if w in _squash(match.sentence)), None)
        section = paragraph.section
        shown = number.text + ("%" if spec.unit == "%" else "") + (f" {unit}" if scale != 1.0 else "")
        said, plainly = shown, None
        if slot.role == "value":
            # `就业率超过 98%`, `近 1.3 亿元`: the value the words can still be read to allow (wrong outside it),
            # and what they plainly say (a value outside it only but inside the other is loosely worded)
            words = vague.of(vocab, paragraph.text[max(0, number.start - 4):number.start],
                             _after_unit(paragraph.text, number.end))
            if words.word is not None:
                percent = spec.unit == "%"
                plainly, (lo, hi) = vague.widen(lo, hi, value, words.share if percent else words.number, not percent)
                said = f"{words.word} {shown}"
        where = places.label(section, source.line)
        pv = PrintedValue(shown, printed.value, f"{where} {spec.zh}", source.line,
                          section=section, **source_places(source))
        fact = Fact(printed.value, printed, "prose", source, section, spec.unit, match.sentence,
                    slot.quantity + (CHANGE if slot.role in ("increase", "decrease") else ""), period)
        out.append(Evidence(
            slot.quantity, "change" if slot.role in ("increase", "decrease") else "value", period,
            value, lo, hi, said, "prose", where, (source.line,), (pv,),
            section=section, sentence=_window(paragraph.text, match.start, match.end), doubtful=doubtful, fact=fact,
            unit=spec.unit, paragraph=p_index, plainly=plainly,
            offset=number.start, dated=dated))
    return out


_UNIT_AFTER = re.compile(r"^\s*(?:[万亿]?人次|[万亿]?元|万人|人|%|个|项|名|门|所|家|篇|件)")


def _after_unit(text: str, end: int) -> str:
    """The few characters after a number and its unit (`98%以上` → `以上`), where a vague word may follow."""
    rest = text[end:end + 8]
    m = _UNIT_AFTER.match(rest)
    return rest[m.end():] if m else rest


def table_evidence(facts: FactsView, vocab: Vocabulary, tables: dict[str, Table] | None = None) -> list[Evidence]:
    """Every table cell, column sum or derived value the packs' `quantities:` map to a quantity (the engine's
    facts: the one mapping of cells to quantities), as places the prose can be compared with; a value printed in
    another scale of the quantity's unit (元 for 万元) is converted (`tables`: the report's, by key)."""
    return [_entry_evidence(e, vocab, tables or {}) for e in facts.entries if e.period and not np.isnan(e.val.value)]


def _printed_unit(entry: FactEntry, tables: dict[str, Table]) -> str | None:
    """The scaled unit (元, 万元 …) the entry's column header, row label, 单位 cell or table note names."""
    named = entry.unit or unit_named(entry.column, entry.row)
    if named:
        return named
    table = tables.get(entry.where)
    if table is None:
        return None
    row = next((r for r in table.rows if r.label == entry.row), None) if entry.row else None
    cell = next((c.text.strip() for name, c in row.cells.items() if "单位" in name), "") if row else ""
    if cell in SCALES:
        return cell
    return table.unit if table.unit in SCALES else None


# More 万元 (20 亿元) than any vocational school's income or assets: an amount printed without a unit above it is in 元.
_MOST_WAN = 2e5


def _entry_evidence(entry: FactEntry, vocab: Vocabulary, tables: dict[str, Table]) -> Evidence:
    spec = vocab.quantities.get(entry.quantity)
    unit = spec.unit if spec else None
    val = entry.val
    lo, hi = val.lo, val.hi
    if entry.origin == "table" and unit == "%" and val.kind in ("count", "decimal"):
        lo, hi = bounds(parse_number(val.display, unit="%"))  # a percentage printed without its sign
    printed_unit = _printed_unit(entry, tables) if unit in SCALES else None
    if printed_unit is None and unit == "万元" and abs(val.value) > _MOST_WAN:
        printed_unit = "元"  # no unit read (a `单位：元` note the reader missed): more than any school's 万元 is 元
    scale = factor(printed_unit, unit) or 1.0
    shown = val.display if scale == 1.0 else f"{val.display} {printed_unit}"
    if entry.origin == "derived" and entry.row is None:
        label = f"{entry.where} {entry.column} 各行合计"
    else:
        label = f"{entry.where} {entry.row} / {entry.column}"
    kind = "count" if val.kind == "count" and float(val.value).is_integer() else val.kind
    number = PrintedNumber(val.display, val.value, val.decimals, kind, unit)
    first = val.printed[0] if val.printed else None
    fact = Fact(val.value, number, "table" if entry.origin == "table" else "derived",
                SourceRef(first.line, first.page, first.paragraph) if first else SourceRef(0),
                entry.section, unit, label, entry.quantity, entry.period, entry.where, entry.row, entry.column)
    lines = tuple(sorted({p.line for p in val.printed if p.line is not None}))
    return Evidence(entry.quantity, "value", entry.period, val.value * scale, lo * scale, hi * scale, shown, entry.origin,
                    entry.where if entry.origin == "table" else label, lines, val.printed, section=entry.section,
                    table=entry.where, row=entry.row, column=entry.column, fact=fact, unit=unit)


def derived_changes(evidence: list[Evidence]) -> list[Evidence]:
    """Current − previous for a quantity printed for both years in the same table: what a stated change must equal."""
    out = []
    by_table: dict[tuple, dict[str, Evidence]] = {}
    for ev in evidence:
        if ev.measure == "value" and ev.origin == "table" and ev.period and ev.period.isdigit():
            by_table.setdefault((ev.quantity, ev.table), {})[ev.period] = ev
    for (quantity, table), periods in by_table.items():
        for period, cur in periods.items():
            prev = periods.get(str(int(period) - 1))
            if prev is None:
                continue
            out.append(Evidence(
                quantity, "change", period, cur.value - prev.value, cur.lo - prev.hi, cur.hi - prev.lo,
                f"{cur.text} − {prev.text}", "derived", f"{table} {prev.period}→{cur.period}",
                tuple(sorted(set(cur.lines + prev.lines))), cur.printed + prev.printed, section=cur.section,
                table=table, row=cur.row, unit=cur.unit))
    return out


def derived_shares(evidence: list[Evidence], vocab: Vocabulary) -> list[Evidence]:
    """part / whole × 100 for a share quantity whose part and whole a passage states (e.g. 133 / 177)."""
    out = []
    prose = [e for e in evidence if e.origin == "prose" and e.measure == "value"]
    for spec in vocab.quantities.values():
        if spec.share_of is None:
            continue
        part_id, whole_id = spec.share_of
        for part in (e for e in prose if e.quantity == part_id):
            wholes = [e for e in prose if e.quantity == whole_id and e.paragraph == part.paragraph
                      and e.period == part.period and e.value > 0]
            if len({w.value for w in wholes}) != 1:
                continue  # none, or two different wholes in one passage: do not guess
            whole = wholes[0]
            out.append(Evidence(
                spec.id, "value", part.period, 100 * part.value / whole.value, 100 * part.lo / whole.hi,
                100 * part.hi / whole.lo, f"{part.text} / {whole.text}", "derived",
                part.label, tuple(sorted(set(part.lines + whole.lines))),
                part.printed + whole.printed, section=part.section, sentence=part.sentence, unit="%"))
    return out


def fiscal_year_of_tables(prose: list[Evidence], tables: list[Evidence], vocab: Vocabulary,
                          year: int | None) -> list[Evidence]:
    """Undated claims about finances dated by the report's own tables: the template states year N−1's finances in
    the report of year N, but a report whose table prints a quantity for year N itself speaks of year N."""
    if year is None:
        return prose
    latest: dict[str, int] = {}
    for ev in tables:
        if ev.measure == "value" and ev.period and ev.period.isdigit() and int(ev.period) <= year:
            latest[ev.quantity] = max(latest.get(ev.quantity, 0), int(ev.period))
    out = []
    for ev in prose:
        spec = vocab.quantities.get(ev.quantity)
        shift = latest.get(ev.quantity, year - 1) - (year - 1)
        if ev.dated or spec is None or spec.period != "fiscal_year" or shift <= 0 or not (ev.period or "").isdigit():
            out.append(ev)
            continue
        period = str(int(ev.period) + shift)
        out.append(replace(ev, period=period, fact=replace(ev.fact, period=period) if ev.fact else None))
    return out


def collect_evidence(doc: Document, vocab: Vocabulary, facts: FactsView | None = None) -> list[Evidence]:
    """Prose claims, the table facts of the packs (`facts`; none if not given) and derived changes of one report."""
    year = report_year(doc)
    tables = table_evidence(facts, vocab, {t.key: t for t in doc.tables}) if facts is not None else []
    prose = fiscal_year_of_tables(prose_evidence(doc, vocab, year), tables, vocab, year)
    return prose + derived_shares(prose, vocab) + tables + derived_changes(tables)


def pack_facts(doc: Document, vocab_paths: list[Path]) -> FactsView | None:
    """The table facts of the packs whose `vocabulary/` folders these are (when the engine's are not at hand)."""
    from keneng_audit.rules.packs import load_packs

    folders = [Path(p).parent for p in vocab_paths if Path(p).is_dir() and Path(p).name == VOCABULARY_FOLDER]
    folders = [f for f in folders if any(f.glob("*.yaml"))]
    return table_facts(doc, load_packs(folders)) if folders else None


def tag_facts(doc: Document, vocab_paths: list[Path], include_tables: bool = True,
              facts: FactsView | None = None) -> Document:
    """Fills Fact.quantity/period of the prose facts the claim patterns recognise (adding any the reader missed)
    and, with `include_tables`, appends the table facts (`facts`, the engine's; by default those of the packs
    of `vocab_paths`) as facts. Returns `doc`."""
    vocab = load_vocabulary(vocab_paths)
    if include_tables and facts is None:
        facts = pack_facts(doc, vocab_paths)
    evidence = collect_evidence(doc, vocab, facts if include_tables else None)
    tagged = {(ev.fact.source.line, round(abs(ev.fact.value), 6)): ev.fact
              for ev in evidence if ev.origin == "prose" and ev.fact is not None}
    facts = []
    for fact in doc.facts:
        if fact.origin == "prose":
            key = (fact.source.line, round(abs(fact.value), 6))
            hit = tagged.pop(key, None)
            if hit is not None:
                fact = replace(fact, quantity=hit.quantity, period=hit.period, unit=fact.unit or hit.unit)
        facts.append(fact)
    facts.extend(tagged.values())
    if include_tables:
        facts.extend(ev.fact for ev in evidence if ev.origin != "prose" and ev.fact is not None)
    doc.facts = facts
    return doc
