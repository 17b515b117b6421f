"""Excel workbook (.xlsx): one row per finding on one sheet, for reviewers working in Excel or WPS."""

from __future__ import annotations

from typing import BinaryIO

import pandas as pd

from keneng_audit.findings import AuditResult
from keneng_audit.reporters._rows import finding_rows

BINARY = True
SHEET = {"zh": "核查问题", "en": "findings"}


def render(results: list[AuditResult], stream: BinaryIO, lang: str) -> None:
    frame = finding_rows(results, lang)
    with pd.ExcelWriter(stream, engine="openpyxl") as writer:
        sheet = SHEET.get(lang, SHEET["en"])
        frame.to_excel(writer, sheet_name=sheet, index=False)
        worksheet = writer.sheets[sheet]
        worksheet.freeze_panes = "A2"
        for row in worksheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":  # openpyxl reads any "=…" string as a formula: keep it text
                    cell.data_type = "s"
        for cells in worksheet.columns:
            # CJK characters take two columns; cap the width so long messages wrap instead of running on.
            width = max(sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(c.value or "")) for c in cells)
            worksheet.column_dimensions[cells[0].column_letter].width = min(max(width + 2, 6), 60)
