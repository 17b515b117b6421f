"""Small reports probing one shape each (tests/fixtures/probes, from the round-2 review): the consistent ones
stay silent with `--packs national`, the injected ones are found where the wrong number is printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "probes"


@pytest.fixture(scope="module")
def national():
    return load_packs([rules_dir() / "national"])


def _errors(name: str, packs, lang: str = "en"):
    result = audit_report(HERE / name, lang=lang, packs=packs)
    return [f for f in result.findings if f.severity == "error"]


def test_national_template_with_qizhong_rows_is_silent(national):
    # 表3: 专任教师, 其中：“双师型”教师, 行政人员, 工勤人员, 合计; 表4: 毕业去向落实, 其中：升学, 直接就业, 应征入伍
    # (the breakdown of 毕业去向落实), 未落实, 合计. KA186/KA187/KA188 used to add the 其中 rows in, and KA401
    # took 表4's sum of rows (538) for the graduates instead of its printed 合计 (400).
    assert [(f.rule, f.location.table, f.actual) for f in _errors("national-template.txt", national)] == []


def test_national_template_injected_parts_are_still_found(national):
    # 行政人员 18 → 28 (表3 no longer adds up to 120); 直接就业 130 → 140 (表4 no longer adds up to 400)
    found = {(f.location.table, f.location.row, f.location.column, f.actual, f.expected): f.rule
             for f in _errors("national-template-injected.txt", national)}
    # KA186 (the sum) and KA185 (its share 15.0%) both point at the 28: one finding, at it
    assert found[("表3", "行政人员", "人数", "28", "18")] in ("KA185", "KA186")
    assert [k for k, rule in found.items() if rule == "KA188"] == [("表4", "合计", "人数", "400",
                                                                 "548 = 388 + 140 + 8 + 12")]


def test_graduates_from_a_destinations_table_are_its_printed_total(national):
    from keneng_audit.facts import ReportFacts
    from keneng_audit.reading import read_report

    doc = read_report(HERE / "national-template.txt")
    facts = ReportFacts.build(doc, national).quantities
    table = [e for e in facts.occurrences("graduates.total") if e.source_table]
    assert [(e.row, e.val.value) for e in table] == [("合计", 400.0)]


RATIO = ("{title}质量年度报告（2025）\n一、概况\n学校办学条件见附表。\n附表3 教学资源表\n序号 指标 单位 2024年 2025年\n"
         "1 生师比 —— 17.8:1 18.1:1\n附表6 落实政策表\n序号 指标 单位 2024年 2025年\n1 全日制在校生人数 人 11920 12480\n"
         "2 教职工总数 人 660 680\n3 其中：专任教师总数 人 500 520\n")


@pytest.mark.parametrize("title, flagged", [
    ("江城职业技术学院", []),  # 高职: 生师比 divides by 教师总数 (专任 + half the 兼职), which the 附表 do not print
    ("江城职业学院", []),
    ("江城市职业技术学校", ["2024年", "2025年"]),  # 中职: students / 专任教师 (24.0:1 printed as 18.1:1)
    ("江城市中等职业学校", ["2024年", "2025年"]),
])
def test_student_teacher_ratio_by_the_definition_of_the_schools_level(tmp_path, national, title, flagged):
    path = tmp_path / "r.txt"
    path.write_text(RATIO.format(title=title), encoding="utf-8")
    result = audit_report(path, lang="zh", packs=national)
    assert [f.location.column for f in result.findings if f.rule == "KA171"] == flagged
    assert ("KA171" in {s.rule for s in result.skipped}) == (not flagged)
