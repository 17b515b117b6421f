"""Output formats: one module per format, each with `render(results, stream, lang)`, registered below."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import IO

from keneng_audit.findings import AuditResult

Render = Callable[[list[AuditResult], IO, str], None]

# Format name -> module; imported on first use so plain-text runs never load openpyxl and friends.
REPORTERS: dict[str, str] = {
    "rich": "keneng_audit.reporters.rich_report",
    "json": "keneng_audit.reporters.json_report",
    "jsonl": "keneng_audit.reporters.jsonl_report",
    "markdown": "keneng_audit.reporters.markdown_report",
    "csv": "keneng_audit.reporters.csv_report",
    "xlsx": "keneng_audit.reporters.xlsx_report",
    "sarif": "keneng_audit.reporters.sarif_report",
    "github": "keneng_audit.reporters.github_report",
    "junit": "keneng_audit.reporters.junit_report",
    "html": "keneng_audit.reporters.html_report",
    "docx": "keneng_audit.reporters.docx_report",
}

# What `--format auto` picks for `-o FILE` by the file's suffix.
BY_SUFFIX: dict[str, str] = {
    ".json": "json", ".jsonl": "jsonl", ".md": "markdown", ".markdown": "markdown", ".csv": "csv", ".xlsx": "xlsx",
    ".sarif": "sarif", ".xml": "junit", ".html": "html", ".htm": "html", ".docx": "docx",
}


def get(name: str) -> Render:
    return importlib.import_module(REPORTERS[name]).render


def is_binary(name: str) -> bool:
    return getattr(importlib.import_module(REPORTERS[name]), "BINARY", False)
