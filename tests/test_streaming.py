"""Streamed output (each report's part rendered on its own) is byte-identical to the reporter given every result."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest

from keneng_audit.reporters import get
from keneng_audit.streaming import STREAMED, Part, Writer
from tests.reporters import handbuilt


def _results():
    main, clean, broken = handbuilt.results()
    tricky = dataclasses.replace(main, file="reports/b,\"q\".txt", findings=main.findings[:2])
    return [main, clean, broken, tricky, main]


def _streamed(fmt: str, results, lang: str) -> str:
    out = io.StringIO()
    writer = Writer(fmt, out, lang)
    writer.head()
    part = Part(fmt, lang)
    for result in results:
        writer.part(part(result))
    writer.tail()
    return out.getvalue()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", STREAMED)
def test_streamed_document_equals_the_reporters(fmt, lang):
    results = _results()
    whole = io.StringIO()
    get(fmt)(results, whole, lang)
    assert _streamed(fmt, results, lang) == whole.getvalue()
    assert _streamed(fmt, results[:1], lang) == _whole(fmt, results[:1], lang)


def _whole(fmt, results, lang):
    out = io.StringIO()
    get(fmt)(results, out, lang)
    return out.getvalue()


def test_jsonl_has_one_self_describing_line_per_report():
    results = _results()
    lines = _whole("jsonl", results, "en").splitlines()
    assert len(lines) == len(results)
    first = json.loads(lines[0])
    assert first["version"] == 1 and first["file"] == results[0].file
    assert [f["rule"] for f in first["findings"]] == [f.rule for f in sorted(results[0].findings,
                                                                          key=lambda f: f.sort_key())]
    assert json.loads(lines[2])["error"] == "reports/empty.txt: the file is empty"


def test_csv_numbers_findings_across_reports():
    text = _streamed("csv", _results(), "en")
    numbers = [line.split(",", 1)[0] for line in text.split("\r\n")[1:] if line[:1].isdigit()]
    assert numbers[:3] == ["1", "2", "3"] and numbers[-1] == str(5 + 1 + 2 + 5)
