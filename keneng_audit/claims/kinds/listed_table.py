"""KA431 listed-count-table: `获得 4 项国家级奖项` against the rows of that level in the report's award table."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from keneng_audit.claims.kinds.common import Context, ProseRule, failed
from keneng_audit.claims.paragraphs import Num, Para, sentence_start
from keneng_audit.document import Table
from keneng_audit.findings import Finding, PrintedValue
from keneng_audit.normalize import label_key

RULE = ProseRule(
    "KA431", "error", "listed-count-table", {"zh": "所述数量与表格所列行数不符", "en": "stated count ≠ rows of the table"},
    {"zh": "“教师获得 4 项国家级奖项”：等于同一对象（教师、学生）的获奖表中“级别”列为该级别的行数",
     "en": "“教师获得 4 项国家级奖项” equals the rows of that level (级别 column) in the award table about the same "
           "people (教师, 学生)"},
    {"zh": "正文概括的数量应与它概括的表格一致。表格没有级别列、或说不清是谁的奖项时不核查。",
     "en": "A count that sums up a table matches it. Not checked when the table has no level column or whose "
           "awards they are is unclear."},
    {"pass": "教师获得 2 项国家级奖项（表5 级别列：国家级 ×2）", "fail": "教师获得 4 项国家级奖项（表5 国家级 3 行）"})
# Words every match of this kind's patterns holds (folded text): paragraphs without them are skipped.
KEYWORDS = ('级',)  # 国家级, 省级 …

LEVELS = ("国际级", "国家级", "省部级", "省级", "市级", "地市级", "区级", "县级", "校级")
HEAD = re.compile(rf"(?P<n>\d+)\s*(?P<unit>项|个|人次)\s*(?P<level>{'|'.join(LEVELS)})"
                  r"(?P<noun>[^\d,，。;；:：()]{0,8}?(?:奖项|奖励|荣誉|奖))")
WHO = ("教师", "学生", "学校")
LEVEL_HEADERS = ("级别", "等级", "层级", "级次")


@dataclass(frozen=True)
class TableCountCase:
    """A stated count of a level (`5 个专业群`) and the rows of the table column that list them."""

    para: Para
    count: Num
    level: str
    table: Table
    column: str
    rows: tuple[str, ...]


def table_count_cases(ctx: Context, p: Para) -> list[TableCountCase]:
    cases = []
    for m in HEAD.finditer(p.text):
        count = p.at(m.start("n"))
        if count is None or count.number.kind != "count":
            continue
        sentence = p.text[sentence_start(p.text, m.start()):m.end()]
        who = {w for w in WHO if w in sentence}
        level = m.group("level")
        found = []
        for table in ctx.doc.tables:
            caption = label_key(table.caption)
            if "奖" not in caption or not who or who != {w for w in WHO if w in caption}:
                continue
            column = next((c for c in table.columns if any(h in label_key(c) for h in LEVEL_HEADERS)), None)
            if column is None:
                continue
            rows = tuple(r.label for r in table.rows
                         if (cell := r.cells.get(column)) is not None and label_key(cell.text) == level)
            found.append(TableCountCase(p, count, level, table, column, rows))
        if len(found) == 1:
            cases.append(found[0])
    return cases


def check(ctx: Context) -> list[Finding]:
    cases = [c for p in ctx.paras_for(RULE.id) for c in table_count_cases(ctx, p)]
    frame = pd.DataFrame({"stated": [c.count.number.value for c in cases], "rows": [len(c.rows) for c in cases]})
    out = []
    for _, c in failed(cases, frame, RULE.id, lambda f: f["stated"] == f["rows"]):
        p = c.para
        cells = [(r, c.table.cell(r, c.column)) for r in c.rows]
        values = (ctx.pv(p, c.count, "数量"),) + tuple(
            PrintedValue(x.text, None, f"{c.table.key} {r} / {c.column}", x.source.line, table=c.table.key, row=r,
                         column=c.column, section=c.table.section) for r, x in cells)
        quote = p.quote(c.count.start, c.count.end)
        message = ctx.say(
            f"{ctx.where(p)}：写的是 {c.count.number.text} {c.count.unit}{c.level}，但 {c.table.key} 中{c.column}为“{c.level}”"
            f"的有 {len(c.rows)} 行。原文：“{quote}”",
            f"{ctx.where(p)}: the text says {c.count.number.text} at {c.level} level, but {c.table.key} has "
            f"{len(c.rows)} rows with {c.column} “{c.level}”. Text: “{quote}”")
        out.append(ctx.finding(RULE, message, p.paragraph.section, values, str(len(c.rows)), c.count.number.text,
                               table=c.table.key))
    return out
