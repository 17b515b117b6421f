"""A cell printed with a footnote mark the reader cannot read (`1,240*`) is left out by itself: the other rows'
relations in its columns are still checked (a wrong growth rate is found), and the consistent twin is silent."""

from __future__ import annotations

import pytest

from keneng_audit.audit import audit_report

REPORT = """某某职业学校2024年质量年度报告
一、主要指标
学校各项指标平稳。
表3 近两年主要指标
指标 2023年度 2024年度 同比增长（%）
招生人数 498 524 5.2
毕业生人数 226 211 {growth}
教职工人数① 96 101 5.2
技能证书获取数 1,240* 1,386* 11.8
注：①含外聘人员8人。*含1+X证书。
二、其他
学校将继续努力。
"""


@pytest.mark.parametrize("growth,found", [("-6.6", []), ("-7.1", [("毕业生人数", "同比增长（%）", "-7.1")])])
def test_an_unreadable_marked_cell_leaves_its_columns_checked(tmp_path, growth, found):
    path = tmp_path / "r.txt"
    path.write_text(REPORT.format(growth=growth), encoding="utf-8")
    result = audit_report(path, lang="zh", bundled=False)
    assert sorted((f.location.row, f.location.column, f.actual) for f in result.findings
                  if f.severity in ("error", "warning")) == found
