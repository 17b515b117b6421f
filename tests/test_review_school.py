"""One invented school's report in two layouts unlike the sample (tests/fixtures/review-school, made by its
make_reports.py): pdftotext -layout text (aligned columns, form feeds, page footers, running headers, captions
below some tables) and a python-docx DOCX with Heading styles `一、…` / `（一）…`. Each consistent twin is
silent; each injected discrepancy is found by its kind, at its table and row, citing its line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from keneng_audit.audit import audit_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs

HERE = Path(__file__).resolve().parent / "fixtures" / "review-school"
INJECTED = json.loads((HERE / "injected.json").read_text(encoding="utf-8"))

# kind of discrepancy -> rule names or ids that report it
KINDS = {
    "sum": ("inferred-sum",), "growth": ("inferred-growth",), "difference": ("inferred-difference",),
    "share": ("inferred-share",), "catalog": ("inferred-catalog",), "sentence-share": ("KA410",),
    "ratio": ("KA472",), "agree": ("KA401",), "span": ("KA461",),
}


def _audit(name: str):
    return audit_report(HERE / name, lang="zh", packs=load_packs([rules_dir() / "national"]))


@pytest.fixture(scope="module", params=["layout", "docx"])
def layout(request):
    ext = "txt" if request.param == "layout" else "docx"
    return request.param, _audit(f"{request.param}-consistent.{ext}"), _audit(f"{request.param}-injected.{ext}")


def test_the_consistent_twin_is_silent(layout):
    _name, consistent, _ = layout
    assert [(f.rule, f.location.table, f.message) for f in consistent.findings if f.severity != "info"] == []


def _line_in(result, item) -> int:
    """The injected value's line as the reader numbers it (text: the file's line; DOCX: the paragraph/row ordinal)."""
    return item["line"] if result.file.endswith(".txt") else _docx_line(Path(result.file), item)


def _docx_line(path: Path, item) -> int:
    from keneng_audit.reading import read_report

    doc = read_report(path)
    if item["table"] != "prose":
        table = next(t for t in doc.tables if t.key == item["table"])
        row = next(r for r in table.rows if r.label == item["row"])
        return row.source.line
    return next(i + 1 for i, line in enumerate(doc.lines) if f"{item['column']} {item['printed']}" in line
                or f"毕业生 {item['printed']}" in line)


@pytest.mark.parametrize("item", INJECTED, ids=[f"{i['table']}-{i['kind']}-{i['line']}" for i in INJECTED])
def test_each_injected_discrepancy_is_found(layout, item):
    _name, _, injected = layout
    line = _line_in(injected, item)
    found = [f for f in injected.findings if f.severity in ("error", "warning") and line in f.location.lines
             and any(n in KINDS[item["kind"]] for n in (f.name, f.rule, *(x for pair in f.also for x in pair)))
             and (item["table"] == "prose" or (f.location.table, f.location.row) == (item["table"], item["row"]))]
    assert found, (item, line, [(f.rule, f.name, f.location) for f in injected.findings])


# A report saved from Word as text (tests/fixtures/review-rows): tab-separated tables with captions below, years
# as rows, 合计 at the top, 其中 rows, 元 with thousands separators.
ROWS = Path(__file__).resolve().parent / "fixtures" / "review-rows"
ROWS_INJECTED = json.loads((ROWS / "injected.json").read_text(encoding="utf-8"))
ROWS_KINDS = {"sum": ("inferred-sum",), "share": ("inferred-share",), "subset": ("inferred-subset",),
              "sentence-share": ("KA410",), "change": ("KA402", "KA471")}


@pytest.fixture(scope="module")
def rows_audits():
    packs = load_packs([rules_dir() / "national"])
    return (audit_report(ROWS / "consistent.txt", lang="zh", packs=packs),
            audit_report(ROWS / "injected.txt", lang="zh", packs=packs))


def test_the_tab_separated_twin_is_silent_and_every_table_is_read(rows_audits):
    consistent, _ = rows_audits
    assert consistent.tables_read == 4
    assert [(f.rule, f.location.table, f.message) for f in consistent.findings if f.severity != "info"] == []


@pytest.mark.parametrize("item", ROWS_INJECTED, ids=[f"{i['table']}-{i['kind']}-{i['line']}" for i in ROWS_INJECTED])
def test_each_injected_discrepancy_of_the_tab_separated_report_is_found(rows_audits, item):
    _, injected = rows_audits
    # a finding of the kind, or one the diagnosis points at the very cell (several relations blame it at once)
    found = [f for f in injected.findings if f.severity in ("error", "warning") and item["line"] in f.location.lines
             and (any(n in ROWS_KINDS[item["kind"]] for n in (f.name, f.rule, *(x for pair in f.also for x in pair)))
                  or (f.location.row, f.location.column, f.actual) == (item.get("row"), item.get("column"),
                                                                       item["printed"]))
             and (item["table"] == "prose" or f.location.table == item["table"])]
    assert found, (item, [(f.rule, f.name, f.location) for f in injected.findings])
