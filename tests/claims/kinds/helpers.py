"""Runs one claim kind over made-up paragraphs and tables (the table-driven tests of every kind use it)."""

from __future__ import annotations

from keneng_audit.claims import check_prose
from keneng_audit.claims.kinds import KINDS
from keneng_audit.claims.vocabulary import national_vocabulary_dir
from tests.claims.docs import make_doc


def run(rule: str, *texts: str, tables=(), title: str = "某某学校质量年度报告（2024）", lang: str = "zh"):
    """The findings of `rule` on a document of these paragraphs (section 1.1 each), checked with the national
    vocabulary and the national pack's table facts."""
    from keneng_audit.facts import table_facts
    from keneng_audit.resources import rules_dir
    from keneng_audit.rules.loader import load_packs

    assert rule in KINDS
    doc = make_doc(*[("1.1", t) for t in texts], tables=list(tables), title=title)
    facts = table_facts(doc, load_packs([rules_dir() / "national"]))
    return [f for f in check_prose(doc, [national_vocabulary_dir()], lang, facts) if f.rule == rule]


def summary(rule: str, *texts: str, **kw):
    return [(f.severity, f.expected, f.actual) for f in run(rule, *texts, **kw)]


def policy(students=("4590", "4967"), staff=("270", "259"), teachers=("170", "177"), first_line: int = 900):
    """A made-up 附表6 落实政策表 with both years of 全日制在校生人数, 教职工总数 and 专任教师总数."""
    from tests.claims.docs import table

    return table("附表6", "落实政策表", ["序号", "指标", "单位", "2023年", "2024年"],
                 [["1", "全日制在校生人数", "人", *students], ["2", "教职工总数", "人", *staff],
                  ["3", "专任教师总数", "人", *teachers]], first_line=first_line)
