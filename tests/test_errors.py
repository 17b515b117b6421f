"""Error lines in one language: the halves of a message, pydantic's problems in Chinese, the language of a run."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from keneng_audit import cli
from keneng_audit.errors import ConfigError, InputError, Invalid, RuleFileError, one_language, pydantic_problem


@pytest.mark.parametrize(("text", "zh", "en"), [
    ("a.txt: 文件为空 / the file is empty", "a.txt: 文件为空", "a.txt: the file is empty"),
    ("x.docx: DOCX 文件已损坏 / corrupt DOCX file (BadZipFile: bad)", "x.docx: DOCX 文件已损坏（BadZipFile: bad）",
     "x.docx: corrupt DOCX file (BadZipFile: bad)"),
    ("p: 无法识别的文字编码（UTF-16 已损坏）/ undecodable text (broken UTF-16)", "p: 无法识别的文字编码（UTF-16 已损坏）",
     "p: undecodable text (broken UTF-16)"),
    ("r.txt: 内部错误：ValueError: x / internal error: ValueError: x", "r.txt: 内部错误：ValueError: x",
     "r.txt: internal error: ValueError: x"),
    ("比例 = 部分 / 基数", "比例 = 部分 / 基数", "比例 = 部分 / 基数"),  # a slash inside one language stays
    ("plain english / text", "plain english / text", "plain english / text"),
])
def test_one_language_takes_one_half_and_keeps_the_file_name(text, zh, en):
    assert (one_language(text, "zh"), one_language(text, "en")) == (zh, en)


def test_an_error_holds_both_languages_and_says_one():
    error = InputError("a.txt: 文件为空", "a.txt: the file is empty")
    assert (error.say("zh"), error.say("en")) == ("a.txt: 文件为空", "a.txt: the file is empty")
    assert str(error) == "a.txt: 文件为空 / the file is empty"  # the file's name once: one_language splits it back
    wrapped = error.prefixed("batch: ")
    assert type(wrapped) is InputError and wrapped.say("en") == "batch: a.txt: the file is empty"
    assert InputError("b.txt: 文件为空 / the file is empty").say("en") == "b.txt: the file is empty"  # one string


@pytest.mark.parametrize(("error", "zh", "en"), [
    ({"type": "extra_forbidden", "msg": "Extra inputs are not permitted"}, "未知参数（拼写错误？）", "unknown parameter"),
    ({"type": "int_parsing", "msg": "Input should be a valid integer"}, "应为整数", "must be a whole number"),
    ({"type": "literal_error", "msg": "…", "ctx": {"expected": "'a' or 'b'"}}, "取值无效，可选：'a' or 'b'",
     "invalid value, expected 'a' or 'b'"),
    ({"type": "value_error", "msg": "Value error, something else"},
     "取值无效（something else）", "invalid value (something else)"),
    ({"type": "value_error", "msg": "Value error, needs exactly the keys zh and en",
      "ctx": {"error": Invalid("应恰有 zh 和 en 两项", "needs exactly the keys zh and en")}},
     "应恰有 zh 和 en 两项", "needs exactly the keys zh and en"),
])
def test_pydantic_problems_in_chinese(error, zh, en):
    said = pydantic_problem(error)
    assert said[0].startswith(zh) and said[1].startswith(en) and "Extra inputs" not in said[0]


@pytest.fixture
def runner(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def _err(runner, *args):
    return runner.invoke(cli.main, list(args), catch_exceptions=False).stderr


def test_cli_error_lines_are_in_one_language(runner):
    zh = _err(runner, "check", "missing.txt")
    assert zh == "keneng-audit: missing.txt: 文件不存在\n"
    assert _err(runner, "check", "missing.txt", "--lang", "en") == "keneng-audit: missing.txt: no such file\n"
    assert _err(runner, "check", "--lang=en", "missing.txt") == "keneng-audit: missing.txt: no such file\n"
    # click's own usage errors: in Chinese for a Chinese run, as click says them for an English one.
    assert _err(runner, "check", "--bogus").startswith("keneng-audit: 没有选项 --bogus")
    assert "No such option" in _err(runner, "check", "--bogus", "--lang", "en")
    assert _err(runner, "chekc").startswith("keneng-audit: 没有命令 chekc（是否想用 check？）")
    assert _err(runner, "--lang", "zh") == "keneng-audit: 缺少命令（keneng-audit --help）\n"
    assert _err(runner, "--lang", "en") == "keneng-audit: Missing command. (keneng-audit --help)\n"
    assert "不是任何规则的编号" in _err(runner, "check", "--select", "KA7XYZ")


def test_the_config_files_language_counts_also_when_the_config_itself_is_broken(runner):
    Path("keneng-audit.toml").write_text('lang = "en"\nfail-on = "sometimes"\n', encoding="utf-8")
    line = _err(runner, "check")
    assert "fail-on: invalid value, expected 'error'" in line and "取值" not in line and line.count("\n") == 1
    Path("keneng-audit.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    assert "fail-on：取值无效，可选：" in _err(runner, "check")


def test_a_rule_file_problem_from_pydantic_is_said_in_chinese(runner):
    Path("r.yaml").write_text("tables:\n  t: {key: 表1}\nrules:\n  - id: KA9001\n    name: x\n    severity: error\n"
                              "    kind: share\n    table: t\n    params: {part: 人数, whole: {value: 100}, percent: 比例,"
                              " bogus: 1}\n    message: {zh: x, en: x}\n    description: {zh: x, en: x}\n", encoding="utf-8")
    zh, en = _err(runner, "check", "--rules", "r.yaml"), _err(runner, "check", "--rules", "r.yaml", "--lang", "en")
    assert "规则 KA9001（share）：bogus：未知参数（拼写错误？）" in zh and "Extra inputs" not in zh
    assert "rule KA9001 (share): bogus: unknown parameter (misspelt?)" in en


def test_config_errors_name_the_file_in_both_languages(tmp_path):
    error = ConfigError(f"{tmp_path}: 找不到配置文件", f"{tmp_path}: config file not found")
    assert error.say("zh").startswith(str(tmp_path)) and error.say("en").endswith("config file not found")


def test_rule_file_errors_name_no_exception_and_list_only_the_kinds_a_pack_can_use(runner):
    Path("bin.yaml").write_bytes(b"rules:\n  - id: KA9001 \xff\xfe\n")
    assert _err(runner, "check", "--rules", "bin.yaml") == "keneng-audit: bin.yaml: 无法读取规则文件：不是 UTF-8 文本\n"
    Path("kind.yaml").write_text("tables:\n  t: {key: 表1}\nrules:\n  - id: KA9001\n    name: x\n    severity: error\n"
                                 "    kind: summ\n    table: t\n    params: {}\n    message: {zh: x, en: x}\n"
                                 "    description: {zh: x, en: x}\n", encoding="utf-8")
    line = _err(runner, "check", "--rules", "kind.yaml")
    assert "没有规则类型 'summ'（可用：range, sum, share" in line and "prose-" not in line and "table-read" not in line


def test_an_explicit_pack_choice_is_not_a_second_line_on_an_error(runner):
    assert _err(runner, "check", "missing.txt", "--packs", "national") == "keneng-audit: missing.txt: 文件不存在\n"


_CJK = re.compile(r"[\u3400-\u9fff]")
_ERRORS = {"KenengError", "InputError", "RuleFileError", "ConfigError", "Invalid", "PatternError"}


def test_every_error_the_package_raises_is_written_in_both_languages():
    """Each error a user can see is built with its Chinese and its English (two arguments, `*_say(zh, en)`, or
    the one-string "中文 / English" form), and a validator refuses a value with `Invalid(zh, en)`, never a bare
    ValueError, whose text pydantic would show in English only."""
    package = Path(__file__).resolve().parents[1] / "keneng_audit"
    one_language_only, bare = [], []
    for path in sorted(package.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            where = f"{path.relative_to(package.parent)}:{node.lineno}"
            if name in _ERRORS:
                text = ast.get_source_segment(source, node) or ""
                chosen = [a for a in node.args if isinstance(a, ast.Call) and getattr(a.func, "id", "") == "_say"]
                both = (len(node.args) + len(node.keywords) >= 2 or any(isinstance(a, ast.Starred) for a in node.args)
                        or chosen or (_CJK.search(text) and " / " in text.replace("/ ", " / ")))
                if not both:
                    one_language_only.append(where)
        bare += [f"{path.relative_to(package.parent)}:{n.lineno}" for n in ast.walk(ast.parse(source))
                 if isinstance(n, ast.Raise) and isinstance(n.exc, ast.Call)
                 and getattr(n.exc.func, "id", None) == "ValueError"
                 and any(k in str(path) for k in ("rules/", "claims/", "saferegex", "config"))]
    assert one_language_only == [] and bare == []


_RULE = ("rules:\n  - id: KA9001\n    name: x\n    severity: error\n    kind: agree\n    params: {quantity: q.x}\n"
         "    message: {zh: x, en: x}\n    description: {zh: x, en: x}\n")


@pytest.mark.parametrize(("files", "zh", "en"), [
    ({"r.yaml": "tables:\n  t: {key: 表1}\nquantities:\n  q.x: [{table: t, row: 合计, period: thisyear}]\n" + _RULE},
     "r.yaml:4: quantities.q.x.0.period：period 应为年份、current 或 previous",
     "r.yaml:4: quantities.q.x.0.period: period must be a year, current or previous"),
    ({"r.yaml": "tables:\n  t: {key: 表1}\nquantities:\n  q.x: [{table: t}]\n" + _RULE},
     "r.yaml:4: quantities.q.x.0：需要 `row`、`column` 或两者", "r.yaml:4: quantities.q.x.0: needs `row`, `column` or both"),
    ({"r.yaml": "applies_to: {title: '('}\n" + _RULE},
     "r.yaml:1: applies_to.title：正则表达式 '(' 无效", "r.yaml:1: applies_to.title: invalid regular expression '('"),
    ({"r.yaml": "tables:\n  t: {key: 表1, headers: [a, a]}\n" + _RULE},
     "r.yaml:2: tables.t.headers：名称须各不相同且不为空", "r.yaml:2: tables.t.headers: needs unique, non-empty names"),
    ({"r.yaml": "pack: national\n" + _RULE}, "r.yaml:1: 规则包名 'national' 属于自带规则包",
     "r.yaml:1: pack 'national' is a bundled pack"),
    ({"r.yaml": "tables:\n  t: {columns: [a]}\n" + _RULE}, "r.yaml:2: 表 't' 需要 key 或 caption",
     "r.yaml:2: table 't' needs a key or a caption"),
    ({"r.yaml": _RULE.replace("KA9001", "K1")}, "r.yaml:2: rules.0.id：规则编号 'K1' 应为 KA 加 3–4 位数字",
     "r.yaml:2: rules.0.id: rule id 'K1' must be KA followed by 3-4 digits"),
    ({"r.yaml": _RULE.replace("{zh: x, en: x}\n    desc", "{zh: x}\n    desc")},
     "r.yaml:7: rules.0.message：应恰有 zh 和 en 两项", "r.yaml:7: rules.0.message: needs exactly the keys zh and en"),
    ({"r.yaml": "tables:\n  t: {key: 表1}\n" + _RULE.replace("kind: agree", "kind: sum\n    table: t")
      .replace("{quantity: q.x}", "{total: 合计}")},
     "r.yaml:9: 规则 KA9001（sum）：求和需要 `parts` 或 `column`", "r.yaml:9: rule KA9001 (sum): sum needs either"),
    ({"r.yaml": "rules:\n  - id: KA1\n  name: x\n    severity: y\n"},
     "r.yaml:3: YAML 格式错误：缺少列表项的 '-'（缩进有误？）", "r.yaml:3: invalid YAML: did not find expected '-'"),
    ({"r.yaml": "rules:\n\t- id: KA1\n"}, "r.yaml:2: YAML 格式错误：此处的字符不能开始一项", "r.yaml:2: invalid YAML: found"),
    ({"p/00.yaml": "rules: []\n", "p/vocabulary/q.yaml": "quantities:\n  - {id: Bad-Id, zh: 甲, en: a, unit: 人}\n"},
     "p/vocabulary/q.yaml:2: quantities.0.id：格式不符", "p/vocabulary/q.yaml:2: quantities.0.id: does not match"),
    ({"p/00.yaml": "rules: []\n", "p/vocabulary/q.yaml": "quantities:\n  - {id: a.b, zh: 甲, en: a, unit: 人}\n"
      "claims:\n  - {say: '学生{c.d}人'}\n"},
     "p/vocabulary/q.yaml:4: 句式 '学生{c.d}人'：未知的数量 {c.d}", "p/vocabulary/q.yaml:4: pattern '学生{c.d}人': unknown"),
    ({"p/00.yaml": "rules: []\n", "p/vocabulary/q.yaml": "cells: []\n"},
     "p/vocabulary/q.yaml:1: cells: 表格单元格与数量的对应写在规则包的 `quantities:`", "p/vocabulary/q.yaml:1: cells: table"),
    ({"p/00.yaml": "rules: []\n", "p/vocabulary/q.yaml": "- a\n"},
     "p/vocabulary/q.yaml:1: 词表文件应是含", "p/vocabulary/q.yaml:1: a vocabulary file is a mapping"),
    ({"p/00.yaml": "rules: []\n", "p/vocabulary/q.yaml": "quantities: [a\n"},
     "p/vocabulary/q.yaml:2: YAML 格式错误：", "p/vocabulary/q.yaml:2: invalid YAML: "),
])
def test_a_rule_or_vocabulary_file_problem_is_said_in_the_language_of_the_run(runner, files, zh, en):
    for name, text in files.items():
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(text, encoding="utf-8")
    given = "p" if "p/00.yaml" in files else "r.yaml"
    said_zh, said_en = _err(runner, "check", "--rules", given), _err(runner, "check", "--rules", given, "--lang", "en")
    assert said_zh.startswith(f"keneng-audit: {zh}") and said_zh.count("\n") == 1
    assert said_en.startswith(f"keneng-audit: {en}") and said_en.count("\n") == 1
    # one language each: the English line quotes Chinese only inside '…', the Chinese line has no English sentence
    assert not _CJK.search(re.sub(r"'[^']*'|\{[^}]*\}", "", said_en))
    assert not re.search(r"\b(must|needs|unknown|invalid|is a|not)\b", said_zh)


def test_a_pattern_that_runs_too_long_is_said_in_both_languages(monkeypatch):
    from keneng_audit import saferegex

    monkeypatch.setattr(saferegex, "TIMEOUT_S", 0.001)
    with pytest.raises(RuleFileError) as caught:
        saferegex.search(r"^(a|aa)+(b|c)+$", "a" * 40 + "d")
    assert "灾难性回溯" in caught.value.say("zh") and "catastrophic backtracking" in caught.value.say("en")
    assert not _CJK.search(caught.value.say("en"))


def test_a_batch_says_why_a_report_could_not_be_audited_in_the_language_of_the_run(runner):
    Path("empty.txt").write_text("", encoding="utf-8")
    Path("binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    for lang, want in (("zh", ["empty.txt: 文件为空", "binary.txt: 不是文本文件（含二进制字节）"]),
                       ("en", ["empty.txt: the file is empty", "binary.txt: not a text file (binary bytes)"])):
        for fmt in ("json", "jsonl"):
            out = runner.invoke(cli.main, ["check", "empty.txt", "binary.txt", "--format", fmt, "--lang", lang,
                                           "--packs", "none"]).stdout
            reports = json.loads(out)["reports"] if fmt == "json" else [json.loads(x) for x in out.splitlines()]
            assert sorted(r["error"] for r in reports) == sorted(want)


def test_a_broken_baseline_or_config_says_where_in_chinese(runner):
    Path("b.json").write_text('{"version": 1,\n "entries": [}\n', encoding="utf-8")
    assert _err(runner, "check", "--baseline", "b.json") == "keneng-audit: b.json: 无法读取基线文件：第 2 行第 14 列不是有效的 JSON\n"
    assert "not a readable baseline: Expecting value: line 2 column 14" in _err(runner, "check", "--baseline", "b.json",
                                                                                "--lang", "en")
    Path("c.json").write_text("{}", encoding="utf-8")  # issue 13: `not a keneng-audit baseline` in a Chinese run
    assert _err(runner, "check", "--baseline", "c.json") == \
        "keneng-audit: c.json: 不是 keneng-audit 基线文件（应有 version 1 和 entries）\n"
    Path("keneng-audit.toml").write_text("lang = \n", encoding="utf-8")
    assert _err(runner, "check").endswith("keneng-audit.toml: 不是有效的 TOML（第 1 行第 8 列有误）\n")
