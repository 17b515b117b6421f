"""`keneng-audit infer`: the relations inferred per table and why; `--write-pack` writes them as an ordinary
rule pack which, passed back with --rules and inference off, gives the same findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from keneng_audit import cli
from keneng_audit.resources import sample_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REPORTS = {"sample": sample_report(), "second": FIXTURES / "second-report" / "report.txt",
           "other": FIXTURES / "other-school" / "report.txt", "other-consistent": FIXTURES / "other-school" / "consistent.txt",
           # years as rows (a local quantity per year) and a total above its 其中 items go through the pack too
           "skills": FIXTURES / "invented-schools" / "skills-injected.txt",
           "college": FIXTURES / "invented-schools" / "college-injected.txt"}


def _findings(args: list[str], out: Path) -> list[tuple]:
    run = CliRunner().invoke(cli.main, ["check", *args, "--format", "json", "-o", str(out), "--lang", "en"])
    assert run.exit_code in (0, 1), run.output
    report = json.loads(out.read_text(encoding="utf-8"))["reports"][0]
    return sorted((f["rule"], f["name"], f["severity"], json.dumps(f["location"], ensure_ascii=False),
                   f["expected"], f["actual"], f["hint"]) for f in report["findings"])


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_written_pack_gives_the_same_findings_with_inference_off(tmp_path, name):
    report = str(REPORTS[name])
    pack = tmp_path / "pack"
    run = CliRunner().invoke(cli.main, ["infer", report, "--packs", "national", "--write-pack", str(pack)])
    assert run.exit_code == 0, run.output
    assert (pack / "inferred.yaml").is_file()
    inferred = _findings([report, "--packs", "national"], tmp_path / "a.json")
    written = _findings([report, "--packs", "national", "--rules", str(pack), "--no-infer"], tmp_path / "b.json")
    assert written == inferred
    # with inference on as well, the pack's tables are the pack's: nothing is found twice
    both = _findings([report, "--packs", "national", "--rules", str(pack)], tmp_path / "c.json")
    assert both == inferred


def test_infer_prints_each_table_with_its_relations_and_reasons():
    run = CliRunner().invoke(cli.main, ["infer", str(REPORTS["other"]), "--packs", "national", "--lang", "en"])
    assert run.exit_code == 0, run.output
    text = run.output
    assert "表1-2 各专业在籍学生规模 (line 18)" in text
    assert "增长率 = 增减人数 / 2023年  ← header '增长率': growth = increase / previous period (2023年)" in text
    assert "quantity students.total ← caption “各专业在籍学生规模”" in text  # the words around the names in English
    assert "教师总量 = 专任教师 + 兼职教师 + 外聘教师  ← numbers: in 3 of 4 rows" in text
    assert "附表1 人才培养质量计分卡 (line 147)\n  declared by pack national: only relations its rules leave out are inferred" in text


def test_infer_on_the_sample_names_what_the_pack_declares():
    run = CliRunner().invoke(cli.main, ["infer", "--lang", "en"])
    assert run.exit_code == 0, run.output
    assert "表20 就业情况 (line 1978)\n  declared by pack keneng-2024: only relations its rules leave out are inferred" in run.output
    assert "表7 生源地结构 (line 706)" in run.output and "增加人数 = 2023-2024学年度 − 2022-2023学年度" in run.output


def test_write_pack_onto_a_file_is_a_usage_error(tmp_path):
    target = tmp_path / "file.yaml"
    target.write_text("x", encoding="utf-8")
    run = CliRunner().invoke(cli.main, ["infer", "--write-pack", str(target)])
    assert run.exit_code == 2 and target.read_text(encoding="utf-8") == "x"
