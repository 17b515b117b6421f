"""JSON Lines: one JSON object per report and line (`{"version": 1, "file", "findings", "summary"}`), for batches."""

from __future__ import annotations

from typing import TextIO

from keneng_audit.findings import AuditResult
from keneng_audit.streaming import Part


def render(results: list[AuditResult], stream: TextIO, lang: str) -> None:
    part = Part("jsonl", lang)
    for result in results:
        stream.write(part(result))
