"""Borderless tables in a LibreOffice PDF (review NEW-2; tests/fixtures/exports/review, the reviewer's N2 report
saved as DOCX and printed to PDF with no cell borders): pdfium writes one blank for any gap, so the columns come from
the characters' places. The PDF reads like its DOCX, its consistent twin stays silent and its table errors are found."""

from __future__ import annotations

from pathlib import Path

import pytest

from keneng_audit.audit import audit_document
from keneng_audit.reading import read_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs
from tests.make_fixtures import findings_signature

HERE = Path(__file__).parent.parent / "fixtures" / "exports" / "review"


@pytest.fixture(scope="module")
def packs():
    return load_packs([rules_dir() / "national"])


@pytest.fixture(scope="module", params=["consistent", "injected"])
def pair(request):
    name = request.param
    return name, read_report(HERE / f"n2-{name}-noborder.pdf"), read_report(HERE / f"n2-{name}-noborder.docx")


def test_the_pdf_reads_the_tables_of_its_docx(pair):
    _, pdf, docx = pair
    assert [(t.key, t.caption, t.columns) for t in pdf.tables] == [(t.key, t.caption, t.columns) for t in docx.tables]
    for mine, theirs in zip(docx.tables, pdf.tables):
        if mine.key == "表1.3":
            continue  # its 专业大类 merged down and centred: see below
        assert theirs.texts().to_dict() == mine.texts().to_dict(), mine.key
        assert theirs.problems == [], mine.key


def test_a_title_over_two_columns_and_wrapped_cells(pair):
    _, pdf, _ = pair
    table = pdf.table("表1.2")
    assert table.columns == ["专业大类", "2024年人数", "2024年占比（%）", "2025年人数", "2025年占比（%）"]
    assert table.cell("合计", "2025年人数").text == "11,036"
    assert pdf.table("表1.1").columns == ["指标", "2023年", "2024年", "2025年"]


def test_a_label_merged_down_and_centred_keeps_every_row(pair):
    """The known gap: a 专业大类 centred on the rows it spans is read on its middle row only (the rows above and
    below get no 大类), but every row keeps its own values."""
    _, pdf, docx = pair
    theirs, mine = pdf.table("表1.3"), docx.table("表1.3")
    def by_name(table):
        return {r.cells["专业名称"].text: r.cells["在校生（人）"].text for r in table.rows if "专业名称" in r.cells
                and r.cells["专业名称"].text not in ("", "合计")}
    assert by_name(theirs) == by_name(mine)
    assert len(by_name(theirs)) == 10
    assert theirs.row("合计").cells["在校生（人）"].text == "11,036"


def test_consistent_twin_is_silent_and_table_errors_are_found(pair, packs):
    name, pdf, _ = pair
    errors = [f for f in audit_document(pdf, packs).findings if f.severity in ("error", "warning")]
    if name == "consistent":
        assert errors == []
        return
    found = {(f.location.table, v.text) for f in errors for v in f.values}
    for table, printed in [("表1.2", "2,100"), ("表2.1", "23"), ("表3.1", "38,251.40"), ("表4.1", "21.9")]:
        assert (table, printed) in found


@pytest.mark.parametrize("name", ["consistent", "injected"])
def test_unit_note_over_a_borderless_table_whose_caption_is_below(name, packs):
    """The reviewer's N5 (`单位：元` right above 表4, its caption below; no cell borders) reads as its text version:
    the note is the table's unit, not a header line (`单位：元2024年`)."""
    pdf = read_report(HERE / f"n5-{name}-noborder.pdf")
    text = read_report(HERE / f"n5-{name}.txt")
    assert pdf.table("表4").unit == text.table("表4").unit == "元"
    assert pdf.table("表4").columns == ["收入项目", "2023年", "2024年", "增减额", "增长率（%）"]
    assert [t.texts().to_dict() for t in pdf.tables] == [t.texts().to_dict() for t in text.tables]
    errors = [f for f in audit_document(pdf, packs).findings if f.severity in ("error", "warning")]
    if name == "consistent":
        assert errors == []
    else:
        assert findings_signature(audit_document(pdf, packs)) == findings_signature(audit_document(text, packs))
