"""Tests for the PDF reader: ruled tables and merged cells, locations, errors, and the sample built as PDF."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from keneng_audit import cli
from keneng_audit.audit import audit_document, load_rules
from keneng_audit.errors import InputError
from keneng_audit.reading import read_report
from keneng_audit.reading.decode import decode_text
from keneng_audit.reading.pdf import read_pdf
from keneng_audit.reading.pdf_plumber import page_items
from keneng_audit.resources import sample_report
from tests.make_fixtures import (cjk_font, facts_signature, findings_signature, tables_signature, text_pages,
                                 write_ruled_pdf, write_text_pdf)


def _ruled_pdf() -> bytes:
    font = cjk_font()
    style = ParagraphStyle("p", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    data = [["专业大类", "2023年", "", "备注"],
            ["", "人数", "占比", ""],
            ["装备制造大类", "12", "40%", "第一行\n第二行"],
            ["", "18", "60%", "x"],
            ["合计", "30", "", ""]]
    table = Table(data)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 10), ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("SPAN", (1, 0), (2, 0)), ("SPAN", (0, 0), (0, 1)), ("SPAN", (0, 2), (0, 3)), ("SPAN", (1, 4), (2, 4)),
    ]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(
        [Paragraph("前文一段。", style), Paragraph("表 3 分专业大类在校生情况", style), table, Paragraph("后文一段。", style)]
    )
    return buf.getvalue()


def test_ruled_table_cells_and_merges_in_reading_order():
    with pdfplumber.open(io.BytesIO(_ruled_pdf())) as pdf:
        items = [item for _, item, _ in page_items(pdf.pages[0])]
    assert items == [
        "前文一段。",
        "表 3 分专业大类在校生情况",
        [["专业大类", "2023年", "2023年", "备注"],
         ["", "人数", "占比", ""],
         ["装备制造大类", "12", "40%", "第一行第二行"],
         ["装备制造大类", "18", "60%", "x"],
         ["合计", "30", "", ""]],
        "后文一段。",
    ]


def _encrypted(user_password: str) -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption(user_password, "owner"))
    pdf.drawString(50, 700, "hello 123")
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _blank_pdf() -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.rect(50, 50, 100, 100)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_encrypted("secret"), "password-protected PDF"),
        (b"%PDF-1.4\n garbage", "corrupt or unreadable PDF"),
        (_encrypted("secret")[:300], "corrupt or unreadable PDF"),
        (_blank_pdf(), "no text layer"),
    ],
)
def test_unreadable_pdf_is_one_line_input_error(data, message):
    with pytest.raises(InputError) as err:
        read_pdf("r.pdf", data)
    text = str(err.value)
    assert message in text and "\n" not in text and text.startswith("r.pdf: ")


def test_small_ruled_pdf_table_read_from_its_cells(tmp_path):
    path = tmp_path / "ruled.pdf"
    path.write_bytes(_ruled_pdf())
    doc = read_report(path)
    [table] = doc.tables
    assert (table.key, table.caption) == ("表3", "分专业大类在校生情况")
    assert table.columns == ["专业大类", "2023年人数", "2023年占比", "备注"]
    assert [(r.label, r.cells["2023年人数"].value) for r in table.rows] == [
        ("装备制造大类", 12.0), ("装备制造大类/x", 18.0), ("合计", 30.0)]
    assert "2023年占比" not in table.row("合计").cells  # a number merged across cells counts once
    cell = table.cell("合计", "2023年人数")
    assert (cell.source.page, cell.source.page_line) == (1, 7)
    assert doc.lines[cell.source.line - 1] == "合计 30"
    assert [p.text for p in doc.paragraphs] == ["前文一段。", "后文一段。"]


# ---------------------------------------------------------------- the test reports built as PDF

SECOND_REPORT = Path(__file__).parent.parent / "fixtures" / "second-report" / "report.txt"
REPORTS = {  # report → (its text file, tables, running header)
    "sample": (sample_report(), 37, "重庆市科能高级技工学校 质量年度报告（2024）"),
    "second": (SECOND_REPORT, 12, "云岭交通技工学校 质量年度报告（2024）"),
}


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """Builds each report's PDFs once per module: the text report, the same lines page by page as a PDF
    (tables as plain lines, a running header and page numbers on every page), and the report typeset with
    ruled tables whose header repeats on each page they run over."""
    built: dict[str, tuple] = {}

    def get(name: str) -> tuple:
        if name not in built:
            path, _, header = REPORTS[name]
            text_doc = read_report(path)
            pages, found_header = text_pages(decode_text(str(path), path.read_bytes()))
            assert found_header == header
            folder = tmp_path_factory.mktemp("pdf")
            lines_pdf = read_report(write_text_pdf(pages, folder / f"{name}.pdf", header))
            ruled_pdf = read_report(write_ruled_pdf(text_doc, folder / f"{name}-ruled.pdf", header))
            built[name] = (name, text_doc, lines_pdf, ruled_pdf)
        return built[name]

    return get


@pytest.fixture(params=list(REPORTS))
def report_pdfs(request, build):
    return build(request.param)


def test_pdf_has_the_text_reports_tables_sections_and_facts(report_pdfs):
    name, text_doc, pdf_doc, _ = report_pdfs
    assert pdf_doc.format == "pdf"
    assert len(pdf_doc.tables) == REPORTS[name][1]
    assert tables_signature(pdf_doc) == tables_signature(text_doc)
    assert [(s.number, s.title) for s in pdf_doc.sections] == [(s.number, s.title) for s in text_doc.sections]
    assert facts_signature(pdf_doc) == facts_signature(text_doc)
    assert pdf_doc.title == text_doc.title


def _squashed(signature: dict) -> dict:
    """A line break inside a cell hides whether a blank was printed there: compare cell texts without blanks."""
    return {key: (*head, tuple((label, serial, parent, tuple((c, "".join(t.split()), v) for c, t, v in cells))
                               for label, serial, parent, cells in rows))
            for key, (*head, rows) in signature.items()}


def test_ruled_pdf_tables_from_cells_equal_the_text_reports(report_pdfs):
    _, text_doc, _, ruled_doc = report_pdfs
    assert _squashed(tables_signature(ruled_doc)) == _squashed(tables_signature(text_doc))
    squash = [(*f[:4], "".join(f[4].split())) for f in facts_signature(text_doc)]
    assert [(*f[:4], "".join(f[4].split())) for f in facts_signature(ruled_doc)] == squash


def test_pdfs_give_the_text_reports_findings(report_pdfs):
    _, text_doc, pdf_doc, ruled_doc = report_pdfs
    packs = load_rules()
    expected = findings_signature(audit_document(text_doc, packs))
    assert expected  # both reports have findings to compare
    assert findings_signature(audit_document(pdf_doc, packs)) == expected
    assert findings_signature(audit_document(ruled_doc, packs)) == expected


@pytest.fixture
def sample_pdfs(build):
    return build("sample")


def test_sample_pdf_locations_are_page_line_in_page_and_global_line(sample_pdfs):
    _, _, pdf_doc, _ = sample_pdfs
    header = REPORTS["sample"][2]
    cell = pdf_doc.table("表3").cell("装备制造大类", "增加比率（%）")
    assert cell.text == "40.5%"
    assert pdf_doc.lines[cell.source.line - 1] == "装备制造大类 1512 899 613 40.5%"
    assert (cell.source.page, cell.source.page_line) == (9, 13)
    # Line 1 of every page is the running header, dropped as furniture but still counted.
    assert pdf_doc.lines[cell.source.line - cell.source.page_line] == header
    assert all(header not in p.text for p in pdf_doc.paragraphs)


def test_ruled_sample_pdf_joins_a_table_broken_by_a_page_end(sample_pdfs):
    _, text_doc, _, ruled_doc = sample_pdfs
    table = ruled_doc.table("附表3")
    assert len({c.source.page for r in table.rows for c in r.cells.values()}) >= 2
    assert len(table.rows) == len(text_doc.table("附表3").rows)  # the repeated header row is not a row


def test_check_on_pdf_reports_pages_and_a_text_baseline_applies(build, tmp_path):
    """`keneng-audit check` on the PDF: the text report's findings with pages, and the baseline written from
    the text report accepts every one of them (fingerprints carry no line numbers)."""
    _, text_doc, pdf_doc, _ = build("second")
    runner = CliRunner()
    baseline = tmp_path / "baseline.json"
    written = runner.invoke(cli.main, ["check", str(SECOND_REPORT), "--write-baseline", str(baseline)])
    assert written.exit_code in (0, 1), written.output
    result = runner.invoke(cli.main, ["check", pdf_doc.path, "--format", "json"])
    assert result.exit_code == 1, result.output
    [report] = json.loads(result.stdout)["reports"]
    rules = sorted(f["rule"] for f in report["findings"])
    assert rules == sorted(f[0] for f in findings_signature(audit_document(text_doc, load_rules())))
    growth = next(f for f in report["findings"] if f["location"]["table"] == "表2" and f["location"]["row"] == "交通运输大类")
    assert {v["page"] for v in growth["values"]} == {3}
    quiet = runner.invoke(cli.main, ["check", pdf_doc.path, "--baseline", str(baseline), "--format", "json"])
    assert quiet.exit_code == 0, quiet.output
    assert json.loads(quiet.stdout)["reports"][0]["findings"] == []


def test_fake_bold_characters_printed_twice_are_read_once():
    font = cjk_font()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont(font, 12)
    for dx in (0, 0.3):  # WPS and Word draw "bold" CJK text twice when the font has no bold face
        pdf.drawString(50 + dx, 700, "表 8 教职工总体情况")
    pdf.drawString(50, 680, "专任教师 177 人。")
    pdf.showPage()
    pdf.save()
    doc = read_pdf("bold.pdf", buf.getvalue())
    assert doc.lines == ["表 8 教职工总体情况", "专任教师 177 人。"]


def test_a_sentence_cut_by_a_pdf_page_end_after_a_short_line_is_one_paragraph(tmp_path):
    pages = [["1.概况", "学校位于山区。", "现有教职工 90 人，学校共有"], ["在校生 1200 人。", "一、背景目标"], ["学校地处山区。"]]
    doc = read_report(write_text_pdf(pages, tmp_path / "r.pdf", "某某学校质量年度报告（2025）"))
    assert [p.text for p in doc.paragraphs] == ["学校位于山区。", "现有教职工 90 人，学校共有在校生 1200 人。", "一、背景目标",
                                                "学校地处山区。"]
    fact = next(f for f in doc.facts if f.number.text == "1200")
    assert (fact.source.page, fact.source.page_line) == (2, 2)  # line 1 of each page is the running header


def test_ruled_tables_are_read_without_pdfplumber_when_every_cell_is_closed(build, monkeypatch):
    """pdfium reads a grid of thin lines itself; pdfplumber is left for merged cells (see the small ruled PDF)."""
    from keneng_audit.reading import pdf_plumber

    _, text_doc, _, ruled_doc = build("second")
    calls = []
    monkeypatch.setattr(pdf_plumber, "page_items", lambda page: calls.append(page) or [])
    again = read_report(ruled_doc.path)
    assert calls == []
    assert _squashed(tables_signature(again)) == _squashed(tables_signature(text_doc))


def test_merged_cells_are_read_by_pdfium_as_pdfplumber_reads_them(monkeypatch):
    """A rule left out between grid positions merges them (LibreOffice and Word draw merged cells so): pdfium
    reads the page itself, cell by cell, as pdfplumber would (see test_ruled_table_cells_and_merges_in_reading_order)."""
    from keneng_audit.reading import pdf_plumber

    with pdfplumber.open(io.BytesIO(_ruled_pdf())) as pdf:
        by_pdfplumber = [item for _, item, _ in page_items(pdf.pages[0])]
    monkeypatch.setattr(pdf_plumber, "page_items", lambda page: pytest.fail("the page went to pdfplumber"))
    doc = read_pdf("ruled.pdf", _ruled_pdf())
    [table] = doc.tables
    assert table.columns == ["专业大类", "2023年人数", "2023年占比", "备注"]
    from keneng_audit.reading.pdf import _pages

    assert [item for _, item, _ in _pages(_ruled_pdf())[0]] == by_pdfplumber


def test_a_grid_whose_merged_cell_is_no_rectangle_goes_to_pdfplumber():
    from keneng_audit.reading.pdf_rules import _cells

    # an L-shaped region: (0,0) open to (0,1) and (1,0), but (1,1) closed off
    assert _cells(2, 2, lambda i, j: i == 0, lambda i, j: j == 0) is None
    assert _cells(2, 2, lambda i, j: i == 0, lambda i, j: False) == [[(0, 0, 0, 1), (0, 0, 0, 1)],
                                                                     [(1, 0, 1, 0), (1, 1, 1, 1)]]


def _drawn_pdf(draw) -> bytes:
    """A page with a caption, a 3 × 2 table whose cells `draw(pdf, x, y, w, h)` outlines, and a sentence."""
    font = cjk_font()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont(font, 10)
    pdf.drawString(60, 780, "某某学校质量年度报告（2024）")
    pdf.line(60, 775, 535, 775)  # a rule under the running header
    pdf.drawString(60, 700, "表 1-1 在校生情况")
    cells = [["专业", "人数"], ["会计", "600"], ["合计", "1200"]]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            x, y = 60 + c * 120, 670 - r * 20
            draw(pdf, x, y, 120, 20)
            pdf.drawString(x + 4, y + 6, text)
    pdf.drawString(60, 590, "学校现有在校生 1200 人。")
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _boxed(pdf, x, y, w, h):
    pdf.rect(x, y, w, h, stroke=1, fill=0)


def _shaded(pdf, x, y, w, h):
    pdf.setFillGray(0.9)
    pdf.rect(x + 1, y + 1, w - 2, h - 2, stroke=0, fill=1)  # a cell background
    pdf.setFillGray(0)
    pdf.setLineWidth(0.5)
    pdf.line(x, y, x + w, y), pdf.line(x, y + h, x + w, y + h), pdf.line(x, y, x, y + h), pdf.line(x + w, y, x + w, y + h)


@pytest.mark.parametrize("draw", [_boxed, _shaded], ids=["stroked-boxes", "lines-over-backgrounds"])
def test_boxed_or_shaded_cells_and_a_header_rule_are_read_by_pdfium(draw, monkeypatch):
    from keneng_audit.reading import pdf_plumber

    monkeypatch.setattr(pdf_plumber, "page_items", lambda page: pytest.fail("the page went to pdfplumber"))
    doc = read_pdf("drawn.pdf", _drawn_pdf(draw))
    [table] = doc.tables
    assert (table.key, table.columns) == ("表1-1", ["专业", "人数"])
    assert [(r.label, r.cells["人数"].value) for r in table.rows] == [("会计", 600), ("合计", 1200)]
    assert [p.text for p in doc.paragraphs][-1] == "学校现有在校生 1200 人。"


def test_a_browsers_margin_lines_do_not_cut_a_table_broken_by_a_page_end():
    """Chromium prints the date and the file's address in the margins (unless told not to); pdfium may read the
    second page's glyph by glyph. The table's rows on both pages are still one table."""
    font = cjk_font()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    rows = [[f"专业{n:02d}", str(100 + n)] for n in range(1, 9)]

    def grid(top: float, body: list[list[str]]) -> None:
        for r, row in enumerate([["专业", "人数"], *body]):
            for c, text in enumerate(row):
                x, y = 60 + c * 120, top - (r + 1) * 20
                pdf.rect(x, y, 120, 20, stroke=1, fill=0)
                pdf.drawString(x + 4, y + 6, text)

    pdf.setFont(font, 10)
    pdf.drawString(30, 830, "12/3/26, 3:03 PM")
    pdf.drawString(60, 740, "表 1 各专业在校生人数")
    grid(730, rows[:4])
    pdf.drawString(30, 20, "file:///tmp/report-of-the-school.html 1/2")
    pdf.showPage()
    pdf.setFont(font, 10)
    for k, scrap in enumerate(["12", "/3/", "26,", "3:0", "3", "PM"]):
        pdf.drawString(30 + 30 * k, 830 - 2 * k, scrap)
    grid(760, rows[4:])
    pdf.drawString(60, 600, "以上为各专业在校生人数。")
    pdf.showPage()
    pdf.save()
    doc = read_pdf("browser.pdf", buf.getvalue())
    [table] = doc.tables
    assert [(r.label, r.cells["人数"].value) for r in table.rows] == [(label, int(n)) for label, n in rows]
    assert not any(p.text in ("12", "3", "PM") for p in doc.paragraphs)


def test_two_tables_whose_borders_stand_a_fraction_of_a_point_apart_keep_their_columns():
    """Chromium places the same column's border 0.7 pt apart in two tables of one page."""
    font = cjk_font()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont(font, 10)
    for k, (caption, shift) in enumerate([("表 1 在校生", 0.0), ("表 2 毕业生", 0.74)]):
        top = 760 - k * 200
        pdf.drawString(60, top + 10, caption)
        for r, row in enumerate([["专业", "人数", "占比"], ["会计", "60", "40.0"], ["合计", "150", "100.0"]]):
            for c, text in enumerate(row):
                x, y = 60 + c * 100 + (shift if c else 0), top - (r + 1) * 20
                pdf.setLineWidth(0.75)
                pdf.rect(x, y, 100 + (0 if c else shift), 20, stroke=1, fill=0)
                pdf.drawString(x + 4, y + 6, text)
    pdf.showPage()
    pdf.save()
    doc = read_pdf("two.pdf", buf.getvalue())
    assert [(t.key, t.columns) for t in doc.tables] == [("表1", ["专业", "人数", "占比"]), ("表2", ["专业", "人数", "占比"])]


def _one_glyph_line_pdf() -> bytes:
    """A label wrapped so that its last character stands alone on a line, in a font the PDF does not embed."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont(cjk_font(), 10)
    for y, line in ((700, "其中：应届毕业生满意"), (684, "度"), (668, "% 89 90 121 网络问卷调查")):
        pdf.drawString(50, y, line)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def test_a_line_of_one_glyph_in_a_font_not_embedded_is_read():
    """pdfium leaves out a text object of one glyph when the font is neither embedded nor installed (a machine
    without Chinese fonts); such a page is read through pdfplumber instead."""
    assert read_pdf("one.pdf", _one_glyph_line_pdf()).lines[:3] == ["其中：应届毕业生满意", "度", "% 89 90 121 网络问卷调查"]


def test_glyphs_without_height_send_the_page_to_pdfplumber(monkeypatch):
    """As pdfium measures a font it has not got: the page goes to pdfplumber, which reads every glyph."""
    from keneng_audit.reading import pdf_plumber, pdf_text

    measured = pdf_text.CharBoxes.__call__
    monkeypatch.setattr(pdf_text.CharBoxes, "__call__",
                        lambda self, k: (lambda b: (b[0], b[1], b[2], b[1]))(measured(self, k)))
    sent: list[int] = []
    monkeypatch.setattr(pdf_plumber, "page_items", lambda page, real=pdf_plumber.page_items: (
        sent.append(page.page_number), real(page))[1])
    assert read_pdf("one.pdf", _one_glyph_line_pdf()).lines[:3] == ["其中：应届毕业生满意", "度", "% 89 90 121 网络问卷调查"]
    assert sent == [1]


def test_a_first_stroke_of_one_is_not_taken_for_a_missing_font(monkeypatch):
    """一's ink is one thin stroke: a heading that starts with it keeps its page with pdfium."""
    from keneng_audit.reading import pdf_plumber

    if not _cjk_font_installed():
        pytest.skip("needs a Chinese font on the machine (.ci/run installs one)")
    monkeypatch.setattr(pdf_plumber, "page_items", lambda page: pytest.fail("the page went to pdfplumber"))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont(cjk_font(), 16)
    pdf.drawString(50, 700, "一、学校概况")
    pdf.showPage()
    pdf.save()
    assert read_pdf("one.pdf", buf.getvalue()).lines == ["一、学校概况"]


def _cjk_font_installed() -> bool:
    import subprocess

    try:
        return bool(subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=30).stdout.strip())
    except (OSError, subprocess.SubprocessError):
        return False


def _wrapped_title_pdf(first: str, second: str) -> bytes:
    """A title set large over two lines, a heading set larger than the body, and a sentence."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont(cjk_font(), 20)
    pdf.drawString(60, 760, first)
    pdf.drawString(60, 734, second)
    pdf.setFont(cjk_font(), 14)
    pdf.drawString(60, 690, "一、学校概况")
    pdf.setFont(cjk_font(), 10)
    for k, line in enumerate(["学校始建于 1984 年，现有在校生 3752 人，专任教师 210 人，占地 200 亩，建有实训室 40 个。",
                              "学校坚持立德树人，深化产教融合，办学质量稳步提升，社会声誉持续提高，服务区域发展。"]):
        pdf.drawString(60, 660 - 16 * k, line)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


@pytest.mark.parametrize("first,second,title", [
    ("四川省雅州工业职业技术学校 2024", "年质量年度报告", "四川省雅州工业职业技术学校2024年质量年度报告"),
    ("四川省雅州工业职业技术学校", "2024 年质量年度报告", "四川省雅州工业职业技术学校2024年质量年度报告"),
])
def test_a_title_wrapped_over_two_lines_is_one_title_and_no_heading(first, second, title):
    """A new user's PDF: the title's first line, set large, was taken for chapter 1, so every section became
    `1一`, `1一（一）` … and the title lost its school and year."""
    doc = read_pdf("title.pdf", _wrapped_title_pdf(first, second))
    assert doc.title == title
    assert [(s.number, s.title) for s in doc.sections] == [("一", "学校概况")]
