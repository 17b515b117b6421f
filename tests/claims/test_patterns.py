"""Claim patterns: the placeholder syntax, tolerance of PDF blanks and line breaks, real sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from keneng_audit.claims.patterns import PatternError, compile_claim, find_claims
from keneng_audit.claims.vocabulary import load_vocabulary, national_vocabulary_dir

NAMES = {"毕业生总数": "graduates.total", "graduates.total": "graduates.total", "在校生总数": "students.total",
         "新生人数": "enrollment.new", "社会培训": "training.social"}


def compile_(say: str):
    return compile_claim(say, NAMES.get)


def numbers(say: str, text: str) -> list[list[tuple[str, str, str]]]:
    return [[(n.slot.quantity, n.slot.role, n.text) for n in m.numbers] for m in find_claims(compile_(say), text)]


def test_placeholder_by_id_or_chinese_name():
    assert numbers("毕业生总数为 {graduates.total} 人", "本年度，毕业生总数为 1677 人。") == \
        [[("graduates.total", "value", "1677")]]
    assert numbers("毕业生总数为 {毕业生总数} 人", "毕业生总数为1677人") == [[("graduates.total", "value", "1677")]]


def test_change_placeholder_and_optional_words():
    say = "在校生总人数为 {在校生总数} 人，较上[一|]年度[相比|]增加 {在校生总数|增加} 人"
    text = "在校生总人数为 4967 人，较上一年度增加 734 人。"
    assert numbers(say, text) == [[("students.total", "value", "4967"), ("students.total", "increase", "734")]]
    assert numbers(say, "在校生总人数为 4967 人，较上年度相比增加 734 人") != []


def test_sentence_broken_across_lines_by_the_pdf():
    say = "在校生总人数为 {在校生总数} 人，较上一年度增加 {在校生总数|增加} 人"
    text = "本学年度，重庆市科能高级技工学校在校生总人数为 4967 人，较上\n\n一年度增加 734 人。"
    found = find_claims(compile_(say), text)
    assert [n.text for n in found[0].numbers] == ["4967", "734"]
    # offsets point into the original text, so the reader can give each number its own line
    assert text[found[0].numbers[1].start:found[0].numbers[1].end] == "734"


def test_full_width_and_half_width_forms_are_the_same():
    say = "教职工总数：{毕业生总数} 人"
    assert numbers(say, "学校教职工总数:259 人") == [[("graduates.total", "value", "259")]]
    assert numbers(say, "学校教职工总数：２５９人") == [[("graduates.total", "value", "２５９")]]


def test_person_is_not_person_times():
    assert numbers("培训 {毕业生总数} 人", "开展培训 921 人次") == []
    assert numbers("社会培训 {社会培训} 人次", "电工技能提升培训等社会培训 921 人次，") == [
        [("training.social", "value", "921")]]


def test_a_scale_word_may_stand_between_the_number_and_its_unit():
    [[number]] = [m.numbers for m in find_claims(compile_("在校生总人数为 {在校生总数} 人"), "在校生总人数为 0.50 万人。")]
    assert (number.text, number.scale) == ("0.50", 1e4)
    [[number]] = [m.numbers for m in find_claims(compile_("在校生总人数为 {在校生总数} 人"), "在校生总人数为 4967 人。")]
    assert (number.text, number.scale) == ("4967", 1.0)
    assert numbers("收入 {毕业生总数} 万元", "收入 312.40 万元") == [[("graduates.total", "value", "312.40")]]
    assert numbers("收入 {毕业生总数} 万元", "收入 3.1 亿元") == []  # the pattern's own unit still has to follow


def test_gap_skips_words_but_not_numbers():
    say = "招生人数 … 较 {上一年} 年增加[了|] {新生人数|增加} 人"
    text = "一是招生人数增加，相比以往传统招生方式，采用创新举措后，报名人数有显著提升，较 2023\n年增加了 201 人，涨幅率 10.7%。"
    found = find_claims(compile_(say), text)
    assert found[0].year == 2024 and found[0].numbers[0].text == "201"
    assert numbers(say, "招生人数 3 个专业较 2023 年增加了 201 人") == []


def test_skip_placeholder_and_number_boundaries():
    say = "占全年收入的 {*}%，较上一年度增加 {毕业生总数} 万元"
    assert numbers(say, "占全年收入的 47.39%，较上一年度增加 395.67 万元") == [[("graduates.total", "value", "395.67")]]
    # never the inside of a longer number or of a date
    assert numbers("毕业生总数为 {毕业生总数} 人", "毕业生总数为 2024.6 人") == [[("graduates.total", "value", "2024.6")]]
    assert numbers("时间 {毕业生总数} 人", "时间 2024.6.22 人") == []


@pytest.mark.parametrize("say, problem", [
    ("毕业生总数为 人", "captures no number"),
    ("毕业生总数为 {不存在的数量} 人", "unknown quantity"),
    ("毕业生总数为 {毕业生总数|翻倍} 人", "unknown modifier"),
    ("毕业生总数为 {毕业生总数} 人]", "unbalanced"),
])
def test_bad_patterns_are_rejected(say, problem):
    with pytest.raises(PatternError, match=problem):
        compile_(say)


def test_pattern_text_is_never_evaluated():
    claim = compile_("__import__('os').system('x') {毕业生总数} (.*)")
    assert find_claims(claim, "__import__('os').system('x') 12 (.*)")[0].numbers[0].text == "12"
    assert find_claims(claim, "__import__('os').system('x') 12 abc") == []


# Real sentences of the sample, as the PDF printed them (line breaks inside the sentence).
SAMPLE_SENTENCES = [
    ("本学年度，重庆市科能高级技工学校在校生总人数为 4967 人，较上\n\n一年度增加 734 人。",
     {("students.total", "value", "4967"), ("students.total", "increase", "734")}),
    ("本学年度招收新生 2038 人，较上一年度相比增加 165 人。",
     {("enrollment.new", "value", "2038"), ("enrollment.new", "increase", "165")}),
    ("本年度，毕业生总数为 1677 人。", {("graduates.total", "value", "1677")}),
    ("学校教职工总数：259 人，比去年增加 25 人，其中专任教师 177 人，\n\n占总人数 68%",
     {("staff.total", "value", "259"), ("staff.total", "increase", "25"), ("teachers.full_time", "value", "177")}),
    ("去年新增 2 人，占专任教师 30%，专任教师中“双师型”133 人，比去年新\n\n增 2 人，占专任教师 75%，",
     {("teachers.dual", "value", "133"), ("teachers.dual_share", "value", "75")}),
    ("本年度，\n\n毕业生专业对口就业 1068 人，毕业生就业满意度达 95.8%", {("employment.matched", "value", "1068")}),
    ("本学年度，毕业生就业质量整体\n\n水平较高，对口就业率达 91.5%，就业单位对毕业生职业素养满意度达 94%，",
     {("employment.matched_rate", "value", "91.5")}),
    ("2023（自然）年度，学校总收入 10344.3 万元，较上一年度增加 2822.74\n\n万元。",
     {("income.total", "value", "10344.3"), ("income.total", "increase", "2822.74")}),
    ("其中财政性拨款 4903.10 万元，占全年收入的 47.39%，较上一年度\n\n增加 395.67 万元；",
     {("income.fiscal", "value", "4903.10"), ("income.fiscal", "increase", "395.67")}),
]


@pytest.mark.parametrize("text, expected", SAMPLE_SENTENCES)
def test_bundled_claims_on_real_sentences(text, expected):
    vocab = load_vocabulary([national_vocabulary_dir()])
    got = {(n.slot.quantity, n.slot.role, n.text) for c in vocab.claims for m in find_claims(c.compiled, text)
           for n in m.numbers}
    assert got == expected


@pytest.mark.parametrize("text, expected", [
    ("专业对口就业率为 88.6%。", {("employment.matched_rate", "value", "88.6")}),
    ("毕业生对口就业率达\n\n90%，", {("employment.matched_rate", "value", "90")}),
    ("本年度就业率达 90%。", set()),  # the employment rate, not the matched one
    ("对口就业率明显提高，满意度达 94%。", set()),  # no number right after it
    ("对口就业率达 91.5 个百分点", set()),  # not a percentage of graduates
])
def test_matched_rate_claim(text, expected):
    vocab = load_vocabulary([national_vocabulary_dir()])
    got = {(n.slot.quantity, n.slot.role, n.text) for c in vocab.claims for m in find_claims(c.compiled, text)
           for n in m.numbers}
    assert got == expected


SECOND_REPORT = Path(__file__).resolve().parents[1] / "fixtures" / "second-report" / "report.txt"


def test_bundled_claims_on_the_second_report():
    """Another school's GB18030 report, sentences hard-wrapped by the PDF: the national claims find them."""
    from keneng_audit.claims.tagging import collect_evidence
    from keneng_audit.reading import read_report

    if not SECOND_REPORT.is_file():
        pytest.skip("the second test report (tests/fixtures/second-report/) is not there")
    vocab = load_vocabulary([national_vocabulary_dir()])
    prose = {(ev.key, ev.period, ev.text, ev.lines) for ev in collect_evidence(read_report(SECOND_REPORT), vocab)
             if ev.origin == "prose"}
    assert prose == {
        ("students.total", "2024", "3120", (21,)),  # 现有在校生 3120 人: the bare name opening its clause
        ("students.total", "2024", "3120", (85,)), ("students.total:change", "2024", "230", (85,)),
        ("graduates.total", "2024", "1046", (127,)), ("employment.direct", "2024", "720", (129,)),
        ("graduates.further_study", "2024", "320", (129,)),
        ("staff.total", "2024", "300", (133,)), ("staff.total:change", "2024", "14", (133,)),
        ("teachers.full_time", "2024", "240", (133,)),
    }
