"""Two invented schools whose body tables no vocabulary or pack was written for (tests/fixtures/invented-schools,
made by its make_reports.py): a 技工院校 numbering its tables `表 1.2` and a 高职 printing a blank line after every
line, with 合计 at the top, 其中 rows under a total, years as rows, 工位数, 人日数, 经费 收入/支出 and 高职
专业代码. With no pack but `national`, every injected discrepancy is found on its own row and line, nothing
else is, and each consistent twin gives no error and no warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "invented-schools"
SCHOOLS = ("skills", "college")
INJECTED = {s: json.loads((HERE / f"{s}-injected.json").read_text(encoding="utf-8")) for s in SCHOOLS}
# the rule a discrepancy of each kind is found by
RULES = {"sum": "inferred-sum", "share": "inferred-share", "growth": "inferred-growth", "catalog": "inferred-catalog",
         "difference": "inferred-difference", "date": "inferred-range", "agree": "students-total-agree"}


def _audit(name: str):
    return audit_report(HERE / name, lang="en", packs=load_packs([rules_dir() / "national"]))


@pytest.fixture(scope="module")
def audits():
    return {(s, v): _audit(f"{s}-{v}.txt") for s in SCHOOLS for v in ("consistent", "injected")}


@pytest.mark.parametrize("school", SCHOOLS)
def test_the_twins_differ_only_in_the_injected_cells(school):
    a = (HERE / f"{school}-consistent.txt").read_text(encoding="utf-8").splitlines()
    b = (HERE / f"{school}-injected.txt").read_text(encoding="utf-8").splitlines()
    assert len(a) == len(b)
    assert {i + 1 for i, (x, y) in enumerate(zip(a, b)) if x != y} == {item["line"] for item in INJECTED[school]}
    assert len({i["kind"] for i in INJECTED[school]}) >= 5


@pytest.mark.parametrize("school", SCHOOLS)
def test_no_body_table_is_one_a_pack_knows(school):
    from keneng_audit.engine import applicable
    from keneng_audit.inference import infer
    from keneng_audit.reading import read_report

    doc = read_report(HERE / f"{school}-injected.txt")
    assert len([t for t in doc.tables if not t.key.startswith("附表")]) >= 9
    result = infer(doc, applicable(load_packs([rules_dir() / "national"]), doc))
    assert {r.key for r in result.reports if r.declared_by} <= {"附表6"}


@pytest.mark.parametrize("school", SCHOOLS)
def test_the_consistent_twin_is_silent(audits, school):
    result = audits[(school, "consistent")]
    assert "inferred" in result.packs
    assert [(f.rule, f.location.table, f.location.row, f.message) for f in result.findings if f.severity != "info"] == []


@pytest.mark.parametrize("school,item", [(s, i) for s in SCHOOLS for i in INJECTED[s]],
                         ids=[f"{s}-{i['table']}-{i['kind']}-{i['line']}" for s in SCHOOLS for i in INJECTED[s]])
def test_each_injected_discrepancy_is_found_on_its_row(audits, school, item):
    found = [f for f in audits[(school, "injected")].findings
             if f.severity == "error" and f.name == RULES[item["kind"]] and f.location.table == item["table"]
             and item["line"] in f.location.lines
             and any(v.text == item["printed"] and v.line == item["line"] for v in f.values)]
    assert found, item
    assert any(item["row"].endswith(f.location.row or "") or item["kind"] in ("date", "agree") for f in found), found
    for f in found:  # each cites the line of every value it compares, and no other
        assert set(f.location.lines) == {v.line for v in f.values}, f


def test_what_is_found_and_nothing_else(audits):
    found = {s: sorted((f.name, f.location.table or "", f.location.row or "", f.location.column or "")
                       for f in audits[(s, "injected")].findings if f.severity != "info") for s in SCHOOLS}
    assert found["skills"] == [
        ("inferred-difference", "表2.2", "研究生学历", "增减"),
        ("inferred-difference", "表3.2", "2024年", "培训人日数增加（人日）"),
        ("inferred-growth", "表1.3", "2024年", "在校生增长率（%）"),
        ("inferred-growth", "表4.1", "事业收入", "增长率（%）"),
        ("inferred-range", "表5.2", "数控车", "获奖时间"),
        ("inferred-share", "表2.1", "行政管理人员", "占教职工总数比例（%）"),
        ("inferred-share", "表4.2", "公用经费", "占支出比例（%）"),
        ("inferred-share", "表5.1", "升入技师班", "占毕业生比例（%）"),
        ("inferred-sum", "表1.2", "合计", "在校生人数（人）"),  # 合计 printed above the majors
        ("inferred-sum", "表3.1", "合计", "设备总值（万元）"),
        # a wrong share is found on its row only: the 合计's correct 100.0 is not blamed too
        ("students-total-agree", "附表6", "全日制在校生人数", "2024年"),
    ]
    assert found["college"] == [
        ("inferred-catalog", "表1", "电子商务", "专业代码"),
        ("inferred-difference", "表6", "财政拨款", "增减"),
        ("inferred-growth", "表3", "兼职教师", "增长率（%）"),
        ("inferred-growth", "表5", "2024年", "到款额增长率（%）"),
        ("inferred-share", "表1", "大数据技术", "占在校生比例（%）"),
        ("inferred-share", "表2", "2023年", "报到率（%）"),
        ("inferred-share", "表7", "设备购置", "占比（%）"),
        ("inferred-share", "表8", "财经商贸大类", "对口就业率（%）"),
        ("inferred-sum", "表4", "合计", "工位数（个）"),
        # the wrong 509.00 no longer adds up to the 合计's 990.00 either: one finding, at the 509.00
    ]


def test_likely_causes_are_named(audits):
    skills = {(f.location.table, f.name): f for f in audits[("skills", "injected")].findings}
    growth = skills[("表1.3", "inferred-growth")]  # years as rows: against the row above
    assert growth.expected == "7.8% = (1596 − 1480) / 1480"
    assert "(1596 − 1480) / 1596 = 7.3%" in growth.hint
    college = {(f.location.table, f.name): f for f in audits[("college", "injected")].findings}
    # 报到率 of the row's 录取人数, the base every other year holds under; the plan explains the break
    assert college[("表2", "inferred-share")].hint == "the share seems to be taken of 2400: 2191 / 2400 = 91.3%"
    assert college[("表8", "inferred-share")].expected == "78.0% = 352 / 451"
