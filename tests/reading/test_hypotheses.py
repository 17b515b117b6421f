"""Multi-hypothesis table reading: cells by position or by order, header lengths, and one consistency score."""

from __future__ import annotations

import pytest

from keneng_audit.document import SourceRef
from keneng_audit.reading import hypotheses
from keneng_audit.reading.layout import printed_lines, read_layout
from keneng_audit.reading.tables import table_from_lines


def _lines(text: str) -> list[tuple[str, SourceRef]]:
    return [(line, SourceRef(n)) for n, line in enumerate(text.splitlines(), start=10)]


def _table(text: str):
    return table_from_lines("表1", "测试", SourceRef(9), None, _lines(text))


def _cells(table) -> list[tuple[str, dict[str, str]]]:
    return [(r.label, {k: c.text for k, c in r.cells.items()}) for r in table.rows]


@pytest.mark.parametrize("text, columns, rows", [
    # runs of blanks that do not line up (tabs turned into four blanks): read by order
    ("专业    人数（人）    占比（%）\n合计    2100    100.0\n旅游服务与管理    1100    52.4\n烹饪    1000    47.6\n",
     ["专业", "人数（人）", "占比（%）"],
     [("合计", {"专业": "合计", "人数（人）": "2100", "占比（%）": "100.0"}),
      ("旅游服务与管理", {"专业": "旅游服务与管理", "人数（人）": "1100", "占比（%）": "52.4"}),
      ("烹饪", {"专业": "烹饪", "人数（人）": "1000", "占比（%）": "47.6"})]),
    # aligned columns whose header cells wrap: read by position
    ("  类别          人数      比例\n                （人）    （%）\n  教师            90       7.0\n"
     "  学生          1200      93.0\n",
     ["类别", "人数（人）", "比例（%）"],
     [("教师", {"类别": "教师", "人数（人）": "90", "比例（%）": "7.0"}),
      ("学生", {"类别": "学生", "人数（人）": "1200", "比例（%）": "93.0"})]),
    # an empty cell in the middle of aligned columns stays empty (by order the 93.0 would shift left)
    ("  类别          人数      比例（%）\n  教师            90       7.0\n  学生                    93.0\n"
     "  职工            30       2.0\n",
     ["类别", "人数", "比例（%）"],
     [("教师", {"类别": "教师", "人数": "90", "比例（%）": "7.0"}), ("学生", {"类别": "学生", "比例（%）": "93.0"}),
      ("职工", {"类别": "职工", "人数": "30", "比例（%）": "2.0"})]),
])
def test_the_most_consistent_reading_is_kept(text, columns, rows):
    table = _table(text)
    assert table.columns == columns
    assert _cells(table) == rows
    assert table.problems == []


def test_a_cell_of_words_and_a_number_and_a_column_of_both_cost_a_reading():
    printed, notes = printed_lines(_lines("专业    人数（人）    占比（%）\n合计    2100    100.0\n"
                                          "旅游服务与管理    1100    52.4\n烹饪    1000    47.6\n"))
    by_position = read_layout(printed, notes, 1, ("序号",))
    by_order = read_layout(hypotheses.by_index(printed), notes, 1, ("序号",))
    assert hypotheses.score(by_order) < hypotheses.score(by_position)


def test_a_total_that_adds_up_counts_for_a_reading():
    adds_up = read_layout(*printed_lines(_lines("项目  人数\n甲  10\n乙  20\n合计  30\n")), 1, ("序号",))
    does_not = read_layout(*printed_lines(_lines("项目  人数\n甲  10\n乙  20\n合计  31\n")), 1, ("序号",))
    assert hypotheses.score(adds_up) == hypotheses.score(does_not) - 0.5


def test_readings_that_score_alike_but_differ_are_named_not_chosen_silently(monkeypatch):
    monkeypatch.setattr(hypotheses, "score", lambda table: 0.0)
    table = _table("专业    人数（人）    占比（%）\n合计    2100    100.0\n旅游服务与管理    1100    52.4\n")
    assert any(p.startswith("第 10–12 行：各列可按位置或按顺序读出，两种读法同样一致") for p in table.problems)
