"""--help in one language: Chinese by default, English with --lang en, KENENG_AUDIT_LANG or the config file's lang."""

from __future__ import annotations

import re

import click
import pytest

from keneng_audit import cli
from keneng_audit.errors import one_language
from tests.test_cli import backend, runner  # noqa: F401 - fixtures

COMMANDS = ["check", "config", "explain", "extract", "infer", "rules"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def run(runner, *args):
    return runner.invoke(cli.main, list(args), catch_exceptions=False, prog_name="keneng-audit")


def _halves(command: click.Command, lang: str) -> list[str]:
    """Each option's help and the command's first paragraph, as `lang` words it (a whole "中文 / English" half)."""
    texts = [p.help for p in command.params if getattr(p, "help", None) and " / " in p.help]
    texts.append((command.help or "").split("\n\n")[0])
    return [one_language(t.split(" [default:")[0], lang, details=False) for t in texts]


@pytest.mark.parametrize("name", [None, *COMMANDS])
def test_help_is_chinese_by_default(runner, monkeypatch, name):
    monkeypatch.delenv("KENENG_AUDIT_LANG", raising=False)
    args = [name, "--help"] if name else ["--help"]
    result = run(runner, *args)
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("用法：keneng-audit") and "选项：" in out and "显示本帮助并退出。" in out
    assert "Usage:" not in out and "Options:" not in out and "Show this message" not in out
    command = cli.main.commands[name] if name else cli.main
    for english in _halves(command, "en"):
        assert english.split(" (")[0] not in out
    for chinese in _halves(command, "zh"):  # every option's Chinese help is there, first words at least
        assert chinese[:8] in out.replace("\n", "")


@pytest.mark.parametrize("how", ["--lang en after", "--lang en before", "--lang=en", "root --lang en",
                                 "environment", "config file"])
@pytest.mark.parametrize("name", ["check", "rules", "infer", "extract"])
def test_help_is_english_when_the_run_is(runner, monkeypatch, tmp_path, name, how):
    monkeypatch.delenv("KENENG_AUDIT_LANG", raising=False)
    args = {"--lang en after": [name, "--help", "--lang", "en"], "--lang en before": [name, "--lang", "en", "--help"],
            "--lang=en": [name, "--lang=en", "--help"], "root --lang en": ["--lang", "en", name, "--help"]}.get(
        how, [name, "--help"])
    if how == "environment":
        monkeypatch.setenv("KENENG_AUDIT_LANG", "en")
    if how == "config file":
        (tmp_path / "keneng-audit.toml").write_text('lang = "en"\n', encoding="utf-8")
    result = run(runner, *args)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: keneng-audit {name}") and "Options:" in result.output
    assert not CJK.search(result.output), result.output
    for english in _halves(cli.main.commands[name], "en"):
        assert english.split(" (")[0][:20] in result.output.replace("\n", " ").replace("  ", " ")


def test_the_command_list_names_each_command_once_in_one_language(runner, monkeypatch):
    monkeypatch.delenv("KENENG_AUDIT_LANG", raising=False)
    zh = run(runner, "--help").output.split("命令：")[1]
    en = run(runner, "--help", "--lang", "en").output.split("Commands:")[1]
    assert re.search(r"check\s+核查报告中的数字（默认：内置样例报告）\n", zh)
    assert re.search(r"check\s+audit reports \(default: the bundled sample\)\.\n", en)
    assert [line.split()[0] for line in zh.strip().splitlines()] == COMMANDS
    descriptions = "".join(line.split(maxsplit=1)[1] for line in zh.strip().splitlines())
    assert not re.search(r"[A-Za-z]{3,}", descriptions), zh  # no English word in a Chinese list


def test_click_defaults_are_said_in_the_language_of_the_help(runner, monkeypatch):
    monkeypatch.delenv("KENENG_AUDIT_LANG", raising=False)
    assert re.search(r"-j, --jobs INTEGER RANGE\s+并行核查的进程数（0 = 全部 CPU）\s+\[默认：1; x>=0\]",
                     run(runner, "check", "--help").output)
    assert re.search(r"-j, --jobs INTEGER RANGE\s+worker processes \(0 = every CPU\)\s+\[default:\s+1;\s+x>=0\]",
                     run(runner, "check", "--help", "--lang", "en").output)


def test_the_environment_sets_the_language_of_a_run_and_the_command_line_beats_it(backend, runner, monkeypatch):
    monkeypatch.setenv("KENENG_AUDIT_LANG", "en")
    run(runner, "check", "--format", "json", "a.txt")
    run(runner, "check", "--format", "json", "--lang", "zh", "b.txt")
    run(runner, "--lang", "zh", "check", "--format", "json", "c.txt")
    assert [(call[0].name, call[2]) for call in backend.calls] == [("a.txt", "en"), ("b.txt", "zh"), ("c.txt", "zh")]
    shown = run(runner, "config").output
    assert re.search(r'^lang = "en"\s+# environment KENENG_AUDIT_LANG$', shown, re.M)
    monkeypatch.delenv("KENENG_AUDIT_LANG")
    assert re.search(r'^lang = "en"\s+# 命令行$', run(runner, "--lang", "en", "config", "--lang", "zh").output,
                     re.M) is None  # the command's own --lang wins over the root's
    assert re.search(r'^lang = "zh"\s+# 命令行$', run(runner, "--lang", "en", "config", "--lang", "zh").output, re.M)


def test_a_wrong_environment_language_is_one_error_line(runner, monkeypatch):
    monkeypatch.setenv("KENENG_AUDIT_LANG", "fr")
    result = run(runner, "config")
    assert result.exit_code == 2
    assert result.output == "keneng-audit: 环境变量 KENENG_AUDIT_LANG='fr'：应为 zh 或 en\n"


@pytest.mark.parametrize("name", COMMANDS)
def test_chinese_help_fits_the_terminal_by_display_width(runner, monkeypatch, name):
    from rich.cells import cell_len

    monkeypatch.delenv("KENENG_AUDIT_LANG", raising=False)
    out = run(runner, name, "--help").output
    long = [line for line in out.splitlines() if cell_len(line) > 80 and "[rich|json" not in line]
    assert long == []  # click counts characters; a Chinese character takes two columns


def test_no_command_prints_the_help_alone(runner, monkeypatch):
    monkeypatch.delenv("KENENG_AUDIT_LANG", raising=False)
    result = run(runner)
    assert result.exit_code == 2
    assert result.stderr.startswith("用法：keneng-audit [OPTIONS] COMMAND") and "keneng-audit: 用法" not in result.stderr
