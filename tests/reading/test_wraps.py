"""A number cut by a hard wrap (`其中升学 6` / `20 人`) is one number only when the line ends at the text's full
width; the consistent twin of a report in that style stays silent (tests/fixtures/sample-style)."""

from __future__ import annotations

from pathlib import Path

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.reading import read_text
from keneng_audit.reading.wraps import cut_number, is_full, wrap_limits
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-style"


@pytest.mark.parametrize("before, after, cut", [
    ("毕业去向落实率 95.0%，其中升学 6", "20 人，占毕业生总数的 15.7%。", True),
    ("毕业去向落实率 95.0%，其中升学 62", "0 人，占毕业生总数的 15.7%。", True),
    ("2023年 11,350 5,120 410 3.7", "2024年 11,920 5,390 570 5.0", False),  # rows of a table, no prose
    ("毕业去向落实率为 95.0", "20 人，占毕业生总数的 15.7%。", False),  # a decimal ends the line
    ("学校共有在校生 12,480", "20 人，占毕业生总数的 15.7%。", False),  # a grouped number is whole
    ("其中升学 6，", "20 人", False),
    ("其中升学 6", "20,000 人", False),  # the rest of a grouped number cannot follow three digits
])
def test_a_cut_number_is_an_integer_head_and_a_digit_tail_in_prose(before, after, cut):
    assert cut_number(before, after) is cut


def test_full_width_is_the_width_most_prose_lines_reach():
    lines = ["学校现有全日制在校生，较上年增加。" * 2] * 9 + ["短句，完。"]
    limits = wrap_limits(lines)
    assert limits == (34, 68)
    assert is_full(lines[0][:-1], limits) and not is_full("其中升学 6，", limits)


PARAGRAPH = """某校2024年质量年度报告
一、就业
2025 届毕业生 3,960 人，毕业去向落实率 95.0%，其中升{fill}学 6
20 人，占毕业生总数的 15.7%。学校毕业生去向落实率、对口率均较上年提高。
学校开展就业指导讲座，组织校园招聘会，毕业生满意度稳步提升，用人单位评价良好。
学校持续推进产教融合，与企业共建实训基地，提升学生的职业能力，服务地方发展。
学校加强就业跟踪调查，毕业生就业质量持续提升，社会认可度不断提高，成效明显。
学校完善资助体系，落实国家资助政策，确保家庭经济困难学生顺利完成学业，效果好。
"""


def _numbers(text: str) -> list[float]:
    doc = read_text("t.txt", text.encode("utf-8"))
    return [f.value for f in doc.facts if f.source.line in (3, 4)]


def test_a_number_cut_at_the_full_width_is_joined_and_one_cut_short_is_not():
    full = PARAGRAPH.format(fill="的人数为")  # the line reaches the width of the lines below it
    assert _numbers(full) == [2025, 3960, 95.0, 620, 15.7]
    assert _numbers(PARAGRAPH.format(fill="")) == [2025, 3960, 95.0, 6, 20, 15.7]  # a short line: two numbers


@pytest.fixture(scope="module")
def audits():
    packs = load_packs([rules_dir() / "national"])
    return {name: audit_report(HERE / f"{name}.txt", lang="zh", packs=packs) for name in ("consistent", "injected")}


def test_the_consistent_twin_is_silent(audits):
    assert [(f.rule, f.message) for f in audits["consistent"].findings if f.severity != "info"] == []


def test_the_share_after_the_cut_number_is_checked_with_it(audits):
    [f] = [f for f in audits["injected"].findings if f.rule == "KA410" and f.location.section == "四"]
    assert f.actual == "17.5%" and "620 / 3,960 = 15.7%" in f.message
