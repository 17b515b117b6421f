"""Rule files: what loads, and every broken file named with its line."""

from __future__ import annotations

import pytest

from keneng_audit.errors import RuleFileError
from keneng_audit.rules.loader import bundled_paths, load_packs
from tests.rules.tablekit import rule_yaml, write_pack

HEAD = "pack: demo\napplies_to: {title: 某某学校}\ntables:\n  t: {key: 表1, caption: 测试, columns: [人数, 比例]}\nrules:\n"
GOOD = rule_yaml("KA001", "share", "t", "{percent: 比例, part: 人数, whole: {value: 100}}")


def test_loads_rule_with_all_attributes(tmp_path):
    [pack] = load_packs([write_pack(tmp_path, HEAD + GOOD)])
    [rule] = pack.rules
    assert (pack.name, rule.id, rule.kind, rule.severity, rule.pack, rule.table) == \
        ("demo", "KA001", "share", "error", "demo", "t")
    assert rule.params.percent == "比例" and rule.params.whole.value == 100
    assert rule.line == 6 and rule.file.endswith("pack.yaml")
    assert set(rule.message) == {"zh", "en"}
    assert pack.applies_to.matches("某某学校质量年度报告") and not pack.applies_to.matches("别的学校")


@pytest.mark.parametrize("text,line,words", [
    (HEAD + GOOD.replace("kind: share", "kind: shares"), 9, "unknown kind 'shares'"),
    (HEAD + GOOD.replace("part: 人数", "parts: 人数"), 11, "unknown parameter"),
    (HEAD + GOOD.replace("part: 人数, ", ""), 11, "part: missing parameter"),
    (HEAD + GOOD + GOOD, 16, "duplicate rule id KA001"),
    (HEAD + GOOD.replace("table: t", "table: t9"), 10, "unknown table 't9'"),
    (HEAD + GOOD.replace("percent: 比例", "percent: 百分比"), 11, "unknown column '百分比'"),
    (HEAD + GOOD.replace("severity: error", "severity: fatal"), 8, "severity"),
    (HEAD + GOOD.replace("id: KA001", "id: X1"), 6, "KA followed by"),
    (HEAD + GOOD.replace("{row}", "{rows}"), 13, "unknown template field 'rows'"),
    (HEAD + GOOD.replace("whole: {value: 100}", "whole: {quantity: staff.total}"), 11, "unknown quantity"),
    (HEAD + "  - id: [", 7, "invalid YAML"),
])
def test_broken_rule_file_names_file_and_line(tmp_path, text, line, words):
    path = write_pack(tmp_path, text)
    with pytest.raises(RuleFileError) as err:
        load_packs([path])
    message = err.value.say("en")
    assert message.startswith(f"{path}:{line}: "), message
    assert words in message
    assert err.value.say("zh").startswith(f"{path}:{line}: ")


def test_missing_rule_path(tmp_path):
    with pytest.raises(RuleFileError, match="no such rule file"):
        load_packs([tmp_path / "nope.yaml"])


def test_rule_folder_without_rule_files(tmp_path):
    """A folder with no *.yaml (a misspelt pack, an empty checkout) is an error, not "no extra rules"."""
    (tmp_path / "README.md").write_text("not a rule file", encoding="utf-8")
    (tmp_path / "vocabulary").mkdir()
    with pytest.raises(RuleFileError) as err:
        load_packs([tmp_path])
    assert (err.value.say("zh"), err.value.say("en")) == (f"{tmp_path}: 规则目录中没有规则文件",
                                                          f"{tmp_path}: no rule files in this folder")


def test_bundled_packs_load_national_first():
    names = [p.name for p in bundled_paths()]
    assert names[0] == "national" and "keneng-2024" in names
    packs = load_packs(bundled_paths())
    assert [p.name for p in packs][:2] == ["national", "keneng-2024"]
    ids = [r.id for p in packs for r in p.rules]
    assert len(ids) == len(set(ids)) and len(ids) > 10
    assert packs[0].applies_to.title is None and packs[1].applies_to.title is not None


def test_every_bundled_rule_is_documented_in_both_languages():
    for pack in load_packs(bundled_paths()):
        assert set(pack.title) == {"zh", "en"}
        for rule in pack.rules:
            assert set(rule.message) == set(rule.description) == set(rule.rationale) == {"zh", "en"}, rule.id
            assert rule.examples["pass"] and rule.examples["fail"], rule.id
            assert "{" not in rule.description["zh"] + rule.description["en"], rule.id
