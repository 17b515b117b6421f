"""A chapter heading printed straight after a table (`2 教师队伍`, `第二部分 …`, `二、…`) closes the table, in text
and in DOCX; a list whose numbered rows look like such headings stays whole (tests/fixtures/heading-after-table)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest

from keneng_audit.audit import audit_report
from keneng_audit.reading import read_report, read_text
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "heading-after-table"
INJECTED = json.loads((HERE / "injected.json").read_text(encoding="utf-8"))

REPORT = """南山职业学校2024年质量年度报告
{first}
表1 近两年在校生
指标 2023年 2024年
全日制在校生（人） 4,800 5,200
专任教师（人） 250 260
{second}
学校有专任教师 260 人，其中“双师型”教师 182 人，占专任教师的 75.0%。
"""


@pytest.fixture(scope="module")
def audits():
    packs = load_packs([rules_dir() / "national"])
    return {name: audit_report(HERE / f"{name}.txt", lang="zh", packs=packs) for name in ("consistent", "injected")}


@pytest.mark.parametrize("first, second, sections", [
    ("1 学校概况", "2 教师队伍", [("1", "学校概况"), ("2", "教师队伍")]),
    ("一、学校概况", "二、教师队伍", [("一", "学校概况"), ("二", "教师队伍")]),
    ("第一部分 学校概况", "第二部分 教师队伍", [("第一部分", "学校概况"), ("第二部分", "教师队伍")]),
])
def test_a_heading_after_a_table_is_a_section_and_its_sentence_a_paragraph(first, second, sections):
    doc = read_text("t.txt", REPORT.format(first=first, second=second).encode("utf-8"))
    [table] = doc.tables
    assert [r.label for r in table.rows] == ["全日制在校生（人）", "专任教师（人）"] and table.problems == []
    assert [(s.number, s.title) for s in doc.sections] == sections
    assert doc.paragraphs[-1].text.startswith("学校有专任教师 260 人") and doc.paragraphs[-1].section == sections[1][0]


def test_the_fixture_reads_every_chapter_and_keeps_the_numbered_list_whole():
    doc = read_report(HERE / "consistent.txt")
    assert [(s.number, s.title) for s in doc.sections] == [
        ("1", "学校概况"), ("2", "教师队伍"), ("3", "学生发展"), ("4", "就业质量"), ("5", "经费保障")]
    rows = {t.key: [r.label for r in t.rows] for t in doc.tables}
    assert rows["表2-1"] == ["实训基地建设", "师资培训", "合计"]  # `3 学生发展` continues the serials, not the list
    assert rows["表3-1"] == ["就业", "升学", "其他", "合计"]
    # Rows 5 and 6 of the list come where chapters 5 and 6 could: they are rows, and `5 经费保障` is not.
    assert [r.serial for r in doc.tables[3].rows] == ["1", "2", "3", "4", "5", "6"]
    assert doc.tables[3].rows[4].label == "南山数控设备有限公司"
    assert all(t.problems == [] for t in doc.tables)
    # A 合计 row without a serial under numbered rows is the table's total, not an item of the row above it.
    assert doc.tables[1].rows[2].parent is None


def test_the_consistent_twin_is_silent(audits):
    assert [(f.rule, f.message) for f in audits["consistent"].findings] == []


@pytest.mark.parametrize("item", INJECTED, ids=[f"{i['where']}-{i['line']}" for i in INJECTED])
def test_each_injected_value_is_found_on_its_line(audits, item):
    found = [f for f in audits["injected"].findings if f.severity == "error" and item["line"] in f.location.lines]
    assert found and all(f.actual in (item["printed"], item["printed"] + "%") for f in found if f.rule != "KA401"), \
        [(f.rule, f.actual, f.location.lines) for f in audits["injected"].findings]
    where = item["where"]
    assert any((f.location.table == where) if where.startswith("表") else (f.location.section == where[1:])
               for f in found)


def test_nothing_else_is_found(audits):
    lines = {i["line"] for i in INJECTED}
    assert [f.rule for f in audits["injected"].findings if not lines & set(f.location.lines)] == []


def _word(second: str, styled: bool) -> bytes:
    word = docx.Document()
    word.add_paragraph("南山职业学校2024年质量年度报告")
    word.add_heading("1 学校概况", 1)
    word.add_paragraph("表1 近两年在校生")
    table = word.add_table(rows=3, cols=3)
    for r, row in enumerate([["指标", "2023年", "2024年"], ["全日制在校生（人）", "4,800", "5,200"],
                             ["专任教师（人）", "250", "260"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    if styled:
        word.add_heading(second, 1)
    else:
        word.add_paragraph(second)
    word.add_paragraph("学校有专任教师 260 人，其中“双师型”教师 182 人，占专任教师的 75.0%。")
    buf = io.BytesIO()
    word.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("styled", [True, False])
def test_a_word_heading_after_a_table_is_no_note_of_the_table(tmp_path, styled):
    path = tmp_path / "h.docx"
    path.write_bytes(_word("2 教师队伍", styled))
    doc = read_report(path)
    assert doc.tables[0].problems == []  # notes under a Word table are told in its problems
    assert [(s.number, s.title) for s in doc.sections] == [("1", "学校概况"), ("2", "教师队伍")]
    assert doc.paragraphs[-1].text.startswith("学校有专任教师 260 人")
    packs = load_packs([rules_dir() / "national"])
    found = audit_report(path, lang="zh", packs=packs).findings
    # 182 / 260 = 70.0%: the share's check and the agreement of 双师型教师比例 are one finding (KA401, also KA410)
    assert [(f.rule, f.also, f.location.section) for f in found if f.rule == "KA401"] == \
        [("KA401", (("KA410", "sentence-share"),), "2")]
