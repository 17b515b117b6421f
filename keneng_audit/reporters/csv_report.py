"""CSV: one row per finding, UTF-8 with a byte-order mark so Excel and WPS open the Chinese text correctly."""

from __future__ import annotations

from typing import TextIO

from keneng_audit.findings import AuditResult
from keneng_audit.reporters._rows import finding_rows


def render(results: list[AuditResult], stream: TextIO, lang: str) -> None:
    stream.write("\ufeff")
    finding_rows(results, lang).to_csv(stream, index=False, lineterminator="\r\n")
