"""The bundled sample report: every table with its caption and real cells, sections, title and prose facts."""

from __future__ import annotations

import pytest

from keneng_audit.reading import read_report
from keneng_audit.resources import sample_report


@pytest.fixture(scope="module")
def doc():
    return read_report(sample_report())


CAPTIONS = {
    "表1": "2023-2024 学年获奖情况一览表", "表2": "专业开设情况一览表", "表3": "分专业大类在校生情况",
    "表4": "分专业在校生情况", "表5": "分专业大类在校生情况", "表6": "分专业在校生情况", "表7": "生源地结构",
    "表8": "教职工总体情况", "表9": "专任教师来源结构", "表10": "专任教师硕士及以上学位情况",
    "表11": "专任教师职称结构", "表12": "专任教师“双师”结构", "表13": "学生获奖情况一览表",
    "表14": "教法改革获奖一览表", "表15": "教材建设情况一览表", "表16": "教师获奖一览表",
    "表17": "毕业去向落实情况统计表", "表18": "对口就业情况", "表19": "就业质量情况表", "表20": "就业情况",
    "表21": "升学结构情况", "表22": "创新创业获奖情况", "表23": "文化课、专业课合格率统计表",
    "表24": "职业资格证书获取统计表", "表25": "体质健康合格率统计表", "表26": "技能大赛获奖统计",
    "表27": "技能大赛获奖情况一览表", "表28": "满意度情况", "表29": "社会培训情况一览表", "表30": "社区服务一览表",
    "表31": "经费投入情况一览表", "附表1": "人才培养质量计分卡", "附表2": "满意度调查表", "附表3": "教学资源表",
    "附表4": "服务贡献表", "附表5": "国际影响表", "附表6": "落实政策表",
}


def test_all_31_body_and_6_appendix_tables_with_captions(doc):
    assert {t.key: t.caption for t in doc.tables} == CAPTIONS
    assert [t.key for t in doc.tables] == list(CAPTIONS)


# (table, row label, column, printed text, line of the cell)
CELLS = [
    ("表1", "第47届世界技能大赛平面设计技术辅基地", "级别（国家级、市级）", "国家级", 221),
    ("表1", "国家技能人才培养工学一体化课程标准和课程设置方案的制定", "级别（国家级、市级）", "国家级", 231),
    ("表2", "智慧健康养老服务", "专业大类", "公共管理与服务大类", 290),
    ("表2", "电子商务", "专业大类", "财经商贸大类", 273),  # merged cell filled down
    ("表2", "数控技术应用", "专业类", "机械设计制造类", 319),
    ("表2", "城市轨道交通运营服务", "专业代码", "700604", 305),
    ("表3", "装备制造大类", "2023-2024学年度（人）", "1512", 562),
    ("表3", "装备制造大类", "2022-2023学年度（人）", "899", 562),
    ("表3", "装备制造大类", "增加人数（人）", "613", 562),
    ("表3", "装备制造大类", "增加比率（%）", "40.5%", 562),
    ("表3", "电子与信息大类", "增加人数（人）", "-232", 570),
    ("表4", "汽车制造与检测", "增加比率（%）", "54.2%", 622),
    ("表5", "旅游大类", "增加比率（%）", "50.0%", 670),
    ("表6", "机电技术应用", "增加比率（%）", "-100%", 692),
    ("表7", "区内", "增加人数（人）", "8", 718),
    ("表8", "行政及工勤人员", "人数", "60", 782),
    ("表8", "行政及工勤人员", "比例", "24%", 782),
    ("表8", "行政及工勤人员", "增加人数", "3", 782),
    ("表9", "聘用制专任教师", "增加比率（%）", "0", 805),
    ("表10", "在编专任教师", "较上一年度增加人数", "3", 816),
    ("表11", "初级", "较上一年度增加人数", "23", 825),
    ("表12", "中级", "比例", "57.89%", 831),
    ("表14", "《电子线路安装与调试》", "获奖教师", "王 毅/陈敏/王涌龙", 1396),
    ("表14", "《新拟态按钮设计与制作》", "授予时间", "2024.12", 1305),
    ("表15", "消防安全技术与综合应用能力", "出版单位", "中国科学文化音像出版社有限公司", 1529),
    ("表15", "《新编技工院校劳动教育教程》", "ISBN编号", "ISBN 978-7-121-47131-5", 1551),
    ("表16", "2023年川渝毗邻地区技能人才大赛物联网安装调试员赛项/焦开心", "授予时间", "2024-02-30", 1710),
    ("表17", "民营企业", "人数", "1091", 1938),
    ("表17", "民营企业", "比例", "92.5%", 1938),
    ("表18", "2023-2024", "人数", "1035", 1970),
    ("表19", "毕业生满意度", "较上一年度变化比例", "上升 0.6", 1975),
    ("表20", "第1行", "直接就业数(人)", "433", 2023),
    ("表21", "第2行", "升学数（人）", "488", 2140),
    ("表21", "第2行", "通过职教高考升学人数（人）", "450", 2140),
    ("表22", "增量", "市级获奖人数", "9", 2203),
    ("表23", "2023-2024", "专业课合格率", "91.78%", 2274),
    ("表24", "2023-2024", "职业资格证书获取率", "0", 2302),
    ("表25", "2022-2023", "合格率（%）", "97.63", 2374),
    ("表26", "2023-2024", "市级", "13", 2460),
    ("表27", "刘长江", "级别", "国家级二类", 2599),
    ("表27", "阳晴、但思妍、张琼丹、文泽华、刘望、向仁栋", "获奖时间", "2023.12", 2523),  # after a page break
    ("表28", "教职工", "满意度", "96.23", 2723),
    ("表29", "茶艺师高技能人才培训", "培训人次", "17", 3108),
    ("表30", "新桥社区关爱老人志愿活动", "服务人次", "30", 3253),
    ("表31", "2023", "学校总收入（万元）", "10344.3", 4102),
    ("表31", "2022", "其他收入总额（万元）", "4507.43", 4100),
    ("附表1", "毕业生人数", "2023年", "916", 4156),
    ("附表1", "毕业生人数", "2024年", "1667", 4156),
    ("附表1", "毕业去向落实人数", "2024年", "1179", 4160),
    ("附表1", "面向第三产业", "2024年", "1109", 4178),
    ("附表2", "思想政治课教学满意度", "2023年", "95", 4197),
    ("附表2", "思想政治课教学满意度", "2024年", "95.5", 4197),
    ("附表2", "思想政治课教学满意度", "调查人数", "187", 4197),
    ("附表2", "公共基础课（不含思想政治课）教学满意度", "2024年", "96", 4202),
    ("附表2", "应届毕业生满意度", "调查人数", "121", 4213),
    ("附表3", "生师比", "2023年", "27：1", 4228),
    ("附表3", "生师比", "2024年", "19:1", 4228),
    ("附表3", "教学计划内课程总数/学时", "2024年", "89034", 4247),
    ("附表3", "虚拟仿真实训基地数/省级数量", "2024年", "0", 4310),  # after the page break
    ("附表3", "编写教材数", "2024年", "10", 4320),
    ("附表4", "C类：到中小微企业就业人数", "2024年", "182", 4360),
    ("附表4", "非学历培训到账经费", "2024年", "36.4", 4393),
    ("附表5", "在校生数", "2023年", "仅限高职填报", 4424),
    ("附表5", "专任教师赴国外指导和开展培训时间", "2024年", "8", 4457),
    ("附表6", "全日制在校生人数", "2023年", "4233", 4466),
    ("附表6", "全日制在校生人数", "2024年", "4967", 4466),
    ("附表6", "辅导员人数", "2024年", "仅高职填报", 4486),
    ("附表6", "班主任人数", "2024年", "70", 4488),
]


@pytest.mark.parametrize(("key", "row", "column", "text", "line"), CELLS)
def test_pinned_cells(doc, key, row, column, text, line):
    cell = doc.table(key).cell(row, column)
    assert cell is not None, (key, row, column)
    assert (cell.text, cell.source.line) == (text, line)


def test_table3_values_and_row_line(doc):
    t = doc.table("表3")
    row = t.row("装备制造大类")
    assert row.source.line == 562
    assert t.values().loc["装备制造大类"].tolist()[1:] == [1512, 899, 613, 40.5]
    assert row.cells["增加比率（%）"].number.kind == "percent"
    assert row.cells["增加比率（%）"].number.decimals == 1
    assert t.label_column == "专业大类"


def test_appendix3_ratios(doc):
    row = doc.table("附表3").row("生师比")
    old, new = row.cells["2023年"].number, row.cells["2024年"].number
    assert (old.kind, old.ratio, new.kind, new.ratio) == ("ratio", (27.0, 1.0), "ratio", (19.0, 1.0))
    assert row.cells["单位"].text == "——"


def test_appendix1_rows_serials_and_parents(doc):
    t = doc.table("附表1")
    assert t.columns == ["序号", "指标", "单位", "2023年", "2024年"]
    assert [r.serial for r in t.rows if r.serial] == [str(i) for i in range(1, 8)]
    assert t.row("毕业生升学人数").parent == "毕业去向落实人数"
    assert t.row("面向第一产业").parent == "毕业生面向三次产业就业人数"
    row = t.row("毕业生人数")
    assert (row.source.line, row.cells["2024年"].number.unit) == (4156, "人")
    assert t.row("毕业去向落实人数").cells["序号"].source.line == 4158


def test_appendix3_stays_one_table_across_the_page_break(doc):
    t = doc.table("附表3")
    assert sum(1 for tb in doc.tables if tb.key == "附表3") == 1
    assert [r.serial for r in t.rows if r.serial] == [str(i) for i in range(1, 14)]
    assert not any(r.label.startswith("序号") or "指标" in r.label for r in t.rows)
    assert t.row("生均教学科研仪器设备值").cells["2024年"].text == "12043"
    assert any("须逐一填写专业群名称" in p for p in t.problems)


def test_dates_stay_text(doc):
    cell = doc.table("表16").cell("2023年川渝毗邻地区技能人才大赛物联网安装调试员赛项/焦开心", "授予时间")
    assert cell.number is None
    assert doc.table("表14").cell("《新拟态按钮设计与制作》", "授予时间").number is None


def test_row_labels_unique_in_every_table(doc):
    for t in doc.tables:
        labels = [r.label for r in t.rows]
        assert len(labels) == len(set(labels)), t.key
        assert len(t.columns) == len(set(t.columns)), t.key


def test_name_lists_are_tables(doc):
    assert len(doc.table("表14").rows) == 9
    assert len(doc.table("表16").rows) == 24
    assert len(doc.table("表27").rows) == 17
    t13 = doc.table("表13")
    assert t13.columns == ["奖项", "获奖学生", "指导教师", "授予单位", "授予时间"]
    # Its cells were printed column by column: flagged in both languages, no guessed rows, no stray numbers.
    assert t13.rows == [] and t13.label_column is None
    # KA002 says why: the header's 5 titles over 43 lines of pieces that do not split into rows of 5.
    assert t13.problems == [
        "第 945–1025 行：表格按列或分块印刷，无法可靠还原各行：表头有 5 个列标题（奖项、获奖学生、指导教师、授予单位、"
        "授予时间），其下 43 行共 49 个片段，不能按 5 列分成行，未提取单元格，请核对原文 / lines 945–1025: the table was "
        "printed column by column or in blocks, so its rows could not be rebuilt reliably: the header has 5 titles "
        "(奖项、获奖学生、指导教师、授予单位、授予时间) over 43 lines of 49 pieces, which do not split into rows of 5 columns; "
        "no cells were extracted, check the printed text"]
    assert all(not t.problems or "无法可靠还原" not in t.problems[-1] for t in doc.tables if t.key != "表13")


def test_title_sections_and_furniture(doc):
    assert doc.title == "重庆市科能高级技工学校质量年度报告（2024）"
    numbers = [s.number for s in doc.sections]
    assert numbers[:4] == ["1", "1.1", "1.1.1", "1.1.2"]
    assert "8" in numbers and "2.5.3" in numbers
    assert not any(s.title.startswith(("行业调研", "课程设置", "持续修订")) for s in doc.sections)
    assert all("质量年度报告（2024）" not in p.text for p in doc.paragraphs)
    assert all(not p.text.startswith("- ") for p in doc.paragraphs)
    # A sentence broken by a page end is re-joined across the running header and page number.
    assert any("确保学生掌握最新的行业技能。" in p.text for p in doc.paragraphs)


def test_prose_fact_graduates(doc):
    fact = next(f for f in doc.facts if f.value == 1677)
    assert (fact.section, fact.source.line, fact.unit, fact.origin) == ("1.3.3", 756, "人", "prose")
    assert fact.sentence == "本年度，毕业生总数为 1677 人。"


def test_prose_facts_forms(doc):
    by_line = {}
    for f in doc.facts:
        by_line.setdefault(f.source.line, []).append(f.number.text)
    assert by_line[786] == ["177", "1:19", "169"]
    assert "5981.92" in by_line[845]
    ratio = next(f for f in doc.facts if f.number.text == "1:19")
    assert (ratio.number.kind, ratio.section) == ("ratio", "1.3.2")
    # 〔2024〕29 号 and 2023 年 12 月 are a document number and a date, not quantities.
    assert not any(f.number.text in ("29", "68") and f.source.line in (59, 61) for f in doc.facts)
    assert not any(f.number.text == "12" and f.source.line == 383 for f in doc.facts)


def test_appendix_tables_belong_to_no_chapter(doc):
    # 附表 1–6 follow chapter 8's text: they are attached to the report, not part of "8 面临挑战".
    assert {t.key: t.section for t in doc.tables if t.key.startswith("附表")} == {f"附表{i}": None for i in range(1, 7)}
    assert (doc.table("表31").section, doc.table("表13").section) == ("7.4", "2.1.2")


def test_labels_of_sub_items_repeated_in_their_group(doc):
    labels = [r.label for r in doc.table("附表3").rows if r.parent == "专业教学资源库数"]
    assert labels == ["国家级数量", "接入国家智慧教育平台数", "省级数量", "专业教学资源库数/省级数量/接入国家智慧教育平台数",
                      "校级数量", "专业教学资源库数/校级数量/接入国家智慧教育平台数"]


def test_codes_are_text_and_misaligned_columns_are_reported(doc):
    cell = doc.table("表2").cell("城市轨道交通运营服务", "专业代码")
    assert (cell.text, cell.number) == ("700604", None)
    assert doc.table("表27").cell("王另、黄静、胡梦香、肖语桐", "级别").text == "省部级二类"
    assert [p.split(" / ")[0] for p in doc.table("表20").problems] == [
        "第 2023 行：列“对口就业创业数（人）”以“人”计，却印有百分数 15.70%，表头与各列可能未对齐：表头读出 10 个数值列标题"
        "（直接就业数(人)、直接就业率（%）、本省（市）、外省（市）、起薪（元）、对口就业创业数（人）、就业数(人)、对口率（%）、"
        "就业数(人)比例（%）、就业数(人)比例（%）_2），每行最多 10 个数值，表头若分层印刷，标题与数值的对应无法确定",
        "第 2023–2025 行：各行未印行名（如年度），按顺序称为“第1行”“第2行”…，各行属于哪一年无法从表中读出"]
    assert [r.label for r in doc.table("表21").rows] == ["第1行", "第2行"]
    assert "各行未印行名" in doc.table("表21").problems[0]
