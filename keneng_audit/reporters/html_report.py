"""A review page (one self-contained HTML file): the report's text and tables with every compared value marked
where it is printed, the findings beside them by section and cause, a severity filter, click to go to the values."""

from __future__ import annotations

from html import escape
from typing import TextIO

from keneng_audit.findings import SEVERITY_ORDER, AuditResult, Finding
from keneng_audit.reporters._anchors import Anchors, anchor, read_document, section_title, table_grid
from keneng_audit.reporters._common import (
    ALL, by_cause, case_label, cause_text, comparison, display_path, error_text, full_message, grouped, label,
    lines_text, ordered, place_text, severity_counts_text, skipped_text, where,
)
from keneng_audit.reporters._html_assets import CSS, JS

TITLE = {"zh": "质量年度报告数字核查", "en": "Quality report figures review"}


def render(results: list[AuditResult], stream: TextIO, lang: str) -> None:
    title = TITLE.get(lang, TITLE["en"])
    out = [f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>",
           f'<header class="top"><h1>{escape(title)}</h1>{_filters(results, lang)}</header>']
    for number, result in enumerate(results):
        out.append(_report(number, result, lang))
    out.append(f"<script>{JS}</script>\n</body>\n</html>\n")
    stream.write("\n".join(out))


def _filters(results: list[AuditResult], lang: str) -> str:
    counts = {s: sum(r.counts()[s] for r in results if not r.error) for s in SEVERITY_ORDER}
    boxes = [f'<label><input type="checkbox" data-severity="{s}" checked> {escape(label(lang, s))} {counts[s]}</label>'
             for s in ("error", "warning", "info")]
    return "".join(boxes)


def _report(number: int, result: AuditResult, lang: str) -> str:
    head = f'<h2 class="file">{escape(display_path(result.file))}</h2>'
    if result.error:
        return f'<section class="report">{head}<p>{escape(label(lang, "not_audited"))}：{escape(error_text(result, lang))}</p></section>'
    findings = ordered(result)
    anchors = anchor(read_document(result), findings)
    prefix = f"r{number}"
    entry_of = _entries(findings, lang)  # finding index → sidebar entry index
    marks: dict[tuple, str] = {}  # anchor place → mark id
    article = _article(anchors, findings, entry_of, marks, prefix)
    aside = _aside(result, findings, anchors, marks, entry_of, prefix, lang)
    return f'<section class="report">{head}<article>{article}</article><aside>{aside}</aside></section>'


def _entries(findings: list[Finding], lang: str) -> dict[int, int]:
    index = {id(f): i for i, f in enumerate(findings)}
    entry_of: dict[int, int] = {}
    entry = 0
    for _, items in grouped(findings, lang):
        for group in by_cause(items):
            for f in group:
                entry_of[index[id(f)]] = entry
            entry += 1
    return entry_of


def _worst(indexes: list[int], findings: list[Finding]) -> str:
    return max((findings[i].severity for i in indexes), key=lambda s: SEVERITY_ORDER[s])


def _mark(text: str, place: tuple, indexes: list[int], findings: list[Finding], entry_of: dict[int, int],
          marks: dict[tuple, str], prefix: str) -> str:
    mark_id = marks.setdefault(place, f"{prefix}v{len(marks)}")
    owners = " ".join(dict.fromkeys(f"{prefix}f{entry_of[i]}" for i in indexes))
    return (f'<mark id="{mark_id}" class="sev-{_worst(indexes, findings)}" data-findings="{owners}">'
            f"{escape(text)}</mark>")


def _article(anchors: Anchors, findings: list[Finding], entry_of: dict[int, int], marks: dict, prefix: str) -> str:
    doc = anchors.doc
    out = [f"<h3>{escape(doc.title)}</h3>"] if doc.title else []
    for kind, i, obj in anchors.blocks:
        if kind == "heading":
            out.append(f'<h3 id="{prefix}s{i}">{escape(section_title(obj))}</h3>')
        elif kind == "paragraph":
            out.append(f'<p id="{prefix}p{i}">{_paragraph(i, obj.text, anchors, findings, entry_of, marks, prefix)}</p>')
        else:
            out.append(_table(i, obj, anchors, findings, entry_of, marks, prefix))
    return "\n".join(out)


def _paragraph(i: int, text: str, anchors: Anchors, findings, entry_of, marks, prefix) -> str:
    parts, at = [], 0
    for start, end, indexes in anchors.spans.get(i, []):
        if start < at:
            continue
        parts.append(escape(text[at:start]))
        parts.append(_mark(text[start:end], ("span", i, start), indexes, findings, entry_of, marks, prefix))
        at = end
    parts.append(escape(text[at:]))
    return "".join(parts)


def _table(i: int, table, anchors: Anchors, findings, entry_of, marks, prefix) -> str:
    columns, rows = table_grid(table)
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = []
    for r, _, cells in rows:
        tds = []
        for column, cell in cells:
            text = cell.text if cell is not None else ""
            owners = anchors.cells.get((i, r, column))
            inner = _mark(text, ("cell", i, r, column), owners, findings, entry_of, marks, prefix) if owners \
                else escape(text)
            tds.append(f"<td>{inner}</td>")
        body.append(f"<tr>{''.join(tds)}</tr>")
    caption = escape(f"{table.key} {table.caption}".strip())
    return (f'<figure id="{prefix}t{i}"><figcaption>{caption}</figcaption><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></figure>")


def _targets(index: int, finding: Finding, anchors: Anchors, marks: dict, prefix: str) -> str:
    ids = [marks[p] for p in anchors.places.get(index, []) if p in marks]
    if not ids and finding.location.table:  # nothing to mark (a table not fully read): its table
        t = next((k for k, t in enumerate(anchors.doc.tables) if t.key == finding.location.table), None)
        ids = [f"{prefix}t{t}"] if t is not None else []
    return " ".join(ids)


def _aside(result: AuditResult, findings: list[Finding], anchors: Anchors, marks: dict, entry_of: dict,
           prefix: str, lang: str) -> str:
    colon = "：" if lang == "zh" else ": "
    summary = severity_counts_text(result, lang)
    skipped = skipped_text(result, lang)
    out = [f"<p><b>{escape(label(lang, 'summary'))}</b>{colon}{escape(summary)}"
           + (f"；{escape(skipped)}" if skipped and lang == "zh" else f"; {escape(skipped)}" if skipped else "") + "</p>"]
    if not findings:
        out.append(f'<p class="none">{escape(label(lang, "no_findings"))}</p>')
    index = {id(f): i for i, f in enumerate(findings)}
    for title, items in grouped(findings, lang):
        out.append(f"<h4>{escape(title)}</h4>")
        for group in by_cause(items):
            first = group[0]
            entry = entry_of[index[id(first)]]
            targets = [_targets(index[id(f)], f, anchors, marks, prefix) for f in group]
            head = (f'<span class="badge">{escape(label(lang, first.severity))}</span>'
                    f'<span class="rule">{escape(first.rule)} {escape(first.name)}</span>'
                    + (f" ×{len(group)}" if len(group) > 1 else "")
                    + f' <span class="where">{escape(where(first, lang) if len(group) == 1 else first.location.table or "")}</span>')
            body = _single(first, lang) if len(group) == 1 else _rows(group, targets, lang)
            out.append(f'<div class="finding sev-{first.severity}" id="{prefix}f{entry}" tabindex="0" '
                       f'data-severity="{first.severity}" data-targets="{" ".join(targets)}">'
                       f"<div>{head}</div>{body}</div>")
    return "\n".join(out)


def _single(finding: Finding, lang: str) -> str:
    colon = "：" if lang == "zh" else ": "
    parts = [f'<div class="msg">{escape(full_message(finding, lang))}</div>']
    place = place_text([finding], lang, most=ALL)
    if place:
        parts.append(f'<div class="lines">{escape(place)}</div>')
    if finding.hint:
        parts.append(f'<div class="hint">{escape(label(lang, "hint"))}{colon}{escape(finding.hint)}</div>')
    return "".join(parts)


def _rows(group: list[Finding], targets: list[str], lang: str) -> str:
    colon = "：" if lang == "zh" else ": "
    cause = cause_text(group)
    names = [name for name, _ in comparison(group[0], lang)]
    head = "".join(f"<th>{escape(n)}</th>" for n in ["", *names])
    rows = "".join(f'<tr class="row" data-targets="{t}"><td>{escape(case_label(f))}</td>'
                   + "".join(f"<td>{escape(text)}</td>" for _, text in comparison(f, lang)) + "</tr>"
                   for f, t in zip(group, targets))
    hint = f'<div class="hint">{escape(label(lang, "hint"))}{colon}{escape(cause)}</div>' if cause else ""
    return f"{hint}<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
