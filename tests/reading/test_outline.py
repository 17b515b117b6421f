"""Headings of every common numbering scheme, nested as printed: 第N章 / 第N节 / 一、 / （一） / 1. / 1.1."""

from __future__ import annotations

import pytest

from keneng_audit.reading import read_text

PROSE = "学校坚持立德树人，持续提升人才培养质量，各项工作稳步推进，成效明显。"


def _sections(*headings: str) -> list[tuple[str, str]]:
    text = "".join(f"{h}\n{PROSE}\n" for h in headings)
    return [(s.number, s.title) for s in read_text("t.txt", text.encode("utf-8")).sections]


@pytest.mark.parametrize("headings, expected", [
    # 一、 restarts in each chapter and nests under it
    (["第一章 学校概况", "一、办学规模", "二、专业设置", "第二章 教师队伍", "一、队伍结构", "（一）专任教师"],
     [("第一章", "学校概况"), ("第一章一", "办学规模"), ("第一章二", "专业设置"), ("第二章", "教师队伍"),
      ("第二章一", "队伍结构"), ("第二章一（一）", "专任教师")]),
    # 第N节 between chapter and 一、
    (["第一章 人才培养", "第一节 立德树人", "一、思政教育", "第二节 在校体验", "一、满意度"],
     [("第一章", "人才培养"), ("第一章第一节", "立德树人"), ("第一章第一节一", "思政教育"),
      ("第一章第二节", "在校体验"), ("第一章第二节一", "满意度")]),
    # a chapter printed with Arabic digits, and with its title on the same line after no blank
    (["第1章学校概况", "一、办学规模", "第2章 教师队伍", "一、队伍结构"],
     [("第1章", "学校概况"), ("第1章一", "办学规模"), ("第2章", "教师队伍"), ("第2章一", "队伍结构")]),
    # no chapters: 一、 / （一） / 1.
    (["一、学校概况", "（一）办学规模", "1.在校生", "2.毕业生", "（二）专业设置", "二、人才培养"],
     [("一", "学校概况"), ("一（一）", "办学规模"), ("一（一）1", "在校生"), ("一（一）2", "毕业生"),
      ("一（二）", "专业设置"), ("二", "人才培养")]),
    # dotted
    (["1.学校概况", "1.1 办学规模", "1.2 专业设置", "2.人才培养", "2.1 立德树人"],
     [("1", "学校概况"), ("1.1", "办学规模"), ("1.2", "专业设置"), ("2", "人才培养"), ("2.1", "立德树人")]),
])
def test_every_common_scheme_nests_as_printed(headings, expected):
    assert _sections(*headings) == expected


def test_a_numbered_line_out_of_sequence_inside_a_chapter_is_running_text():
    # 三、 without 二、 in chapter 二 (a case study's own list) is no heading; 一、 before any chapter neither.
    got = _sections("一、前言", "第一章 学校概况", "一、办学规模", "三、成效", "第二章 教师队伍", "一、队伍结构")
    assert got == [("第一章", "学校概况"), ("第一章一", "办学规模"), ("第二章", "教师队伍"), ("第二章一", "队伍结构")]


def test_a_chapter_mentioned_in_a_sentence_is_not_a_heading():
    assert _sections("第一章 学校概况", "第二章中提到的数据，已在上文说明。", "第二章 教师队伍") == [
        ("第一章", "学校概况"), ("第二章", "教师队伍")]


def test_chapters_over_dotted_headings_are_sections_and_the_dotted_ones_follow_them():
    got = _sections("第一章 学校概况", "1.1 办学规模", "1.2 专业设置", "第二章 学生发展", "2.1 在校生", "2.2 毕业生",
                    "第三章 教师队伍", "3.1 队伍结构")
    assert got == [("第一章", "学校概况"), ("1.1", "办学规模"), ("1.2", "专业设置"), ("第二章", "学生发展"),
                   ("2.1", "在校生"), ("2.2", "毕业生"), ("第三章", "教师队伍"), ("3.1", "队伍结构")]


def test_a_spaced_chapter_heading_is_a_number_and_one_title():
    from keneng_audit.reading.outline import spaced_heading

    assert spaced_heading("2 教师队伍") == ("2", "教师队伍")
    assert spaced_heading("3 人才培养") == ("3", "人才培养")
    for line in ("3 个专业", "1 数据来源：学校统计", "2 招生、就业", "12 2024", "2024 年度", "2 教师 队伍", "5 人。"):
        assert spaced_heading(line) is None, line
