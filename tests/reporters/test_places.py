"""Where a finding stands, as the reader of the input finds it: paragraphs and tables in Word, lines elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from keneng_audit import cli
from keneng_audit.findings import Finding, FindingLocation, PrintedValue
from keneng_audit.reporters._common import place_text, value_text

DOCX = Path(__file__).parents[1] / "fixtures" / "review-school" / "docx-injected.docx"


@pytest.fixture
def runner(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    return CliRunner()


def _out(runner, *args) -> str:
    return runner.invoke(cli.main, ["check", str(DOCX), *args], catch_exceptions=False).stdout


def test_a_word_report_is_located_by_paragraph_and_table_in_every_human_format(runner):
    rich = _out(runner)
    # No reader line ordinal in a heading: a Word user cannot find "第 25 行".
    assert not re.search(r"^\S+ KA\d+ .*第\xa0[\d、…–\xa0]+\xa0行", rich, re.M)
    assert "错误 KA472 ratio-claim  §二（一）  第\xa013\xa0段；表1-1、表2-2" in rich
    assert "410（§三（一），第 20 段） vs 400（表3-1" in rich.replace("\n  ", "")
    markdown = _out(runner, "--format", "markdown")
    assert "（第 13 段；表1-1、表2-2）" in markdown and not re.search(r"（第 [\d、]+ 行）", markdown)
    github = _out(runner, "--format", "github")
    assert "line=" not in github and "（第 13 段；表1-1、表2-2）" in github
    csv = _out(runner, "--format", "csv")
    assert ",第 13 段；表1-1、表2-2," in csv


def test_text_keeps_lines_and_a_pdf_names_its_pages_too():
    value = PrintedValue("16.8:1", 16.8, "§2.1", 25, page=3)
    finding = Finding("KA472", "ratio-claim", "error", "…", FindingLocation("r.pdf", section="2.1", lines=(25, 31)),
                      (value, PrintedValue("320", 320.0, "表1 合计", 31, table="表1", page=4)))
    assert place_text([finding], "zh") == "第 25、31 行（第 3、4 页）"
    assert place_text([finding], "en") == "lines 25, 31 (page 3, 4)"
    text = Finding("KA472", "ratio-claim", "error", "…", FindingLocation("r.txt", lines=(25,)), (value,))
    assert place_text([text], "zh") == "第 25 行（第 3 页）"
    assert value_text(PrintedValue("9", 9.0, "§1", 7, paragraph=4), "zh") == "9（§1，第 4 段）"
    assert value_text(PrintedValue("9", 9.0, "表1 a / b", 7, table="表1"), "zh", docx=True) == "9（表1 a / b）"


def test_a_prose_value_is_marked_as_a_whole_number_not_inside_another():
    from keneng_audit.reporters._anchors import _number_at

    text = "较上年增加 560 人，学校共设 6 个二级学院"
    assert text[_number_at(text, "6", 0):][:3] == "6 个"
    assert _number_at("6.5 和 16 和 6", "6", 0) == 11 and _number_at("12.5", "2.5", 0) == -1
