"""Terminal output with rich: findings by section and table, one group per cause, printed vs computed, a summary."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from keneng_audit.findings import AuditResult, Finding
from keneng_audit.reporters._common import (
    by_cause, case_label, cause_text, comparison, comparison_text, display_path, error_text, group_where, grouped,
    label, mentions_comparison, ordered, place_text, row_place, severity_counts_text, skipped_text, states_comparison,
)
from keneng_audit.reporters._wrap import display_width, terminal_width, wrap_text
from keneng_audit.reporters._safe import cleaned, terminal_text

STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
# Off a terminal (pipe, file): the width of the terminal the command runs in, else this; lines break only where a
# word ends, so a Chinese word is never cut in two.
PLAIN_WIDTH = 80
_UNLIMITED = 10_000
NBSP = "\u00a0"


@contextmanager
def terminal(stream: TextIO, width: int | None = None) -> Iterator[tuple[Console, int]]:
    """A console on `stream` and the width to lay out for: live on a terminal; otherwise plain text, wrapped
    at word ends, without trailing blanks."""
    if hasattr(stream, "isatty") and stream.isatty():
        console = Console(file=stream, highlight=False, emoji=False, markup=False)
        yield console, console.width
        return
    width = width or terminal_width(PLAIN_WIDTH)
    buffer = io.StringIO()
    # rich does not wrap here (it would cut a Chinese word anywhere); wrap_text breaks lines where words end.
    yield Console(file=buffer, width=_UNLIMITED, highlight=False, emoji=False, markup=False, no_color=True), width
    stream.write(wrap_text(buffer.getvalue(), width))


def render(results: list[AuditResult], stream: TextIO, lang: str, width: int | None = None) -> None:
    results = cleaned(results, terminal_text)  # escape sequences in a report must not reach the terminal
    with terminal(stream, width) as (console, columns):
        for i, result in enumerate(results):
            if i:
                console.print()
            # One report: its name stands in the summary line; several: each starts with its name.
            _render_result(console, columns, result, lang, named=len(results) > 1)
        # A batch's summary goes to stderr once (cli); here each report has its own summary line only.


def _rule(console: Console, columns: int, title: str) -> None:
    side = max(columns - display_width(title) - 2, 2)
    console.print(Text(f"{'─' * (side // 2)} {title} {'─' * (side - side // 2)}", style="bold"))


def _render_result(console: Console, columns: int, result: AuditResult, lang: str, named: bool = True) -> None:
    if named:
        console.print(Text(display_path(result.file), style="bold underline"))
    if result.error:
        console.print(Text(f"{label(lang, 'not_audited')}{_colon(lang)}{error_text(result, lang)}", style=STYLE["error"]))
        console.print()
        return
    findings = ordered(result)
    if not findings:
        text = label(lang, "no_new_findings").format(result.accepted) if result.accepted else label(lang, "no_findings")
        console.print(Text(text, style="green"))
    seen: dict[tuple, str] = {}  # the rows and values of a group printed in full → the table it stands under
    for title, items in grouped(findings, lang):
        _rule(console, columns, title)
        for group in _folded(by_cause(items)):
            if _notes_prefix(group):
                console.print(_notes(group, lang))
            elif len(group) == 1:
                console.print(_finding(group[0], lang, columns))
            elif len({tuple(comparison(f, lang)) for f in group}) == 1:
                console.print(_same_values(group, lang))
            else:
                signature = _signature(group, lang)
                if signature in seen:
                    console.print(_repeated(group, lang, seen[signature]))
                else:
                    seen[signature] = group[0].location.table or title
                    console.print(_group(group, lang, columns))
    console.print(Text(_summary(result, lang), style="bold"))


def _folded(groups: list[list[Finding]]) -> list[list[Finding]]:
    """Notes of one rule on one table that compare no values (KA002's reading problems) folded under one head."""
    out: list[list[Finding]] = []
    for group in groups:
        last = out[-1] if out else None
        if (last and len(group) == 1 and _is_note(group[0]) and all(_is_note(f) for f in last)
                and (last[0].rule, last[0].location.table) == (group[0].rule, group[0].location.table)
                and _notes_prefix(last + group)):
            last.append(group[0])
        else:
            out.append(list(group))
    return out


def _is_note(finding: Finding) -> bool:
    return (finding.actual is None and finding.expected is None and finding.hint is None
            and finding.location.table is not None)


def _notes_prefix(findings: list[Finding]) -> str | None:
    """The opening every note's message shares ("表20 未能完整读取："), said once in the folded head."""
    if not all(_is_note(f) for f in findings):
        return None
    heads = set()
    for finding in findings:
        cut = min((i for i in (finding.message.find("："), finding.message.find(": ")) if i > 0), default=-1)
        heads.add(finding.message[:cut] if cut > 0 else None)
    return heads.pop() if len(heads) == 1 and None not in heads else None


def _notes(findings: list[Finding], lang: str) -> Group:
    prefix = _notes_prefix(findings) or ""
    head = _head(findings[0], lang, prefix, place_text(findings, lang, most=10), len(findings))
    body = [Text(f.message[len(prefix):].lstrip("：: ")) for f in findings]
    return Group(head, Padding(Group(*body), (0, 0, 0, 2), expand=False))


def _same_values(findings: list[Finding], lang: str) -> Group:
    """One wrong value printed in several rows (the same impossible date): the comparison once, then the rows."""
    first = findings[0]
    head = _head(first, lang, group_where(findings, lang, table=False), place_text(findings, lang), len(findings))
    body = [Text(comparison_text(first, lang))]
    if first.hint:
        body.append(Text(f"{label(lang, 'hint')}{_colon(lang)}{cause_text(findings)}", style="italic"))
    body += [Text(f"{case_label(f)}  {row_place(f, lang).replace(' ', NBSP)}".rstrip()) for f in findings]
    return Group(head, Padding(Group(*body), (0, 0, 0, 2), expand=False))


def _signature(findings: list[Finding], lang: str) -> tuple:
    """What a group shows: its cause and, per row, the label and the values compared (not the lines)."""
    return (cause_text(findings),
            tuple((case_label(f), *(text for _, text in comparison(f, lang))) for f in findings))


def _repeated(findings: list[Finding], lang: str, earlier: str) -> Group:
    """A group whose rows print the very values of a group above (表5 repeating 表3): its rows and lines only."""
    first = findings[0]
    head = _head(first, lang, group_where(findings, lang, table=False), place_text(findings, lang, span=True),
                 len(findings))
    cause = cause_text(findings)
    same = f"各行数值与{earlier}相同" if lang == "zh" else f"the same rows and values as {earlier}"
    line = Text(f"{label(lang, 'hint')}{_colon(lang)}{cause}{'；' if lang == 'zh' else '; '}{same}" if cause else
                same[0].upper() + same[1:] if lang == "en" else same, style="italic")
    sep = "、" if lang == "zh" else ", "
    rows = Text(sep.join(f"{case_label(f)}{NBSP}{row_place(f, lang).replace(' ', NBSP)}".rstrip(NBSP) for f in findings))
    return Group(head, Padding(Group(line, rows), (0, 0, 0, 2), expand=False))


def _head(finding: Finding, lang: str, place: str, lines: str, count: int = 1) -> Text:
    head = Text()
    head.append(f"{label(lang, finding.severity)} ", style=STYLE[finding.severity])
    head.append(f"{finding.rule} {finding.name}", style="bold")
    if count > 1:
        head.append(f" ×{count}", style="bold")
    if place:
        head.append(f"  {place}")
    if lines:
        head.append(f"  {lines.replace(' ', NBSP)}", style="dim")  # "第 562 行" stays on one line
    return head


def _finding(finding: Finding, lang: str, columns: int) -> Group:
    loc = finding.location
    # The heading names the table; the message usually names the row: then the place is not repeated. A heading
    # too long for one line leaves it out as soon as the message names the row or the column.
    said = (loc.row or loc.column or "") in finding.message if (loc.row or loc.column) else False
    place = "" if said else group_where([finding], lang, table=False)
    head = _head(finding, lang, place, place_text([finding], lang))
    if place and display_width(head.plain) > columns and any(p in finding.message for p in (loc.row, loc.column) if p):
        head = _head(finding, lang, "", place_text([finding], lang))
    message = Text(finding.message)
    compared = [] if states_comparison(finding) else comparison(finding, lang, short=mentions_comparison(finding))
    if compared:  # unless the message says it in this order: what is printed, then what the others give
        message.append("（" if lang == "zh" else " (")
        for i, (name, value) in enumerate(compared):
            if i:
                message.append("；" if lang == "zh" else "; ")
            message.append(f"{name} ", style="dim")
            message.append(value, style="red" if i == 0 else "green")
        message.append("）" if lang == "zh" else ")")
    body: list = [message]
    if finding.hint:
        hint = Text(f"{label(lang, 'hint')}{_colon(lang)}{finding.hint}", style="italic")
        if 2 + display_width(message.plain) + 2 + display_width(hint.plain) <= columns:  # on the message's line
            message.append("  ")
            message.append_text(hint)
        else:
            body.append(hint)
    return Group(head, Padding(Group(*body), (0, 0, 0, 2), expand=False))


def _group(findings: list[Finding], lang: str, columns: int) -> Group:
    """One cause over several rows: the shared cause once, then a compact line per row."""
    first = findings[0]
    head = _head(first, lang, group_where(findings, lang, table=False), place_text(findings, lang, span=True),
                 len(findings))
    cause = cause_text(findings)
    cause_line = Text(f"{label(lang, 'hint')}{_colon(lang)}{cause}", style="italic") if cause else None
    rows = [[case_label(f), *(text for _, text in comparison(f, lang)),
             row_place(f, lang).replace(' ', NBSP)] for f in findings]
    names = [name for name, _ in comparison(first, lang)]
    widths = [max(display_width(r[i]) for r in rows + [["", *names, ""]]) for i in range(len(names) + 2)]
    # The shared cause heads the column of row labels when that fits the width: one line fewer.
    in_header = cause_line is not None and \
        2 + max(widths[0], display_width(cause_line.plain)) + sum(w + 1 for w in widths[1:]) <= columns
    if 2 + sum(w + 1 for w in widths) > columns:  # too wide for a table: one line per row, wrapped
        colon = _colon(lang)
        body = [cause_line] if cause_line else []
        body += [Text(f"{row[0]}{colon}" + ("；" if lang == "zh" else "; ").join(
            f"{name} {value}" for name, value in zip(names, row[1:-1])) + f"  {row[-1]}") for row in rows]
        return Group(head, Padding(Group(*body), (0, 0, 0, 2), expand=False))
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False, header_style="dim")
    table.add_column(cause_line if in_header else "")
    for name in names:
        table.add_column(name)
    table.add_column("", style="dim")
    for row in rows:
        table.add_row(*row)
    body = [table] if in_header or cause_line is None else [cause_line, table]
    return Group(head, Padding(Group(*body), (0, 0, 0, 2), expand=False))


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _summary(result: AuditResult, lang: str) -> str:
    packs = ", ".join(result.packs) or "—"
    skipped = skipped_text(result, lang)
    file = display_path(result.file)
    if lang == "zh":
        return (f"{label(lang, 'summary')}（{file}）：{severity_counts_text(result, lang)}；"
                f"{result.rules_run} 条规则已运行，{result.tables_read} 张表已读取"
                + (f"；{skipped}" if skipped else "") + f"；规则包：{packs}")
    counts = result.counts()
    return (f"{label(lang, 'summary')} ({file}): {_n(counts['error'], 'error')}, {_n(counts['warning'], 'warning')}, "
            f"{counts['info']} info; {_n(result.rules_run, 'rule')} run, {_n(result.tables_read, 'table')} read"
            + (f"; {skipped}" if skipped else "") + f"; packs: {packs}")


def _n(count: int, word: str) -> str:
    """"1 error", "2 errors"."""
    return f"{count} {word}{'' if count == 1 else 's'}"
