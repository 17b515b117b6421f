"""KA472: a stated 生师比 against the report's students and teachers, either accepted definition."""

from __future__ import annotations

import pytest

from tests.claims.kinds.helpers import policy, run, summary


@pytest.mark.parametrize("text,expected", [
    ("生师比为 28.1:1。", []),  # 4967 / 177
    ("生师比为 1:19。", [("error", "28.1:1 = 4967 / 177", "1:19")]),
    # 高职: 教师总数 = 专任教师 + 0.5 × 校外兼职教师 (普通高等学校基本办学条件指标), when the report states them
    ("学校聘请校外兼职教师 60 人，按教师总数计算，生师比为 24.0:1。", []),  # 4967 / (177 + 30) = 24.0
    ("学校聘请校外兼职教师 60 人，生师比为 28.1:1。", []),  # the plain definition still holds
    ("学校聘请校外兼职教师 60 人，生师比为 20.0:1。",
     [("error", "28.1:1 = 4967 / 177; 24.0:1 = 4967 / (177 + 0.5 × 60)", "20.0:1")]),
    ("生师比为 24.0:1。", [("error", "28.1:1 = 4967 / 177", "24.0:1")]),  # no part-time teachers stated
    ("其中机电学院兼职教师 60 人，生师比为 24.0:1。", [("error", "28.1:1 = 4967 / 177", "24.0:1")]),  # a part
])
def test_ratio_claims(text, expected):
    assert summary("KA472", text, tables=[policy()]) == expected


def test_the_part_time_teachers_are_cited():
    [f] = run("KA472", "学校聘请校外兼职教师 60 人，生师比为 20.0:1。", tables=[policy()])
    assert "按教师总数 4967 / (177 + 0.5 × 60) = 24.0:1" in f.message and 10 in f.location.lines
