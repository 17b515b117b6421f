"""Terminal output with rich: findings grouped by section and table, printed vs expected, a summary; fits 80 columns."""

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
    display_path, grouped, label, lines_text, ordered, severity_counts_text, value_text, where,
)
from keneng_audit.reporters._safe import cleaned, terminal_text

STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
# Not a terminal (pipe, file, test): a fixed width so the text does not depend on the caller's environment.
PLAIN_WIDTH = 80


@contextmanager
def terminal(stream: TextIO) -> Iterator[Console]:
    """A console on `stream`: live on a terminal; otherwise plain 80-column text without rich's trailing padding."""
    if hasattr(stream, "isatty") and stream.isatty():
        yield Console(file=stream, highlight=False, emoji=False, markup=False)
        return
    buffer = io.StringIO()
    yield Console(file=buffer, width=PLAIN_WIDTH, highlight=False, emoji=False, markup=False, no_color=True)
    stream.write("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))


def render(results: list[AuditResult], stream: TextIO, lang: str) -> None:
    results = cleaned(results, terminal_text)  # escape sequences in a report must not reach the terminal
    with terminal(stream) as console:
        for result in results:
            _render_result(console, result, lang)
        if len(results) > 1:
            total = AuditResult(file="", findings=[f for r in results for f in r.findings])
            console.print(Text(f"{label(lang, 'summary')} ({len(results)}){_colon(lang)}"
                               f"{severity_counts_text(total, lang)}", style="bold"))


def _render_result(console: Console, result: AuditResult, lang: str) -> None:
    console.print(Text(display_path(result.file), style="bold underline"))
    if result.error:
        console.print(Text(f"{label(lang, 'not_audited')}{_colon(lang)}{result.error}", style=STYLE["error"]))
        console.print()
        return
    findings = ordered(result)
    if not findings:
        text = label(lang, "no_new_findings").format(result.accepted) if result.accepted else label(lang, "no_findings")
        console.print(Text(text, style="green"))
    for title, items in grouped(findings, lang):
        console.rule(Text(title, style="bold"), characters="─")
        for finding in items:
            console.print(_finding(finding, lang))
    console.print(Text(_summary(result, lang), style="bold"))
    console.print()


def _finding(finding: Finding, lang: str) -> Group:
    head = Text()
    head.append(f"{label(lang, finding.severity)} ", style=STYLE[finding.severity])
    head.append(f"{finding.rule} {finding.name}", style="bold")
    place = where(finding, lang)
    if place:
        head.append(f"  {place}")
    if finding.location.lines:
        head.append(f"  {lines_text(finding.location.lines, lang)}", style="dim")
    body: list = [Text(finding.message)]
    if finding.actual is not None or finding.expected is not None:
        comparison = Table.grid(padding=(0, 1))
        comparison.add_column(style="dim", no_wrap=True)
        comparison.add_column()
        if finding.actual is not None:
            comparison.add_row(label(lang, "actual"), Text(finding.actual, style="red"))
        if finding.expected is not None:
            comparison.add_row(label(lang, "expected"), Text(finding.expected, style="green"))
        body.append(comparison)
    for value in finding.values:
        body.append(Text(f"· {value_text(value, lang)}", style="dim"))
    if finding.hint:
        body.append(Text(f"{label(lang, 'hint')}{_colon(lang)}{finding.hint}", style="italic"))
    return Group(head, Padding(Group(*body), (0, 0, 0, 2), expand=False), Text(""))


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _summary(result: AuditResult, lang: str) -> str:
    packs = ", ".join(result.packs) or "—"
    if lang == "zh":
        return (f"{label(lang, 'summary')}：{severity_counts_text(result, lang)}；{result.rules_run} 条规则已运行，"
                f"{result.tables_read} 张表已读取；规则包：{packs}")
    counts = result.counts()
    return (f"{label(lang, 'summary')}: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} info; "
            f"{result.rules_run} rules run, {result.tables_read} tables read; packs: {packs}")


