"""saferegex: the plain forms answered without the regex engine give exactly the regex engine's answer."""

from __future__ import annotations

import random

import pytest
import regex

from keneng_audit import saferegex

PATTERNS = [
    "科能高级技工学校.*2024",
    "^(?!.*(职业技术学院|职业学院|职业技术大学|职业大学|高等专科学校|高等职业))",
    "^(?!.*(?:学院|大学))",
    "^(?!.*(学院))",
    # not the plain forms: left to the regex engine
    "^(?!.*(学院|))", "^(?!.*(学.院|大学))", "^(?!.*(学院|大学)).*2024", "^(?!.*(学院|大学))$", "(?!.*(学院|大学))",
    "^(?!.*(学院)|(大学))", "^(?!.*(学院|大学)|技工)",
]
TITLES = ["", "科能高级技工学校2024年质量年度报告", "东陵职业技术学院2025年质量年度报告", "某某大学2024", "技工学院",
          "学院\n大学", "职业\n技术学院"]


def _random_titles(n: int) -> list[str]:
    rng = random.Random(2024)
    return ["".join(rng.choice("学院大职业技工2024\n") for _ in range(rng.randint(0, 8))) for _ in range(n)]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_search_answers_as_the_regex_engine(pattern):
    for title in TITLES + _random_titles(300):
        assert saferegex.search(pattern, title) == (regex.compile(pattern, regex.V0).search(title) is not None)


@pytest.mark.parametrize(("pattern", "words"), [
    ("^(?!.*(职业学院|高等专科学校))", ["职业学院", "高等专科学校"]),
    ("^(?!.*(?:学院|大学))", ["学院", "大学"]),
    ("^(?!.*(学院|))", None),
    ("^(?!.*(学.院))", None),
    ("^(?!.*(学院)).*x", None),
    ("^(?!.*(a|b)))", None),  # not even a valid pattern: the loader reports it
])
def test_only_plain_exclusions_skip_the_regex_engine(pattern, words):
    assert saferegex._excluded_words(pattern) == words
