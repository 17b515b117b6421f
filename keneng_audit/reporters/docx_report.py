"""The report handed back with Word comments (批注): a DOCX report → a copy with a comment on each flagged
paragraph or table cell; a text or PDF report → a new DOCX of its text and tables with the same comments."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

import docx
from docx.oxml.ns import qn
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph

from keneng_audit.errors import ConfigError
from keneng_audit.findings import AuditResult, Finding
from keneng_audit.reporters._anchors import Anchors, anchor, read_document, section_title, table_grid
from keneng_audit.reporters._common import (
    by_cause, case_label, cause_text, comparison_text, grouped, label, ordered, row_place, value_text,
)
from keneng_audit.reporters._safe import xml_text

BINARY = True
AUTHOR = "keneng-audit"
INITIALS = "KA"


def render(results: list[AuditResult], stream: BinaryIO, lang: str) -> None:
    audited = [r for r in results if not r.error]
    if len(results) != 1 or not audited:
        raise ConfigError("--format docx 一次只能写一份报告的批注版", "--format docx annotates one report at a time")
    result = audited[0]
    findings = ordered(result)
    doc = read_document(result)
    anchors = anchor(doc, findings)
    if doc is not None and doc.format == "docx":
        word, places = _copy(Path(result.file), anchors)
    else:
        word, places = _rebuild(anchors)
    _comment(word, places, anchors, findings, lang)
    buffer = io.BytesIO()
    word.save(buffer)
    stream.write(buffer.getvalue())


def comment_text(group: list[Finding], lang: str) -> str:
    """What one comment says: rule, message, printed and computed values (a group: its cause and each row)."""
    colon = "：" if lang == "zh" else ": "
    first = group[0]
    head = f"{first.rule} {first.name}（{label(lang, first.severity)}）" if lang == "zh" else \
        f"{first.rule} {first.name} ({label(lang, first.severity)})"
    if len(group) == 1:
        lines = [head, first.message]
        compared = comparison_text(first, lang)
        if compared and compared not in first.message:
            lines.append(compared)
        if first.hint:
            lines.append(f"{label(lang, 'hint')}{colon}{first.hint}")
        if first.values:
            sep = "；" if lang == "zh" else "; "
            docx = first.location.file.lower().endswith(".docx")
            lines.append(f"{label(lang, 'values')}{colon}{sep.join(value_text(v, lang, docx) for v in first.values)}")
        return "\n".join(lines)
    lines = [f"{head} ×{len(group)}"]
    cause = cause_text(group)
    if cause:
        lines.append(f"{label(lang, 'hint')}{colon}{cause}")
    places = [row_place(f, lang) for f in group]
    lines += [f"{case_label(f)}{colon}{comparison_text(f, lang)}" + ((f"（{p}）" if lang == "zh" else f" ({p})") if p else "")
              for f, p in zip(group, places)]
    return "\n".join(lines)


def _comment(word, places: dict[tuple, list], anchors: Anchors, findings: list[Finding], lang: str) -> None:
    """One comment per finding, or per group of one cause, on the runs of its first value that could be placed."""
    index = {id(f): i for i, f in enumerate(findings)}
    fallback = places.get(("start",), [])
    for _, items in grouped(findings, lang):
        for group in by_cause(items):
            runs = None
            for place in (p for f in group for p in anchors.places.get(index[id(f)], [])):
                runs = places.get(place)
                if runs:
                    break
            if not runs and group[0].location.table:
                runs = places.get(("table", group[0].location.table))
            word.add_comment(runs or fallback, text=xml_text(comment_text(group, lang)), author=AUTHOR, initials=INITIALS)


def _runs_of(paragraph: WordParagraph) -> list:
    """The paragraph's runs; an empty paragraph gets one (a comment needs a run to stand on)."""
    runs = [r for r in paragraph.runs if r.text]
    return runs or paragraph.runs or [paragraph.add_run("")]


def _copy(path: Path, anchors: Anchors) -> tuple[object, dict[tuple, list]]:
    """The original DOCX, with each anchor place mapped to runs, following the reader's line numbering."""
    from keneng_audit.reading.docx import _body_items  # the reader's order of paragraphs and tables

    word = docx.Document(str(path))
    by_line: dict[int, object] = {}  # line → Word paragraph, or (Word table, row index)
    line = 0
    for item in _body_items(word, word.element.body):
        if isinstance(item, WordParagraph):
            line += 1
            by_line[line] = item
        else:
            for r in range(len(item._tbl.tr_lst)):
                line += 1
                by_line[line] = (item, r)
    doc = anchors.doc
    places: dict[tuple, list] = {}
    first = next((p for p in by_line.values() if isinstance(p, WordParagraph) and p.text.strip()), None)
    if first is not None:
        places[("start",)] = _runs_of(first)
    for t_index, table in enumerate(doc.tables):
        caption = by_line.get(table.source.line)
        if isinstance(caption, WordParagraph):
            places[("table", table.key)] = _runs_of(caption)
    for place in {p for ps in anchors.places.values() for p in ps}:
        if place[0] == "cell":
            _, t, r, column = place
            cell = doc.tables[t].rows[r].cells.get(column)
            target = by_line.get(cell.source.line) if cell is not None else None
            if isinstance(target, tuple):
                runs = _cell_runs(target[0], target[1], cell.text)
                if runs:
                    places[place] = runs
        else:
            _, p, start = place
            paragraph = doc.paragraphs[p]
            target = by_line.get(paragraph.source_at(start).line)
            if isinstance(target, WordParagraph):
                places[place] = _runs_of(target)
    return word, places


def _cell_runs(table: WordTable, row: int, text: str) -> list:
    """The runs of the cell in that row printing `text` (blanks ignored)."""
    wanted = "".join(text.split())
    tr = table._tbl.tr_lst[row]
    cells = [tc for tc in tr.tc_lst]
    for tc in cells:
        paragraphs = [WordParagraph(p, table) for p in tc.iterchildren(qn("w:p"))]
        if "".join("".join(p.text for p in paragraphs).split()) == wanted and paragraphs:
            return [r for p in paragraphs for r in _runs_of(p)]
    for tc in cells:
        paragraphs = [WordParagraph(p, table) for p in tc.iterchildren(qn("w:p"))]
        if wanted and wanted in "".join("".join(p.text for p in paragraphs).split()) and paragraphs:
            return [r for p in paragraphs for r in _runs_of(p)]
    return []


def _rebuild(anchors: Anchors) -> tuple[object, dict[tuple, list]]:
    """A new DOCX of the report's title, headings, paragraphs and tables; each anchored value its own run."""
    doc = anchors.doc
    word = docx.Document()
    places: dict[tuple, list] = {}
    title = word.add_heading(doc.title or Path(doc.path).name, level=0)
    places[("start",)] = _runs_of(title)
    for kind, i, obj in anchors.blocks:
        if kind == "heading":
            word.add_heading(section_title(obj), level=min(obj.number.count(".") + 1, 4))
        elif kind == "paragraph":
            paragraph = word.add_paragraph()
            at = 0
            for start, end, _ in anchors.spans.get(i, []):
                if start < at:
                    continue
                if start > at:
                    paragraph.add_run(xml_text(obj.text[at:start]))
                places[("span", i, start)] = [paragraph.add_run(xml_text(obj.text[start:end]))]
                at = end
            if at < len(obj.text) or not paragraph.runs:
                paragraph.add_run(xml_text(obj.text[at:]))
        else:
            caption = word.add_paragraph()
            places[("table", obj.key)] = [caption.add_run(xml_text(f"{obj.key} {obj.caption}".strip()))]
            columns, rows = table_grid(obj)
            table = word.add_table(rows=len(rows) + 1, cols=max(len(columns), 1))
            table.style = "Table Grid"
            for c, name in enumerate(columns):
                table.cell(0, c).paragraphs[0].add_run(xml_text(name))
            for r, _, cells in rows:
                for c, (column, cell) in enumerate(cells):
                    run = table.cell(r + 1, c).paragraphs[0].add_run(xml_text(cell.text) if cell is not None else "")
                    if (i, r, column) in anchors.cells:
                        places[("cell", i, r, column)] = [run]
    return word, places
