"""The second, GB18030-encoded test report (another school, tables numbered differently) reads as well."""

from __future__ import annotations

from pathlib import Path

import pytest

from keneng_audit.reading import read_report

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "second-report"


@pytest.fixture(scope="module")
def doc():
    return read_report(FIXTURE / "report.txt")


def test_it_is_gb18030_and_matches_its_utf8_copy():
    raw = (FIXTURE / "report.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert raw.decode("gb18030") == (FIXTURE / "report.utf8.txt").read_text("utf-8")


def test_tables_and_captions(doc):
    assert doc.title == "云岭交通技工学校质量年度报告（2024）"
    assert [(t.key, t.caption) for t in doc.tables] == [
        ("表1", "专业开设情况一览表"), ("表2", "分专业大类在校生情况"), ("表3", "教职工总体情况"),
        ("表4", "毕业去向落实情况统计表"), ("表5", "教师获奖一览表"), ("表6", "满意度情况"),
        ("附表1", "人才培养质量计分卡"), ("附表2", "满意度调查表"), ("附表3", "教学资源表"), ("附表4", "服务贡献表"),
        ("附表5", "国际影响表"), ("附表6", "落实政策表"),
    ]


CELLS = [
    ("表1", "城市轨道交通运营服务", "专业大类", "交通运输大类", 44),
    ("表1", "城市轨道交通运营服务", "专业类", "城市轨道交通类", 49),
    ("表1", "计算机应用", "专业大类", "电子与信息大类", 71),
    ("表1", "物联网技术应用", "专业大类", "电子与信息大类", 71),
    ("表2", "交通运输大类", "增加比率（%）", "14.8%", 110),
    ("表2", "电子与信息大类", "增加人数（人）", "-40", 117),  # after the page break
    ("表2", "合计", "2023-2024学年度（人）", "3120", 123),
    ("表3", "行政及工勤人员", "比例", "18%", 142),
    ("表4", "待业", "人数", "24", 168),
    ("表5", "周静", "授予时间", "2024-03-12", 190),
    ("表5", "刘思雨", "奖项", "全国交通运输行业职业技能大赛汽车维修工赛项优秀指导教师", 202),
    ("表6", "在校生", "较上一年度变化情况", "增长 0.7", 217),
    ("附表1", "毕业生人数", "2024年", "1064", 239),
    ("附表1", "毕业生面向三次产业就业人数", "2024年", "720", 255),
    ("附表1", "面向第二产业", "2024年", "268", 259),
    ("附表2", "思想政治课教学满意度", "2024年", "95.6", 280),
    ("附表2", "毕业三年内毕业生满意度", "调查人数", "60", 301),
    ("附表3", "生师比", "2024年", "16:1", 311),
    ("附表3", "课证融通课程数/学时", "2024年", "840", 339),
    ("附表3", "编写教材数", "2024年", "6", 366),  # after the repeated header
    ("附表4", "D类：到大型企业就业人数", "2024年", "210", 386),
    ("附表5", "在校生数", "2024年", "仅限高职填报", 430),
    ("附表6", "全日制在校生人数", "2024年", "3120", 447),
    ("附表6", "专任教师总数", "2024年", "240", 459),
]


@pytest.mark.parametrize(("key", "row", "column", "text", "line"), CELLS)
def test_cells(doc, key, row, column, text, line):
    cell = doc.table(key).cell(row, column)
    assert cell is not None, (key, row, column)
    assert (cell.text, cell.source.line) == (text, line)


def test_structure(doc):
    assert [r.serial for r in doc.table("附表3").rows if r.serial] == [str(i) for i in range(1, 10)]
    assert doc.table("附表1").row("面向第一产业").parent == "毕业生面向三次产业就业人数"
    assert doc.table("表2").values().loc["合计", "增加比率（%）"] == 8.0
    assert [r.label for r in doc.table("表2").rows] == ["交通运输大类", "装备制造大类", "电子与信息大类", "财经商贸大类",
                                                     "土木建筑大类", "合计"]
    assert doc.table("附表3").cell("生师比", "2023年").number.ratio == (13.0, 1.0)


def test_sections_and_prose_facts(doc):
    assert [s.number for s in doc.sections] == ["1", "1.1", "1.2", "1.3", "1.3.1", "1.3.2", "1.4", "2", "2.1", "2.2",
                                                "2.3", "3"]
    grads = [f for f in doc.facts if f.value == 1046]
    assert [(f.section, f.source.line, f.unit) for f in grads] == [("1.3.2", 127, "人")]
    assert not any(f.number.text == "17" for f in doc.facts)  # 〔2024〕17 号
    assert not any("质量年度报告（2024）" in p.text for p in doc.paragraphs)
    staff = next(f for f in doc.facts if f.value == 300)
    assert (staff.section, staff.source.line) == ("1.4", 133)


def test_codes_appendix_sections_and_repeated_sub_items(doc):
    assert doc.table("表1").cell("计算机应用", "专业代码").number is None
    assert doc.table("附表1").section is None and doc.table("表6").section == "2.3"
    assert doc.table("附表3").row("专业教学资源库数/省级数量/接入国家智慧教育平台数").cells["2024年"].source.line == 351
