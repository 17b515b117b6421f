"""Tests for prose facts: units, sentences, lines, and numbers that are dates, periods or references."""

from __future__ import annotations

from keneng_audit.document import Paragraph, SourceRef
from keneng_audit.reading.prose import prose_facts


def _facts(text: str, starts=((0, 5),)):
    para = Paragraph(text, "2.1", SourceRef(starts[0][1]), [(o, SourceRef(line)) for o, line in starts])
    return [(f.number.text, f.unit, f.number.kind) for f in prose_facts([para])], prose_facts([para])


def test_units_kinds_and_sentence():
    got, facts = _facts("学校教职工总数：259 人，占总人数 68%，生师比 1:19；投入 1,700.5 万元。另有 27：1。")
    assert got == [("259", "人", "count"), ("68%", "%", "percent"), ("1:19", ":", "ratio"),
                   ("1,700.5", "万元", "decimal"), ("27：1", ":", "ratio")]
    assert facts[0].sentence == "学校教职工总数：259 人，占总人数 68%，生师比 1:19；"
    assert facts[3].number.value == 1700.5 and facts[3].number.decimals == 1
    assert facts[0].section == "2.1" and facts[0].origin == "prose"


def test_full_width_and_glued_numbers():
    got, _ = _facts("在校生４９６７人，减少－２３人，占比９５％。")
    assert got == [("４９６７", "人", "count"), ("－２３", "人", "count"), ("９５％", "%", "percent")]


def test_dates_document_numbers_periods_and_references_are_skipped():
    got, _ = _facts(
        "（教职成司函〔2024〕29 号）要求，2023 年 12 月，2024年3月5日，2023-2024 学年，见表 3 和图 2、案例 4，"
        "第 47 届大赛，2023 年建校 70 周年。"
    )
    assert got == [("47", None, "count"), ("2023", "年", "count"), ("70", None, "count")]


def test_line_of_each_number_across_wrapped_lines():
    text = "本年度，毕业生总数为 1677 人。毕业人数前 3 的专业大类共 1147 人，占 68.4%。"
    _, facts = _facts(text, starts=((0, 756), (text.index("毕业人数"), 758), (text.index("1147"), 762)))
    assert [(f.number.text, f.source.line) for f in facts] == [("1677", 756), ("3", 758), ("1147", 762), ("68.4%", 762)]
    assert facts[0].sentence == "本年度，毕业生总数为 1677 人。"
