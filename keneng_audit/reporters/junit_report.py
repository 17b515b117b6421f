"""JUnit XML for CI test views: one test suite per report, one test case per rule, one failure per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from keneng_audit.findings import AuditResult, Finding
from keneng_audit.reporters._common import (
    ALL, comparison, display_path, error_text, label, ordered, place_text, value_text, where,
)
from keneng_audit.reporters._safe import xml_text


def render(results: list[AuditResult], stream: TextIO, lang: str) -> None:
    suites = ET.Element("testsuites", name="keneng-audit")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in results:
        suite = _suite(result, lang)
        suites.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        suites.set(key, str(value))
    ET.indent(suites)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(xml_text(ET.tostring(suites, encoding="unicode")))  # a control character in a label is not XML
    stream.write("\n")


def _suite(result: AuditResult, lang: str) -> ET.Element:
    file = display_path(result.file)
    suite = ET.Element("testsuite", name=file)
    if result.error:
        case = ET.SubElement(suite, "testcase", name=label(lang, "not_audited"), classname=file)
        ET.SubElement(case, "error", message=error_text(result, lang), type="InputError")
        suite.attrib.update(tests="1", failures="0", errors="1", skipped="0")
        return suite
    by_rule: dict[str, list[Finding]] = {}
    for finding in ordered(result):
        by_rule.setdefault(finding.rule, []).append(finding)
    names = {ref.id: ref.name for ref in result.rules}
    names.update({rule: found[0].name for rule, found in by_rule.items() if rule not in names})
    skipped = {s.rule: s for s in result.skipped}
    names.update({rule: s.name for rule, s in skipped.items() if rule not in names})
    for rule in sorted(names):
        case = ET.SubElement(suite, "testcase", name=f"{rule} {names[rule]}", classname=file)
        if rule in skipped and rule not in by_rule:  # could not run here: neither passed nor failed
            ET.SubElement(case, "skipped", message=skipped[rule].reason)
        for finding in by_rule.get(rule, []):
            failure = ET.SubElement(case, "failure", message=finding.message, type=finding.severity)
            failure.text = _details(finding, lang)
    # A result built without its rule list (hand-built, older callers) still counts the rules that passed.
    passed = 0 if result.rules else max(result.rules_run - len(by_rule), 0)
    if passed:
        ET.SubElement(suite, "testcase", name=label(lang, "passed").format(passed), classname=file)
    suite.attrib.update(tests=str(len(names) + (1 if passed else 0)), failures=str(len(by_rule)), errors="0",
                        skipped=str(len([r for r in skipped if r not in by_rule])))
    return suite


def _details(finding: Finding, lang: str) -> str:
    colon = "：" if lang == "zh" else ": "
    place = f"{where(finding, lang)} {place_text([finding], lang, most=ALL)}".strip()
    rows = [f"{label(lang, 'where')}{colon}{place}"]
    rows += [f"{name}{colon}{text}" for name, text in comparison(finding, lang)]
    docx = finding.location.file.lower().endswith(".docx")
    rows += [f"- {value_text(v, lang, docx)}" for v in finding.values]
    if finding.hint:
        rows.append(f"{label(lang, 'hint')}{colon}{finding.hint}")
    return "\n".join(rows)
