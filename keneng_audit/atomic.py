"""Atomic file writes: the output appears complete or not at all, never half-written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from keneng_audit.errors import InputError


@contextlib.contextmanager
def atomic_write(path: str | Path, binary: bool = False, encoding: str = "utf-8") -> Iterator[IO]:
    """Yields a stream to a temporary file beside `path`; renames it over `path` only if the block succeeds."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"无法写入 {target}：目录 {folder} 不存在 / cannot write {target}: folder {folder} does not exist")
    if target.is_dir():
        raise InputError(f"无法写入 {target}：这是一个目录 / cannot write {target}: it is a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"无法写入 {target} / cannot write {target}: {exc.strerror}") from None
    try:
        # newline="" keeps writers that choose their own line endings (csv) byte-exact.
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline="")) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(target: Path) -> int:
    """Keeps an existing file's mode; a new file gets the usual 0666 minus the umask (mkstemp uses 0600)."""
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
