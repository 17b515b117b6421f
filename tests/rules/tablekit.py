"""Builds Documents and rule packs by hand for the rule-kind and engine tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

from keneng_audit.document import Cell, Document, Row, SourceRef, Table
from keneng_audit.numbers import parse_number
from keneng_audit.rules.loader import load_packs


def make_table(key: str, caption: str, columns: list[str], rows: list[tuple], line: int = 100,
               section: str | None = "1.1") -> Table:
    """rows: (label, [cell texts for columns[1:]]) or (label, [texts], parent); one input line per row."""
    table = Table(key, caption, SourceRef(line), section, columns, columns[0])
    for n, spec in enumerate(rows, start=1):
        label, texts = spec[0], spec[1]
        parent = spec[2] if len(spec) > 2 else None
        src = SourceRef(line + n)
        cells = {columns[0]: Cell(label, None, src)}
        for column, text in zip(columns[1:], texts):
            cells[column] = Cell(text, parse_number(text), src)
        table.rows.append(Row(label, cells, src, parent=parent))
    return table


def make_doc(*tables: Table, title: str = "某某学校质量年度报告（2024）") -> Document:
    return Document(path="report.txt", format="text", lines=[], title=title, tables=list(tables))


def write_pack(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def pack_from(tmp_path: Path, text: str):
    return load_packs([write_pack(tmp_path, text)])


MESSAGE = """
    message:
      zh: "{table} {row} {column}：印刷 {actual}，应为 {expected}"
      en: "{table} {row} {column}: printed {actual}, expected {expected}"
    description: {zh: 测试, en: test}
"""


def rule_yaml(rule_id: str, kind: str, table: str | None, params: str, severity: str = "error") -> str:
    """One rule entry (YAML, indented for a `rules:` list)."""
    lines = [f"  - id: {rule_id}", f"    name: {kind}-test", f"    severity: {severity}", f"    kind: {kind}"]
    if table:
        lines.append(f"    table: {table}")
    lines.append(f"    params: {params}")
    lines += ["    " + line for line in textwrap.dedent(MESSAGE).strip("\n").splitlines()]
    return "\n".join(lines) + "\n"
