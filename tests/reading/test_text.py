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


def test_paragraph_running_over_a_page_break_is_rejoined_even_after_a_short_line():
    # The page ends on a short piece of a sentence ("学校共有"), mid-word in the second case ("《合").
    doc = _doc(
        "1.概况\n\n学校位于山区，现有教职工 90 人，学校共有\n\n- 3 -\n\n 在校生 1200 人。\n\n"
        "制定《财务管理办法》《合\n 同管理办法》等 19 项制度。\n\n"
        "一、背景目标\n 学校地处山区，交通不便。\n"
    )
    texts = [p.text for p in doc.paragraphs]
    assert texts == ["学校位于山区，现有教职工 90 人，学校共有在校生 1200 人。",
                     "制定《财务管理办法》《合同管理办法》等 19 项制度。", "一、背景目标", "学校地处山区，交通不便。"]
    para = doc.paragraphs[0]
    assert para.source_at(para.text.index("1200")).line == 7
    assert ("1200", "人", 7) in [(f.number.text, f.unit, f.source.line) for f in doc.facts]


def test_short_paragraph_before_a_page_break_stays_when_the_next_page_opens_with_a_table_or_heading():
    doc = _doc("1.概况\n\n学校概况如下，详见各表\n\n- 3 -\n\n 1.1 基本情况\n\n学校共有\n\n- 4 -\n\n 表 1 人数\n类别 人数\n"
               "教师 90\n")
    assert [p.text for p in doc.paragraphs] == ["学校概况如下，详见各表", "学校共有"]
    assert [t.key for t in doc.tables] == ["表1"]


HEADED = """\
 某某职业学校2025年质量年度报告
1.学校概况

学校现有在校生 1200 人，教职工 90 人，比
 某某职业学校2025年质量年度报告
上年增加 5 人。

表 1 在校生
专业 2024 年 2023 年
 某某职业学校2025年质量年度报告
数控技术应用 120 100
会计事务 80 70

表 2 在校生（续）
专业 2024 年 2023 年
数控技术应用 120 100
 数控技术应用 120 100
会计事务 80 70
"""


def test_running_header_at_page_tops_is_dropped_but_a_repeated_table_row_is_kept():
    lines = [t.strip() for t in HEADED.split("\n")]
    assert sorted(i + 1 for i in find_furniture(lines, {0, 4, 9, 16})) == [1, 5, 10]
    doc = _doc(HEADED)
    assert [p.text for p in doc.paragraphs] == ["学校现有在校生 1200 人，教职工 90 人，比上年增加 5 人。"]
    t1, t2 = doc.tables
    assert [r.label for r in t1.rows] == ["数控技术应用", "会计事务"]
    # The row printed twice (here once at a page start) is data, not a header: both copies stay.
    assert [(r.label, r.source.line) for r in t2.rows] == [("数控技术应用", 16), ("数控技术应用#2", 17), ("会计事务", 18)]


def test_a_line_opening_only_two_pages_or_a_table_header_row_is_not_a_running_header():
    lines = ["表 1 人数", "类别 人数 比例 说明文字", "教师 90 75% 无", "表 2 人数", "类别 人数 比例 说明文字", "教师 90 75% 无",
             "表 3 人数", "类别 人数 比例 说明文字", "教师 90 75% 无", "学校简介学校简介", "正文", "学校简介学校简介"]
    assert find_furniture(lines, {1, 4, 7, 9, 11}) == set()
    # A list item that happens to open three pages is body text; so is a line opening 3 pages out of 12.
    lines = ["一、背景目标", "正文。"] * 3 + ["学校简介学校简介", "正文。"] * 3 + ["正文。", "正文。"] * 6
    assert find_furniture(lines, set(range(0, 24, 2))) == set()


def test_indenting_every_line_marks_no_pages():
    # Every line printed with a leading blank: no line is a page start, so short lines still end paragraphs
    # and a line repeated on every "page" is not taken for a running header.
    doc = _doc("\n".join([" 学校概况，如下", " 学校共有在校生 1200 人。"] * 4))
    assert [p.text for p in doc.paragraphs] == ["学校概况，如下", "学校共有在校生 1200 人。"] * 4


CHAPTERS_WITHOUT_SUBHEADINGS = """\
某某职业技术学院质量年度报告（2024年度）

1. 学院概况

1.1 基本情况

学院现有全日制在校生 3900 人。

表1 各专业在校生情况
专业名称 2023年（人） 2024年（人）
机电一体化技术 1020 1104
合计 3600 3900

2. 师资队伍

学院现有教职工 290 人。

表2 师资队伍结构
项目 2023年（人） 2024年（人）
教职工总数 268 290
专任教师 200 216

3 经费收支

表3 学院经费收入情况
项目 2023年（万元） 2024年（万元）
财政拨款 6900.20 7105.30

4. 学生发展

4.1 就业质量

2024 届毕业生 1200 人，就业 1170 人。
"""


def test_a_chapter_with_no_subheadings_of_its_own_closes_the_table_above():
    """`2. 师资队伍` and `3 经费收支` have no 2.1 or 3.1 (the next dotted heading is 4.1): they are chapters, not
    rows `2.` and `3` of the tables above them (a new user's report lost 表3 and every section after 1.1)."""
    doc = _doc(CHAPTERS_WITHOUT_SUBHEADINGS)
    assert [(s.number, s.title) for s in doc.sections] == [
        ("1", "学院概况"), ("1.1", "基本情况"), ("2", "师资队伍"), ("3", "经费收支"), ("4", "学生发展"), ("4.1", "就业质量")]
    assert {t.key: [r.label for r in t.rows] for t in doc.tables} == {
        "表1": ["机电一体化技术", "合计"], "表2": ["教职工总数", "专任教师"], "表3": ["财政拨款"]}
    assert [t.section for t in doc.tables] == ["1.1", "2", "3"]


def test_a_title_wrapped_after_the_schools_name_is_joined_and_a_body_line_is_not():
    doc = _doc("某某职业技术学院\n2024 年质量年度报告\n\n1.学院概况\n\n学院现有在校生 3900 人。\n")
    assert doc.title == "某某职业技术学院2024年质量年度报告"
    doc = _doc("学院现有在校生 3900 人，专任教师 216 人。\n某某职业技术学院2024年质量年度报告\n\n1.学院概况\n")
    assert doc.title == "某某职业技术学院2024年质量年度报告"  # a sentence above is not the title's first line


def test_a_list_item_numbered_like_the_next_chapter_does_not_take_its_place():
    """`1.课程改革`, `2.课程设置` is a list in 1.2; `2 师资队伍` after it is chapter 2 (review: the list's second
    item became chapter 2, and the findings of 师资队伍 were placed under '§2 课程设置')."""
    doc = _doc("某某学校质量年度报告（2024）\n1 学校概况\n1.1 基本情况\n学校创办于1985年。\n1.2 专业建设\n"
               "学校重点做了以下工作。\n1.课程改革\n学校修订人才培养方案12个。\n2.课程设置\n学校开设专业12个。\n"
               "2 师资队伍\n学校共有教职工100人。\n3 经费收支\n3.1 经费收入\n学校总收入3,000万元。\n")
    assert [(s.number, s.title) for s in doc.sections] == [
        ("1", "学校概况"), ("1.1", "基本情况"), ("1.2", "专业建设"), ("2", "师资队伍"), ("3", "经费收支"),
        ("3.1", "经费收入")]
