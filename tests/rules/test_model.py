"""One Rule model for every source: packs (bundled or user), code (built-in checks) and inference; origins."""

from __future__ import annotations

import pytest

from keneng_audit.audit import builtin_rules, load_rules
from keneng_audit.errors import RuleFileError
from keneng_audit.rules.kinds import KINDS
from keneng_audit.rules.loader import load_packs, make_rule
from keneng_audit.rules.model import BUILT_IN, Origin, Rule, RuleSpec, inferred
from tests.rules.tablekit import rule_yaml, write_pack

HEAD = "pack: demo\ntables:\n  t: {key: 表1, caption: 测试, columns: [人数, 比例]}\nrules:\n"
GOOD = rule_yaml("KA001", "share", "t", "{percent: 比例, part: 人数, whole: {value: 100}}")
MESSAGE = {"zh": "{table} {row}：{actual}", "en": "{table} {row}: {actual}"}


def test_bundled_and_user_packs_say_where_their_rules_come_from(tmp_path):
    bundled = load_rules()
    assert bundled and all(p.origin.kind == "bundled" for p in bundled)
    assert all(r.origin.kind == "bundled" and r.pack == p.name for p in bundled for r in p.rules)
    [user] = load_packs([write_pack(tmp_path, HEAD + GOOD)])
    assert user.origin.kind == "user" and [r.origin.kind for r in user.rules] == ["user"]


def test_builtin_rules_are_rules_of_registered_kinds():
    rules = builtin_rules()
    assert [r.id for r in rules][:2] == ["KA001", "KA002"] and {r.id for r in rules} >= {"KA401", "KA450"}
    for rule in rules:
        assert type(rule) is Rule and rule.origin == BUILT_IN
        assert KINDS[rule.kind].SCOPE == "report" and KINDS[rule.kind].code == rule.id
        assert rule.description["zh"] and rule.description["en"] and rule.title["en"]
    assert RuleSpec is Rule


def test_make_rule_validates_like_a_rule_file():
    rule = make_rule("KA9001", "占比", "warning", "share", {"percent": "比例", "part": "人数", "whole": {"value": 100}},
                     table="t", message=MESSAGE, origin=inferred("有“比例”列", "a 比例 column"), pack="inferred")
    assert rule.params.whole.value == 100 and rule.origin.kind == "inferred"
    assert rule.origin.label("en") == "inferred (a 比例 column)" and rule.origin.label("zh") == "推断（有“比例”列）"
    assert rule.origin.label("en", why=False) == "inferred"


@pytest.mark.parametrize("kwargs,words", [
    ({"kind": "shares"}, "unknown kind 'shares'"),
    ({"params": {"percent": "比例"}}, "rule KA9001 (share)"),
    ({"kind": "range", "table": None, "params": {}}, "needs `table`"),
    ({"id": "X1"}, "KA followed by"),
    ({"severity": "fatal"}, "severity"),
    ({"message": {"zh": "{rows}", "en": ""}}, "unknown template field 'rows'"),
    ({"kind": "prose-sentence-share", "params": {}}, "takes no `table`"),
])
def test_make_rule_refuses_what_a_rule_file_may_not_say(kwargs, words):
    args = {"id": "KA9001", "name": "占比", "severity": "error", "kind": "share", "table": "t", "message": MESSAGE,
            "params": {"percent": "比例", "part": "人数", "whole": {"value": 100}}, **kwargs}
    with pytest.raises(RuleFileError, match=words.replace("(", r"\(").replace(")", r"\)")):
        make_rule(args.pop("id"), args.pop("name"), args.pop("severity"), args.pop("kind"), args.pop("params"), **args)


def test_origin_labels():
    assert Origin("bundled").label("zh") == "自带规则包" and Origin("user").label("en") == "user pack"
    assert BUILT_IN.label("en") == "built-in"
