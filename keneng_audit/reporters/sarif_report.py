"""SARIF 2.1.0 for code-scanning tools: results on the report file's lines, rules in tool.driver.rules."""

from __future__ import annotations

import json
from typing import TextIO
from urllib.parse import quote

from keneng_audit import __version__
from keneng_audit.findings import AuditResult, Finding
from keneng_audit.reporters._common import (
    display_path, error_text, file_place, full_message, has_lines, ordered, primary_line, value_text,
)
from keneng_audit.reporters._safe import finite

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "kenengAudit/v1"


def render(results: list[AuditResult], stream: TextIO, lang: str) -> None:
    findings = [f for r in results if not r.error for f in ordered(r)]
    rules = _rules(results, findings)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    run = {
        "tool": {"driver": {"name": "keneng-audit", "version": __version__, "semanticVersion": __version__,
                            "rules": rules}},
        "language": "zh-CN" if lang == "zh" else "en-US",
        "artifacts": [{"location": {"uri": _uri(r.file)}} for r in results],
        "results": [_result(f, index[f.rule], lang) for f in findings]
        + [_not_applicable(r.file, s, index[s.rule]) for r in results if not r.error for s in r.skipped],
        "invocations": [_invocation(results, lang)],
    }
    json.dump(finite({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}), stream, ensure_ascii=False, indent=2,
              allow_nan=False)
    stream.write("\n")


def _rules(results: list[AuditResult], findings: list[Finding]) -> list[dict]:
    seen: dict[str, dict] = {}
    for ref in (ref for r in results for ref in r.rules):
        entry = {"id": ref.id, "name": ref.name, "shortDescription": {"text": ref.description or ref.name},
                 "defaultConfiguration": {"level": LEVEL[ref.severity]}}
        if ref.description:
            entry["fullDescription"] = {"text": ref.description}
        seen.setdefault(ref.id, entry)
    for s in (s for r in results for s in r.skipped):
        seen.setdefault(s.rule, {"id": s.rule, "name": s.name, "shortDescription": {"text": s.name},
                                 "defaultConfiguration": {"level": "note"}})
    for f in findings:
        seen.setdefault(f.rule, {"id": f.rule, "name": f.name, "shortDescription": {"text": f.name},
                                 "defaultConfiguration": {"level": LEVEL[f.severity]}})
    return [seen[rule] for rule in sorted(seen)]


def _uri(file: str) -> str:
    return quote(display_path(file), safe="/")


def _result(finding: Finding, rule_index: int, lang: str) -> dict:
    loc = finding.location
    uri = _uri(loc.file)
    text = full_message(finding, lang)
    # A region is a line of the file itself: a Word file or a PDF has none a viewer shows (its paragraphs, tables
    # and pages are named in the location's message instead).
    lines = has_lines(loc.file)
    docx = loc.file.lower().endswith(".docx")
    result: dict = {
        "ruleId": finding.rule, "ruleIndex": rule_index, "level": LEVEL[finding.severity],
        "message": {"text": text},
        "locations": [_location(uri, primary_line(finding) if lines else None, _logical(finding),
                                None if lines else file_place([finding], lang) or None)],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
    }
    related = [_location(uri, v.line if lines else None, None, value_text(v, lang, docx) if lines else
                         _value_place(v, lang, docx), i)
               for i, v in enumerate(finding.values) if v.line is not None or v.page or v.paragraph]
    if related:
        result["relatedLocations"] = related
    pages = sorted({v.page for v in finding.values if v.page} | ({loc.page} if loc.page else set()))
    properties = {k: v for k, v in (("expected", finding.expected), ("actual", finding.actual),
                                    ("hint", finding.hint), ("lines", list(loc.lines)), ("pages", pages)) if v}
    if properties:
        result["properties"] = properties
    return result


def _value_place(value, lang: str, docx: bool) -> str:
    """A compared value in a Word file or PDF: its label with its paragraph or page, no line ordinal."""
    from dataclasses import replace

    return value_text(replace(value, line=None), lang, docx)


def _not_applicable(file: str, skipped, rule_index: int) -> dict:
    """A rule that could not run on this report (its table is absent): kind notApplicable, not a failure."""
    return {"ruleId": skipped.rule, "ruleIndex": rule_index, "kind": "notApplicable", "level": "none",
            "message": {"text": skipped.reason},
            "locations": [_location(_uri(file), None, skipped.table)]}


def _logical(finding: Finding) -> str | None:
    loc = finding.location
    parts = [p for p in (loc.section, loc.table, loc.row, loc.column) if p]
    return " / ".join(parts) or None


def _location(uri: str, line: int | None, logical: str | None, message: str | None = None,
              ident: int | None = None) -> dict:
    physical: dict = {"artifactLocation": {"uri": uri}}
    if line is not None and line >= 1:
        physical["region"] = {"startLine": line}
    location: dict = {"physicalLocation": physical}
    if ident is not None:
        location["id"] = ident
    if logical:
        location["logicalLocations"] = [{"fullyQualifiedName": logical}]
    if message:
        location["message"] = {"text": message}
    return location


def _invocation(results: list[AuditResult], lang: str) -> dict:
    failed = [r for r in results if r.error]
    invocation: dict = {"executionSuccessful": not failed}
    if failed:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": error_text(r, lang)},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.file)}}}]}
            for r in failed]
    return invocation
