"""The rule forms docs/rules.md and the README document, each on a small report of another school and its
consistent twin: a declared table with `columns:` and a total row, operands as header, period column,
quantity (with and without `period:`) and constant, quantity sources as a cell."""

from __future__ import annotations

import pytest

from keneng_audit.audit import audit_report

REPORT = """\
北岭职业技术学校质量年度报告（2024）

一、办学基础

表 1 各专业在校生人数

专业 人数
数控技术应用 120
电子商务 150
护理 90
合计 380

表 2 教师学历结构

学历 人数 比例
研究生 12 25%
本科 48 80%
合计 60 100%

表 3 招生规模

类别 2023年 2024年 增加人数
招生 1000 1200 150
"""
TWIN = REPORT.replace("合计 380", "合计 360").replace("研究生 12 25%", "研究生 12 20%").replace("1200 150", "1200 200")

PACK = """\
pack: beiling
tables:
  bl_majors: {key: 表1, caption: 各专业在校生人数, columns: [人数]}
  bl_degrees: {key: 表2, caption: 教师学历结构, columns: [人数, 比例]}
  bl_intake: {key: 表3, caption: 招生规模}
quantities:
  bl.teachers: [{table: bl_degrees, row: 合计, column: 人数}]
  bl.teachers_now: [{table: bl_degrees, row: 合计, column: 人数, period: current}]
x-text: &text {zh: "{table} {row} {column}：{actual} / {expected}", en: "{table} {row} {column}: {actual} / {expected}"}
x-about: &about {zh: 说明, en: about}
rules:
  - {id: KA9201, name: total-row, severity: error, kind: sum, table: bl_majors,
     params: {column: 人数, total: 合计}, message: *text, description: *about}
  - {id: KA9202, name: share-of-a-quantity, severity: error, kind: share, table: bl_degrees,
     params: {percent: 比例, part: 人数, whole: {quantity: bl.teachers}, exclude: [合计]}, message: *text, description: *about}
  - {id: KA9203, name: share-of-this-years-quantity, severity: error, kind: share, table: bl_degrees,
     params: {percent: 比例, part: 人数, whole: {quantity: bl.teachers_now}, exclude: [合计]}, message: *text,
     description: *about}
  - {id: KA9204, name: share-of-a-constant, severity: error, kind: share, table: bl_degrees,
     params: {percent: 比例, part: 人数, whole: {value: 60}, exclude: [合计]}, message: *text, description: *about}
  - {id: KA9205, name: increase-by-period-columns, severity: error, kind: difference, table: bl_intake,
     params: {increase: 增加人数, current: {period_column: latest}, previous: {period_column: previous}},
     message: *text, description: *about}
"""

# rule: (printed, computed) on the report; each rule must be silent on the twin.
EXPECTED = {
    "KA9201": ("380", "360 = 120 + 150 + 90"),
    "KA9202": ("25%", "20.0% = 12 / 60"),
    "KA9203": ("25%", "20.0% = 12 / 60"),
    "KA9204": ("25%", "20.0% = 12 / 60"),
    "KA9205": ("150", "200 = 1200 − 1000"),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("forms")
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    (folder / "twin.txt").write_text(TWIN, encoding="utf-8")
    return folder


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_each_documented_form_finds_its_error(folder, rule):
    result = audit_report(folder / "report.txt", [folder / "pack.yaml"], lang="en")
    found = [(f.actual, f.expected) for f in result.findings if f.rule == rule]
    assert found == [EXPECTED[rule]], [(f.rule, f.message) for f in result.findings]


def test_the_twin_is_silent_and_every_rule_ran(folder):
    result = audit_report(folder / "twin.txt", [folder / "pack.yaml"], lang="en")
    assert not [f for f in result.findings if f.rule in EXPECTED], [(f.rule, f.message) for f in result.findings]
    assert not [s for s in result.skipped if s.rule in EXPECTED]
