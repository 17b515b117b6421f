"""Table structures a reviewer's reports showed inference misreading (each consistent table must stay silent):
a key-indicator table whose last row is `教职工总数`, a total above a `其中` breakdown followed by a sub-breakdown,
a 专任教师 row whose year columns include 占比 columns."""

from __future__ import annotations

import pytest

from keneng_audit.engine import run
from keneng_audit.inference import infer, model, quantities
from keneng_audit.inference.words import load_words
from tests.rules.tablekit import make_doc, make_table


def _found(table):
    doc = make_doc(table)
    return sorted((f.name, f.location.row, f.location.column) for f in run(doc, [infer(doc, []).pack], "en").findings)


def test_a_key_indicator_named_total_is_no_total_row():
    rows = [("全日制在校生（人）", ["4800", "5200"]), ("毕业生人数（人）", ["1480", "1560"]), ("专任教师（人）", ["250", "260"]),
            ("教职工总数（人）", ["310", "320"])]
    assert _found(make_table("表1", "近两年主要办学指标", ["指标", "2023年", "2024年"], rows)) == []


STAFF = [("教职工总数", ["136", "142"]), ("其中：专任教师", ["102", "108"], "教职工总数"), ("行政人员", ["20", "20"]),
         ("工勤人员", ["14", "14"]), ("专任教师中：高级职称", ["29", "31"]), ("“双师型”教师", ["62", "69"])]


@pytest.mark.parametrize("change,failing", [
    (None, []),
    # 专任教师 + 行政人员 + 工勤人员 is the breakdown of 教职工总数; the rows after it break down 专任教师
    ((2, 1, "25"), [("inferred-sum", "教职工总数", "2024年")]),
])
def test_a_total_over_a_qizhong_breakdown_and_a_sub_breakdown(change, failing):
    rows = [(spec[0], list(spec[1]), *spec[2:]) for spec in STAFF]
    if change:
        rows[change[0]][1][change[1]] = change[2]
    assert _found(make_table("表3", "教职工构成", ["类别", "2023年", "2024年"], rows)) == failing


def test_a_row_quantity_never_takes_a_share_column_of_its_year():
    table = make_table("表4", "教职工结构", ["类别", "2023年人数", "2023年占比（%）", "2024年人数", "2024年占比（%）"],
                       [("专任教师", ["250", "80.6", "260", "81.3"]), ("行政人员", ["60", "19.4", "60", "18.8"])])
    words = load_words()
    found = quantities.find(model.build(table, words, 2024), words)
    assert sorted(s["column"] for q, s, _ in found if q == "teachers.full_time") == ["2023年人数", "2024年人数"]


@pytest.mark.parametrize("change,failing", [(None, []), ((1, 0, "90"), [("inferred-sum", "合计", "毕业生（人）")])])
def test_a_total_row_does_not_sum_an_average_column(change, failing):
    rows = [("机电", ["100", "98", "3,800"]), ("汽修", ["80", "76", "3,600"]), ("计算机", ["120", "114", "3,500"]),
            ("合计", ["300", "288", "3,630"])]  # 3,630: the weighted average monthly pay
    if change:
        rows[change[0]][1][change[1]] = change[2]
    rows = [(label, list(cells)) for label, cells in rows]
    assert _found(make_table("表1", "各专业就业情况", ["专业", "毕业生（人）", "就业（人）", "平均月薪（元）"], rows)) == failing


@pytest.mark.parametrize("caption,expected", [
    ("2024届毕业生去向", [("employment.direct", "直接就业", "2024"), ("graduates.further_study", "升学", "2024")]),
    ("2023年毕业生去向", [("employment.direct", "直接就业", "2023"), ("graduates.further_study", "升学", "2023")]),
    ("毕业生去向", []),  # no year: the period is not printed
    ("2022—2024年毕业生去向", []),  # a range: which year?
    ("2024年机电系毕业生升学与就业人数", []),  # a department's, not the school's (review)
])
def test_a_one_year_table_gives_its_rows_the_captions_year(caption, expected):
    """`2024届毕业生去向` with one column of 人数: its rows 直接就业 and 升学 are those quantities of 2024, so
    `直接就业 621 人` in the prose is compared with the row's 612 (a new user's report)."""
    table = make_table("表5", caption, ["去向", "人数（人）", "占比（%）"],
                       [("直接就业", ["612", "54.1"]), ("升学", ["438", "38.7"]), ("其他", ["82", "7.2"]),
                        ("合计", ["1132", "100.0"])])
    words = load_words()
    found = quantities.find(model.build(table, words, 2024), words)
    assert sorted((q, s["row"], s["period"]) for q, s, _ in found if "row" in s and s.get("period") not in
                  (None, "current")) == expected


def test_the_total_of_a_one_year_amount_table_is_its_captions_quantity():
    """`2024年经费收入情况（单位：万元）` over one 金额 column: its 合计 is 学校总收入 of 2024 (a new user's report:
    `学校总收入 1.48 亿元` against 13,754.00 万元 went unchecked)."""
    table = make_table("表3-1", "2024年经费收入情况（单位：万元）", ["项目", "金额", "占比（%）"],
                       [("财政拨款", ["9862.40", "71.7"]), ("学费收入", ["1125.96", "8.2"]),
                        ("其他收入", ["2765.64", "20.1"]), ("合计", ["13754.00", "100.0"])])
    words = load_words()
    found = quantities.find(model.build(table, words, 2024), words)
    assert [(s["row"], s["column"], s["period"]) for q, s, _ in found if q == "income.total"] == [("合计", "金额", "2024")]
