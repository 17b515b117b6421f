"""What every reporter shares: localized labels, ordering and grouping of findings, location texts."""

from __future__ import annotations

from pathlib import Path

from keneng_audit.findings import AuditResult, Finding, PrintedValue

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "error": "错误", "warning": "警告", "info": "提示",
        "file": "文件", "rule": "规则", "name": "名称", "severity": "严重程度", "section": "章节",
        "table": "表", "row": "行", "column": "列", "lines": "行号", "where": "位置",
        "actual": "报告所印", "expected": "应为", "message": "说明", "hint": "可能原因",
        "values": "所比较的数值", "fingerprint": "指纹", "no_section": "（未归入章节）",
        "no_findings": "未发现问题。", "no_new_findings": "未发现新问题（基线已接受 {} 条）。", "not_audited": "无法核查",
        "summary": "小结", "rules_run": "条规则已运行", "tables_read": "张表已读取", "packs": "规则包",
        "findings": "条问题", "title": "质量年度报告数字核查问题清单", "report": "报告",
        "line": "第 {0} 行", "lines_fmt": "第 {0} 行", "seq": "序号", "computed": "计算依据",
        "passed": "其余 {0} 条规则通过", "prose": "正文",
    },
    "en": {
        "error": "error", "warning": "warning", "info": "info",
        "file": "file", "rule": "rule", "name": "name", "severity": "severity", "section": "section",
        "table": "table", "row": "row", "column": "column", "lines": "lines", "where": "where",
        "actual": "printed", "expected": "expected", "message": "message", "hint": "likely cause",
        "values": "values compared", "fingerprint": "fingerprint", "no_section": "(no section)",
        "no_findings": "No findings.", "no_new_findings": "No new findings ({} accepted by the baseline).", "not_audited": "could not be audited",
        "summary": "Summary", "rules_run": "rules run", "tables_read": "tables read", "packs": "packs",
        "findings": "findings", "title": "Issues found in the quality report's figures", "report": "Report",
        "line": "line {0}", "lines_fmt": "lines {0}", "seq": "no.", "computed": "computed from",
        "passed": "{0} other rules passed", "prose": "text",
    },
}

SEVERITIES = ("error", "warning", "info")


def label(lang: str, key: str) -> str:
    return LABELS.get(lang, LABELS["en"])[key]


def ordered(result: AuditResult) -> list[Finding]:
    return sorted(result.findings, key=Finding.sort_key)


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


def value_text(value: PrintedValue, lang: str) -> str:
    """"613（表3 装备制造大类 / 增加人数，第 412 行）" / "613 (…, line 412)"."""
    parts = [value.label] if value.label else []
    if value.line is not None:
        parts.append(label(lang, "line").format(value.line))
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
    """The message, followed by expected and printed values unless the message already states them."""
    text = finding.message
    if finding.expected is None or finding.actual is None or finding.expected in text:
        return text
    if lang == "zh":
        return f"{text}（应为 {finding.expected}，报告印为 {finding.actual}）"
    return f"{text} (expected {finding.expected}, printed {finding.actual})"
