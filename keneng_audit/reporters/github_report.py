"""GitHub Actions workflow commands: one `::error file=…,line=…,title=…::…` annotation per finding."""

from __future__ import annotations

from typing import TextIO

from keneng_audit.findings import AuditResult, Finding
from keneng_audit.reporters._common import display_path, full_message, label, ordered
from keneng_audit.reporters._safe import cleaned, terminal_text

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Message escaping, as in @actions/core: % first, then CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Property values also escape the separators ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: list[AuditResult], stream: TextIO, lang: str) -> None:
    results = cleaned(results, terminal_text)  # CI logs are terminals too: no escape sequence from a report
    for result in results:
        file = display_path(result.file)
        if result.error:
            stream.write(_command("error", {"file": file, "title": label(lang, "not_audited")}, result.error))
            continue
        for finding in ordered(result):
            stream.write(_annotation(file, finding, lang))


def _annotation(file: str, finding: Finding, lang: str) -> str:
    lines = finding.location.lines
    props = {"file": file}
    if lines:
        props["line"] = str(lines[0])
        if lines[-1] != lines[0]:
            props["endLine"] = str(lines[-1])
    props["title"] = f"{finding.rule} {finding.name}"
    text = full_message(finding, lang)
    return _command(COMMAND[finding.severity], props, text)


def _command(name: str, props: dict[str, str], message: str) -> str:
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    return f"::{name} {joined}::{escape_data(message)}\n"
