"""Tables whose years are rows (2022年 / 2023年 / 2024年): increase and growth columns against the row of the
year before; and a total row printed above its 其中 items."""

from __future__ import annotations

import pytest

from keneng_audit.engine import run
from keneng_audit.inference import infer
from tests.rules.tablekit import make_doc, make_table

TRAINING = [("2022年", ["5200", "15600", "—", "—"]), ("2023年", ["6100", "18000", "900", "17.3"]),
            ("2024年", ["7000", "21700", "900", "14.8"])]


def _found(table):
    doc = make_doc(table)
    return sorted((f.name, f.location.row, f.expected) for f in run(doc, [infer(doc, []).pack], "en").findings)


@pytest.mark.parametrize("change,failing", [
    (None, []),
    # growth of 培训人次 (the column most rows hold under), not of the nearer 培训人日数
    ((2, 3, "15.8"), [("inferred-growth", "2024年", "14.8 = (7000 − 6100) / 6100")]),
    ((1, 2, "800"), [("inferred-difference", "2023年", "900 = 6100 − 5200")]),
])
def test_growth_and_increase_down_year_rows(change, failing):
    rows = [(label, list(cells)) for label, cells in TRAINING]
    if change:
        rows[change[0]][1][change[1]] = change[2]
    table = make_table("表3.3", "近三年社会培训", ["年份", "培训人次", "培训人日数", "培训人次增加", "增长率（%）"], rows)
    # the increase column names 培训人次; the rate names nothing and is judged on every count column
    assert _found(table) == failing


def test_years_as_rows_in_any_order():
    rows = [("2024年", ["7000", "14.8"]), ("2023年", ["6100", "17.3"]), ("2022年", ["5200", "—"])]
    table = make_table("表5", "社会培训", ["年份", "培训人次", "增长率（%）"], rows)
    assert _found(table) == []
    rows[0] = ("2024年", ["7000", "12.9"])  # 900 / 7000: the rate taken of the current year
    assert _found(make_table("表5", "社会培训", ["年份", "培训人次", "增长率（%）"], rows)) == [
        ("inferred-growth", "2024年", "14.8 = (7000 − 6100) / 6100")]


INCOME = [("收入合计", ["12600.50", "13850.20"]), ("其中：财政拨款", ["8200.00", "9100.00"], "收入合计"),
          ("学费收入", ["3600.50", "3850.20"]), ("其他收入", ["800.00", "900.00"])]


@pytest.mark.parametrize("change,failing", [
    (None, []),
    ((2, 1, "3950.20"), [("inferred-sum", "收入合计", "13950.20")]),
])
def test_a_total_above_its_qizhong_items_is_their_sum(change, failing):
    rows = [(spec[0], list(spec[1]), *spec[2:]) for spec in INCOME]
    if change:
        rows[change[0]][1][change[1]] = change[2]
    table = make_table("表4.1", "经费收支情况（万元）", ["项目", "2023年", "2024年"], rows)
    assert [f[:2] + (f[2].split(" ")[0],) for f in _found(table)] == failing
