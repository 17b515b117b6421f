"""Compiled regular expressions kept on disk between runs of the command: compiling ≈ 290 patterns costs ≈ 70 ms.

Python compiles a pattern in two steps: a slow one in Python (parse, then generate the matcher's code, a list of
integers) and a fast one in C (`_sre.compile`, which checks that code before use). No library keeps the first
step's result, so the command does: the code of every pattern it compiled (ours, and those of the libraries it
imports as they load: pandas, dateutil, email, … ≈ 100 more) is stored in the user cache folder,
keyed by the pattern text and flags, in a file named by the exact Python build (the code's format is CPython's,
private to a version). A later run hands the stored code straight to `_sre.compile`.

Only the console entry point installs it (`install()`, before the imports), never an importer of the package; an
interpreter whose internals differ from what this module expects, a damaged or foreign file, or any failure
falls back to Python's own compiler, so a pattern is always what `re.compile` would have built. The file is read
only if it belongs to this user and no one else may write it (like every cache entry); `_sre.compile` checks the
code it is given.
"""

from __future__ import annotations

import atexit
import base64
import hashlib
import json
import re
import sys
from array import array
from pathlib import Path

from keneng_audit.cache import read_private, write_private

_MAX_ENTRIES = 2_000  # more distinct patterns than this (older code's): keep only those of the run that saves
_MAX_FILE = 16 * 1024 * 1024
_OWN = ("keneng_audit",)  # the packages whose new patterns get the table written (the others' ride along)
_FORMAT = 3  # bump when an entry's shape or what a file holds changes (3: the libraries' patterns too)
_KEEP = 4  # regex files kept (this build's and the newest of other builds), the rest removed when one is written

# "flags:pattern" -> [flags, groups, groupindex, indexgroup, code (base64), digest of all of these and the key]
_table: dict[str, list] = {}
_used: set[str] = set()
_added = False
_file: Path | None = None
_original = None
# json.dumps with these options, without building an encoder per call (≈ 230 entries checked per run)
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


def install(folder: Path | None) -> bool:
    """Routes `re`'s compiler through the stored code in `folder` (None: off); True when installed."""
    global _file, _original
    if folder is None or _original is not None or not _supported():
        return False
    import _sre
    from re import _compiler

    _file = folder / f"regex-{_build_key(_sre.MAGIC, _sre.CODESIZE)}.json"
    _table.update(_read(_file))
    _original = _compiler.compile
    _compiler.compile = _compile
    atexit.register(save)
    return True


def uninstall() -> None:
    """Python's own compiler again (tests)."""
    global _original, _file, _added
    if _original is not None:
        from re import _compiler

        _compiler.compile = _original
        atexit.unregister(save)
    _original, _file, _added = None, None, False
    _table.clear()
    _used.clear()


def save() -> None:
    """Writes the table when this run compiled a pattern it did not hold (atomically; failures are ignored)."""
    global _added
    if not _added or _file is None:
        return
    _added = False
    table = dict(_table)  # one copy: another thread may still compile while the process ends
    if len(table) > _MAX_ENTRIES:
        table = {k: v for k, v in table.items() if k in _used}
    data = json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    write_private(_file.parent, "regex", _file, data, keep=_KEEP)  # files of other Python builds: the newest kept


def _compile(p, flags=0):
    """re._compiler.compile with the stored code: the same pattern object, without the Python half of the work."""
    if type(p) is not str or type(flags) is not int or flags & re.DEBUG:
        return _original(p, flags)
    key = f"{flags}:{p}"
    _used.add(key)
    stored = _table.get(key)
    if stored is not None:
        try:
            return _from_stored(key, p, stored)
        except Exception:  # noqa: BLE001 - a damaged entry: compiled afresh and replaced
            pass
    args = _arguments(p, flags)
    compiled = _sre_compile(p, *args)
    _store(key, args, _ours(sys._getframe(1)))
    return compiled


def _ours(frame) -> bool:
    """Whether the pattern comes from this package (past `re`'s own frames). Only ours make the table worth
    writing: some of other libraries' patterns are built from a set, whose order differs per process, so their
    text never repeats; they are stored with ours (those whose text does repeat are found by the next run)."""
    while frame is not None and frame.f_globals.get("__name__", "").partition(".")[0] in ("re", "functools"):
        frame = frame.f_back
    return frame is not None and frame.f_globals.get("__name__", "").partition(".")[0] in _OWN


def _arguments(p: str, flags: int) -> tuple:
    """What re._compiler.compile passes to _sre.compile besides the pattern (the same steps, CPython 3.11–3.13)."""
    from re import _compiler, _parser

    parsed = _parser.parse(p, flags)
    code = _compiler._code(parsed, flags)
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _sre_compile(p: str, flags: int, code: list, groups: int, groupindex: dict, indexgroup: tuple):
    import _sre

    return _sre.compile(p, flags, code, groups, groupindex, indexgroup)


def _store(key: str, args: tuple, ours: bool = True) -> None:
    global _added
    flags, code, groups, groupindex, indexgroup = args
    try:
        packed = base64.b64encode(array(_code_type(), code).tobytes()).decode("ascii")
    except (OverflowError, TypeError, ValueError):
        return
    entry = [flags, groups, dict(groupindex), list(indexgroup), packed]
    _table[key] = [*entry, _digest(key, entry)]
    _added = _added or ours


def _digest(key: str, entry: list) -> str:
    """Of the key and everything stored for it: a changed bit (a damaged disk, a half-written copy) is caught
    before `_sre.compile` sees code it would accept but match by differently."""
    text = _ENCODE([key, *entry])
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _from_stored(key: str, p: str, stored: list):
    flags, groups, groupindex, indexgroup, packed, digest = stored
    if type(digest) is not str or digest != _digest(key, stored[:5]):
        raise ValueError("damaged entry")
    if not (type(flags) is int and type(groups) is int and type(groupindex) is dict and type(indexgroup) is list
            and type(packed) is str and len(indexgroup) == groups + 1
            and all(type(k) is str and type(v) is int for k, v in groupindex.items())):
        raise ValueError("not an entry")
    code = array(_code_type())
    code.frombytes(base64.b64decode(packed, validate=True))
    return _sre_compile(p, flags, code.tolist(), groups, groupindex, tuple(indexgroup))


def _code_type() -> str:
    import _sre

    return "I" if _sre.CODESIZE == 4 else "H"


def _supported() -> bool:
    """CPython 3.11–3.13, with the internals `_arguments` reads, and a pattern built here equal to Python's own."""
    if sys.implementation.name != "cpython" or not (3, 11) <= sys.version_info[:2] <= (3, 13):
        return False
    try:
        from re import _compiler

        sample = r"(?P<a>\d+)\s*(?:万|亿)?元|(?i:x{2,3})$"
        ours = _sre_compile(sample, *_arguments(sample, 0))
        theirs = _compiler.compile(sample, 0)
        text = "经费 1200 万元 XX"
        return (ours.pattern, ours.flags, ours.groups, ours.groupindex) == \
            (theirs.pattern, theirs.flags, theirs.groups, theirs.groupindex) and \
            [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]
    except Exception:  # noqa: BLE001 - other internals: Python's compiler only
        return False


def _build_key(magic: int, codesize: int) -> str:
    build = f"{_FORMAT}\0{sys.version}\0{sys.implementation.cache_tag}\0{magic}\0{codesize}"
    return hashlib.sha256(build.encode()).hexdigest()[:16]


def _read(file: Path) -> dict:
    """The stored table, or nothing: only a file of this user that no one else may write, and only JSON data."""
    data = read_private(file, _MAX_FILE)
    try:
        table = json.loads(data) if data is not None else {}
    except ValueError:  # truncated or corrupt (also invalid UTF-8): compiled afresh and rewritten
        return {}
    return table if type(table) is dict else {}
