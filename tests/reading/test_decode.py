"""Tests for choosing a reader by content and decoding text: encodings, and bad input as one-line errors."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from keneng_audit.cli import main
from keneng_audit.errors import InputError
from keneng_audit.reading import read_report

TEXT = "1.学校概况\n\n本年度，毕业生总数为 1677 人。\n"


@pytest.mark.parametrize(
    "data",
    [TEXT.encode("utf-8"), b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT.encode("gb18030"), TEXT.encode("gbk"),
     TEXT.encode("utf-16"), b"\xfe\xff" + TEXT.encode("utf-16-be")],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_encodings(tmp_path, data):
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    doc = read_report(path)
    assert doc.format == "text"
    assert [(f.value, f.unit, f.section, f.source.line) for f in doc.facts] == [(1677, "人", "1", 3)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\n \t\n", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"\x80\x81\xfe\xfd\xff", "undecodable"),
        (b"\xff\xfe" + "毕业".encode("utf-16-le") + b"\x00", "UTF-16"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20, ".doc"),
    ],
    ids=["empty", "blank", "binary", "undecodable", "broken-utf-16", "old-doc"],
)
def test_bad_input_is_one_clear_error(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_report(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_report(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="folder"):
        read_report(tmp_path)


@pytest.mark.parametrize("data", [b"", b"\x00\x00\x00\x00", b"\x80\x81\xfe\xfd\xff"])
def test_cli_exit_2_with_one_line(tmp_path, data):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith("keneng-audit: ")
    assert "Traceback" not in result.output


def test_line_numbers_count_newlines_only(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes("1.学校概况\n\x0c本年度，毕业生总数为 1677 人。\r\n".encode())
    assert read_report(path).facts[0].source.line == 2


def test_reader_module_missing_says_not_supported():
    from keneng_audit.reading import _reader

    with pytest.raises(InputError, match="not supported yet"):
        _reader("no_such_reader", "read", "XYZ")


def test_binary_without_nul_bytes_is_refused(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes([0x81, 0x40, 0x01, 0x02, 0x03, 0x1b, 0x1c]) * 20)  # decodes as GB18030 by chance
    with pytest.raises(InputError, match="binary"):
        read_report(path)


def test_sample_as_gb18030_with_crlf_reads_the_same(tmp_path):
    from keneng_audit.resources import sample_report

    text = sample_report().read_text("utf-8")
    path = tmp_path / "gb.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    doc = read_report(path)
    assert len(doc.tables) == 37
    cell = doc.table("附表1").cell("毕业生人数", "2024年")
    assert (cell.text, cell.source.line) == ("1667", 4156)


REPORT = ("某某学校质量年度报告（2024）\n\n1.学校概况\n\n" + "学校坚持立德树人，办学规模稳步扩大。\n" * 40
          + "本年度，毕业生总数为 1677 人。\n\n表 1 教职工情况\n类别 人数\n专任教师 90\n行政人员 30\n合计 120\n")


@pytest.mark.parametrize("where,bad", [
    ("坚持", b"\xff"),  # a stray byte
    ("毕业生", b"\xe6\xaf"),  # a character cut in the middle
])
def test_a_few_damaged_bytes_are_replaced_and_reported_not_refused(tmp_path, where, bad):
    """A PDF converter's slip must not refuse a 60-page report: the byte becomes U+FFFD, the rest is checked,
    and KA003 names the line (a new user's probe: one \\xff refused the whole report)."""
    data = REPORT.encode("utf-8")
    at = data.index(where.encode("utf-8"))
    path = tmp_path / "r.txt"
    path.write_bytes(data[:at] + bad + data[at:])
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    findings = json.loads(result.stdout)["reports"][0]["findings"]
    line = REPORT[:REPORT.index(where)].count("\n") + 1
    assert [(f["rule"], f["severity"], f["location"]["lines"]) for f in findings] == [("KA003", "warning", [line])]
    assert read_report(path).table("表1").cell("合计", "人数").value == 120


def test_many_damaged_bytes_are_still_undecodable(tmp_path):
    data = REPORT.encode("utf-8")
    path = tmp_path / "r.txt"
    path.write_bytes(b"\xff".join(data[i:i + 50] for i in range(0, len(data), 50)))  # one bad byte in every 50
    with pytest.raises(InputError, match="undecodable"):
        read_report(path)
