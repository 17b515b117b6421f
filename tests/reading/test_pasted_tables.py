"""Tables as converters and copy-paste print them: Markdown pipe tables (PDF-to-Markdown tools), and the template's
appendix tables one cell per line with rows of different lengths (a `其中` row without 序号, a wrapped label, a
unit cell marked ——, a `学时` row under its indicator, a word column after the values)."""

from __future__ import annotations

from keneng_audit.audit import audit_report
from keneng_audit.reading import read_report

PIPES = """某某职业技术学院2024年质量年度报告

一、就业

2024届毕业生 1,200 人。

表1 2024届毕业生就业情况

| 项目 | 人数 | 比例（%） |
|:---|---:|---:|
| 毕业生 | 1200 | 100.0 |
| 就业 | 1170 | {share} |

表2 专业设置

| 序号 | 专业 | 在校生 |
|---|---|---|
| 1 | 数控 | 300 |
| 2 | 汽修 | 200 |
| 合计 | | {total} |
"""


def test_a_markdown_table_is_read_cell_by_cell(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(PIPES.format(share="97.5", total="500"), encoding="utf-8")
    doc = read_report(path)
    first, second = doc.tables
    assert first.columns == ["项目", "人数", "比例（%）"]
    assert [(r.label, r.cells["人数"].value, r.cells["比例（%）"].value) for r in first.rows] == [
        ("毕业生", 1200, 100.0), ("就业", 1170, 97.5)]
    assert [(r.label, r.cells["在校生"].value) for r in second.rows] == [("数控", 300), ("汽修", 200), ("合计", 500)]
    assert audit_report(path, bundled=False).findings == []


def test_a_markdown_table_with_a_wrong_share_and_total(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(PIPES.format(share="96.5", total="520"), encoding="utf-8")
    found = sorted((f.location.row, f.actual) for f in audit_report(path, bundled=False).findings)
    assert found == [("合计", "520"), ("就业", "96.5")]


APPENDIX = """某某技工学校质量年度报告（2024）
一、概况
学校办学规模稳定。
附表 3 教学资源表
序号
指标
单位
2023 年
2024 年
1
生师比*
——
21.2:1
21.2:1
2
“双师型”教师比例
%
69.4
72.0
其中：高级“双师型”教师比例
%
27.1
28.6
3
教学计划内课程总数*
门
412
436
学时
42,680
45,216
4
思想政治课教学满意
度*
%
95.20
95.74
"""


def test_appendix_rows_of_different_lengths_one_cell_per_line(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(APPENDIX, encoding="utf-8")
    [table] = read_report(path).tables
    assert table.columns == ["序号", "指标", "单位", "2023年", "2024年"]
    assert [(r.label, r.serial, r.cells["2024年"].text) for r in table.rows] == [
        ("生师比", "1", "21.2:1"), ("“双师型”教师比例", "2", "72.0"), ("高级“双师型”教师比例", None, "28.6"),
        ("教学计划内课程总数", "3", "436"), ("教学计划内课程总数/学时", None, "45,216"),
        ("思想政治课教学满意度", "4", "95.74")]
    assert table.problems == []
    assert read_report(path).sections == []  # `21.2:1` on its own line is no heading `21.2` titled `:1`


def test_one_phrase_in_every_value_cell_however_its_lines_broke_it(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("某某技工学校质量年度报告（2024）\n一、概况\n学校办学规模稳定。\n附表 5 国际影响表\n序号\n指标\n单位\n"
                    "2023 年\n2024 年\n1\n在国外开办学校数\n所\n0\n0\n其中：在校生数\n人\n仅限高职\n填报\n仅限高职填\n报\n"
                    "2\n接收国外留学生人数\n人\n仅限高职填报\n仅限高职填报\n", encoding="utf-8")
    [table] = read_report(path).tables
    assert [(r.label, r.cells["2023年"].text, r.cells["2024年"].value) for r in table.rows] == [
        ("在国外开办学校数", "0", 0), ("在校生数", "仅限高职填报", None), ("接收国外留学生人数", "仅限高职填报", None)]
    assert table.problems == []
