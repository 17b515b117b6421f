"""Findings quote bounded text: a hostile report's 100,000-digit number or megabyte line never fills an output."""

from __future__ import annotations

from click.testing import CliRunner

from keneng_audit import cli
from keneng_audit.findings import MAX_TEXT, Finding, FindingLocation, PrintedValue, bounded


def test_long_digit_runs_and_long_texts_are_elided():
    assert bounded("在校生" + "9" * 100_000 + " 人") == "在校生999999999999…9999 人"
    assert bounded("1" * 40) == "1" * 40  # a long but real code stays whole
    assert len(bounded("字" * 10_000)) == MAX_TEXT
    finding = Finding("KA490", "malformed-number", "error", "“" + "9" * 50 + "”", FindingLocation("r.txt"),
                      (PrintedValue("9" * 50, None, "§1", 3),), actual="9" * 50)
    assert finding.message == "“999999999999…9999”" and finding.actual == finding.values[0].text == "999999999999…9999"


def test_a_report_printing_a_huge_number_gives_a_short_finding(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "deep.txt").write_text("东山职业学校质量年度报告（2024）\n一、概况\n在校生" + "9" * 100_000 + " 人。\n"
                                       "表1 在校生\n专业 人数\n数控 10\n合计 10\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["check", "deep.txt", "--packs", "national"], catch_exceptions=False)
    assert result.exit_code in (0, 1) and len(result.stdout) < 5000
