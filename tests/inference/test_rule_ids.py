"""Inferred rule ids: stable, unique, and never exhausted by a long report."""

from types import SimpleNamespace

from keneng_audit.inference.emit import rule_id
from keneng_audit.rules.model import RULE_ID_RE


def _cand(i: int, kind: str = "subset"):
    return SimpleNamespace(kind=kind, key=f"row-{i}", table=SimpleNamespace(caption=f"表{i % 40} 测试"),
                           params={"part": f"甲{i}", "whole": "合计"})


def test_more_than_a_hundred_relations_of_one_kind_get_distinct_valid_ids():
    taken: set[str] = set()
    ids = [rule_id(_cand(i), taken) for i in range(450)]
    assert len(set(ids)) == 450
    assert all(RULE_ID_RE.match(i) for i in ids)
    assert sum(len(i) == 6 for i in ids) == 100  # the first hundred keep the short form
    assert sum(len(i) == 8 for i in ids) == 350


def test_the_same_relation_gets_the_same_id_in_another_run():
    assert rule_id(_cand(7), set()) == rule_id(_cand(7), set())
