"""Dataclass methods compiled on first call: the same behaviour as compiled with the class."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import types
from pathlib import Path

import pytest

from keneng_audit import lazy_methods

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not lazy_methods._supported(), reason="CPython 3.11-3.12 only")

SOURCE = '''
from __future__ import annotations
from dataclasses import dataclass, field

@dataclass(frozen=True, order=True)
class Point:
    """A frozen, ordered record."""
    x: int
    label: str = "p"
    tags: tuple = field(default=(), compare=False)

@dataclass
class Box:
    """A mutable record holding another."""
    inner: Point | None = None
    items: list = field(default_factory=list)
'''


def _module(name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    sys.modules[name] = module
    try:
        exec(compile(SOURCE, f"<{name}>", "exec"), module.__dict__)
    finally:
        del sys.modules[name]
    return module


@pytest.fixture
def hooked():
    """The same classes built with the stand-ins, and as Python builds them."""
    lazy_methods.uninstall()
    plain = _module("lazy_probe_plain")
    assert lazy_methods.install()
    try:
        yield _module("lazy_probe_hooked"), plain
    finally:
        lazy_methods.uninstall()


def _compiled(cls: type, name: str) -> bool:
    function = cls.__dict__[name]
    function = getattr(function, "__wrapped__", function)
    return function.__code__.co_name == name


def _behaviour(m: types.ModuleType):
    p1, p1b, p2 = m.Point(1), m.Point(1), m.Point(2, "q", ("t",))
    errors = []
    for action in (lambda: setattr(p1, "x", 5), lambda: delattr(p1, "x"), lambda: setattr(p1, "other", 1)):
        with pytest.raises(dataclasses.FrozenInstanceError) as caught:
            action()
        errors.append(str(caught.value))
    box = m.Box(p1, [1])
    box.items = [2]  # a mutable dataclass takes assignments
    return [repr(p1), repr(p2), repr(box), p1 == p1b, p1 != p2, p1 == (1, "p"), hash(p1) == hash(p1b),
            hash(p1), p1 < p2, p2 >= p1, sorted([p2, p1]) == [p1, p2], errors, box == m.Box(m.Point(1), [2]),
            m.Box.__hash__]


def test_methods_start_as_stand_ins_and_behave_as_compiled_at_import(hooked):
    ours, plain = hooked
    for name in ("__eq__", "__hash__", "__setattr__", "__delattr__", "__lt__"):
        assert not _compiled(ours.Point, name), name  # not compiled yet
        assert _compiled(plain.Point, name), name
    assert _compiled(ours.Point, "__init__")  # every instance needs it: built as usual
    assert _behaviour(ours) == _behaviour(plain)


def test_the_compiled_method_takes_the_stand_ins_place_after_its_first_call(hooked):
    ours, _ = hooked

    class Sub(ours.Point):  # not a dataclass: inherits the stand-ins, whose first call fixes the base
        pass

    assert Sub(1) == Sub(1)
    assert _compiled(ours.Point, "__eq__") and "__eq__" not in Sub.__dict__
    assert not _compiled(ours.Point, "__hash__")
    assert hash(ours.Point(3)) == hash((3, "p"))
    assert _compiled(ours.Point, "__hash__")
    assert ours.Point.__eq__.__qualname__ == "Point.__eq__"
    assert repr(Sub(4)).endswith(".Sub(x=4, label='p', tags=())")
    guard = ours.Point.__dict__["__repr__"]  # dataclasses' recursion guard: now calls the compiled method
    assert guard.__wrapped__.__code__.co_name == "__repr__"
    assert [c.cell_contents.__code__.co_name for c in guard.__closure__ if callable(c.cell_contents)] == ["__repr__"]


def test_a_structure_holding_itself_reprs_as_before_on_the_first_call(hooked):
    """The guard keeps the reprs it is running when its method is compiled mid-way: `...` at the same depth."""
    ours, plain = hooked
    texts = []
    for m in (ours, plain):
        box = m.Box()
        box.items = [box, m.Box(items=[box])]
        texts.append(repr(box))
    assert texts[0] == texts[1]
    assert texts[0].count("...") == 2


def test_the_stand_ins_say_where_they_belong(hooked):
    ours, _ = hooked
    assert ours.Point.__eq__.__module__ == ours.Point.__repr__.__module__ == "lazy_probe_hooked"


def test_a_class_that_forbids_setting_attributes_keeps_delegating(hooked):
    class Sealed(type):
        def __setattr__(cls, name, value):
            if cls.__dict__.get("sealed"):
                raise AttributeError(f"{cls.__name__} is sealed")
            super().__setattr__(name, value)

    source = ("from dataclasses import dataclass\n"
              "@dataclass(frozen=True)\nclass A(metaclass=Sealed):\n    x: int\n"
              "type.__setattr__(A, 'sealed', True)\n")
    module = types.ModuleType("lazy_probe_sealed")
    module.Sealed = Sealed
    sys.modules[module.__name__] = module
    try:
        exec(compile(source, "<sealed>", "exec"), module.__dict__)
    finally:
        del sys.modules[module.__name__]
    a = module.A
    assert a(1) == a(1) and a(1) != a(2) and hash(a(1)) == hash((1,))
    assert not _compiled(a, "__eq__")  # still the stand-in, which delegates


def test_installed_once_and_removed_cleanly():
    lazy_methods.uninstall()
    original = dataclasses._create_fn
    try:
        assert lazy_methods.install()
        assert not lazy_methods.install()
        assert dataclasses._create_fn is lazy_methods._create_fn
    finally:
        lazy_methods.uninstall()
    assert dataclasses._create_fn is original
    module = _module("lazy_probe_after")
    assert _compiled(module.Point, "__eq__")  # no hook: compiled with the class


def test_another_interpreter_or_helper_keeps_pythons_way(monkeypatch):
    lazy_methods.uninstall()
    monkeypatch.setattr(sys, "version_info", (3, 13, 0, "final", 0))
    assert not lazy_methods._supported()
    monkeypatch.undo()
    monkeypatch.setattr(dataclasses, "_create_fn", lambda name, args, body: None)
    assert not lazy_methods._supported()
    assert not lazy_methods.install()


def test_the_command_with_stand_ins_writes_the_same_output(tmp_path):
    """The entry point (stand-ins, stored patterns) and the plain CLI (neither) give the same bytes."""
    outputs = []
    for k, code in enumerate(("from keneng_audit.startup import main; main()",
                              "from keneng_audit.cli import main; main()")):
        out = tmp_path / f"out{k}.json"
        done = subprocess.run([sys.executable, "-c", f"import sys; sys.argv[0] = 'keneng-audit'; {code}",
                               "check", "--format", "json", "-o", str(out)],
                              cwd=ROOT, capture_output=True, text=True,
                              env={"PATH": "/usr/bin:/bin", "KENENG_AUDIT_CACHE_DIR": str(tmp_path / "cache")})
        assert done.returncode == 1, done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert b'"findings"' in outputs[0]


def test_the_command_defers_its_libraries_methods_too():
    """Installed first, before any library loads: pandera's dtypes (frozen dataclasses) start with stand-ins, and
    pandera works with them."""
    code = ("from keneng_audit import lazy_methods; assert lazy_methods.install()\n"
            "import pandera.pandas as pa, pandas as pd\n"
            "from pandera.engines import pandas_engine\n"
            "eq = pandas_engine.INT64.__dict__['__eq__']\n"
            "print(eq.__code__.co_name)\n"
            "pa.DataFrameSchema({'a': pa.Column(int, pa.Check.ge(0))}).validate(pd.DataFrame({'a': [1, 2]}))\n"
            "print(pandas_engine.Engine.dtype(int) == pandas_engine.Engine.dtype('int64') != pandas_engine.INT64(), "
            "pandas_engine.INT64.__dict__['__eq__'].__code__.co_name)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["method", "True", "__eq__"]
