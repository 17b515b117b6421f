"""Cells as schools print them: full-width digits, signs written as arrows or words, units inside cells, cells
that print a number the reader cannot read (never silently left out of a sum), running headers after page numbers."""

from __future__ import annotations

from keneng_audit.audit import audit_document, load_rules
from keneng_audit.reading import read_text


def _doc(text: str):
    return read_text("t.txt", text.encode("utf-8"))


def _errors(text: str) -> list[tuple[str, str | None, str | None]]:
    result = audit_document(_doc(text), [p for p in load_rules() if p.name == "national"])
    return [(f.rule, f.location.row, f.location.column) for f in result.findings if f.severity != "info"]


def _unread(text: str) -> list[str]:
    result = audit_document(_doc(text), [p for p in load_rules() if p.name == "national"])
    return [f.message for f in result.findings if f.rule == "KA002"]


CHANGES = """某某职业学校2024年质量年度报告
一、在校生
表1 各专业在校生
专业名称 2024年 2023年 增减 增长率（%）
机电技术应用 420 380 40 10.5
计算机应用 380 400 －20 －5.0
电子商务 250 260 −10 −3.8
会计事务 200 210 {cell} {rate}
合计 1250 1250 0 0.0
"""


def test_a_decrease_printed_with_an_arrow_or_a_word_is_negative_and_the_total_adds_up():
    for cell, rate in (("▼10", "▼4.8"), ("减少10", "下降4.8"), ("10↓", "4.8↓")):
        doc = _doc(CHANGES.format(cell=cell, rate=rate))
        assert doc.tables[0].cell("会计事务", "增减").value == -10
        assert doc.tables[0].cell("会计事务", "增长率（%）").value == -4.8
        assert _errors(CHANGES.format(cell=cell, rate=rate)) == []
    # The twin with a wrong printed decrease is caught: the parts no longer add up to the total.
    assert _errors(CHANGES.format(cell="▼20", rate="▼9.5")) == [("KA5162", "合计", "增减"), ("KA5384", "会计事务", "增减")]


def test_a_cell_that_prints_an_unreadable_number_is_never_left_out_of_a_sum():
    text = CHANGES.format(cell="(10)", rate="(4.8)")
    cell = _doc(text).tables[0].cell("会计事务", "增减")
    assert (cell.number, cell.unreadable) == (None, True)
    assert _errors(text) == []  # the sum over 增减 is not checked: 40 − 20 − 10 alone would not give 0
    notes = _unread(text)
    assert len(notes) == 2 and "“会计事务”的“增减”印为“(10)”" in notes[0] and "第 8 行" in notes[0]
    # Words that print no number are empty cells, as `—` is: nothing to say.
    words = CHANGES.replace("会计事务 200 210 {cell} {rate}\n", "会计事务 200 210 不适用 不适用\n") \
        .replace("合计 1250 1250 0 0.0", "合计 1250 1250 10 0.0")
    assert _unread(words.format()) == [] and not _doc(words.format()).tables[0].cell("会计事务", "增减").unreadable


UNITS = """某某职业学校2024年质量年度报告
一、在校生
表1 近两学年在校生情况
项目 2022-2023学年 2023-2024学年 增减
全日制在校生 1720人 1856人 {inc}人
"""


def test_units_printed_inside_cells_are_numbers_with_that_unit():
    table = _doc(UNITS.format(inc=136)).tables[0]
    cell = table.cell("全日制在校生", "2023-2024学年")
    assert (cell.value, cell.number.unit, cell.text) == (1856, "人", "1856人")
    assert _errors(UNITS.format(inc=136)) == []
    assert _errors(UNITS.format(inc=146)) == [("KA5391", "全日制在校生", "增减")]


FULL_WIDTH = """某某职业学校质量年度报告（２０２５）
一、在校生
表１-１ 近三年全日制在校生情况
年度 全日制在校生（人） 较上年增加（人） 增长率（％）
２０２３年 １１,３５０ ４１０ ３．７
２０２４年 １１,９２０ ５７０ ５．０
２０２５年 １２,４８０ ５６０ ４．７
表１-２ 各专业大类在校生分布
专业大类 在校生数（人） 占比（％）
合计 １２,４８０ １００．０
装备制造大类 ７,６２０ ６１．１
电子与信息大类 ４,８６０ ３８．９
"""


def test_full_width_digits_read_as_half_width_years_included():
    doc = _doc(FULL_WIDTH)
    assert [t.key for t in doc.tables] == ["表1-1", "表1-2"]
    assert doc.tables[0].period_axis == "rows"
    assert [r.label for r in doc.tables[0].rows] == ["2023年", "2024年", "2025年"]
    assert doc.tables[0].cell("2025年", "全日制在校生（人）").value == 12480
    half = FULL_WIDTH.translate({0xFF10 + d: str(d) for d in range(10)} | {0xFF0E: ".", 0xFF05: "%"})
    assert _errors(FULL_WIDTH) == _errors(half) == []
    # Locations stay where printed: the same line, the same offsets.
    assert doc.tables[0].cell("2025年", "全日制在校生（人）").source.line == 7


def test_a_running_header_printed_after_each_page_number_is_furniture():
    page = "表{n} 学生流动\n专业名称 学年初人数（人） 学年末人数（人）\n数控技术应用 430 420\n机电技术应用 522 510\n\n— {n} —\n" \
           "某某技工学校　　　　　　2024年度质量报告\n\n{h}、第{n}部分\n正文第{n}段，说明情况。\n"
    text = "某某技工学校质量年度报告（2024）\n" + "".join(page.format(n=n, h="一二三"[n - 1]) for n in (1, 2, 3))
    doc = _doc(text)
    assert [[r.label for r in t.rows] for t in doc.tables] == [["数控技术应用", "机电技术应用"]] * 3


TRAINING = """某某职业学校2024年质量年度报告
一、社会服务
表1 社会培训情况
项目 2023年（人次） 2024年（人次）
企业职工培训 8,000 {workers}
农民工培训 3,000 4,600
合计 11,000 16,600
"""


def test_ten_thousands_in_a_count_cell_are_a_scale_summed_with_plain_counts():
    # 1.2万 is 12000 人次 to the nearest thousand: 12000 + 4,600 = 16,600; printed 1.3万 it cannot be.
    doc = _doc(TRAINING.format(workers="1.2万"))
    cell = doc.tables[0].cell("企业职工培训", "2024年（人次）")
    assert (cell.number.value, cell.number.unit) == (12000, "人次")
    assert _errors(TRAINING.format(workers="1.2万")) == []
    assert _errors(TRAINING.format(workers="1.2万人次")) == []
    assert [(row, column) for _, row, column in _errors(TRAINING.format(workers="1.3万"))] == [
        ("合计", "2024年（人次）")]


CERTIFICATES = """某某职业学校2024年质量年度报告
一、学生发展
表1 学生发展情况
指标 2023年度 2024年度 同比增长（%）
毕业生人数 226 211 {growth}
技能证书获取数 1,240* 1,386* 11.8
注：*含1+X证书。
"""


def test_a_number_with_a_footnote_mark_is_read_and_keeps_its_column_checked():
    # `1,240*` is 1240 (the mark points to the note): the growth column is inferred over every row and -7.1 is found.
    doc = _doc(CERTIFICATES.format(growth="-6.6"))
    assert doc.tables[0].cell("技能证书获取数", "2023年度").number.value == 1240
    assert _errors(CERTIFICATES.format(growth="-6.6")) == []
    assert _errors(CERTIFICATES.format(growth="-7.1")) and all(
        row == "毕业生人数" for _, row, _ in _errors(CERTIFICATES.format(growth="-7.1")))
