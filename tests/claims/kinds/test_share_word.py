"""KA480: words for shares against the share the sentence (or the report) gives."""

from __future__ import annotations

import pytest

from tests.claims.kinds.helpers import policy, run, summary

G = "毕业生总数 1000 人，其中直接就业 {n} 人，占毕业生总数的{w}。"


@pytest.mark.parametrize("n,word,severity", [
    # 七成以上 = at least 70%: 70.0 fits, 69.9 does not; far above is only loose
    (700, "七成以上", None), (699, "七成以上", "error"), (790, "七成以上", None), (950, "七成以上", "warning"),
    # 超过八成 = over 80%
    (801, "超过八成", None), (780, "超过八成", "error"),
    # 近九成 = just under 90%: 85–90 plainly, 80–85 and 90–92 loosely
    (870, "近九成", None), (900, "近九成", None), (830, "近九成", "warning"), (910, "近九成", "warning"),
    (790, "近九成", "error"), (930, "近九成", "error"),
    # 过半 / 半数以上 = over one half
    (520, "过半", None), (480, "过半", "error"), (510, "半数以上", None),
    # a bare share word is rounded like 约: 七成 = 65–75% plainly, 60–80% loosely
    (680, "七成", None), (780, "七成", "warning"), (850, "七成", "error"),
    # 三分之一 = 33.3%
    (310, "近三分之一", None), (400, "近三分之一", "error"),
    (340, "约三分之一", None),
])
def test_share_words_against_part_and_whole(n, word, severity):
    found = run("KA480", G.format(n=n, w=word))
    assert [f.severity for f in found] == ([severity] if severity else [])
    for f in found:
        assert f.actual == word and f"{n} / 1000" in f.expected
        assert len(f.values) == 3 and f.location.lines == (10,)


def test_share_word_with_no_total_in_the_sentence_needs_the_noun():
    assert summary("KA480", "学校共有教职工 259 人，专任教师 177 人，占比近七成。") == []  # 68.3%
    assert [s for s, _, _ in summary("KA480", "学校共有教职工 259 人，专任教师 120 人，占比近七成。")] == ["error"]


def test_share_word_of_two_named_quantities():
    # 177 / 259 = 68.3%: 近七成 fits, 超过八成 does not (the other side from 附表6)
    assert summary("KA480", "专任教师占教职工总数的近七成。", tables=[policy()]) == []
    found = run("KA480", "专任教师占教职工总数的超过八成。", tables=[policy()])
    assert [(f.severity, f.expected) for f in found] == [("error", "68.3% = 177 / 259")]
    assert found[0].location.lines == (10, 904, 906)


@pytest.mark.parametrize("students,severity", [
    (("2400", "4967"), None),  # × 2.07
    (("2200", "4967"), "warning"),  # × 2.26: loosely doubled (约: ±15% at most)
    (("3500", "4967"), "error"),  # × 1.42
])
def test_doubling(students, severity):
    found = run("KA480", "在校生较上年翻了一番。", tables=[policy(students=students)])
    assert [f.severity for f in found] == ([severity] if severity else [])


@pytest.mark.parametrize("text,expected", [
    # both values in the sentence (a new user's report): no table, no vocabulary quantity needed
    ("社会培训由 2023 年的 2150 人次增至 4300 人次，实现翻一番。", []),
    ("社会培训由 2150 人次增至 4300 人次，翻了一番。", []),
    ("全年社会培训 2,600 人次，比上年的 1,600 人次翻一番。", [("error", "2,600 / 1,600")]),  # × 1.63
    ("全年社会培训 3,300 人次，比上年的 1,600 人次翻一番。", []),  # × 2.06
    ("社会培训由 1,000 人次增至 4,100 人次，翻了两番。", []),  # × 4.1
    ("社会培训由 1,000 人次增至 3,000 人次，翻了两番。", [("error", "3,000 / 1,000")]),
])
def test_doubling_stated_with_both_values(text, expected):
    assert [(f.severity, f.expected.split(" = ")[-1]) for f in run("KA480", text)] == expected


@pytest.mark.parametrize("text,expected", [
    # the word restates the percentage printed right before it (a new user's report)
    ("装备制造大类在校生占全校在校生的 35.3%，超过三成。", []),
    ("装备制造大类在校生占全校在校生的 35.3%，超过四成。", [("error", "35.3%")]),
    ("财政补助收入占总收入的 78.7%，近八成。", []),
    ("财政补助收入占总收入的 72.7%，近八成。", [("warning", "72.7%")]),  # loose, not impossible
    ("财政补助收入占总收入的 62.7%，近八成。", [("error", "62.7%")]),
    ("就业单位对毕业生的职业技能满意度达 96.5%，七成以上学生在正规企业就业。", []),  # another share (the sample)
    # a rate without 占 (a new user's 高职)
    ("毕业去向落实率88.6%，超过九成，较上年有所提高。", [("error", "88.6%")]),
    ("毕业去向落实率92.6%，超过九成，较上年有所提高。", []),
    ("毕业去向落实率 88.6%，近九成。", []),
    # the part in the sentence, the whole a quantity the report states (附表6's 4967 students)
    ("装备制造大类在校生 2100 人，占全校在校生的四成以上。", []),
    ("装备制造大类在校生 1325 人，占全校在校生的四成以上。", [("error", "1325 / 4967")]),
    ("装备制造大类在校生 1325 人，占在校生总数的近三成。", []),
])
def test_share_words_against_a_printed_percentage_or_a_stated_whole(text, expected):
    got = run("KA480", text, tables=[policy()])
    assert [(f.severity, f.expected.split(" = ")[-1]) for f in got] == expected


def test_a_factor_is_shown_rounded_half_up():
    [found] = run("KA480", "全年社会培训 2,600 人次，比上年的 1,600 人次翻一番。")  # 1.625: 四舍五入 1.63
    assert found.message.startswith("§1.1：2,600 / 1,600 = 1.63 倍，")


@pytest.mark.parametrize("text", [
    "七成以上学生在正规企业就业。",  # no part, no whole: nothing to compare
    "学校成立于 1985 年，成果丰硕。",
    "毕业生 1000 人，就业率达 95%，其中七成以上在本地就业。",
    "上半年完成培训 300 人次。",
])
def test_share_words_without_a_computable_share_pass(text):
    assert summary("KA480", text) == []


@pytest.mark.parametrize("word,found", [("超过七成", [("KA480", "120 / 200")]), ("近六成", []), ("六成", [])])
def test_a_share_word_after_zhanbi_takes_the_whole_the_vocabulary_names(tmp_path, word, found):
    # `双师型教师占比超过七成`: no whole after 占比; 双师型教师 is a share of 专任教师 (words of quantities.yaml)
    from keneng_audit.audit import audit_report
    from keneng_audit.resources import rules_dir
    from keneng_audit.rules.loader import load_packs

    path = tmp_path / "r.txt"
    path.write_text(f"某某职业学校2024年质量年度报告\n\n一、师资\n\n学校现有专任教师 200 人，双师型教师占比{word}。\n\n"
                    "表1 师资\n\n项目  2024年\n专任教师  200\n双师型教师  120\n", encoding="utf-8")
    result = audit_report(path, packs=load_packs([rules_dir() / "national"]))
    assert [(f.rule, f.expected.split(" = ")[-1]) for f in result.findings] == found
