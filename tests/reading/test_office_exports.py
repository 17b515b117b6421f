"""Reports saved and printed by LibreOffice (tests/fixtures/exports/office, made by tests/make_office_exports.py):
each DOCX and PDF reads the sections, tables, values and prose of its text fixture; consistent twins stay silent
and every injected error is found, in the export as in the text."""

from __future__ import annotations

import json
import zipfile

import pytest

from keneng_audit.audit import audit_document
from keneng_audit.reading import read_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs
from tests.make_fixtures import facts_signature, findings_signature
from tests.make_office_exports import BORDERLESS, OUT, REPORTS, SPLIT, office_fodt

ALL = {**REPORTS, **BORDERLESS, **SPLIT}
INJECTED = {name: json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            for name, path in ALL.items() if name.endswith("injected")}
# borderless tables only as PDF: pdfium gives their text with one blank for any gap, columns come from positions
# split: every table of five rows or more printed as two Word tables, one under the other, the header repeated
EXPORTS = ([(name, fmt) for name in [*REPORTS, *SPLIT] for fmt in ("docx", "pdf")]
           + [(name, "pdf") for name in BORDERLESS])


@pytest.fixture(scope="module")
def packs():
    return load_packs([rules_dir() / "national"])


@pytest.fixture(scope="module")
def texts():
    return {name: read_report(path) for name, path in ALL.items()}


@pytest.fixture(scope="module")
def exports():
    return {(name, fmt): read_report(OUT / f"{name}.{fmt}") for name, fmt in EXPORTS}


@pytest.mark.parametrize("name", ALL)
def test_the_committed_documents_are_what_the_generator_writes(name, texts):
    fodt = office_fodt(texts[name], borders=name not in BORDERLESS, split=name in SPLIT)
    assert (OUT / f"{name}.fodt").read_text(encoding="utf-8") == fodt


@pytest.mark.parametrize("name", BORDERLESS)
def test_borderless_exports_draw_no_rules(name):
    """No table rule is drawn: the reader has only the characters' places to find the columns."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    pdf = pypdfium2.PdfDocument(OUT / f"{name}.pdf")
    assert pdf.get_metadata_dict()["Producer"].startswith("LibreOffice")
    paths = sum(1 for page in pdf for obj in page.get_objects() if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH)
    pdf.close()
    assert paths == 0


@pytest.mark.parametrize("name", [*REPORTS, *SPLIT])
def test_the_exports_were_written_by_libreoffice(name):
    import pypdfium2

    pdf = pypdfium2.PdfDocument(OUT / f"{name}.pdf")
    assert pdf.get_metadata_dict()["Producer"].startswith("LibreOffice")
    pdf.close()
    with zipfile.ZipFile(OUT / f"{name}.docx") as docx:
        assert "LibreOffice" in docx.read("docProps/app.xml").decode("utf-8")


def _merged_down(export, text):
    """Cells the export reads empty where the text repeats the word printed above (a Writer cell merged down)."""
    theirs, mine = export.texts(), text.texts()
    above = mine.shift(1)
    return (theirs == "") & (mine != "") & (mine == above)


def _without_title(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.text != doc.title]


@pytest.mark.parametrize("name,fmt", EXPORTS)
def test_an_export_reads_like_its_text(name, fmt, texts, exports):
    text, export = texts[name], exports[(name, fmt)]
    assert export.title == text.title
    assert [(s.number, s.title) for s in export.sections] == [(s.number, s.title) for s in text.sections]
    assert [(t.key, t.caption, t.section, t.unit, t.period_axis) for t in export.tables] == [
        (t.key, t.caption, t.section, t.unit, t.period_axis) for t in text.tables]
    for mine, theirs in zip(text.tables, export.tables):
        assert theirs.columns == mine.columns, mine.key
        if name in BORDERLESS:  # a text merged down a column is printed once: its lower cells are read empty
            merged = _merged_down(theirs, mine)
            assert theirs.texts().mask(merged, "").to_dict() == mine.texts().mask(merged, "").to_dict(), mine.key
        else:
            assert theirs.texts().to_dict() == mine.texts().to_dict(), mine.key
        assert [(r.label, r.serial, r.parent) for r in theirs.rows] == [(r.label, r.serial, r.parent) for r in mine.rows]
        assert theirs.problems == [], mine.key
    assert facts_signature(export) == facts_signature(text)
    assert _without_title(export) == _without_title(text)


@pytest.mark.parametrize("name,fmt", EXPORTS)
def test_an_export_gives_its_texts_findings(name, fmt, texts, exports, packs):
    mine = audit_document(texts[name], packs)
    theirs = audit_document(exports[(name, fmt)], packs)
    assert findings_signature(theirs) == findings_signature(mine)
    errors = [f for f in theirs.findings if f.severity in ("error", "warning")]
    if name.endswith("consistent"):
        assert errors == []
    else:
        for item in INJECTED[name]:
            assert any(f.location.table == item["table"] and any(v.text == item["printed"] for v in f.values)
                       for f in errors), item


def test_libreoffice_pdf_quirks_are_undone(exports):
    """LibreOffice spaces Chinese from digits (pdfium reads `2024 年`), breaks `1800` after Chinese text at a
    line end, wraps a long number in a narrow cell, repeats a table's header on the next page, also on a page with no
    row left."""
    doc = exports[("chapters-consistent", "pdf")]
    assert any("在校生1800人" in p.text for p in doc.paragraphs)
    assert doc.table("表1-2").caption == "2024年各专业在校生分布"
    assert doc.table("表4-1").cell("财政拨款", "2024年").text == "10,290,000.00"
    assert [r.label for r in doc.table("表2-1").rows] == ["升学", "直接就业", "其他", "合计"]
    broken = exports[("college-consistent", "pdf")].table("表8")  # its header repeated on the next page
    assert {c.source.page for r in broken.rows for c in r.cells.values()} == {2, 3}
