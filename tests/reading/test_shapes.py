"""Table shapes of text without aligned columns: headers wrapped at a bracket, one cell per line, 序号 before a
code, a short sentence after a table; each read, or named in KA002 when it cannot be."""

from __future__ import annotations

from keneng_audit.document import SourceRef
from keneng_audit.reading import read_text
from keneng_audit.reading.tables import table_from_lines


def _table(text: str, first_line: int = 11):
    lines = [(line, SourceRef(first_line + i)) for i, line in enumerate(text.split("\n")) if line]
    return table_from_lines("表1", "测试", SourceRef(first_line - 1), "一", lines)


WRAPPED = """年度 全日制在校生 其中：女生（ 较上年增加（ 增长率（%）
{second}
2023年 11,350 5,120 410 3.7
2024年 11,920 5,390 570 5.0"""


def test_a_header_wrapped_at_open_brackets_is_rejoined_by_bracket_balance():
    t = _table(WRAPPED.format(second="（人） 人） 人）"))
    assert t.columns == ["年度", "全日制在校生（人）", "其中：女生（人）", "较上年增加（人）", "增长率（%）"]
    assert t.cell("2024年", "较上年增加（人）").value == 570
    assert t.problems == []


def test_a_header_that_cannot_be_matched_to_the_columns_is_named_in_ka002():
    t = _table(WRAPPED.format(second="人）"))  # one closer for two open titles: no reading is sure
    assert any("表头只读出 3 个列标题，而数据有 5 列" in p for p in t.problems)


STACKED = """专业名称
2024年（人）
2023年（人）
增减（人）
增长率（%）
机电技术应用
420
380
40
10.5
汽车运用与维修
600
560
40
7.1
合计
1020
940
80
8.5"""


def test_a_table_printed_one_cell_per_line_is_regrouped_by_the_headers_count():
    t = _table(STACKED)
    assert t.columns == ["专业名称", "2024年（人）", "2023年（人）", "增减（人）", "增长率（%）"]
    assert [r.label for r in t.rows] == ["机电技术应用", "汽车运用与维修", "合计"]
    cell = t.cell("汽车运用与维修", "增长率（%）")
    assert (cell.value, cell.source.line) == (7.1, 25)  # every value keeps its own line
    assert t.problems == []


def test_one_cell_per_line_that_the_count_does_not_settle_is_named_in_ka002():
    t = _table(STACKED.replace("汽车运用与维修\n600", "汽车运用\n与维修\n600"))
    assert t.rows == [] and "表格每个单元格各占一行" in t.problems[0]


def test_a_serial_followed_by_a_code_is_the_serial_and_the_columns_do_not_shift():
    t = _table("序号 专业代码 专业名称 专业大类\n1 460103 数控技术 装备制造大类\n2 460301 机电一体化技术 装备制造大类\n"
               "3 510201 计算机应用技术 电子与信息大类")
    assert [(r.serial, r.cells["专业代码"].text, r.cells["专业名称"].text, r.cells["专业大类"].text) for r in t.rows] == [
        ("1", "460103", "数控技术", "装备制造大类"), ("2", "460301", "机电一体化技术", "装备制造大类"),
        ("3", "510201", "计算机应用技术", "电子与信息大类")]
    # A serial alone on its line, then the row: still read as before.
    t = _table("序号 指标 单位 2023 年 2024 年\n1 毕业生人数 人 916 1667\n2\n毕业去向落实人数 人 908 1179")
    assert [(r.label, r.serial) for r in t.rows] == [("毕业生人数", "1"), ("毕业去向落实人数", "2")]


def test_a_short_sentence_right_after_a_table_is_running_text_not_a_row():
    text = "某某学校2024年质量年度报告\n一、概况\n表1 在校生\n专业 人数（人）\n数控 120\n汽修 80\n合计 200\n" \
           "{sentence}\n二、师资\n"
    for sentence in ("以上数据截至年底。", "学校还有 3 个专业。"):
        doc = read_text("t.txt", text.format(sentence=sentence).encode("utf-8"))
        assert [r.label for r in doc.tables[0].rows] == ["数控", "汽修", "合计"]
        assert doc.paragraphs[-1].text == sentence
    # A note under the table stays the table's.
    doc = read_text("t.txt", text.format(sentence="注：不含退学学生。").encode("utf-8"))
    assert doc.tables[0].problems == ["注：注：不含退学学生。"]


APPENDIX = """                附表 1 人才培养质量计分卡
  序号  指标                                  单位      2024 年      2025 年
  1     毕业生人数*                             人             690          694
  2     毕业去向落实人数                        人             660          668
        其中：毕业生升学人数                    人             400          416
        升入本科人数                            人              30           38
  3     毕业生面向三次产业就业人数              人             260          252
        其中：面向第一产业                      人              40           38
        面向第二产业                            人              95           96
        面向第三产业                            人             125          118
"""


def test_layout_rows_with_an_empty_serial_are_rows_of_their_own_under_the_numbered_row():
    lines = [(t, SourceRef(n)) for n, t in enumerate(APPENDIX.split("\n")[1:], start=2) if t.strip()]
    t = table_from_lines("附表1", "人才培养质量计分卡", SourceRef(1), None, lines)
    assert [(r.label, r.serial, r.parent) for r in t.rows] == [
        ("毕业生人数", "1", None), ("毕业去向落实人数", "2", None),
        ("毕业生升学人数", None, "毕业去向落实人数"), ("升入本科人数", None, "毕业去向落实人数"),
        ("毕业生面向三次产业就业人数", "3", None), ("面向第一产业", None, "毕业生面向三次产业就业人数"),
        ("面向第二产业", None, "毕业生面向三次产业就业人数"), ("面向第三产业", None, "毕业生面向三次产业就业人数")]
    assert t.cell("升入本科人数", "2025年").source.line == 6


def test_appendix_titles_above_their_tables_in_a_report_whose_body_captions_are_below():
    body = """某某职业学校质量年度报告（2025）
一、学生
  专业            人数（人）     占比（%）
  数控技术应用           120          60.0
  电子商务                80          40.0
  合计                   200         100.0
                表 1-1 各专业在校生
  项目            2024 年         2025 年
  全日制在校生         190             200
  毕业生人数            60              66
                表 1-2 近两年学生情况
六、附表
"""
    doc = read_text("t.txt", (body + APPENDIX + """
                附表 3 教学资源表
  序号  指标                                  单位      2024 年      2025 年
  1     生师比*                                 ——          15.0:1       15.4:1
  2     专业数量*                               个               9            9
""").encode("utf-8"))
    rows = {t.key: [r.label for r in t.rows] for t in doc.tables}
    assert rows["表1-1"] == ["数控技术应用", "电子商务", "合计"]
    assert rows["表1-2"] == ["全日制在校生", "毕业生人数"]
    assert rows["附表1"][:2] == ["毕业生人数", "毕业去向落实人数"] and len(rows["附表1"]) == 8
    assert rows["附表3"] == ["生师比", "专业数量"]

