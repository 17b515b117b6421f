"""Every format on the sample's real findings: structure checks, plus golden files of the whole output."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import openpyxl
import pytest
from jsonschema import Draft4Validator

from keneng_audit.findings import Finding
from keneng_audit.reporters import get
from keneng_audit.reporters._common import by_cause, grouped, ordered
from keneng_audit.resources import sample_report

SARIF_SCHEMA = Path(__file__).resolve().parent.parent / "data" / "sarif-schema-2.1.0.json"
SAMPLE_LINES = len(sample_report().read_text(encoding="utf-8").splitlines())


@cache
def _results():
    from keneng_audit.audit import audit_report

    return (audit_report(sample_report()),)


@pytest.fixture
def sample():
    return list(_results())


def _render(fmt, results, lang="zh") -> str:
    stream = io.StringIO()
    get(fmt)(results, stream, lang)
    return stream.getvalue()


def test_the_sample_has_findings_with_lines_inside_the_report(sample):
    findings = sample[0].findings
    assert sample[0].counts()["error"] > 0
    assert all(1 <= n <= SAMPLE_LINES for f in findings for n in f.location.lines)
    assert any(f.location.table == "表7" and f.location.row == "区内" for f in findings)


def test_json(sample):
    data = json.loads(_render("json", sample))
    report = data["reports"][0]
    assert data["version"] == 1 and report["file"].endswith("keneng-2024/report.txt")
    assert report["summary"]["error"] == sample[0].counts()["error"] > 0
    assert report["summary"]["rules_run"] > 0 and "national" in report["summary"]["packs"]
    keys = [Finding.sort_key(f) for f in sorted(sample[0].findings, key=Finding.sort_key)]
    assert [(f["location"]["file"], f["rule"]) for f in report["findings"]] == [(k[0], k[-1]) for k in keys]


def test_sarif_validates_and_points_at_the_report_lines(sample):
    document = json.loads(_render("sarif", sample))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert not list(Draft4Validator(schema).iter_errors(document))
    run = document["runs"][0]
    assert len(run["results"]) == len(sample[0].findings)
    located = [r for r in run["results"] if "region" in r["locations"][0]["physicalLocation"]]
    assert located and all(1 <= r["locations"][0]["physicalLocation"]["region"]["startLine"] <= SAMPLE_LINES
                           for r in located)
    # Every rule that ran is described, with or without findings.
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {ref.id for ref in sample[0].rules}
    assert {f.rule for f in sample[0].findings} < {ref.id for ref in sample[0].rules}


def test_markdown_every_item_says_where_what_and_how(sample):
    text = _render("markdown", sample)
    items = re.split(r"\n(?=\d+\. \*\*)", text)[1:]
    by_number = [g for _, group in grouped(ordered(sample[0]), "zh") for g in by_cause(group)]
    assert len(items) == len(by_number) < len(sample[0].findings)
    for item, group in zip(items, by_number):
        finding = group[0]
        assert f"- 规则：{finding.rule}" in item
        if len(group) > 1:  # one cause over several rows: a table with a row per finding
            assert sum(line.lstrip().startswith("|") for line in item.splitlines()) == len(group) + 2
            assert f"（{len(group)} 处，" in item.splitlines()[0]
            continue
        assert "- 问题：" in item
        if finding.actual is not None:  # printed first, then what the other values give
            # a value worked out (a sum of parts against a bound or 100%) is said so, never "printed"
            printed = item.index("- 各项相加：" if " = " in finding.actual else "- 报告所印：")
            assert item.index(f"- {finding.basis or '应为'}：", printed) > printed
        if finding.values:
            assert "- 计算依据：" in item and "第 " in item


def test_csv_and_xlsx_have_one_row_per_finding(sample):
    text = _render("csv", sample)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(rows) == len(sample[0].findings)
    stream = io.BytesIO()
    get("xlsx")(sample, stream, "zh")
    sheet = openpyxl.load_workbook(io.BytesIO(stream.getvalue())).active
    assert sheet.max_row == len(rows) + 1


def test_github_one_annotation_per_finding(sample):
    lines = _render("github", sample).splitlines()
    counts = sample[0].counts()
    # GitHub shows ten annotations per severity; the rest are counted in one final notice.
    shown = {s: min(n, 10) for s, n in counts.items()}
    assert len(lines) == sum(shown.values()) + 1
    assert all(re.fullmatch(r"::(error|warning|notice) file=[^,]+,line=\d+,title=[^:]+::.+", line) for line in lines[:-1])
    assert sum(line.startswith("::error ") for line in lines) == shown["error"]
    more = len(sample[0].findings) - sum(shown.values())
    assert lines[-1] == f"::notice::另有 {more} 条问题未作标注（GitHub 每种级别最多显示 10 条）；完整清单见任务摘要或 --format markdown"


def test_junit_failures_match_findings(sample):
    root = ET.fromstring(_render("junit", sample).split("\n", 1)[1])
    assert len(root.findall(".//failure")) == len(sample[0].findings)
    assert int(root.get("failures")) == len({f.rule for f in sample[0].findings})
    # One test case per rule that ran: the rules without findings pass.
    assert int(root.get("tests")) == len(sample[0].rules) == sample[0].rules_run


def test_rich_fits_80_columns_and_ends_with_the_summary(sample):
    from rich.cells import cell_len

    lines = _render("rich", sample).splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    summary = " ".join(lines[next(i for i, line in enumerate(lines) if line.startswith("小结（")):])
    assert f"错误 {sample[0].counts()['error']}" in summary and f"{sample[0].rules_run} 条规则已运行" in summary


ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE_GOLDENS = [("rich", "zh", "txt"), ("rich", "en", "txt"), ("json", "zh", "json"), ("markdown", "zh", "md"),
                  ("markdown", "en", "md"), ("csv", "zh", "csv"), ("sarif", "zh", "sarif"), ("github", "zh", "txt"),
                  ("junit", "zh", "xml")]


@cache
def _results_in(lang: str):
    """The sample audited by its path relative to the project, as `keneng-audit check data/…` receives it."""
    from keneng_audit.audit import audit_report

    return (audit_report(sample_report().relative_to(ROOT), lang=lang),)


@pytest.mark.parametrize(("fmt", "lang", "ext"), SAMPLE_GOLDENS)
def test_sample_golden(fmt, lang, ext, monkeypatch):
    """The sample's real findings in every format; after a deliberate rule change, UPDATE_GOLDEN=1 rewrites them."""
    from tests.reporters.golden import assert_golden

    monkeypatch.chdir(ROOT)
    assert_golden(f"sample.{fmt}.{lang}.{ext}", _render(fmt, list(_results_in(lang)), lang))
