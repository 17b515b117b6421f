"""Tests for the text pipeline: page furniture, headings and the outline, paragraphs, tables' ends, title."""

from __future__ import annotations

from keneng_audit.document import SourceRef
from keneng_audit.reading.text import find_furniture, read_text_lines


def _doc(text: str):
    lines = [(line, SourceRef(i)) for i, line in enumerate(text.split("\n"), start=1)]
    return read_text_lines(lines, "t.txt", "text")


REPORT = """\
 某某职业学校质量年度报告
（2025）

1.学校概况

学校位于山区，现有在校生 1200 人，比上
年增加 100 人。

 1.1 基本情况

学校占地 50 亩。
某某职业学校 质量年度报告（2025）

- 3 -

学校建有实训室 12 个，设备总值 300.5
万元。

1.行业调研与需求分析

2.课程设置与模块化设计

这两行是列表，不是标题。
某某职业学校 质量年度报告（2025）

- 4 -

表 1 教职工情况
类别 人数 比例
专任教师 90 75%
行政人员 30 25%
1.2 专业建设

本年度新增专业 2 个。
2.人才培养

2.1 立德树人

案例 1 一个案例
一、背景目标
"""


def test_title_and_furniture():
    doc = _doc(REPORT)
    assert doc.title == "某某职业学校质量年度报告（2025）"
    texts = [line for line in REPORT.split("\n")]
    dropped = sorted(i + 1 for i in find_furniture([t.strip() for t in texts]))
    assert dropped == [12, 14, 24, 26]


def test_headings_fit_the_outline():
    doc = _doc(REPORT)
    assert [(s.number, s.title, s.source.line) for s in doc.sections] == [
        ("1", "学校概况", 4), ("1.1", "基本情况", 9), ("1.2", "专业建设", 32), ("2", "人才培养", 35),
        ("2.1", "立德树人", 37),
    ]


def test_paragraphs_rejoin_hard_wraps_across_page_furniture():
    doc = _doc(REPORT)
    texts = [p.text for p in doc.paragraphs]
    assert "学校位于山区，现有在校生 1200 人，比上年增加 100 人。" in texts
    assert "学校建有实训室 12 个，设备总值 300.5万元。" in texts
    assert not any("质量年度报告（2025）" in t or "- 3 -" in t for t in texts)
    para = next(p for p in doc.paragraphs if p.text.startswith("学校位于山区"))
    assert para.source_at(para.text.index("100")).line == 7


def test_table_ends_at_heading():
    doc = _doc(REPORT)
    (table,) = doc.tables
    assert (table.key, table.caption, table.section) == ("表1", "教职工情况", "1.1")
    assert [r.label for r in table.rows] == ["专任教师", "行政人员"]


def test_prose_facts_carry_section_and_line():
    doc = _doc(REPORT)
    got = [(f.number.text, f.unit, f.section, f.source.line) for f in doc.facts]
    assert ("1200", "人", "1", 6) in got
    assert ("100", "人", "1", 7) in got
    assert ("300.5", "万元", "1.1", 16) in got
    assert ("2", "个", "1.2", 34) in got
    assert not any(text == "1" for text, *_ in got)  # "案例 1" is a reference, not a quantity


def test_table_ends_at_a_body_paragraph_and_at_figures():
    text = (
        "1.概况\n\n表 2 收入\n年度 收入（万元）\n2023 100.5\n2024 120\n"
        "本年度学校总收入较上一年度有明显增长，主要来自财政拨款，也来自社会培训收入。\n"
        "表 3 另一表\n类别 数量\n甲 1\n图 1 一张图\n乙 2\n"
    )
    doc = _doc(text)
    t2, t3 = doc.tables
    assert [r.label for r in t2.rows] == ["2023", "2024"]
    assert t2.cell("2023", "收入（万元）").number.unit == "万元"
    assert [r.label for r in t3.rows] == ["甲"]
    assert any(p.text.startswith("本年度学校总收入") for p in doc.paragraphs)
