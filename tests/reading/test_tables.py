"""Tests for rebuilding tables: wrapped cells, broken headers, repeated headers, merged cells, ready grids."""

from __future__ import annotations

from keneng_audit.document import Cell, SourceRef
from keneng_audit.numbers import parse_number
from keneng_audit.reading.tables import build_table, split_line, table_from_lines


def _table(text: str, key: str = "表1", first_line: int = 11):
    lines = [(line, SourceRef(first_line + i)) for i, line in enumerate(text.split("\n"))]
    return table_from_lines(key, "测试", SourceRef(first_line - 1), "1.1", lines)


def test_header_broken_mid_word_is_rejoined():
    t = _table(
        "专业大类\n\n2023-2024\n\n学年度（人）\n\n2022-2023 学\n\n年度（人）\n\n增加人数\n\n（人）\n\n增加比率\n\n（%）\n\n"
        "装备制造大类 1512 899 613 40.5%\n\n旅游大类 22 11 11 50.0%"
    )
    assert t.columns == ["专业大类", "2023-2024学年度（人）", "2022-2023学年度（人）", "增加人数（人）", "增加比率（%）"]
    assert t.label_column == "专业大类"
    assert t.cell("装备制造大类", "增加比率（%）").number.kind == "percent"
    assert t.row("旅游大类").source.line == 31


def test_wrapped_label_with_footnote_star_and_serial_on_its_own_line():
    t = _table(
        "序号 指标 单位 2023 年 2024 年 调查人数 调查方式\n\n1\n\n在校生满意度* % 92.66 93 187 全国统一网上调查\n"
        "思想政治课教学满意度\n\n*\n% 95 95.5 187 全国统一网上调查\n"
        "公共基础课（不含思想\n\n政治课）教学满意度*\n% 95 96 187 全国统一网上调查\n\n2\n\n毕业生满意度 % 95.2 95.8 161 网络问卷调查"
    )
    assert t.columns == ["序号", "指标", "单位", "2023年", "2024年", "调查人数", "调查方式"]
    assert [r.label for r in t.rows] == ["在校生满意度", "思想政治课教学满意度", "公共基础课（不含思想政治课）教学满意度",
                                        "毕业生满意度"]
    row = t.row("思想政治课教学满意度")
    assert [row.cells[c].text for c in t.columns[2:]] == ["%", "95", "95.5", "187", "全国统一网上调查"]
    assert (row.source.line, row.cells["2024年"].source.line, row.parent) == (16, 19, "在校生满意度")
    assert row.cells["2023年"].number.kind == "percent"  # the unit column makes 95 a percentage
    assert t.row("在校生满意度").serial == "1"
    assert t.row("毕业生满意度").cells["序号"].source.line == 25


def test_serial_alone_then_row_and_qizhong_children():
    t = _table(
        "序号 指标 单位 2023 年 2024 年\n\n1 毕业生人数* 人 916 1667\n\n2\n\n毕业去向落实人数 人 908 1179\n\n"
        "其中：毕业生升学人数 人 483 488\n\n升入本科人数 人 0 0\n\n3 月收入 元 3650 3850"
    )
    assert [(r.label, r.serial, r.parent) for r in t.rows] == [
        ("毕业生人数", "1", None), ("毕业去向落实人数", "2", None), ("毕业生升学人数", None, "毕业去向落实人数"),
        ("升入本科人数", None, "毕业去向落实人数"), ("月收入", "3", None),
    ]
    assert t.cell("毕业去向落实人数", "2024年").source.line == 17


def test_repeated_header_after_page_break_and_footnotes():
    t = _table(
        "序号 指标 单位 2023 年 2024 年\n1 生师比* —— 27：1 19:1\n2\n专业群数量*1 个 4 4\n"
        "1 须逐一填写专业群名称、核心专业和对接产业，并上传平台，否则无效。\n 序号 指标 单位 2023 年 2024 年\n"
        "其中：国家级数量* 个 0 0\n3\n教学计划内课程总数*\n门 489 166\n学时 28674 89034"
    )
    assert [r.label for r in t.rows] == ["生师比", "专业群数量", "国家级数量", "教学计划内课程总数", "教学计划内课程总数/学时"]
    assert t.cell("生师比", "2023年").number.ratio == (27.0, 1.0)
    assert t.cell("教学计划内课程总数/学时", "单位").text == "学时"
    assert t.problems == ["注：1 须逐一填写专业群名称、核心专业和对接产业，并上传平台，否则无效。"]


def test_text_cells_repeated_and_wrapped():
    t = _table("序号 指标 单位 2023 年 2024 年\n2\n在校生数 人\n仅限高职\n填报\n仅限高职填\n报\n3 专利数 项 1 2")
    assert t.cell("在校生数", "2023年").text == "仅限高职填报"
    assert t.cell("在校生数", "2024年").text == "仅限高职填报"
    assert t.cell("在校生数", "2024年").number is None
    assert t.cell("专利数", "2024年").value == 2


def test_merged_cells_fill_down_and_wrapped_group_names():
    t = _table(
        "序号 专业大类 专业类 专业名称 专业代码\n1\n财经商贸大类\n财务会计类 会计事务 730301\n2 电子商务类 电子商务 730701\n"
        "3\n公共管理与服务\n大类\n公共服务类 智慧健康养老服务 790302\n4\n城市轨道交通\n类\n城市轨道交通运营服务 700604"
    )
    assert t.label_column == "专业类"  # the first column that names every row once
    assert [r.cells["专业大类"].text for r in t.rows] == ["财经商贸大类", "财经商贸大类", "公共管理与服务大类",
                                                              "公共管理与服务大类"]
    assert t.rows[3].cells["专业类"].text == "城市轨道交通类"
    assert t.rows[1].cells["专业大类"].source.line == 13  # a filled-down cell points at where it was printed


def test_name_list_rows_end_at_their_date():
    t = _table(
        "奖项 获奖教师 授予单位 授予时间\n2024 年重庆市技工院校教学教\n研成果评选教学课件类\n"
        "李虹燃 重庆市人力资源和社会保障局 2024-03-05\n2024 年重庆市技工院校教学教\n研成果评选教学课件类\n"
        "刘术平 重庆市人力资源和社会保障局 2024-02-30"
    )
    assert [r.label for r in t.rows] == ["李虹燃", "刘术平"]  # 奖项 repeats; the teacher names each row
    assert t.cell("李虹燃", "奖项").text == "2024 年重庆市技工院校教学教研成果评选教学课件类"
    cell = t.cell("刘术平", "授予时间")
    assert (cell.text, cell.number) == ("2024-02-30", None)


def test_short_numeric_rows_miss_their_last_cells():
    t = _table("类别 人数 比例\n较上一年度\n增加人数\n增加比率（%）\n在编专任教师 169 95% 25\n聘用制专任教师 8 4% 0 0")
    assert t.columns == ["类别", "人数", "比例", "较上一年度增加人数", "增加比率（%）"]
    assert "增加比率（%）" not in t.row("在编专任教师").cells
    assert t.cell("在编专任教师", "较上一年度增加人数").value == 25


def test_split_line_glues_blanks_inside_cells():
    assert split_line("2023 年全国设备管理 王安安 国家级二类 2023.12") == ["2023 年全国设备管理", "王安安", "国家级二类", "2023.12"]
    assert split_line("其中：A 类：留在当地就业人数* 人 365 782") == ["其中：A 类：留在当地就业人数*", "人", "365", "782"]
    assert split_line("6 第 47 届世界技能大赛 国家级") == ["6", "第 47 届世界技能大赛", "国家级"]
    assert split_line("10 互联网出口带宽* Mbps 200 1024") == ["10", "互联网出口带宽*", "Mbps", "200", "1024"]
    assert split_line("王 毅/陈敏/") == ["王 毅/陈敏/"]


def _cells(rows: list[list[str]]) -> list[list[Cell]]:
    return [[Cell(t, parse_number(t), SourceRef(100 + i)) for t in row] for i, row in enumerate(rows)]


def test_build_table_from_ready_cells():
    t = build_table("表3", "分专业大类在校生情况", SourceRef(99), "1.3.1", _cells([
        ["专业大类", "2023年", "2023年", "备注"],
        ["", "人数", "占比", ""],
        ["装备制造大类", "12", "40%", "甲"],
        ["交通运输大类", "18", "60%", ""],
    ]))
    assert t.columns == ["专业大类", "2023年人数", "2023年占比", "备注"]
    assert t.label_column == "专业大类"
    assert t.cell("装备制造大类", "2023年占比").number.kind == "percent"
    assert t.row("交通运输大类").source.line == 103
    assert "备注" not in t.row("交通运输大类").cells


def test_build_table_with_serial_and_unit_columns():
    t = build_table("附表1", "人才培养质量计分卡", SourceRef(1), None, _cells([
        ["序号", "指标", "单位", "2023年", "2024年"],
        ["1", "毕业生人数*", "人", "916", "1667"],
        ["", "其中：升学人数", "人", "483", "488"],
    ]))
    assert [(r.label, r.serial, r.parent) for r in t.rows] == [("毕业生人数", "1", None), ("升学人数", None, "毕业生人数")]
    assert t.cell("毕业生人数", "2024年").number.unit == "人"


def test_codes_stay_text_and_a_name_list_wrapped_inside_a_name_stays_in_its_cell():
    t = _table(
        "赛项 获奖选手 级别 专业代码\n2023-2024 重庆市职业院校技能大赛矿\n井灾害应急救援赛项\n王翔、刘梓涵、\n高祖祥镱、卢勇\n臻\n"
        "省部级二类 660301\n2023-2024 重庆市职业院校技能大赛电\n子商务运营赛项\n王另、黄静、胡\n梦香、肖语桐\n省部级二类 730701"
    )
    assert [r.cells["获奖选手"].text for r in t.rows] == ["王翔、刘梓涵、高祖祥镱、卢勇臻", "王另、黄静、胡梦香、肖语桐"]
    assert t.rows[1].cells["赛项"].text == "2023-2024 重庆市职业院校技能大赛电子商务运营赛项"
    cell = t.rows[1].cells["专业代码"]
    assert (cell.text, cell.number) == ("730701", None)


def test_a_sub_item_repeated_in_its_group_is_named_after_the_row_it_belongs_to():
    t = _table(
        "序号 指标 单位 2023 年 2024 年\n1 专业教学资源库数* 个 5 5\n其中：国家级数量* 个 0 0\n接入国家智慧教育平台数* 个 0 0\n"
        "省级数量* 个 2 2\n接入国家智慧教育平台数* 个 1 1\n2 在线精品课程数* 门 8 10\n其中：国家级数量* 门 0 0\n"
        "接入国家智慧教育平台数* 门 0 0\n省级数量* 门 0 10\n接入国家智慧教育平台数* 门 0 3"
    )
    assert [r.label for r in t.rows] == [
        "专业教学资源库数", "国家级数量", "接入国家智慧教育平台数", "省级数量", "专业教学资源库数/省级数量/接入国家智慧教育平台数",
        "在线精品课程数", "在线精品课程数/国家级数量", "在线精品课程数/接入国家智慧教育平台数", "在线精品课程数/省级数量",
        "在线精品课程数/省级数量/接入国家智慧教育平台数",
    ]
    assert t.cell("在线精品课程数/省级数量/接入国家智慧教育平台数", "2024年").value == 3


def test_rows_printed_column_by_column_are_flagged_not_guessed():
    t = _table(
        "奖项 获奖学生 指导教师 授予单位 授予时间\n2023年中等职\n业教育国家奖\n张译文、肖烨、代\n露露、 谭思宇、\n中华人民共和国教\n"
        "育部\n2023年 10月\n2023 年中等\n职业教育国\n学金 曾诗裕、罗鑫、陈\n麒骥、陶菁、许祥\n丽、黄静\n中华人民共和国人\n"
        "力资源和社会保障\n部\n家奖学金\n2024年优秀毕\n业生\n王晋、冉霞芳、程\n禹、周润玲\n中华人民共和国教\n育部\n2024 年 2 月"
    )
    assert t.rows == [] and t.label_column is None
    assert t.problems == [
        "第 12–34 行：表格按列或分块印刷，无法可靠还原各行：表头有 5 个列标题（奖项、获奖学生、指导教师、授予单位、授予时间），"
        "其下 23 行共 27 个片段，不能按 5 列分成行，未提取单元格，请核对原文 / lines 12–34: the table was printed column "
        "by column or in blocks, so its rows could not be rebuilt reliably: the header has 5 titles (奖项、获奖学生、指导教师、"
        "授予单位、授予时间) over 23 lines of 27 pieces, which do not split into rows of 5 columns; no cells were extracted, "
        "check the printed text"]


def test_a_percentage_under_a_count_header_is_reported():
    unlabelled = ("第 12–13 行：各行未印行名（如年度），按顺序称为“第1行”“第2行”…，各行属于哪一年无法从表中读出 / lines "
                  "12–13: the rows print no label (such as a year), so they are named 第1行, 第2行… in order; which "
                  "period each row stands for cannot be read from the table")
    t = _table("直接就业数(人) 本省（市） 外省（市） 对口就业创业数（人）\n433 365 84% 68\n1151 986 85.70% 165")
    assert t.problems == [unlabelled]
    t = _table("直接就业数(人) 起薪（元） 对口就业创业数（人） 对口率（%）\n433 68 15.70% 398\n1151 165 14.30% 1035")
    assert t.problems == [
        "第 12 行：列“对口就业创业数（人）”以“人”计，却印有百分数 15.70%，表头与各列可能未对齐：表头读出 4 个数值列标题"
        "（直接就业数(人)、起薪（元）、对口就业创业数（人）、对口率（%）），每行最多 4 个数值，表头若分层印刷，标题与数值的"
        "对应无法确定 / line 12: column “对口就业创业数（人）” counts 人 but holds the percentage 15.70%; the header may be "
        "matched to the wrong columns: it gave 4 titles of value columns (直接就业数(人), 起薪（元）, 对口就业创业数（人）, "
        "对口率（%）) for at most 4 values a row; where a header is printed in levels, which title stands over which "
        "value cannot be settled",
        unlabelled]


def test_a_slash_placeholder_is_an_empty_cell_not_a_joiner():
    from keneng_audit.reading import read_text

    text = ("附表1 人才培养质量计分卡\n序号 指标 单位 2023年 2024年\n1 毕业生人数 人 / 380\n"
            "2 毕业去向落实人数 人 / 370\n其中：毕业生升学人数 人 / 300\n升入本科人数 人 - 120\n")
    (table,) = read_text("t.txt", text.encode("utf-8")).tables
    assert [(r.label, r.cells["2023年"].text, r.cells["2024年"].value) for r in table.rows] == [
        ("毕业生人数", "/", 380), ("毕业去向落实人数", "/", 370), ("毕业生升学人数", "/", 300), ("升入本科人数", "-", 120)]
