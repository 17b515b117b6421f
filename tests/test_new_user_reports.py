"""Reports new users wrote for schools no vocabulary or pack names (tests/fixtures/new-user): a 高职 with
`一、`/`（一）` headings and the same report with dotted ones (`1.` / `1.1`), a 技工学校 in `pdftotext -layout`
style (form feeds, running headers) with a second set of sentence shapes, a 中职 built as DOCX (Word heading
styles, a caption below its table, years as rows, 元 with thousands separators, a two-level header, 合计 first)
and exported to PDF by LibreOffice, a 技工院校 with `第一章` headings and 序号 columns whose 合计 comes first (and
last, and merged across 序号 in TAB text), a 高职 in TAB text with captions below, a 中职 in plain text with `单位：`
lines and `续表`, and a 高职 as DOCX (and PDF) with a 大类 merged down over its 专业 rows and a 小计 per 大类. With no pack but `national`, each consistent twin gives no finding at all,
and each injected one gives exactly the findings listed: the errors its author injected (a few twice, where one
wrong number breaks two relations), each at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

HERE = Path(__file__).resolve().parent / "fixtures" / "new-user"

# (rule, first line cited): line in the text file; in DOCX the paragraph's line, in PDF the document's line.
INJECTED = {
    # 建校 42 周年, growth 7.7%, 6 个专业 for 5 listed (line 7); 表1 580 (its 合计 and the 大类 sum) and 18.4 share;
    # 67.4% 双师型 (line 20: the agreement of 双师型教师比例 and the share's check, one finding); 321.40 万元; 1210 graduates, 1.2 个百分点, 八成以上 for
    # 72.8% (line 48); 为期 4 天 for 6–8 May; 9 月 31 日
    "lishui-injected.txt": [("KA401", 20), ("KA401", 48), ("KA410", 48), ("KA430", 7), ("KA460", 64),
                            ("KA461", 60), ("KA462", 7), ("KA470", 7), ("KA471", 34), ("KA471", 48), ("KA472", 16),
                            ("KA480", 48), ("KA5153", 11), ("KA5298", 14)],
    # the dotted-heading copy: the chapters without sub-headings close the tables above them (all three found)
    "lishui-dotted-injected.txt": [("KA401", 48), ("KA410", 48), ("KA471", 34)],
    # 建校六十五周年; 8.9% growth; 7 专业 for 5–6 listed; 女生 438; 占比 24.5; 生师比 20.6:1; 现有专任教师 128 人;
    # 330.80 万元; 比上届提高 1.8 个百分点; 共 9 项; 为期 2 天; 6 月 31 日; 翻一番 for 1,600 → 2,600
    "tingjiang-injected.txt": [("KA401", 28), ("KA421", 61), ("KA430", 7), ("KA460", 62), ("KA461", 61), ("KA462", 6),
                               ("KA470", 6), ("KA471", 38), ("KA471", 50), ("KA472", 16), ("KA480", 62),
                               ("KA5198", 10), ("KA5254", 11)],
    # 1:17.2; 比上年减少 24 人; 增长 200%; 占 72.8%; 增长 5.6%; 2 月 29 日 (2023); three spans; 96.1%; 21.5%;
    # 73.4%; 事业收入 6.4% and 其他收入 25.0% against a table whose unit only its caption names
    "tingjiang-extra-injected.txt": [("KA410", 16), ("KA410", 32), ("KA410", 67), ("KA410", 70), ("KA460", 69),
                                     ("KA461", 69), ("KA461", 69), ("KA461", 69), ("KA470", 22), ("KA470", 42),
                                     ("KA470", 43), ("KA470", 67), ("KA471", 21), ("KA472", 16)],
    # 表5 合计 1142; 直接就业 621 vs 612; 学费收入 412.86 万元 vs 4,218,640.00 元; 5 个团队 for 4; 6 月 31 日;
    # 增长 4.4%; 35.3%，超过四成; 占比 25.2
    "yazhou-injected.docx": [("KA401", 6), ("KA401", 39), ("KA401", 54), ("KA430", 35), ("KA460", 54), ("KA470", 6),
                             ("KA480", 14), ("KA5190", 57), ("KA5205", 17)],
    "yazhou-injected.pdf": [("KA401", 13), ("KA401", 57), ("KA401", 81), ("KA430", 49), ("KA460", 82), ("KA470", 12),
                            ("KA480", 23), ("KA5190", 86), ("KA5205", 27)],
    # 江城市高级技工学校 (第一章/第一节, 序号 columns with 合计 first; the same with 合计 last): 建校 45 周年, 生均
    # 26,905 元, 1:16.8 (line 8); 表1-1 236; 表1-2 增长率 9.1; 行政 占比 13.2; 学校总收入 1.48 亿元 vs 13,754.00 万元;
    # 0.8 个百分点 for 0.6; 近三年累计 27,450 for 28,450; `比第三季度的 2,780 人次环比增长 11.2%` (3,120: 12.2%).
    "jiangcheng-injected.txt": [("KA401", 52), ("KA421", 80), ("KA450", 8), ("KA462", 8), ("KA470", 80), ("KA471", 67),
                                ("KA472", 8),
                                ("KA5147", 12), ("KA5231", 42), ("KA5412", 31)],
    "jiangcheng-last-injected.txt": [("KA401", 52), ("KA421", 80), ("KA450", 8), ("KA462", 8), ("KA470", 80), ("KA471", 67),
                                     ("KA472", 8), ("KA5147", 12), ("KA5231", 43), ("KA5412", 30)],
    # 滨海职业技术学院 (TAB-separated, captions below, `表 3-2` numbering, years as rows, 其中 rows): all 10 of its
    # errors, among them `较上年增长 6.0%，比2022年增加 1,157 人` (9,860 → 11,035: 1,175; cited from 表1-1's line 10)
    "binhai-injected.txt": [("KA420", 77), ("KA430", 7), ("KA450", 12), ("KA461", 81), ("KA471", 10), ("KA480", 41),
                            ("KA5234", 33), ("KA5297", 20), ("KA5440", 10), ("KA5470", 52)],
    # 岷川县职业中等专业学校 (甘肃, plain text: `第一部分` headings, `表 1.2` captions, `单位：人` lines over a table,
    # over its rest after `续表 1.2` and under its 合计, years as columns with 增减 and 增长率): all 14 errors
    "minchuan-injected.txt": [("KA401", 15), ("KA410", 14), ("KA430", 9), ("KA460", 121), ("KA461", 68),
                              ("KA462", 6), ("KA470", 121), ("KA472", 20), ("KA480", 85), ("KA5170", 30),
                              ("KA5219", 33), ("KA5327", 92), ("KA5460", 125), ("KA5529", 56)],
    # 袁水职业技术学院 (DOCX with a 大类 merged down over its 专业 rows, 小计 per 大类, a two-row header, captions
    # below; and its LibreOffice PDF): all 14 errors, among them 电子与信息大类 小计 823 (its rows give 832), 生师比
    # 16.1:1 of 校内专任教师 228 and 校外兼职教师 96, and `落实率88.6%，超过九成`; a wrong 其中 part (高级职称 287 >
    # 228) also breaks its row's 增减 (KA5355)
    "yuanshui-injected.docx": [("KA401", 35), ("KA430", 5), ("KA460", 56), ("KA461", 47), ("KA462", 4), ("KA470", 59),
                               ("KA471", 66), ("KA472", 12), ("KA480", 35), ("KA5141", 16), ("KA5289", 38),
                               ("KA5337", 13), ("KA5355", 53), ("KA5468", 17), ("KA5589", 51)],
    "yuanshui-injected.pdf": [("KA401", 44), ("KA430", 8), ("KA460", 70), ("KA461", 58), ("KA462", 5), ("KA470", 76),
                              ("KA471", 83), ("KA472", 20), ("KA480", 44), ("KA5141", 24), ("KA5289", 48),
                              ("KA5337", 21), ("KA5355", 67), ("KA5468", 25), ("KA5589", 65)],
    # appendix/: two reports with the six appendix tables of the national template. 日照港城高级技工学校 as
    # `pdftotext` prints without -layout (one cell per line; a `其中` row has no 序号, labels wrap): all 15 of its
    # errors (4 in the appendix tables), and `2,613 人，占全校在校生的 67.8%` taken of 附表6's wrong 3,865 (KA410,
    # its hint names the 3,856 printed elsewhere); 附表5's value cells that say 仅限高职填报 over two lines are read
    "appendix/a-injected.txt": [("KA104", 262), ("KA172", 148), ("KA181", 36), ("KA182", 59),
                                ("KA183", 27), ("KA185", 124), ("KA188", 81), ("KA401", 17), ("KA401", 74),
                                ("KA401", 75), ("KA401", 111), ("KA410", 63), ("KA430", 14), ("KA460", 71),
                                ("KA461", 67), ("KA462", 10), ("KA472", 113), ("KA480", 104)],
    # 阴山能源职业技术学院 as a reportlab PDF with ruled tables breaking across pages: all 16 of its errors
    "appendix/b-injected.pdf": [("KA111", 125), ("KA172", 78), ("KA182", 32), ("KA185", 67), ("KA187", 53),
                                ("KA188", 53), ("KA401", 47), ("KA401", 62), ("KA401", 62), ("KA402", 62),
                                ("KA430", 14), ("KA460", 44), ("KA462", 8), ("KA470", 92), ("KA471", 10),
                                ("KA472", 64), ("KA480", 62), ("KA5476", 89)],
}
# what a consistent twin still says: a table it cannot read (an info, never an error)
UNREAD: dict[str, list] = {}
# twins without an injected copy: the 江城 report with TABs and its 合计 merged across 序号 and 项目
SILENT = ["jiangcheng-tab-consistent.txt"]


def _audit(name: str):
    return audit_report(HERE / name, lang="zh", packs=load_packs([rules_dir() / "national"]))


@pytest.mark.parametrize("twin", sorted(n.replace("-injected", "-consistent") for n in INJECTED) + SILENT)
def test_the_consistent_twin_gives_no_finding(twin):
    found = _audit(twin).findings
    assert [(f.rule, f.location.table) for f in found] == UNREAD.get(twin, [])
    assert all(f.severity == "info" for f in found)


@pytest.mark.parametrize("name", sorted(INJECTED))
def test_every_injected_error_is_found_at_its_line_and_nothing_else(name):
    found = sorted((f.rule, f.location.lines[0] if f.location.lines else None) for f in _audit(name).findings)
    assert found == INJECTED[name]


def test_the_docx_and_its_pdf_read_the_same_sections_and_title():
    from keneng_audit.reading import read_report

    docx, pdf = read_report(HERE / "yazhou-injected.docx"), read_report(HERE / "yazhou-injected.pdf")
    assert pdf.title == docx.title == "四川省雅州工业职业技术学校2024年质量年度报告"
    assert [(s.number, s.title) for s in pdf.sections] == [(s.number, s.title) for s in docx.sections]


def test_the_year_line_under_a_title_and_quotes_set_in_another_font_read_as_in_the_docx():
    from keneng_audit.reading import read_report

    docx, pdf = read_report(HERE / "yuanshui-consistent.docx"), read_report(HERE / "yuanshui-consistent.pdf")
    # `（2024年度）` under the title, set as large, is part of it and no chapter `1`
    assert pdf.title == docx.title == "袁水职业技术学院质量年度报告（2024年度）"
    assert [(s.number, s.title) for s in pdf.sections] == [(s.number, s.title) for s in docx.sections]
    # LibreOffice sets “ ” in a Latin font and pdfium reports them after the run they enclose
    quoted = [line for line in pdf.lines if "“" in line or "”" in line]
    assert quoted[0].startswith("学院坚持“立足宜春、服务江西、面向锂电新能源产业”的办学定位")
    assert any(line.startswith("2024年4月30日，学院“智能制造技术专业群教学团队”通过") for line in quoted)
    assert any(line.startswith("学院持续推进“三教”改革") for line in quoted)
