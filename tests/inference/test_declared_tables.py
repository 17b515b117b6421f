"""Tables the national pack declares get inference too, for what the pack's rules leave out
(tests/fixtures/dongling-docx: a 高职 report exported by LibreOffice, see make_n2.py): 表1.2's shares are no
national rule's, so a share typo there is found at its cell; its twin, and the consistent report, stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "dongling-docx"


@pytest.fixture(scope="module")
def audits():
    packs = load_packs([rules_dir() / "national"])
    return {name: audit_report(HERE / f"{name}.docx", lang="zh", packs=packs)
            for name in ("consistent", "sharetypo", "injected")}


def _cells(result, severities=("error", "warning")):
    return [(f.location.table, f.location.row, f.location.column, f.actual) for f in result.findings
            if f.severity in severities]


def test_the_consistent_twin_is_silent(audits):
    assert _cells(audits["consistent"]) == []


def test_a_share_typo_in_a_declared_table_is_found_at_its_cell(audits):
    found = [f for f in audits["sharetypo"].findings if f.severity != "info"]
    assert _cells(audits["sharetypo"]) == [("表1.2", "电子与信息大类", "2024年占比（%）", "24.7")]
    assert found[0].expected.startswith("27.4%")  # 2,860 / 10,420
    assert found[0].rule.startswith("KA52")  # an inferred share: no national rule reads that column


def test_a_wrong_count_in_a_declared_table_is_blamed_once_at_its_cell(audits):
    # 2,100 (2,010) breaks the pack's column sum against 表1.1 and the inferred share of its own 合计
    in_table = [c for c in _cells(audits["injected"]) if c[0] == "表1.2"]
    assert in_table == [("表1.2", "交通运输大类", "2025年人数", "2,100")]
