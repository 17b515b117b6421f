"""`check --statistics` (findings per rule, as ruff prints them) and `--show-skipped` (rules that could not run)."""

from __future__ import annotations

import json
from typing import TextIO

from keneng_audit.findings import AuditResult
from keneng_audit.findings import SEVERITY_ORDER
from keneng_audit.reporters._common import display_path, label, rule_counts, severities_text
from keneng_audit.reporters._wrap import display_width


def render_text(results: list[AuditResult], stream: TextIO, lang: str) -> None:
    rows = rule_counts(results)
    width = max((len(str(n)) for *_, n in rows), default=1)
    ids = max((len(rule) for rule, *_ in rows), default=0)
    names = max((display_width(name) for _, name, _, _ in rows), default=0)
    for rule, name, by_severity, count in rows:
        pad = " " * (names - display_width(name))
        stream.write(f"{count:>{width}}  {rule:<{ids}}  {name}{pad}  {severities_text(by_severity, lang)}\n")
    total = sum(n for *_, n in rows)
    stream.write(f"共 {total} 条问题，{len(rows)} 条规则\n" if lang == "zh" else f"{total} findings, {len(rows)} rules\n")


def render_json(results: list[AuditResult], stream: TextIO, lang: str) -> None:
    rows = [{"rule": r, "name": n, "severity": max(by, key=SEVERITY_ORDER.__getitem__), "severities": by, "count": c}
            for r, n, by, c in rule_counts(results)]
    json.dump({"version": 1, "statistics": rows}, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def skipped_lines(results: list[AuditResult], lang: str) -> list[str]:
    """The rules each report skipped, with the reason, under a heading."""
    lines: list[str] = []
    for result in results:
        if not result.skipped:
            continue
        head = label(lang, "skipped_head")
        lines.append(f"{head}（{display_path(result.file)}）：" if lang == "zh" else
                     f"{head} ({display_path(result.file)}):")
        for s in sorted(result.skipped, key=lambda s: s.rule):
            lines.append(f"  {s.rule} {s.name}：{s.reason}" if lang == "zh" else f"  {s.rule} {s.name}: {s.reason}")
    return lines
