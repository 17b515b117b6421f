"""A `-layout` report whose table runs over a page under `续表 2-2` (tests/fixtures/layout-continued, the round-4
review's N6): the continuation joins its table, a sentence that opens with a year after a table is running text,
and a 合计 row printed with dashes under numbered rows is the table's total."""

from __future__ import annotations

from pathlib import Path

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.reading import read_report, read_text
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "layout-continued"


@pytest.fixture(scope="module")
def audits():
    packs = load_packs([rules_dir() / "national"])
    return {name: audit_report(HERE / f"{name}.txt", lang="zh", packs=packs) for name in ("consistent", "injected")}


def test_a_table_continued_under_xubiao_is_one_table_and_a_year_sentence_ends_the_one_above():
    doc = read_report(HERE / "consistent.txt")
    t21, t22 = doc.table("表2-1"), doc.table("表2-2")
    assert [r.label for r in t21.rows][-1] == "毕业生人数（人）" and t21.problems == []
    assert [r.label for r in t22.rows] == ["合计", "数控加工", "电气自动化设备安装与维修", "汽车维修", "工业机器人应用与维护"]
    assert t22.problems == [] and t22.cell("汽车维修", "在校生（人）").source.line == 34
    assert any(p.text.startswith("2024 年各专业在校生分布见表 2-2。") for p in doc.paragraphs)


def test_the_consistent_twin_is_silent(audits):
    assert [(f.rule, f.message) for f in audits["consistent"].findings if f.severity != "info"] == []


def test_the_share_after_the_page_break_and_the_partition_are_checked(audits):
    found = {(f.location.table, f.location.row, f.actual) for f in audits["injected"].findings if f.severity == "error"}
    assert ("表2-2", "汽车维修", "32.7") in found
    assert any(t == "表2-1" and row == "全日制在校生（人）" for t, row, _ in found)


@pytest.mark.parametrize("mark, last", [("续表 1-1", "合计"), ("续表", "合计"), ("续表 1-2", "续表1-2合计")])
def test_only_this_tables_continuation_is_skipped(mark, last):
    text = f"某校2024年质量年度报告\n一、概况\n表 1-1 在校生\n专业 人数（人）\n数控 120\n汽修 80\n{mark}\n合计 200\n"
    rows = [r.label for r in read_text("t.txt", text.encode("utf-8")).tables[0].rows]
    assert rows == ["数控", "汽修", last]  # another table's 续表 is not silently dropped


@pytest.mark.parametrize("total", ["合计", "合计 —", "总计 -", "小计"])
def test_a_total_row_without_a_serial_is_no_item_of_the_row_above(total):
    text = (f"某校2024年质量年度报告\n一、概况\n表1 在校生\n序号 专业名称 在校生（人） 排名\n1 机电 520 2\n2 电子商务 460 1\n"
            f"{total} 980 —\n学校专业结构合理，布局优化，服务地方产业发展。\n")
    doc = read_text("t.txt", text.encode("utf-8"))
    assert [r.parent for r in doc.tables[0].rows] == [None, None, None]


TWO_LEVEL = """                  青山职业技术学校 2024 年度质量报告

一、在校生情况
                        表 3-2  分专业大类在校生
    专业大类              2023 年                 2024 年
                     人数     占比（%）      人数     占比（%）
    装备制造大类      1,200       40.0     1,300       41.9
    电子与信息大类      950       31.7     1,010       32.6
    财经商贸大类        850       28.3       790       25.5
    合计              3,000      100.0     3,100      100.0

    2024 年全日制在校生 {students} 人，较上年增加 100 人，增长 3.3%，其中装备制造大类在校生人数最多，
达 1,300 人。
"""


def test_a_two_level_aligned_header_gives_each_year_all_its_columns_and_the_paragraph_after_is_prose():
    doc = read_text("t.txt", TWO_LEVEL.format(students="3,100").encode("utf-8"))
    [table] = doc.tables
    assert table.columns == ["专业大类", "2023年人数", "2023年占比（%）", "2024年人数", "2024年占比（%）"]
    assert [r.label for r in table.rows] == ["装备制造大类", "电子与信息大类", "财经商贸大类", "合计"]
    assert doc.paragraphs[-1].text.startswith("2024 年全日制在校生 3,100 人")
    packs = load_packs([rules_dir() / "national"])
    from keneng_audit.audit import audit_document

    assert [f.rule for f in audit_document(doc, packs).findings if f.severity != "info"] == []
    wrong = read_text("t.txt", TWO_LEVEL.format(students="3,010").encode("utf-8"))
    assert {f.rule for f in audit_document(wrong, packs).findings if f.severity == "error"} >= {"KA401"}
