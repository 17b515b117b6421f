"""Real exports of a report: printed to PDF by Chromium from HTML, and written as Word writes it.

`python -m tests.make_exports` rewrites tests/fixtures/exports/: the layout fixture (江北财贸,
tests/fixtures/layout-report) as HTML (`layout.html`) and as Chromium prints it (`layout-chromium.pdf`, real
fonts: fonts-wqy-microhei; HTML tables drawn as Chromium draws borders; running header and `第 N 页 共 M 页` in
the page margins; a table broken by a page end with its header repeated). The tests read the committed PDF
(no browser needed) and check that the generator still writes the committed HTML. `word_docx` builds the same
report as Word saves it (Heading styles, outline levels on paragraphs, typed numbers, the Caption style,
captions above and below, merged cells, header rows that repeat); it is cheap and built at test time.
`report_html` lays out any read report the same way (bench/pdf.py prints the sample with it).
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

from keneng_audit.document import Document
from tests import make_layout_fixture as layout
from tests.make_fixtures import _blocks, _notes, table_grid

EXPORTS = Path(__file__).parent / "fixtures" / "exports"
FONT = "WenQuanYi Micro Hei"
_NUMERIC = set("0123456789.,%:-—–")


def chromium() -> str | None:
    """The Chromium (or Chrome) on this machine, if any."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(page: str, out: Path, timeout: float = 180) -> Path:
    """Prints an HTML page to PDF with headless Chromium (no browser header or footer)."""
    browser = chromium()
    if browser is None:
        raise RuntimeError("Chromium is not installed (apt-get install chromium fonts-wqy-microhei)")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.html"
        source.write_text(page, encoding="utf-8")
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out.resolve()}", source.as_uri()],
                       check=True, capture_output=True, timeout=timeout)
    return out


def _page(title: str, header: str, body: list[str]) -> str:
    style = f"""
@page {{ size: A4; margin: 25mm 20mm;
  @top-center {{ content: "{header}"; font: 9pt "{FONT}"; }}
  @bottom-center {{ content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font: 9pt "{FONT}"; }} }}
@page :first {{ @top-center {{ content: none; }} }}
body {{ font-family: "{FONT}"; font-size: 11pt; line-height: 1.6; }}
h1 {{ font-size: 15pt; margin: 0.8em 0 0.3em; }} h2 {{ font-size: 13pt; margin: 0.6em 0 0.2em; }}
h3 {{ font-size: 11.5pt; margin: 0.5em 0 0.2em; }}
p {{ text-indent: 2em; margin: 0.2em 0; }}
p.title {{ text-indent: 0; text-align: center; font-size: 18pt; font-weight: bold; }}
p.caption {{ text-indent: 0; text-align: center; font-weight: bold; margin: 0.4em 0; }}
p.unit {{ text-indent: 0; text-align: right; font-size: 9pt; }}
table {{ border-collapse: collapse; margin: 0 auto; font-size: 9.5pt; }}
th, td {{ border: 0.75pt solid #000; padding: 2pt 5pt; }}
thead th {{ background: #e8e8e8; }}
td.n {{ text-align: right; white-space: nowrap; }}
tr {{ break-inside: avoid; }}
"""
    return (f'<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{style}</style></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n")


def _table(header: list[str], rows: list[list[str]], break_before: int | None = None) -> str:
    """An HTML table: header cells may hold line breaks (`\\n`), numbers right-aligned; a page break before
    body row `break_before` (Chromium repeats the thead on the new page)."""
    out = ["<table>", "<thead><tr>" + "".join(f"<th>{_cell(h)}</th>" for h in header) + "</tr></thead>", "<tbody>"]
    for i, row in enumerate(rows):
        brk = ' style="break-before: page"' if i == break_before else ""
        cells = "".join(f'<td class="n">{_cell(t)}</td>' if t and set(t) <= _NUMERIC else f"<td>{_cell(t)}</td>"
                        for t in row)
        out.append(f"<tr{brk}>{cells}</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def _cell(text: str) -> str:
    return "<br>".join(html.escape(part, quote=False) for part in text.split("\n"))


def _p(text: str, cls: str | None = None) -> str:
    return f'<p class="{cls}">{html.escape(text, quote=False)}</p>' if cls else f"<p>{html.escape(text, quote=False)}</p>"


# ---------------------------------------------------------------- the layout fixture


def layout_html() -> str:
    """The layout fixture as a school's web page or Word document would print it."""
    body = [_p(layout.TITLE, "title")]
    for block in layout._report():
        if isinstance(block, layout.Heading):
            body.append(f"<h{block.level}>{html.escape(block.printed)}</h{block.level}>")
        elif isinstance(block, layout.Para):
            body.append(_p(block.text))
        else:
            caption = _p(f"{block.printed_key} {block.caption}", "caption")
            if not block.below:
                body.append(caption)
            if block.unit_note:
                body.append(_p(block.unit_note, "unit"))
            header = ["\n".join(c.header) for c in block.cols]
            body.append(_table(header, [row.cells for row in block.rows], block.break_after))
            if block.below:
                body.append(caption)
    return _page(layout.TITLE, f"{layout.SCHOOL}　　质量年度报告（2024）", body)


def word_docx(out: Path) -> Path:
    """The layout fixture as Word or WPS saves it: chapters in Heading 1, sections given an outline level on the
    paragraph itself (WPS 大纲级别), sub-sections numbered by typing only, captions in the Caption style above or
    below their tables, header cells broken by a line break, header rows that repeat, and equal neighbouring
    cells of a text column merged vertically."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    word = docx.Document()
    word.add_paragraph(layout.TITLE, style="Title")
    for block in layout._report():
        if isinstance(block, layout.Heading):
            if block.level == 1:
                word.add_heading(block.printed, level=1)
            else:
                paragraph = word.add_paragraph()
                paragraph.add_run(block.printed).bold = True
                if block.level == 2:
                    paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
        elif isinstance(block, layout.Para):
            word.add_paragraph(block.text)
        else:
            caption = f"{block.printed_key} {block.caption}"
            if not block.below:
                word.add_paragraph(caption, style="Caption")
            if block.unit_note:
                word.add_paragraph(block.unit_note).alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _word_table(word, block)
            if block.below:
                word.add_paragraph(caption, style="Caption")
    word.save(str(out))
    return out


def _word_table(word, spec) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    rows = [row.cells for row in spec.rows]
    table = word.add_table(rows=1 + len(rows), cols=len(spec.cols))
    table.style = "Table Grid"
    for cell, col in zip(table.rows[0].cells, spec.cols):
        paragraph = cell.paragraphs[0]
        for k, part in enumerate(col.header):
            run = paragraph.add_run(part)
            if k < len(col.header) - 1:
                run.add_break()
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    for r, texts in enumerate(rows, start=1):
        for cell, text in zip(table.rows[r].cells, texts):
            cell.text = text
    for c in range(len(spec.cols)):
        if c == spec.label_col or any(rows[r][c] and set(rows[r][c]) <= _NUMERIC for r in range(len(rows))):
            continue
        start = 0
        for r in range(1, len(rows) + 1):
            if r < len(rows) and rows[r][c] == rows[start][c] and rows[r][c]:
                continue
            if r - start > 1:
                table.cell(start + 1, c).merge(table.cell(r, c)).text = rows[start][c]
            start = r


# ---------------------------------------------------------------- any read report (benchmarks)


def report_html(doc: Document, header: str) -> str:
    """A read report laid out as HTML: headings by depth, paragraphs, each table under its caption as an HTML
    table with its notes below."""
    body = []
    if doc.title:
        body.append(_p(doc.title, "title"))
    for _, kind, item in _blocks(doc):
        printed = doc.lines[item.source.line - 1].strip() if kind != "paragraph" else item.text
        if kind == "section":
            level = min(item.number.count(".") + 1, 3)
            body.append(f"<h{level}>{html.escape(printed)}</h{level}>")
        elif kind == "paragraph":
            body.append(_p(printed))
        else:
            body.append(_p(printed, "caption"))
            grid = table_grid(item)
            body.append(_table(grid[0], grid[1:]))
            body += [_p(note) for note in _notes(item)]
    return _page(doc.title or "", header, body)


def main() -> None:
    EXPORTS.mkdir(parents=True, exist_ok=True)
    page = layout_html()
    (EXPORTS / "layout.html").write_text(page, encoding="utf-8")
    print_pdf(page, EXPORTS / "layout-chromium.pdf")
    print(f"wrote {EXPORTS}")


if __name__ == "__main__":
    main()
