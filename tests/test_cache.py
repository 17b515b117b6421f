"""The on-disk cache of rule packs and vocabularies: hit, rebuilt when a file changes, corrupt entries ignored."""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
from pathlib import Path

import pytest

from keneng_audit import audit, cache, cache_codec
from keneng_audit.resources import rules_dir


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(folder))
    monkeypatch.delenv(cache.ENV_DISABLE, raising=False)
    return folder


def _builder(calls, value="built"):
    def build():
        calls.append(1)
        return value
    return build


def test_second_call_is_served_from_disk_and_an_edit_rebuilds(cache_dir, tmp_path):
    source = tmp_path / "pack.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    calls: list = []
    assert cache.cached("t", [source], _builder(calls, {"v": 1})) == {"v": 1}
    assert cache.cached("t", [source], _builder(calls, {"v": 2})) == {"v": 1} and len(calls) == 1
    source.write_text("a: 2\n", encoding="utf-8")
    assert cache.cached("t", [source], _builder(calls, {"v": 3})) == {"v": 3} and len(calls) == 2


@pytest.mark.parametrize("damage", [b"", b"not json", b'{"d": [["v", 1]]', b'{"x": 1}', b'{"t": 1}',
                                    b'{"c": "keneng_audit.rules.model:Origin", "v": [["bogus", 1]]}',
                                    pickle.dumps({"v": 1})])
def test_a_corrupt_entry_is_ignored_and_rebuilt(cache_dir, tmp_path, damage):
    source = tmp_path / "pack.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    cache.cached("t", [source], _builder([], {"v": 1}))
    [entry] = cache_dir.glob("t-*.json")
    entry.write_bytes(damage)
    calls: list = []
    assert cache.cached("t", [source], _builder(calls, {"v": 9})) == {"v": 9} and calls == [1]
    assert cache_codec.loads(entry.read_bytes()) == {"v": 9}


def test_an_entry_others_can_write_is_not_trusted(cache_dir, tmp_path):
    source = tmp_path / "pack.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    cache.cached("t", [source], _builder([], "old"))
    [entry] = cache_dir.glob("t-*.json")
    os.chmod(entry, 0o666)
    calls: list = []
    assert cache.cached("t", [source], _builder(calls, "new")) == "new" and calls == [1]


def test_switched_off_by_the_environment(cache_dir, tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_DISABLE, "1")
    source = tmp_path / "pack.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    calls: list = []
    cache.cached("t", [source], _builder(calls))
    cache.cached("t", [source], _builder(calls))
    assert calls == [1, 1] and not cache_dir.exists()


def test_a_missing_source_is_left_to_the_loader(cache_dir, tmp_path):
    calls: list = []
    cache.cached("t", [tmp_path / "missing.yaml"], _builder(calls))
    assert calls == [1] and not list(cache_dir.glob("*.json")) if cache_dir.exists() else calls == [1]


def test_cached_packs_equal_freshly_loaded_ones(cache_dir, tmp_path, monkeypatch):
    user = tmp_path / "user.yaml"
    shutil.copy(rules_dir() / "keneng-2024" / "40-employment.yaml", user)
    user.write_text(user.read_text(encoding="utf-8").replace("KA", "KX"), encoding="utf-8")
    try:
        first = audit.load_rules([user])
    except Exception:  # the pack's layout changed: the bundled packs alone still show it
        user = None
        first = audit.load_rules()
    paths = [user] if user else []
    assert list(cache_dir.glob("packs-*.json"))
    second = audit.load_rules(paths)
    monkeypatch.setenv(cache.ENV_DISABLE, "1")
    fresh = audit.load_rules(paths)
    assert second == fresh == first
    assert second is not first


class _Planted:
    """What an attacker pickles: unpickling it runs a command (here: writes a marker file)."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_planted_pickle_is_never_run(cache_dir, tmp_path):
    source = tmp_path / "pack.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    cache.cached("t", [source], _builder([], {"v": 1}))
    [entry] = cache_dir.glob("t-*.json")
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Planted(marker))
    pickle.loads(payload)  # the payload works: unpickled, it writes the marker
    assert marker.exists()
    marker.unlink()
    entry.write_bytes(payload)  # in the entry itself and beside it under the old name
    entry.with_suffix(".pickle").write_bytes(payload)
    calls: list = []
    assert cache.cached("t", [source], _builder(calls, {"v": 2})) == {"v": 2} and calls == [1]
    assert not marker.exists()
    assert not entry.with_suffix(".pickle").exists()  # old pickles are removed, never read


@pytest.mark.parametrize("planted", [
    {"c": "os:system", "v": [["command", "touch ran"]]},
    {"c": "subprocess:Popen", "v": []},
    {"c": "keneng_audit.__main__:main", "v": []},
    {"c": "keneng_audit.rules.model:re", "v": []},  # a module attribute that is not one of our classes
    {"m": "builtins:object", "v": [], "set": []},
    {"m": "keneng_audit.rules.model:QuantityRef", "v": [["quantity", "x"]], "set": []},  # fields missing
    {"c": "keneng_audit.rules.model:Origin", "v": [["kind", "user"], ["why", None], ["extra", 1]]},
])
def test_a_planted_entry_naming_other_code_is_refused(cache_dir, tmp_path, planted):
    source = tmp_path / "pack.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    cache.cached("t", [source], _builder([], {"v": 1}))
    [entry] = cache_dir.glob("t-*.json")
    entry.write_text(json.dumps({"t": [planted]}), encoding="utf-8")
    with pytest.raises(cache_codec.CodecError):
        cache_codec.loads(entry.read_bytes())
    calls: list = []
    assert cache.cached("t", [source], _builder(calls, "rebuilt")) == "rebuilt" and calls == [1]
    assert not (tmp_path / "ran").exists()


def test_the_codec_gives_back_what_it_wrote():
    from keneng_audit.rules.model import QuantityRef, inferred

    value = {"a": (1, 2.5, None, True), 3: [frozenset({"x"}), {"y"}], "p": Path("/x/y"), "r": re.compile("a+", re.I),
             "o": inferred("中文", "why"), "q": QuantityRef(quantity="graduates.total")}
    back = cache_codec.loads(cache_codec.dumps(value))
    assert back == value
    assert back["q"].model_fields_set == {"quantity"}
    with pytest.raises(cache_codec.CodecError):
        cache_codec.dumps(object())
