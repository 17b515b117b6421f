"""Agreement of a named quantity across prose, appendix tables and body-table sums (KA401/KA402)."""

from __future__ import annotations

import pytest

from keneng_audit.claims import check_prose, tag_facts
from keneng_audit.claims.vocabulary import national_vocabulary_dir
from tests.claims.docs import make_doc, table



def appendix1(graduates="1667"):
    return table("附表1", "人才培养质量计分卡", ["序号", "指标", "单位", "2023年", "2024年"],
                 [["1", "毕业生人数", "人", "916", graduates]], first_line=900)


def table17(rows=("488", "1091", "88")):
    return table("表17", "毕业去向落实情况统计表", ["毕业去向", "人数"],
                 [["升学", rows[0]], ["民营企业", rows[1]], ["待业", rows[2]]], first_line=300)


def vocab(tmp_path):
    """The national vocabulary; its pack's `quantities:` map 附表1 and the 表17 sum to graduates.total."""
    return [national_vocabulary_dir()]


def test_three_sources_one_finding(tmp_path):
    doc = make_doc(("1.3.3", "本年度，毕业生总数为 1677 人。"), tables=[appendix1(), table17()])
    found = check_prose(doc, vocab(tmp_path), "zh")
    assert [(f.rule, f.severity) for f in found] == [("KA401", "error")]
    f = found[0]
    # every place and value, with their lines: the prose number, the appendix cell, each summed row
    assert f.location.lines == (10, 302, 304, 306, 902)
    assert [(v.text, v.line) for v in f.values] == [("1677", 10), ("1667", 902), ("488", 302), ("1091", 304),
                                                    ("88", 306)]
    assert "1677（§1.3.3，第 10 行）" in f.message
    assert "附表1、表17 各行合计 一致" in f.message and "488 + 1091 + 88 = 1667" in f.message
    assert (f.expected, f.actual) == ("1667（附表1、表17 各行合计）", "1677（§1.3.3）")
    assert "毕业生总数为 1677 人" in f.message and f.location.section == "1.3.3"


def test_three_sources_all_different(tmp_path):
    doc = make_doc(("1.3.3", "毕业生总数为 1677 人。"), tables=[appendix1("1660"), table17()])
    f = check_prose(doc, vocab(tmp_path), "en")[0]
    assert "No two places agree" in f.message
    # What the sentence prints comes first, then what the tables give; the side taken as `expected` last.
    assert f.message.index("1677 (§1.3.3") < f.message.index("1667 (表17") < f.message.index("1660 (附表1")
    assert f.expected.startswith("1660 (附表1")


def test_sources_that_agree_give_no_finding(tmp_path):
    doc = make_doc(("1.3.3", "毕业生总数为 1667 人。"), tables=[appendix1(), table17()])
    assert check_prose(doc, vocab(tmp_path), "zh") == []


def test_table_only_disagreement_is_left_to_the_table_rules(tmp_path):
    doc = make_doc(("1.3.3", "本年度毕业生情况良好。"), tables=[appendix1("1600"), table17()])
    assert check_prose(doc, vocab(tmp_path), "zh") == []


def test_rounded_percentages_agree():
    doc = make_doc(("1.3.2", "专任教师总数 177 人。专任教师中“双师型”133 人，占专任教师 75%。"),
                   tables=[table("附表3", "教学资源表", ["序号", "指标", "单位", "2023年", "2024年"],
                                 [["2", "“双师型”教师比例", "%", "75.4%", "75.1%"]])])
    assert check_prose(doc, [national_vocabulary_dir()], "zh") == []


def test_stated_change_against_both_years(tmp_path):
    appendix6 = table("附表6", "落实政策表", ["序号", "指标", "单位", "2023年", "2024年"],
                      [["1", "全日制在校生人数", "人", "4233", "4967"], ["4", "教职工总数", "人", "270", "259"]])
    doc = make_doc(("1.3.1", "在校生总人数为 4967 人，较上\n一年度增加 734 人。"),
                   ("1.4.1", "学校教职工总数：259 人，比去年增加 25 人。"), tables=[appendix6])
    found = check_prose(doc, [national_vocabulary_dir()], "zh")
    assert [(f.rule, f.location.lines) for f in found] == [("KA402", (16, 504))]
    assert "259 − 270 = -11" in found[0].message and "25（§1.4.1" in found[0].message
    assert (found[0].expected, found[0].actual) == ("-11（附表6 259 − 270）", "25（§1.4.1）")


def test_doubtful_statement_makes_a_warning():
    doc = make_doc(("1.3.2", "本学年度招收新生 2038 人，较上一年度相比增加 165 人。"),
                   ("1.3.2", "一是招生人数增加，报名人数有显著提升，较 2023 年增加了 201 人。"))
    found = check_prose(doc, [national_vocabulary_dir()], "zh")
    assert [(f.rule, f.severity, f.location.lines) for f in found] == [("KA402", "warning", (10, 14))]
    assert "报名人数" in found[0].hint


def test_a_part_is_not_the_total():
    doc = make_doc(("1.2.5", "2023 年 9 月，“五年制”贯通培养班级招生 171 人，在校生总数 417 人。"),
                   ("1.3.1", "以上 3 个大类在校生总数为 3300 人。在校生总人数为 4967 人。"))
    found = check_prose(doc, [national_vocabulary_dir()], "zh")
    assert found == []


def test_a_programme_group_is_not_the_whole_school():
    """"通过实施现代学徒制培养，学生…对口就业率达 91.5%" speaks of the apprentices, not of all graduates."""
    from keneng_audit.claims.tagging import collect_evidence
    from keneng_audit.claims.vocabulary import load_vocabulary

    vocab = load_vocabulary([national_vocabulary_dir()])
    doc = make_doc(("3.2", "通过实施现代学徒制培养，学生就业率达 98%、对口就业率达 91.5%。"),
                   ("2.5.1", "本学年度，对口就业率达 90%。"))
    got = [(e.key, e.section, e.value) for e in collect_evidence(doc, vocab) if e.origin == "prose"]
    assert got == [("employment.matched_rate", "2.5.1", 90.0)]


def test_tag_facts_fills_quantity_and_period(tmp_path):
    doc = make_doc(("1.3.3", "本年度，毕业生总数为 1677 人。"), tables=[appendix1(), table17()])
    tag_facts(doc, vocab(tmp_path))
    tagged = [(f.origin, f.quantity, f.period, f.value) for f in doc.facts]
    assert ("prose", "graduates.total", "2024", 1677.0) in tagged
    assert ("table", "graduates.total", "2023", 916.0) in tagged
    assert ("derived", "graduates.total", "2024", 1667.0) in tagged
    frame = doc.facts_frame()
    assert set(frame["quantity"]) == {"graduates.total"}


def test_a_disagreement_is_reported_once(tmp_path):
    """A table `agree` rule (and the national 表17 sum KA188) and the prose agreement see the same 1660 (附表1) vs
    1667 (表17): only the finding that lists every place, the prose's 1677 included, is kept; without the prose,
    the table rules report it."""
    from keneng_audit.audit import audit_document
    from keneng_audit.resources import rules_dir
    from keneng_audit.rules.loader import load_packs
    from tests.rules.tablekit import rule_yaml

    pack = tmp_path / "agree.yaml"
    pack.write_text("rules:\n" + rule_yaml("KA001", "agree", None, "{quantity: graduates.total}"), encoding="utf-8")
    packs = load_packs([rules_dir() / "national", pack])
    doc = make_doc(("1.3.3", "本年度，毕业生总数为 1677 人。"), tables=[appendix1("1660"), table17()])
    found = [f for f in audit_document(doc, packs, "zh").findings if f.severity != "info"]  # info: tables absent
    assert [(f.rule, f.location.lines) for f in found] == [("KA401", (10, 302, 304, 306, 902))]
    quiet = make_doc(("1.3.3", "本年度学校发展良好。"), tables=[appendix1("1660"), table17()])
    assert sorted((f.rule, f.location.lines) for f in audit_document(quiet, packs, "zh").findings
                  if f.severity != "info") == [("KA001", (302, 304, 306, 902)), ("KA188", (302, 304, 306, 902))]


@pytest.mark.parametrize("page,page_line,lang,expected", [
    (1, 5, "zh", "§一，第 1 页第 5 行"),  # a PDF: the line within its page, not the reader's global line
    (2, 11, "en", "§一, page 2, line 11"),
    (None, None, "zh", "§一，第 37 行"),  # text: the line
])
def test_a_places_line_is_cited_as_the_reader_of_the_input_finds_it(page, page_line, lang, expected):
    from keneng_audit.claims.agreement import _where
    from keneng_audit.claims.tagging import Evidence
    from keneng_audit.findings import PrintedValue

    printed = PrintedValue("2,364", 2364.0, "§一 在校生", 37, section="一", page=page, page_line=page_line)
    ev = Evidence("students.total", "value", "2025", 2364.0, 2364.0, 2364.0, "2,364", "prose", "§一", (37,),
                  (printed,), section="一")
    assert _where(ev, lang) == expected


@pytest.mark.parametrize("sentence,found", [
    ("本年度，毕业生总数为 1667 人。", []),
    ("本年度，毕业生总数为约 1700 人。", []),  # 约: ±15% at most
    ("本年度，毕业生总数为近 1700 人。", []),  # 近: just under (−15% … +2%)
    ("本年度，毕业生总数为超过 1600 人。", []),
    ("本年度，毕业生总数为超过 1700 人。", [("error", "超过 1700（§1.3.3）")]),  # at least 1700: 1667 is not
    ("本年度，毕业生总数为不足 1600 人。", [("error", "不足 1600（§1.3.3）")]),
    ("本年度，毕业生总数为近 1500 人。", [("error", "近 1500（§1.3.3）")]),  # 1667 is above it
    # a value the words allow only loosely: 约 plainly ±5% (1710–1890), 近 plainly up to 5% under (1710–1800)
    ("本年度，毕业生总数为约 1800 人。", [("warning", "约 1800（§1.3.3）")]),
    ("本年度，毕业生总数为近 1800 人。", [("warning", "近 1800（§1.3.3）")]),
    ("本年度，毕业生总数为超过 1300 人。", [("warning", "超过 1300（§1.3.3）")]),  # 超过 plainly up to +25%: 1625
])
def test_a_vague_word_before_the_value_widens_it_and_bounds_it(tmp_path, sentence, found):
    doc = make_doc(("1.3.3", sentence), tables=[appendix1(), table17()])
    assert [(f.severity, f.actual) for f in check_prose(doc, vocab(tmp_path), "zh")] == found


def test_a_loose_wording_says_what_its_words_plainly_allow(tmp_path):
    doc = make_doc(("1.3.3", "本年度，毕业生总数为约 1800 人。"), tables=[appendix1(), table17()])
    [f] = check_prose(doc, vocab(tmp_path), "zh")
    assert f.message.startswith("毕业生总数（2024）：文中写“约 1800”（一般理解为 1710–1890），而其他位置印为 1667（附表1、表17 各行合计）")
    assert (f.severity, f.hint) == ("warning", "说法过于宽松（并非不可能）")
