"""Dataclass methods other than `__init__` compiled on their first call instead of when their class is defined.

Python 3.11 and 3.12 write each method a dataclass generates (`__init__`, `__repr__`, `__eq__`, `__hash__`, and
`__setattr__`/`__delattr__` for a frozen class) as source text and compile it while the class is defined, one
`exec` each, ≈ 0.05–0.1 ms apiece. A `check` defines ≈ 215 dataclasses (≈ 75 of ours; pandera's dtypes,
pydantic's and annotated_types' metadata): ≈ 1,000 methods, of which the ≈ 850 other than `__init__` cost
≈ 50 ms and are mostly never called (244 of our 330) (3.13 builds a class's methods in one go). Here such a method starts as a stand-in that, on its first
call, has `dataclasses` compile the very text it would have compiled with the class, puts that function on the
class in its place, and calls it: the same method, compiled later or never.

Only the console entry point installs it (`install()`, first, before any library is imported), never an importer
of the package; any other interpreter than CPython 3.11–3.12 (or a `dataclasses` whose helper has another
signature) keeps the usual behaviour.
"""

from __future__ import annotations

import dataclasses
import inspect
import sys

_DEFERRED = frozenset({"__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__",
                       "__lt__", "__le__", "__gt__", "__ge__"})
_SIGNATURE = ["name", "args", "body", "globals", "locals", "return_type"]
_original = None


def install() -> bool:
    """Defers the methods other than `__init__` of every dataclass defined from now on to their first call; True
    when installed."""
    global _original
    if _original is not None or not _supported():
        return False
    _original = dataclasses._create_fn
    dataclasses._create_fn = _create_fn
    return True


def uninstall() -> None:
    """Compiled at class creation again (tests); classes built meanwhile keep their stand-ins."""
    global _original
    if _original is not None:
        dataclasses._create_fn = _original
    _original = None


def _supported() -> bool:
    if sys.implementation.name != "cpython" or sys.version_info[:2] not in ((3, 11), (3, 12)):
        return False
    helper = getattr(dataclasses, "_create_fn", None)
    try:
        return helper is not None and list(inspect.signature(helper).parameters) == _SIGNATURE
    except (TypeError, ValueError):
        return False


def _create_fn(name, args, body, *, globals=None, locals=None, return_type=dataclasses.MISSING):
    """`dataclasses._create_fn`, except that the deferred methods are compiled when first called."""
    compile_now = _original
    if compile_now is None or name not in _DEFERRED:
        return (compile_now or dataclasses._create_fn)(name, args, body, globals=globals, locals=locals,
                                                        return_type=return_type)
    locals = dict(locals) if locals else None  # the caller shares one dict between __setattr__ and __delattr__
    compiled = None

    def method(*arguments, **keywords):
        nonlocal compiled
        if compiled is None:
            fresh = compile_now(name, args, body, globals=globals, locals=locals, return_type=return_type)
            fresh.__qualname__ = method.__qualname__
            compiled = fresh
            if arguments:
                _replace(type(arguments[0]), name, method, fresh)
        return compiled(*arguments, **keywords)

    method.__name__ = name
    method.__module__ = (globals or {}).get("__name__", method.__module__)  # as the compiled method's
    return method


def _replace(cls: type, name: str, stand_in, compiled) -> None:
    """Puts the compiled method where the stand-in is on the class (or a base): later calls go straight to it.
    `__repr__` is held by `dataclasses`' recursion guard, which calls the stand-in from its closure: the guard
    stays (with the reprs it is running) and calls the compiled method instead. A class whose metaclass forbids
    setting attributes keeps its stand-in, which keeps delegating."""
    for klass in cls.__mro__:
        held = klass.__dict__.get(name)
        if held is stand_in:
            try:
                setattr(klass, name, compiled)
            except (AttributeError, TypeError):
                pass
            return
        if held is not None and getattr(held, "__wrapped__", None) is stand_in:
            for cell in getattr(held, "__closure__", None) or ():
                try:
                    if cell.cell_contents is stand_in:
                        cell.cell_contents = compiled
                except ValueError:  # an empty cell
                    continue
            held.__wrapped__ = compiled
            return
