"""Every bad input gives exit 2 with one stderr line, or findings (exit 0/1): never a traceback, never a changed input."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from keneng_audit import cli
from keneng_audit.reading import MAX_TEXT_BYTES
from tests.robustness.make_corpus import CORPUS, reports, rule_files

GOOD = CORPUS / "good-report.txt"

# Reports that cannot be audited: exit 2 and this (English) part of the one stderr line.
REFUSED = {
    "empty.txt": "the file is empty",
    "whitespace-only.txt": "the file is empty",
    "binary-nul.txt": "not a text file (binary bytes)",
    "control-characters.txt": "not a text file (binary bytes)",
    "undecodable.txt": "undecodable text (neither UTF-8 nor GB18030)",
    "mixed-encodings.txt": "undecodable text (neither UTF-8 nor GB18030)",
    "fake.docx": "a ZIP archive that is not a DOCX document",
    "docx-without-body.docx": "a ZIP archive that is not a DOCX document",
    "not-a-zip.docx": "corrupt DOCX file",
    "renamed.doc.docx": "an old .doc/.xls file, not DOCX",
    "truncated.pdf": "corrupt or unreadable PDF",
    "pdf-header-only.pdf": "corrupt or unreadable PDF",
}
# Reports that are read, however little they hold: exit code, tables read.
AUDITED = {
    "no-tables.txt": (1, 0),  # no table at all is itself an error finding (KA001)
    "only-page-furniture.txt": (1, 0),
    "table-cut-mid-row.txt": (0, 1),
    "duplicate-captions.txt": (0, 2),
    # Captions without a row read: nothing a table rule could check, so the gate fails (KA001, review NEW-10).
    "caption-no-rows.txt": (1, 2),
    "caption-only-at-end.txt": (1, 1),
    "more-cells-than-headers.txt": (0, 1),
    "garbled-numbers.txt": (0, 1),
    "crlf-and-cr.txt": (0, 2),
    "gb18030.txt": (0, 1),
    "utf16-bom.txt": (0, 1),  # UTF-16 with a byte-order mark (Notepad's "Unicode") is read
    "deep-subitems.txt": (0, 1),
    "truncated-appendix.txt": (1, 34),
    "sample-cut-mid-table.txt": (1, 8),
}
# Rule files, each run with the good report: exit 2, the file named with its line, and the problem.
BROKEN_RULES = {
    "rules-yaml-error.yaml": (":7: ", "invalid YAML"),
    "rules-unknown-kind.yaml": (":9: ", "unknown kind 'average'"),
    "rules-missing-parameter.yaml": (":11: ", "part: missing parameter"),
    "rules-duplicate-id.yaml": (":16: ", "duplicate rule id KA901"),
    "rules-bundled-id-clash.yaml": (":6: ", "duplicate rule id KA101"),
    "rules-unknown-table.yaml": (":10: ", "unknown table 'budget'"),
    "rules-unknown-column.yaml": (":11: ", "unknown column '占比'"),
    "rules-not-a-mapping.yaml": (":1: ", "must be a mapping"),
    "rules-rules-not-a-list.yaml": (":5: ", "rules: must be a list"),
    "rules-undecodable.yaml": (": ", "cannot read the rule file: not UTF-8 text"),
}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check(tmp_path: Path, *args: str, lang: str = "zh"):
    """Runs `check ARGS --format json -o FILE --lang LANG`; returns (exit code, stderr lines, JSON or None)."""
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli.main, ["check", *args, "--format", "json", "-o", str(out), "--lang", lang])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    data = json.loads(out.read_text(encoding="utf-8")) if out.exists() else None
    return result.exit_code, result.stderr.splitlines(), data


def test_corpus_is_generated_by_its_script():
    expected = {**reports(), **rule_files()}
    assert len(expected) >= 20
    for name, data in expected.items():
        assert (CORPUS / name).read_bytes() == data, f"{name}: rerun tests/robustness/make_corpus.py"
    # Every corpus file has an expectation below (the good report is the rule files' companion).
    assert set(expected) == set(REFUSED) | set(AUDITED) | set(BROKEN_RULES) | {"rules-table-not-in-report.yaml"}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_unreadable_report_exits_2_with_one_line(tmp_path, name):
    path = CORPUS / name
    before = _digest(path)
    code, stderr, data = _check(tmp_path, str(path), lang="en")  # the English half of the one line
    assert code == 2 and data is None
    assert len(stderr) == 1, stderr
    assert stderr[0].startswith(f"keneng-audit: {path}: ") and REFUSED[name] in stderr[0]
    assert _digest(path) == before


@pytest.mark.parametrize("name", sorted(AUDITED))
def test_odd_report_is_audited(tmp_path, name):
    path = CORPUS / name
    before = _digest(path)
    code, stderr, data = _check(tmp_path, str(path))
    expected_code, tables = AUDITED[name]
    assert (code, stderr) == (expected_code, [])
    [report] = data["reports"]
    assert report["file"] == str(path) and report["summary"]["tables_read"] == tables
    assert "error" not in report
    assert _digest(path) == before


def test_truncated_report_still_finds_what_was_printed_before_the_cut(tmp_path):
    _, _, data = _check(tmp_path, str(CORPUS / "sample-cut-mid-table.txt"))
    growth = [f for f in data["reports"][0]["findings"] if f["rule"] == "KA181"]
    assert {f["actual"] for f in growth} >= {"40.5%", "-32.7%"}


def test_table_that_was_not_read_skips_its_rules(tmp_path):
    """A column a rule needs is missing (the table has no rows): the rule is skipped with the reason, not a crash."""
    _, _, data = _check(tmp_path, str(CORPUS / "caption-no-rows.txt"))
    skipped = {s["rule"]: s["reason"] for s in data["reports"][0]["skipped"]}
    assert skipped["KA185"] == "表8 中没有列“比例”"
    assert "KA185" not in {f["rule"] for f in data["reports"][0]["findings"]}


@pytest.mark.parametrize("name", sorted(BROKEN_RULES))
def test_broken_rule_file_exits_2_naming_file_and_line(tmp_path, name):
    path = CORPUS / name
    before = _digest(path), _digest(GOOD)
    code, stderr, data = _check(tmp_path, str(GOOD), "--rules", str(path), lang="en")
    where, problem = BROKEN_RULES[name]
    assert code == 2 and data is None and len(stderr) == 1, stderr
    assert stderr[0].startswith(f"keneng-audit: {path}{where}") and problem in stderr[0], stderr[0]
    assert (_digest(path), _digest(GOOD)) == before


def test_rule_on_a_table_the_report_lacks_is_skipped(tmp_path):
    """The caption (教职工总体情况) is printed in the report, only not as 表99: a skip, not a typo."""
    code, stderr, data = _check(tmp_path, str(GOOD), "--rules", str(CORPUS / "rules-table-not-in-report.yaml"))
    assert (code, stderr) == (0, [])
    assert not [f for f in data["reports"][0]["findings"] if f["rule"] == "KA901"]
    [skipped] = [s for s in data["reports"][0]["skipped"] if s["rule"] == "KA901"]
    assert skipped["reason"] == "报告中没有表“表99”"


def test_huge_single_line_is_read(tmp_path):
    """2 MB on one line (no sentence ends, a number every 500 characters) is read in seconds, not minutes."""
    chunk = "学校办学条件持续改善" * 50 + "共 12 人，"
    path = tmp_path / "one-line.txt"
    path.write_text("某某职业学校质量年度报告（2024）\n\n" + chunk * 1300 + "\n", encoding="utf-8")
    code, stderr, data = _check(tmp_path, str(path))
    assert (code, stderr) == (1, [])  # read in full: no table in it, which is an error finding of its own
    assert data["reports"][0]["summary"]["tables_read"] == 0
    assert [f["rule"] for f in data["reports"][0]["findings"] if f["severity"] == "error"] == ["KA001"]


def test_50_mb_report_is_refused_by_the_size_guard(tmp_path):
    """Reading 50 MB of text would take minutes and gigabytes; it is refused at once with one line."""
    path = tmp_path / "huge.txt"
    line = ("专任教师 177 68% 25 " * 40 + "\n").encode("utf-8")
    with path.open("wb") as stream:
        for _ in range(50 * 2**20 // len(line) + 1):
            stream.write(line)
    assert path.stat().st_size > 50 * 2**20 > MAX_TEXT_BYTES
    code, stderr, data = _check(tmp_path, str(path))
    assert (code, data) == (2, None)
    assert stderr == [f"keneng-audit: {path}: 超出上限 text-mb（文本报告大小（MB）：50 > 16），可用 --limit text-mb=N 提高"]


def test_size_guard_boundary():
    import keneng_audit.reading as reading
    from keneng_audit import limits

    limits.configure({"text-mb": 1000 / 2**20})
    try:
        text = b"row 1 2 3\n" * 100
        assert len(reading.read_text("at-limit.txt", text).lines) > 0
        with pytest.raises(reading.InputError, match="exceeds the limit text-mb"):
            reading.read_text("over.txt", text + b"\n")
    finally:
        limits.configure({})


def test_a_folder_of_reports_is_audited_and_each_broken_one_named(tmp_path):
    """`check DIR` audits every report in it; the broken ones fail alone (one line each) and the run exits 2."""
    code, stderr, data = _check(tmp_path, str(CORPUS))
    files = {Path(r["file"]).name: r for r in data["reports"]}
    assert code == 2
    # Text files that print no 表 N caption are not reports: a scan skips them with a note, not a failure.
    skipped = {Path(line.split("跳过 ", 1)[1].split("：", 1)[0]).name for line in stderr if "：不像质量报告" in line}
    assert skipped == {"no-tables.txt", "only-page-furniture.txt"}
    assert set(files) | skipped == {p.name for p in CORPUS.iterdir() if p.suffix in {".txt", ".docx", ".pdf"}}
    broken = {name for name, r in files.items() if "error" in r}
    assert {"empty.txt", "binary-nul.txt", "fake.docx", "truncated.pdf"} <= broken
    assert "good-report.txt" not in broken and files["good-report.txt"]["findings"] is not None
    for name in broken:
        assert sum(name in line for line in stderr) == 1, name


def test_an_empty_folder_exits_2_with_one_line(tmp_path):
    empty = tmp_path / "reports"
    empty.mkdir()
    code, stderr, _ = _check(tmp_path, str(empty))
    assert code == 2 and len(stderr) == 1 and "没有报告文件" in stderr[0] and "no report" not in stderr[0]


def test_failed_run_leaves_no_output_file(tmp_path):
    """Outputs are written atomically: a run that fails does not leave a half-written or empty file."""
    out = tmp_path / "out.json"
    out.write_text("previous run", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["check", str(CORPUS / "empty.txt"), "--format", "json", "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "previous run"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left behind


@pytest.mark.parametrize("args,code", [
    (["check", str(CORPUS / "empty.txt")], 2),
    (["check", str(CORPUS / "fake.docx")], 2),
    (["check", str(GOOD), "--rules", str(CORPUS / "rules-yaml-error.yaml")], 2),
    (["check", str(GOOD), "--format", "json"], 0),
])
def test_real_process_exit_codes(args, code):
    proc = subprocess.run([sys.executable, "-m", "keneng_audit", *args], capture_output=True, text=True, timeout=120)
    assert proc.returncode == code
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) == (1 if code == 2 else 0), proc.stderr
