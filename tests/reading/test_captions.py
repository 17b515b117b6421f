"""Captions above or below their tables, in any cell separation (tabs, runs of blanks, single blanks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.reading import read_text
from keneng_audit.reading.captions import is_caption, is_table_line
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

ROWS = Path(__file__).resolve().parents[1] / "fixtures" / "review-rows"
ROWS_INJECTED = json.loads((ROWS / "injected.json").read_text(encoding="utf-8"))
FOUND_BY = {"sum": "inferred-sum", "share": "inferred-share", "subset": "inferred-subset", "sentence-share": "KA410"}


def _doc(text: str):
    return read_text("t.txt", text.encode("utf-8"))


def _tables(text: str) -> dict[str, list[str]]:
    return {t.key: [r.label for r in t.rows] for t in _doc(text).tables}


BELOW_SINGLE_BLANKS = """\
一、办学规模

学校近三年规模稳定。

年份 在校生（人） 招生（人）
2022年 1850 640
2023年 1930 690
表1 近三年办学规模

学校开设 4 个专业，较上年增加 1 个。

专业 人数（人） 占比（%）
旅游 620 50.0
烹饪 620 50.0
表2 各专业在校生

二、教师队伍

项目 人数（人）
专任教师 120
兼职教师 25
表3 教师情况
"""


def test_captions_below_tables_of_single_blanks_take_the_rows_above_them():
    doc = _doc(BELOW_SINGLE_BLANKS)
    assert {t.key: [r.label for r in t.rows] for t in doc.tables} == {
        "表1": ["2022年", "2023年"], "表2": ["旅游", "烹饪"], "表3": ["专任教师", "兼职教师"]}
    assert doc.tables[0].columns == ["年份", "在校生（人）", "招生（人）"]
    assert [(t.key, t.section) for t in doc.tables] == [("表1", "一"), ("表2", "一"), ("表3", "二")]


def test_tables_printed_one_after_another_with_captions_below_each_keep_their_own_rows():
    text = ("项目 人数（人）\n专任教师 120\n兼职教师 25\n表1 教师情况\n"
            "项目 金额（元）\n人员经费 1,200.00\n公用经费 800.00\n表2 经费情况\n"
            "学校经费来源稳定，各项经费按预算执行，保障有力，运行平稳。\n")
    assert _tables(text) == {"表1": ["专任教师", "兼职教师"], "表2": ["人员经费", "公用经费"]}


def test_captions_above_stay_above_when_the_next_table_follows_directly():
    text = ("表1 教师情况\n项目 人数（人）\n专任教师 120\n兼职教师 25\n"
            "表2 经费情况\n项目 金额（元）\n人员经费 1,200.00\n公用经费 800.00\n"
            "学校经费来源稳定，各项经费按预算执行，保障有力，运行平稳。\n")
    assert _tables(text) == {"表1": ["专任教师", "兼职教师"], "表2": ["人员经费", "公用经费"]}


def test_a_report_may_print_some_captions_above_and_some_below():
    text = ("表1 教师情况\n项目 人数（人）\n专任教师 120\n兼职教师 25\n"
            "学校经费来源稳定，各项经费按预算执行，保障有力，运行平稳。\n"
            "项目 金额（元）\n人员经费 1,200.00\n公用经费 800.00\n表2 经费情况\n"
            "学校办学条件持续改善，实训设备总值稳步增长，满足教学需要。\n")
    assert _tables(text) == {"表1": ["专任教师", "兼职教师"], "表2": ["人员经费", "公用经费"]}


@pytest.mark.parametrize("line, expected", [
    ("专业 人数（人） 占比（%）", True),
    ("旅游服务与管理 620 30.8", True),
    ("人员经费\t12,600,000.00\t63.2", True),
    ("学校有专任教师 120 人，其中“双师型”教师 84 人。", False),
    ("学校开设旅游服务与管理、高星级饭店运营与管理、中餐烹饪、会计事务 4 个专业", False),
    ("表1 近三年办学规模", False),
    ("专任教师", False),
])
def test_a_table_line_is_told_from_running_text(line, expected):
    assert is_table_line(line, line.replace("\t", " ")) is expected


@pytest.fixture(scope="module", params=["\t", " ", "    "], ids=["tabs", "single-blanks", "unaligned-blanks"])
def rows_audits(request, tmp_path_factory):
    """The review-rows fixture (captions below, 第一章 / 一、 headings) with its cells separated by tabs or
    by single blanks."""
    out = tmp_path_factory.mktemp("rows")
    packs = load_packs([rules_dir() / "national"])
    audits = []
    for name in ("consistent.txt", "injected.txt"):
        path = out / name
        path.write_text((ROWS / name).read_text("utf-8").replace("\t", request.param), "utf-8")
        audits.append(audit_report(path, lang="zh", packs=packs))
    return audits


def test_the_twin_is_silent_and_every_table_is_read_whatever_separates_the_cells(rows_audits):
    consistent, _ = rows_audits
    assert consistent.tables_read == 4
    assert [(f.rule, f.message) for f in consistent.findings if f.severity != "info"] == []


@pytest.mark.parametrize("item", [i for i in ROWS_INJECTED if i["kind"] in FOUND_BY],
                         ids=lambda i: f"{i['table']}-{i['kind']}-{i['line']}")
def test_each_injected_error_is_found_at_its_table_and_line_whatever_separates_the_cells(rows_audits, item):
    _, injected = rows_audits
    # a finding of the kind, or one the diagnosis points at the very cell (several relations blame it at once)
    found = [f for f in injected.findings if item["line"] in f.location.lines
             and (FOUND_BY[item["kind"]] in (f.name, f.rule, *(n for pair in f.also for n in pair))
                  or (f.location.row, f.location.column, f.actual) == (item.get("row"), item.get("column"),
                                                                       item["printed"]))
             and (item["table"] == "prose" or f.location.table == item["table"])]
    assert found, [(f.rule, f.name, f.location.table, f.location.lines) for f in injected.findings]


def test_findings_land_under_the_chapter_and_its_sub_heading(rows_audits):
    doc_sections = {f.location.section for f in rows_audits[1].findings}
    assert None not in doc_sections


@pytest.mark.parametrize("line, expected", [
    ("表一 近三年办学规模", ("表1", "近三年办学规模")),
    ("表十二 专任教师结构", ("表12", "专任教师结构")),
    ("附表三 教学资源表", ("附表3", "教学资源表")),
    ("表 2－3 分专业大类在校生情况", ("表2-3", "分专业大类在校生情况")),
    ("表一、二所示数据均来自学校统计", None),
    ("表明学校办学规模稳定", None),
])
def test_captions_numbered_in_digits_or_chinese_numerals(line, expected):
    assert is_caption(line) == expected


@pytest.mark.parametrize("line,unit", [
    ("表 4 学校经费收入情况（万元）", "万元"),
    ("表4 社会培训情况(人次)", "人次"),
    ("表2-1 在校生情况（单位：人）", "人"),
    ("表3 近两年经费情况        单位：万元", "万元"),
    ("表5 “双师型”教师情况（2024年）", None),  # a year in brackets is no unit
    ("表6 招生情况（中职）", None),
])
def test_a_caption_gives_its_table_a_unit(line, unit):
    from keneng_audit.reading.captions import caption_unit

    assert caption_unit(line) == unit
