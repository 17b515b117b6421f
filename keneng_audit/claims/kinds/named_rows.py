"""KA440 named-rows-total: `……是 A、B、C，以上 3 个大类在校生总数为 T 人`: T = the sum of these rows of the table."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from keneng_audit.claims.kinds.common import SLACK, Context, ProseRule, failed
from keneng_audit.claims.paragraphs import Num, Para, core
from keneng_audit.claims.tagging import period_of
from keneng_audit.document import Document, Table
from keneng_audit.findings import Finding, PrintedValue
from keneng_audit.intervals import bounds
from keneng_audit.normalize import label_key

RULE = ProseRule(
    "KA440", "error", "named-rows-total", {"zh": "所列各项合计与表格不符", "en": "stated total of the listed rows ≠ the table"},
    {"zh": "“……是 A、B、C，以上 3 个大类在校生总数为 T 人”：T 等于表格中这几行本年度之和",
     "en": "“… A, B, C; 以上 3 个大类 … T”: T equals the sum of these rows of the table for the report's year"},
    {"zh": "正文的合计应与对应表格一致。", "en": "A total in the prose matches the table it summarises."},
    {"pass": "装备制造、交通运输、土木建筑大类 3560 人 = 1571 + 1104 + 885",
     "fail": "以上 3 个大类在校生总数为 3620 人"})
# Words every match of this kind's patterns holds (folded text): paragraphs without them are skipped.
KEYWORDS = ('以上',)  # 以上 N 个

_NAMED_ROWS = re.compile(
    r"(?:是|为|:)\s*(?P<items>[^\d,，。;；:、]{2,20}(?:、[^\d,，。;；:、]{2,20})+)\s*[,，]\s*以上\s*(?P<n>\d+)\s*个"
    r"(?P<noun>[^\d,，。;；]{0,14}?)(?:为|达|共|是)?\s*(?P<t>\d+(?:\.\d+)?)\s*(?P<unit>人|名|万元|元|个|项)")


@dataclass(frozen=True)
class RowsCase:
    """A number a sentence states and the named table rows whose values it sums."""

    para: Para
    stated: Num
    table: Table
    column: str
    rows: tuple[str, ...]


def current_column(table: Table, year: int | None) -> str | None:
    if year is None:
        return None
    found = [c for c in table.columns if c != table.label_column and period_of(c) == str(year)]
    return found[0] if len(found) == 1 else None


@dataclass(frozen=True)
class _Index:
    """A report's tables as named-rows claims look them up, squashed once: each table's caption and columns,
    its rows by squashed label, and the tables holding each squashed row label (so that a claim is matched
    against the few tables that hold all its rows, not against every table)."""

    doc: Document
    count: int
    texts: tuple[tuple[str, tuple[str, ...]], ...]
    labels: tuple[dict[str, str], ...]
    by_label: dict[str, frozenset[int]]


_last: list[_Index] = []


def _index(doc: Document) -> _Index:
    if _last and _last[0].doc is doc and _last[0].count == len(doc.tables):
        return _last[0]
    texts, labels, by_label = [], [], {}
    for t, table in enumerate(doc.tables):
        texts.append((label_key(table.caption), tuple(label_key(c) for c in table.columns)))
        labels.append({label_key(r.label): r.label for r in table.rows})
        for label in labels[-1]:
            by_label.setdefault(label, set()).add(t)
    index = _Index(doc, len(doc.tables), tuple(texts), tuple(labels),
                   {k: frozenset(v) for k, v in by_label.items()})
    _last[:] = [index]
    return index


def named_rows_cases(p: Para, doc: Document, year: int | None) -> list[RowsCase]:
    cases = []
    for m in _NAMED_ROWS.finditer(p.text):
        stated = p.at(m.start("t"))
        items = [label_key(x) for x in m.group("items").split("、")]
        if stated is None or int(m.group("n")) != len(items):
            continue
        noun = core(m.group("noun").replace("专业大类", "").replace("大类", "").replace("专业", ""))
        if len(noun) < 2:
            continue
        index = _index(doc)
        holding = frozenset.intersection(*(index.by_label.get(i, frozenset()) for i in items))
        for t in sorted(holding):  # in the report's order, as before: the first table that fits
            caption, columns = index.texts[t]
            if noun not in caption and not any(noun in c for c in columns):
                continue
            table, labels = doc.tables[t], index.labels[t]
            column = current_column(table, year)
            if column is None:
                continue
            cells = [table.cell(labels[i], column) for i in items]
            if any(c is None or c.number is None for c in cells):
                continue
            cases.append(RowsCase(p, stated, table, column, tuple(labels[i] for i in items)))
            break
    return cases


def check(ctx: Context) -> list[Finding]:
    cases = [c for p in ctx.paras_for(RULE.id) for c in named_rows_cases(p, ctx.doc, ctx.year)]

    def cells(c: RowsCase):
        return [c.table.cell(r, c.column) for r in c.rows]

    frame = pd.DataFrame({
        "lo": [sum(bounds(x.number)[0] for x in cells(c)) for c in cases],
        "hi": [sum(bounds(x.number)[1] for x in cells(c)) for c in cases],
        "s_lo": [bounds(c.stated.number)[0] for c in cases],
        "s_hi": [bounds(c.stated.number)[1] for c in cases],
    })
    mask = lambda f: (f["lo"] <= f["s_hi"] + SLACK) & (f["s_lo"] <= f["hi"] + SLACK)  # noqa: E731
    out = []
    for _, c in failed(cases, frame, RULE.id, mask):
        p = c.para
        where = ctx.where(p)
        parts = cells(c)
        arithmetic = " + ".join(x.text for x in parts)
        total = sum(x.number.value for x in parts)
        values = (ctx.pv(p, c.stated, "合计"),) + tuple(
            PrintedValue(x.text, x.value, f"{c.table.key} {r} / {c.column}", x.source.line, table=c.table.key,
                         row=r, column=c.column, section=c.table.section) for r, x in zip(c.rows, parts))
        quote = p.sentence(c.stated.start, c.stated.end)
        message = ctx.say(
            f"{where}：文中合计 {c.stated.number.text}，但 {c.table.key} 中这几行为 {arithmetic} = {total:g}。原文：“{quote}”",
            f"{where}: the text gives {c.stated.number.text}, but these rows of {c.table.key} add up to "
            f"{arithmetic} = {total:g}. Text: “{quote}”")
        out.append(ctx.finding(RULE, message, p.paragraph.section, values, f"{total:g} = {arithmetic}",
                               c.stated.number.text, table=c.table.key))
    return out
