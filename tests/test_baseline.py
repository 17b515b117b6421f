"""Baselines: written from findings, matched by fingerprint (not lines), stale entries and reasons."""

from __future__ import annotations

import dataclasses
import json

import pytest

from keneng_audit import baseline
from keneng_audit.errors import ConfigError
from keneng_audit.findings import make_fingerprint
from tests.reporters.handbuilt import results


def _shifted(result, by):
    """The same findings after `by` lines were inserted above them (fingerprints do not change)."""
    def shift(f):
        values = tuple(dataclasses.replace(v, line=v.line + by) if v.line else v for v in f.values)
        location = dataclasses.replace(f.location, lines=tuple(n + by for n in f.location.lines))
        return dataclasses.replace(f, values=values, location=location)
    return dataclasses.replace(result, findings=[shift(f) for f in result.findings])


def test_write_then_apply_accepts_everything(tmp_path):
    path = tmp_path / "baseline.json"
    assert baseline.write(path, results()) == 5
    entries = baseline.load(path)
    applied = baseline.apply(results(), entries)
    assert applied.accepted == 5 and applied.stale == []
    assert all(r.findings == [] for r in applied.results)
    # Each result says how many of its findings the baseline accepted, so "no findings" is not claimed.
    assert sum(r.accepted for r in applied.results) == 5
    assert all(r.summary().get("accepted_by_baseline") == r.accepted for r in applied.results if r.accepted)


def test_the_file_records_rule_location_text_and_reason(tmp_path):
    path = tmp_path / "baseline.json"
    baseline.write(path, results())
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    agree = next(e for e in data["entries"] if e["rule"] == "KA150")
    assert agree == {"fingerprint": agree["fingerprint"], "rule": "KA150", "where": "3.2 就业质量",
                     "file": "report.txt", "message": "直接就业人数前后不一：附表1 为 1179，表20 为 1151。",
                     "reason": ""}
    assert "551" not in path.read_text(encoding="utf-8")  # no line numbers anywhere


def test_lines_inserted_above_give_no_new_findings(tmp_path):
    path = tmp_path / "baseline.json"
    baseline.write(path, results())
    applied = baseline.apply([_shifted(results()[0], 40)], baseline.load(path))
    assert applied.results[0].findings == [] and applied.accepted == 5


def test_a_new_discrepancy_is_reported_and_a_fixed_one_is_stale(tmp_path):
    path = tmp_path / "baseline.json"
    baseline.write(path, results())
    main = results()[0]
    changed = main.findings[4]  # KA110: the report now prints 9 instead of 8
    values = tuple(dataclasses.replace(v, text="9", value=9.0) if v.text == "8" else v for v in changed.values)
    new = dataclasses.replace(changed, values=values,
                              fingerprint=make_fingerprint("KA110", "表7", "区内", "增加人数", values))
    applied = baseline.apply([dataclasses.replace(main, findings=main.findings[:4] + [new])], baseline.load(path))
    assert [f.rule for f in applied.results[0].findings] == ["KA110"]
    assert [e.rule for e in applied.stale] == ["KA110"] and applied.accepted == 4


def test_each_entry_accepts_one_finding():
    main = results()[0]
    twice = dataclasses.replace(main, findings=main.findings + main.findings[:1])
    entries = [baseline.entry_for(f) for f in main.findings]
    applied = baseline.apply([twice], entries)
    assert [f.rule for f in applied.results[0].findings] == [main.findings[0].rule]


def test_rewriting_keeps_reasons(tmp_path):
    path = tmp_path / "baseline.json"
    baseline.write(path, results())
    entries = [dataclasses.replace(e, reason="已核实：口径不同") if e.rule == "KA301" else e
               for e in baseline.load(path)]
    baseline.write(path, results(), previous=entries)
    assert {e.rule: e.reason for e in baseline.load(path)}["KA301"] == "已核实：口径不同"


@pytest.mark.parametrize(("content", "fragment"), [
    ("not json", "not a readable baseline"),
    ('{"version": 2, "entries": []}', "not a keneng-audit baseline"),
    ('{"version": 1, "entries": [{"fingerprint": "x", "colour": 1}]}', "entry 1"),
    ('{"version": 1, "entries": [5]}', "entry 1"),
])
def test_broken_baseline_is_a_config_error(tmp_path, content, fragment):
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=fragment):
        baseline.load(path)


def test_missing_baseline_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        baseline.load(tmp_path / "none.json")


def test_a_fingerprint_ignores_blanks_inside_printed_text():
    from keneng_audit.findings import PrintedValue, make_fingerprint

    wrapped = PrintedValue("2025 年 6 月 31 日", None, "§1", 3, section="1")
    joined = PrintedValue("2025 年 6月 31 日", None, "§1", 9, section="1")
    assert make_fingerprint("KA460", "1", None, None, (wrapped,)) == make_fingerprint("KA460", "1", None, None, (joined,))
    other = PrintedValue("2025 年 6 月 30 日", None, "§1", 3, section="1")
    assert make_fingerprint("KA460", "1", None, None, (wrapped,)) != make_fingerprint("KA460", "1", None, None, (other,))


def test_an_inferred_rule_is_fingerprinted_by_its_kind_not_its_id():
    from keneng_audit.findings import PrintedValue, make_fingerprint, rule_identity

    cell = (PrintedValue("449", 449.0, "表3-2", 53, row="合计", column="获证人数（人）"),)
    moved = [make_fingerprint(rule_identity(rule, name), "表3-2", "合计", "获证人数（人）", cell)
             for rule, name in (("KA5160", "inferred-sum"), ("KA5146", "inferred-data-sum"))]
    assert moved[0] == moved[1]
    declared = [make_fingerprint(rule_identity(rule, "total-row"), "表3-2", "合计", "获证人数（人）", cell)
                for rule in ("KA110", "KA111")]
    assert declared[0] != declared[1]  # a pack's rule keeps its id: two rules are two findings
    assert rule_identity("KA5235", "inferred-share") == "inferred-share" and rule_identity("KA110", "x") == "KA110"


def _with_column(text: str, caption: str, at: int, cells: list[str]) -> str:
    """`text` with one more column in the table captioned `caption` (header first), cells separated by blanks."""
    import re

    lines, out, inside, taken = text.split("\n"), [], False, iter(cells)
    for line in lines:
        if line.startswith(caption):
            inside = True
        elif inside and not line.startswith("  "):
            inside = False
        elif inside:
            row = re.split(r" {2,}", line.strip())
            row.insert(at, next(taken))
            line = "  " + "    ".join(row)
        out.append(line)
    return "\n".join(out)


def test_a_baseline_still_matches_after_a_table_gains_a_column(tmp_path):
    """Inferred rule ids come from their parameters: a new column changes the 合计 rule's columns and its id, but a
    finding about the same cell stays accepted; only what the new column brings is new."""
    from pathlib import Path

    from keneng_audit.audit import audit_report
    from keneng_audit.resources import rules_dir
    from keneng_audit.rules.loader import load_packs

    packs = load_packs([rules_dir() / "national"])
    consistent = (Path(__file__).parent / "fixtures" / "county-centre" / "consistent.txt").read_text(encoding="utf-8")
    total = "  合计              486             447               92.0"
    assert total in consistent
    column = ["参考人数（人）", "90", "78", "100", "74", "66", "62", "470"]

    def audit(name: str, text: str):
        (tmp_path / name).write_text(text, encoding="utf-8")
        return audit_report(tmp_path / name, lang="zh", packs=packs)

    # The twin with the new column stays silent: the column itself is consistent.
    assert [(f.rule, f.message) for f in audit("twin.txt", _with_column(consistent, "表3-2", 2, column)).findings] == []
    before = audit("before.txt", consistent.replace(total, total.replace("447", "449")))
    assert [(f.name, f.location.table, f.location.column) for f in before.findings] == [
        ("inferred-sum", "表3-2", "获证人数（人）")]
    widened = _with_column(consistent.replace(total, total.replace("447", "449")), "表3-2", 2, column)
    after = audit("before.txt", widened)  # same file name: a baseline entry is per file
    assert [f.rule for f in after.findings] != [f.rule for f in before.findings]  # the id moved with the columns
    path = tmp_path / "baseline.json"
    baseline.write(path, [before])
    applied = baseline.apply([after], baseline.load(path))
    assert applied.results[0].findings == [] and applied.accepted == 1 and applied.stale == []
    # A mistake in the new column is the only new finding.
    wrong = audit("before.txt", widened.replace("    470    449", "    472    449"))
    applied = baseline.apply([wrong], baseline.load(path))
    assert [(f.name, f.location.table, f.location.column, f.actual)
            for f in applied.results[0].findings] == [("inferred-sum", "表3-2", "参考人数（人）", "472")]
    assert applied.accepted == 1 and applied.stale == []
