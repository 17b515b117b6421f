"""An invented 松江区工业学校 report in a layout of its own (tests/fixtures/songjiang, made by its make_report.py):
`第1章` chapters, captions above with a full-width blank, a whole opened by one `其中：` item, a national-template
table whose shares no national rule reads, a one-column staff table closed by a `专任教师中：` block, rate rows
and a money table with two errors. Each injected error is found at its own cell and nothing else is; the
consistent twin gives no error and no warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "songjiang"
INJECTED = json.loads((HERE / "injected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def audits():
    packs = load_packs([rules_dir() / "national"])
    return {name: audit_report(HERE / f"{name}.txt", lang="zh", packs=packs) for name in ("consistent", "injected")}


def test_the_twins_differ_only_in_the_injected_cells():
    a = (HERE / "consistent.txt").read_text(encoding="utf-8").splitlines()
    b = (HERE / "injected.txt").read_text(encoding="utf-8").splitlines()
    assert len(a) == len(b)
    assert {i + 1 for i, (x, y) in enumerate(zip(a, b)) if x != y} == {item["line"] for item in INJECTED}
    assert len(INJECTED) == 6


def test_the_consistent_twin_is_silent(audits):
    assert [(f.rule, f.location.table, f.message) for f in audits["consistent"].findings if f.severity != "info"] == []


@pytest.mark.parametrize("item", INJECTED, ids=[i["key"] for i in INJECTED])
def test_each_injected_error_is_found_at_its_cell(audits, item):
    found = [(f.location.table, f.location.row, f.location.column, f.actual) for f in audits["injected"].findings
             if f.severity == "error" and item["line"] in f.location.lines]
    assert found == [(item["table"], item["row"], item["column"], item["printed"])]


def test_nothing_else_is_found(audits):
    assert len([f for f in audits["injected"].findings if f.severity != "info"]) == len(INJECTED)
