"""Reports as an office suite saves and prints them: a Flat ODT with real styles, turned into DOCX and PDF by LibreOffice.

`python -m tests.make_office_exports` rewrites tests/fixtures/exports/office/: for each text fixture named in
REPORTS, the read report laid out as a Writer document (`NAME.fodt`: Title, Heading 1–3 with outline levels,
Text Body (justified), the Caption style above or below each table as the text prints it, a `单位：` line, header cells
broken by a line break, header rows that repeat on a new page, equal neighbouring cells of a text column merged
down, the running header and `第 N 页 共 M 页` in the page header and footer; LibreOffice breaks tables at page
ends where they fall: 南屿's 表8 runs over two pages, 临江's 表2-1 leaves only its repeated header on the next
page, 南屿's 表4 is parted from its caption), converted by `soffice --headless --convert-to docx` and `--convert-to pdf` (LibreOffice's own DOCX and
PDF writers: another producer than Word's python-docx shape and Chromium's PDF). Only this script needs
LibreOffice (`apt-get install libreoffice-writer-nogui`); the tests read the committed files and check that the
generator still writes the committed `.fodt`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from keneng_audit.document import Document, Table
from keneng_audit.reading import read_report
from tests.make_fixtures import _blocks, _notes, table_grid

FIXTURES = Path(__file__).parent / "fixtures"
OUT = FIXTURES / "exports" / "office"
# name of the export → its text fixture
REPORTS = {
    "chapters-consistent": FIXTURES / "layout-chapters" / "consistent.txt",
    "chapters-injected": FIXTURES / "layout-chapters" / "injected.txt",
    "college-consistent": FIXTURES / "invented-schools" / "college-consistent.txt",
    "college-injected": FIXTURES / "invented-schools" / "college-injected.txt",
    "skills-consistent": FIXTURES / "invented-schools" / "skills-consistent.txt",
    "skills-injected": FIXTURES / "invented-schools" / "skills-injected.txt",
}
# borderless tables (a Writer table with no cell borders): printed to PDF only (the DOCX keeps its cells)
BORDERLESS = {
    "college-noborder-consistent": FIXTURES / "invented-schools" / "college-consistent.txt",
    "college-noborder-injected": FIXTURES / "invented-schools" / "college-injected.txt",
    "chapters-noborder-consistent": FIXTURES / "layout-chapters" / "consistent.txt",
    "chapters-noborder-injected": FIXTURES / "layout-chapters" / "injected.txt",
}
# every table of five rows or more split in two Writer tables, the header repeated, the second part's columns
# set wider or narrower (review NEW-14): printed to DOCX and PDF
SPLIT = {
    "skills-split-consistent": FIXTURES / "invented-schools" / "skills-consistent.txt",
    "skills-split-injected": FIXTURES / "invented-schools" / "skills-injected.txt",
}
FONT = "WenQuanYi Micro Hei"
_NUMERIC = re.compile(r"^[-+−]?[\d,.]+%?$")
_UNIT_IN_HEADER = re.compile(r"^(.+?)([（(][^（()）]+[）)])$")

_NS = " ".join(f'xmlns:{k}="{v}"' for k, v in {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
}.items())

_STYLES = f"""<office:font-face-decls><style:font-face style:name="{FONT}" svg:font-family="'{FONT}'"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:line-height="130%"/>
<style:text-properties style:font-name="{FONT}" style:font-name-asian="{FONT}" fo:font-size="11pt" style:font-size-asian="11pt" fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.15cm" fo:text-indent="0.78cm" fo:text-align="justify"/></style:style>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="18pt" style:font-size-asian="18pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="1" style:class="text"><style:text-properties fo:font-size="15pt" style:font-size-asian="15pt"/></style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="2" style:class="text"><style:text-properties fo:font-size="13pt" style:font-size-asian="13pt"/></style:style>
<style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="3" style:class="text"><style:text-properties fo:font-size="12pt" style:font-size-asian="12pt"/></style:style>
<style:style style:name="Caption" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="center" fo:margin-top="0.1cm" fo:margin-bottom="0.1cm"/><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold" fo:font-size="10.5pt" style:font-size-asian="10.5pt"/></style:style>
<style:style style:name="Unit" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
<style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:text-properties fo:font-size="9.5pt" style:font-size-asian="9.5pt"/></style:style>
<style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="Number" style:family="paragraph" style:parent-style-name="Table_20_Contents"><style:paragraph-properties fo:text-align="end"/></style:style>
<style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Header" style:class="extra"/>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
<style:header-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-bottom="0.4cm"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="17cm" table:align="center"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.05cm" fo:border="0.5pt solid #000000"/></style:style>
</office:automatic-styles>"""
_NO_BORDER = 'fo:border="0.5pt solid #000000"', 'fo:border="none"'
_WIDE_FIRST = ('<style:style style:name="Wide" style:family="table-column"><style:table-column-properties '
               'style:column-width="6cm"/></style:style>\n</office:automatic-styles>')


def _level(doc: Document, number: str) -> int:
    """A heading's depth: how many other headings' numbers begin its own, plus one."""
    return min(1 + sum(1 for s in doc.sections if s.number != number and number.startswith(s.number)), 3)


def _split_header(text: str) -> list[str]:
    """`在校生（人）` → [`在校生`, `（人）`]: a unit under its title, as a narrow header cell wraps."""
    m = _UNIT_IN_HEADER.match(text)
    return [m.group(1), m.group(2)] if m and len(text) > 4 else [text]


def _cell(text: str, header: bool, span: int = 1) -> str:
    style = "Table_20_Heading" if header else "Number" if _NUMERIC.match(text) else "Table_20_Contents"
    parts = _split_header(text) if header else [text]
    body = "<text:line-break/>".join(escape(p) for p in parts)
    spanned = f' table:number-rows-spanned="{span}"' if span > 1 else ""
    return (f'<table:table-cell table:style-name="Cell" office:value-type="string"{spanned}>'
            f'<text:p text:style-name="{style}">{body}</text:p></table:table-cell>')


def _table(table: Table, number: int, split: bool = False) -> str:
    grid = table_grid(table)
    header, rows = grid[0], grid[1:]
    if split and len(rows) >= 5:
        half = len(rows) // 2
        return "\n".join([_part(table, f"表格{number}", header, rows[:half]),
                          _part(table, f"表格{number}续", header, rows[half:], wide=True)])
    return _part(table, f"表格{number}", header, rows)


def _part(table: Table, name: str, header: list[str], rows: list[list[str]], wide: bool = False) -> str:
    spans = _merged_down(table, rows)
    columns = (f'<table:table-column table:style-name="Wide"/><table:table-column '
               f'table:number-columns-repeated="{len(header) - 1}"/>' if wide else
               f'<table:table-column table:number-columns-repeated="{len(header)}"/>')
    out = [f'<table:table table:name="{name}" table:style-name="Tbl">', columns,
           "<table:table-header-rows><table:table-row>" + "".join(_cell(h, True) for h in header)
           + "</table:table-row></table:table-header-rows>"]
    for r, row in enumerate(rows):
        cells = []
        for c, text in enumerate(row):
            span = spans.get((r, c), 1)
            cells.append("<table:covered-table-cell/>" if span == 0 else _cell(text, False, span))
        out.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    out.append("</table:table>")
    return "\n".join(out)


def _merged_down(table: Table, rows: list[list[str]]) -> dict[tuple[int, int], int]:
    """(row, column) → rows spanned (0: covered) for equal neighbouring texts of a text column, as a person
    merges a 专业大类 printed against several 专业."""
    spans: dict[tuple[int, int], int] = {}
    label = table.columns.index(table.label_column) if table.label_column in table.columns else 0
    for c in range(len(table.columns)):
        if c == label or any(_NUMERIC.match(row[c]) for row in rows if row[c]):
            continue
        start = 0
        for r in range(1, len(rows) + 1):
            if r < len(rows) and rows[r][c] and rows[r][c] == rows[start][c]:
                continue
            if r - start > 1:
                spans[(start, c)] = r - start
                spans.update({(k, c): 0 for k in range(start + 1, r)})
            start = r
    return spans


def office_fodt(doc: Document, borders: bool = True, split: bool = False) -> str:
    """The read report as a Writer document (see the module's docstring); `borders=False`: tables without rules;
    `split`: tables of five rows or more as two Writer tables, one right under the other."""
    body = [f'<text:p text:style-name="Title">{escape(doc.title or "")}</text:p>']
    for n, (_, kind, item) in enumerate(_blocks(doc), start=1):
        if kind == "section":
            printed = doc.lines[item.source.line - 1].strip()
            level = _level(doc, item.number)
            body.append(f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">'
                        f"{escape(printed)}</text:h>")
        elif kind == "paragraph":
            if item.text == doc.title:
                continue  # the text reader keeps a title line it also met as a running header
            body.append(f'<text:p text:style-name="Text_20_body">{escape(item.text)}</text:p>')
        else:
            caption = f'<text:p text:style-name="Caption">{escape(item.title)}</text:p>'
            below = any(r.source.line < item.source.line for r in item.rows)
            if not below:
                body.append(caption)
            if item.unit and item.unit not in item.caption:
                body.append(f'<text:p text:style-name="Unit">单位：{escape(item.unit)}</text:p>')
            body.append(_table(item, n, split))
            if below:
                body.append(caption)
            body += [f'<text:p text:style-name="Text_20_body">{escape(note)}</text:p>' for note in _notes(item)]
    school = (doc.title or "").split("质量年度报告")[0]
    master = (f'<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">'
              f'<style:header><text:p text:style-name="Header">{escape(school)}　　质量年度报告（2024）</text:p></style:header>'
              f'<style:footer><text:p text:style-name="Footer">第 <text:page-number text:select-page="current"/> 页 '
              f'共 <text:page-count/> 页</text:p></style:footer></style:master-page></office:master-styles>')
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {_NS} office:version="1.3" '
            f'office:mimetype="application/vnd.oasis.opendocument.text">\n'
            f'{_styles(borders, split)}\n{master}\n'
            f"<office:body><office:text>\n" + "\n".join(body) + "\n</office:text></office:body></office:document>\n")


def _styles(borders: bool, split: bool) -> str:
    styles = _STYLES if borders else _STYLES.replace(*_NO_BORDER)
    return styles.replace("</office:automatic-styles>", _WIDE_FIRST) if split else styles


def convert(source: Path, fmt: str, out_dir: Path, timeout: float = 180) -> Path:
    """`soffice --headless --convert-to FMT` (docx, pdf) into `out_dir`, with a profile of its own."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise RuntimeError("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([office, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", fmt,
                        "--outdir", str(out_dir), str(source)], check=True, capture_output=True, timeout=timeout)
    return out_dir / f"{source.stem}.{fmt}"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, fixture in REPORTS.items():
        fodt = OUT / f"{name}.fodt"
        fodt.write_text(office_fodt(read_report(fixture)), encoding="utf-8")
        for fmt in ("docx", "pdf"):
            convert(fodt, fmt, OUT)
    for name, fixture in BORDERLESS.items():
        fodt = OUT / f"{name}.fodt"
        fodt.write_text(office_fodt(read_report(fixture), borders=False), encoding="utf-8")
        convert(fodt, "pdf", OUT)
    for name, fixture in SPLIT.items():
        fodt = OUT / f"{name}.fodt"
        fodt.write_text(office_fodt(read_report(fixture), split=True), encoding="utf-8")
        for fmt in ("docx", "pdf"):
            convert(fodt, fmt, OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
