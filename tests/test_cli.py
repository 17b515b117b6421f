"""The command line on hand-built results (a fake audit backend): exit codes, formats, selection, config, baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from keneng_audit import cli
from keneng_audit.errors import InputError, RuleFileError
from keneng_audit.rules.model import Rule, RulePack
from tests.reporters.handbuilt import findings, results


def _spec(rule_id, name, severity, kind="sum", pack="national"):
    return Rule(id=rule_id, name=name, severity=severity, kind=kind, pack=pack, params=None,
                           description={"zh": f"{name}的说明。", "en": f"About {name}."},
                           rationale={"zh": "数字前后一致，报告才可信。", "en": "Consistent figures are credible."},
                           examples={"pass": "177 + 60 + 22 = 259", "fail": "177 + 60 + 23 ≠ 259"},
                           file="rules/national/demo.yaml", line=3)


SPECS = [_spec("KA110", "增加人数", "error", "difference"), _spec("KA150", "直接就业人数一致", "error", "agree"),
         _spec("KA201", "增长率基数", "error", "growth", "keneng-2024"), _spec("KA301", "占比", "warning", "share"),
         _spec("KA900", "未评估", "info")]


class FakeBackend:
    """Stands in for keneng_audit.audit: hand-built results, a record of the calls."""

    def __init__(self, result=None, fail=None):
        self.result = result or results()[0]
        self.fail = fail or {}
        self.calls = []

    def load_rules(self, rule_paths=(), bundled=True):
        if "rules" in self.fail:
            raise self.fail["rules"]
        return [RulePack(name="national", rules=SPECS)]

    def audit_report(self, path, rule_paths=(), lang="zh", bundled=True, packs=None):
        assert packs == self.load_rules(rule_paths)  # the packs loaded once are passed on
        self.calls.append((Path(path), list(rule_paths), lang))
        if Path(path).name in self.fail:
            raise self.fail[Path(path).name]
        return self.result

    def builtin_rules(self, lang="zh"):
        return []  # only the fake packs' rules


@pytest.fixture
def backend(monkeypatch):
    fake = FakeBackend()
    monkeypatch.setattr(cli, "_audit_backend", lambda: fake)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return fake


@pytest.fixture
def runner(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()  # a repository root: config discovery stops here
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def run(runner, *args):
    return runner.invoke(cli.main, list(args), catch_exceptions=False)


@pytest.mark.parametrize(("args", "code"), [
    ((), 1),                                   # three errors, default --fail-on error
    (("--fail-on", "warning"), 1),
    (("--fail-on", "never"), 0),
    (("--exit-zero",), 0),
    (("--select", "KA301"), 0),                # only a warning left: below the default threshold
    (("--select", "KA301", "--fail-on", "warning"), 1),
    (("--select", "KA9", "--fail-on", "warning"), 0),  # only an info finding
    (("--select", "KA9", "--fail-on", "info"), 1),
    (("--ignore", "KA1,KA2"), 0),              # comma-separated prefixes
    (("--ignore", "KA1", "--ignore", "增长率基数"), 0),  # a rule name
])
def test_exit_codes_follow_fail_on(backend, runner, args, code):
    result = run(runner, "check", "--format", "json", *args)
    assert result.exit_code == code, result.output


def test_no_report_audits_the_bundled_sample(backend, runner):
    from keneng_audit.resources import sample_report

    run(runner, "check", "--format", "json")
    assert backend.calls == [(sample_report(), [], "zh")]


def test_selection_and_severity_override_change_the_output(backend, runner):
    Path("keneng-audit.toml").write_text('[severity]\nKA201 = "warning"\nKA1 = "info"\n', encoding="utf-8")
    result = run(runner, "check", "--format", "json", "--select", "KA1,KA2")
    data = json.loads(result.stdout)
    assert {f["rule"]: f["severity"] for f in data["reports"][0]["findings"]} == {
        "KA110": "info", "KA150": "info", "KA201": "warning"}
    assert result.exit_code == 0


@pytest.mark.parametrize("args", [("--select", "KA7"), ("--ignore", "no-such-rule")])
def test_unknown_selector_exits_2_with_one_line(backend, runner, args):
    result = run(runner, "check", *args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "不是任何规则的编号、编号前缀或名称" in result.stderr
    english = run(runner, "check", *args, "--lang", "en")
    assert english.stderr.count("\n") == 1 and "matches no rule" in english.stderr and "规则" not in english.stderr


@pytest.mark.parametrize(("content", "fragment"), [
    ("fail-on = 'sometimes'\n", "fail-on"),
    ("colour = 'red'\n", "colour"),
    ("select = [\n", "不是有效的 TOML"),
])
def test_broken_config_exits_2_with_one_line(backend, runner, content, fragment):
    Path("keneng-audit.toml").write_text(content, encoding="utf-8")
    result = run(runner, "check")
    assert result.exit_code == 2
    assert result.stderr.startswith("keneng-audit: ") and result.stderr.count("\n") == 1
    assert "keneng-audit.toml" in result.stderr and fragment in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("error", [RuleFileError("rules/x.yaml:3: unknown kind 'summ'"),
                                   InputError("missing.txt: no such file")])
def test_library_errors_exit_2_with_one_line(monkeypatch, runner, error):
    fake = FakeBackend(fail={"rules": error, "missing.txt": error})
    monkeypatch.setattr(cli, "_audit_backend", lambda: fake)
    result = run(runner, "check", "missing.txt")
    assert result.exit_code == 2
    assert result.stderr == f"keneng-audit: {error}\n"


def test_an_unreadable_report_among_several_exits_2_but_the_rest_are_audited(monkeypatch, runner):
    fake = FakeBackend(fail={"bad.txt": InputError("bad.txt: the file is empty")})
    monkeypatch.setattr(cli, "_audit_backend", lambda: fake)
    result = run(runner, "check", "--format", "json", "a.txt", "bad.txt")
    assert result.exit_code == 2
    reports = json.loads(result.stdout)["reports"]
    assert [r.get("error") for r in reports] == [None, "bad.txt: the file is empty"]
    assert len(reports[0]["findings"]) == 5


def test_internal_error_exits_2_not_1(monkeypatch, runner):
    def boom():
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "_audit_backend", boom)
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)
    result = run(runner, "check")
    assert result.exit_code == 2
    assert result.stderr.startswith("keneng-audit: 内部错误：ZeroDivisionError") and "Traceback" not in result.output
    english = run(runner, "check", "--lang", "en")
    assert english.stderr.startswith("keneng-audit: internal error: ZeroDivisionError")


def test_click_usage_error_exits_2(backend, runner):
    assert run(runner, "check", "--format", "yaml").exit_code == 2


def test_output_file_is_written_and_stdout_stays_empty(backend, runner):
    result = run(runner, "check", "--format", "markdown", "-o", "review.md")
    assert result.exit_code == 1 and result.stdout == ""
    text = Path("review.md").read_text(encoding="utf-8")
    assert text.startswith("# 质量年度报告数字核查问题清单")
    assert not [p for p in Path.cwd().iterdir() if p.name.endswith(".tmp")]


def test_output_into_missing_folder_exits_2(backend, runner):
    result = run(runner, "check", "-o", "no/such/folder/out.json")
    assert result.exit_code == 2 and "目录 no/such/folder 不存在" in result.stderr


def test_failed_render_leaves_an_existing_output_untouched(backend, runner, monkeypatch):
    from keneng_audit.reporters import json_report

    Path("out.json").write_text("previous", encoding="utf-8")

    def broken(results, stream, lang):
        stream.write("half")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(json_report, "render", broken)
    result = run(runner, "check", "--format", "json", "-o", "out.json")
    assert result.exit_code == 2
    assert Path("out.json").read_text(encoding="utf-8") == "previous"
    assert [p.name for p in Path.cwd().iterdir() if p.name != ".git"] == ["out.json"]


@pytest.mark.parametrize(("env", "output", "expected_start"), [
    ({"GITHUB_ACTIONS": "true"}, None, "::notice file="),
    ({}, None, "───"),  # rich: one report is named in its summary line
    ({}, "x.sarif", '{\n  "$schema"'),
    ({"GITHUB_ACTIONS": "true"}, "x.json", '{\n  "version": 1'),
])
def test_format_auto(backend, runner, monkeypatch, env, output, expected_start):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    args = ["check", "--format", "auto"] + (["-o", output] if output else [])
    result = run(runner, *args)
    text = Path(output).read_text(encoding="utf-8") if output else result.stdout
    assert text.startswith(expected_start)


def test_xlsx_needs_an_output_file(backend, runner):
    result = run(runner, "check", "--format", "xlsx")
    assert result.exit_code == 2 and "-o FILE" in result.stderr
    assert run(runner, "check", "--format", "xlsx", "-o", "r.xlsx").exit_code == 1
    assert Path("r.xlsx").read_bytes()[:2] == b"PK"


def test_lang_reaches_the_backend_and_the_labels(backend, runner):
    result = run(runner, "check", "--lang", "en", "--format", "markdown")
    assert backend.calls[0][2] == "en"
    assert result.stdout.startswith("# Issues found in the quality report's figures")


def test_baseline_round_trip_reports_only_new_findings(backend, runner):
    written = run(runner, "check", "--write-baseline", "baseline.json", "--format", "json")
    assert written.exit_code == 0, written.output
    assert "5" in written.stderr and json.loads(written.stdout)["reports"][0]["findings"] == []
    data = json.loads(Path("baseline.json").read_text(encoding="utf-8"))
    assert len(data["entries"]) == 5
    growth = next(e for e in data["entries"] if e["rule"] == "KA201")
    assert growth["where"] == "表3 / 装备制造大类 / 增加比率（%）" and growth["reason"] == ""

    # A reviewer records why one entry is accepted, and one accepted finding is fixed in the report.
    growth["reason"] = "学校已说明口径"
    data["entries"] = [e for e in data["entries"] if e["rule"] != "KA110"] + [
        {**growth, "fingerprint": "0000000000000000", "rule": "KA999", "reason": ""}]
    Path("baseline.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run(runner, "check", "--baseline", "baseline.json", "--format", "json")
    new = json.loads(result.stdout)["reports"][0]["findings"]
    assert [f["rule"] for f in new] == ["KA110"] and result.exit_code == 1
    assert "KA999" in result.stderr and "0000000000000000" in result.stderr  # the stale entry is listed

    # Rewriting the baseline keeps the recorded reason.
    run(runner, "check", "--baseline", "baseline.json", "--write-baseline", "baseline.json")
    rewritten = json.loads(Path("baseline.json").read_text(encoding="utf-8"))["entries"]
    assert next(e for e in rewritten if e["rule"] == "KA201")["reason"] == "学校已说明口径"
    assert sorted(e["rule"] for e in rewritten) == ["KA110", "KA150", "KA201", "KA301", "KA900"]


def test_broken_baseline_exits_2(backend, runner):
    Path("b.json").write_text('{"version": 1, "entries": [{"rule": "KA1"}]}', encoding="utf-8")
    result = run(runner, "check", "--baseline", "b.json")
    assert result.exit_code == 2 and "第 1 条记录" in result.stderr
    assert run(runner, "check", "--baseline", "missing.json").exit_code == 2


def test_config_shows_each_setting_and_its_source(backend, runner):
    Path("pyproject.toml").write_text(
        '[tool.keneng-audit]\nfail-on = "warning"\nrules = ["extra"]\n[tool.keneng-audit.severity]\nKA201 = "info"\n',
        encoding="utf-8")
    result = run(runner, "config", "--lang", "en")
    assert result.exit_code == 0
    lines = {line.split(" = ")[0]: line for line in result.stdout.splitlines()[1:]}
    config_file = str(Path.cwd() / "pyproject.toml")
    assert lines["fail-on"].endswith(f"# {config_file}") and '"warning"' in lines["fail-on"]
    assert lines["lang"].endswith("# command line")
    assert lines["format"].endswith("# default") and '"rich"' in lines["format"]
    assert f'["{Path.cwd() / "extra"}"]' in lines["rules"]
    assert 'KA201 = "info"' in lines["severity"]
    # The config file's fail-on is in effect for check.
    assert run(runner, "check", "--select", "KA301", "--format", "json").exit_code == 1
    assert run(runner, "check", "--select", "KA301", "--format", "json", "--fail-on", "error").exit_code == 0


def test_keneng_audit_toml_next_to_the_report_wins_over_pyproject_above(backend, runner):
    Path("pyproject.toml").write_text('[tool.keneng-audit]\nlang = "en"\nformat = "csv"\n', encoding="utf-8")
    Path("drafts").mkdir()
    Path("drafts/keneng-audit.toml").write_text('format = "markdown"\n', encoding="utf-8")
    result = run(runner, "config", "drafts/report.txt")
    assert result.stdout.splitlines()[0] == f"# 配置文件：{Path.cwd() / 'drafts' / 'keneng-audit.toml'}"
    assert '"markdown"' in result.stdout and '"zh"' in result.stdout  # nearest file only; lang default


def test_rules_lists_every_rule(backend, runner):
    result = run(runner, "rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["编号", "严重程度", "类型", "规则包"]
    assert lines[3].split()[:5] == ["KA201", "错误", "增长率", "growth", "keneng-2024"]  # the kind in Chinese, then its name
    assert lines[-1] == "共 5 条规则"
    data = json.loads(run(runner, "rules", "--format", "json", "--lang", "en").stdout)
    assert data["rules"][3] == {"id": "KA301", "name": "占比", "severity": "warning", "kind": "share",
                                "pack": "national", "origin": "bundled", "description": "About 占比."}


def test_explain_prints_description_rationale_examples(backend, runner):
    result = run(runner, "explain", "ka301")
    assert result.exit_code == 0
    text = result.stdout
    for fragment in ("KA301 占比", "占比的说明。", "为什么重要：", "数字前后一致", "通过的例子：", "177 + 60 + 22 = 259",
                     "不通过的例子：", "定义于：rules/national/demo.yaml:3"):
        assert fragment in text


def test_explain_unknown_rule_exits_2(backend, runner):
    result = run(runner, "explain", "KA999")
    assert result.exit_code == 2 and result.stderr == "keneng-audit: 没有规则 KA999（见 keneng-audit rules）\n"


def test_findings_fixture_is_what_the_cli_prints(backend, runner):
    data = json.loads(run(runner, "check", "--format", "json").stdout)
    assert sorted(f["fingerprint"] for f in data["reports"][0]["findings"]) == sorted(
        f.fingerprint for f in findings())


def test_pre_commit_hook_runs_check_on_report_files():
    import re

    import yaml

    hooks = yaml.safe_load((Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = hooks[0]
    assert (hook["id"], hook["entry"], hook["language"]) == ("keneng-audit", "keneng-audit check", "python")
    pattern = re.compile(hook["files"])
    names = ("reports/2024.txt", "a.docx", "b.pdf", "setup.py", "x.txt.bak", "requirements.txt", "质量年度报告.txt")
    assert [bool(pattern.search(name)) for name in names] == [True, True, True, False, False, False, True]


# --- End to end: the real audit of the bundled sample ---------------------------------------------------------

SAMPLE_CHANGED_ROW = "区外市内 3677 3411 266 7%"


@pytest.fixture
def real(runner, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return runner


@pytest.mark.parametrize(("args", "code"), [((), 1), (("--fail-on", "warning"), 1), (("--fail-on", "never"), 0),
                                            (("--exit-zero",), 0)])
def test_sample_exit_codes(real, args, code):
    result = run(real, "check", "--format", "json", *args)
    assert result.exit_code == code, result.stderr
    assert json.loads(result.stdout)["reports"][0]["summary"]["error"] > 0


def test_rules_folder_without_rule_files_exits_2_with_one_line(real):
    Path("empty-pack").mkdir()
    result = run(real, "check", "--rules", "empty-pack")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr == "keneng-audit: empty-pack: 规则目录中没有规则文件\n"
    english = run(real, "check", "--rules", "empty-pack", "--lang", "en")
    assert english.stderr == "keneng-audit: empty-pack: no rule files in this folder\n"


def test_sample_broken_config_exits_2(real):
    Path("keneng-audit.toml").write_text('fail-on = "whenever"\n', encoding="utf-8")
    result = run(real, "check")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "fail-on" in result.stderr


def test_sample_baseline_survives_inserted_lines_and_catches_a_new_discrepancy(real):
    from keneng_audit.resources import sample_report

    text = sample_report().read_text(encoding="utf-8")
    assert text.count(SAMPLE_CHANGED_ROW) == 1
    Path("report.txt").write_text(text, encoding="utf-8")
    written = run(real, "check", "report.txt", "--write-baseline", "baseline.json", "--format", "json")
    assert written.exit_code == 0, written.stderr
    assert len(json.loads(Path("baseline.json").read_text(encoding="utf-8"))["entries"]) > 0

    shifted = "说明：本稿在正文前加了几行。\n\n另起一段。\n" * 10 + text
    Path("report.txt").write_text(shifted, encoding="utf-8")
    again = run(real, "check", "report.txt", "--baseline", "baseline.json", "--format", "json")
    assert again.exit_code == 0, again.stdout
    assert json.loads(again.stdout)["reports"][0]["findings"] == []

    # 3677 − 3411 is 266; printing 276 is a new discrepancy the gate must catch.
    Path("report.txt").write_text(shifted.replace(SAMPLE_CHANGED_ROW, "区外市内 3677 3411 276 7%"), encoding="utf-8")
    new = run(real, "check", "report.txt", "--baseline", "baseline.json", "--format", "json")
    assert new.exit_code == 1
    findings = json.loads(new.stdout)["reports"][0]["findings"]
    assert findings and all(f["location"]["table"] == "表7" and f["location"]["row"] == "区外市内" for f in findings)
    assert any(v["text"] == "276" for f in findings for v in f["values"])


def test_sample_sarif_output_file_validates(real):
    from jsonschema import Draft4Validator

    result = run(real, "check", "--format", "auto", "-o", "audit.sarif")
    assert result.exit_code == 1 and result.stdout == ""
    schema = json.loads((Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    assert not list(Draft4Validator(schema).iter_errors(json.loads(Path("audit.sarif").read_text("utf-8"))))


def test_rules_and_explain_on_the_bundled_packs(real):
    listing = run(real, "rules", "--format", "json")
    assert listing.exit_code == 0
    rules = json.loads(listing.stdout)["rules"]
    assert rules and {"national", "keneng-2024", "prose"} <= {r["pack"] for r in rules}
    assert all(r["description"] and r["severity"] in ("error", "warning", "info") for r in rules)
    first = rules[0]["id"]
    explained = run(real, "explain", first)
    assert explained.exit_code == 0 and explained.stdout.startswith(f"{first} {rules[0]['name']}")
    assert "说明：" in explained.stdout
    assert run(real, "explain", "KA9999").exit_code == 2
    prose = next(r for r in rules if r["pack"] == "prose")
    assert run(real, "explain", prose["id"], "--lang", "en").stdout.startswith(f"{prose['id']} ")


def test_sample_select_by_prefix_and_name_including_prose_rules(real):
    every = json.loads(run(real, "check", "--format", "json").stdout)["reports"][0]["findings"]
    prose = [f for f in every if f["rule"].startswith("KA4")]
    assert prose
    selected = json.loads(run(real, "check", "--format", "json", "--select", "KA4").stdout)["reports"][0]["findings"]
    assert [f["fingerprint"] for f in selected] == [f["fingerprint"] for f in prose]
    name = prose[0]["name"]
    by_name = json.loads(run(real, "check", "--format", "json", "--ignore", name).stdout)["reports"][0]["findings"]
    assert len(by_name) == len(every) - sum(f["name"] == name for f in every)
