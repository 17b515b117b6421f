"""The engine: packs that apply, rules not evaluated, cross-table quantities, findings and fingerprints."""

from __future__ import annotations

from keneng_audit.engine import run
from keneng_audit.rules.kinds import growth
from tests.rules.tablekit import make_doc, make_table, pack_from, rule_yaml

APPENDIX = ["指标", "单位", "2023年", "2024年"]


def _appendix():
    resources = make_table("附表3", "教学资源表", APPENDIX,
                           [("生师比*", ["——", "27：1", "19:1"]), ("“双师型”教师比例", ["%", "86%", "86%"])], line=10)
    policy = make_table("附表6", "落实政策表", APPENDIX,
                        [("全日制在校生人数*", ["人", "4233", "4967"]), ("专任教师总数", ["人", "152", "177"]),
                         ("毕业去向落实人数", ["人", "908", "1179"])], line=20)
    dual = make_table("表12", "专任教师“双师”结构", ["类别", "人数"],
                      [("高级", ["53"]), ("中级", ["77"]), ("初级", ["3"])], line=30)
    jobs = make_table("表20", "就业情况", ["年度", "直接就业数(人)"], [("2023-2024", ["1151"])], line=40)
    return make_doc(resources, policy, dual, jobs)


PACK = """\
tables:
  resources: {caption: 教学资源表}
  policy: {key: 附表6, caption: 落实政策表}
  dual: {key: 表12}
  jobs: {key: 表20}
  absent: {key: 附表9}
quantities:
  students.total: [{table: policy, row: 全日制在校生人数}]
  teachers.full_time: [{table: policy, row: 专任教师总数}]
  teachers.student_ratio: [{table: resources, row: 生师比}]
  teachers.dual_share: [{table: resources, row: "“双师型”教师比例"}]
  teachers.dual: [{table: dual, column: 人数, aggregate: sum, period: "2024"}]
  graduates.placed: [{table: policy, row: 毕业去向落实人数}, {table: jobs, column: 直接就业数}]
rules:
"""


def _rules():
    return (PACK
            + rule_yaml("KA001", "ratio", None, "{value: {quantity: teachers.student_ratio}, "
                        "numerator: {quantity: students.total}, denominator: {quantity: teachers.full_time}}")
            + rule_yaml("KA002", "share", None, "{percent: {quantity: teachers.dual_share}, "
                        "part: {quantity: teachers.dual}, whole: {quantity: teachers.full_time}}")
            + rule_yaml("KA003", "agree", None, "{quantity: graduates.placed}")
            + rule_yaml("KA004", "range", "absent", "{min: 0}", severity="warning")
            + rule_yaml("KA005", "growth", "dual", "{rate: 人数, previous: 人数, increase: 人数}"))


def test_cross_table_rules_find_each_discrepancy_with_its_lines(tmp_path):
    result = run(_appendix(), pack_from(tmp_path, _rules()), "en")
    found = {(f.rule, f.location.column, f.severity): f for f in result.findings}
    ratio_2024 = found[("KA001", "2024年", "error")]
    assert ratio_2024.expected == "28.1:1 = 4967 / 177" and ratio_2024.actual == "19:1"
    assert ratio_2024.location.table == "附表3" and ratio_2024.location.lines == (11, 21, 22)
    # 4233 / 152 = 27.85 printed 27:1 holds only when truncated.
    assert ("KA001", "2023年", "warning") in found
    dual = found[("KA002", "2024年", "error")]
    assert dual.expected == "75.1% = (53 + 77 + 3) / 177" and dual.actual == "86%"
    assert dual.location.lines == (12, 22, 31, 32, 33)
    agree = next(f for f in result.findings if f.rule == "KA003")
    # Printed where the finding points (the first place), then what the places that disagree print.
    assert (agree.actual, agree.basis, agree.expected) == ("1179 (附表6)", "printed elsewhere as", "1151 (表20)")
    assert agree.location.lines == (23, 41)


def test_missing_table_is_skipped_and_crashing_rule_is_a_warning(tmp_path, monkeypatch):
    def boom(cases, params, truncated=False):
        raise ZeroDivisionError("kaput")

    monkeypatch.setattr(growth, "holds", boom)
    result = run(_appendix(), pack_from(tmp_path, _rules()), "en")
    found = {f.rule: f for f in result.findings}
    # The report's shape, not a fault: skipped (counted in the summary), not a finding.
    assert "KA004" not in found
    [skipped] = [s for s in result.skipped if s.rule == "KA004"]
    assert skipped.reason == "table '附表9' not found in this report" and skipped.missing
    assert found["KA005"].message == "not evaluated: ZeroDivisionError: kaput"
    assert found["KA005"].severity == "warning"  # a crash must not pass --fail-on error unseen
    assert result.rules_run == 5


def test_report_pack_applies_only_to_matching_titles(tmp_path):
    text = "pack: school\napplies_to: {title: 科能}\n" + _rules()
    packs = pack_from(tmp_path, text)
    assert run(_appendix(), packs).packs == []
    doc = _appendix()
    doc.title = "重庆市科能高级技工学校质量年度报告（2024）"
    assert run(doc, packs).packs == ["school"]


def test_fingerprint_ignores_line_shifts_and_message_language(tmp_path):
    packs = pack_from(tmp_path, _rules())
    first = {f.fingerprint for f in run(_appendix(), packs, "zh").findings}
    shifted = _appendix()
    for table in shifted.tables:
        for row in table.rows:
            for name, cell in row.cells.items():
                row.cells[name] = type(cell)(cell.text, cell.number, type(cell.source)(cell.source.line + 7))
    second = run(shifted, packs, "en").findings
    assert {f.fingerprint for f in second} == first
    assert any(f.location.lines and f.location.lines[0] > 17 for f in second)


def test_missing_quantity_is_skipped(tmp_path):
    doc = _appendix()
    doc.tables = [t for t in doc.tables if t.key != "表12"]
    result = run(doc, pack_from(tmp_path, _rules()), "en")
    assert not [f for f in result.findings if f.rule == "KA002"]
    [dual] = [s for s in result.skipped if s.rule == "KA002"]
    assert "teachers.dual" in dual.reason


def test_a_frame_pandera_cannot_validate_costs_only_its_rules(tmp_path, monkeypatch):
    from keneng_audit import engine

    def refuse(frame, checks):
        if "KA005" in checks:
            raise ValueError("cannot validate this frame")
        return real(frame, checks)

    real = engine.failures
    monkeypatch.setattr(engine, "failures", refuse)
    result = run(_appendix(), pack_from(tmp_path, _rules()), "en")
    [dropped] = [f for f in result.findings if f.rule == "KA005"]
    assert dropped.severity == "warning" and "cannot validate this frame" in dropped.message
    assert any(f.rule == "KA001" and f.severity == "error" for f in result.findings)
