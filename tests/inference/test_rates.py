"""Rate rows of an indicator table: `就业率（%）` is `就业人数` over the count row most year columns hold under
(`毕业生人数`); a wrong count or rate is found in its year column, and the consistent twin stays silent."""

from __future__ import annotations

import pytest

from keneng_audit.audit import audit_report

REPORT = """某某技工学校2024年质量年度报告
一、毕业生就业
学校毕业生就业稳定。
表4 近两届毕业生就业情况
指标\t2023届\t2024届
毕业生人数（人）\t1,080\t1,150
就业人数（人）\t1,042\t{employed}
就业率（%）\t96.5\t{rate}
对口就业率（%）\t88.6\t90.1
升学人数（人）\t{up}\t120
升学比例（%）\t{up_rate}\t10.4
二、社会服务
学校积极开展社会培训。
"""
GOOD = {"employed": "1,118", "rate": "97.2", "up": "96", "up_rate": "8.9"}


def _errors(tmp_path, **change) -> list[tuple]:
    path = tmp_path / "r.txt"
    path.write_text(REPORT.format(**{**GOOD, **change}), encoding="utf-8")
    result = audit_report(path, lang="zh", bundled=False)
    return sorted((f.location.row, f.location.column, f.expected.split(" ")[0]) for f in result.findings
                  if f.severity in ("error", "warning"))


@pytest.mark.parametrize("change,found", [
    ({}, []),
    ({"employed": "1,181"}, [("就业率（%）", "2024届", "102.7%")]),  # 1,181 / 1,150
    ({"rate": "92.7"}, [("就业率（%）", "2024届", "97.2%")]),
    ({"up_rate": "9.8"}, [("升学比例（%）", "2023届", "8.9%")]),  # 96 / 1,080; 比例 names a rate too
])
def test_rate_rows(tmp_path, change, found):
    assert _errors(tmp_path, **change) == found
