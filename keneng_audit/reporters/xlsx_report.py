"""Excel workbook (.xlsx): one row per finding on one sheet, for reviewers working in Excel or WPS."""

from __future__ import annotations

from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from keneng_audit.findings import AuditResult
from keneng_audit.reporters._rows import finding_rows
from keneng_audit.reporters._wrap import display_width

BINARY = True
SHEET = {"zh": "核查问题", "en": "findings"}
MAX_WIDTH = 60  # columns wider than this wrap instead of running on
MIN_WIDTH = 6


def render(results: list[AuditResult], stream: BinaryIO, lang: str) -> None:
    frame = finding_rows(results, lang)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET.get(lang, SHEET["en"])
    sheet.append(list(frame.columns))
    for record in frame.itertuples(index=False):
        sheet.append(list(record))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text is text, even when it starts like a formula
            cell.alignment = wrap
    for index, name in enumerate(frame.columns, start=1):
        texts = [str(name)] + [str(v) for v in frame.iloc[:, index - 1]]
        # Longest line of any cell, in display columns (a CJK character takes two).
        width = max(display_width(line) for text in texts for line in (text.splitlines() or [""]))
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.save(stream)
