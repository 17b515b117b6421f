"""Markdown issue list for reviewers: numbered items grouped by section and table, each saying where, what, why."""

from __future__ import annotations

import re
from typing import TextIO

from keneng_audit.findings import AuditResult, Finding
from keneng_audit.reporters._common import (
    ALL, by_cause, case_label, cause_text, comparison, display_path, error_text, group_where, grouped, label,
    ordered, place_text, row_place, severity_counts_text, skipped_text, value_text, where,
)
from keneng_audit.reporters._safe import cleaned, terminal_text

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")

TEXT = {
    "zh": {"problem": "问题", "rule": "规则", "total": "共 {n} 条（{counts}）。",
           "run": "已运行 {rules} 条规则，读取 {tables} 张表；规则包：{packs}。", "sep": "；", "list_sep": "、"},
    "en": {"problem": "problem", "rule": "rule", "total": "{n} findings ({counts}).",
           "run": "{rules} rules run, {tables} tables read; packs: {packs}.", "sep": "; ", "list_sep": ", "},
}


def escape(text: str) -> str:
    """Printed text stays literal: no accidental emphasis, links, HTML or table cells; one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render(results: list[AuditResult], stream: TextIO, lang: str) -> None:
    results = cleaned(results, terminal_text)  # a review file is often read with `cat`: no escape sequences
    words = TEXT.get(lang, TEXT["en"])
    out = [f"# {label(lang, 'title')}", ""]
    number = 0
    for result in results:
        out += [f"## {escape(display_path(result.file))}", ""]
        if result.error:
            out += [f"{label(lang, 'not_audited')}{_colon(lang)}{escape(error_text(result, lang))}", ""]
            continue
        findings = ordered(result)
        packs = words["list_sep"].join(result.packs) or "—"
        skipped = skipped_text(result, lang)
        out += [words["total"].format(n=len(findings), counts=severity_counts_text(result, lang))
                + ("" if lang == "zh" else " ") + words["run"].format(rules=result.rules_run, tables=result.tables_read, packs=escape(packs))
                + (f"{'' if lang == 'zh' else ' '}{escape(skipped)}{'。' if lang == 'zh' else '.'}" if skipped else ""),
                ""]
        for title, items in grouped(findings, lang):
            out += [f"### {escape(title)}", ""]
            for group in by_cause(items):
                number += 1
                item = _item(number, group[0], lang, words) if len(group) == 1 else _group(number, group, lang, words)
                out += item + [""]
    stream.write("\n".join(out).rstrip("\n") + "\n")


def _item(number: int, finding: Finding, lang: str, words: dict[str, str]) -> list[str]:
    head = f"{number}. **{escape(where(finding, lang) or finding.name)}**"
    place = place_text([finding], lang, most=ALL)
    if place:
        head += f"（{place}）" if lang == "zh" else f" ({place})"
    colon = _colon(lang)
    indent = " " * (len(str(number)) + 2)
    lines = [head, f"{indent}- {words['problem']}{colon}{escape(finding.message)}"]
    for name, text in comparison(finding, lang):  # what is printed, then what the other values give
        lines.append(f"{indent}- {escape(name)}{colon}{escape(text)}")
    if finding.values:
        docx = finding.location.file.lower().endswith(".docx")
        values = words["sep"].join(escape(value_text(v, lang, docx)) for v in finding.values)
        lines.append(f"{indent}- {label(lang, 'computed')}{colon}{values}")
    if finding.hint:
        lines.append(f"{indent}- {label(lang, 'hint')}{colon}{escape(finding.hint)}")
    severity = label(lang, finding.severity)
    rule = f"{finding.rule} {finding.name}（{severity}）" if lang == "zh" else f"{finding.rule} {finding.name} ({severity})"
    lines.append(f"{indent}- {words['rule']}{colon}{escape(rule)}")
    return lines


def _group(number: int, findings: list[Finding], lang: str, words: dict[str, str]) -> list[str]:
    """One cause over several rows: where, the shared cause, the rule, then a table of the rows."""
    first = findings[0]
    span = place_text(findings, lang, span=True)
    count = label(lang, "rows_count").format(len(findings))
    colon = _colon(lang)
    head = f"{number}. **{escape(group_where(findings, lang))}**" + (f"（{count}，{span}）" if lang == "zh" else f" ({count}, {span})")
    indent = " " * (len(str(number)) + 2)
    out = [head]
    cause = cause_text(findings)
    if cause:
        out.append(f"{indent}- {label(lang, 'hint')}{colon}{escape(cause)}")
    severity = label(lang, first.severity)
    rule = f"{first.rule} {first.name}（{severity}）" if lang == "zh" else f"{first.rule} {first.name} ({severity})"
    out += [f"{indent}- {words['rule']}{colon}{escape(rule)}", ""]
    names = [name for name, _ in comparison(first, lang)]
    out.append(indent + "| " + " | ".join([label(lang, "row"), *map(escape, names), label(lang, "lines")]) + " |")
    out.append(indent + "|" + "---|" * (len(names) + 2))
    for finding in findings:
        cells = [case_label(finding), *(text for _, text in comparison(finding, lang))]
        out.append(indent + "| " + " | ".join([*map(escape, cells), row_place(finding, lang)]) + " |")
    return out


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "
