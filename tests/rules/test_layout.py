"""A pack that names a table's columns and rows by position (`headers:`, `row_labels:`), and where quantities
are printed: sums without totals, last period's value from a printed increase, `current` / `previous`."""

from __future__ import annotations

import pytest

from keneng_audit.document import Cell, Row, SourceRef, Table
from keneng_audit.engine import run, table_facts
from keneng_audit.errors import RuleFileError
from keneng_audit.numbers import parse_number
from keneng_audit.rules.kinds.base import NotEvaluated
from keneng_audit.rules.model import TableDecl
from keneng_audit.rules.views import described
from tests.rules.tablekit import make_doc, make_table, pack_from, rule_yaml, write_pack

GUESSED = ["直接就业数(人)", "直接就业率（%）", "本省（市）", "外省（市）", "就业数(人)", "就业数(人)比例（%）"]
HEADERS = ["直接就业数", "直接就业率", "本省就业数", "本省比例", "外省就业数", "外省比例"]


def scrambled(*rows: list[str]) -> Table:
    """A table as the reader guesses a two-level header: wrong names, no label column, rows 第1行, 第2行 …"""
    table = Table("表20", "就业情况", SourceRef(10), "2.7", list(GUESSED), None)
    for n, texts in enumerate(rows, start=1):
        src = SourceRef(10 + 2 * n)
        table.rows.append(Row(f"第{n}行", {c: Cell(t, parse_number(t), src) for c, t in zip(GUESSED, texts)}, src))
    return table


JOBS = [["433", "47.2%", "365", "84%", "68", "15.70%"], ["1151", "69%", "986", "85.70%", "165", "14.30%"]]


@pytest.mark.parametrize("headers,labels,reason", [
    (HEADERS, None, None),
    (HEADERS, ["2022-2023", "2023-2024"], None),
    (None, ["2022-2023", "2023-2024"], None),
    (HEADERS[:5], None, "表20 has 6 columns, the rule pack describes 5"),
    (HEADERS, ["2023-2024"], "表20 has 2 rows, the rule pack describes 1"),
])
def test_headers_and_row_labels_by_position(headers, labels, reason):
    table = scrambled(*JOBS)
    decl = TableDecl(key="表20", headers=headers, row_labels=labels)
    if reason:
        with pytest.raises(NotEvaluated) as info:
            described(table, decl)
        assert info.value.reason["en"] == reason
        return
    named = described(table, decl)
    assert named.columns == (headers or GUESSED)
    assert [r.label for r in named.rows] == (labels or ["第1行", "第2行"])
    second = named.rows[1].cells
    assert second[named.columns[4]].text == "165" and second[named.columns[4]].source.line == 14
    assert table.columns == GUESSED and table.rows[0].label == "第1行"  # the report's table is left as read


PACK = """\
tables:
  jobs: {key: 表20, headers: %s, row_labels: [2022-2023, 2023-2024]}
quantities:
  employment.direct: [{table: jobs, column: 直接就业数}]
rules:
""" % HEADERS


def _rules(pack: str = PACK) -> str:
    return (pack
            + rule_yaml("KA001", "sum", "jobs", "{parts: [本省就业数, 外省就业数], total: 直接就业数}")
            + rule_yaml("KA002", "share", "jobs", "{percent: 本省比例, part: 本省就业数, whole: 直接就业数}")
            + rule_yaml("KA003", "share", "jobs", "{percent: 外省比例, part: 外省就业数, whole: 直接就业数}"))


# (case, rows of 表20, {(rule, row): severity})
CASES = [
    ("all-hold", JOBS, {}),
    ("padded-percent-holds", [["1151", "69%", "986", "85.70%", "165", "14.30%"]] * 2, {}),
    ("provinces-do-not-add-up", [JOBS[0], ["1151", "69%", "986", "85.70%", "175", "14.30%"]],
     {("KA001", "2023-2024"): "error", ("KA003", "2023-2024"): "error"}),
    ("share-off", [["433", "47.2%", "365", "86%", "68", "15.70%"], JOBS[1]], {("KA002", "2022-2023"): "error"}),
    ("share-off-beyond-padding", [JOBS[0], ["1151", "69%", "986", "85.80%", "165", "14.30%"]],
     {("KA002", "2023-2024"): "error"}),
]


@pytest.mark.parametrize("case,rows,failing", CASES, ids=[c[0] for c in CASES])
def test_rules_on_a_described_table(tmp_path, case, rows, failing):
    result = run(make_doc(scrambled(*rows)), pack_from(tmp_path, _rules()), "en")
    assert {(f.rule, f.location.row): f.severity for f in result.findings} == failing


def test_column_count_differs_is_not_evaluated(tmp_path):
    five = PACK.replace("headers: %s" % HEADERS, "headers: %s" % HEADERS[:5])
    rules = (five + rule_yaml("KA001", "sum", "jobs", "{parts: [本省就业数, 外省就业数], total: 直接就业数}")
             + rule_yaml("KA002", "share", "jobs", "{percent: 本省比例, part: 本省就业数, whole: 直接就业数}"))
    result = run(make_doc(scrambled(*JOBS)), pack_from(tmp_path, rules), "en")
    assert not result.findings  # the rules cannot run on this layout: skipped, with the reason
    assert {s.rule: s.reason for s in result.skipped} == {
        rule: "表20 has 6 columns, the rule pack describes 5" for rule in ("KA001", "KA002")}
    assert result.facts.occurrences("employment.direct") == []


def test_rules_name_the_declared_headers(tmp_path):
    broken = _rules().replace("part: 本省就业数", "part: 就业数(人)")
    with pytest.raises(RuleFileError, match=r"unknown column '就业数\(人\)'"):
        pack_from(tmp_path, broken)
    with pytest.raises(RuleFileError, match="unique"):
        pack_from(tmp_path, PACK.replace("直接就业率", "直接就业数") + "")


def test_quantity_sources(tmp_path):
    titles = make_table("表11", "专任教师职称结构", ["类别", "人数", "较上一年度增加人数"],
                        [("高级", ["53", "2"]), ("中级", ["53", "0"]), ("初级", ["71", "23"]), ("合计", ["177", "25"]),
                         ("其中：外聘", ["4", "1"], "初级")], line=40)
    pack = write_pack(tmp_path, """\
tables:
  titles: {key: 表11, columns: [人数, 较上一年度增加人数]}
quantities:
  teachers.senior:
    - {table: titles, row: 高级, column: 人数, period: current}
    - {table: titles, row: 高级, column: 人数, increase: 较上一年度增加人数}
  teachers.total: [{table: titles, column: 人数, aggregate: sum, period: current}]
  teachers.listed: [{table: titles, column: 人数, aggregate: sum, rows: [高级, 合计], period: "2020"}]
""")
    from keneng_audit.rules.loader import load_packs

    facts = table_facts(make_doc(titles), load_packs([pack]))
    got = {(e.quantity, e.period, e.origin, e.val.display, e.val.value) for e in facts.entries}
    assert got == {("teachers.senior", "2024", "table", "53", 53.0),
                   ("teachers.senior", "2023", "derived", "53 − 2", 51.0),  # the year before the report's
                   ("teachers.total", "2024", "table", "177", 177.0),  # the printed 合计 (not its rows' sum)
                   ("teachers.listed", "2020", "derived", "53 + 177", 230.0)}


@pytest.mark.parametrize("source,words", [
    ("{table: titles, column: 年份}", "unknown column '年份'"),
    ("{table: titles, row: 高级, column: 人数, increase: 减少}", "unknown column '减少'"),
    ("{table: titles, row: 高级, column: 人数, period: 去年}", "period must be"),
    ("{table: titles, row: 高级, increase: 较上一年度增加人数}", "`increase` needs `row` and `column`"),
    ("{table: titles}", "needs `row`, `column` or both"),
])
def test_broken_quantity_sources(tmp_path, source, words):
    text = f"tables:\n  titles: {{key: 表11, columns: [人数, 较上一年度增加人数]}}\nquantities:\n  q: [{source}]\n"
    with pytest.raises(RuleFileError) as info:
        pack_from(tmp_path, text)
    assert words in str(info.value) and "pack.yaml:4" in str(info.value)
