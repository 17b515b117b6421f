"""Error lines in one language: the halves of a message, pydantic's problems in Chinese, the language of a run."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from keneng_audit import cli
from keneng_audit.errors import ConfigError, InputError, one_language, pydantic_problem


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
    assert str(error) == "a.txt: 文件为空 / a.txt: the file is empty"
    wrapped = error.prefixed("batch: ")
    assert type(wrapped) is InputError and wrapped.say("en") == "batch: a.txt: the file is empty"
    assert InputError("b.txt: 文件为空 / the file is empty").say("en") == "b.txt: the file is empty"  # one string


@pytest.mark.parametrize(("error", "zh", "en"), [
    ({"type": "extra_forbidden", "msg": "Extra inputs are not permitted"}, "未知参数（拼写错误？）", "unknown parameter"),
    ({"type": "int_parsing", "msg": "Input should be a valid integer"}, "应为整数", "must be a whole number"),
    ({"type": "literal_error", "msg": "…", "ctx": {"expected": "'a' or 'b'"}}, "取值无效，可选：'a' or 'b'",
     "invalid value, expected 'a' or 'b'"),
    ({"type": "value_error", "msg": "Value error, needs exactly the keys zh and en"},
     "取值无效（needs exactly the keys zh and en）", "invalid value (needs exactly the keys zh and en)"),
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
