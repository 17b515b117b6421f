"""Rule selection by id, id prefix and name; the most specific selector decides; severity overrides."""

from __future__ import annotations

import pytest

from keneng_audit.errors import ConfigError
from keneng_audit.selection import EXACT, Selection, specificity, split_selectors
from tests.reporters.handbuilt import results


def test_split_selectors_accepts_repeats_and_commas():
    assert split_selectors(["KA1, KA201", "", "增长率基数"]) == ("KA1", "KA201", "增长率基数")


@pytest.mark.parametrize(("selector", "score"), [
    ("KA201", EXACT), ("ka201", EXACT), ("增长率基数", EXACT), ("KA2", 3), ("KA", 2), ("KA3", 0), ("增长", 0),
])
def test_specificity(selector, score):
    assert specificity(selector, "KA201", "增长率基数") == score


@pytest.mark.parametrize(("select", "ignore", "kept"), [
    ((), (), {"KA110", "KA150", "KA201", "KA301", "KA900"}),
    (("KA1",), (), {"KA110", "KA150"}),
    ((), ("KA1", "占比"), {"KA201", "KA900"}),
    (("KA1",), ("KA150",), {"KA110"}),          # the exact ignore beats the prefix select
    (("KA150",), ("KA1",), {"KA150"}),          # the exact select beats the prefix ignore
    (("KA1",), ("KA1",), set()),                # a tie: ignore wins
    (("KA",), ("KA9",), {"KA110", "KA150", "KA201", "KA301"}),
])
def test_apply_keeps_the_selected_rules(select, ignore, kept):
    result = Selection(select, ignore).apply(results()[0])
    assert {f.rule for f in result.findings} == kept


def test_severity_override_most_specific_wins_and_counts_follow():
    selection = Selection(severity={"KA": "info", "KA2": "warning", "KA201": "error", "占比": "error"})
    result = selection.apply(results()[0])
    assert {f.rule: f.severity for f in result.findings} == {
        "KA110": "info", "KA150": "info", "KA201": "error", "KA301": "error", "KA900": "info"}
    assert result.counts() == {"error": 2, "warning": 0, "info": 3}


def test_apply_does_not_change_the_input():
    original = results()[0]
    Selection(select=("KA1",), severity={"KA110": "info"}).apply(original)
    assert len(original.findings) == 5 and {f.severity for f in original.findings if f.rule == "KA110"} == {"error"}


def test_check_known_rejects_selectors_that_match_nothing():
    known = [("KA201", "增长率基数"), ("KA301", "占比")]
    Selection(("KA2", "占比"), ("KA301",), {"KA": "info"}).check_known(known)
    with pytest.raises(ConfigError, match="select: 'KA5' matches no rule"):
        Selection(("KA5",)).check_known(known)
    with pytest.raises(ConfigError, match="severity: 'growth'"):
        Selection(severity={"growth": "info"}).check_known(known)
    with pytest.raises(ConfigError, match="must be one of"):
        Selection(severity={"KA201": "fatal"}).check_known(known)
