"""Safe writes: a file or folder appears complete or not at all, and never lands on an input or outside its target."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from keneng_audit.errors import InputError

STDOUT = "-"


def _say(zh: str, en: str) -> tuple[str, str]:
    return zh, en


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def refuse_inputs(target: Path, inputs: Iterable[str | Path]) -> None:
    """InputError when `target` is (a link to) one of the run's inputs: the output would destroy what it read."""
    own = _identity(target)
    if own is None:
        return
    for given in inputs:
        if _identity(Path(given)) == own:
            raise InputError(*_say(f"拒绝写入 {target}：它是本次运行的输入文件 {given}",
                                  f"refusing to write {target}: it is an input of this run ({given})"))


@contextlib.contextmanager
def atomic_write(path: str | Path, binary: bool = False, encoding: str = "utf-8",
                 inputs: Iterable[str | Path] = ()) -> Iterator[IO]:
    """Yields a stream for `path`; a regular file is written beside it and renamed over it only on success.

    `-` writes to stdout; a device, FIFO or socket is written through (renaming over `/dev/null` would replace
    it); a symbolic link is kept and its target replaced; a read-only file or any of `inputs` is refused.
    """
    if str(path) == STDOUT:
        yield from _to_stdout(binary, encoding)
        return
    target = Path(path)
    refuse_inputs(target, inputs)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    try:
        st = target.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(f"无法写入 {target}：{exc.strerror}", f"cannot write {target}: {exc.strerror}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError(f"无法写入 {target}：这是一个目录", f"cannot write {target}: it is a folder")
    if st is not None and not stat.S_ISREG(st.st_mode):
        yield from _through(target, binary, encoding)
        return
    if st is not None and not st.st_mode & 0o222:
        raise InputError(*_say(f"拒绝写入 {target}：文件只读", f"refusing to write {target}: the file is read-only"))
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"无法写入 {target}：目录 {folder} 不存在",
                         f"cannot write {target}: folder {folder} does not exist")
    with _signals_as_exit():
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise InputError(f"无法写入 {target}：{exc.strerror}", f"cannot write {target}: {exc.strerror}") from None
        try:
            # newline="" keeps writers that choose their own line endings (csv) byte-exact.
            with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline="")) as stream:
                yield stream
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(tmp, st.st_mode & 0o7777 if st is not None else _new_file_mode())
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def _to_stdout(binary: bool, encoding: str) -> Iterator[IO]:
    if binary:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    yield sys.stdout
    sys.stdout.flush()


def _through(target: Path, binary: bool, encoding: str) -> Iterator[IO]:
    """Writes straight into a device, FIFO or socket: there is nothing to rename and nothing to keep."""
    try:
        stream = open(target, "wb" if binary else "w", encoding=None if binary else encoding,  # noqa: SIM115
                      newline=None if binary else "")
    except OSError as exc:
        raise InputError(f"无法写入 {target}：{exc.strerror}", f"cannot write {target}: {exc.strerror}") from None
    with stream:
        yield stream


def _new_file_mode() -> int:
    """The usual 0666 minus the umask (mkstemp creates 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class _Terminated(SystemExit):
    """SIGTERM/SIGHUP while writing: unwinds like Ctrl-C, so the temporary file is removed, then exits 128+N."""


@contextlib.contextmanager
def _signals_as_exit() -> Iterator[None]:
    """While writing, a termination signal left at its default (which kills without cleanup) raises instead."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, object] = {}

    def stop(signum, frame):
        raise _Terminated(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def fresh_folder(out_dir: str | Path, inputs: Iterable[str | Path] = ()) -> Iterator[Path]:
    """Yields an empty new folder; on success it replaces `out_dir`, so no file of an earlier run is left over.

    `out_dir` may be missing, empty, or hold only regular `.csv` files (an earlier extract); anything else in it
    (other files, folders, symbolic links) is refused rather than deleted, as is a folder holding an input.
    """
    out = Path(out_dir)
    _check_replaceable(out, inputs)
    parent = out.parent if str(out.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise InputError(f"{out}: 无法创建输出目录（{exc.strerror}）",
                         f"{out}: cannot create the output folder ({exc.strerror})") from None
    with _signals_as_exit():
        try:
            yield tmp
            mode = out.stat().st_mode & 0o7777 if out.is_dir() else 0o777 & ~_umask()
            os.chmod(tmp, mode)
            old = None
            if out.exists():
                old = tmp.with_suffix(".old")  # beside the fresh folder, so no other name is taken
                os.replace(out, old)
            os.replace(tmp, out)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _check_replaceable(out: Path, inputs: Iterable[str | Path]) -> None:
    if out.is_symlink():
        raise InputError(*_say(f"拒绝写入 {out}：这是符号链接", f"refusing to write into {out}: it is a symbolic link"))
    if not out.exists():
        return
    if not out.is_dir():
        raise InputError(f"{out}: 不是目录", f"{out}: not a folder")
    resolved = out.resolve()
    for given in inputs:
        if resolved in Path(given).resolve().parents:
            raise InputError(*_say(f"拒绝写入 {out}：其中有本次运行的输入文件 {given}",
                                  f"refusing to replace {out}: it holds an input of this run ({given})"))
    for entry in os.scandir(out):
        if not (entry.is_file(follow_symlinks=False) and entry.name.lower().endswith(".csv")):
            raise InputError(*_say(f"拒绝替换 {out}：其中有并非此前导出的 CSV 的内容（{entry.name}）；请指定新目录或空目录",
                                  f"refusing to replace {out}: it holds more than an earlier extract's CSV files "
                                  f"({entry.name}); give a new or empty folder"))


__all__ = ["atomic_write", "fresh_folder", "refuse_inputs", "STDOUT"]
