"""The bundled check of the sample report: every known discrepancy found and proven, the holding relations not."""

from __future__ import annotations

import pytest

from keneng_audit.audit import audit_report, load_rules
from keneng_audit.resources import sample_report


@pytest.fixture(scope="module")
def result():
    return audit_report(sample_report(), lang="en")


def _find(result, rule, table=None, row=None, column=None):
    found = [f for f in result.findings if f.rule == rule and (table is None or f.location.table == table)
             and (row is None or f.location.row == row) and (column is None or f.location.column == column)]
    assert len(found) == 1, [(f.rule, f.location) for f in result.findings if f.rule == rule]
    return found[0]


def _texts(finding):
    return [v.text for v in finding.values]


def test_packs_rules_and_tables(result):
    assert result.packs == ["national", "keneng-2024"]
    assert result.rules_run == sum(len(p.rules) for p in load_rules())
    assert result.tables_read == 37
    assert not [f for f in result.findings if f.severity == "info"]


def test_dual_teacher_share(result):
    f = _find(result, "KA172", "附表3", "“双师型”教师比例", "2024年")
    assert (f.severity, f.expected, f.actual) == ("error", "75.1% = (53 + 77 + 3) / 177", "86%")
    assert _texts(f) == ["86%", "53", "77", "3", "177"]
    assert f.location.lines == (830, 831, 832, 4231, 4478)


def test_previous_year_column_of_table3_against_appendix6(result):
    f = _find(result, "KA209", "表3")
    assert f.location.column == "2022-2023学年度（人）"
    assert f.expected == "4233 (附表6)"
    assert f.actual == "3988 = 899 + 720 + 608 + 366 + 942 + 133 + 309 + 11"
    assert f.location.lines == (562, 564, 566, 568, 570, 572, 574, 576, 4466)
    # 表4 repeats the same short column.
    assert _find(result, "KA210", "表4").actual.startswith("3988 = 151 + 215")


def test_growth_rates_on_the_wrong_base(result):
    f = _find(result, "KA201", "表3", "装备制造大类")
    assert (f.expected, f.actual) == ("68.2% = 613 / 899", "40.5%")
    assert _texts(f) == ["40.5%", "613", "899"] and f.location.lines == (562,)
    assert "613 / 1512 = 40.5%" in f.hint
    table3 = {f.location.row for f in result.findings if f.rule == "KA201"}
    table4 = {f.location.row for f in result.findings if f.rule == "KA202"}
    assert len(table3) == 8 and len(table4) == 16
    assert _find(result, "KA202", "表4", "高星级饭店运营与管理").expected == "100.0% = 11 / 11"


def test_increase_in_table7(result):
    f = _find(result, "KA208", "表7", "区内")
    assert (f.expected, f.actual, _texts(f), f.location.lines) == ("7 = 131 − 124", "8", ["8", "131", "124"], (718,))
    assert [f.location.row for f in result.findings if f.rule == "KA208"] == ["区内"]


def test_staff_share_in_table8(result):
    f = _find(result, "KA221", "表8", "行政及工勤人员")
    assert (f.expected, f.actual, f.location.lines) == ("23.2% = 60 / 259", "24%", (782, 4476))
    assert [f.location.row for f in result.findings if f.rule == "KA221"] == ["行政及工勤人员"]


def test_student_teacher_ratio(result):
    f = _find(result, "KA171", "附表3", "生师比", "2024年")
    assert (f.severity, f.expected, f.actual) == ("error", "28.1:1 = 4967 / 177", "19:1")
    assert f.location.lines == (4228, 4466, 4478)
    # 4233 / 152 = 27.85 printed 27:1: consistent only when truncated.
    assert _find(result, "KA171", "附表3", "生师比", "2023年").severity == "warning"


def test_graduates_placed_disagree(result):
    f = _find(result, "KA174")
    assert f.actual == "1179 (附表1); 1179 (§2.5.1); 1151 (表20)"
    assert _texts(f) == ["1179", "1179", "1151"] and f.location.lines == (1922, 2025, 4160)


def test_graduates_in_prose_disagree_with_appendix1(result):
    f = _find(result, "KA178")
    assert f.actual == "1667 (附表1); 1677 (§1.3.3)" and f.location.lines == (756, 4156)
    # 教职工总数 259 and 专任教师总数 177 in the prose agree with 附表6.
    assert not [g for g in result.findings if g.rule in ("KA177", "KA179")]


def test_destination_shares_use_two_bases(result):
    f = _find(result, "KA235", "表17")
    assert (f.expected, f.actual) == ("100%", "129.2% = 29.3% + 0 + 0 + 4.2% + 92.5% + 2.7% + 0.5%")
    assert "488 / 29.3% ≈ 1666" in f.hint and "1091 / 92.5% ≈ 1179" in f.hint
    assert f.location.lines == (1933, 1934, 1936, 1937, 1938, 1939, 1941)


def test_major_code_against_catalog(result):
    f = _find(result, "KA212", "表2", "机电技术应用")
    assert (f.expected, f.actual, _texts(f), f.location.lines) == \
        ("66 装备制造大类", "660301 电子与信息大类", ["660301", "电子与信息大类"], (281, 285))
    unknown = _find(result, "KA212", "表2", "计算机应用")
    assert "信息技术大类" in unknown.hint


def test_impossible_date(result):
    found = [f for f in result.findings if f.rule == "KA233"]
    assert [(f.location.table, f.actual, f.location.lines) for f in found] == \
        [("表16", "2024-02-30", (1710,)), ("表16", "2024-02-30", (1715,))]


@pytest.mark.parametrize("rule", ["KA209", "KA210"])
def test_this_years_columns_add_up_to_4967(result, rule):
    assert [f.location.column for f in result.findings if f.rule == rule] == ["2022-2023学年度（人）"]


def test_relations_that_hold_are_not_reported(result):
    rules = {f.rule for f in result.findings}
    assert "KA222" not in rules  # 177 + 60 + 22 = 259
    assert {f.location.row for f in result.findings if f.rule == "KA221"} == {"行政及工勤人员"}  # 68%, 8% hold
    assert "KA104" not in rules  # 12 + 58 + 1109 = 1179
    assert "KA176" not in rules  # 表25 合格率 = 附表6 体质测评合格率
    assert "KA236" not in rules  # 表17 人数 add up to 1667 graduates
    assert not [f for f in result.findings if f.location.table == "表20"]


def test_findings_are_sorted_and_fingerprinted(result):
    assert result.findings == sorted(result.findings, key=lambda f: f.sort_key())
    prints = [f.fingerprint for f in result.findings]
    assert len(prints) == len(set(prints)) and all(len(p) == 16 for p in prints)


def test_chinese_messages():
    f = next(f for f in audit_report(sample_report(), lang="zh").findings if f.rule == "KA208")
    assert f.message == "表7 区内 增加人数印刷为 8，但两学年度相减为 7 = 131 − 124"
