"""Tests for `keneng-audit extract`: one CSV per table (UTF-8 with BOM), facts.csv, and the same as JSON."""

from __future__ import annotations

import csv
import json

from click.testing import CliRunner

from keneng_audit.cli import main


def test_csv_files_for_the_sample(tmp_path):
    out = tmp_path / "x"
    result = CliRunner().invoke(main, ["extract", "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 38 and "表4.csv" in names and "附表1.csv" in names and "facts.csv" in names
    raw = (out / "附表1.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["row", "序号", "指标", "单位", "2023年", "2024年", "line"]
    assert rows[1] == ["毕业生人数", "1", "毕业生人数*", "人", "916", "1667", "4156"]
    t3 = list(csv.DictReader((out / "表3.csv").read_text("utf-8-sig").splitlines()))
    assert t3[0]["增加比率（%）"] == "40.5%" and t3[0]["line"] == "562"
    facts = list(csv.DictReader((out / "facts.csv").read_text("utf-8-sig").splitlines()))
    fact = next(f for f in facts if f["text"] == "1677")
    assert (fact["value"], fact["unit"], fact["section"], fact["line"]) == ("1677", "人", "1.3.3", "756")


def test_json_has_the_same_content():
    result = CliRunner().invoke(main, ["extract", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["title"] == "重庆市科能高级技工学校质量年度报告（2024）"
    assert len(data["tables"]) == 37
    t = next(t for t in data["tables"] if t["key"] == "附表3")
    row = next(r for r in t["rows"] if r["label"] == "生师比")
    assert row["cells"]["2024年"] == {"text": "19:1", "value": 19, "line": 4228}
    fact = next(f for f in data["facts"] if f["text"] == "1677")
    assert (fact["section"], fact["line"], fact["unit"]) == ("1.3.3", 756, "人")


def test_csv_needs_out_dir():
    result = CliRunner().invoke(main, ["extract"])
    assert result.exit_code == 2
