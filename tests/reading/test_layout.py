"""The layout fixture (pdftotext -layout style, another school) reads completely, as text and as DOCX."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from keneng_audit.cli import main
from keneng_audit.reading import read_report, read_text
from keneng_audit.reading.layout import segments
from tests import make_layout_fixture as fixture

REPORT = fixture.FIXTURE / "report.txt"
EXPECTED = fixture.FIXTURE / "expected"


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture(scope="module")
def doc():
    return read_report(REPORT)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    out = tmp_path_factory.mktemp("extract")
    result = CliRunner().invoke(main, ["extract", str(REPORT), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_the_fixture_files_are_what_the_generator_writes():
    for name, text in fixture.files().items():
        assert (fixture.FIXTURE / name).read_text("utf-8") == text, f"{name}: run python -m tests.make_layout_fixture"


def test_the_fixture_is_printed_in_the_layout_it_stands_for():
    text = REPORT.read_text("utf-8")
    assert text.count("\f") == 3 and "第 2 页 共 4 页" in text and "\n\n" not in text
    assert "表 2-3 分专业大类在校生情况" in text and '"双师型"' in text and "“" not in text
    assert "12,345,678.90" in text


def test_every_table_is_extracted_cell_by_cell(extracted):
    expected = sorted(p.name for p in EXPECTED.glob("*表*.csv"))
    assert sorted(p.name for p in extracted.glob("*表*.csv")) == expected
    for name in expected:
        got = _rows(extracted.joinpath(name).read_text("utf-8-sig"))
        want = _rows(EXPECTED.joinpath(name).read_text("utf-8"))
        assert got[0] == want[0], name
        assert len(got) == len(want), name
        for got_row, want_row in zip(got[1:], want[1:]):
            assert got_row == want_row, name


def test_every_cell_stands_on_the_line_it_was_printed_on(doc):
    expected = list(csv.DictReader(io.StringIO((EXPECTED / "cells.csv").read_text("utf-8"))))
    assert len(expected) > 100
    for want in expected:
        table = doc.table(want["table"])
        cell = table.cell(want["row"], want["column"])
        assert cell is not None, want
        assert (cell.text, cell.source.line) == (want["text"], int(want["line"])), want
    assert sum(len(r.cells) for t in doc.tables for r in t.rows) == len(expected)


def test_sections_captions_keys_and_period_axes(doc):
    outline = list(csv.DictReader(io.StringIO((EXPECTED / "outline.csv").read_text("utf-8"))))
    sections = [(r["key"], r["title"], int(r["line"])) for r in outline if r["kind"] == "section"]
    assert [(s.number, s.title, s.source.line) for s in doc.sections] == sections
    tables = [(r["key"], r["title"], int(r["line"]), r["extra"] or None) for r in outline if r["kind"] == "table"]
    assert sorted((t.key, t.caption, t.source.line, t.period_axis) for t in doc.tables) == sorted(tables)
    assert doc.title == "江北财贸职业学校质量年度报告（2024）"
    assert doc.table("表2-3").section == "二（一）2" and doc.table("表2-4").section == "二（二）"
    assert not any(t.problems for t in doc.tables)


def test_units_from_captions_notes_and_headers_are_carried_on_each_value(doc):
    money = doc.table("表4-1")
    assert money.unit == "元"
    cell = money.cell("财政拨款", "2023年")
    assert (cell.value, cell.number.decimals, cell.number.unit) == (12345678.9, 2, "元")
    assert doc.table("表2-1").cell("2024", "在校生人数").number.unit == "人"
    rate = doc.table("表2-3").cell("财经商贸大类", "增加比率（%）")
    assert (rate.number.kind, rate.value) == ("percent", 5.9)
    assert doc.table("表3-1").row('"双师型"教师').parent == "专任教师"


def test_page_furniture_is_not_read_as_text(doc):
    text = " ".join(p.text for p in doc.paragraphs)
    assert "第 1 页" not in text and "质量年度报告（2024）" not in text
    # The paragraph cut by the first page end is one paragraph.
    assert any("均较上一年有所提高" in p.text and "方案修订" in p.text for p in doc.paragraphs)


def test_the_consistent_fixture_is_silent_and_a_curly_quoted_rule_finds_its_straight_quoted_rows():
    result = CliRunner().invoke(main, ["check", str(REPORT), "--format", "json", "--fail-on", "warning"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)["reports"][0]["findings"]
    assert not [f for f in findings if f["severity"] != "info"]
    assert not [f for f in findings if f["rule"] == "KA121"]  # "“双师型”教师比例" found, evaluated, holds


def test_segments_keep_single_blanks_and_count_wide_characters_twice():
    assert [(s.start, s.text) for s in segments("  王 芳    教育部  12")] == [(2, "王 芳"), (11, "教育部"), (19, "12")]


def test_docx_twin_with_heading_styles_gives_the_same_sections_and_tables(doc, tmp_path):
    twin = read_report(fixture.write_docx(tmp_path / "layout.docx"))
    assert [(s.number, s.title) for s in twin.sections] == [(s.number, s.title) for s in doc.sections]
    assert [(t.key, t.caption, t.unit) for t in twin.tables] == [(t.key, t.caption, t.unit) for t in doc.tables]
    for mine, theirs in zip(doc.tables, twin.tables):
        assert theirs.columns == mine.columns, mine.key
        assert theirs.texts().to_dict() == mine.texts().to_dict(), mine.key
        assert theirs.period_axis == mine.period_axis


@pytest.mark.parametrize("lines, columns, rows", [
    # Word or a spreadsheet saved as text: one tab between cells, cells of any width, caption below
    (["专业\t人数（人）\t占比（%）", "合计\t2010\t100.0", "旅游服务与管理\t620\t30.8", "中餐烹饪\t1390\t69.2"],
     ["专业", "人数（人）", "占比（%）"],
     [["合计", "2010", "100.0"], ["旅游服务与管理", "620", "30.8"], ["中餐烹饪", "1390", "69.2"]]),
    # years as rows, a header whose cells are wider than the values under them
    (["年份\t在校生（人）\t招生（人）\t毕业生（人）", "2023年\t1930\t690\t600", "2024年\t2010\t720\t630"],
     ["年份", "在校生（人）", "招生（人）", "毕业生（人）"],
     [["2023年", "1930", "690", "600"], ["2024年", "2010", "720", "630"]]),
    # an empty cell is two tabs; a 其中 row keeps its words
    (["项目\t2024年\t2023年", "专任教师\t120\t110", "其中：“双师型”教师\t\t80", "兼职教师\t25\t20"],
     ["项目", "2024年", "2023年"],
     [["专任教师", "120", "110"], ["其中：“双师型”教师", "", "80"], ["兼职教师", "25", "20"]]),
])
def test_tab_separated_tables_are_read_by_cell_index(tmp_path, lines, columns, rows):
    path = tmp_path / "report.txt"
    path.write_text("\n".join(["某某学校2024年质量年度报告", "", "一、概况", "", *lines, "表1 某某情况", ""]),
                    encoding="utf-8")
    table = read_report(path).tables[0]
    assert table.columns == columns
    assert [[r.cells[c].text if c in r.cells else "" for c in columns] for r in table.rows] == rows


def test_docx_headings_marked_by_style_or_outline_level_are_sections_without_printed_numbers(tmp_path):
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    word = docx.Document()
    word.add_paragraph("某某学校质量年度报告（2024）")
    word.add_heading("学校概况", level=1)
    word.add_heading("办学基本情况", level=2)
    word.add_paragraph("学校现有在校生 1200 人。")
    word.add_heading("专业设置", level=2)
    marked = word.add_paragraph("学生发展")  # a plain paragraph given outline level 1 directly
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "0")
    marked._p.get_or_add_pPr().append(level)
    word.add_paragraph("表 1 在校生情况")
    table = word.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "年度", (0, 1): "人数", (1, 0): "2024", (1, 1): "1200"}.items():
        table.cell(r, c).text = text
    path = word.save(tmp_path / "styled.docx") or tmp_path / "styled.docx"
    doc = read_report(path)
    assert [(s.number, s.title) for s in doc.sections] == [
        ("1", "学校概况"), ("1.1", "办学基本情况"), ("1.2", "专业设置"), ("2", "学生发展")]
    assert doc.table("表1").section == "2" and doc.facts[0].section == "1.1"


def _layout_table(text: str):
    from keneng_audit.document import SourceRef
    from keneng_audit.reading.tables import table_from_lines

    lines = [(line, SourceRef(n)) for n, line in enumerate(text.splitlines(), start=10)]
    return table_from_lines("表1", "测试", SourceRef(9), None, lines)


def test_a_label_wrapped_above_its_values_joins_the_row_below_and_a_tie_is_named():
    centred = _layout_table("  类别                      人数\n"
                            "  电子与信息大类（含电子\n"
                            "  商务）                      850\n"
                            "  文化艺术大类                500\n")
    assert [r.label for r in centred.rows] == ["电子与信息大类（含电子商务）", "文化艺术大类"]
    assert centred.rows[0].source.line == 11 and centred.cell("文化艺术大类", "人数").source.line == 13
    assert centred.problems == []
    # "其他说明" alone on its line reads as well with the row above as with the row below: named, joined above.
    tie = _layout_table("  类别          人数\n"
                        "  甲类项目        12\n"
                        "  其他说明\n"
                        "  乙类项目        30\n")
    assert [r.label for r in tie.rows] == ["甲类项目其他说明", "乙类项目"]
    assert tie.problems and tie.problems[0].startswith("第 12 行：只印有行名的一部分，无法确定属于上一行还是下一行")


def test_tab_separated_rows_are_read_by_cell_index_and_their_captions_below_found():
    # From branch reader2 (312fad4): its test holds on main; its code change (tabs no longer mark aligned
    # columns) was not taken, as it lost the tab-separated tables whose caption is printed below them.
    table = _layout_table("类别\t人数\t比例（%）\n教师\t90\t7.0\n学生\t1200\t93.0\n")
    assert table.columns == ["类别", "人数", "比例（%）"]
    assert table.cell("学生", "人数").text == "1200"
    doc = read_text("t.txt", "类别\t人数\t比例（%）\n教师\t90\t7.0\n学生\t1200\t93.0\n表1 人员构成\n".encode("utf-8"))
    assert [(t.key, [r.label for r in t.rows]) for t in doc.tables] == [("表1", ["教师", "学生"])]


_MAJORS = [("1", "数控加工", "312", "298", "885"), ("2", "汽车维修", "245", "231", "702")]


def _total_table(total: str, first: bool, sep: str) -> str:
    """表1-1 with a 序号 column and its 合计 line (`total`: the line as printed) first or last."""
    rows = [sep.join(r) for r in _MAJORS]
    rows = [total, *rows] if first else [*rows, total]
    return ("某某技工学校质量年度报告（2024）\n第一章 学校概况\n第一节 办学规模\n学校现有在校生 1587 人。\n"
            "表1-1 各专业在校生情况（单位：人）\n" + sep.join(["序号", "专业名称", "一年级", "二年级", "合计"]) + "\n"
            + "\n".join(rows) + "\n\n学校坚持立德树人。\n")


@pytest.mark.parametrize("total,first,sep", [
    ("      合计        557     529     1587", True, "      "),  # aligned, its 序号 cell empty
    ("合计\t557\t529\t1587", True, "\t"),  # TAB: 合计 merged across 序号 and 专业名称, one cell short
    ("合计\t557\t529\t1587", False, "\t"),
    ("合计        557     529     1587", False, "      "),  # 合计 in the 序号 column, last
])
def test_a_total_line_beside_numbered_rows_is_a_row_of_its_own(total, first, sep):
    """A new user's 技工院校 printed 合计 first in every table with a 序号 column: each 合计 was merged into
    row 1 (`合计数控加工`, `1210 312`), only KA002 said so, and every total went unchecked."""
    table = read_text("r.txt", _total_table(total, first, sep).encode("utf-8")).table("表1-1")
    rows = [(r.label, r.serial, r.cells["合计"].value) for r in table.rows]
    expected = [("数控加工", "1", 885.0), ("汽车维修", "2", 702.0)]
    assert rows == ([("合计", None, 1587.0), *expected] if first else [*expected, ("合计", None, 1587.0)])
    assert table.problems == []
