"""The chapter fixture (another school, pdftotext -layout style, 第N章 chapters, captions below tables one after
another) reads completely; its consistent twin is silent and each injected number is found where it was printed."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from keneng_audit.audit import audit_report
from keneng_audit.cli import main
from keneng_audit.reading import read_report
from keneng_audit.resources import rules_dir
from keneng_audit.rules.loader import load_packs
from tests import make_chapter_fixture as fixture

CONSISTENT = fixture.FOLDER / "consistent.txt"
INJECTED = fixture.FOLDER / "injected.txt"
EXPECTED = fixture.FOLDER / "expected"
FOUND_BY = {"sum": "inferred-sum", "share": "inferred-share", "difference": "inferred-difference",
            "growth": "inferred-growth"}


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture(scope="module")
def doc():
    return read_report(CONSISTENT)


@pytest.fixture(scope="module")
def audits():
    """`check --packs national` on each twin."""
    packs = load_packs([rules_dir() / "national"])
    return {path: audit_report(path, lang="zh", packs=packs) for path in (CONSISTENT, INJECTED)}


def test_the_fixture_files_are_what_the_generator_writes():
    for name, text in fixture.all_files().items():
        assert (fixture.FOLDER / name).read_text("utf-8") == text, f"{name}: run python -m tests.make_chapter_fixture"


def test_the_fixture_is_printed_in_the_layout_it_stands_for():
    text = CONSISTENT.read_text("utf-8")
    assert "\f" in text and "第 2 页 共 3 页" in text and "\n\n" not in text
    assert "第二章 学生发展" in text and text.count("\n一、") == 4 and "单位：元" in text and "9,800,000.00" in text
    # 表2-1 and 表2-2 are printed one right after the other, each with its caption under it
    assert "  合计           530    100.0\n表2-1 2024届毕业生去向\n  级别" in text


def test_every_table_is_extracted_cell_by_cell(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(CONSISTENT), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    expected = sorted(p.name for p in EXPECTED.glob("*表*.csv"))
    assert sorted(p.name for p in tmp_path.glob("*表*.csv")) == expected
    for name in expected:
        got = _rows(tmp_path.joinpath(name).read_text("utf-8-sig"))
        want = _rows(EXPECTED.joinpath(name).read_text("utf-8"))
        assert got == want, name


def test_every_cell_stands_on_the_line_it_was_printed_on(doc):
    expected = list(csv.DictReader(io.StringIO((EXPECTED / "cells.csv").read_text("utf-8"))))
    for want in expected:
        cell = doc.table(want["table"]).cell(want["row"], want["column"])
        assert cell is not None, want
        assert (cell.text, cell.source.line) == (want["text"], int(want["line"])), want
    assert sum(len(r.cells) for t in doc.tables for r in t.rows) == len(expected)


def test_chapters_sections_captions_and_period_axes(doc):
    outline = list(csv.DictReader(io.StringIO((EXPECTED / "outline.csv").read_text("utf-8"))))
    sections = [(r["key"], r["title"], int(r["line"])) for r in outline if r["kind"] == "section"]
    assert [(s.number, s.title, s.source.line) for s in doc.sections] == sections
    tables = [(r["key"], r["title"], int(r["line"]), r["extra"] or None) for r in outline if r["kind"] == "table"]
    assert sorted((t.key, t.caption, t.source.line, t.period_axis) for t in doc.tables) == sorted(tables)
    assert [(t.key, t.section) for t in doc.tables] == [
        ("表1-1", "第一章一"), ("表1-2", "第一章二"), ("表2-1", "第二章一（一）"), ("表2-2", "第二章一（一）"),
        ("表3-1", "第三章一"), ("表4-1", "第四章一")]
    assert not any(t.problems for t in doc.tables)
    assert doc.table("表4-1").cell("财政拨款", "2024年").number.unit == "元"


def test_the_consistent_twin_is_silent(audits):
    assert audits[CONSISTENT].tables_read == 6
    assert [(f.rule, f.message) for f in audits[CONSISTENT].findings if f.severity != "info"] == []


@pytest.mark.parametrize("item", json.loads((fixture.FOLDER / "injected.json").read_text("utf-8")),
                         ids=lambda i: f"{i['table']}-{i['kind']}-{i['line']}")
def test_each_injected_number_is_found_at_its_table_and_line(audits, item):
    findings = audits[INJECTED].findings
    found = [f for f in findings if f.name == FOUND_BY[item["kind"]] and f.location.table == item["table"]
             and item["line"] in f.location.lines and f.severity == "error"]
    assert found, [(f.name, f.location) for f in findings]


def test_the_docx_twin_with_heading_styles_gives_the_same_sections_and_tables(doc, tmp_path):
    from tests.make_layout_fixture import write_docx

    word = read_report(write_docx(tmp_path / "report.docx", fixture.CONSISTENT))
    assert [(s.number, s.title) for s in word.sections] == [(s.number, s.title) for s in doc.sections]
    assert [(t.key, t.section, t.columns, [r.label for r in t.rows]) for t in word.tables] == [
        (t.key, t.section, t.columns, [r.label for r in t.rows]) for t in doc.tables]
