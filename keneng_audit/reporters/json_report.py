"""JSON output: `{"version": 1, "reports": [{"file", "findings", "summary"}]}`, findings in location order."""

from __future__ import annotations

from typing import TextIO

from keneng_audit import jsontext
from keneng_audit.findings import AuditResult

SCHEMA_VERSION = 1


def render(results: list[AuditResult], stream: TextIO, lang: str) -> None:
    document = {"version": SCHEMA_VERSION, "reports": [r.to_dict(lang) for r in results]}
    # json.dump(finite(document), stream, ensure_ascii=False, indent=2, allow_nan=False), the same text faster
    stream.write(jsontext.dumps(document, indent=2, finite=True))
    stream.write("\n")
