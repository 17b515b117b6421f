"""Each inference stage on hand-built tables: the model of a table, the relations proposed by header words and
by numbers, the judge (support, share bases), and the whole chain run by the engine (pass and fail cases)."""

from __future__ import annotations

import pytest

from keneng_audit.engine import run
from keneng_audit.inference import data, infer, model, propose
from keneng_audit.inference.words import load_words, norm
from tests.rules.tablekit import make_doc, make_table

WORDS = load_words()


def _model(columns, rows, key="表9", caption="某某情况"):
    return model.build(make_table(key, caption, columns, rows), WORDS, 2024)


@pytest.mark.parametrize("header,cells,role", [
    ("2023-2024学年度（人）", ["12", "30"], "period"),
    ("增加人数（人）", ["2", "-3"], "increase"),
    ("较上一年度增加人数", ["2", "0"], "increase"),
    ("增加比率（%）", ["1.5%", "2%"], "growth"),
    ("增长幅度", ["1.5", "2.0"], "growth"),
    ("比例", ["15%", "85%"], "share"),
    ("占比（%）", ["15.0", "85.0"], "share"),
    ("就业率（%）", ["95.0", "96.5"], "share"),
    ("生师比", ["17:1", "18:1"], "ratio"),
    ("专业代码", ["660301", "710201"], "code"),
    ("获奖日期", ["2024-05-01", "2024-06-30"], "date"),
    ("人数", ["12", "30"], "count"),
    ("获奖名称", ["一等奖", "二等奖"], "text"),
])
def test_column_roles(header, cells, role):
    m = _model(["类别", header], [("甲", [cells[0]]), ("乙", [cells[1]])])
    assert m.column(header).role == role


def test_rows_totals_children_and_years():
    m = _model(["项目", "2023年", "2024年"], [("甲", ["1", "2"]), ("其中：乙", ["1", "1"], "甲"), ("合计", ["1", "2"])])
    assert (m.total_rows, m.children, m.parts) == (["合计"], {"其中：乙": "甲"}, ["甲"])
    years = _model(["年度", "人数"], [("2022-2023", ["1"]), ("2023-2024", ["2"]), ("增量", ["1"])])
    assert (years.period_rows, years.increase_rows) == ({"2022-2023": "2023", "2023-2024": "2024"}, ["增量"])
    # a long label that mentions a year is a label, not a year row
    awards = _model(["奖项", "人数"], [("2023年全国技能大赛", ["1"]), ("2024年全省技能大赛", ["2"])])
    assert awards.period_rows == {}


def _kinds(m, quantities=None):
    return sorted((c.kind, tuple(sorted(k for k in c.params))) for c in propose.propose(m, WORDS, quantities or {}))


def test_header_words_propose_growth_increase_share_and_total():
    m = _model(["专业", "2024年", "2023年", "增加人数", "增长率（%）", "比例"],
               [("甲", ["110", "100", "10", "10.0%", "55.0%"]), ("乙", ["90", "100", "-10", "-10.0%", "45.0%"]),
                ("合计", ["200", "200", "0", "0.0%", "100.0%"])])
    assert _kinds(m) == [("difference", ("current", "increase", "previous")),
                         ("growth", ("current", "increase", "previous", "rate")),
                         ("share", ("part", "percent", "whole")),
                         ("sum", ("column", "exclude", "total"))]


def test_a_rate_that_is_not_a_share_is_only_checked_against_its_row():
    m = _model(["类别", "参评人数", "合格率（%）"], [("甲", ["100", "95.0"]), ("乙", ["50", "90.0"])])
    assert propose.propose(m, WORDS, {"students.total": ["policy"]}) == []  # no base in its row: no check
    rate = _model(["类别", "参评人数", "获证人数", "获证率（%）"], [("甲", ["100", "95", "95.0"]), ("乙", ["50", "45", "90.0"])])
    [share] = propose.propose(rate, WORDS, {"students.total": ["policy"]})
    assert [c.params["whole"] for c in (share, *share.alternatives)] == ["参评人数"]
    satisfaction = _model(["类别", "满意度"], [("在校生", ["95"]), ("家长", ["92"])])
    assert propose.propose(satisfaction, WORDS, {"students.total": ["policy"]}) == []


@pytest.mark.parametrize("rows,found", [
    # total = a + b in 4 of 4 rows
    ([("甲", ["1", "2", "3"]), ("乙", ["4", "5", "9"]), ("丙", ["2", "2", "4"]), ("丁", ["7", "1", "8"])], True),
    # 3 of 4: still a clear majority, the fourth is reported
    ([("甲", ["1", "2", "3"]), ("乙", ["4", "5", "9"]), ("丙", ["2", "2", "4"]), ("丁", ["7", "1", "9"])], True),
    # 2 of 4: not enough
    ([("甲", ["1", "2", "3"]), ("乙", ["4", "5", "9"]), ("丙", ["2", "2", "5"]), ("丁", ["7", "1", "9"])], False),
    # zeros prove nothing (x + 0 = x)
    ([("甲", ["1", "0", "1"]), ("乙", ["4", "0", "4"]), ("丙", ["2", "0", "2"]), ("丁", ["7", "0", "7"])], False),
    # only 2 rows
    ([("甲", ["1", "2", "3"]), ("乙", ["4", "5", "9"])], False),
])
def test_sums_only_the_numbers_show(rows, found):
    m = _model(["部门", "男", "女", "总量"], rows)
    cands = [c for c in data.propose_data(m, set()) if c.kind == "sum"]
    assert bool(cands) == found
    if found:
        assert cands[0].params == {"parts": ["男", "女"], "total": "总量"} and not cands[0].named


def test_a_difference_the_numbers_show_targets_the_column_of_small_numbers():
    m = _model(["专业", "期初", "期末", "净变动"],
               [("甲", ["430", "420", "-10"]), ("乙", ["522", "510", "-12"]), ("丙", ["615", "600", "-15"]),
                ("丁", ["388", "380", "-8"])])
    [c] = data.propose_data(m, set())
    assert (c.kind, c.params) == ("difference", {"increase": "净变动", "current": "期末", "previous": "期初"})


def test_the_judge_picks_the_share_base_most_rows_hold_under():
    table = make_table("表9", "某某情况", ["类别", "人数", "比例"],
                       [("甲", ["60", "24%"]), ("乙", ["177", "68%"]), ("丙", ["22", "8%"])])
    doc = make_doc(table)
    result = infer(doc, [])
    [share] = [e for e in result.entries if e["kind"] == "share"]
    assert share["params"]["whole"]["quantity"] == "inferred.表9.人数.sum"  # 259: two rows of three hold
    found = run(doc, [result.pack], "en").findings
    assert [(f.location.row, f.expected, f.actual) for f in found] == [("甲", "23.2% = 60 / (60 + 177 + 22)", "24%")]


def test_no_base_found_means_the_shares_must_add_up_to_100():
    table = make_table("表9", "某某情况", ["去向", "人数", "比例"],
                       [("升学", ["488", "29.3%"]), ("就业", ["1091", "92.5%"]), ("待业", ["6", "0.5%"])])
    result = infer(make_doc(table), [])
    assert [e["kind"] for e in result.entries] == ["sum"]
    found = run(make_doc(table), [result.pack], "en").findings
    assert [f.actual for f in found] == ["122.3% = 29.3% + 92.5% + 0.5%"]


@pytest.mark.parametrize("rows", [
    # shares adding up to 99.9% and 100.1% are rounding
    [("甲", ["1", "33.3%"]), ("乙", ["1", "33.3%"]), ("丙", ["1", "33.3%"])],
    [("甲", ["4", "66.7%"]), ("乙", ["1", "16.7%"]), ("丙", ["1", "16.7%"])],
])
def test_rounded_shares_are_not_flagged(rows):
    table = make_table("表9", "某某情况", ["类别", "人数", "比例"], rows)
    result = infer(make_doc(table), [])
    assert run(make_doc(table), [result.pack], "en").findings == []


CONSISTENT = [("甲", ["110", "100", "10", "10.0%"]), ("乙", ["88", "80", "8", "10.0%"]),
              ("丙", ["60", "75", "-15", "-20.0%"]), ("合计", ["258", "255", "3", "1.2%"])]


@pytest.mark.parametrize("case,change,failing", [
    ("consistent", None, []),
    ("growth", (0, 3, "9.1%"), [("inferred-growth", "甲")]),
    ("increase", (1, 2, "9"), [("inferred-difference", "乙"), ("inferred-growth", "乙"), ("inferred-sum", "合计")]),
    ("total", (3, 0, "259"), [("inferred-difference", "合计"), ("inferred-sum", "合计")]),
])
def test_the_chain_on_a_growth_table(case, change, failing):
    rows = [(label, list(cells)) for label, cells in CONSISTENT]
    if change:
        i, j, text = change
        rows[i][1][j] = text
    table = make_table("表5", "分专业招生", ["专业", "2024年", "2023年", "增加人数", "增长率"], rows)
    doc = make_doc(table)
    result = infer(doc, [])
    found = sorted((f.name, f.location.row) for f in run(doc, [result.pack], "en").findings)
    assert found == failing


@pytest.mark.parametrize("rules,inferred", [
    ("", ["difference", "growth", "sum"]),  # declared, no rule on it: every relation is still checked
    ("growth|{rate: 增长率, increase: 增加人数, previous: 2023年, current: 2024年}", ["difference", "sum"]),
    ("difference|{increase: 增加人数, current: 2024年, previous: 2023年}", ["growth", "sum"]),
    ("sum|{column: [2024年, 2023年, 增加人数], exclude: [合计], total: {value: 258}}", ["difference", "growth"]),
    ("sum|{column: [2024年], exclude: [合计], total: {value: 258}}", ["difference", "growth", "sum"]),
])
def test_a_declared_table_gets_the_relations_its_pack_leaves_out(tmp_path, rules, inferred):
    from tests.rules.tablekit import pack_from, rule_yaml

    table = make_table("表5", "分专业招生", ["专业", "2024年", "2023年", "增加人数", "增长率"], CONSISTENT)
    text = "tables:\n  intake: {key: 表5}\n"
    if rules:
        kind, params = rules.split("|")
        text += "rules:\n" + rule_yaml("KA9001", kind, "intake", params)
    result = infer(make_doc(table), pack_from(tmp_path, text))
    assert result.reports[0].declared_by == "pack"
    assert sorted(e["kind"] for e in result.entries) == inferred
    if rules.endswith("{value: 258}}") and "增加人数" not in rules:  # the sum keeps the columns no rule adds up
        assert next(e for e in result.entries if e["kind"] == "sum")["params"]["column"] == ["2023年", "增加人数"]
    assert norm("其中：双师型教师（人）") == "双师型教师"


def test_a_column_headed_total_is_the_sum_of_its_row():
    rows = [("机电系", ["60", "8", "68"]), ("汽车系", ["50", "6", "57"]), ("信息系", ["40", "5", "45"])]
    table = make_table("表7", "教师分布", ["系部", "专任教师", "兼职教师", "合计"], rows)
    doc = make_doc(table)
    result = infer(doc, [])
    assert [(e["kind"], e["params"]) for e in result.entries] == [
        ("sum", {"parts": ["专任教师", "兼职教师"], "total": "合计"})]
    [f] = run(doc, [result.pack], "en").findings
    assert (f.location.row, {f.expected, f.actual}) == ("汽车系", {"57", "56 = 50 + 6"})


def test_years_named_by_words():
    m = _model(["专业", "本年度人数", "上年度人数", "增加人数"], [("甲", ["12", "10", "2"]), ("乙", ["9", "10", "-1"])])
    assert [(c.name, c.role, c.period) for c in m.columns[1:]] == [
        ("本年度人数", "period", "2024"), ("上年度人数", "period", "2023"), ("增加人数", "increase", None)]
    assert _kinds(m) == [("difference", ("current", "increase", "previous"))]


TEACHERS = [("专任教师", ["120"]), ("其中：“双师型”教师", ["84"], "专任教师"), ("其中：高级职称教师", ["38"], "专任教师"),
            ("兼职教师", ["25"])]


@pytest.mark.parametrize("columns,change,failing", [
    # a table without year columns: its 人数 column is checked; 84 + 38 > 120 is no break (the items overlap)
    (["项目", "人数（人）"], None, []),
    (["项目", "人数（人）"], (1, "128"), [("inferred-subset", "其中：“双师型”教师")]),
    (["项目", "人数（人）"], (2, "121"), [("inferred-subset", "其中：高级职称教师")]),
    (["项目", "2024年"], None, []),
    (["项目", "2024年"], (1, "121"), [("inferred-subset", "其中：“双师型”教师")]),
])
def test_each_qizhong_item_within_its_parent(columns, change, failing):
    rows = [(spec[0], list(spec[1]), *spec[2:]) for spec in TEACHERS]
    if change:
        rows[change[0]][1][0] = change[1]
    doc = make_doc(make_table("表7", "教师队伍情况", columns, rows))
    result = infer(doc, [])
    assert sorted((f.name, f.location.row) for f in run(doc, [result.pack], "en").findings) == failing


def test_one_odd_table_costs_only_itself(monkeypatch):
    good = make_table("表5", "分专业招生", ["专业", "2024年", "2023年", "增加人数", "增长率"], CONSISTENT)
    odd = make_table("表6", "其他", ["类别", "人数", "比例"], [("甲", ["1", "50%"]), ("乙", ["1", "50%"])])
    real = model.build

    def build(table, words, year=None):
        if table.key == "表6":
            raise ZeroDivisionError("odd")
        return real(table, words, year)

    monkeypatch.setattr(model, "build", build)
    result = infer(make_doc(good, odd), [])
    assert result.entries and {e["table"] for e in result.entries} == {"inferred-表5"}
    assert result.reports[1].notes == ["未能推断 / not inferred: ZeroDivisionError: odd"]


def test_a_share_taken_of_another_base_says_so(tmp_path):
    from tests.rules.tablekit import pack_from

    shares = make_table("表9", "某某情况", ["类别", "人数", "比例"],
                        [("甲", ["40", "40%"]), ("乙", ["30", "30%"]), ("丙", ["20", "20%"]), ("丁", ["10", "9.1%"])])
    policy = make_table("附表6", "落实政策表", ["指标", "2024年"], [("全日制在校生人数", ["110"])], line=500)
    packs = pack_from(tmp_path, """
        tables:
          policy: {key: 附表6}
        quantities:
          students.total: [{table: policy, row: 全日制在校生人数}]
        """)
    doc = make_doc(shares, policy)
    result = infer(doc, packs)
    found = [f for f in run(doc, [*packs, result.pack], "en").findings if f.name == "inferred-share"]
    assert [(f.location.row, f.expected, f.actual) for f in found] == [("丁", "10.0% = 10 / (40 + 30 + 20 + 10)", "9.1%")]
    assert found[0].hint == "the share seems to be taken of 110: 10 / 110 = 9.1%"


@pytest.mark.parametrize("change,failing", [(None, []), ((1, 0, "10344.30"), [("inferred-sum", "2023")])])
def test_a_column_headed_total_income_is_the_sum_of_the_sources_beside_it(change, failing):
    rows = [("2022", ["7521.56", "685.00", "2329.13", "4507.43"]), ("2023", ["8872.33", "6124.02", "60.31", "2688.00"])]
    if change:
        rows[change[0]][1][change[1]] = change[2]
    table = make_table("表31", "经费投入", ["年度", "学校总收入（万元）", "财政专项（万元）", "学费收入（万元）", "其他收入（万元）"], rows)
    doc = make_doc(table)
    assert sorted((f.name, f.location.row) for f in run(doc, [infer(doc, []).pack], "en").findings) == failing
