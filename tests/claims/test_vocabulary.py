"""Vocabulary files: validation with file and line, cross-references, the bundled national and report files."""

from __future__ import annotations

import pytest

from keneng_audit.claims.vocabulary import load_vocabulary, national_vocabulary_dir, vocabulary_dirs
from keneng_audit.errors import RuleFileError
from keneng_audit.resources import rules_dir

QUANTITIES = """quantities:
  - id: graduates.total
    zh: 毕业生总数
    en: graduates
    unit: 人
    aliases: [毕业生人数]
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path, *files) -> str:
    paths = [write(tmp_path, name, text) for name, text in files]
    with pytest.raises(RuleFileError) as info:
        load_vocabulary(paths)
    return str(info.value)


def test_bundled_vocabulary_loads():
    vocab = load_vocabulary([national_vocabulary_dir()])
    assert vocab.resolve("毕业生人数") == "graduates.total"
    assert vocab.resolve("在校生总人数") == "students.total"
    assert vocab.quantities["income.total"].period == "fiscal_year"
    assert len(vocab.claims) >= 20


def test_vocabulary_dirs_of_packs(tmp_path):
    (tmp_path / "school" / "vocabulary").mkdir(parents=True)
    found = vocabulary_dirs([rules_dir() / "national", rules_dir() / "keneng-2024", tmp_path / "school",
                             rules_dir() / "nowhere"])
    assert [d.parent.name for d in found] == ["national", "school"]  # keneng-2024 adds no prose vocabulary


def test_unknown_key_names_file_and_line(tmp_path):
    message = error_of(tmp_path, ("q.yaml", QUANTITIES + "    colour: red\n"))
    assert "q.yaml:7:" in message and "colour" in message


def test_unknown_top_level_key(tmp_path):
    message = error_of(tmp_path, ("q.yaml", QUANTITIES + "rules: []\n"))
    assert "q.yaml:7:" in message and "rules" in message


def test_bad_pattern_names_its_line(tmp_path):
    message = error_of(tmp_path, ("q.yaml", QUANTITIES),
                       ("c.yaml", "claims:\n  - say: 毕业生总数为 {graduates.total} 人\n  - say: 总数 {没有这个} 人\n"))
    assert "c.yaml:3:" in message and "没有这个" in message


def test_cells_belong_to_the_pack_quantities(tmp_path):
    """Where a quantity is printed in the tables is said once, in the pack's `quantities:`."""
    message = error_of(tmp_path, ("q.yaml", QUANTITIES),
                       ("cells.yaml", "# old style\ncells:\n  - {table: 附表1, row: 毕业生人数, quantity: graduates.total}\n"))
    assert "cells.yaml:2:" in message and "quantities:" in message


def test_duplicate_quantity(tmp_path):
    message = error_of(tmp_path, ("a.yaml", QUANTITIES), ("b.yaml", QUANTITIES))
    assert "b.yaml:2:" in message and "declared twice" in message


def test_yaml_syntax_error(tmp_path):
    message = error_of(tmp_path, ("q.yaml", "quantities:\n  - id: [unclosed\n"))
    assert "q.yaml:" in message and "invalid YAML" in message


def test_missing_path(tmp_path):
    with pytest.raises(RuleFileError, match="not found"):
        load_vocabulary([tmp_path / "absent"])


def test_report_pack_adds_to_national(tmp_path):
    extra = write(tmp_path, "extra.yaml", "quantities:\n  - {id: clubs.total, zh: 社团数, en: clubs, unit: 个}\n"
                                          "claims:\n  - say: 共有社团 {社团数} 个\n")
    vocab = load_vocabulary([national_vocabulary_dir(), extra])
    assert vocab.resolve("社团数") == "clubs.total" and vocab.claims[-1].line == 4
