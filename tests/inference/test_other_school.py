"""Another school's report, captioned and numbered unlike the national template (tests/fixtures/other-school,
made by its make_report.py): with no pack but `national`, inference finds every injected discrepancy, each
citing the lines of every value it compares, and stays silent on the consistent twin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "other-school"
INJECTED = json.loads((HERE / "injected.json").read_text(encoding="utf-8"))


def _audit(name: str):
    return audit_report(HERE / name, lang="en", packs=load_packs([rules_dir() / "national"]))


@pytest.fixture(scope="module")
def injected():
    return _audit("report.txt")


@pytest.fixture(scope="module")
def consistent():
    return _audit("consistent.txt")


def test_the_twins_differ_only_in_the_injected_cells():
    a = (HERE / "consistent.txt").read_text(encoding="utf-8").splitlines()
    b = (HERE / "report.txt").read_text(encoding="utf-8").splitlines()
    assert len(a) == len(b)
    changed = {i + 1 for i, (x, y) in enumerate(zip(a, b)) if x != y}
    assert changed == {item["line"] for item in INJECTED}
    assert len(INJECTED) >= 15 and len({i["kind"] for i in INJECTED}) >= 10


def test_no_table_of_it_is_the_national_templates():
    from keneng_audit.engine import applicable
    from keneng_audit.inference import infer
    from keneng_audit.reading import read_report

    doc = read_report(HERE / "report.txt")
    body = [t for t in doc.tables if not t.key.startswith("附表")]
    assert len(body) >= 12
    result = infer(doc, applicable(load_packs([rules_dir() / "national"]), doc))
    assert {r.key for r in result.reports if r.declared_by} == {"附表1", "附表6"}


def test_the_consistent_twin_is_silent(consistent):
    assert consistent.packs == ["national", "inferred"]
    assert [(f.rule, f.location.table, f.message) for f in consistent.findings if f.severity != "info"] == []


@pytest.mark.parametrize("item", INJECTED, ids=[f"{i['table']}-{i['kind']}-{i['line']}" for i in INJECTED])
def test_each_injected_discrepancy_is_found(injected, item):
    table = None if item["table"] == "prose" else item["table"]
    found = [f for f in injected.findings if f.severity in ("error", "warning") and item["line"] in f.location.lines
             and (f.location.table in (table, None) or f.rule.startswith("KA1"))
             and any(v.text == item["printed"] and v.line == item["line"] for v in f.values)]
    assert found, item
    for f in found:  # each cites the line of every value it compares, and no other
        assert set(f.location.lines) == {v.line for v in f.values}, f


def test_what_is_found_and_nothing_else(injected):
    found = sorted((f.name if f.name.startswith("inferred") else f.rule, f.severity, f.location.table or "",
                    f.location.row or "", f.location.column or "") for f in injected.findings if f.severity != "info")
    assert found == [
        ("KA175", "error", "附表6", "全日制在校生人数", "2023年"),
        # 表1-2's printed 合计 is the table's 在校生 (the sum of its rows only a check on it): the injected 2470
        # departs from 附表6's 2460 and from the prose's `2024年全日制在校生 2460 人` (one KA401 lists them all)
        ("KA401", "error", "", "", ""),
        ("KA401", "error", "", "", ""),
        ("KA401", "error", "", "", ""),
        # the prose claims injected one per claim kind (PROSE_CLAIMS of make_report.py)
        ("KA421", "error", "", "", ""), ("KA430", "error", "", "", ""), ("KA460", "error", "", "", ""),
        ("KA461", "error", "", "", ""), ("KA462", "error", "", "", ""), ("KA470", "error", "", "", ""),
        ("KA471", "error", "", "", ""), ("KA472", "error", "", "", ""), ("KA480", "error", "", "", ""),
        ("KA490", "error", "", "", ""),
        ("inferred-catalog", "error", "表1-1", "机电技术应用", "专业代码"),
        ("inferred-data-difference", "warning", "表1-5", "汽车运用与维修", "净变动（人）"),
        ("inferred-data-sum", "warning", "表2-4", "汽车系", ""),
        # 2470 − 2320 ≠ 140 as well: the difference and the sum are one finding, at the injected total 2470
        ("inferred-difference", "error", "表5-1", "学费收入", "增减额"),
        ("inferred-growth", "error", "表1-2", "汽车运用与维修", "增长率（%）"),
        ("inferred-growth", "error", "表1-4", "财经商贸大类", "增长幅度（%）"),
        ("inferred-range", "error", "表4-1", "汽车机电维修", "获奖日期"),
        ("inferred-ratio", "error", "表2-5", "2024", "生师比"),
        ("inferred-share", "error", "表1-3", "电子与信息大类", "占全校比例（%）"),
        ("inferred-share", "error", "表2-1", "行政管理人员", "占比（%）"),
        ("inferred-share", "error", "表3-1", "参军", "比例（%）"),
        ("inferred-share", "error", "表3-2", "2023", "对口就业率（%）"),
        ("inferred-share", "error", "表3-3", "交通运输大类", "获证率（%）"),
        ("inferred-subset", "error", "表2-3", "双师型教师", "2023年"),
        ("inferred-sum", "error", "表1-2", "合计", "2024年（人）"),
        # a wrong share is its own row's finding: the 合计 row's correct 100.0 is not blamed as well
        ("inferred-sum", "error", "表2-2", "合计", "人数（人）"),
    ]


def test_growth_on_the_current_year_says_so(injected):
    [f] = [f for f in injected.findings if f.name == "inferred-growth" and f.location.table == "表1-4"]
    assert (f.expected, f.actual) == ("25.0% = 20 / 80", "20.0")
    assert "20 / 100 = 20.0%" in f.hint


def test_shares_are_taken_of_the_base_most_rows_hold_under(injected):
    [f] = [f for f in injected.findings if f.name == "inferred-share" and f.location.table == "表3-3"]
    assert f.expected == "90.0% = 171 / 190"  # 获证率 of the row's 参评人数, not of a total
    [g] = [f for f in injected.findings if f.location.table == "表2-2"]
    # the 合计 row is the one the rows do not hold under: its own rows add up to 180, and every share is of 180;
    # the 合计's 178 is blamed once (not its correct 100.0)
    assert (g.location.row, g.location.column, g.actual) == ("合计", "人数（人）", "178")
    assert g.expected.startswith("180 = ")
    assert g.location.lines == (67, 68, 69, 70, 71, 72)
