"""The README and docs/ show what a real run gives: every rule pack they print runs on the sample, and the output,
counts and JSON they quote are those of the sample now."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from keneng_audit import cli

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# What each pack the docs print finds on the sample (rule, printed value), so that a doc cannot drift from the
# product: a pack that stops loading, a rule that is skipped or finds something else fails here.
PACK_FINDINGS = {
    "my-school": [("KA9101", "4%"), ("KA9102", "19:1"), ("KA9102", "27：1")],
}


def _blocks(language: str) -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for match in re.finditer(rf"^```{language}\n(.*?)^```$", text, re.M | re.S):
            found.append((f"{doc.relative_to(ROOT)}:{text[:match.start()].count(chr(10)) + 1}", match[1]))
    return found


@pytest.fixture
def runner(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return CliRunner()


def test_every_yaml_block_is_a_pack_or_a_ci_file():
    kinds = {}
    for where, text in _blocks("yaml"):
        data = yaml.safe_load(text)
        assert isinstance(data, dict), where
        kinds[where] = "pack" if "rules" in data else "ci" if {"jobs", "repos"} & set(data) else "unknown"
    assert "unknown" not in kinds.values(), kinds
    assert list(kinds.values()).count("pack") == len(PACK_FINDINGS)


@pytest.mark.parametrize(("where", "text"), [b for b in _blocks("yaml") if "\nrules:" in b[1]])
def test_every_documented_pack_runs_on_the_sample_and_finds_what_it_says(runner, where, text):
    pack = yaml.safe_load(text)
    assert pack["pack"] not in ("national", "keneng-2024"), where  # a user pack may not take a bundled one's name
    Path("pack.yaml").write_text(text, encoding="utf-8")
    ids = [rule["id"] for rule in pack["rules"]]
    result = runner.invoke(cli.main, ["check", "--packs", "national", "--rules", "pack.yaml", "--format", "json",
                                      "--select", ",".join(ids)], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stderr
    report = json.loads(result.stdout)["reports"][0]
    assert report["summary"]["rules_run"] == len(ids) and not report.get("skipped"), where
    found = sorted((f["rule"], f["actual"]) for f in report["findings"])
    assert found == sorted(PACK_FINDINGS[pack["pack"]]), where


def test_the_readme_shows_the_sample_as_it_prints_now(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "80")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"audits the bundled sample.*?^```\n(.*?)^```$", readme, re.M | re.S)[1].splitlines()
    printed = [line.replace("\xa0", " ") for line in
               runner.invoke(cli.main, ["check"], catch_exceptions=False).stdout.splitlines()]
    assert shown[-2:] == printed[-2:]  # the summary: counts, rules run, tables, packs
    at = 0
    for line in (x for x in shown if x.strip() != "..."):  # every other line shown, in the printed order
        at = printed.index(line, at) + 1


def _walk(data):
    yield data
    for value in data.values() if isinstance(data, dict) else data if isinstance(data, list) else ():
        yield from _walk(value)


def test_the_json_docs_quote_the_samples_summary_and_real_findings(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    report = json.loads(runner.invoke(cli.main, ["check", "--format", "json"]).stdout)["reports"][0]
    parsed = [json.loads(text) for _, text in _blocks("json") if "[ Finding, ... ]" not in text]  # the schema sketch
    shown = [x for data in parsed for x in _walk(data) if isinstance(x, dict)]
    summaries = [x for x in shown if {"error", "warning", "info", "findings"} <= set(x)]
    findings = [x for x in shown if {"rule", "fingerprint"} <= set(x)]
    assert len(summaries) >= 2 and all(s == report["summary"] for s in summaries)
    assert len(findings) >= 2
    for documented in findings:
        real = next(f for f in report["findings"] if f["fingerprint"] == documented["fingerprint"])
        for key in ("rule", "name", "severity", "message", "expected", "actual", "hint", "basis", "group"):
            assert documented[key] == real[key], key
        assert {k: v for k, v in documented["location"].items() if k != "file"} == \
            {k: v for k, v in real["location"].items() if k != "file"}
