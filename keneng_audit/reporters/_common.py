"""What every reporter shares: localized labels, ordering and grouping of findings, location texts."""

from __future__ import annotations

from pathlib import Path

from keneng_audit.findings import AuditResult, Finding, PrintedValue, group_key

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "error": "错误", "warning": "警告", "info": "提示",
        "file": "文件", "rule": "规则", "name": "名称", "severity": "严重程度", "section": "章节",
        "table": "表", "row": "行", "column": "列", "lines": "行号", "where": "位置",
        "actual": "报告所印", "actual_computed": "各项相加", "expected": "应为", "message": "说明", "hint": "可能原因",
        "values": "所比较的数值", "fingerprint": "指纹", "no_section": "（未归入章节）",
        "no_findings": "未发现问题。", "no_new_findings": "未发现新问题（基线已接受 {} 条）。", "not_audited": "无法核查",
        "summary": "小结", "rules_run": "条规则已运行", "tables_read": "张表已读取", "packs": "规则包",
        "findings": "条问题", "title": "质量年度报告数字核查问题清单", "report": "报告",
        "line": "第 {0} 行", "lines_fmt": "第 {0} 行", "seq": "序号", "computed": "计算依据",
        "passed": "其余 {0} 条规则通过", "prose": "正文",
        "skipped": "跳过 {0} 条规则（报告中没有相应的表）", "skipped_head": "跳过的规则（报告中没有相应的表、行或数量）",
        "rows_count": "{0} 处", "paragraphs_fmt": "第 {0} 段", "pages_fmt": "第 {0} 页", "page_line_fmt": "第 {0} 页第 {1} 行",
        "cell_fmt": "表内第 {0} 行第 {1} 列", "table_rows_fmt": " 表内第 {0} 行", "group": "组", "basis": "计算方式", "count": "数量", "by_rule": "各规则的问题数",
    },
    "en": {
        "error": "error", "warning": "warning", "info": "info",
        "file": "file", "rule": "rule", "name": "name", "severity": "severity", "section": "section",
        "table": "table", "row": "row", "column": "column", "lines": "lines", "where": "where",
        "actual": "printed", "actual_computed": "the parts add up to", "expected": "expected", "message": "message", "hint": "likely cause",
        "values": "values compared", "fingerprint": "fingerprint", "no_section": "(no section)",
        "no_findings": "No findings.", "no_new_findings": "No new findings ({} accepted by the baseline).", "not_audited": "could not be audited",
        "summary": "Summary", "rules_run": "rules run", "tables_read": "tables read", "packs": "packs",
        "findings": "findings", "title": "Issues found in the quality report's figures", "report": "Report",
        "line": "line {0}", "lines_fmt": "lines {0}", "seq": "no.", "computed": "computed from",
        "passed": "{0} other rules passed", "prose": "text",
        "skipped": "{0} rules skipped (the report has no such table)",
        "skipped_head": "Rules skipped (the report has no such table, row or quantity)",
        "rows_count": "{0} places", "paragraphs_fmt": "paragraph {0}", "pages_fmt": "page {0}", "page_line_fmt": "page {0}, line {1}",
        "cell_fmt": "row {0}, column {1} of the table", "table_rows_fmt": " row {0}", "group": "group", "basis": "computed as", "count": "count", "by_rule": "findings per rule",
    },
}

SEVERITIES = ("error", "warning", "info")


def label(lang: str, key: str) -> str:
    return LABELS.get(lang, LABELS["en"])[key]


def ordered(result: AuditResult) -> list[Finding]:
    """Findings in the order of the report, each where it is located: a cross-table finding located at 附表6
    stands with 附表6, not at the first table it cites."""
    return sorted(result.findings, key=_anchored_key)


def _anchored_key(finding: Finding) -> tuple:
    loc = finding.location
    own = [v.line for v in finding.values if v.line is not None and loc.table and v.table == loc.table]
    key = finding.sort_key()
    return (key[0], min(own) if own else key[1], *key[2:])


def display_path(file: str) -> str:
    """The report path as the user knows it: relative to the working folder when inside it, always with '/'."""
    path = Path(file)
    cwd = Path.cwd().resolve()
    if path.is_absolute() and cwd != Path(cwd.anchor):  # from "/", an absolute path reads better
        try:
            path = path.resolve().relative_to(cwd)
        except ValueError:
            pass
    return path.as_posix()


def where(finding: Finding, lang: str = "zh") -> str:
    """"表3 / 装备制造大类 / 增加比率（%）", or "§1.3.2 正文" when the finding is about the prose of a section."""
    loc = finding.location
    parts = [p for p in (loc.table, loc.row, loc.column) if p]
    if not parts and loc.section:
        in_prose = not any(v.table for v in finding.values)
        parts = [f"§{loc.section} {label(lang, 'prose')}" if in_prose else f"§{loc.section}"]
    return " / ".join(parts)


def lines_text(lines: tuple[int, ...] | list[int], lang: str) -> str:
    if not lines:
        return ""
    sep = "、" if lang == "zh" else ", "
    key = "line" if len(lines) == 1 else "lines_fmt"
    return label(lang, key).format(sep.join(str(n) for n in lines))


def value_text(value: PrintedValue, lang: str, docx: bool = False) -> str:
    """"613（表3 装备制造大类 / 增加人数，第 412 行）" / "613 (…, line 412)"."""
    parts = [value.label] if value.label else []
    if value.paragraph is not None:  # a Word paragraph: its number, which Word users can find
        parts.append(label(lang, "paragraphs_fmt").format(value.paragraph))
    elif value.table_row is not None:  # a Word table's cell: its row and column within the table
        parts.append(label(lang, "cell_fmt").format(value.table_row, value.table_column or "?"))
    elif value.page is not None and value.page_line is not None:  # a PDF: the line within its page
        parts.append(label(lang, "page_line_fmt").format(value.page, value.page_line))
        return f"{value.text}（{'，'.join(parts)}）" if lang == "zh" else f"{value.text} ({', '.join(parts)})"
    elif value.line is not None and not docx:
        parts.append(label(lang, "line").format(value.line))
    if value.page is not None:
        parts.append(label(lang, "pages_fmt").format(value.page))
    if not parts:
        return value.text
    return f"{value.text}（{'，'.join(parts)}）" if lang == "zh" else f"{value.text} ({', '.join(parts)})"


def group_title(finding: Finding, lang: str) -> str:
    """The heading a finding is listed under: its section and table."""
    loc = finding.location
    parts = [f"§{loc.section}" if loc.section else None, loc.table]
    parts = [p for p in parts if p]
    return " · ".join(parts) if parts else label(lang, "no_section")


def grouped(findings: list[Finding], lang: str) -> list[tuple[str, list[Finding]]]:
    """Findings (in location order) under their section and table; groups in order of first appearance."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(group_title(finding, lang), []).append(finding)
    return list(groups.items())


def severity_counts_text(result: AuditResult, lang: str) -> str:
    counts = result.counts()
    sep = "，" if lang == "zh" else ", "
    return sep.join(f"{label(lang, s)} {counts[s]}" for s in SEVERITIES)


def full_message(finding: Finding, lang: str) -> str:
    """The message, followed by what is printed and what the other values give unless it says so in that order."""
    if states_comparison(finding):
        return finding.message
    text = comparison_text(finding, lang, short=mentions_comparison(finding))
    return f"{finding.message}（{text}）" if lang == "zh" else f"{finding.message} ({text})"


def comparison(finding: Finding, lang: str, short: bool = False) -> list[tuple[str, str]]:
    """What the report prints first, then what the other values give, each with its label; `short`: without the
    arithmetic (when the message beside it shows it)."""
    pairs = []
    if finding.actual is not None:
        # A value shown with its arithmetic ("538 = 388 + 130 …") is worked out, not printed: say so.
        said = label(lang, "actual_computed" if " = " in finding.actual else "actual")
        pairs.append((said, _result_only(finding.actual) if short else finding.actual))
    if finding.expected is not None:
        pairs.append((finding.basis or label(lang, "expected"),
                      _result_only(finding.expected) if short else finding.expected))
    return pairs


def _result_only(text: str) -> str:
    """"3988 = 899 + 720 + …" → "3988"."""
    return text.split(" = ", 1)[0]


def compact_lines(lines: tuple[int, ...] | list[int], lang: str, most: int = 4) -> str:
    """The lines of a finding, at most `most` of them named: "第 562、564 … 4466 行（9 处）"."""
    lines = list(lines)
    if len(lines) <= most:
        return lines_text(lines, lang)
    sep = "、" if lang == "zh" else ", "
    shown = f"{sep.join(map(str, lines[:most - 1]))} … {lines[-1]}"
    return label(lang, "lines_fmt").format(shown) + (f"（{len(lines)} 处）" if lang == "zh" else f" ({len(lines)})")


def place_text(findings: list[Finding], lang: str, most: int = 4, span: bool = False) -> str:
    """Where findings' values stand, as the reader of the input finds them: in a Word document its paragraphs
    ("第 13 段") and tables ("表1-1"), never the reader's line ordinals; in a PDF the lines and their pages; in
    text the lines ("第 562、564 … 4466 行（9 处）"; `span`: "第 562–576 行")."""
    loc = findings[0].location
    values = [v for f in findings for v in f.values]
    sep = "、" if lang == "zh" else ", "
    if loc.file.lower().endswith(".docx"):
        paragraphs = sorted({v.paragraph for v in values if v.paragraph} |
                            {f.location.paragraph for f in findings if f.location.paragraph})
        tables = list(dict.fromkeys(v.table for v in values if v.table and not v.paragraph))
        if not tables and not paragraphs and loc.table:
            tables = [loc.table]
        rows = {t: sorted({v.table_row for v in values if v.table == t and v.table_row}) for t in tables}
        tables = [t + (label(lang, "table_rows_fmt").format(sep.join(map(str, rows[t][:most])) +
                                                            (" …" if len(rows[t]) > most else "")) if rows[t] else "")
                  for t in tables]
        parts = [label(lang, "paragraphs_fmt").format(sep.join(map(str, paragraphs[:most])) +
                                                      (" …" if len(paragraphs) > most else ""))] if paragraphs else []
        return ("；" if lang == "zh" else "; ").join(parts + ([sep.join(tables)] if tables else []))
    paged = _page_lines(values, lang, most)
    if paged:  # a PDF whose reader counted the lines of each page: those, as a viewer shows them
        return paged
    lines = sorted({n for f in findings for n in f.location.lines})
    text = label(lang, "lines_fmt").format(f"{lines[0]}–{lines[-1]}") if span and len(lines) > 1 else \
        compact_lines(lines, lang, most)
    pages = sorted({v.page for v in values if v.page} | {f.location.page for f in findings if f.location.page})
    if pages and text:
        shown = label(lang, "pages_fmt").format(sep.join(map(str, pages[:most])) + (" …" if len(pages) > most else ""))
        text += f"（{shown}）" if lang == "zh" else f" ({shown})"
    return text


ALL = 10**9  # place_text(..., most=ALL): every line named


def _page_lines(values: list[PrintedValue], lang: str, most: int = 4) -> str:
    """"第 1 页第 12、13 行；第 4 页第 7 行" when every value has its page and line within it, else ""."""
    if not values or any(v.page is None or v.page_line is None for v in values):
        return ""
    by_page: dict[int, set[int]] = {}
    for v in values:
        by_page.setdefault(v.page, set()).add(v.page_line)
    sep = "、" if lang == "zh" else ", "
    said = [label(lang, "page_line_fmt").format(page, sep.join(map(str, sorted(lines)[:most]))
                                                + (" …" if len(lines) > most else ""))
            for page, lines in sorted(by_page.items())[:most]]
    return ("；" if lang == "zh" else "; ").join(said) + (" …" if len(by_page) > most else "")


def primary_line(finding: Finding) -> int | None:
    """The line of the value the finding is about (the printed one it compares), else its first line."""
    for value in finding.values:
        if value.line is not None:
            return value.line
    return finding.location.lines[0] if finding.location.lines else None


def has_lines(file: str) -> bool:
    """Whether a reader finds our line numbers in the file itself: in text, yes; a Word file has paragraphs and
    a PDF pages, and our line ordinals count lines of extracted text nobody sees."""
    return not file.lower().endswith((".docx", ".pdf"))


def page_place(findings: list[Finding], lang: str, most: int = 4) -> str:
    """Where findings' values stand in a PDF, without line ordinals: "第 3、4 页；表1" / "page 3, 4; 表1"."""
    loc = findings[0].location
    values = [v for f in findings for v in f.values]
    sep = "、" if lang == "zh" else ", "
    pages = sorted({v.page for v in values if v.page} | {f.location.page for f in findings if f.location.page})
    tables = list(dict.fromkeys(v.table for v in values if v.table)) or ([loc.table] if loc.table else [])
    parts = [_page_lines(values, lang, most) or label(lang, "pages_fmt").format(
        sep.join(map(str, pages[:most])) + (" …" if len(pages) > most else ""))] if pages else []
    return ("；" if lang == "zh" else "; ").join(parts + ([sep.join(tables)] if tables else []))


def file_place(findings: list[Finding], lang: str) -> str:
    """Where findings stand in a file without findable lines (Word: paragraphs and tables; PDF: pages and tables)."""
    if findings[0].location.file.lower().endswith(".docx"):
        return place_text(findings, lang)
    return page_place(findings, lang)


def row_place(finding: Finding, lang: str) -> str:
    """A row of a group: its lines (text, PDF) or its paragraph; in a Word table the row label says it all."""
    loc = finding.location
    if loc.file.lower().endswith(".docx"):
        return place_text([finding], lang) if loc.paragraph else ""
    return lines_text(loc.lines, lang)


def comparison_text(finding: Finding, lang: str, short: bool = False) -> str:
    """"报告所印 380；各行相加 360 = 120 + 150 + 90" / "printed 380; the rows add up to 360 = …"."""
    sep = "；" if lang == "zh" else "; "
    return sep.join(f"{name} {text}" for name, text in comparison(finding, lang, short))


def by_cause(findings: list[Finding]) -> list[list[Finding]]:
    """Findings (in order) gathered by their group key; a group stands where its first finding stood."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(group_key(finding), []).append(finding)
    return list(groups.values())


def cause_text(findings: list[Finding]) -> str | None:
    """A group's likely cause without one row's numbers: the hint up to its colon (group keys make it shared)."""
    hint = findings[0].hint
    if not hint or len(findings) == 1:
        return hint
    for colon in ("：", ": "):
        if colon in hint:
            return hint.split(colon, 1)[0]
    return hint


def mentions_comparison(finding: Finding) -> bool:
    """Whether the message shows both the printed value and what the others give, in any order."""
    return all(x is None or _value_at(finding.message, x) >= 0 for x in (finding.actual, finding.expected))


def states_comparison(finding: Finding) -> bool:
    """Whether the message already says what is printed and then what the other values give (their values, in
    this order: "印刷为 22%，计算应为 22.6% = 40 / 177")."""
    text, actual, expected = finding.message, finding.actual, finding.expected
    if actual is None or expected is None:
        return True
    at = _value_at(text, actual)
    return at >= 0 and _value_at(text, expected, at + len(_value_of(actual))) >= 0


def _value_of(text: str) -> str:
    """The value a comparison side states: "86%（附表3）" → "86%", "28.1:1 = 4967 / 177" → "28.1:1"."""
    text = text.split(" = ", 1)[0]
    for mark in ("（", " ("):
        text = text.split(mark, 1)[0]
    return text.strip()


def _value_at(message: str, side: str, start: int = 0) -> int:
    """Where the value of `side` stands in `message` as a number of its own (not inside 2025 or 3.25), or -1."""
    value = _value_of(side)
    if not value:
        return -1
    # str.find, not a pattern made of the value: one pattern per printed value would be compiled (and kept by
    # the command's pattern store) for every report
    at = message.find(value, start)
    while at >= 0:
        before = message[at - 1] if at > start else ""
        after = message[at + len(value):at + len(value) + 2]
        if not (before.isdecimal() or before == ".") and not (
                after[:1].isdecimal() or (after[:1] == "." and after[1:2].isdecimal())):
            return at
        at = message.find(value, at + 1)
    return -1


def case_label(finding: Finding) -> str:
    """What tells the rows of a group apart: the row, else the column, else the section."""
    loc = finding.location
    return loc.row or loc.column or (f"§{loc.section}" if loc.section else "") or finding.rule


def group_where(findings: list[Finding], lang: str, table: bool = True) -> str:
    """Where a group stands: what its findings share of table / row / column (the rows are listed);
    `table=False` when a heading above already names the table."""
    loc = findings[0].location
    if len(findings) == 1:
        if not table and loc.table and (loc.row or loc.column):
            return " / ".join(p for p in (loc.row, loc.column) if p)
        return where(findings[0], lang)
    same_column = all(f.location.column == loc.column for f in findings)
    parts = [p for p in (loc.table if table else None, loc.column if same_column else None) if p]
    return " / ".join(parts) or (f"§{loc.section}" if loc.section else "")


def error_text(result: AuditResult, lang: str) -> str:
    """Why a report could not be audited, in the chosen language only."""
    from keneng_audit.errors import one_language

    return one_language(result.error or "", lang)


def skipped_text(result: AuditResult, lang: str) -> str | None:
    return label(lang, "skipped").format(len(result.skipped)) if result.skipped else None


def rule_counts(results: list[AuditResult]) -> list[tuple[str, str, dict[str, int], int]]:
    """(rule, name, findings per severity, count) per rule with findings, most findings first (as `ruff --statistics`).
    The severities are the findings' own (a `severity` override or a rounding-only warning), not the rule's default."""
    counts: dict[str, list] = {}
    for finding in (f for r in results for f in r.findings):
        entry = counts.setdefault(finding.rule, [finding.rule, finding.name, dict.fromkeys(SEVERITIES, 0), 0])
        entry[2][finding.severity] += 1
        entry[3] += 1
    rows = [(rule, name, {s: n for s, n in by.items() if n}, count) for rule, name, by, count in counts.values()]
    return sorted(rows, key=lambda e: (-e[3], e[0]))


def severities_text(by_severity: dict[str, int], lang: str) -> str:
    """"错误" when every finding of a rule has one severity, else "错误 1、警告 1"."""
    if len(by_severity) == 1:
        return label(lang, next(iter(by_severity)))
    sep = "、" if lang == "zh" else ", "
    return sep.join(f"{label(lang, s)} {by_severity[s]}" for s in SEVERITIES if s in by_severity)
