"""KA450: a per-student value printed as a whole number stands for an interval, not an exact count."""

from __future__ import annotations

import pytest

from tests.claims.docs import table
from tests.claims.kinds.helpers import policy, summary


def _a6(students: str):
    return table("附表6", "落实政策表", ["序号", "指标", "单位", "2023年", "2024年"],
                 [["1", "全日制在校生人数", "人", "3400", students]], first_line=900)


@pytest.mark.parametrize("text,students,expected", [
    # 4358.20 万元 / 3631 = 12002.75: printed 12003 is right (the false alarm)
    ("教学科研仪器设备总值达 4358.20 万元，生均教学科研仪器设备值 12003 元。", "3631", []),
    ("教学科研仪器设备总值达 4358.20 万元，生均教学科研仪器设备值 12002 元。", "3631",
     [("warning", "12002.8 = 4358.20 × 10000 / 3631", "12002")]),  # only a truncation gives 12002
    ("教学科研仪器设备总值达 4358.20 万元，生均教学科研仪器设备值 12004 元。", "3631",
     [("error", "12002.8 = 4358.20 × 10000 / 3631", "12004")]),
    # the rounding edge: 3000 万元 printed whole stands for [2999.5, 3000.5]: / 2400 = [12497.9, 12502.1]
    ("仪器设备总值 3000 万元，生均仪器设备值 12500 元。", "2400", []),
    ("仪器设备总值 3000 万元，生均仪器设备值 12502 元。", "2400", []),
    ("仪器设备总值 3000 万元，生均仪器设备值 12503 元。", "2400", [("error", "12500.0 = 3000 × 10000 / 2400", "12503")]),
    # 3000.5 万元 stands for [3000.45, 3000.55]: / 2400 = [12501.9, 12502.3]: 12502 fits, 12503 does not
    ("仪器设备总值 3000.5 万元，生均仪器设备值 12502 元。", "2400", []),
    ("仪器设备总值 3000.5 万元，生均仪器设备值 12503 元。", "2400", [("error", "12502.1 = 3000.5 × 10000 / 2400", "12503")]),
])
def test_per_student_value_printed_whole_is_rounded(text, students, expected):
    assert summary("KA450", text, tables=[_a6(students)]) == expected


@pytest.mark.parametrize("text,expected", [
    # `由 A 增长到 B`: B is the year's total, A last year's (a probe's false alarm divided A)
    ("财政补助收入由 3,450.00 万元增长到 3,726.00 万元，生均财政补助 15,397 元。", []),
    ("财政补助收入由上年的 3,450.00 万元增至 3,726.00 万元，生均财政补助 15,397 元。", []),
    ("财政补助收入从 3,450.00 万元提高到 3,726.00 万元，生均财政补助 15,397 元。", []),
    ("财政补助收入由 3,450.00 万元增长到 3,726.00 万元，生均财政补助 14,256 元。", [
        ("error", "15396.7 = 3,726.00 × 10000 / 2420", "14,256")]),
    ("财政补助收入 3,726.00 万元（上年 3,450.00 万元），生均财政补助 15,397 元。", []),
    # a per-student value in 万元 (a new user's report: missed)
    ("财政补助收入 3,726.00 万元，生均财政补助约 1.54 万元。", []),
    ("财政补助收入 3,726.00 万元，生均财政补助约 1.74 万元。", [("error", "1.54 = 3,726.00 / 2420", "1.74")]),
    ("财政补助收入 0.3726 亿元，生均财政补助 1.54 万元。", []),
    # review: a per-student standard or value is no total
    ("学校财政拨款生均标准为 1.50 万元，实际生均财政拨款 1.20 万元。", []),
    ("财政生均拨款标准为每生每年 1.50 万元，学校生均财政拨款 1.62 万元。", []),
    ("财政生均拨款标准为每生每年 1.50 万元，学校生均财政拨款 12,000 元。", []),
])
def test_the_total_of_a_from_to_sentence_is_its_second_value(text, expected):
    assert summary("KA450", text, tables=[_a6("2420")]) == expected


@pytest.mark.parametrize("text,expected", [
    # 生均 with no noun of its own: the total its sentence states before it (once a division by zero)
    ("校舍建筑面积 15.6 万平方米，生均 30 平方米。", []),
    ("校舍建筑面积 15.6 万平方米，生均 35 平方米。", [("error", "30.0 = 15.6 × 10000 / 5200", "35")]),
    ("学校教学仪器设备总值 6000 万元。生均 12538 元。", []),  # another sentence: not its total
])
def test_per_student_without_a_noun(text, expected):
    assert summary("KA450", text, tables=[_a6("5200")]) == expected


@pytest.mark.parametrize("text,expected", [
    # 亿元 and thousands separators (review P8, P12); 在校生 4967 (附表6)
    ("教学仪器设备总值 1.2 亿元，生均教学仪器设备值 24,160 元。", []),  # 120000000 / 4967 = 24159.5
    ("教学仪器设备总值 1.2 亿元，生均教学仪器设备值 26,160 元。", [("error", "24159.5 = 1.2 × 100000000 / 4967", "26,160")]),
    ("教学仪器设备总值 6,000 万元，生均 12,080 元。", []),  # 12079.7
    ("教学仪器设备总值 6,000 万元，生均 12,538 元。", [("error", "12079.7 = 6,000 × 10000 / 4967", "12,538")]),
])
def test_per_student_in_yi_and_with_separators(text, expected):
    assert summary("KA450", text, tables=[policy()]) == expected



@pytest.mark.parametrize("text,expected", [
    # one place against another (附表6 12840, the prose 12,480): a value that fits either is no error here (the
    # agreement rule names the copies); one that fits neither is judged against the table's
    ("学校现有全日制在校生 12,480 人。生均拨款 15,600 万元，折合生均 12,500 元。", []),
    ("学校现有全日制在校生 12,480 人。生均拨款 15,600 万元，折合生均 12,150 元。", []),
    ("学校现有全日制在校生 12,480 人。生均拨款 15,600 万元，折合生均 13,000 元。",
     [("error", "12149.5 = 15,600 × 10000 / 12840", "13,000")]),
])
def test_per_student_with_two_equally_backed_student_counts(text, expected):
    assert summary("KA450", text, tables=[_a6("12840")]) == expected


_REPORT = """西岭职业学院2024年质量年度报告
一、学校概况
学校现有全日制在校生 12,480 人。
二、经费
生均拨款 15,600 万元，折合生均 {value} 元。
三、数据
表1 近两年主要办学指标
指标 2023年 2024年
全日制在校生（人） 11,920 12,480
附表6 落实政策表
序号 指标 单位 2023年 2024年
1 全日制在校生人数 人 11920 {appendix}
"""


@pytest.mark.parametrize("appendix,value,expected", [
    # one wrong copy (附表6 12840; 表1 and the prose 12,480): the 生均 is judged against 12,480 (review3 NEW-16)
    ("12840", "12,500", []),
    ("12840", "12,150", [("error", "12500.0 = 15,600 × 10000 / 12,480", "12,150")]),
    ("12480", "12,500", []),
    ("12480", "12,150", [("error", "12500.0 = 15,600 × 10000 / 12480", "12,150")]),  # 附表6 first: tables agree
])
def test_per_student_takes_the_students_most_places_agree_on(tmp_path, appendix, value, expected):
    from keneng_audit.audit import audit_document
    from keneng_audit.reading import read_report
    from keneng_audit.resources import rules_dir
    from keneng_audit.rules.loader import load_packs

    path = tmp_path / "report.txt"
    path.write_text(_REPORT.format(value=value, appendix=appendix), encoding="utf-8")
    findings = audit_document(read_report(path), load_packs([rules_dir() / "national"]), "zh").findings
    assert [(f.severity, f.expected, f.actual) for f in findings if f.rule == "KA450"] == expected
