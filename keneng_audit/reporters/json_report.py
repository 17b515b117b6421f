"""JSON output: `{"version": 1, "reports": [{"file", "findings", "summary"}]}`, findings in location order."""

from __future__ import annotations

import json
from typing import TextIO

from keneng_audit.findings import AuditResult
from keneng_audit.reporters._common import display_path

SCHEMA_VERSION = 1


def _report(result: AuditResult) -> dict:
    """The result's dict with every file path as the other formats print it (relative to the working folder)."""
    data = result.to_dict()
    data["file"] = display_path(data["file"])
    for finding in data["findings"]:
        finding["location"]["file"] = display_path(finding["location"]["file"])
    return data


def render(results: list[AuditResult], stream: TextIO, lang: str) -> None:
    document = {"version": SCHEMA_VERSION, "reports": [_report(r) for r in results]}
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
