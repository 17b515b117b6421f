"""The bundled rules on 表18 / 表20 / 表31 (keneng-2024) and direct employment (national), on made-up tables:
every relation holds on consistent numbers, and each broken number is found by its own rule."""

from __future__ import annotations

import pytest

from keneng_audit.audit import load_rules
from keneng_audit.document import Cell, Row, SourceRef, Table
from keneng_audit.engine import run
from keneng_audit.numbers import parse_number
from tests.rules.tablekit import make_doc, make_table

TITLE = "重庆市科能高级技工学校质量年度报告（2024）"
APPENDIX = ["序号", "指标", "单位", "2023年", "2024年"]
GUESSED = [f"列{i}" for i in range(10)]  # whatever the reader guessed: the pack names them by position
RULES = {"KA190", "KA240", "KA241", "KA242", "KA243", "KA244", "KA246"}
# 直接就业数, 直接就业率, 本省 就业数, 比例, 外省 就业数, 比例, 起薪, 对口就业数, 对口率, 创业数
GOOD20 = [["433", "47.3%", "365", "84%", "68", "15.70%", "3650", "398", "91.90%", "25"],
          ["1151", "69%", "986", "85.70%", "165", "14.30%", "3850", "1035", "90%", "32"]]
GOOD18 = [("2022-2023", ["398", "91.9%"]), ("2023-2024", ["1035", "90%"])]


def table20(rows) -> Table:
    table = Table("表20", "就业情况", SourceRef(200), "2.7.2", list(GUESSED), None)
    for n, texts in enumerate(rows, start=1):
        src = SourceRef(200 + n)
        table.rows.append(Row(f"第{n}行", {c: Cell(t, parse_number(t), src) for c, t in zip(GUESSED, texts)}, src))
    return table


def report(rows20=GOOD20, rows18=GOOD18, employed=("433", "1151")):
    scorecard = make_table("附表1", "人才培养质量计分卡", APPENDIX[1:],
                           [("毕业生人数", ["人", "916", "1667"]),
                            ("毕业生面向三次产业就业人数", ["人", *employed])], line=900)
    table18 = make_table("表18", "对口就业情况", ["年度", "人数", "比例"], rows18, line=180)
    doc = make_doc(scorecard, table18, table20(rows20), title=TITLE)
    return doc


def changed(rows, i, j, text):
    rows = [list(r) for r in rows]
    rows[i][j] = text
    return rows


# (case, report, {(rule, row or column): severity})
CASES = [
    ("consistent", report(), {}),
    ("as-printed-2023-rate", report(changed(GOOD20, 0, 1, "47.20%")), {("KA244", "2022-2023"): "warning"}),
    ("rate-of-wrong-base", report(changed(GOOD20, 1, 1, "71%")), {("KA244", "2023-2024"): "error"}),
    ("provinces", report(changed(GOOD20, 1, 4, "175")),
     {("KA240", "2023-2024"): "error", ("KA242", "2023-2024"): "error"}),
    ("in-province-share", report(changed(GOOD20, 0, 3, "86%")), {("KA241", "2022-2023"): "error"}),
    # a rate printed in 表18 and 表20 is one quantity (employment.matched_rate): inference checks they agree
    ("matched-rate", report(changed(GOOD20, 1, 8, "92%")),
     {("KA243", "2023-2024"): "error", ("inferred-agree", "2023-2024"): "error"}),
    ("table18-share", report(rows18=[GOOD18[0], ("2023-2024", ["1035", "87.8%"])]), {("inferred-share", "2023-2024"): "error", ("inferred-agree", "2023-2024"): "error"}),
    ("table18-vs-table20", report(rows18=[GOOD18[0], ("2023-2024", ["1068", "92.8%"])]),
     {("KA246", "2023-2024"): "error", ("inferred-agree", "2023-2024"): "error"}),
    ("appendix-vs-table20", report(employed=("433", "1179")), {("KA190", "2024年"): "error"}),
]


@pytest.mark.parametrize("case,doc,failing", CASES, ids=[c[0] for c in CASES])
def test_employment_rules(case, doc, failing):
    from keneng_audit.inference import inferred_pack

    packs = load_rules()  # 表18 is no pack's: inference reads it (its 比例 on 表20's direct employment)
    found = [f for f in run(doc, [*packs, inferred_pack(doc, packs)], "en").findings
             if f.rule in RULES or f.name.startswith("inferred")]
    assert {(f.name if f.name.startswith("inferred") else f.rule, f.location.row if f.location.table in ("表20", "表18") else f.location.column): f.severity
            for f in found} == failing


FINANCE = ["年度", "学校总收入（万元）", "其中贷款余额（万元", "年生均财政拨款水平（元）", "中央、地方财政专项投入合计（万元）",
           "财政经常性补助收入合计（万元）", "学费收入合计（万元）", "社会捐赠金额（万元）", "其他收入总额（万元）"]


@pytest.mark.parametrize("row,fails", [
    (["7521.56", "0", "4507.43", "685", "0", "2329.13", "0", "4507.43"], False),
    (["7521.6", "0", "1", "685", "0", "2329.13", "0", "4507.43"], False),  # 7521.56 rounds to 7521.6
    (["7521.56", "0", "4507.43", "685", "0", "2329.13", "0", "4507.53"], True),
    (["10344.3", "0", "4903.10", "124.02", "0", "60.31", "0", "2688"], True),
])
def test_income_sources_add_up(row, fails):
    finance = make_table("表31", "经费投入情况一览表", FINANCE, [("2022", row)], line=400)
    found = [f for f in run(make_doc(finance, title=TITLE), load_rules(), "en").findings if f.rule == "KA248"]
    assert [(f.location.row, f.severity) for f in found] == ([("2022", "error")] if fails else [])
