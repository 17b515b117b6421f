"""The bundled check of the sample report: every known discrepancy found and proven, the holding relations not."""

from __future__ import annotations

from pathlib import Path

import pytest

from keneng_audit import claims
from keneng_audit.audit import audit_report, load_rules
from keneng_audit.resources import rules_dir, sample_report


@pytest.fixture(scope="module")
def result():
    return audit_report(sample_report(), lang="en")


def _find(result, rule, table=None, row=None, column=None):
    found = [f for f in result.findings if f.rule == rule and (table is None or f.location.table == table)
             and (row is None or f.location.row == row) and (column is None or f.location.column == column)]
    assert len(found) == 1, [(f.rule, f.location) for f in result.findings if f.rule == rule]
    return found[0]


def _named(result, name, table, row=None):
    """An inferred rule's finding, found by the rule's name (its id comes from the relation it checks)."""
    found = [f for f in result.findings if f.name == name and f.location.table == table
             and (row is None or f.location.row == row)]
    assert len(found) == 1, [(f.rule, f.location) for f in result.findings if f.name == name]
    return found[0]


def _texts(finding):
    return [v.text for v in finding.values]


def test_packs_rules_and_tables(result):
    assert result.packs == ["national", "keneng-2024", "inferred"]
    from keneng_audit import coverage
    from keneng_audit.inference import infer
    from keneng_audit.reading import read_report

    inferred = infer(read_report(sample_report()), load_rules()).entries
    assert result.rules_run == sum(len(p.rules) for p in load_rules()) + len(inferred) + len(claims.RULE_IDS) + \
        len(coverage.RULES)
    assert result.tables_read == 37
    # The only notes: tables the reader could not fully rebuild (表13 printed column by column; 表20's header;
    # 表20 and 表21 print no row labels).
    assert {(f.rule, f.location.table) for f in result.findings if f.severity == "info"} == {
        ("KA002", "表13"), ("KA002", "表20"), ("KA002", "表21")}


def test_pack_rules_alone():
    """The table rules without the prose checks: exactly these findings per rule."""
    from keneng_audit.audit import audit_document
    from keneng_audit.reading import read_report

    only = audit_document(read_report(sample_report()), load_rules(), "en", prose=False)
    per_rule: dict[str, int] = {}
    for f in only.findings:  # inferred rules by name and table: their ids come from the relation
        key = f"{f.name}/{f.location.table}" if f.name.startswith("inferred") else f.rule
        per_rule[key] = per_rule.get(key, 0) + 1
    assert per_rule == {"KA002": 4, "KA108": 2, "KA123": 2, "KA171": 2, "KA172": 1, "KA173": 1, "KA175": 1, "KA181": 8,
                        "KA183": 1, "KA184": 2, "KA185": 1, "KA187": 1, "KA189": 2, "KA190": 1, "KA191": 2,
                        "KA244": 1, "KA247": 1, "KA248": 1, "KA249": 1,
                        "inferred-difference/表7": 1, "inferred-growth/表10": 1, "inferred-growth/表12": 1,
                        "inferred-growth/表4": 16, "inferred-growth/表5": 8, "inferred-growth/表6": 16,
                        "inferred-growth/表7": 2, "inferred-share/表10": 1, "inferred-share/表12": 1,
                        "inferred-share/表9": 1}
    warnings = sorted((f.name if f.name.startswith("inferred") else f.rule, f.location.row or "",
                       f.location.column or "") for f in only.findings if f.severity == "warning")
    assert warnings == [("KA123", "在线精品课程数", "2023年"), ("KA123", "在线精品课程数", "2024年"),
                        ("KA171", "生师比", "2023年"), ("KA244", "2022-2023", "直接就业率（%）"),
                        ("KA247", "年生均财政拨款水平", "2024年"), ("inferred-growth", "区外市内", "增加比率（%）"),
                        ("inferred-share", "在编专任教师", "比例"), ("inferred-share", "聘用制专任教师", "比例"),
                        ("inferred-share", "高级", "比例")]
    # Without the prose, the table rule reports direct employment 1179 (附表1) vs 1151 (表20) itself.
    [direct] = [f for f in only.findings if f.rule == "KA190"]
    assert (direct.actual, direct.expected, direct.location.lines) == ("1179 (附表1)", "1151 (表20)", (2025, 4172))


def test_dual_teacher_share(result):
    f = _find(result, "KA172", "附表3", "“双师型”教师比例", "2024年")
    assert (f.severity, f.expected, f.actual) == ("error", "75.1% = (53 + 77 + 3) / 177", "86%")
    assert _texts(f) == ["86%", "53", "77", "3", "177"]
    assert f.location.lines == (830, 831, 832, 4231, 4478)


def test_previous_year_column_of_table3_against_appendix6(result):
    f = _find(result, "KA183", "表3")
    assert f.location.column == "2022-2023学年度（人）"
    # The report prints 4233 (附表6); the rows add up to 3988: in that order, with those labels.
    assert (f.actual, f.basis) == ("4233 (附表6)", "the rows add up to")
    assert f.expected == "3988 = 899 + 720 + 608 + 366 + 942 + 133 + 309 + 11"
    assert f.location.lines == (562, 564, 566, 568, 570, 572, 574, 576, 4466)
    # 表4–表6 repeat the short column: their sums are full-time students (inferred from their captions).
    agree = _find(result, "KA175", "附表6", "全日制在校生人数", "2023年")
    # Printed where the finding points (附表6), then what the places that disagree print.
    assert agree.actual == "4233 (附表6)"
    assert "899 + 720 + 608 + 366 + 942 + 133 + 309 + 11 (表5)" in agree.expected and "151 + 215" in agree.expected


def test_growth_rates_on_the_wrong_base(result):
    f = _find(result, "KA181", "表3", "装备制造大类")
    assert (f.expected, f.actual) == ("68.2% = 613 / 899", "40.5%")
    assert _texts(f) == ["40.5%", "613", "899"] and f.location.lines == (562,)
    assert "613 / 1512 = 40.5%" in f.hint
    table3 = {f.location.row for f in result.findings if f.rule == "KA181"}
    table4 = {f.location.row for f in result.findings if f.name == "inferred-growth" and f.location.table == "表4"}
    assert len(table3) == 8 and len(table4) == 16
    assert _named(result, "inferred-growth", "表4", "高星级饭店运营与管理").expected == "100.0% = 11 / 11"


def test_increase_in_table7(result):
    f = _named(result, "inferred-difference", "表7", "区内")
    assert (f.expected, f.actual, _texts(f), f.location.lines) == ("7 = 131 − 124", "8", ["8", "131", "124"], (718,))
    assert [f.location.row for f in result.findings if f.name == "inferred-difference"] == ["区内"]


def test_staff_share_in_table8(result):
    f = _find(result, "KA185", "表8", "行政及工勤人员")
    assert (f.expected, f.actual, f.location.lines) == ("23.2% = 60 / 259", "24%", (782, 4476))
    assert [f.location.row for f in result.findings if f.rule == "KA185"] == ["行政及工勤人员"]


def test_student_teacher_ratio(result):
    f = _find(result, "KA171", "附表3", "生师比", "2024年")
    assert (f.severity, f.expected, f.actual) == ("error", "28.1:1 = 4967 / 177", "19:1")
    assert f.location.lines == (4228, 4466, 4478)
    # 4233 / 152 = 27.85 printed 27:1: consistent only when truncated.
    assert _find(result, "KA171", "附表3", "生师比", "2023年").severity == "warning"


def test_direct_employment_disagree_once(result):
    """1179 (§2.5.1, 附表1 面向三次产业就业人数) vs 1151 (表20): the prose agreement lists every place, so the
    table rule KA190, which compares two of them, is not reported a second time."""
    [f] = [f for f in result.findings if f.rule == "KA401" and 1922 in f.location.lines]
    assert _texts(f) == ["1179", "1179", "1151"] and f.location.lines == (1922, 2025, 4172)
    assert (f.expected, f.actual) == ("1179 (§2.5.1, 附表1)", "1151 (表20)")
    assert "KA190" not in {g.rule for g in result.findings}


def test_matched_employment_cites_both_tables(result):
    [f] = [f for f in result.findings if f.rule == "KA401" and 1962 in f.location.lines]
    assert (f.expected, f.actual, f.location.lines) == ("1035 (表20, 表18)", "1068 (§2.7.2)", (1962, 1970, 2025))


def test_table20_with_the_headers_of_the_pack(result):
    """433 / 916 = 47.27%, printed 47.20%: consistent only if 47.2x was truncated (the table pads 85.7% to 85.70%)."""
    [f] = [f for f in result.findings if f.location.table == "表20" and f.rule != "KA002"]
    assert (f.rule, f.severity, f.location.row, f.location.column) == ("KA244", "warning", "2022-2023", "直接就业率（%）")
    assert (f.expected, f.actual, f.location.lines) == ("47.27% = 433 / 916", "47.20%", (2023, 4156))


def test_senior_title_share_of_last_year(result):
    """附表3 2023: 60%, but 表11's 高级 53 − 2 (its increase) = 51 of 附表6's 152 full-time teachers is 33.6%."""
    f = _find(result, "KA173", "附表3", "高级专业技术职务专任教师比例", "2023年")
    assert (f.severity, f.expected, f.actual) == ("error", "33.6% = (53 − 2) / 152", "60%")
    assert f.location.lines == (823, 4235, 4478)
    assert not [g for g in result.findings if g.rule == "KA173" and g.location.column == "2024年"]  # 53 / 177 → 30%


def test_income_sources_of_table31(result):
    """2022: 685 + 0 + 2329.13 + 0 + 4507.43 = 7521.56 holds; 2023's sources add up to 2872.33, not 10344.3."""
    f = _find(result, "KA248", "表31", "2023")
    assert (f.actual, f.expected, f.location.lines) == ("10344.3", "2872.33 = 124.02 + 0 + 60.31 + 0 + 2688", (4102,))


def test_funding_per_student_table31_against_appendix6(result):
    f = _find(result, "KA247")
    assert (f.severity, f.location.column, f.actual, f.expected) == ("warning", "2024年", "2688 (附表6)", "4903.10 (表31)")
    assert f.location.lines == (4102, 4468)  # 2023年 4507.43 = 表31 2022 4507.43 holds


def test_tuition_in_prose_against_table31(result):
    """§7.4 "2023（自然）年度 … 学费收入 124.02 万元" vs 表31's 2023 row (natural years) 学费收入合计 60.31."""
    [f] = [f for f in result.findings if f.rule == "KA401" and 4026 in f.location.lines]
    assert (f.severity, f.location.section, f.location.lines) == ("error", "7.4", (4026, 4102))
    assert (f.expected, f.actual, _texts(f)) == ("60.31 (表31)", "124.02 (§7.4)", ["124.02", "60.31"])
    assert "(income.tuition, 2023)" in f.message and "表31 2023 / 学费收入合计（万元）, line 4102" in f.message


def test_further_study_rate_of_table21(result):
    """表21's unlabelled rows are the two school years: 488 / 1667 = 29.27%, printed 31.00% (表17 prints 29.3%);
    483 / 916 → 52.70% holds."""
    f = _find(result, "KA249", "表21")
    assert (f.severity, f.location.row, f.location.column) == ("error", "2023-2024", "升学率（%）")
    assert (f.expected, f.actual, _texts(f), f.location.lines) == \
        ("29.27% = 488 / 1667", "31.00%", ["31.00%", "488", "1667"], (2140, 4156))


def test_certificate_holders_appendix6_against_table24(result):
    """附表6 2023年 / 2024年 against 表24's school years 2022-2023 / 2023-2024: 1630 vs 1639, 3025 vs 1868."""
    found = sorted((f.location.column, f.severity, f.actual, f.expected, f.location.lines)
                   for f in result.findings if f.rule == "KA191")
    assert found == [("2023年", "error", "1630 (附表6)", "1639 (表24)", (2301, 4495)),
                     ("2024年", "error", "3025 (附表6)", "1868 (表24)", (2302, 4495))]


def test_matched_rate_in_prose_against_tables_18_and_20(result):
    """§2.5.1 对口就业率达 91.5% vs 90% (表18 比例 and 表20 对口率, 1035 / 1151 = 89.9%); the same words about the
    apprenticeship students (现代学徒制, §3.2) are about a group and not compared."""
    found = [f for f in result.findings if f.rule == "KA401" and 1924 in f.location.lines]
    assert len(found) == 1
    [f] = found
    assert (f.severity, f.location.section, f.location.lines) == ("error", "2.5.1", (1924, 1970, 2025))
    assert (f.expected, f.actual, _texts(f)) == ("90% (表20, 表18)", "91.5% (§2.5.1)", ["91.5%", "90%", "90%"])
    assert not [g for g in result.findings if 2909 in g.location.lines]
    # the table rules on the same cells hold, so nothing else reports them
    assert not [g for g in result.findings if g.rule == "KA243" or (g.location.table == "表18" and g.rule != "KA401")]


def test_placed_graduates_include_further_study_and_employment(result):
    """附表1: 升学 and 三次产业就业 are both placements, yet 2024's 488 + 1179 = 1667 exceed the 1179 placed
    (表17: only 6 of 1667 待业), and 2023's 483 + 433 = 916 exceed the 908 placed."""
    found = sorted((f.location.column, f.severity, f.actual, f.expected, f.location.lines)
                   for f in result.findings if f.rule == "KA108")
    assert found == [("2023年", "error", "916 = 483 + 433", "≤ 908", (4160, 4162, 4172)),
                     ("2024年", "error", "1667 = 488 + 1179", "≤ 1179", (4160, 4162, 4172))]


def test_destination_shares_use_two_bases(result):
    f = _find(result, "KA187", "表17")
    assert (f.expected, f.actual) == ("100%", "129.2% = 29.3% + 0 + 0 + 4.2% + 92.5% + 2.7% + 0.5%")
    assert "488 / 29.3% ≈ 1666" in f.hint and "1091 / 92.5% ≈ 1179" in f.hint
    assert f.location.lines == (1933, 1934, 1936, 1937, 1938, 1939, 1941)


def test_major_code_against_catalog(result):
    f = _find(result, "KA184", "表2", "机电技术应用")
    assert (f.expected, f.actual, _texts(f), f.location.lines) == \
        ("66 装备制造大类", "660301 电子与信息大类", ["660301", "电子与信息大类"], (281, 285))
    unknown = _find(result, "KA184", "表2", "计算机应用")
    assert "信息技术大类" in unknown.hint


def test_impossible_date(result):
    found = [f for f in result.findings if f.rule == "KA189"]
    assert [(f.location.table, f.actual, f.location.lines) for f in found] == \
        [("表16", "2024-02-30", (1710,)), ("表16", "2024-02-30", (1715,))]


def test_this_years_columns_add_up_to_4967(result):
    assert [f.location.column for f in result.findings if f.rule == "KA183"] == ["2022-2023学年度（人）"]
    assert [f.location.column for f in result.findings if f.rule == "KA175"] == ["2023年"]


def test_relations_that_hold_are_not_reported(result):
    rules = {f.rule for f in result.findings}
    assert "KA186" not in rules  # 177 + 60 + 22 = 259
    assert {f.location.row for f in result.findings if f.rule == "KA185"} == {"行政及工勤人员"}  # 68%, 8% hold
    assert "KA104" not in rules  # 12 + 58 + 1109 = 1179
    assert "KA176" not in rules  # 表25 合格率 = 附表6 体质测评合格率
    assert "KA188" not in rules  # 表17 人数 add up to 1667 graduates
    # 表20: 986 + 165 = 1151, 365 + 68 = 433, 986 / 1151 → 85.70%, 165 / 1151 → 14.30%, 398 / 433 → 91.90%,
    # 1035 / 1151 → 90%, 1151 / 1667 → 69%; 表18 比例 on 表20's base; 表18 and 表20 对口就业 agree.
    assert not rules & {"KA240", "KA241", "KA242", "KA243", "KA245", "KA246"}
    assert [f.location.row for f in result.findings if f.location.table == "表20" and f.rule != "KA002"] == ["2022-2023"]


def test_findings_are_sorted_and_fingerprinted(result):
    assert result.findings == sorted(result.findings, key=lambda f: f.sort_key())
    prints = [f.fingerprint for f in result.findings]
    assert len(prints) == len(set(prints)) and all(len(p) == 16 for p in prints)


def test_chinese_messages():
    f = next(f for f in audit_report(sample_report(), lang="zh").findings if f.name == "inferred-difference")
    assert f.message == "表7 区内 增加人数（人）印刷为 8，但相减为 7 = 131 − 124"


SECOND = Path(__file__).parent / "fixtures" / "second-report" / "report.txt"


def test_second_report_with_the_national_pack_alone():
    """Another school (GB18030): its five injected errors (README) are found, nothing else is claimed."""
    result = audit_report(SECOND, rule_paths=[rules_dir() / "national"], bundled=False, lang="en")
    assert result.packs == ["national"]  # its tables are the national template's: nothing left to infer
    found = sorted((f.rule, f.location.table or "", f.location.row or "", f.location.column or "", f.location.lines)
                   for f in result.findings if f.severity != "info")
    assert found == [
        ("KA104", "附表1", "毕业生面向三次产业就业人数", "2024年", (255, 257, 259, 261)),
        ("KA171", "附表3", "生师比", "2024年", (311, 447, 459)),
        ("KA181", "表2", "交通运输大类", "增加比率（%）", (110,)),
        ("KA185", "表3", "行政及工勤人员", "比例", (142, 457)),
        ("KA401", "", "", "", (127, 164, 166, 168, 239)),  # 附表1 and 表4's rows 320 + 720 + 24 say 1064
    ]
    errors = {f.rule: f for f in result.findings if f.severity == "error"}
    assert errors["KA104"].actual == "720" and errors["KA104"].expected == "710 = 12 + 268 + 430"
    assert errors["KA171"].expected == "13.0:1 = 3120 / 240" and errors["KA171"].actual == "16:1"
    assert errors["KA181"].expected == "17.3% = 170 / 980" and "170 / 1150 = 14.8%" in errors["KA181"].hint
    assert errors["KA185"].expected == "15.0% = 45 / 300"
    # What the national pack cannot check here is skipped quietly: counted, not reported.
    assert not [f for f in result.findings if f.severity == "info" and f.rule != "KA002"]
    assert result.skipped and result.summary()["skipped"] == len(result.skipped)


def test_teacher_tables_growth_and_shares(result):
    f = _named(result, "inferred-growth", "表12", "初级")
    assert (f.expected, f.actual, f.location.lines) == ("50.0% = 1 / (3 − 1)", "33.3%", (832,))
    assert "1 / 3 = 33.3%" in f.hint
    assert _named(result, "inferred-growth", "表10", "在编专任教师").expected == "8.1% = 3 / (40 − 3)"
    # 表9 and 表11 add up to the 177 full-time teachers of 附表6 (inferred from their captions).
    assert not [g for g in result.findings if g.name == "inferred-agree"]


def test_fingerprints_are_unique_and_the_same_in_both_languages(result):
    """A baseline written with --lang zh must accept the same findings under --lang en, one entry each."""
    chinese = audit_report(sample_report(), lang="zh")  # the fixture's result is in English
    fingerprints = [f.fingerprint for f in result.findings]
    assert len(set(fingerprints)) == len(fingerprints)
    assert sorted(fingerprints) == sorted(f.fingerprint for f in chinese.findings)


def test_a_crash_in_a_prose_check_is_that_rules_warning(tmp_path, monkeypatch):
    from keneng_audit.claims import report_kinds as kinds

    def boom(*args, **kwargs):
        raise ZeroDivisionError("kaput")

    monkeypatch.setattr(kinds, "agreement_findings", boom)
    report = tmp_path / "r.txt"
    report.write_text("附表1 计分卡\n指标 2023年 2024年\n毕业生 10 12\n", encoding="utf-8")
    result = audit_report(report, lang="en")
    found = [(f.rule, f.severity, f.name, f.message) for f in result.findings if f.rule.startswith("KA4")]
    assert found == [("KA401", "warning", "quantity-agree", "not evaluated: ZeroDivisionError: kaput"),
                     ("KA402", "warning", "change-agree", "not evaluated: ZeroDivisionError: kaput")]
    assert {"KA410", "KA450"} <= {ref.id for ref in result.rules}  # the other prose checks still ran


def test_prose_rules_have_one_name_in_both_languages():
    zh = {f.rule: f.name for f in audit_report(sample_report(), lang="zh").findings if f.rule.startswith("KA4")}
    en = {f.rule: f.name for f in audit_report(sample_report(), lang="en").findings if f.rule.startswith("KA4")}
    assert zh == en == {"KA401": "quantity-agree", "KA402": "change-agree", "KA410": "sentence-share",
                        "KA450": "per-student-value", "KA461": "span-days", "KA472": "ratio-claim",
                        "KA490": "malformed-number"}


def test_a_cell_two_operands_share_is_listed_once(result):
    for f in result.findings:
        keys = [(v.table, v.row, v.column, v.line, v.text) for v in f.values]
        assert len(keys) == len(set(keys)), f


def test_select_takes_a_prose_rule_by_its_name(tmp_path):
    import json

    from click.testing import CliRunner

    from keneng_audit import cli

    out = tmp_path / "out.json"
    report = Path(__file__).parent / "fixtures" / "second-report" / "report.txt"
    CliRunner().invoke(cli.main, ["check", "--select", "quantity-agree", "--format", "json", "-o", str(out),
                                  str(report)])
    rules = {f["rule"] for r in json.loads(out.read_text(encoding="utf-8"))["reports"] for f in r["findings"]}
    assert rules == {"KA401"}
