"""Output written report by report: a head, each report's part (rendered where it was audited), a tail.

For the formats whose document is a plain sequence of per-report parts (JSON, JSON Lines, CSV, GitHub
annotations), a batch never holds its results: each worker renders its report's part and sends back the text,
and the caller writes the parts in input order as they arrive. The bytes are exactly those of the format's
reporter given every result at once (tests/test_streaming.py holds them to that); the other formats (markdown
numbers findings across reports, SARIF lists every rule first, JUnit counts in its first line, XLSX, rich)
are rendered from the collected results.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import TextIO

from keneng_audit.findings import AuditResult
from keneng_audit.reporters._safe import finite

STREAMED = ("json", "jsonl", "csv", "github")


def streams(fmt: str) -> bool:
    return fmt in STREAMED


@dataclass(frozen=True)
class Part:
    """Renders one report's part of a `fmt` document (picklable: it travels to the worker processes)."""

    fmt: str
    lang: str

    def __call__(self, result: AuditResult) -> str:
        return _PARTS[self.fmt](result, self.lang)


class Writer:
    """Writes a document part by part: `head()`, `part(text)` per report in order, `tail()`."""

    def __init__(self, fmt: str, stream: TextIO, lang: str) -> None:
        self.fmt, self.stream, self.lang = fmt, stream, lang
        self.count = 0
        self.rows = 0  # CSV: findings numbered across reports

    def head(self) -> None:
        if self.fmt == "json":
            self.stream.write('{\n  "version": %d,\n  "reports": [\n' % _json_version())
        elif self.fmt == "csv":
            from keneng_audit.reporters._rows import finding_rows

            self.stream.write("\ufeff")
            finding_rows([], self.lang).to_csv(self.stream, index=False, lineterminator="\r\n")

    def part(self, text: str | list | None) -> None:
        if text is None:  # a report whose part could not be rendered at all (its error is reported)
            return
        if self.fmt == "json":
            self.stream.write((",\n" if self.count else "") + text)
        elif self.fmt == "csv":
            for record in text:
                self.rows += 1
                self.stream.write(f"{self.rows},{record}")
        else:
            self.stream.write(text)
        self.count += 1

    def tail(self) -> None:
        if self.fmt == "json":
            self.stream.write("\n  ]\n}\n" if self.count else "")


def _json_version() -> int:
    from keneng_audit.reporters.json_report import SCHEMA_VERSION

    return SCHEMA_VERSION


def _json(result: AuditResult, lang: str) -> str:
    from keneng_audit import jsontext

    # indented as an entry of the document's "reports" list: strings hold no raw line breaks
    return jsontext.dumps(result.to_dict(lang), indent=2, finite=True, margin=4)


def _jsonl(result: AuditResult, lang: str) -> str:
    return json.dumps(finite({"version": _json_version(), **result.to_dict(lang)}), ensure_ascii=False,
                      allow_nan=False) + "\n"


def _github(result: AuditResult, lang: str) -> str:
    from keneng_audit.reporters import github_report

    buffer = io.StringIO()
    github_report.render([result], buffer, lang)
    return buffer.getvalue()


def _csv(result: AuditResult, lang: str) -> list[str]:
    """Each finding's CSV record without its number (the writer numbers them across reports)."""
    from keneng_audit.reporters._rows import finding_rows

    frame = finding_rows([result], lang)
    records = []
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # the dialect pandas' to_csv uses
    for row in frame.iloc[:, 1:].itertuples(index=False, name=None):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        records.append(buffer.getvalue())
    return records


_PARTS = {"json": _json, "jsonl": _jsonl, "github": _github, "csv": _csv}
