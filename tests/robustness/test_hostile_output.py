"""Hostile report text never becomes a formula, an escape sequence or broken XML; writes never hit what they must not."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import stat
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest

from keneng_audit.atomic import atomic_write, fresh_folder
from keneng_audit.reporters._safe import FORMULA_START, cell_text, terminal_text, xml_text
from tests.robustness.hostile import bounded, digests, make_corpus, one_error, run

SHARE_FINDINGS = 7  # every row of hostile-labels.txt has a misprinted share


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def labels(corpus, tmp_path):
    """hostile-labels.txt and its rule file copied into a folder of their own, with the corpus digests."""
    for name in ("hostile-labels.txt", "hostile-rules.yaml"):
        (tmp_path / name).write_bytes(corpus[name].read_bytes())
    return tmp_path


def _check(folder: Path, *args: str):
    inputs = ("hostile-labels.txt", "hostile-rules.yaml")
    before = {k: v for k, v in digests(folder).items() if k in inputs}
    result = run("check", *inputs[:1], "--rules", inputs[1], *args, cwd=folder)
    bounded(result)
    assert {k: v for k, v in digests(folder).items() if k in inputs} == before  # inputs untouched
    return result


def _safe_cell(value) -> bool:
    text = "" if value is None else str(value)
    return not text.startswith(FORMULA_START) or text.lstrip("+-").replace(".", "").replace("%", "").isdigit()


@pytest.mark.parametrize(("value", "expected"), [
    ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'), ("+1+1", "'+1+1"), ("@SUM(1)", "'@SUM(1)"),
    ("-2+3", "'-2+3"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("＝1+1", "'＝1+1"), ("-232", "-232"), ("-32.7%", "-32.7%"),
    ("+3", "+3"), ("-1,234", "-1,234"), ("表3", "表3"), (40.5, 40.5), (7, 7), (None, None), ("a\x01b", "ab"),
    (float("inf"), "inf"),
])
def test_cell_text(value, expected):
    assert cell_text(value) == expected


def test_terminal_and_xml_text():
    assert terminal_text("a\x1b]8;;http://x\x1b\\b\x07\u202e") == "a\\x1b]8;;http://x\\x1b\\b\\x07\\u202e"
    assert terminal_text("表 8\t第 3 行") == "表 8\t第 3 行"
    assert xml_text("行政\x01人员\x0b\ufffe") == "行政人员"


def test_csv_cells_never_start_a_formula(labels):
    result = _check(labels, "--format", "csv", "-o", "out.csv")
    assert result.code == 1
    rows = list(csv.reader(io.StringIO((labels / "out.csv").read_text(encoding="utf-8-sig"))))
    assert all(_safe_cell(cell) for row in rows for cell in row)
    hostile = [row for row in rows if "KA951" in row]
    assert len(hostile) == SHARE_FINDINGS
    assert any(cell == '\'=HYPERLINK("http://example.invalid/?x","y")' for row in hostile for cell in row)
    assert not any(ch in cell for row in rows for cell in row for ch in "\x01\x1b")  # no control character


def test_xlsx_cells_are_text_never_formulas(labels):
    result = _check(labels, "--format", "xlsx", "-o", "out.xlsx")
    assert result.code == 1
    sheet = openpyxl.load_workbook(labels / "out.xlsx").active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert all(_safe_cell(cell.value) for cell in cells)
    values = {cell.value for cell in cells}
    assert '\'=HYPERLINK("http://example.invalid/?x","y")' in values and "'@SUM(1)" in values
    assert any(isinstance(cell.value, int) for cell in cells)  # numbers stay numbers (序号)


def test_junit_xml_is_well_formed_despite_control_characters(labels):
    _check(labels, "--format", "junit", "-o", "out.xml")
    root = ET.parse(labels / "out.xml").getroot()
    [case] = [c for c in root.iter("testcase") if c.get("name", "").startswith("KA951")]
    assert len(case.findall("failure")) == SHARE_FINDINGS


@pytest.mark.parametrize("fmt", ["rich", "markdown", "github"])
def test_no_escape_sequence_reaches_the_terminal(labels, fmt):
    result = _check(labels, "--format", fmt)
    assert result.code == 1 and "KA951" in result.stdout
    assert "\x1b" not in result.stdout and "\x01" not in result.stdout
    assert "x1b" in result.stdout and "example.invalid" in result.stdout  # shown, escaped, not interpreted


def test_json_is_strict(labels):
    result = _check(labels, "--format", "json")
    data = json.loads(result.stdout, parse_constant=lambda name: pytest.fail(f"{name} in JSON"))
    assert sum(f["rule"] == "KA951" for f in data["reports"][0]["findings"]) == SHARE_FINDINGS


def test_jsonl_html_and_annotated_docx_survive_hostile_labels(labels):
    import docx

    _check(labels, "--format", "jsonl", "-o", "out.jsonl")
    for line in (labels / "out.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line, parse_constant=lambda name: pytest.fail(f"{name} in JSON"))
    _check(labels, "--format", "html", "-o", "out.html")
    page = (labels / "out.html").read_text(encoding="utf-8")
    assert page.count("<script") == 1 and '=HYPERLINK(&quot;http://example.invalid' in page
    result = _check(labels, "--format", "docx", "-o", "out.docx")
    assert result.code == 1 and result.stderr == []
    [table] = docx.Document(str(labels / "out.docx")).tables
    assert any(cell.text == "行政人员" for row in table.rows for cell in row.cells)  # the control character dropped


def test_extract_csv_cells_never_start_a_formula(labels):
    result = run("extract", "hostile-labels.txt", "--out", "tables", cwd=labels)
    bounded(result)
    assert result.code == 0, result.stderr
    rows = [row for path in (labels / "tables").iterdir()
            for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))]
    assert all(_safe_cell(cell) for row in rows for cell in row)
    assert any(row[:2] == ["'+1+1", "'+1+1"] or row[0] == "'+1+1" for row in rows)


# ---------------------------------------------------------------- writes


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
@pytest.mark.parametrize("onto", ["hostile-labels.txt", "hostile-rules.yaml", "link-to-report"])
def test_output_onto_an_input_is_refused(labels, option, onto):
    os.symlink("hostile-labels.txt", labels / "link-to-report")
    result = _check(labels, "--format", "json", option, onto)
    one_error(result, "refusing to write", "input of this run")


def test_output_onto_a_device_writes_through_and_keeps_the_device(labels):
    result = _check(labels, "--format", "json", "-o", os.devnull)
    assert result.code == 1 and result.stderr == []
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_output_onto_a_fifo_writes_through(labels):
    fifo = labels / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = _check(labels, "--format", "json", "-o", "pipe")
    reader.join(timeout=30)
    assert result.code == 1 and stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(received[0])["version"] == 1


def test_output_to_stdout_with_a_dash(labels):
    result = _check(labels, "--format", "json", "-o", "-")
    assert result.code == 1 and json.loads(result.stdout)["version"] == 1
    assert not (labels / "-").exists()


def test_read_only_output_is_refused(labels):
    target = labels / "old.json"
    target.write_text("keep", encoding="utf-8")
    target.chmod(0o444)
    result = _check(labels, "--format", "json", "-o", "old.json")
    one_error(result, "read-only")
    assert target.read_text(encoding="utf-8") == "keep"


def test_symlinked_output_replaces_the_target_and_keeps_the_link_and_mode(labels):
    real = labels / "real.json"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    os.symlink("real.json", labels / "link.json")
    result = _check(labels, "--format", "json", "-o", "link.json")
    assert result.code == 1
    assert (labels / "link.json").is_symlink() and json.loads(real.read_text(encoding="utf-8"))["version"] == 1
    assert real.stat().st_mode & 0o777 == 0o640


def test_extract_replaces_the_folder_leaving_no_stale_csv(labels):
    out = labels / "tables"
    out.mkdir()
    (out / "表99.csv").write_text("stale", encoding="utf-8")
    result = run("extract", "hostile-labels.txt", "--out", "tables", cwd=labels)
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["facts.csv", "表8.csv"]
    assert [p.name for p in labels.iterdir() if p.name.startswith(".")] == []  # no temporary folder left


@pytest.mark.parametrize("inside", ["link", "file", "folder"])
def test_extract_never_writes_through_or_deletes_what_is_not_its_own(labels, tmp_path_factory, inside):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "表8.csv").write_text("precious", encoding="utf-8")
    out = labels / "tables"
    out.mkdir()
    if inside == "link":
        os.symlink(outside / "表8.csv", out / "表8.csv")
    elif inside == "file":
        (out / "notes.docx").write_text("mine", encoding="utf-8")
    else:
        (out / "sub").mkdir()
    before = digests(out)
    result = run("extract", "hostile-labels.txt", "--out", "tables", cwd=labels)
    one_error(result, "refusing to replace")
    assert (outside / "表8.csv").read_text(encoding="utf-8") == "precious" and digests(out) == before


def test_extract_into_the_folder_of_its_input_is_refused(labels):
    (labels / "tables").mkdir()
    (labels / "tables" / "r.txt").write_bytes((labels / "hostile-labels.txt").read_bytes())
    result = run("extract", "tables/r.txt", "--out", "tables", cwd=labels)
    one_error(result, "refusing")
    assert (labels / "tables" / "r.txt").exists()


@pytest.fixture
def default_sigterm():
    """SIGTERM at its default (the CLI's own handler, installed by earlier in-process runs, set aside)."""
    previous = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    yield
    signal.signal(signal.SIGTERM, previous)


def test_a_termination_signal_while_writing_leaves_no_temporary_file(tmp_path, default_sigterm):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(SystemExit) as info, atomic_write(target) as stream:
        stream.write("half")
        os.kill(os.getpid(), signal.SIGTERM)
    assert info.value.code == 128 + signal.SIGTERM
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"] and target.read_text(encoding="utf-8") == "old"
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    with pytest.raises(SystemExit), fresh_folder(tmp_path / "tables") as folder:
        (folder / "a.csv").write_text("x", encoding="utf-8")
        os.kill(os.getpid(), signal.SIGTERM)
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
