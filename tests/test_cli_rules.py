"""`rules` and `explain` on the real packs: every rule (declared, built-in, inferred from a report) with its origin."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from keneng_audit import cli
from keneng_audit.audit import audit_report, builtin_rules, load_rules
from keneng_audit.resources import sample_report
from keneng_audit.rules.loader import make_rule
from keneng_audit.rules.model import RulePack, TableDecl, inferred


def run(*args):
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def _listing(*args) -> list[dict]:
    result = run("rules", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["rules"]


def test_rules_json_lists_every_declared_and_builtin_rule_with_its_origin():
    listed = _listing()
    expected = [r.id for p in load_rules() for r in p.rules] + [r.id for r in builtin_rules()]
    assert sorted(r["id"] for r in listed) == sorted(expected)
    origins = {r["id"]: r["origin"] for r in listed}
    assert {origins[r.id] for p in load_rules() for r in p.rules} == {"bundled"}
    assert {origins[r.id] for r in builtin_rules()} == {"built-in"}


def test_a_user_pack_is_listed_as_user(tmp_path):
    pack = tmp_path / "mine"
    pack.mkdir()
    (pack / "r.yaml").write_text(
        "tables:\n  t: {key: 表1}\nrules:\n  - id: KA9100\n    name: 自定义\n    severity: info\n    kind: range\n"
        "    table: t\n    params: {min: 0}\n    message: {zh: '{table}', en: '{table}'}\n"
        "    description: {zh: 说明, en: about}\n", encoding="utf-8")
    mine = [r for r in _listing("--rules", str(pack)) if r["id"] == "KA9100"]
    assert [(r["origin"], r["pack"]) for r in mine] == [("user", "mine")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_explain_works_for_every_rule_by_id_and_by_name(lang):
    listed = _listing()
    for entry in listed:
        by_id = run("explain", entry["id"], "--lang", lang, "--format", "json")
        assert by_id.exit_code == 0, (entry["id"], by_id.output)
        data = json.loads(by_id.stdout)
        assert (data["id"], data["origin"]) == (entry["id"], entry["origin"]) and data["description"]
    names = [e["name"] for e in listed]
    unique = next(e for e in listed if names.count(e["name"]) == 1 and e["origin"] == "built-in")
    assert run("explain", unique["name"].upper()).stdout.startswith(f"{unique['id']} {unique['name']}")
    text = run("explain", "KA401", "--lang", lang).stdout
    assert ("来源：内置检查" if lang == "zh" else "origin: built-in") in text


def _inferred_pack(doc, packs):
    """What inference hands back: an ordinary pack of Rules with origin `inferred (why)`."""
    rule = make_rule("KA9901", "毕业生合计", "error", "range", {"columns": ["2024年"], "max": 100}, table="a1",
                     message={"zh": "{table} {row} 为 {actual}", "en": "{table} {row} is {actual}"},
                     description={"zh": "测试用推断规则", "en": "an inferred rule for the test"},
                     origin=inferred("附表1 的数值", "the numbers of 附表1"), pack="inferred")
    return [RulePack(name="inferred", tables={"a1": TableDecl(key="附表1")}, rules=[rule], origin=rule.origin)]


def test_inferred_rules_are_listed_for_a_report_and_run_in_its_audit(monkeypatch):
    from keneng_audit.rules import inferred as seam

    monkeypatch.setattr(seam, "inferred_packs", _inferred_pack)
    assert "KA9901" not in {r["id"] for r in _listing()}
    [entry] = [r for r in _listing("--report", str(sample_report()), "--lang", "en") if r["id"] == "KA9901"]
    assert (entry["origin"], entry["why"], entry["pack"]) == ("inferred", "the numbers of 附表1", "inferred")
    text = run("explain", "KA9901", "--report", str(sample_report()), "--lang", "en").stdout
    assert "origin: inferred (the numbers of 附表1)" in text and "table: 附表1" in text
    result = audit_report(sample_report(), lang="en")
    assert "KA9901" in {ref.id for ref in result.rules}
    assert any(f.rule == "KA9901" for f in result.findings)  # 附表1 holds counts far above 100


def test_inferred_rules_can_be_selected_by_id_prefix_and_name():
    """Inferred ids are known only once a report is read; --select may still name their family or name."""
    for selector in ("KA52", "inferred-share"):
        result = run("check", "--select", selector, "--format", "json")
        assert result.exit_code in (0, 1), result.output
        rules = {f["rule"] for f in json.loads(result.stdout)["reports"][0]["findings"]}
        assert rules and all(r.startswith("KA52") for r in rules)
    assert run("check", "--select", "KA98").exit_code == 2  # no rule, declared or inferred, has that prefix
