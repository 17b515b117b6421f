"""Config discovery (nearest wins, stops at the repository root), validation, precedence and sources."""

from __future__ import annotations

import pytest

from keneng_audit.config import COMMAND_LINE, DEFAULTS, describe, find_config, load_config, resolve
from keneng_audit.errors import ConfigError


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "reports" / "2024").mkdir(parents=True)
    return tmp_path


def test_nearest_file_wins_and_keneng_audit_toml_beats_pyproject(repo):
    (repo / "pyproject.toml").write_text('[tool.keneng-audit]\nlang = "en"\n', encoding="utf-8")
    assert find_config(repo / "reports" / "2024") == repo / "pyproject.toml"
    (repo / "reports" / "keneng-audit.toml").write_text('lang = "zh"\n', encoding="utf-8")
    assert find_config(repo / "reports" / "2024") == repo / "reports" / "keneng-audit.toml"
    (repo / "reports" / "2024" / "pyproject.toml").write_text('[tool.keneng-audit]\n', encoding="utf-8")
    assert find_config(repo / "reports" / "2024" / "report.txt") == repo / "reports" / "2024" / "pyproject.toml"
    (repo / "reports" / "2024" / "keneng-audit.toml").write_text("", encoding="utf-8")
    assert find_config(repo / "reports" / "2024") == repo / "reports" / "2024" / "keneng-audit.toml"


def test_pyproject_without_our_table_is_skipped_and_search_stops_at_the_repository_root(repo):
    (repo.parent / "keneng-audit.toml").write_text('lang = "en"\n', encoding="utf-8")
    try:
        (repo / "pyproject.toml").write_text('[tool.other]\nx = 1\n', encoding="utf-8")
        assert find_config(repo / "reports") is None
    finally:
        (repo.parent / "keneng-audit.toml").unlink()


def test_load_config_makes_paths_absolute_relative_to_the_file(repo):
    path = repo / "reports" / "keneng-audit.toml"
    path.write_text('rules = ["../myrules"]\nbaseline = "accepted.json"\nselect = ["KA1"]\n'
                    '[severity]\nKA105 = "warning"\n', encoding="utf-8")
    assert load_config(path) == {"rules": [str(repo / "myrules")], "baseline": str(repo / "reports" / "accepted.json"),
                                 "select": ["KA1"], "severity": {"KA105": "warning"}}


@pytest.mark.parametrize(("content", "message"), [
    ('fail-on = "sometimes"\n', ("fail-on：取值无效，可选：'error', 'warning', 'info' or 'never'",
                                  "fail-on: invalid value, expected 'error'")),
    ('fail_on = "warning"\n', ("fail_on：未知的设置项", "fail_on: unknown setting")),
    ('[severity]\nKA1 = "fatal"\n', ("severity.KA1：取值无效", "severity.KA1: invalid value")),
    ("select = 'KA1'\n", ("select：应为列表", "select: must be a list")),
    ("lang = \n", ("不是有效的 TOML", "not valid TOML")),
])
def test_bad_config_is_one_line_config_error(repo, content, message):
    path = repo / "keneng-audit.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        resolve({}, repo)
    # Each language on its own (the command line prints the one of --lang), each naming the file.
    for lang, words in zip(("zh", "en"), message):
        said = info.value.say(lang)
        assert words in said and said.startswith(str(path)) and "\n" not in said
    assert "invalid" not in info.value.say("zh") and "取值" not in info.value.say("en")


def test_broken_pyproject_is_a_config_error_even_when_searching(repo):
    (repo / "pyproject.toml").write_text("[tool.keneng-audit\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        find_config(repo / "reports")


def test_precedence_command_line_over_config_over_defaults(repo):
    (repo / "keneng-audit.toml").write_text('fail-on = "warning"\nformat = "markdown"\n', encoding="utf-8")
    settings = resolve({"format": "json", "select": [], "lang": None}, repo / "reports")
    assert (settings["format"], settings["fail-on"], settings["lang"]) == ("json", "warning", "zh")
    assert settings.sources["format"] == COMMAND_LINE
    assert settings.sources["fail-on"] == str(repo / "keneng-audit.toml")
    assert settings.sources["lang"] == settings.sources["select"] == "default"


def test_explicit_config_file(repo, tmp_path):
    other = repo / "ci.toml"
    other.write_text('lang = "en"\n', encoding="utf-8")
    assert resolve({}, repo, other)["lang"] == "en"
    with pytest.raises(ConfigError, match="config file not found"):
        resolve({}, repo, repo / "missing.toml")


def test_describe_prints_every_setting_with_its_source(repo):
    settings = resolve({"select": ["KA1", "KA2"]}, repo)
    lines = describe(settings)
    assert describe(settings, "zh")[1].endswith("# 命令行") and describe(settings, "zh")[4].endswith("# 默认")
    assert [line.split(" = ")[0] for line in lines] == list(DEFAULTS)
    assert lines[1].startswith('select = ["KA1", "KA2"]') and lines[1].endswith("# command line")
    assert lines[4].startswith('fail-on = "error"') and lines[4].endswith("# default")
