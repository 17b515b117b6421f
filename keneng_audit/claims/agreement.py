"""KA401/KA402: every place a named quantity (or its year-over-year change) is stated must agree."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from keneng_audit.claims.tagging import CHANGE, Evidence
from keneng_audit.claims.vocabulary import Vocabulary
from keneng_audit.document import Document
from keneng_audit.findings import Finding, FindingLocation, PrintedValue, make_fingerprint
from keneng_audit.intervals import group_codes, groups_share_a_point
from keneng_audit.pandera_adapter import failures

AGREE = "KA401"
CHANGE_AGREE = "KA402"
_EPS = 1e-9

# Stable names (for --select/--ignore and Finding.name) and the titles shown in `rule CODE`.
NAMES = {AGREE: "quantity-agree", CHANGE_AGREE: "change-agree"}
TITLES = {
    AGREE: {"zh": "同一数量各处数值不一致", "en": "a named quantity has different values"},
    CHANGE_AGREE: {"zh": "增减数与其他来源不符", "en": "a stated change disagrees with other sources"},
}


def evidence_frame(evidence: list[Evidence]) -> pd.DataFrame:
    """One row per place: the long frame (quantity, period, bounds, origin, line) the agree checks run on."""
    rows = [{"quantity": ev.key, "period": ev.period, "value": ev.value, "lo": ev.lo, "hi": ev.hi,
             "origin": ev.origin, "doubtful": ev.doubtful is not None, "line": ev.lines[0] if ev.lines else None}
            for ev in evidence]
    return pd.DataFrame(rows, columns=["quantity", "period", "value", "lo", "hi", "origin", "doubtful", "line"])


def agrees(frame: pd.DataFrame) -> pd.Series:
    """Row mask: True where every place of the row's (quantity, period) shares some value inside its interval.

    Only groups holding a prose statement are judged: table-only groups are the table rules' business.
    """
    codes = group_codes(frame, [frame["quantity"], frame["period"].fillna("")])
    keyed = codes >= 0
    prose = frame["origin"].eq("prose").to_numpy(dtype=bool)
    # groupby(...).transform("any") in numpy; a row without a group is True, as groupby's NaN cast to bool
    has_prose = np.ones(len(codes), dtype=bool)
    if keyed.any():
        any_prose = np.zeros(int(codes.max()) + 1, dtype=bool)
        np.logical_or.at(any_prose, codes[keyed], prose[keyed])
        has_prose[keyed] = any_prose[codes[keyed]]
    ok = groups_share_a_point(codes, frame["lo"].to_numpy(dtype=float), frame["hi"].to_numpy(dtype=float))
    return pd.Series(ok | ~has_prose, index=frame.index)


def _scoped(change: bool, agreed=agrees):
    def mask(frame: pd.DataFrame) -> pd.Series:
        in_scope = frame["quantity"].str.endswith(CHANGE) == change
        return agreed(frame) | ~in_scope
    return mask


def _once(fn):
    """fn, computed once for the frame both scoped masks are given."""
    done: dict[int, pd.Series] = {}

    def once(frame: pd.DataFrame) -> pd.Series:
        if id(frame) not in done:
            done.clear()
            done[id(frame)] = fn(frame)
        return done[id(frame)]
    return once


def clusters(group: list[Evidence]) -> list[list[Evidence]]:
    """Splits disagreeing places into runs of places that agree with one another (by value)."""
    out: list[list[Evidence]] = []
    for ev in sorted(group, key=lambda e: e.value):
        if out:
            last = out[-1]
            if max(max(e.lo for e in last), ev.lo) <= min(min(e.hi for e in last), ev.hi) + _EPS:
                last.append(ev)
                continue
        out.append([ev])
    return out


def _where(ev: Evidence, lang: str, docx: bool = False) -> str:
    lines = ev.lines
    paragraphs = sorted({p.paragraph for p in ev.printed if p.paragraph})
    if docx:  # a Word document has paragraphs and tables, not the reader's line ordinals
        lines = ()
        if paragraphs:
            return f"{ev.label}，第 {paragraphs[0]} 段" if lang == "zh" else f"{ev.label}, paragraph {paragraphs[0]}"
    paged = [(v.page, v.page_line) for v in ev.printed if v.page is not None and v.page_line is not None]
    if paged and not docx:  # a PDF: the line within its page, as a viewer shows it (reporters' place text)
        pages = sorted(set(paged))
        span = "、".join(f"第 {a} 页第 {b} 行" for a, b in pages) if lang == "zh" else \
            ", ".join(f"page {a}, line {b}" for a, b in pages)
    elif not lines:
        span = ""
    elif len(lines) == 1:
        span = f"第 {lines[0]} 行" if lang == "zh" else f"line {lines[0]}"
    else:
        span = f"第 {lines[0]}–{lines[-1]} 行" if lang == "zh" else f"lines {lines[0]}–{lines[-1]}"
    if ev.origin == "derived":
        head = f"{ev.label}: {ev.text} = {_show(ev)}"
    elif ev.origin == "table":
        head = f"{ev.table} {ev.row} / {ev.column}"
    else:
        head = ev.label
    sep = "，" if lang == "zh" else ", "
    return f"{head}{sep}{span}" if span else head


def _show(ev: Evidence) -> str:
    if ev.origin == "derived":
        number = round(ev.value, 6)
        if ev.unit == "%":
            return f"{number:.1f}%"
        return f"{int(number)}" if number == int(number) else f"{number:.2f}"
    return ev.text if ev.measure == "value" else (ev.text if ev.value >= 0 else f"-{ev.text}")


def _cluster_text(cluster: list[Evidence], lang: str, docx: bool = False) -> str:
    places = ("；" if lang == "zh" else "; ").join(_where(e, lang, docx) for e in cluster)
    return f"{_show(cluster[0])}（{places}）" if lang == "zh" else f"{_show(cluster[0])} ({places})"


def _name(e: Evidence, lang: str) -> str:
    """Where a value comes from, without lines: 附表1, §1.3.3, 表17 各行合计, 附表6 259 − 270."""
    if e.origin != "derived":
        return e.table or e.label
    if e.measure == "change" or not e.table:
        return f"{e.table or e.label} {e.text}"
    return f"{e.table} {'各行合计' if lang == 'zh' else 'sum of rows'}"


def _names(cluster: list[Evidence], lang: str) -> list[str]:
    """The distinct `_name`s, each section once: `§1.2、40 / 50`, not `§1.2、§1.2 40 / 50`."""
    out: list[str] = []
    for e in cluster:
        name, section = _name(e, lang), e.label
        if not e.table and section.startswith("§") and any(n == section or n.startswith(section + " ") for n in out):
            if name == section:
                continue
            name = name[len(section):].strip()
        if name not in out:
            out.append(name)
    return out


def _short(cluster: list[Evidence], lang: str) -> str:
    """The value and where it is printed, without lines: `1667（附表1、表17 各行合计）`."""
    names = _names(cluster, lang)
    return f"{_show(cluster[0])}（{'、'.join(names)}）" if lang == "zh" else f"{_show(cluster[0])} ({', '.join(names)})"


def _agreeing_sources(parts: list[list[Evidence]], lang: str) -> str:
    groups = [c for c in parts if len(c) > 1]
    if not groups:
        return "各处互不相同" if lang == "zh" else "No two places agree"
    joined = []
    for c in groups:
        names = _names(c, lang)
        joined.append(("、".join(names) + " 一致") if lang == "zh" else (" and ".join(names) + " agree"))
    return "；".join(joined) if lang == "zh" else "; ".join(joined)


def _printed(group: list[Evidence]) -> tuple[PrintedValue, ...]:
    seen, out = set(), []
    for ev in group:
        for pv in ev.printed:
            key = (pv.line, pv.text, pv.label)
            if key not in seen:
                seen.add(key)
                out.append(pv)
    return tuple(out)


def _finding(rule: str, group: list[Evidence], doc: Document, vocab: Vocabulary, lang: str) -> Finding:
    quantity, period = group[0].quantity, group[0].period
    parts = clusters(group)
    # The side most tables agree on is "expected" (a value worked out from the prose's own numbers is no table);
    # prose that departs from it is "actual". The message says what the sentence prints first, then the tables.
    best = max(parts, key=lambda c: (len({e.table for e in c if e.table}), len({e.table or e.label for e in c}),
                                     sum(e.origin == "table" for e in c)))
    others = [c for c in parts if c is not best]
    shown = sorted(parts, key=lambda c: (not any(e.origin == "prose" for e in c), c is best))
    name = vocab.name(quantity, lang)
    change = rule == CHANGE_AGREE
    what = (f"{name}较上年的增减" if lang == "zh" else f"change in {name}") if change else name
    docx = str(doc.path).lower().endswith(".docx")
    versus = " vs ".join(_cluster_text(c, lang, docx) for c in shown)
    agree_text = _agreeing_sources(parts, lang)
    prose = [e for e in group if e.origin == "prose"]
    quotes = list(dict.fromkeys(e.sentence for e in prose if e.sentence))[:3]
    quote = "” “".join(quotes)
    doubtful = [e for e in group if e.doubtful]
    sure = [e for e in group if not e.doubtful]
    severity = "warning" if doubtful and len(clusters(sure)) <= 1 else "error"
    agree_text = f"{agree_text}。" if len(group) > 2 else ""
    if lang == "zh":
        message = f"{what}（{period}）各处不一致：{versus}。{agree_text}"
        if quote:
            message += f"原文：“{quote}”"
        hint = f"句中提到“{doubtful[0].doubtful}”，可能说的是另一个数量" if doubtful else None
    else:
        message = f"{what} ({quantity}, {period}) differs between places: {versus}. " + agree_text.replace("。", ".")
        message = message.rstrip()
        if quote:
            message += f" Text: “{quote}”"
        hint = f"the sentence mentions “{doubtful[0].doubtful}”, possibly a different quantity" if doubtful else None
    values = _printed(group)
    lines = tuple(sorted({line for e in group for line in e.lines}))
    first_prose = prose[0] if prose else group[0]
    location = FindingLocation(file=doc.path, section=first_prose.section, lines=lines,
                               page=first_prose.printed[0].page if first_prose.printed else None)
    return Finding(
        rule=rule, name=NAMES[rule], severity=severity, message=message, location=location, values=values,
        expected=_short(best, lang), actual=" vs ".join(_short(c, lang) for c in others),
        basis="其他位置印为" if lang == "zh" else "printed elsewhere as", hint=hint, fingerprint=make_fingerprint(rule, f"{quantity}{CHANGE if change else ''}@{period}", None, None,
                                                values))


def agreement_findings(evidence: list[Evidence], doc: Document, vocab: Vocabulary, lang: str) -> list[Finding]:
    """One finding per (quantity, period) whose places disagree, listing every place and value."""
    if not evidence:
        return []
    frame = evidence_frame(evidence)
    agreed = _once(agrees)
    failed = failures(frame, {AGREE: _scoped(False, agreed), CHANGE_AGREE: _scoped(True, agreed)})
    findings = []
    for rule, positions in failed.items():
        groups: dict[tuple, list[Evidence]] = {}
        for pos in positions:
            ev = evidence[int(pos)]
            groups.setdefault((ev.key, ev.period), []).append(ev)
        findings.extend(_finding(rule, group, doc, vocab, lang) for group in groups.values())
    failing = {(e.key, e.period) for rule, positions in failed.items() for e in (evidence[int(p)] for p in positions)}
    return findings + _loose(evidence, failing, doc, vocab, lang)


def _loose(evidence: list[Evidence], failing: set, doc: Document, vocab: Vocabulary, lang: str) -> list[Finding]:
    """A warning per vague claim whose quantity the other places agree on, at a value its words allow only
    loosely (`约 1,300 人` for 1,200: 约 plainly means ±5%): the wording, not the number, is at fault."""
    out = []
    groups: dict[tuple, list[Evidence]] = {}
    for e in evidence:
        if e.measure == "value":
            groups.setdefault((e.key, e.period), []).append(e)
    for key, group in groups.items():
        others = [e for e in group if e.plainly is None]
        if key in failing or not others:
            continue
        lo, hi = max(e.lo for e in others), min(e.hi for e in others)
        for e in group:
            if e.plainly is None or lo > hi:
                continue
            plo, phi = e.plainly
            if phi + _EPS * max(1.0, abs(phi)) < lo or hi < plo - _EPS * max(1.0, abs(plo)):
                out.append(_loose_finding(e, others, doc, vocab, lang))
    return out


def _loose_finding(e: Evidence, others: list[Evidence], doc: Document, vocab: Vocabulary, lang: str) -> Finding:
    finding = _finding(AGREE, [e, *others], doc, vocab, lang)
    plo, phi = e.plainly
    unit = "%" if e.unit == "%" else ""
    span = f"{_g(plo)}{unit}–{_g(phi)}{unit}" if phi != float("inf") else f"≥ {_g(plo)}{unit}"
    other = _short(others, lang)
    what = vocab.name(e.quantity, lang)
    if lang == "zh":
        message = f"{what}（{e.period}）：文中写“{e.text}”（一般理解为 {span}），而其他位置印为 {other}，说法过于宽松。原文：“{e.sentence}”"
        hint = "说法过于宽松（并非不可能）"
    else:
        message = (f"{what} ({e.quantity}, {e.period}): the text says “{e.text}” (plainly {span}), while {other}: "
                   f"a loose wording. Text: “{e.sentence}”")
        hint = "the wording is loose, not impossible"
    return replace(finding, severity="warning", message=message, hint=hint, expected=other,
                   actual=f"{e.text}（{e.label}）" if lang == "zh" else f"{e.text} ({e.label})")


def _g(x: float) -> str:
    return f"{round(x, 6):g}"
