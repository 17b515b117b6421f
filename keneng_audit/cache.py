"""On-disk cache of validated rule packs and compiled vocabularies, keyed by their files' contents and our code.

Loading the bundled packs means importing PyYAML and validating ≈ 100 rules with pydantic (≈ 0.1 s per process);
a cached copy loads in a few ms. An entry is data only (JSON through `cache_codec`, never a pickle: a file planted
in the cache folder cannot run code), keyed by the content of every file it was built from, our version, the
Python and pydantic versions and the stamp of our own modules (so an edited checkout never reads an entry written
by other code). An entry that cannot be read (corrupt, truncated, written by other code, not ours, naming a class
that is not ours) is ignored and rebuilt; errors are never cached. Set KENENG_AUDIT_NO_CACHE=1 to switch the cache off, KENENG_AUDIT_CACHE_DIR to
move it (default: the user cache folder of platformdirs).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from keneng_audit import __version__
from keneng_audit.cache_codec import dumps, loads

T = TypeVar("T")

ENV_DISABLE = "KENENG_AUDIT_NO_CACHE"
ENV_DIR = "KENENG_AUDIT_CACHE_DIR"
FORMAT = 2  # bump when what is stored changes shape without a version change
KEEP = 8  # entries kept per kind (older ones, from edited packs, are removed)
_MAX_FILE = 64 * 1024 * 1024  # files larger than this are never hashed (the loaders refuse them anyway)
_PACKAGE = Path(__file__).resolve().parent
_stamp: str | None = None


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is off."""
    if os.environ.get(ENV_DISABLE, "").strip() not in ("", "0"):
        return None
    given = os.environ.get(ENV_DIR)
    if given:
        return Path(given)
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # an environment installed before the dependency was added: no cache, same results
        return None
    return Path(user_cache_dir("keneng-audit", appauthor=False))


def cached(kind: str, sources: Iterable[str | Path], build: Callable[[], T]) -> T:
    """The value `build()` returns for these source files and folders: from the cache when it holds it."""
    folder = cache_dir()
    key = _key(kind, sources) if folder is not None else None
    if key is None:
        return build()
    entry = folder / f"{kind}-{key}.json"
    value = _read(entry)
    if value is not None:
        return value
    value = build()
    _write(folder, kind, entry, value)
    return value


def files_of(sources: Iterable[str | Path]) -> list[Path] | None:
    """Every file under the given files and folders (recursively, sorted; hidden ones skipped); None if one is
    missing or unreadable, so that the loader itself reports it."""
    files: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files += sorted(Path(p) for p in _walk(str(path), ".yaml", ".yml", ".csv", ".txt", ".json", ".toml"))
        else:
            return None
    return files


def _walk(folder: str, *suffixes: str) -> list[str]:
    """Files under `folder` with these suffixes, hidden ones skipped; raises OSError when one cannot be listed."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(".") or entry.name == "__pycache__":
                continue
            if entry.is_dir():
                found += _walk(entry.path, *suffixes)
            elif entry.name.endswith(suffixes):
                found.append(entry.path)
    return found


def _key(kind: str, sources: Iterable[str | Path]) -> str | None:
    digest = hashlib.sha256()
    digest.update(f"{kind}\0{FORMAT}\0{__version__}\0{sys.version}\0{_versions()}\0{_code_stamp()}".encode())
    sources = list(sources)
    digest.update("\0".join(map(str, sources)).encode("utf-8", "surrogatepass"))  # as given: rule.file keeps it
    try:
        files = files_of(sources)
        if files is None:
            return None
        for file in files:
            with open(file, "rb") as stream:
                content = stream.read(_MAX_FILE + 1)
            if len(content) > _MAX_FILE:
                return None
            digest.update(f"\0{os.path.abspath(file)}\0{len(content)}\0".encode("utf-8", "surrogatepass"))
            digest.update(content)
    except (OSError, ValueError):
        return None
    return digest.hexdigest()[:32]


def _versions() -> str:
    import pydantic

    return f"pydantic {pydantic.VERSION}"


def _code_stamp() -> str:
    """Path, size and modification time of every module of ours: a changed class invalidates old entries."""
    global _stamp
    if _stamp is None:
        parts = []
        for file in sorted(_walk(str(_PACKAGE), ".py")):
            st = os.stat(file)
            parts.append(f"{file}:{st.st_size}:{st.st_mtime_ns}")
        _stamp = hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return _stamp


def read_private(path: Path, limit: int | None = None) -> bytes | None:
    """The file's bytes, or None: only a regular file of this user that no one else may write (and, with
    `limit`, of at most that many bytes) is read; a missing or unreadable one is None too."""
    try:
        # O_NONBLOCK: a FIFO planted at the path would block open() for ever; only a regular file is read
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as stream:
            st = os.fstat(stream.fileno())
            if not stat.S_ISREG(st.st_mode) or (limit is not None and st.st_size > limit):
                return None
            if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                return None
            return stream.read()
    except (OSError, ValueError):  # missing, unreadable, a path the system refuses
        return None


def write_private(folder: Path, kind: str, target: Path, data: bytes, keep: int = KEEP) -> None:
    """Writes `target` in `folder` atomically (the folder made private if new), then keeps only the `keep` newest
    files of this kind; a cache that cannot be written is simply not used."""
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.replace(tmp, target)
        tmp = None
        _prune(folder, kind, keep)
    except (OSError, ValueError):  # read-only home, full disk, a path the system refuses
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _read(entry: Path):
    """The entry's value, or None. Only a file of this user, writable by no one else, is read, and only as data."""
    data = read_private(entry)
    if data is None:
        return None
    try:
        return loads(data)
    except Exception:  # noqa: BLE001 - truncated, corrupt or stale: rebuilt by the caller
        return None


def _write(folder: Path, kind: str, entry: Path, value) -> None:
    """Stores the entry atomically; a value the codec cannot write is simply not cached."""
    try:
        data = dumps(value)
    except Exception:  # noqa: BLE001 - a value the codec cannot write: run without the cache
        return
    write_private(folder, kind, entry, data)


def _prune(folder: Path, kind: str, keep: int = KEEP) -> None:
    entries = sorted(folder.glob(f"{kind}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [*entries[keep:], *folder.glob(f"{kind}-*.pickle")]:  # pickles of older versions are never read
        with contextlib.suppress(OSError):
            old.unlink()
