"""One flat row per finding (shared by the CSV and Excel reporters), headers in the chosen language."""

from __future__ import annotations

import pandas as pd

from keneng_audit.findings import AuditResult, group_key
from keneng_audit.reporters._common import (
    ALL, display_path, error_text, has_lines, label, ordered, place_text, value_text,
)
from keneng_audit.reporters._safe import cell_frame

COLUMNS = ("seq", "file", "rule", "name", "severity", "section", "table", "row", "column", "lines",
           "actual", "basis", "expected", "message", "hint", "values", "group", "fingerprint")


def finding_rows(results: list[AuditResult], lang: str) -> pd.DataFrame:
    """Findings in location order, numbered from 1; a report that could not be audited gets one row saying so.
    Every text cell passes through `_safe.cell_frame`, so no cell can run as a formula in Excel or WPS."""
    records: list[dict] = []
    for result in results:
        file = display_path(result.file)
        if result.error:
            records.append({"file": file, "severity": label(lang, "not_audited"), "message": error_text(result, lang)})
            continue
        docx = result.file.lower().endswith(".docx")
        for f in ordered(result):
            loc = f.location
            records.append({
                "file": file, "rule": f.rule, "name": f.name, "severity": label(lang, f.severity),
                "section": loc.section, "table": loc.table, "row": loc.row, "column": loc.column,
                # A Word file has no lines a reader can find: its paragraphs and tables; a PDF adds its pages.
                "lines": ", ".join(str(n) for n in loc.lines) if has_lines(loc.file) else place_text([f], lang, most=ALL),
                "actual": f.actual,
                "basis": (f.basis or label(lang, "expected")) if f.expected is not None else None,
                "expected": f.expected, "message": f.message, "hint": f.hint,
                "values": "; ".join(value_text(v, lang, docx) for v in f.values), "group": group_key(f),
                "fingerprint": f.fingerprint,
            })
    frame = pd.DataFrame.from_records(records, columns=list(COLUMNS)).astype(object)
    frame["seq"] = range(1, len(frame) + 1)
    frame = cell_frame(frame.where(frame.notna(), ""))  # no report text may start a spreadsheet formula
    return frame.rename(columns={c: label(lang, c) for c in COLUMNS})
