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
    assert not re.search(r"^\S+ KA\d+ .*(?<!表内)第\xa0[\d、…–\xa0]+\xa0行", rich, re.M)
    # A Word table's row is counted within the table, as Word shows it.
    assert "错误 KA472 ratio-claim  §二（一）  第\xa013\xa0段；表1-1\xa0表内第\xa07\xa0行、表2-2\xa0表内第\xa06\xa0行" in rich
    assert "410（§三（一），第 20 段） vs 400（表3-1" in rich.replace("\n  ", "")
    markdown = _out(runner, "--format", "markdown")
    assert "（第 13 段；表1-1 表内第 7 行、表2-2 表内第 6 行）" in markdown and not re.search(r"（第 [\d、]+ 行）", markdown)
    github = _out(runner, "--format", "github")
    assert "line=" not in github and "（第 13 段；表1-1 表内第 7 行、表2-2 表内第 6 行）" in github
    csv = _out(runner, "--format", "csv")
    assert ",第 13 段；表1-1 表内第 7 行、表2-2 表内第 6 行," in csv


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


def _pdf_result():
    from keneng_audit.findings import AuditResult

    values = (PrintedValue("4.5", 4.5, "表1-1 2025年 / 增长率（%）", 13, table="表1-1", page=1),
              PrintedValue("12,480", 12480.0, "表1-1 2025年 / 在校生", 12, table="表1-1", page=1),
              PrintedValue("11,920", 11920.0, "附表6 在校生", 90, table="附表6", page=4))
    finding = Finding("KA5406", "inferred-growth", "error", "表1-1 2025年 增长率印刷为 4.5，应为 4.7%",
                      FindingLocation("r.pdf", table="表1-1", lines=(12, 13, 90)), values, expected="4.7%",
                      actual="4.5")
    return AuditResult(file="r.pdf", findings=[finding])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_pdf_is_annotated_by_page_never_by_a_line_nobody_sees(lang):
    """GitHub needs a line of the file an annotation points to, and a PDF has none a viewer shows: the annotation
    names the PDF without a line and says the pages in its message; SARIF has no region but the pages."""
    import io
    import json

    from keneng_audit.reporters import github_report, sarif_report
    from keneng_audit.reporters._rows import finding_rows

    result = _pdf_result()
    out = io.StringIO()
    github_report.render([result], out, lang)
    [line] = out.getvalue().splitlines()
    assert line.startswith("::error file=r.pdf,title=KA5406") and "line=" not in line
    assert line.endswith("（第 1、4 页；表1-1、附表6）" if lang == "zh" else " (page 1, 4; 表1-1, 附表6)")
    out = io.StringIO()
    sarif_report.render([result], out, lang)
    sarif = json.loads(out.getvalue())["runs"][0]["results"][0]
    assert "region" not in json.dumps(sarif)
    assert sarif["locations"][0]["message"]["text"] == ("第 1、4 页；表1-1、附表6" if lang == "zh" else "page 1, 4; 表1-1, 附表6")
    assert sarif["properties"]["pages"] == [1, 4]
    related = [r["message"]["text"] for r in sarif["relatedLocations"]]
    assert related[2] == ("11,920（附表6 在校生，第 4 页）" if lang == "zh" else "11,920 (附表6 在校生, page 4)")
    # A spreadsheet row names the pages beside the lines (the lines of the extracted text, as rich output says).
    rows = finding_rows([result], lang)
    assert rows.iloc[0, 9] == ("第 12、13、90 行（第 1、4 页）" if lang == "zh" else "lines 12, 13, 90 (page 1, 4)")


def test_text_input_keeps_its_lines_in_github_and_sarif():
    import io
    import json

    from keneng_audit.findings import AuditResult
    from keneng_audit.reporters import github_report, sarif_report

    pdf = _pdf_result().findings[0]
    text = Finding(pdf.rule, pdf.name, pdf.severity, pdf.message, FindingLocation("r.txt", table="表1-1", lines=(12, 13, 90)),
                   tuple(PrintedValue(v.text, v.value, v.label, v.line, table=v.table) for v in pdf.values),
                   expected=pdf.expected, actual=pdf.actual)
    out = io.StringIO()
    github_report.render([AuditResult(file="r.txt", findings=[text])], out, "zh")
    assert out.getvalue().startswith("::error file=r.txt,line=13,title=KA5406") and "（另见第 12、90 行）" in out.getvalue()
    out = io.StringIO()
    sarif_report.render([AuditResult(file="r.txt", findings=[text])], out, "zh")
    sarif = json.loads(out.getvalue())["runs"][0]["results"][0]
    assert sarif["locations"][0]["physicalLocation"]["region"] == {"startLine": 13}  # the printed value, as GitHub
    assert [r["physicalLocation"]["region"]["startLine"] for r in sarif["relatedLocations"]] == [13, 12, 90]


def test_a_pdf_value_is_found_by_page_and_line_within_it_and_a_word_cell_by_row_and_column():
    """The places the readers give (pdfdocx2's SourceRef): a PDF's page and line within the page, a Word table
    cell's row and column within its table; with them no global line ordinal is shown."""
    from keneng_audit.findings import places

    assert value_text(PrintedValue("4.5", 4.5, "表1-1 2025年 / 增长率", 13, table="表1-1", page=1, page_line=9),
                      "zh") == "4.5（表1-1 2025年 / 增长率，第 1 页第 9 行）"
    assert value_text(PrintedValue("4.5", 4.5, "x", 13, page=1, page_line=9), "en") == "4.5 (x, page 1, line 9)"
    values = (PrintedValue("4.5", 4.5, "表1-1", 13, table="表1-1", page=1, page_line=9),
              PrintedValue("11,920", 11920.0, "附表6", 90, table="附表6", page=4, page_line=2))
    pdf = Finding("KA5406", "inferred-growth", "error", "…", FindingLocation("r.pdf", lines=(13, 90)), values)
    assert place_text([pdf], "zh") == "第 1 页第 9 行；第 4 页第 2 行"
    cell = PrintedValue("410", 410.0, "表1-2 二年级 / 人数", 30, table="表1-2", table_row=3, table_column=2)
    assert value_text(cell, "zh", docx=True) == "410（表1-2 二年级 / 人数，表内第 3 行第 2 列）"
    word = Finding("KA5100", "inferred-sum", "error", "…", FindingLocation("r.docx", table="表1-2", lines=(30,)), (cell,))
    assert place_text([word], "zh") == "表1-2 表内第 3 行" and place_text([word], "en") == "表1-2 row 3"

    class Source:  # a reader's SourceRef
        line, page, paragraph, page_line, table_row, table_column = 30, None, None, None, 3, 2
    assert places(Source()) == {"page": None, "paragraph": None, "page_line": None, "table_row": 3, "table_column": 2}
