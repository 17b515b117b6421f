"""KA430 (count vs the items listed with it) and KA431 (count vs the rows of a table)."""

from __future__ import annotations

import pytest

from tests.claims.docs import table
from tests.claims.kinds.helpers import run, summary


@pytest.mark.parametrize("text,expected", [
    ("学校共设 6 个工作组：教务组、学工组、后勤组、招就组、财务组。", [("error", "5", "6")]),
    ("学校共设 5 个工作组：教务组、学工组、后勤组、招就组、财务组。", []),
    ("学校共设 6 个工作组：教务组、学工组、后勤组、招就组、财务组等。", []),  # 等: the list goes on
    ("获得 4 项国家级奖项：甲奖、乙奖、丙奖、丁奖、戊奖。", [("error", "5", "4")]),
    ("表彰 3 人（张明、李华、王芳）。", []),
    ("表彰 4 人（张明、李华、王芳）。", [("error", "3", "4")]),
    ("出台 2 项制度，具体包括《学生管理办法》《教师考核办法》。", []),
    ("出台 3 项制度，具体包括《学生管理办法》《教师考核办法》。", [("error", "2", "3")]),
    # a 、 inside brackets separates no items; a last item joined by 和/及/与 may be two
    ("学校设有 3 个系部：机电系（含数控、焊接两个专业）、信息系、商贸系。", []),
    ("学校设有 4 个系部：机电系（含数控、焊接两个专业）、信息系、商贸系。", [("error", "3", "4")]),
    ("学校建成 4 个专业群，分别是智能制造、现代服务、信息技术和交通运输专业群。", []),
    ("学校建成 3 个专业群，分别是智能制造、现代服务、信息技术和交通运输专业群。", []),
    ("学校建成 5 个专业群，分别是智能制造、现代服务、信息技术和交通运输专业群。", [("error", "4", "5")]),
    ("学校建成 2 个专业群，分别是智能制造、现代服务、信息技术和交通运输专业群。", [("error", "3", "2")]),
    # the count expected is the nearer one: 5 listed when 和 joins two (review4 R4-13), not 4
    ("学校设有5个二级学院：智能制造学院、信息工程学院、商学院、艺术设计学院和健康管理学院。", []),
    ("学校设有6个二级学院：智能制造学院、信息工程学院、商学院、艺术设计学院和健康管理学院。", [("error", "5", "6")]),
])
def test_listed_count(text, expected):
    assert summary("KA430", text) == expected


def _awards(levels):
    return table("表5", "教师获奖一览表", ["序号", "奖项", "级别", "获奖教师"],
                 [[str(i + 1), f"奖项{i + 1}", level, f"教师{i + 1}"] for i, level in enumerate(levels)], first_line=300)


@pytest.mark.parametrize("text,levels,expected", [
    ("本年度教师获得 4 项国家级奖项。", ["国家级", "国家级", "国家级", "省级", "国家级"], []),
    ("本年度教师获得 4 项国家级奖项。", ["国家级", "国家级", "国家级", "省级", "省级"], [("error", "3", "4")]),
    ("本年度教师获得 2 项省级奖项。", ["国家级", "省级", "省级"], []),
    ("本年度学生获得 4 项国家级奖项。", ["国家级", "省级"], []),  # the table is about teachers
])
def test_count_against_table_rows(text, levels, expected):
    assert summary("KA431", text, tables=[_awards(levels)]) == expected


def test_count_against_table_rows_cites_each_row():
    found = run("KA431", "本年度教师获得 4 项国家级奖项。", tables=[_awards(["国家级", "省级", "国家级"])])
    assert found[0].location.lines == (10, 302, 306)


def test_no_level_column_no_check():
    plain = table("表5", "教师获奖一览表", ["序号", "奖项", "获奖教师"], [["1", "全国一等奖", "甲"]], first_line=300)
    assert summary("KA431", "本年度教师获得 4 项国家级奖项。", tables=[plain]) == []
