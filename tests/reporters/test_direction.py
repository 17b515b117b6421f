"""Direction: every finding says what the report prints, then what the other values give, with the kind's label.

A small report of another school (five tables, each with one planted error) and its twin (the same tables,
consistent) audited with a user pack of one rule per kind, written as docs/rules.md documents rules.
"""

from __future__ import annotations

import io

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.reporters import get

REPORT = """\
山北县职业教育中心质量年度报告（2024）

一、学校概况

表 1 各专业在校生人数

专业 人数
数控技术应用 120
电子商务 150
护理 90
合计 380

表 2 教师学历结构

学历 人数 比例
研究生 12 25%
本科 48 80%
合计 60 100%

表 3 教职工构成

年度 专任教师 行政人员 合计
2024年 177 60 240

表 4 规模变化

类别 上一年度 本年度 增加人数 增长率
在校生 1000 1200 200 16.7%
毕业生 400 412 10 2.5%

表 5 生师比

年度 在校生 专任教师 生师比
2024年 1520 98 20:1
"""

# The consistent twin: every planted error corrected.
TWIN = (REPORT.replace("合计 380", "合计 360").replace("研究生 12 25%", "研究生 12 20%")
        .replace("2024年 177 60 240", "2024年 177 60 237").replace("200 16.7%", "200 20.0%")
        .replace("412 10 2.5%", "412 12 3.0%").replace("1520 98 20:1", "360 24 15:1"))

PACK = """\
pack: shanbei
tables:
  sb_majors: {key: 表1, caption: 各专业在校生人数, columns: [人数]}
  sb_degrees: {key: 表2, caption: 教师学历结构, columns: [人数, 比例]}
  sb_staff: {key: 表3, caption: 教职工构成}
  sb_change: {key: 表4, caption: 规模变化}
  sb_ratio: {key: 表5, caption: 生师比}
quantities:
  sb.students:
    - {table: sb_majors, row: 合计, column: 人数, period: "2024"}
    - {table: sb_ratio, row: 2024年, column: 在校生, period: "2024"}
rules:
  - {id: KA9001, name: total-row, severity: error, kind: sum, table: sb_majors, params: {column: 人数, total: 合计},
     message: {zh: "{table}“{column}”各行合计 {actual}，但合计行为 {expected}", en: "{table} '{column}' adds up to {actual}, but the total row is {expected}"},
     description: {zh: 各行之和等于合计, en: rows add up to the total}}
  - {id: KA9002, name: share, severity: error, kind: share, table: sb_degrees, params: {percent: 比例, part: 人数, whole: {value: 60}, exclude: [合计]},
     message: {zh: "{table} {row} 比例印刷为 {actual}，应为 {expected}", en: "{table} {row}: printed {actual}, expected {expected}"},
     description: {zh: 比例, en: share}}
  - {id: KA9003, name: total-column, severity: error, kind: sum, table: sb_staff, params: {parts: [专任教师, 行政人员], total: 合计},
     message: {zh: "{table} {row}：各项合计 {actual}，但合计为 {expected}", en: "{table} {row}: the parts add up to {actual}, but the total is {expected}"},
     description: {zh: 各项之和等于合计, en: parts add up to the total}}
  - {id: KA9004, name: growth, severity: error, kind: growth, table: sb_change, params: {rate: 增长率, previous: 上一年度, increase: 增加人数},
     message: {zh: "{table} {row} 增长率印刷为 {actual}，应为 {expected}", en: "{table} {row}: rate printed {actual}, expected {expected}"},
     description: {zh: 增长率, en: growth}}
  - {id: KA9005, name: difference, severity: error, kind: difference, table: sb_change, params: {increase: 增加人数, current: 本年度, previous: 上一年度},
     message: {zh: "{table} {row} 增加人数印刷为 {actual}，应为 {expected}", en: "{table} {row}: increase printed {actual}, expected {expected}"},
     description: {zh: 增加人数, en: increase}}
  - {id: KA9006, name: ratio, severity: error, kind: ratio, table: sb_ratio, params: {value: 生师比, numerator: 在校生, denominator: 专任教师},
     message: {zh: "{table} {row} 生师比印刷为 {actual}，应为 {expected}", en: "{table} {row}: ratio printed {actual}, expected {expected}"},
     description: {zh: 生师比, en: ratio}}
  - {id: KA9007, name: agree, severity: error, kind: agree, params: {quantity: sb.students},
     message: {zh: "在校生人数前后不一致：{actual}", en: "students differ: {actual}"},
     description: {zh: 一致, en: agree}}
"""

# kind: (rule, printed, label of the computed value, computed) in Chinese and English.
EXPECTED = {
    "sum, total row": ("KA9001", "380", "各行相加", "the rows add up to", "360 = 120 + 150 + 90"),
    "sum, total column": ("KA9003", "240", "各项相加", "the parts add up to", "237 = 177 + 60"),
    "share": ("KA9002", "25%", "按部分 / 总数计算", "part / whole gives", "20.0% = 12 / 60"),
    "growth": ("KA9004", "16.7%", "按上一期计算", "on the previous period's base", "20.0% = 200 / 1000"),
    "difference": ("KA9005", "10", "两期相减", "current − previous gives", "12 = 412 − 400"),
    "ratio": ("KA9006", "20:1", "按数值计算", "computed", "15.5:1 = 1520 / 98"),
    "agree": ("KA9007", "380 (表1)", "其他位置印为", "printed elsewhere as", "1520 (表5)"),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("direction")
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    (folder / "twin.txt").write_text(TWIN, encoding="utf-8")
    return folder


@pytest.fixture(scope="module", params=["zh", "en"])
def audited(request, files):
    return request.param, audit_report(files / "report.txt", [files / "pack.yaml"], lang=request.param)


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_printed_first_then_what_the_others_give(audited, kind):
    lang, result = audited
    rule, printed, basis_zh, basis_en, computed = EXPECTED[kind]
    [finding] = [f for f in result.findings if f.rule == rule]
    assert (finding.actual, finding.basis, finding.expected) == (printed, basis_zh if lang == "zh" else basis_en,
                                                                 computed)
    # The comparison reads in that order, with those labels, in the terminal and the review list.
    out = io.StringIO()
    get("markdown")([result], out, lang)
    colon = "：" if lang == "zh" else ": "
    actual_label = "报告所印" if lang == "zh" else "printed"
    item = f"- {actual_label}{colon}{printed}\n   - {basis_zh if lang == 'zh' else basis_en}{colon}{computed}"
    assert item in out.getvalue()


def test_the_terminal_says_the_total_row_the_right_way_round(files):
    result = audit_report(files / "report.txt", [files / "pack.yaml"], lang="zh")
    out = io.StringIO()
    get("rich")([result], out, "zh", width=100)
    text = out.getvalue()
    assert "报告所印 380；各行相加 360" in text and "报告所印 360" not in text
    assert "报告所印 240；各项相加 237" in text


def test_the_consistent_twin_is_silent(files):
    result = audit_report(files / "twin.txt", [files / "pack.yaml"], lang="zh")
    assert result.findings == []
    assert not [s for s in result.skipped if s.rule.startswith("KA900")]  # every pack rule ran    assert result.rules_run > 0 and {r.id for r in result.rules} >= {rule for rule, *_ in EXPECTED.values()}


def test_a_value_worked_out_is_never_labelled_as_printed():
    """A sum of parts set against a bound (KA108: 升学 + 就业 ≤ 落实) or against 100% shows its arithmetic; it is
    what the parts add up to, not what the report prints (review I9: `报告所印 388 + 130 + 8 + 12`)."""
    from pathlib import Path

    from keneng_audit.reporters._common import comparison_text

    sample = Path(__file__).parents[2] / "data" / "keneng-2024" / "report.txt"
    result = audit_report(sample, lang="zh")
    worked = [f for f in result.findings if f.actual and " = " in f.actual]
    assert {f.rule for f in worked} >= {"KA108", "KA187"}
    for finding in worked:
        assert comparison_text(finding, "zh").startswith(f"各项相加 {finding.actual}")
        assert comparison_text(finding, "en").startswith(f"the parts add up to {finding.actual}")
    printed = [f for f in result.findings if f.actual and " = " not in f.actual]
    assert printed and all(comparison_text(f, "zh").startswith("报告所印 ") for f in printed)


def test_a_total_that_is_itself_a_sum_says_its_result(tmp_path):
    report = ("南山职业学校质量年度报告（2024）\n\n一、学生\n\n表 1 毕业去向\n\n去向 人数\n升学 40\n就业 50\n合计 90\n\n"
              "表 2 各专业毕业生\n\n专业 人数\n数控 30\n护理 {n}\n")
    pack = ("pack: nanshan\ntables:\n  t1: {key: 表1, caption: 毕业去向}\n  t2: {key: 表2, caption: 各专业毕业生}\n"
            "quantities:\n  ns.graduates: [{table: t2, column: 人数, aggregate: sum, period: current}]\n"
            "rules:\n  - {id: KA9301, name: destinations-total, severity: error, kind: sum, table: t1,\n"
            "     params: {column: 人数, exclude: [合计], total: {quantity: ns.graduates}},\n"
            "     message: {zh: \"{table} 合计 {actual}，毕业生 {expected}\", en: \"{actual} / {expected}\"},\n"
            "     description: {zh: x, en: x}}\n")
    (tmp_path / "pack.yaml").write_text(pack, encoding="utf-8")
    (tmp_path / "r.txt").write_text(report.format(n=50), encoding="utf-8")
    (tmp_path / "twin.txt").write_text(report.format(n=60), encoding="utf-8")
    [finding] = [f for f in audit_report(tmp_path / "r.txt", [tmp_path / "pack.yaml"], "zh").findings
                 if f.rule == "KA9301"]
    assert (finding.actual, finding.expected) == ("80 = 30 + 50 (表2)", "90 = 40 + 50")
    assert not [f for f in audit_report(tmp_path / "twin.txt", [tmp_path / "pack.yaml"], "zh").findings
                if f.rule == "KA9301"]
