"""Compiled patterns kept on disk: a stored pattern matches exactly as Python's own; damaged or foreign files are ignored."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from keneng_audit import regex_cache

ROOT = Path(__file__).resolve().parent.parent

# Pattern, flags, texts: named groups, Chinese classes, look-behind, flags inline and given, a back-reference.
CASES = [
    (r"(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|亿元|人|%)", 0, ["经费 1,200.5 万元，学生 5386 人，占 68%"]),
    (r"(?<![\d.])(\d{1,3})\s*(?:名|人)(?!次)", 0, ["共 320 名教师，1200 人次", "无"]),
    (r"[一二三四五六七八九十]+成(?:[一二三四五六七八九])?以上", 0, ["超过九成五以上", "七成"]),
    (r"^\s*(附表|表)\s*(\d+)\s*(.*)$", re.MULTILINE, ["表 4 毕业生\n附表1 计分卡\n正文"]),
    (r"(?i:total)|合\s*计", 0, ["TOTAL 与 合 计", "Total"]),
    (r"(\w)\1", re.IGNORECASE, ["aA bb 学学"]),
    (r"""\d+  # digits
         (?:\.\d+)?""", re.VERBOSE, ["12.5 与 7"]),
]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr(regex_cache, "_OWN", ("keneng_audit", __name__.partition(".")[0]))
    regex_cache.uninstall()
    re.purge()
    yield tmp_path / "cache"
    regex_cache.uninstall()
    re.purge()


def _behaviour(pattern: re.Pattern, texts: list[str]):
    return (pattern.pattern, pattern.flags, pattern.groups, dict(pattern.groupindex),
            [[(m.span(), m.groups()) for m in pattern.finditer(t)] for t in texts])


def _expected():
    return [_behaviour(re.compile(p, f), texts) for p, f, texts in CASES]


def _compiled_now():
    re.purge()
    return [_behaviour(re.compile(p, f), texts) for p, f, texts in CASES]


def _stored(folder: Path) -> Path:
    [file] = folder.glob("regex-*.json")
    return file


def test_stored_patterns_match_as_pythons_own_and_a_second_run_compiles_nothing(folder, monkeypatch):
    expected = _expected()
    assert regex_cache.install(folder)
    assert _compiled_now() == expected
    regex_cache.save()
    entries = json.loads(_stored(folder).read_text(encoding="utf-8"))
    assert {f"{int(f)}:{p}" for p, f, _ in CASES} <= set(entries)

    regex_cache.uninstall()
    assert regex_cache.install(folder)

    def no_compiling(*args):
        raise AssertionError("compiled although stored")

    monkeypatch.setattr(regex_cache, "_arguments", no_compiling)
    assert _compiled_now() == expected


@pytest.mark.parametrize("damage", [b"", b"not json", b"[1, 2]", b'{"0:a+": 5}', b'{"0:a+": [0, 0, {}, [null], "!!"]}',
                                    b'{"0:a+": [0, 0, {}, [null], "AAAAAA=="]}'])
def test_a_damaged_file_or_entry_is_ignored_and_replaced(folder, damage):
    folder.mkdir(parents=True)
    regex_cache.install(folder)
    file = regex_cache._file
    regex_cache.uninstall()
    file.write_bytes(damage)
    os.chmod(file, 0o600)
    expected = [_behaviour(re.compile(r"a+"), ["caaab"])] + _expected()
    assert regex_cache.install(folder)
    re.purge()
    assert [_behaviour(re.compile(r"a+"), ["caaab"])] + _compiled_now() == expected
    regex_cache.save()
    assert "0:a+" in json.loads(file.read_text(encoding="utf-8"))


def _tamper(folder: Path, key: str, change) -> None:
    """Stores the cases' patterns, applies `change` to the entry `key` in the file, installs the file again."""
    assert regex_cache.install(folder)
    _compiled_now()
    regex_cache.save()
    file = _stored(folder)
    entries = json.loads(file.read_text(encoding="utf-8"))
    change(entries[key])
    file.write_text(json.dumps(entries), encoding="utf-8")
    regex_cache.uninstall()
    assert regex_cache.install(folder)


def test_code_stored_for_another_pattern_is_refused_by_python_or_replaced(folder):
    """An entry whose code does not fit its pattern's groups never yields a pattern with other groups."""
    def no_groups(entry):  # the stored code's group marks no longer fit
        entry[1:4] = [0, {}, [None]]

    _tamper(folder, f"0:{CASES[0][0]}", no_groups)
    assert _compiled_now() == _expected()


def test_code_stored_under_another_pattern_is_caught_and_the_pattern_compiled_afresh(folder):
    """`_sre.compile` accepts any well-formed code, also another pattern's (a damaged or half-written file):
    each entry carries a digest of its key and contents."""
    assert regex_cache.install(folder)
    re.purge()
    re.compile(r"x+")
    re.compile(r"y+")
    regex_cache.save()
    file = _stored(folder)
    entries = json.loads(file.read_text(encoding="utf-8"))
    entries["0:y+"] = entries["0:x+"]
    file.write_text(json.dumps(entries), encoding="utf-8")
    regex_cache.uninstall()
    assert regex_cache.install(folder)
    re.purge()
    assert re.compile(r"y+").findall("xxyy") == ["yy"]
    regex_cache.save()
    assert json.loads(file.read_text(encoding="utf-8"))["0:y+"] != entries["0:x+"]


def test_a_fifo_in_place_of_the_file_does_not_block(folder):
    folder.mkdir(parents=True)
    regex_cache.install(folder)
    file = regex_cache._file
    regex_cache.uninstall()
    os.mkfifo(file)
    assert regex_cache.install(folder) and regex_cache._table == {}
    assert _compiled_now() == _expected()
    regex_cache.save()
    assert file.is_file()


def test_a_file_others_can_write_is_not_read(folder):
    assert regex_cache.install(folder)
    _compiled_now()
    regex_cache.save()
    file = _stored(folder)
    regex_cache.uninstall()
    os.chmod(file, 0o666)
    regex_cache.install(folder)
    assert regex_cache._table == {}


def test_other_libraries_patterns_are_stored_with_ours_but_never_written_alone(folder, monkeypatch):
    """Another library's pattern text may change per process (built from a set): compiling only such patterns
    writes nothing; they are written along with a pattern of ours, and served from the file by the next run."""
    monkeypatch.setattr(regex_cache, "_OWN", ("keneng_audit",))
    assert regex_cache.install(folder)
    assert _compiled_now() == _expected()
    assert {f"{int(f)}:{p}" for p, f, _ in CASES} <= set(regex_cache._table)
    regex_cache.save()
    assert not list(folder.glob("regex-*.json"))  # nothing of ours compiled: nothing written

    regex_cache._store("0:ours", regex_cache._arguments("ours", 0))  # as a pattern of this package does
    regex_cache.save()
    assert {f"{int(f)}:{p}" for p, f, _ in CASES} | {"0:ours"} <= set(json.loads(_stored(folder).read_text()))
    regex_cache.uninstall()
    assert regex_cache.install(folder)

    def no_compiling(*args):
        raise AssertionError("compiled although stored")

    monkeypatch.setattr(regex_cache, "_arguments", no_compiling)
    assert _compiled_now() == _expected()


def test_off_without_a_cache_folder():
    regex_cache.uninstall()
    assert not regex_cache.install(None)
    from re import _compiler
    assert _compiler.compile is not regex_cache._compile


def test_the_command_stores_its_patterns_and_its_output_does_not_change(tmp_path):
    """Python's own compiler (cache off), then the command storing its patterns, then reading them: one output.
    Each run with another string hash seed: the package's patterns are the same text in every process (an
    alternation built from a set is sorted), so a run that reads the file adds nothing to it."""
    outputs, stored = [], []
    for k in range(4):
        env = {**os.environ, "KENENG_AUDIT_CACHE_DIR": str(tmp_path / "cache"), "PYTHONHASHSEED": str(k + 1)}
        if k == 0:
            env["KENENG_AUDIT_NO_CACHE"] = "1"
        else:
            env.pop("KENENG_AUDIT_NO_CACHE", None)
        out = tmp_path / f"out{k}.json"
        done = subprocess.run([sys.executable, "-m", "keneng_audit", "check", "--format", "json", "-o", str(out)],
                              env=env, cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 1, done.stderr
        outputs.append(out.read_bytes())
        stored.append(_stored(tmp_path / "cache").read_bytes() if k else b"")
    assert outputs[0] == outputs[1] == outputs[2] == outputs[3]
    assert len(json.loads(outputs[0])["reports"][0]["findings"]) > 50
    assert len(json.loads(stored[1])) > 100  # the package's own patterns
    assert stored[2] == stored[3]


def test_a_report_with_other_numbers_adds_no_pattern(tmp_path):
    """The stored patterns are the program's, not the report's: auditing the same report with other numbers
    (other findings, other values in their messages) in every format leaves the file as it was."""
    sample = (ROOT / "data" / "keneng-2024" / "report.txt").read_text(encoding="utf-8")
    variant = re.sub(r"(?<![\d.])(1[0-9]{3})(?![\d.])", lambda m: str(int(m[1]) + 7), sample)
    assert variant != sample
    (tmp_path / "variant.txt").write_text(variant, encoding="utf-8")
    env = {**os.environ, "KENENG_AUDIT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("KENENG_AUDIT_NO_CACHE", None)

    def run(report: str, fmt: str) -> None:
        done = subprocess.run([sys.executable, "-m", "keneng_audit", "check", report, "--format", fmt,
                               "-o", str(tmp_path / f"out.{fmt}")], env=env, cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 1, done.stderr

    formats = ("json", "rich", "markdown", "sarif")
    for fmt in formats:  # every code path these formats take, with the sample's values
        run("data/keneng-2024/report.txt", fmt)
    before = _stored(tmp_path / "cache").read_bytes()
    for fmt in formats:
        run(str(tmp_path / "variant.txt"), fmt)
    after = _stored(tmp_path / "cache").read_bytes()
    assert json.loads(after).keys() == json.loads(before).keys()
