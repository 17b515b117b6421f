"""GitHub Actions workflow commands: `::error file=…,line=…,title=…::…` annotations, at most ten per severity,
and a Markdown job summary for $GITHUB_STEP_SUMMARY."""

from __future__ import annotations

from typing import TextIO

from keneng_audit.findings import AuditResult, Finding
from keneng_audit.reporters._common import (
    by_cause, comparison_text, display_path, error_text, file_place, full_message, has_lines, label, lines_text,
    ordered, primary_line, rule_counts, severities_text, severity_counts_text, skipped_text, where,
)
from keneng_audit.reporters._safe import cleaned, terminal_text

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
# GitHub shows at most ten annotations of each kind per step; the rest would vanish without a word.
PER_SEVERITY = 10
MORE = {"zh": "另有 {n} 条问题未作标注（GitHub 每种级别最多显示 10 条）；完整清单见任务摘要或 --format markdown",
        "en": "{n} more findings not annotated (GitHub shows at most 10 per severity); see the job summary or "
              "--format markdown"}
SEE_ALSO = {"zh": "（另见第 {0} 行）", "en": " (also line {0})"}


def escape_data(text: str) -> str:
    """Message escaping, as in @actions/core: % first, then CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Property values also escape the separators ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: list[AuditResult], stream: TextIO, lang: str) -> None:
    results = cleaned(results, terminal_text)  # CI logs are terminals too: no escape sequence from a report
    shown = {severity: 0 for severity in COMMAND}
    left_out = 0
    for result in results:
        file = display_path(result.file)
        if result.error:
            stream.write(_command("error", {"file": file, "title": label(lang, "not_audited")}, error_text(result, lang)))
            shown["error"] += 1
            continue
        for finding in ordered(result):
            if shown[finding.severity] >= PER_SEVERITY:
                left_out += 1
                continue
            shown[finding.severity] += 1
            stream.write(_annotation(file, finding, lang))
    if left_out:
        stream.write(f"::notice::{escape_data(MORE.get(lang, MORE['en']).format(n=left_out))}\n")


def _annotation(file: str, finding: Finding, lang: str) -> str:
    props = {"file": file}
    line = primary_line(finding)
    text = full_message(finding, lang)
    if not has_lines(finding.location.file):  # Word: its paragraphs and tables; PDF: its pages (no line to find)
        place = file_place([finding], lang)
        line, text = None, text + (f"（{place}）" if lang == "zh" else f" ({place})") if place else text
    if line is not None:
        props["line"] = str(line)
        others = [n for n in finding.location.lines if n != line]
        if others:
            text += SEE_ALSO.get(lang, SEE_ALSO["en"]).format(("、" if lang == "zh" else ", ").join(map(str, others)))
    props["title"] = f"{finding.rule} {finding.name}"
    return _command(COMMAND[finding.severity], props, text)


def _command(name: str, props: dict[str, str], message: str) -> str:
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{name} {joined}::{escape_data(message)}\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def step_summary(results: list[AuditResult], lang: str, most: int = 200) -> str:
    """A Markdown job summary: per report the counts, findings per rule, and the findings (one row per cause)."""
    zh = lang == "zh"
    out = ["## keneng-audit", ""]
    for result in results:
        file = display_path(result.file)
        if result.error:
            out += [f"**{_cell(file)}**：{label(lang, 'not_audited')}：{_cell(error_text(result, lang))}" if zh else
                    f"**{_cell(file)}**: {label(lang, 'not_audited')}: {_cell(error_text(result, lang))}", ""]
            continue
        skipped = skipped_text(result, lang)
        out += [f"### {_cell(file)}", "", severity_counts_text(result, lang) + (f"；{skipped}" if zh and skipped else
                                                                                f"; {skipped}" if skipped else ""), ""]
        counts = rule_counts([result])
        if counts:
            out += [f"| {label(lang, 'rule')} | {label(lang, 'name')} | {label(lang, 'severity')} | {label(lang, 'count')} |",
                    "|---|---|---|---:|"]
            out += [f"| {rule} | {_cell(name)} | {severities_text(by, lang)} | {n} |" for rule, name, by, n in counts]
            out.append("")
            out += [f"| {label(lang, 'where')} | {label(lang, 'lines')} | {label(lang, 'rule')} | {label(lang, 'message')} |",
                    "|---|---|---|---|"]
            groups = by_cause(ordered(result))
            for group in groups[:most]:
                first = group[0]
                count = f" ×{len(group)}" if len(group) > 1 else ""
                text = full_message(first, lang) if len(group) == 1 else (first.hint or comparison_text(first, lang))
                out.append(f"| {_cell(where(first, lang))}{count} | {_cell(_places(group, lang))} | "
                           f"{first.rule} | {_cell(text)} |")
            if len(groups) > most:
                out.append(f"| … | | | {len(groups) - most} |")
            out.append("")
    return "\n".join(out) + "\n"


def _places(group: list[Finding], lang: str) -> str:
    """The first six lines of a group (text), its paragraphs and tables (DOCX), or its pages (PDF)."""
    if not has_lines(group[0].location.file):
        return file_place(group, lang)
    return lines_text(sorted({n for f in group for n in f.location.lines})[:6], lang)
