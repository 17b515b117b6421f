"""Minimal-change diagnosis (inference.diagnose): when the failing relations of a table all come right by
changing one printed number, that number is blamed, once; correct totals, shares and rates are not."""

from __future__ import annotations

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

HEAD = "石门职业学校2024年质量年度报告\n一、概况\n"
TAIL = "二、其他\n无。\n"


@pytest.fixture(scope="module")
def national():
    return load_packs([rules_dir() / "national"])


def _errors(tmp_path, national, body: str, lang: str = "zh"):
    path = tmp_path / "r.txt"
    path.write_text(HEAD + body + TAIL, encoding="utf-8")
    found = audit_report(path, lang=lang, packs=national).findings
    return [f for f in found if f.severity == "error"]


GRADES = "表1 各年级在校生\n年级 人数 占比（%）\n一年级 450 37.5\n二年级 {two} 33.3\n三年级 350 29.2\n合 计 {total} 100.0\n"


def test_a_wrong_part_is_blamed_not_the_total_and_its_share(tmp_path, national):
    # 二年级 410 (should be 400): the 合计 1200 is 10 short of the rows and 33.3% of 1200 is 400
    found = _errors(tmp_path, national, GRADES.format(two=410, total=1200))
    assert [(f.location.table, f.location.row, f.location.column, f.actual, f.expected) for f in found] == [
        ("表1", "二年级", "人数", "410", "400")]
    f = found[0]
    assert f.message.startswith("表1 二年级 人数印刷为 410，按其他数值应为 400（2 项关系都指向此数")
    assert f.hint == "表1 二年级 人数印刷有误：改为 400，这 2 项关系即全部成立，其余数值无须改动"
    assert f.basis == "按其他数值"
    assert [v.text for v in f.values][0] == "410" and {"1200", "33.3"} <= {v.text for v in f.values}


def test_in_english_the_printed_value_comes_first(tmp_path, national):
    found = _errors(tmp_path, national, GRADES.format(two=410, total=1200), lang="en")
    assert [f.message.split(" (")[0] for f in found] == ["表1 二年级 人数 is printed as 410; the other values give 400"]


def test_a_wrong_total_is_blamed_when_every_share_points_at_it(tmp_path, national):
    # 合计 1300 (should be 1200): the rows add up to 1200 and every share is of 1200
    found = _errors(tmp_path, national, GRADES.format(two=400, total=1300))
    assert [(f.location.row, f.location.column, f.actual, f.expected) for f in found] == [
        ("合计", "人数", "1300", "1200 = 450 + 400 + 350")]  # the sum's own finding, at the 合计


def test_a_lone_failing_sum_still_blames_the_total(tmp_path, national):
    # no share column: any row or the 合计 could be wrong, nothing tells them apart: the finding is the sum's
    body = "表1 各年级在校生\n年级 人数\n一年级 450\n二年级 410\n三年级 350\n合计 1200\n"
    found = _errors(tmp_path, national, body)
    assert [(f.location.row, f.location.column, f.actual) for f in found] == [("合计", "人数", "1200")]
    assert "按其他数值" not in found[0].message


INCOME = ("表1 收入情况\n项目 2023年（万元） 2024年（万元） 增减（万元） 增长率（%）\n"
          "财政拨款 2,000.00 2,100.00 100.00 5.00\n学费收入 800.00 860.00 {inc} 7.50\n"
          "其他收入 200.00 190.00 -10.00 -5.00\n合计 3,000.00 3,150.00 150.00 5.00\n")


def test_a_wrong_increase_is_blamed_not_the_growth_rate_nor_the_total(tmp_path, national):
    # 学费收入 增减 printed 66.00 (860 − 800 = 60): the difference, the growth rate 7.5% of 800 and the 合计's
    # 150.00 all point at it (review I5)
    found = _errors(tmp_path, national, INCOME.format(inc="66.00"))
    assert [(f.location.row, f.location.column, f.actual, f.expected) for f in found] == [
        ("学费收入", "增减（万元）", "66.00", "60.00 = 860.00 − 800.00")]
    # the difference's own finding already points at it: it stays, and says the other relations agree
    assert found[0].message.startswith("表1 学费收入 增减（万元）印刷为 66.00")
    assert found[0].hint == "表1 学费收入 增减（万元）印刷有误：改为 60.00，这 3 项关系即全部成立，其余数值无须改动"


def test_a_wrong_growth_rate_alone_is_its_own_finding(tmp_path, national):
    found = _errors(tmp_path, national, INCOME.format(inc="60.00").replace("860.00 60.00 7.50", "860.00 60.00 6.98"))
    assert [(f.location.row, f.location.column, f.actual) for f in found] == [("学费收入", "增长率（%）", "6.98")]
    assert found[0].message.startswith("表1 学费收入 增长率（%）印刷为 6.98，按上一期计算应为 7.50%")


def test_a_row_total_typo_is_blamed_in_its_row(tmp_path, national):
    # the 合计 column of 商贸学院 printed 180 (100 + 70 = 170); the 合计 row's 合计 860 is right
    body = ("表1 各学院在校生\n学院 男生（人） 女生（人） 合计（人）\n合计 480 380 860\n智能制造学院 300 100 400\n"
            "商贸学院 100 70 180\n信息学院 80 210 290\n")
    found = _errors(tmp_path, national, body)
    assert [(f.location.row, f.location.column, f.actual, f.expected) for f in found] == [
        ("商贸学院", "合计（人）", "180", "170")]


STAFF = ("表1 教职工结构\n类别 2023年人数 2023年占比（%） 2024年人数 2024年占比（%）\n专任教师 250 80.6 260 {share}\n"
         "行政管理人员 40 12.9 {admin} 12.5\n工勤人员 20 6.5 20 6.3\n合计 310 100.0 320 100.0\n")


def test_two_misprints_joined_by_a_shared_total_are_each_named(tmp_path, national):
    # 行政 2024 人数 50 (40) and 专任 2024 占比 83.1 (81.3): the 合计 320 is in every failing relation but
    # explains none; the two cells do, each on its own (review I7's merged table)
    found = _errors(tmp_path, national, STAFF.format(share="83.1", admin="50"))
    assert sorted((f.location.row, f.location.column, f.actual, f.expected.split(" = ")[0]) for f in found) == [
        ("专任教师", "2024年占比（%）", "83.1", "81.3%"), ("行政管理人员", "2024年人数", "50", "40")]


def test_one_misprint_there_is_one_finding(tmp_path, national):
    found = _errors(tmp_path, national, STAFF.format(share="81.3", admin="50"))
    assert [(f.location.row, f.location.column, f.actual, f.expected) for f in found] == [
        ("行政管理人员", "2024年人数", "50", "40")]


def test_a_value_the_rate_does_not_use_cannot_mend_it(tmp_path, national):
    # 增减 4 (30 − 27 = 3) and the rate 11.1% = 3 / 27: changing 2024's 30 to 31 would mend the difference but
    # not the rate (taken of the printed increase), so the increase is the one number to blame
    body = ("表1 教师队伍变化情况\n项目 2023年 2024年 增减（人） 增长率（%）\n专任教师 96 102 6 6.3\n"
            "高级职称 27 30 4 11.1\n兼职教师 18 22 4 22.2\n")
    found = _errors(tmp_path, national, body)
    assert [(f.location.row, f.location.column, f.actual, f.expected) for f in found] == [
        ("高级职称", "增减（人）", "4", "3 = 30 − 27")]


@pytest.mark.parametrize("selector", ["share", "sum"])
def test_a_merged_finding_stays_visible_under_each_rule_it_merged(tmp_path, national, selector):
    from keneng_audit.selection import Selection

    path = tmp_path / "r.txt"
    path.write_text(HEAD + GRADES.format(two="410", total="1200") + TAIL, encoding="utf-8")
    result = audit_report(path, lang="zh", packs=national)
    [merged] = [f for f in result.findings if f.severity == "error"]
    assert merged.actual == "410" and len(merged.also) == 1
    names = {f"inferred-{selector}"}
    chosen = Selection(select=tuple(names)).apply(result).findings
    assert [(f.name, f.actual) for f in chosen] == [(f"inferred-{selector}", "410")]
    assert "also" not in merged.to_dict()
