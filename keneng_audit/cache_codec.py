"""Data-only JSON encoding of cached values: our dataclasses and pydantic models, containers, paths and regexes.

The on-disk cache must never run code from a file (a pickle can): this codec writes plain JSON and reads back
only what it wrote. Every object is a tagged JSON value; on reading, a class is accepted only when it is one of
keneng_audit's own dataclasses or pydantic models (looked up by module and name, never a module outside the
package nor one that does something when imported), and only with the fields the class declares, all of them
that it requires. Anything else raises `CodecError` and the caller rebuilds the value from the source files.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import re
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

from pydantic import BaseModel

_PACKAGE = "keneng_audit"
_MODULE = re.compile(r"keneng_audit(\.[a-z][a-z0-9_]*)*")
_NOT_IMPORTED = ("keneng_audit.__main__",)  # modules that act when imported: only looked up if already loaded
_MAX_DEPTH = 200
_CLASSES: dict[str, type] = {}  # names already looked up and accepted
_FIELDS: dict[type, frozenset[str]] = {}


class CodecError(ValueError):
    """A value that cannot be written as data, or a file that is not what this codec writes."""


def dumps(value) -> bytes:
    """`value` as UTF-8 JSON; raises CodecError for anything but the supported types."""
    return json.dumps(_enc(value, 0), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes):
    """The value `dumps` wrote; raises CodecError for anything else (malformed, unknown tag or class)."""
    try:
        return json.loads(data.decode("utf-8"), object_hook=_node)
    except CodecError:
        raise
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise CodecError(f"not JSON: {exc.__class__.__name__}") from None


def _enc(v, depth: int):
    if depth > _MAX_DEPTH:
        raise CodecError("nested too deeply")
    if v is None or isinstance(v, (bool, int, float, str)):
        if type(v) not in (bool, int, float, str, type(None)):  # an IntEnum or str subclass would come back plain
            raise CodecError(f"cannot encode {type(v).__name__}")
        return v
    d = depth + 1
    if type(v) is list:
        return [_enc(x, d) for x in v]
    if type(v) is tuple:
        return {"t": [_enc(x, d) for x in v]}
    if type(v) is dict:  # JSON objects are tagged nodes only: a mapping is a list of pairs
        return {"d": [[_enc(k, d), _enc(x, d)] for k, x in v.items()]}
    if type(v) in (set, frozenset):
        return {"s" if type(v) is set else "f": [_enc(x, d) for x in v]}
    if isinstance(v, (Path, PurePosixPath, PureWindowsPath)):
        return {"p": str(v)}
    if isinstance(v, re.Pattern):
        if not isinstance(v.pattern, str):
            raise CodecError("bytes pattern")
        return {"re": v.pattern, "fl": v.flags}
    if isinstance(v, BaseModel):
        cls = type(v)
        if v.__pydantic_extra__ or v.__pydantic_private__ or cls.__private_attributes__:
            raise CodecError(f"{cls.__name__}: extra or private attributes")
        fields = [[name, _enc(getattr(v, name), d)] for name in cls.model_fields]
        return {"m": _name(cls), "v": fields, "set": sorted(v.model_fields_set)}
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        cls = type(v)
        fields = [[f.name, _enc(getattr(v, f.name), d)] for f in dataclasses.fields(v) if f.init]
        return {"c": _name(cls), "v": fields}
    raise CodecError(f"cannot encode {type(v).__name__}")


def _name(cls: type) -> str:
    if not _MODULE.fullmatch(cls.__module__) or "<" in cls.__qualname__:
        raise CodecError(f"not one of ours: {cls.__module__}.{cls.__qualname__}")
    return f"{cls.__module__}:{cls.__qualname__}"


def _node(t: dict):
    """One tagged JSON object, its contents already decoded (json calls this innermost first)."""
    if len(t) == 1:
        tag, body = next(iter(t.items()))
        if tag == "t" and type(body) is list:
            return tuple(body)
        if tag == "d" and _pairs(body):
            return {_hashable(k): x for k, x in body}
        if tag in ("s", "f") and type(body) is list:
            items = [_hashable(x) for x in body]
            return set(items) if tag == "s" else frozenset(items)
        if tag == "p" and type(body) is str:
            return Path(body)
    elif len(t) == 2 and type(t.get("re")) is str and type(t.get("fl")) is int:
        try:
            return re.compile(t["re"], t["fl"] & ~re.UNICODE)  # str patterns carry UNICODE implicitly
        except (re.error, ValueError, TypeError, OverflowError) as exc:
            raise CodecError(f"bad pattern: {exc}") from None
    elif len(t) == 2 and type(t.get("c")) is str and _pairs(t.get("v"), named=True):
        return _dataclass(_class(t["c"]), dict(t["v"]))
    elif len(t) == 3 and type(t.get("m")) is str and _pairs(t.get("v"), named=True) and type(t.get("set")) is list \
            and all(type(n) is str for n in t["set"]):
        return _model(_class(t["m"]), dict(t["v"]), set(t["set"]))
    raise CodecError(f"unknown node {sorted(t)[:3]}")


def _pairs(body, named: bool = False) -> bool:
    return type(body) is list and all(type(p) is list and len(p) == 2 and (not named or type(p[0]) is str)
                                      for p in body)


def _hashable(v):
    try:
        hash(v)
    except TypeError:
        raise CodecError("unhashable key") from None
    return v


def _class(name: str) -> type:
    cls = _CLASSES.get(name)
    if cls is None:
        cls = _CLASSES[name] = _lookup(name)
    return cls


def _lookup(name: str) -> type:
    module_name, _, qualname = name.partition(":")
    if not _MODULE.fullmatch(module_name) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*",
                                                               qualname):
        raise CodecError(f"not one of ours: {name}")
    module = sys.modules.get(module_name)
    if module is None:
        if module_name in _NOT_IMPORTED:
            raise CodecError(f"not one of ours: {name}")
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            raise CodecError(f"no module {module_name}") from None
    obj = module
    for part in qualname.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            raise CodecError(f"no class {name}")
    if not isinstance(obj, type) or obj.__module__ != module_name:
        raise CodecError(f"not a class of {module_name}: {qualname}")
    if not (issubclass(obj, BaseModel) or dataclasses.is_dataclass(obj)):
        raise CodecError(f"neither a dataclass nor a model: {name}")
    return obj


def _dataclass(cls: type, values: dict):
    if not dataclasses.is_dataclass(cls) or values.keys() != _fields(cls):  # exactly what the encoder writes
        raise CodecError(f"{cls.__name__}: fields do not match")
    try:
        return cls(**values)
    except (TypeError, ValueError) as exc:
        raise CodecError(f"{cls.__name__}: {exc}") from None


def _fields(cls: type) -> frozenset[str]:
    names = _FIELDS.get(cls)
    if names is None:
        if issubclass(cls, BaseModel):
            names = frozenset(cls.model_fields)
        else:
            names = frozenset(f.name for f in dataclasses.fields(cls) if f.init)
        _FIELDS[cls] = names
    return names


def _model(cls: type[BaseModel], values: dict, fields_set: set[str]):
    """The model as it was when the entry was written: every field it declares, the same fields set; built the
    way pydantic unpickles a model. Its validators are not run again (a model built with defer_build would build
    them: the start-up cost the cache saves); the values come from our own validated build and are checked to be
    exactly the fields the model declares."""
    if not issubclass(cls, BaseModel) or cls.__private_attributes__:
        raise CodecError(f"{cls.__name__}: not a plain model")
    if values.keys() != _fields(cls) or not fields_set <= values.keys():
        raise CodecError(f"{cls.__name__}: fields do not match")
    model = cls.__new__(cls)
    model.__setstate__({"__dict__": values, "__pydantic_fields_set__": fields_set, "__pydantic_extra__": None,
                        "__pydantic_private__": None})
    return model
