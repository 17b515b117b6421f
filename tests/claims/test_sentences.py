"""Generic sentence checks on made-up sentences: what must fire, and what must stay silent."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keneng_audit.claims.sentences import sentence_findings
from tests.claims.docs import make_doc, table


def findings(*texts: str, tables=()):
    return sentence_findings(make_doc(*[("1.1", t) for t in texts], tables=list(tables)), "zh")


def rules(*texts: str, tables=()):
    return [(f.rule, f.severity, f.expected, f.actual) for f in findings(*texts, tables=tables)]


# --- KA410 share ---------------------------------------------------------------------------------------

def test_part_whole_percentage_wrong():
    found = findings("本年度，1141 名学生进入企业实习，其中合作企业接收实习学生 1120 名，\n占实习学生总数的 94.5%。")
    assert [(f.rule, f.severity, f.expected, f.actual) for f in found] == [
        ("KA410", "error", "98.2% = 1120 / 1141", "94.5%")]
    assert found[0].location.lines == (10, 12)  # the line of the part/whole, and of the percentage
    assert "1120 / 1141 = 98.2%" in found[0].message and found[0].location.section == "1.1"


def test_part_whole_percentage_right_with_the_whole_in_the_previous_sentence():
    assert rules("在校生总人数为 4967 人，较上一年度增加 734 人。以上 3 个大类在校生总数为 3300 人，"
                 "占在校生总数人的 66%。") == []
    assert rules("在校生总人数为 4967 人。以上 3 个大类在校生总数为 3300 人，占在校生总数人的 76%。") == [
        ("KA410", "error", "66.4% = 3300 / 4967", "76%")]


def test_total_of_the_sentence_and_change_numbers_are_skipped():
    text = "学校教职工总数：259 人，比去年增加 25 人，其中专任教师 177 人，占总人数 68%，行政人员 60 人，占总人数 24%。"
    assert rules(text) == [("KA410", "error", "23.2% = 60 / 259", "24%")]
    # "比去年新增 2 人" is a change, not the part: the part is 53
    assert rules("专任教师总数 177 人。专任教师高级职称 53 人，比去年新增 2 人，占专任教师 30%。") == []


def test_truncated_percentage_is_a_warning():
    found = rules("学校总收入 10344.3 万元。其中财政性拨款 4903.10 万元，占全年收入的 47.39%。")
    assert found == [("KA410", "warning", "47.40% = 4903.10 / 10344.3", "47.39%")]


@pytest.mark.parametrize("text", [
    # a percentage of something else in the same sentence
    "毕业生 1677 人，就业率达 95%。",
    "毕业生 1677 人，直接就业 1179 人，其中对口就业率占 91.5%。",
    "在校生 4967 人，其中女生占 30%。",
    # person-times are not persons
    "学校共有学生 4967 人，开展培训 921 人次，占学生总数的 18.5%。",
    # the whole is not stated in the paragraph
    "直接就业 1179 人，占毕业生总数的 71%。",
    # two different numbers could be the whole
    "专任教师总数 177 人，在编专任教师总数 169 人。双师型 133 人，占专任教师 75%。",
])
def test_share_stays_silent(text):
    assert rules(text) == []


# --- KA420 parts after 其中 -------------------------------------------------------------------------------

def test_parts_that_add_up_or_fall_short_are_fine():
    assert rules("共回收 585 份有效问卷，其中在校生 187 份、教职工 96 份、毕业生 161 份、用人单位 14 份、"
                 "学生家长 127 份，样本覆盖充分。") == []
    assert rules("获奖 20 项，其中国家级 2 项、市级 8 项。") == []


def test_parts_exceeding_the_total():
    assert rules("共回收 585 份有效问卷，其中在校生 387 份、教职工 96 份、毕业生 161 份。") == [
        ("KA420", "error", "≤ 585", "644 = 387 + 96 + 161")]


def test_parts_in_other_units_are_not_parts():
    assert rules("开展培训 900 人，其中线上 600 人次、线下 400 人次。") == []


# --- KA430 listed items ----------------------------------------------------------------------------------

def test_titles_counted():
    assert rules("学校制定了 3 项制度，具体包括《甲办法（试行）》《乙办法》《2024 年度丙方案》。") == []
    assert rules("学校制定了 4 项制度，具体包括《甲办法（试行）》《乙办法》《2024 年度丙方案》。") == [
        ("KA430", "error", "3", "4")]


def test_names_in_brackets_and_items_before_the_count():
    assert rules("接受递交入党申请书 3 人（潘文瑾、封明盛、骆泳洁），完成 2 名发展对象资格预审（张雪华、李娟）。") == []
    assert rules("接受递交入党申请书 4 人（潘文瑾、封明盛、骆泳洁）。") == [("KA430", "error", "3", "4")]
    assert rules("本年度新增舞龙社、新媒体文学社、网络信息社、人工智能社 5 个社团。") == [("KA430", "error", "4", "5")]


@pytest.mark.parametrize("text", [
    "包括《甲》《乙》等 5 项制度。",
    "学校制定了 5 项制度，包括《甲办法》《乙办法》等。",
    "新增国家级、市级 5 项奖励。",
    "开展培训 3 人次（张三、李四）。",
    "学校制定了 5 项制度，具体包括《甲办法》《乙",  # the paragraph ends mid-list
    "培训时间为 2024.6.22-6.30，共 2 场（线上、线下）。",
])
def test_lists_stay_silent(text):
    assert rules(text) == []


# --- KA440 named rows of a table -----------------------------------------------------------------------------

def _t3(first="1512"):
    return table("表3", "分专业大类在校生情况", ["专业大类", "2023-2024学年度（人）", "2022-2023学年度（人）"],
                 [["装备制造大类", first, "899"], ["交通运输大类", "992", "720"], ["土木建筑大类", "796", "608"],
                  ["旅游大类", "100", "90"]])


def test_named_rows_add_up():
    text = "排名前 3 的专业大类是装备制造大类、交通运输大类、土木建筑大类，以上 3 个大类在校生总数为 3300 人。"
    assert rules(text, tables=[_t3()]) == []
    found = findings(text, tables=[_t3("1500")])
    assert [(f.rule, f.expected, f.actual, f.location.table) for f in found] == [
        ("KA440", "3288 = 1500 + 992 + 796", "3300", "表3")]
    assert found[0].location.lines == (10, 502, 504, 506)


def test_named_rows_of_another_quantity_are_not_compared():
    text = "排名后 3 的专业大类是装备制造大类、交通运输大类、土木建筑大类，以上 3 个大类毕业生总数为 1147 人。"
    assert rules(text, tables=[_t3()]) == []


# --- numbers the checks read --------------------------------------------------------------------------------

def test_dates_ranges_and_ratios_are_not_counts():
    from keneng_audit.claims.paragraphs import prepare
    from tests.claims.docs import paragraph

    text = "培训时间为 2024.6.22-6.30，参训 17 人次，生师比 1:19，2023-2024 学年度在校生 4967 人，占比 30%。"
    p = prepare(paragraph(text, "4.2", 10))
    assert [(n.number.text, n.unit) for n in p.numbers] == [("17", "人次"), ("2023", None), ("4967", "人"),
                                                            ("30%", "%")]


def test_a_range_in_the_sentence_is_not_a_part():
    assert rules("参训总人数 30 人。培训时间为 2024.6.22-6.30，占参训总人数的 20%。") == []


# --- robustness ---------------------------------------------------------------------------------------------

_PIECES = ["占", "的", "总数", "总人数", "其中", "、", "，", "。", "；", "（", "）", "《", "》", "等", "以上", "个",
           "人", "人次", "名", "项", "万元", "%", "增加", "新增", "学生", "教师", "大类", "是", ":", "-", ".", " ",
           "\n", "0", "1", "12", "3.5", "100", "2024", "6.30"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.lists(st.sampled_from(_PIECES), max_size=30))
def test_any_text_is_checked_without_crashing(first, second):
    for finding in findings("".join(first), "".join(second)):
        assert finding.rule.startswith("KA4") and finding.location.lines  # any claim kind, never a crash


# --- KA450: per-student values ----------------------------------------------------------------------------

def _students(n: str = "4967"):
    """The engine's table facts of a made-up 附表6 with this year's full-time students."""
    from keneng_audit.engine import table_facts
    from keneng_audit.resources import rules_dir
    from keneng_audit.rules.loader import load_packs
    from tests.claims.docs import table

    a6 = table("附表6", "落实政策表", ["序号", "指标", "单位", "2023年", "2024年"],
               [["1", "全日制在校生人数", "人", "4233", n]], first_line=900)
    return a6, (lambda doc: table_facts(doc, load_packs([rules_dir() / "national"])))


@pytest.mark.parametrize("text,expected", [
    ("学校占地面积 12.46 万平方米,\n较上一年度增加 5.53 万平方米，生均用地面积达 25.08 平方米。", []),
    ("校舍建筑面积 8.5 万平方米，生均校舍建筑面积 14.83 平方米。", [("error", "17.11 = 8.5 × 10000 / 4967", "14.83")]),
    ("仪器设备总值达 5981.92\n万元，生均仪器设备总值 10441.4 元，较上一年度增加 3004.7 元。",
     [("error", "12043.3 = 5981.92 × 10000 / 4967", "10441.4")]),
    ("仪器设备总值达 5981.92 万元，生均仪器设备总值 12043.3 元。", []),
    ("仪器设备总值达 5981.99 万元，生均仪器设备总值 12043.4 元。", [("warning", "12043.5 = 5981.99 × 10000 / 4967",
                                                               "12043.4")]),  # 12043.47 truncated
    ("图书总值 300 万元，生均用地面积 25.08 平方米。", []),  # another thing: no total, no check
    ("生均仪器设备值较上一年度增加 3004.7 元。", []),  # a change, not a value
])
def test_per_student_value(text, expected):
    from keneng_audit.claims import check_prose
    from keneng_audit.claims.vocabulary import national_vocabulary_dir

    a6, facts = _students()
    doc = make_doc(("1.5", text), tables=[a6])
    found = [f for f in check_prose(doc, [national_vocabulary_dir()], "zh", facts(doc)) if f.rule == "KA450"]
    assert [(f.severity, f.expected, f.actual) for f in found] == expected
    for f in found:
        assert f.location.lines[-1] == 902 and "约" in f.hint  # cites 附表6's cell; names the implied base
