"""Small reports of another school for the reporter tests, written at test time (python-docx / plain text)."""

from __future__ import annotations

from pathlib import Path

import docx

TITLE = "山北县职业教育中心质量年度报告（2024）"
INTRO = "学校现有教职工 98 人，全日制在校生 360 人，本年度毕业生 412 人。"
# 表1: the 合计 row prints 380, its rows add up to 360 (a wrong total);
# 表2: 12 / 60 printed as 25% (a wrong share).
TABLES = [
    ("表 1 各专业在校生人数", [["专业", "人数"], ["数控技术应用", "120"], ["电子商务", "150"], ["护理", "90"],
                             ["合计", "380"]]),
    ("表 2 教师学历结构", [["学历", "人数", "比例"], ["研究生", "12", "25%"], ["本科", "48", "80%"],
                         ["合计", "60", "100%"]]),
]
TWIN_TABLES = [
    (TABLES[0][0], [["专业", "人数"], ["数控技术应用", "120"], ["电子商务", "150"], ["护理", "90"], ["合计", "360"]]),
    (TABLES[1][0], [["学历", "人数", "比例"], ["研究生", "12", "20%"], ["本科", "48", "80%"], ["合计", "60", "100%"]]),
]


def write_docx(out: Path, tables=TABLES) -> Path:
    """Title, one paragraph, and each table under its caption paragraph."""
    word = docx.Document()
    word.add_paragraph(TITLE)
    word.add_paragraph("一、学校概况")
    word.add_paragraph(INTRO)
    for caption, grid in tables:
        word.add_paragraph(caption)
        table = word.add_table(rows=len(grid), cols=len(grid[0]))
        for r, row in enumerate(grid):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    word.save(out)
    return out


def write_text(out: Path, tables=TABLES) -> Path:
    lines = [TITLE, "", "一、学校概况", "", INTRO, ""]
    for caption, grid in tables:
        lines += [caption, ""] + [" ".join(row) for row in grid] + [""]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


# A user's pack for these tables, written as the README documents rules (columns: and total: 合计).
PACK = """\
pack: shanbei
tables:
  sb_majors: {key: 表1, caption: 各专业在校生人数, columns: [人数]}
  sb_degrees: {key: 表2, caption: 教师学历结构, columns: [人数, 比例]}
rules:
  - id: KA9001
    name: majors-total
    severity: error
    kind: sum
    table: sb_majors
    params: {column: 人数, total: 合计}
    message: {zh: "{table}“{column}”各行合计 {actual}，但合计行为 {expected}", en: "{table} '{column}' adds up to {actual}, but the total row is {expected}"}
    description: {zh: 各专业人数之和等于合计, en: The majors add up to the total}
  - id: KA9002
    name: degree-share
    severity: error
    kind: share
    table: sb_degrees
    params: {percent: 比例, part: 人数, whole: {value: 60}}
    message: {zh: "{table} {row} 比例印刷为 {actual}，应为 {expected}", en: "{table} {row}: printed {actual}, expected {expected}"}
    description: {zh: 比例等于人数除以合计, en: The share is the count over the total}
"""
