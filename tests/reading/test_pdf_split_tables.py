"""A Word table split in two by a page break or an empty paragraph, its header repeated and its columns set to
other widths (review NEW-14, the reviewer's N4 printed by LibreOffice): in the PDF the two parts' rules touch, and
they are read as one table column by column, not as one grid with doubled columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from keneng_audit.audit import audit_document
from keneng_audit.reading import read_report
from keneng_audit.reading.pdf import _pages
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

REVIEW = Path(__file__).parent.parent / "fixtures" / "exports" / "review"
OFFICE = Path(__file__).parent.parent / "fixtures" / "exports" / "office"


@pytest.fixture(scope="module")
def packs():
    return load_packs([rules_dir() / "national"])


def test_touching_tables_are_parted_by_their_rules():
    grids = [item for items in _pages((REVIEW / "n4-consistent.pdf").read_bytes()) for _, item, _ in items
             if not isinstance(item, str)]
    parts = [g for g in grids if g[0][0] == "专业代码"]
    assert [len(g[0]) for g in parts] == [5, 5]
    assert parts[0][0] == parts[1][0] == ["专业代码", "专业名称", "专业大类", "在校生（人）", "占比（%）"]
    assert [len(g) for g in parts] == [7, 5]


def test_the_parts_are_one_table():
    table = read_report(REVIEW / "n4-consistent.pdf").table("表1-2")
    assert table.columns == ["专业代码", "专业名称", "专业大类", "在校生（人）", "占比（%）"]
    assert len(table.rows) == 10  # 合计 and nine 专业 (five in the first part, four in the second)
    assert table.row("合计").cells["在校生（人）"].text == "2,346"
    assert table.row("中餐烹饪").cells["占比（%）"].text == "12.2"


def test_consistent_twin_is_silent_and_the_second_parts_error_is_found(packs):
    consistent = audit_document(read_report(REVIEW / "n4-consistent.pdf"), packs)
    assert [f for f in consistent.findings if f.severity in ("error", "warning")] == []
    injected = audit_document(read_report(REVIEW / "n4-injected.pdf"), packs)
    assert any(f.location.table == "表1-2" and any(v.text == "17.4" for v in f.values) for f in injected.findings)
    assert not any(f.location.table and "无题表" in f.location.table for f in injected.findings)


def test_own_split_export_has_two_grids_per_long_table():
    """tests/make_office_exports.py SPLIT: the PDF prints 表1.2 (7 rows) as two ruled grids."""
    grids = [item for items in _pages((OFFICE / "skills-split-consistent.pdf").read_bytes()) for _, item, _ in items
             if not isinstance(item, str)]
    heads = [g[0] for g in grids]
    assert heads.count(["专业名称", "招生人数（人）", "在校生人数（人）", "毕业生人数（人）"]) == 2
