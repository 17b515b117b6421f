"""Table-driven pass/fail cases for every rule kind, rounding and truncation edges included."""

from __future__ import annotations

import pytest

from keneng_audit.engine import run
from tests.rules.tablekit import make_doc, make_table, pack_from, rule_yaml

GROWTH_COLS = ["专业", "2023-2024学年度（人）", "2022-2023学年度（人）", "增加人数（人）", "增加比率（%）"]
GROWTH = "{rate: 增加比率, previous: 2022-2023, increase: 增加人数, current: 2023-2024}"
SHARE_COLS = ["类别", "人数", "比例", "总数"]
YEAR_COLS = ["指标", "单位", "2023年", "2024年"]

# (case id, kind, columns, rows, params, {failing case label: severity})
CASES = [
    ("growth-holds", "growth", GROWTH_COLS, [("a", ["1512", "899", "613", "68.2%"])], GROWTH, {}),
    ("growth-wrong-base", "growth", GROWTH_COLS, [("a", ["1512", "899", "613", "40.5%"])], GROWTH, {"a": "error"}),
    ("growth-third-rounded", "growth", GROWTH_COLS, [("a", ["4", "3", "1", "33.3%"]), ("b", ["4", "3", "1", "33%"])],
     GROWTH, {}),
    ("growth-third-off", "growth", GROWTH_COLS, [("a", ["4", "3", "1", "33.4%"])], GROWTH, {"a": "error"}),
    ("growth-half-edge", "growth", GROWTH_COLS, [("up", ["9", "8", "1", "13%"]), ("down", ["9", "8", "1", "12%"])],
     GROWTH, {}),
    ("growth-truncated", "growth", GROWTH_COLS, [("a", ["5", "3", "2", "66%"])], GROWTH, {"a": "warning"}),
    ("growth-negative", "growth", GROWTH_COLS, [("ok", ["198", "215", "-17", "-7.9%"]),
                                                ("bad", ["198", "215", "-17", "-8.6%"])], GROWTH, {"bad": "error"}),
    ("growth-from-current", "growth", GROWTH_COLS,
     [("a", ["131", "124", "", "5.6%"]), ("b", ["131", "124", "", "6.5%"])],
     "{rate: 增加比率, previous: 2022-2023, current: 2023-2024}", {"b": "error"}),
    ("growth-period-columns", "growth", GROWTH_COLS,
     [("a", ["1512", "899", "613", "68.2%"]), ("b", ["22", "11", "11", "50.0%"])],
     "{rate: 增加比率, previous: {period_column: previous}, increase: 增加人数, current: {period_column: latest}}",
     {"b": "error"}),
    ("sum-period-columns-without-total-row", "sum", GROWTH_COLS,
     [("a", ["1512", "899", "613", "68.2%"]), ("b", ["22", "11", "11", "100.0%"]), ("合计", ["1534", "920", "", ""])],
     "{column: [{period_column: latest}, {period_column: previous}], exclude: [合计], total: {value: 1534}}",
     {"2022-2023学年度（人）": "error"}),
    ("difference", "difference", GROWTH_COLS, [("区内", ["131", "124", "8", ""]), ("区外", ["3677", "3411", "266", ""])],
     "{increase: 增加人数, current: 2023-2024, previous: 2022-2023}", {"区内": "error"}),
    ("difference-decimals", "difference", GROWTH_COLS,
     [("a", ["12.46", "6.93", "5.53", ""]), ("b", ["12.46", "6.93", "5.5", ""]), ("c", ["12.46", "6.93", "5.6", ""])],
     "{increase: 增加人数, current: 2023-2024, previous: 2022-2023}", {"c": "error"}),
    ("share", "share", SHARE_COLS, [("专任教师", ["177", "68%", "259"]), ("行政", ["60", "24%", "259"]),
                                    ("保安", ["22", "8%", "259"]), ("行政2", ["60", "23%", "259"])],
     "{percent: 比例, part: 人数, whole: 总数}", {"行政": "error"}),
    ("share-truncated-two-decimals", "share", SHARE_COLS,
     [("高级", ["53", "39.84%", "133"]), ("中级", ["77", "57.89%", "133"]), ("初级", ["3", "2.26%", "133"])],
     "{percent: 比例, part: 人数, whole: 总数}", {"高级": "warning"}),
    ("share-constant-whole", "share", SHARE_COLS, [("a", ["50", "50%", ""]), ("b", ["50", "5%", ""])],
     "{percent: 比例, part: 人数, whole: {value: 100}}", {"b": "error"}),
    ("ratio", "ratio", ["年", "生师比", "在校生", "教师"],
     [("2024", ["19:1", "4967", "177"]), ("2024b", ["28:1", "4967", "177"]), ("2023", ["27：1", "4233", "152"]),
      ("2023b", ["1:27.8", "152", "4233"])],
     "{value: 生师比, numerator: 在校生, denominator: 教师}", {"2024": "error", "2023": "warning"}),
    ("ratio-scaled", "ratio", ["年", "生均", "面积", "在校生"],
     [("a", ["25.08", "12.46", "4967"]), ("b", ["25.3", "12.46", "4967"])],
     "{value: 生均, numerator: 面积, denominator: 在校生, scale: 10000}", {"b": "error"}),
    ("sum-row", "sum", ["年", "一", "二", "三", "合计"],
     [("2024", ["12", "58", "1109", "1179"]), ("2023", ["8", "45", "380", "433"]), ("bad", ["8", "45", "381", "433"])],
     "{parts: [一, 二, 三], total: 合计}", {"bad": "error"}),
    ("sum-column-total-row", "sum", ["类别", "人数"],
     [("高级", ["53"]), ("中级", ["77"]), ("初级", ["3"]), ("合计", ["134"])],
     "{column: 人数, total: 合计}", {"合计": "error"}),
    ("sum-percent-rounding", "sum", ["类别", "比例"], [("a", ["33.3%"]), ("b", ["33.3%"]), ("c", ["33.3%"])],
     "{column: 比例, total: {value: 100}}", {}),
    ("sum-percent-bases", "sum", ["去向", "人数", "比例"],
     [("升学", ["488", "29.3%"]), ("国企", ["50", "4.2%"]), ("民企", ["1091", "92.5%"]), ("创业", ["32", "2.7%"]),
      ("待业", ["6", "0.5%"])],
     "{column: 比例, total: {value: 100}, counts: 人数}", {"比例": "error"}),
    ("subset-named", "subset", YEAR_COLS,
     [("初次就业", ["人", "373", "865"]), ("C类", ["人", "78", "182"]), ("D类", ["人", "295", "700"])],
     "{across: columns, children: [C类, D类], parent: 初次就业}", {"C类 / 2024年": "error"}),
    ("subset-auto", "subset", YEAR_COLS,
     [("教职工总数", ["人", "270", "259"]), ("专任教师总数", ["人", "152", "277"], "教职工总数"),
      ("测评人数", ["人", "4233", "4967"]), ("合格率", ["%", "97.63", "96.55"], "测评人数")],
     "{across: columns, unit_column: 单位}", {"专任教师总数 / 2024年": "error"}),
    ("range-percent", "range", YEAR_COLS,
     [("满意度", ["%", "92.66", "100"]), ("合格率", ["%", "101", "-1"]), ("人数", ["人", "300", "400"])],
     "{columns: [2023年, 2024年], where: {column: 单位, in: ['%']}, min: 0, max: 100}",
     {"合格率 / 2023年": "error", "合格率 / 2024年": "error"}),
    ("range-whole-counts", "range", YEAR_COLS, [("人数", ["人", "12", "12.5"]), ("负数", ["人", "-3", "0"])],
     "{columns: [2023年, 2024年], where: {column: 单位, in: [人]}, min: 0, whole: true}",
     {"人数 / 2024年": "error", "负数 / 2023年": "error"}),
    ("range-dates", "range", ["奖项", "授予时间"],
     [("a", ["2024-02-30"]), ("b", ["2024-02-29"]), ("c", ["2023-02-29"]), ("d", ["2024年3月5日"]), ("e", ["待定"])],
     "{columns: [授予时间], date: true}", {"a / 授予时间": "error", "c / 授予时间": "error"}),
    ("catalog", "catalog", ["序号", "专业大类", "专业名称", "专业代码"],
     [("1", ["财经商贸大类", "会计事务", "730301"]), ("3", ["电子与信息大类", "物联网技术应用", "710102"]),
      ("4", ["", "机电技术应用", "660301"]), ("12", ["信息技术大类", "计算机应用", "710201"]),
      ("13", ["装备制造大类", "数控技术应用", "660103"])],
     "{code: 专业代码, category: 专业大类}", {"4": "error", "12": "error"}),
    # 高职专科 (41–59) and 职业本科 (21–39) codes of the same 2021 catalogue: the 大类 of 中职 code − 20 / − 40
    ("catalog-higher", "catalog", ["序号", "专业大类", "专业名称", "专业代码"],
     [("1", ["装备制造大类", "机电一体化技术", "460301"]), ("2", ["电子与信息大类", "大数据技术", "510205"]),
      ("3", ["财经商贸大类", "大数据与会计", "530302"]), ("4", ["电子与信息大类", "计算机应用工程", "310201"]),
      ("5", ["装备制造大类", "电子商务", "530701"])],
     "{code: 专业代码, category: 专业大类}", {"5": "error"}),
    # 2010 codes (051400 加工制造类): a prefix the 2021 catalogue does not know tells nothing
    ("catalog-unknown-prefix", "catalog", ["序号", "专业大类", "专业名称", "专业代码"],
     [("1", ["加工制造类", "机电技术应用", "051400"]), ("2", ["信息技术类", "计算机应用", "090100"])],
     "{code: 专业代码, category: 专业大类}", {}),
]


@pytest.mark.parametrize("case_id,kind,columns,rows,params,expected", CASES, ids=[c[0] for c in CASES])
def test_kind_cases(tmp_path, case_id, kind, columns, rows, params, expected):
    table = make_table("表1", "测试表", columns, rows)
    text = "tables:\n  t: {key: 表1}\nrules:\n" + rule_yaml("KA001", kind, "t", params)
    result = run(make_doc(table), pack_from(tmp_path, text), "en")
    assert all(f.message and "not evaluated" not in f.message for f in result.findings), result.findings
    got = {(f.location.row if kind not in ("range", "subset") else f"{f.location.row} / {f.location.column}")
           if f.location.row or kind in ("range", "subset") else f.location.column: f.severity
           for f in result.findings}
    assert got == expected


def test_growth_finding_shows_arithmetic_and_wrong_base(tmp_path):
    table = make_table("表3", "在校生", GROWTH_COLS, [("装备制造大类", ["1512", "899", "613", "40.5%"])], line=50)
    text = "tables:\n  t: {key: 表3}\nrules:\n" + rule_yaml("KA001", "growth", "t", GROWTH)
    [finding] = run(make_doc(table), pack_from(tmp_path, text), "en").findings
    assert finding.expected == "68.2% = 613 / 899"
    assert finding.actual == "40.5%"
    assert finding.message == "表3 装备制造大类 增加比率（%）: printed 40.5%, expected 68.2% = 613 / 899"
    assert "613 / 1512 = 40.5%" in finding.hint
    assert [v.text for v in finding.values] == ["40.5%", "613", "899"]
    assert finding.location.lines == (51,)


def test_sum_bases_hint_and_lines(tmp_path):
    rows = [("升学", ["488", "29.3%"]), ("民企", ["1091", "92.5%"]), ("待业", ["6", "0.5%"])]
    table = make_table("表17", "毕业去向", ["去向", "人数", "比例"], rows, line=10)
    text = "tables:\n  t: {key: 表17}\nrules:\n" + rule_yaml("KA001", "sum", "t",
                                                                "{column: 比例, total: {value: 100}, counts: 人数}")
    [finding] = run(make_doc(table), pack_from(tmp_path, text), "zh").findings
    assert finding.actual == "122.3% = 29.3% + 92.5% + 0.5%"
    assert finding.location.lines == (11, 12, 13)
    assert "488 / 29.3% ≈ 1666" in finding.hint and "1091 / 92.5% ≈ 1179" in finding.hint


def test_catalog_names_unknown_category(tmp_path):
    rows = [("12", ["信息技术大类", "计算机应用", "710201"])]
    table = make_table("表2", "专业", ["序号", "专业大类", "专业名称", "专业代码"], rows)
    text = "tables:\n  t: {key: 表2}\nrules:\n" + rule_yaml("KA001", "catalog", "t", "{code: 专业代码, category: 专业大类}")
    [finding] = run(make_doc(table), pack_from(tmp_path, text), "en").findings
    assert finding.expected == "71 电子与信息大类"
    assert finding.actual == "710201 信息技术大类"
    assert "not a 专业大类" in finding.hint


def test_growth_without_previous_uses_current_minus_increase(tmp_path):
    columns = ["类别", "人数", "较上一年度增加人数", "增加比率（%）"]
    rows = [("中级", ["77", "1", "1.3%"]), ("初级", ["3", "1", "33.3%"])]
    table = make_table("表12", "双师", columns, rows)
    text = "tables:\n  t: {key: 表12}\nrules:\n" + rule_yaml(
        "KA001", "growth", "t", "{rate: 增加比率, increase: 较上一年度增加人数, current: 人数}")
    [finding] = run(make_doc(table), pack_from(tmp_path, text), "en").findings
    assert (finding.location.row, finding.expected, finding.actual) == ("初级", "50.0% = 1 / (3 − 1)", "33.3%")
    assert "1 / 3 = 33.3%" in finding.hint


@pytest.mark.parametrize("texts, how, shown", [
    (["4233"], None, "4233"),
    (["899", "720", "11"], "sum", "1630 = 899 + 720 + 11"),
    (["10.5", "2.25"], "sum", "12.75 = 10.5 + 2.25"),
    (["259", "270"], "difference", "-11 = 259 − 270"),
])
def test_agree_states_what_a_sum_or_difference_comes_to(texts, how, shown):
    from keneng_audit.facts.values import Val
    from keneng_audit.findings import PrintedValue
    from keneng_audit.numbers import parse_number
    from keneng_audit.rules.kinds.agree import _stated

    vals = [Val.of(parse_number(t), PrintedValue(t, parse_number(t).value, "表1", 10 + i)) for i, t in enumerate(texts)]
    val = vals[0] if how is None else Val.total(vals) if how == "sum" else Val.difference(*vals)
    assert _stated(val) == shown
