"""The prose checks on the bundled sample: what they must report (with the lines compared) and what holds."""

from __future__ import annotations

import pytest

from keneng_audit.audit import load_rules
from keneng_audit.claims import check_prose
from keneng_audit.engine import run
from keneng_audit.reading import read_report
from keneng_audit.resources import rules_dir, sample_report

VOCAB = [rules_dir() / "national" / "vocabulary"]


def table_facts(doc):
    """The table facts of this report: the bundled packs' `quantities:` and those inference found."""
    from keneng_audit.inference import inferred_pack

    packs = load_rules()
    return run(doc, [*packs, inferred_pack(doc, packs)]).facts


def prose(doc, lang="zh"):
    return check_prose(doc, VOCAB, lang, table_facts(doc))


@pytest.fixture(scope="module")
def findings():
    return prose(read_report(sample_report()))


def one(findings, rule, line):
    hits = [f for f in findings if f.rule == rule and line in f.location.lines]
    assert len(hits) == 1, [(f.rule, f.location.lines) for f in findings]
    return hits[0]


def test_graduates_1677_vs_appendix_and_table17_rows(findings):
    f = one(findings, "KA401", 756)
    assert f.severity == "error"
    assert f.location.lines == (756, 1933, 1934, 1936, 1937, 1938, 1939, 1941, 4156)
    assert (f.expected, f.actual) == ("1667（附表1、表17 各行合计）", "1677（§1.3.3）")
    assert "1677（§1.3.3，第 756 行）" in f.message and "附表1、表17 各行合计 一致" in f.message
    assert "488 + 0 + 0 + 50 + 1091 + 32 + 6 = 1667，第 1933–1941 行" in f.message


def test_staff_increase_25_vs_appendix6_270_to_259(findings):
    f = one(findings, "KA402", 772)
    assert (f.severity, f.location.lines) == ("error", (772, 781, 782, 783, 4476))
    # 表8 (教职工总体情况: 177 + 60 + 22 = 259 staff) prints the change too: its 增加人数 add up to 28
    assert (f.expected, f.actual) == ("-11（附表6 259 − 270）", "25（§1.4.1） vs 28（表8 25 + 3 + 0）")
    assert ("25（§1.4.1，第 772 行） vs 28（表8 增加人数 各行合计: 25 + 3 + 0 = 28，第 781–783 行） vs "
            "-11（附表6 2023→2024: 259 − 270 = -11，第 4476 行）") in f.message


def test_dual_qualified_75_vs_appendix3_86(findings):
    f = one(findings, "KA401", 4231)
    assert f.location.lines == (786, 792, 794, 4231)
    assert "133 / 177 = 75.1%" in f.message and "86%（附表3 “双师型”教师比例 / 2024年，第 4231 行）" in f.message
    # the table is the side taken as expected: 133 / 177 is worked out from the sentence's own numbers
    assert (f.expected, f.actual) == ("86%（附表3）", "75%（§1.3.2、133 / 177）")
    assert f.message.index("75%（§1.3.2") < f.message.index("86%（附表3")  # the sentence first


def test_matched_employment_1068_vs_tables_18_and_20(findings):
    f = one(findings, "KA401", 1962)
    assert f.location.lines == (1962, 1970, 2025)
    assert (f.expected, f.actual) == ("1035（表20、表18）", "1068（§2.7.2）")
    assert "表20 2023-2024 / 对口就业数（人），第 2025 行" in f.message


def test_direct_employment_1179_vs_table20(findings):
    """§2.5.1 and 附表1 (面向三次产业就业人数) say 1179, 表20 (its header named by the pack) 1151."""
    f = one(findings, "KA401", 1922)
    assert f.location.lines == (1922, 2025, 4172)
    assert (f.expected, f.actual) == ("1179（§2.5.1、附表1）", "1151（表20）")


def test_internship_share(findings):
    f = one(findings, "KA410", 2952)
    assert (f.location.lines, f.expected, f.actual) == ((2948, 2952), "98.2% = 1120 / 1141", "94.5%")


def test_tuition_share(findings):
    f = one(findings, "KA410", 4026)
    assert (f.location.lines, f.expected, f.actual) == ((4022, 4026), "1.2% = 124.02 / 10344.3", "12%")


def test_enrollment_increase_165_vs_case_201_is_a_warning(findings):
    f = one(findings, "KA402", 750)
    assert (f.severity, f.location.lines) == ("warning", (634, 750)) and "报名人数" in f.hint
    assert "201（§1.3.2 案例4，第 750 行）" in f.message and "报名人数有显著提升" in f.message


def test_relations_that_hold_are_not_reported(findings):
    printed = {v.text for f in findings for v in f.values}
    for holds in ["3300", "4233", "734", "585", "187", "921", "849", "2822.74", "7521.56", "395.67", "4507.43", "19"]:
        assert holds not in printed, holds
    # §1.3.1 (3300 / 4967, 4967 − 734), §1.1.3 (19 制度), §2.7.4 (585), §4.2 (921) give nothing
    lines = {line for f in findings for line in f.location.lines}
    assert not lines & {140, 524, 526, 528, 2710, 3081}


def test_every_prose_finding_cites_its_section_and_quotes_the_sentence(findings):
    for f in findings:
        assert f.location.section and "原文：“" in f.message
        assert all(v.line for v in f.values)
        assert set(f.location.lines) == {v.line for v in f.values}


def test_relations_that_hold_were_evaluated():
    from keneng_audit.claims.kinds.listed import list_cases
    from keneng_audit.claims.kinds.named_rows import named_rows_cases
    from keneng_audit.claims.kinds.parts import parts_cases
    from keneng_audit.claims.kinds.share import share_cases
    from keneng_audit.claims.paragraphs import prepare
    from keneng_audit.claims.tagging import collect_evidence, report_year
    from keneng_audit.claims.vocabulary import load_vocabulary

    doc = read_report(sample_report())
    paras = [prepare(p) for p in doc.prose_paragraphs()]
    shares = {(c.part.number.text, c.whole.number.text, c.pct.number.text) for p in paras for c in share_cases(p)}
    assert ("3300", "4967", "66%") in shares
    rows = [(c.stated.number.text, c.table.key, c.rows) for p in paras for c in named_rows_cases(p, doc, 2024)]
    assert ("3300", "表3", ("装备制造大类", "交通运输大类", "土木建筑大类")) in rows
    lists = {(c.para.paragraph.section, c.count.number.text, len(c.items)) for p in paras for c in list_cases(p)}
    assert ("1.1.3", "19", 19) in lists
    parts = {(c.total.number.text, tuple(n.number.text for n in c.parts)) for p in paras for c in parts_cases(p)}
    assert ("585", ("187", "96", "161", "14", "127")) in parts

    evidence = collect_evidence(doc, load_vocabulary(VOCAB), table_facts(doc))
    by_key = {}
    for ev in evidence:
        by_key.setdefault((ev.key, ev.period), []).append((ev.origin, round(ev.value, 2)))
    assert report_year(doc) == 2024
    assert sorted(by_key[("students.total:change", "2024")]) == [("derived", 734.0), ("prose", 734.0)]
    assert sorted(by_key[("training.social", "2024")]) == [("derived", 921.0), ("prose", 921.0)]
    assert sorted(by_key[("income.total:change", "2023")]) == [("derived", 2822.74), ("prose", 2822.74)]
    assert sorted(by_key[("income.fiscal:change", "2023")]) == [("derived", 395.67), ("prose", 395.67)]


def test_second_report_national_vocabulary_finds_the_injected_graduates_only():
    from pathlib import Path

    second = Path(__file__).resolve().parents[1] / "fixtures" / "second-report" / "report.txt"
    if not second.is_file():
        pytest.skip("the second test report is not there")
    found = check_prose(read_report(second), [rules_dir() / "national" / "vocabulary"], "en")
    assert [(f.rule, f.severity, f.location.lines) for f in found] == [("KA401", "error", (127, 164, 166, 168, 239))]
    assert (found[0].expected, found[0].actual) == ("1064 (附表1, 表4 sum of rows)", "1046 (§1.3.2)")
    assert "1046 (§1.3.2, line 127) vs 1064 (附表1 毕业生人数 / 2024年, line 239; 表4 人数 各行合计: " \
           "320 + 720 + 24 = 1064, lines 164–168)" in found[0].message


def test_same_findings_when_the_sample_is_read_from_docx(tmp_path, findings):
    from tests.make_fixtures import write_docx

    def signature(found):
        return sorted((f.rule, f.severity, tuple(v.text for v in f.values)) for f in found)

    docx_doc = read_report(write_docx(read_report(sample_report()), tmp_path / "report.docx"))
    assert signature(prose(docx_doc)) == signature(findings)


def test_tag_facts_marks_the_readers_prose_facts():
    from keneng_audit.claims import tag_facts

    doc = read_report(sample_report())
    before = len(doc.facts)
    tag_facts(doc, VOCAB, include_tables=False)
    assert len(doc.facts) == before  # the reader's own facts got their quantity; none was added twice
    tagged = {(f.quantity, f.period, f.number.text, f.source.line) for f in doc.facts if f.quantity}
    assert {("graduates.total", "2024", "1677", 756), ("staff.total:change", "2024", "25", 772),
            ("income.tuition", "2023", "124.02", 4026)} <= tagged


def test_per_student_values_of_section_1_5(findings):
    """§1.5: 生均用地面积 25.08 = 12.46 万 / 4967 holds; 校舍 and 仪器设备 divide by about 5730 students, not 4967
    (附表3's 生均教学科研仪器设备值 12043 does use 4967)."""
    found = sorted((f.location.lines, f.expected, f.actual) for f in findings if f.rule == "KA450")
    assert found == [((840, 4466), "17.11 = 8.5 × 10000 / 4967", "14.83"),
                     ((845, 847, 4466), "12043.3 = 5981.92 × 10000 / 4967", "10441.4")]
