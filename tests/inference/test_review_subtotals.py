"""A reviewer's attempts at the session's changes (tests/fixtures/review-subtotals): 小计 groups and their
labels, a lone 小计 over another row, a declared table with 小计 rows, a partial list of staff whose shares are
of a whole the text states, an appendix table with an empty cell printed one cell per line, Markdown bold cells,
a major's graduates in its own sub-section, and a share the text takes of a total the table does not print."""

from __future__ import annotations

from pathlib import Path

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "review-subtotals"


@pytest.mark.parametrize("name,expected", [
    # the 装备制造大类 小计 carries the next group's 724 / 832: its own rows give 896 / 1004
    ("s6.txt", [("KA5186", "装备制造大类/小计", "724"), ("KA5186", "装备制造大类/小计", "832")]),
    # bare 小计 twice (the second read 小计#2), 大类 printed on its first row only or not at all
    ("s5-bad.txt", [("KA5124", "合计", "1863"), ("KA5141", "小计#2", "823")]),
    ("s4-bad.txt", [("KA5123", "小计#2", "823"), ("KA5124", "合计", "1863")]),
    ("s3.txt", []),  # 学历教育小计 over a 社会培训 row: a group's total, not the table's
    ("e2b-bad.txt", [("KA5118", "电子与信息大类/小计", "350"), ("KA5118", "电子与信息大类/小计", "370")]),
    ("s1.txt", []), ("s2.txt", []),
    ("e1b.txt", []),  # the pack's sum of 分专业大类在校生情况 (KA183) against 附表6 leaves the 小计 rows out
    ("st6.txt", []),  # 专任教师 71.1%, 行政人员 20.1% of the 318 the text states: a partial list, no 100% sum
    ("stk4.txt", [("KA002", None, None)]),  # an empty 2023 cell: unread and said so, never 2024 = the next 序号
    ("m1-bad.txt", [("KA5154", "合计", "1548")]),  # `| **合计** | **1496** | **1548** |`
    ("up6.txt", []),  # `（二）机电技术应用专业 … 该专业 2024 届毕业生 320 人。升学 86 人`: the major's, not the school's
])
def test_review_cases(name, expected):
    found = audit_report(HERE / name, packs=load_packs([rules_dir() / "national"])).findings
    assert sorted((f.rule, f.location.row, f.actual) for f in found) == expected
