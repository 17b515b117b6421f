"""Real exports of the layout fixture read like its text: a PDF Chromium printed from HTML, a DOCX as Word saves it."""

from __future__ import annotations

import pytest

from keneng_audit.audit import audit_document, load_rules
from keneng_audit.reading import read_report
from tests import make_exports, make_layout_fixture
from tests.make_fixtures import facts_signature, findings_signature

PDF = make_exports.EXPORTS / "layout-chromium.pdf"


@pytest.fixture(scope="module")
def text_doc():
    return read_report(make_layout_fixture.FIXTURE / "report.txt")


@pytest.fixture(scope="module")
def pdf_doc():
    return read_report(PDF)


@pytest.fixture(scope="module")
def docx_doc(tmp_path_factory):
    return read_report(make_exports.word_docx(tmp_path_factory.mktemp("word") / "layout.docx"))


def test_the_committed_pdf_was_printed_from_what_the_generator_writes():
    assert (make_exports.EXPORTS / "layout.html").read_text(encoding="utf-8") == make_exports.layout_html()
    assert PDF.read_bytes().startswith(b"%PDF") and b"Skia/PDF" in PDF.read_bytes()  # printed by Chromium


@pytest.fixture(params=["pdf", "docx"])
def export(request, pdf_doc, docx_doc):
    return pdf_doc if request.param == "pdf" else docx_doc


def test_export_gives_the_texts_sections_and_tables_cell_by_cell(export, text_doc):
    assert export.title == text_doc.title
    assert [(s.number, s.title) for s in export.sections] == [(s.number, s.title) for s in text_doc.sections]
    assert [(t.key, t.caption, t.section, t.unit, t.period_axis) for t in export.tables] == [
        (t.key, t.caption, t.section, t.unit, t.period_axis) for t in text_doc.tables]
    for mine, theirs in zip(text_doc.tables, export.tables):
        assert theirs.columns == mine.columns, mine.key
        assert theirs.texts().to_dict() == mine.texts().to_dict(), mine.key
        assert [(r.label, r.serial, r.parent) for r in theirs.rows] == [(r.label, r.serial, r.parent) for r in mine.rows]


def test_export_gives_the_texts_prose_facts_and_findings(export, text_doc):
    assert facts_signature(export) == facts_signature(text_doc)
    # The text reader takes the title line for the running header printed on every page; here it is a line.
    assert [p.text for p in export.paragraphs if p.text != export.title] == [p.text for p in text_doc.paragraphs]
    packs = load_rules()
    assert findings_signature(audit_document(export, packs)) == findings_signature(audit_document(text_doc, packs))


def test_chromium_pdf_is_read_by_pdfium_alone_with_pages_and_furniture_dropped(monkeypatch, text_doc):
    """Chromium draws borders as thin filled boxes, header cells on a grey background, each space alone."""
    from keneng_audit.reading import pdf_plumber

    monkeypatch.setattr(pdf_plumber, "page_items", lambda page: pytest.fail("a page went to pdfplumber"))
    doc = read_report(PDF)
    broken = doc.table("表3-2")  # broken by a page end, its header repeated on the next page
    assert [r.label for r in broken.rows] == [r.label for r in text_doc.table("表3-2").rows]
    assert {c.source.page for r in broken.rows for c in r.cells.values()} == {2, 3}
    assert not any("页" in p.text or "江北财贸职业学校　" in p.text for p in doc.paragraphs)
    cell = doc.table("表4-1").cell("合计", "2024年")
    assert (cell.text, cell.value, cell.source.page) == ("14,800,000.00", 14800000.0, 3)


def test_word_export_merged_cells_are_read_once_per_row(docx_doc):
    awards = docx_doc.table("表3-2")  # 授予单位 市教育局 merged down three rows
    assert [r.cells["授予单位"].text for r in awards.rows] == ["教育部", "省教育厅", "市教育局", "市教育局", "市教育局"]
