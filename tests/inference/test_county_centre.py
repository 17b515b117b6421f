"""An invented 县级职业教育中心 report shaped unlike the other fixtures (tests/fixtures/county-centre, made by its
make_report.py): `第一部分` chapters, `表3-1：` captions, 学年 rows with increase and growth columns, a 毕业去向 table
with its total first, a 其中 item opening its parent's full breakdown and shares of two bases, 生均 rows of a
万元 total. With no pack but `national` every injected table error is found at its cell, and nothing else is;
the consistent twin gives no error and no warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "county-centre"
INJECTED = json.loads((HERE / "injected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def audits():
    packs = load_packs([rules_dir() / "national"])
    return {name: audit_report(HERE / f"{name}.txt", lang="zh", packs=packs) for name in ("consistent", "injected")}


def _label(text: str) -> str:
    return text.removeprefix("其中：")


def test_the_twins_differ_only_in_the_injected_cells():
    a = (HERE / "consistent.txt").read_text(encoding="utf-8").splitlines()
    b = (HERE / "injected.txt").read_text(encoding="utf-8").splitlines()
    assert len(a) == len(b)
    assert {i + 1 for i, (x, y) in enumerate(zip(a, b)) if x != y} == {item["line"] for item in INJECTED}
    assert len(INJECTED) >= 8 and len({item["kind"] for item in INJECTED}) >= 6


def test_the_consistent_twin_is_silent(audits):
    assert audits["consistent"].packs == ["national", "inferred"]
    assert [(f.rule, f.location.table, f.message) for f in audits["consistent"].findings if f.severity != "info"] == []


@pytest.mark.parametrize("item", INJECTED, ids=[f"{i['table']}-{i['kind']}-{i['line']}" for i in INJECTED])
def test_each_injected_error_is_found_at_its_cell(audits, item):
    found = [f for f in audits["injected"].findings if f.severity == "error" and f.location.table == item["table"]
             and item["line"] in f.location.lines and (f.location.row or "").startswith(_label(item["row"]))]
    assert found, [(f.rule, f.location) for f in audits["injected"].findings]
    if item["kind"] != "catalog":  # the catalogue check points at the code beside the wrong 大类
        assert [(f.location.column, f.actual) for f in found] == [(item["column"], item["printed"])]


def test_nothing_else_is_found(audits):
    cells = {(i["table"], i["line"]) for i in INJECTED}
    extra = [(f.rule, f.location.table, f.location.row, f.location.column) for f in audits["injected"].findings
             if f.severity != "info" and not any((f.location.table, line) in cells for line in f.location.lines)]
    assert extra == []
    assert len([f for f in audits["injected"].findings if f.severity == "error"]) == len(INJECTED)


def test_a_wrong_part_of_a_breakdown_is_named_with_its_value(audits):
    # 升学 284 (248): the destinations add up to 486 (with 就业 212 = 对口 178 + 非对口 34) and 51.0% of 486 is 248
    [f] = [f for f in audits["injected"].findings if f.location.table == "表3-1"]
    assert (f.location.row, f.location.column, f.actual, f.expected) == ("升学", "人数（人）", "284", "248")
    assert f.message.startswith("表3-1 升学 人数（人）印刷为 284，按其他数值应为 248")
