"""What could not be read becomes a finding: no tables at all (error), a table read only in part (info)."""

from __future__ import annotations

from keneng_audit.audit import audit_report
from keneng_audit.coverage import NO_TABLES, TABLE_UNREAD, coverage_findings
from keneng_audit.document import Document, SourceRef, Table
from keneng_audit.resources import sample_report


def _doc(*tables: Table) -> Document:
    return Document(path="r.txt", format="text", lines=[], tables=list(tables))


def _table(problems: list[str]) -> Table:
    return Table(key="表5", caption="某表", source=SourceRef(line=40), section="2.1", columns=["a"],
                 label_column="a", problems=problems)


def test_a_report_without_tables_is_an_error():
    [finding] = coverage_findings(_doc(), "en")
    assert (finding.rule, finding.severity) == (NO_TABLES, "error")
    assert "no table" in finding.message


def test_partly_read_table_is_info_in_the_chosen_language_and_footnotes_are_not():
    table = _table(["注：数据来源于学校统计。", "第 41–45 行：表格按列印刷 / lines 41–45: printed column by column"])
    [zh] = coverage_findings(_doc(table), "zh")
    [en] = coverage_findings(_doc(table), "en")
    assert (zh.rule, zh.severity, zh.location.table, zh.location.lines) == (TABLE_UNREAD, "info", "表5", (40,))
    assert zh.message == "表5 未能完整读取：第 41–45 行：表格按列印刷"
    assert en.message == "表5 not fully read: lines 41–45: printed column by column"
    assert zh.fingerprint == en.fingerprint  # a baseline holds across --lang


def test_a_text_file_that_is_not_a_report_fails_the_gate(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("会议纪要\n\n今天讨论了 3 件事。\n", encoding="utf-8")
    result = audit_report(path)
    assert result.tables_read == 0
    assert [f.rule for f in result.findings if f.severity == "error"] == [NO_TABLES]


def test_sample_table13_is_reported_as_not_fully_read():
    result = audit_report(sample_report())
    unread = [f for f in result.findings if f.rule == TABLE_UNREAD]
    assert "表13" in {f.location.table for f in unread}
    assert not [f for f in result.findings if f.rule == NO_TABLES]


def test_a_table_of_a_caption_and_a_header_alone_is_not_a_clean_pass(tmp_path):
    """Review NEW-10: a header without rows read passed silently (exit 0, 1 table read)."""
    only = tmp_path / "only.txt"
    only.write_text("东山职业学校质量年度报告（2024）\n表1 各专业在校生\n专业 人数\n", encoding="utf-8")
    [finding] = [f for f in audit_report(only, bundled=False).findings if f.rule.startswith("KA00")]
    assert (finding.rule, finding.severity) == (NO_TABLES, "error") and "没有读到数据行" in finding.message
    mixed = tmp_path / "mixed.txt"
    mixed.write_text("东山职业学校质量年度报告（2024）\n表1 各专业在校生\n专业 人数\n数控 10\n合计 10\n表2 空表\n专业 人数\n",
                     encoding="utf-8")
    [finding] = [f for f in audit_report(mixed, lang="en", bundled=False).findings if f.rule.startswith("KA00")]
    assert (finding.rule, finding.severity, finding.location.table) == (TABLE_UNREAD, "info", "表2")
    assert finding.message == "表2 not fully read: no data rows were read (only a caption or a header)"
