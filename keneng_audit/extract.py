"""Writes what the reader found: one CSV per table plus facts.csv, or the same as one JSON document."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from keneng_audit.document import Document, Fact, SourceRef, Table
from keneng_audit.reporters._safe import cell_frame, finite

# Excel only recognises UTF-8 CSV files that start with a byte order mark.
CSV_ENCODING = "utf-8-sig"
FACT_COLUMNS = ["value", "text", "unit", "kind", "decimals", "section", "line", "page", "paragraph", "sentence"]
_PLACES = ("page", "paragraph")  # kept next to `line` only where the input format has them (PDF, DOCX)


def _places(sources: list[SourceRef]) -> list[str]:
    return [p for p in _PLACES if any(getattr(s, p) is not None for s in sources)]


def table_frame(table: Table) -> pd.DataFrame:
    """The printed cells of a table: its unique row label, every column as printed, and the row's line
    (and its page or paragraph where the input has them)."""
    places = _places([row.source for row in table.rows])
    records = [
        {"row": row.label, **{c: row.cells[c].text if c in row.cells else "" for c in table.columns},
         "line": row.source.line, **{p: getattr(row.source, p) for p in places}}
        for row in table.rows
    ]
    # object dtype: a page missing on one row must not turn the others into "3.0"
    return pd.DataFrame(records, columns=["row", *table.columns, "line", *places], dtype=object)


def facts_frame(doc: Document) -> pd.DataFrame:
    """One row per prose fact; `page` and `paragraph` only when the input format has them."""
    places = _places([f.source for f in doc.facts])
    columns = [c for c in FACT_COLUMNS if c not in _PLACES or c in places]
    # object dtype keeps whole numbers printed as "1250", not "1250.0"
    return pd.DataFrame([_fact_dict(f) for f in doc.facts], columns=columns, dtype=object)


def write_extract(doc: Document, out_dir: Path, inputs: Iterable[str | Path] = ()) -> list[Path]:
    """Writes `表N.csv` / `附表N.csv` per table and `facts.csv` into a fresh folder that then replaces `out_dir`
    (no CSV of an earlier run is left over); returns the files written. Cells never start a formula."""
    from keneng_audit.atomic import fresh_folder

    out_dir = Path(out_dir)
    frames: dict[str, pd.DataFrame] = {}
    for table in doc.tables:
        name = table.key
        k = 2
        while name in frames:  # a report may print the same table number twice
            name = f"{table.key}_{k}"
            k += 1
        frames[_file_name(name)] = table_frame(table)
    frames["facts"] = facts_frame(doc)
    with fresh_folder(out_dir, [doc.path, *inputs]) as folder:
        for name, frame in frames.items():
            with open(folder / f"{name}.csv", "x", encoding=CSV_ENCODING, newline="") as stream:
                cell_frame(frame).to_csv(stream, index=False)
    return [out_dir / f"{name}.csv" for name in frames]


def _file_name(name: str) -> str:
    """A table key as a file name inside the folder: no separators, no leading dot, no control characters."""
    return re.sub(r'[\\/\x00-\x1f:*?"<>|]', "_", name).lstrip(".") or "table"


def extract_json(doc: Document) -> str:
    """The same content as the CSV files, as one JSON document."""
    data = {
        "file": doc.path,
        "format": doc.format,
        "title": doc.title,
        "sections": [{"number": s.number, "title": s.title, "line": s.source.line} for s in doc.sections],
        "tables": [_table_dict(t) for t in doc.tables],
        "facts": [_fact_dict(f) for f in doc.facts],
    }
    return json.dumps(finite(data), ensure_ascii=False, indent=2, allow_nan=False)


def _where(source: SourceRef, places: list[str]) -> dict:
    return {p: getattr(source, p) for p in places}


def _table_dict(table: Table) -> dict:
    places = _places([row.source for row in table.rows])
    return {
        "key": table.key,
        "caption": table.caption,
        "line": table.source.line,
        "section": table.section,
        "columns": table.columns,
        "label_column": table.label_column,
        "unit": table.unit,
        "period_axis": table.period_axis,
        "rows": [
            {
                "label": row.label, "serial": row.serial, "parent": row.parent, "line": row.source.line,
                **_where(row.source, places),
                "cells": {c: {"text": cell.text, "value": _num(cell.value), "unit": _unit(cell),
                              "line": cell.source.line,
                              **_where(cell.source, places)}
                          for c, cell in row.cells.items()},
            }
            for row in table.rows
        ],
        "problems": table.problems,
    }


def _unit(cell) -> str | None:
    return None if cell.number is None else ("%" if cell.number.kind == "percent" else cell.number.unit)


def _fact_dict(fact: Fact) -> dict:
    return {
        "value": _num(fact.value), "text": fact.number.text, "unit": fact.unit, "kind": fact.number.kind,
        "decimals": fact.number.decimals, "section": fact.section, "line": fact.source.line,
        "page": fact.source.page, "paragraph": fact.source.paragraph, "sentence": fact.sentence,
    }


def _num(value: float | None) -> float | int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value) if float(value).is_integer() else value
