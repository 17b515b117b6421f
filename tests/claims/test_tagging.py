"""Tagging: claim roles (increase, decrease, previous, printed year), periods, and the table facts of the packs."""

from __future__ import annotations

import pytest

from keneng_audit.claims.tagging import collect_evidence, report_year
from keneng_audit.claims.vocabulary import load_vocabulary, national_vocabulary_dir
from keneng_audit.engine import table_facts
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs
from tests.claims.docs import make_doc, table

QUANTITIES = """quantities:
  - {id: clubs.total, zh: 社团数, en: clubs, unit: 个}
  - {id: income.total, zh: 学校总收入, en: income, unit: 万元, period: fiscal_year}
claims:
  - say: "社团 {社团数} 个，比上年减少 {社团数|减少} 个"
  - say: "上年社团 {社团数|上年} 个"
  - say: "{年} 年学校总收入 {学校总收入} 万元"
  - say: "学校总收入 {学校总收入} 万元"
"""
# Where the quantity is printed in tables: the pack's `quantities:` (the engine's facts), not the vocabulary.
PACK = """tables:
  clubs: {key: 表9}
  appendix: {key: 附表9}
quantities:
  clubs.total:
    - {table: clubs, column: 个数, aggregate: sum, period: current}
    - {table: appendix, row: 社团数}
"""


def evidence(tmp_path, *paragraphs, tables=()):
    path = tmp_path / "v.yaml"
    path.write_text(QUANTITIES, encoding="utf-8")
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    doc = make_doc(*paragraphs, tables=list(tables))
    facts = table_facts(doc, load_packs([pack]))
    return [(e.key, e.period, e.value, e.origin) for e in collect_evidence(doc, load_vocabulary([path]), facts)]


def test_decrease_is_negative_and_previous_is_last_year(tmp_path):
    got = evidence(tmp_path, ("2.1", "学校有社团 12 个，比上年减少 3 个。上年社团 15 个。"))
    assert got == [("clubs.total", "2024", 12.0, "prose"), ("clubs.total:change", "2024", -3.0, "prose"),
                   ("clubs.total", "2023", 15.0, "prose")]


def test_fiscal_year_default_and_printed_year(tmp_path):
    assert evidence(tmp_path, ("7.4", "学校总收入 900 万元。")) == [("income.total", "2023", 900.0, "prose")]
    assert evidence(tmp_path, ("7.4", "2022 年学校总收入 800 万元。")) == [("income.total", "2022", 800.0, "prose")]


def test_sum_of_rows_leaves_out_totals_and_other_columns_give_their_year(tmp_path):
    t9 = table("表9", "社团情况", ["类别", "个数", "比例"],
               [["文艺", "5", "50%"], ["体育", "5", "50%"], ["合计", "10", "100%"]])
    a9 = table("附表9", "社团", ["序号", "指标", "2023年", "2024年"], [["1", "社团数", "9", "10"]], first_line=700)
    got = evidence(tmp_path, ("2.1", "本年度开展活动。"), tables=[t9, a9])
    assert ("clubs.total", "2024", 10.0, "table") in got  # the printed 合计 (the rows' 5 + 5 only check it)
    assert ("clubs.total", "2024", 20.0, "derived") not in got
    t9.rows.pop()  # without a 合计 row: 5 + 5, never the 比例 column
    assert ("clubs.total", "2024", 10.0, "derived") in evidence(tmp_path, ("2.1", "本年度开展活动。"), tables=[t9, a9])
    assert ("clubs.total", "2023", 9.0, "table") in got and ("clubs.total", "2024", 10.0, "table") in got
    assert ("clubs.total:change", "2024", 1.0, "derived") in got


def test_report_year_from_title_or_appendix():
    assert report_year(make_doc(("1", "x"), title="某校质量年度报告（2023）")) == 2023
    appendix = table("附表1", "计分卡", ["序号", "指标", "2022年", "2023年"], [["1", "毕业生人数", "1", "2"]])
    assert report_year(make_doc(("1", "x"), tables=[appendix], title="")) == 2023


def test_national_quantities_on_a_made_up_appendix():
    a6 = table("附表6", "落实政策表", ["序号", "指标", "单位", "2023年", "2024年"],
               [["1", "全日制在校生人数", "人", "4233", "4967"], ["4", "教职工总数", "人", "270", "259"]])
    vocab = load_vocabulary([national_vocabulary_dir()])
    doc = make_doc(("1", "x"), tables=[a6])
    facts = table_facts(doc, load_packs([rules_dir() / "national"]))
    got = {(e.key, e.period, e.value) for e in collect_evidence(doc, vocab, facts)}
    assert {("students.total", "2024", 4967.0), ("staff.total", "2023", 270.0),
            ("staff.total:change", "2024", -11.0)} <= got


def test_without_table_facts_only_the_prose_counts(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text(QUANTITIES, encoding="utf-8")
    a9 = table("附表9", "社团", ["序号", "指标", "2023年", "2024年"], [["1", "社团数", "9", "10"]], first_line=700)
    doc = make_doc(("2.1", "上年社团 9 个。"), tables=[a9])
    assert [(e.origin, e.value) for e in collect_evidence(doc, load_vocabulary([path]))] == [("prose", 9.0)]


FINANCE_PACK = """tables:
  finance: {key: 表8}
quantities:
  income.total:
    - {table: finance, row: 学校总收入}
"""


@pytest.mark.parametrize("years, text, period", [
    # the report's own table prints the report year: an undated claim speaks of it
    (["2024年", "2023年"], "学校总收入 900 万元。", "2024"),
    (["2023年", "2024年"], "学校总收入 900 万元。", "2024"),
    # the template's habit (finances of year N−1 in the report of year N): unchanged
    (["2023年", "2022年"], "学校总收入 900 万元。", "2023"),
    ([], "学校总收入 900 万元。", "2023"),
    # a later year than the report's is not the report's
    (["2025年", "2023年"], "学校总收入 900 万元。", "2023"),
    # a year printed in the sentence wins
    (["2024年", "2023年"], "2023 年学校总收入 900 万元。", "2023"),
])
def test_undated_finances_take_the_year_the_tables_print(tmp_path, years, text, period):
    (tmp_path / "v.yaml").write_text(QUANTITIES, encoding="utf-8")
    (tmp_path / "pack.yaml").write_text(FINANCE_PACK, encoding="utf-8")
    tables = [table("表8", "经费收入", ["项目", *years], [["学校总收入", *["900"] * len(years)]])] if years else []
    doc = make_doc(("7.4", text), tables=tables)
    facts = table_facts(doc, load_packs([tmp_path / "pack.yaml"]))
    got = [e.period for e in collect_evidence(doc, load_vocabulary([tmp_path / "v.yaml"]), facts)
           if e.origin == "prose"]
    assert got == [period]


@pytest.mark.parametrize("text, value", [
    ("2024 届毕业生 400 人，其中升学 180 人。", 400.0),
    ("本届毕业生共 412 人。", 412.0),
    ("毕业生总数为 1677 人。", 1677.0),
    ("2024 届毕业生中，升学 180 人。", None),  # the cohort named, its size not stated
    ("毕业生满意度调查 300 人。", None),
])
def test_national_phrases_for_the_graduates(text, value):
    doc = make_doc(("3.1", text))
    got = [e.value for e in collect_evidence(doc, load_vocabulary([national_vocabulary_dir()]))
           if e.quantity == "graduates.total" and e.origin == "prose"]
    assert got == ([value] if value is not None else [])


@pytest.mark.parametrize("text, value", [
    ("学校现有专任教师 128 人。", 128.0),  # 现有: the pattern's optional 有 must not leave 现 qualifying it
    ("现有专任教师 128 人。", 128.0),
    ("学校有专任教师 128 人。", 128.0),
    ("专任教师 128 人。", 128.0),
    ("学院外聘兼职教师 60 人。", None),  # another quantity; checks the lead's other path keeps its opener
    ("一体化专任教师 128 人。", None),  # qualified: a part of the teachers
    ("机电系现有专任教师 28 人。", None),
])
def test_an_opener_may_end_in_the_patterns_first_words(text, value):
    doc = make_doc(("2.1", text))
    got = [e.value for e in collect_evidence(doc, load_vocabulary([national_vocabulary_dir()]))
           if e.quantity == "teachers.full_time" and e.origin == "prose"]
    assert got == ([value] if value is not None else [])


@pytest.mark.parametrize("text, value, shown, lo, hi", [
    ("学校在校生总人数为 0.50 万人。", 5000.0, "0.50 万人", 4950.0, 5050.0),
    ("学校在校生总人数为 1.2万人。", 12000.0, "1.2 万人", 11500.0, 12500.0),
    ("学校在校生总人数为 4967 人。", 4967.0, "4967", 4967.0, 4967.0),  # a count is exact
    ("全年开展社会培训 1.26 万人次。", 12600.0, "1.26 万人次", 12550.0, 12650.0),  # 万人次: a unit of its own
])
def test_a_scale_word_before_the_unit_scales_the_value_and_its_interval(text, value, shown, lo, hi):
    doc = make_doc(("1.3", text))
    [got] = [e for e in collect_evidence(doc, load_vocabulary([national_vocabulary_dir()]))
             if e.quantity in ("students.total", "training.social") and e.origin == "prose"]
    assert (got.value, got.text) == (value, shown)
    assert (got.lo, got.hi) == pytest.approx((lo, hi))


@pytest.mark.parametrize("sentence,period", [
    ("2023 届毕业生 1,480 人。", "2023"),
    ("2024 届毕业生 1,560 人。", "2024"),
    ("上年毕业生人数为 1,480 人。", "2023"),
    ("去年教职工总数 310 人。", "2023"),
    ("毕业生总数为 1,560 人。", "2024"),
    ("2024 年，毕业生总数为 1,560 人。", "2024"),  # the year's clause is another: the default
    ("近三年毕业生总数为 4,500 人。", None),  # several years: no one year's value
    ("学校累计毕业生总数为 45,000 人。", None),
])
def test_a_clause_gives_its_value_a_period(sentence, period):
    from keneng_audit.claims.tagging import collect_evidence
    from keneng_audit.claims.vocabulary import load_vocabulary, national_vocabulary_dir
    from tests.claims.docs import make_doc

    doc = make_doc(("1.1", sentence), title="某某学校质量年度报告（2024）")
    found = [e.period for e in collect_evidence(doc, load_vocabulary([national_vocabulary_dir()]))
             if e.origin == "prose" and e.measure == "value"]
    assert found == ([period] if period else [])


def test_last_years_and_several_years_values_do_not_disagree_with_this_years(tmp_path):
    """Review P10: a 2024 report stating 2023 届, 上年 and 近三年 figures beside a table of both years."""
    from keneng_audit.audit import audit_report
    from keneng_audit.resources import rules_dir
    from keneng_audit.rules.loader import load_packs

    report = tmp_path / "scope.txt"
    report.write_text("某某学校2024年质量年度报告\n一、毕业生\n2023 届毕业生 1,480 人，2024 届毕业生 1,560 人。\n"
                      "上年毕业生人数为 1,480 人。\n近三年毕业生总数为 4,500 人。\n上年教职工总数 310 人。\n"
                      "二、数据\n表1 近两年主要指标\n指标 2023年 2024年\n毕业生人数（人） 1,480 1,560\n"
                      "教职工总数（人） 310 320\n", encoding="utf-8")
    result = audit_report(report, lang="zh", packs=load_packs([rules_dir() / "national"]))
    assert [f.message for f in result.findings if f.rule.startswith("KA4")] == []
    wrong = report.read_text(encoding="utf-8").replace("上年教职工总数 310 人", "上年教职工总数 301 人")
    report.write_text(wrong, encoding="utf-8")
    result = audit_report(report, lang="zh", packs=load_packs([rules_dir() / "national"]))
    assert [(f.rule, f.location.lines) for f in result.findings if f.rule.startswith("KA4")] == [("KA401", (6, 11))]
