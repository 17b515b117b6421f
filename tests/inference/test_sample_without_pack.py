"""The sample with its own pack switched off (`--packs national`): inference finds what the pack used to name."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from keneng_audit import cli
from keneng_audit.audit import audit_report
from keneng_audit.resources import rules_dir, sample_report
from keneng_audit.rules.loader import load_packs


@pytest.fixture(scope="module")
def result():
    return audit_report(sample_report(), lang="en", packs=load_packs([rules_dir() / "national"]))


def _one(result, table=None, row=None, column=None, rule=None, name=None, line=None):
    found = [f for f in result.findings if (table is None or f.location.table == table)
             and (row is None or f.location.row == row) and (column is None or f.location.column == column)
             and (rule is None or f.rule == rule) and (name is None or f.name == name)
             and (line is None or line in f.location.lines)]
    assert len(found) == 1, [(f.rule, f.name, f.location) for f in result.findings]
    return found[0]


def test_packs_applied(result):
    assert result.packs == ["national", "inferred"]


# Issue 3's list.
def test_dual_teacher_share_from_table12_found_by_its_caption(result):
    f = _one(result, "附表3", "“双师型”教师比例", "2024年", rule="KA172")
    assert (f.expected, f.actual, f.location.lines) == ("75.1% = (53 + 77 + 3) / 177", "86%",
                                                      (830, 831, 832, 4231, 4478))


def test_table3_previous_column_and_every_growth_rate(result):
    assert _one(result, "表3", rule="KA183").actual == "4233 (附表6)"  # printed; the rows give 3988
    rows = {f.location.row for f in result.findings if f.location.table == "表3" and f.rule == "KA181"}
    assert len(rows) == 8
    f = _one(result, "表3", "装备制造大类", rule="KA181")
    assert (f.expected, f.actual, f.location.lines) == ("68.2% = 613 / 899", "40.5%", (562,))


def test_table7_increase(result):
    f = _one(result, "表7", "区内", name="inferred-difference")
    assert (f.severity, f.expected, f.actual, f.location.lines) == ("error", "7 = 131 − 124", "8", (718,))


def test_table8_staff_share(result):
    f = _one(result, "表8", "行政及工勤人员", rule="KA185")
    assert (f.expected, f.actual, f.location.lines) == ("23.2% = 60 / 259", "24%", (782, 4476))


def test_student_teacher_ratio(result):
    assert _one(result, "附表3", "生师比", "2024年", rule="KA171").expected == "28.1:1 = 4967 / 177"


def test_direct_employment_1179_vs_1151_by_dating_table20s_rows(result):
    """表20 prints no row labels; its 直接就业数 433 in row 1 is 附表1's 2023 value, so row 2 is 2024."""
    f = _one(result, rule="KA401", line=2025)
    assert (f.expected, f.actual, f.location.lines) == ("1179 (§2.5.1, 附表1)", "1151 (表20)", (1922, 2025, 4172))


def test_destination_shares_date_and_catalog(result):
    assert _one(result, "表17", rule="KA187").actual.startswith("129.2% = 29.3%")
    assert _one(result, "表2", "机电技术应用", rule="KA184").expected == "66 装备制造大类"
    assert [f.actual for f in result.findings if f.rule == "KA189"] == ["2024-02-30", "2024-02-30"]


# Issue 4's list.
def test_prose_items(result):
    assert _one(result, rule="KA401", line=756).actual == "1677 (§1.3.3)"
    assert _one(result, rule="KA402", line=772).actual == "25 (§1.4.1) vs 28 (表8 25 + 3 + 0)"  # 表8 增加人数
    assert _one(result, rule="KA401", line=786).actual == "75% (§1.3.2, 133 / 177)"  # the table is expected
    matched = _one(result, rule="KA401", line=1962)
    assert (matched.expected, matched.actual) == ("1035 (表18)", "1068 (§2.7.2)")
    assert _one(result, rule="KA410", line=2948).expected == "98.2% = 1120 / 1141"
    assert _one(result, rule="KA410", line=4026).expected == "1.2% = 124.02 / 10344.3"
    assert _one(result, rule="KA402", line=750).severity == "warning"


def test_what_the_sample_pack_found_in_body_tables_is_inferred(result):
    growth = {(f.location.table, f.location.row) for f in result.findings if f.name == "inferred-growth"}
    assert len([t for t, _ in growth if t == "表4"]) == 16 and len([t for t, _ in growth if t == "表5"]) == 8
    assert ("表12", "初级") in growth and ("表10", "在编专任教师") in growth and ("表7", "市外") in growth
    shares = {(f.location.table, f.location.row, f.severity) for f in result.findings if f.name == "inferred-share"}
    assert shares == {("表9", "聘用制专任教师", "warning"), ("表10", "在编专任教师", "warning"),
                      ("表12", "高级", "warning")}
    # 表31's 学校总收入 is the sum of the income columns beside it (as the sample pack's KA248 says): 2022 holds,
    # 2023 does not
    [income] = [f for f in result.findings if f.name == "inferred-sum" and f.location.table == "表31"]
    assert (income.location.row, income.actual, income.expected) == ("2023", "10344.3",
                                                                     "2872.33 = 0 + 124.02 + 0 + 60.31 + 0 + 2688")


def test_relations_that_hold_are_not_reported(result):
    rules = {f.rule for f in result.findings}
    assert "KA186" not in rules  # 177 + 60 + 22 = 259
    assert {f.location.row for f in result.findings if f.rule == "KA185"} == {"行政及工勤人员"}  # 68%, 8% hold
    assert "KA104" not in rules and "KA176" not in rules and "KA188" not in rules
    assert not [f for f in result.findings if f.location.table == "表20" and f.rule != "KA002"]
    assert not [f for f in result.findings if f.location.table == "表18"]  # 表18 比例 on 表20's base holds
    # 4967 = the 2023-2024 columns of 表3–表6, 表7 (区内 + 区外市内 + 市外)
    assert not [f for f in result.findings if f.rule == "KA175" and f.location.column == "2024年"]
    # §1.3.1 3300 / 4967 → 66%, 4967 − 734 = 4233; §2.7.4 585; §4.2 921; §7.4 10344.3 − 7521.56 = 2822.74
    printed = {v.text for f in result.findings for v in f.values}
    assert not printed & {"3300", "734", "585", "921", "2822.74", "395.67"}


def test_cli_packs_option_and_no_infer(tmp_path):
    out = tmp_path / "out.json"
    run = CliRunner().invoke(cli.main, ["check", "--packs", "national", "--format", "json", "-o", str(out)])
    assert run.exit_code == 1, run.output
    report = json.loads(out.read_text(encoding="utf-8"))["reports"][0]
    assert any(f["name"] == "inferred-difference" for f in report["findings"])
    run = CliRunner().invoke(cli.main, ["check", "--packs", "national", "--no-infer", "--format", "json",
                                        "-o", str(out)])
    report = json.loads(out.read_text(encoding="utf-8"))["reports"][0]
    assert not any(f["name"].startswith("inferred") for f in report["findings"])
    bad = CliRunner().invoke(cli.main, ["check", "--packs", "nosuch"])
    assert bad.exit_code == 2


def test_the_sample_under_another_schools_name_gives_the_same_findings(tmp_path, result):
    """The school's name changed in the title: its pack no longer applies and inference finds the same."""
    text = sample_report().read_text(encoding="utf-8")
    renamed = tmp_path / "renamed.txt"
    renamed.write_text(text.replace("重庆市科能高级技工学校", "某某市第二技工学校"), encoding="utf-8")
    other = audit_report(renamed, lang="en")
    assert other.packs == ["national", "inferred"]

    def key(f):
        return (f.rule if not f.name.startswith("inferred") else f.name, f.location.table, f.location.row,
                f.location.column, f.expected, f.actual, f.location.lines)

    # the report's prose names the school too; compare the table findings
    assert sorted(key(f) for f in other.findings if f.location.table) == \
        sorted(key(f) for f in result.findings if f.location.table)
