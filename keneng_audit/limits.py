"""Bounds on what one input may cost (bytes, counts, line length, time); each named, documented and raisable.

A limit is raised with `--limit KEY=N` or in the config file (`[tool.keneng-audit.limits]`, `KEY = N`). The
values in force travel to worker processes in an environment variable, so a batch obeys the same limits.
Exceeding one raises LimitError (an InputError: one line, exit 2) naming the limit and how to raise it.
"""

from __future__ import annotations

import _thread
import contextlib
import json
import os
import signal
import threading
import time
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from keneng_audit.errors import ConfigError, InputError

ENV = "KENENG_AUDIT_LIMITS"


@dataclass(frozen=True)
class Limit:
    """One limit: its default and what it bounds (Chinese, English)."""

    default: float
    zh: str
    en: str


LIMITS: dict[str, Limit] = {
    "input-mb": Limit(64, "报告文件大小（MB）", "size of a report file (MB)"),
    "text-mb": Limit(16, "文本报告大小（MB）", "size of a text report (MB)"),
    "docx-unzipped-mb": Limit(256, "DOCX 解压后大小（MB）", "decompressed size of a DOCX (MB)"),
    "docx-xml-mb": Limit(32, "DOCX 中 XML 部分解压后大小（MB）", "decompressed size of a DOCX's XML parts (MB)"),
    "docx-members": Limit(5000, "DOCX 压缩包成员数", "files inside a DOCX"),
    "pdf-pages": Limit(400, "PDF 页数", "pages of a PDF"),
    "pdf-stream-mb": Limit(64, "PDF 单个数据流解压后大小（MB）", "decompressed size of one PDF stream (MB)"),
    "table-cells": Limit(50_000, "一张表的单元格数", "cells of one table"),
    "grid-span": Limit(1000, "Word 表格单元格跨列数（gridSpan）", "columns one Word cell spans (gridSpan)"),
    "numbering-value": Limit(100_000, "Word 自动编号的数值", "a Word list number"),
    "line-chars": Limit(1_000_000, "一行的字符数", "characters in one line"),
    "cell-chars": Limit(2000, "一个表格单元格的字符数", "characters in one table cell"),
    "rules-mb": Limit(1, "规则文件大小（MB）", "size of a rule file (MB)"),
    "time-s": Limit(60, "每份报告的核查时间（秒）", "seconds to audit one report"),
}

_current: dict[str, float] | None = None


class LimitError(InputError):
    """An input exceeds a limit; the message names the limit, its value and how to raise it."""

    def __init__(self, key: str, found: float | None = None):
        self.key = key
        limit = get(key)
        what = LIMITS[key]
        seen = f"{_number(found)} > " if found is not None else ""
        super().__init__(f"超出上限 {key}（{what.zh}：{seen}{_number(limit)}），可用 --limit {key}=N 提高",
                         f"exceeds the limit {key} ({what.en}: {seen}{_number(limit)}); raise it with --limit {key}=N")


class Exceeded(BaseException):
    """Raised inside a library callback (pdfminer, a timer): a BaseException, so the library's own
    `except Exception` cannot swallow it; `reading` turns it into a LimitError."""

    def __init__(self, key: str, found: float | None = None):
        super().__init__(key, found)
        self.key, self.found = key, found


def _number(value: float) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def current() -> dict[str, float]:
    """The limits in force: the defaults, overridden by what `configure` (here or in a parent process) set."""
    global _current
    if _current is None:
        values = {key: limit.default for key, limit in LIMITS.items()}
        with contextlib.suppress(ValueError, TypeError, ConfigError):  # a stray variable is not our setting
            values.update(validated(json.loads(os.environ.get(ENV, "{}"))))
        _current = values
    return _current


def get(key: str) -> float:
    return current()[key]


def validated(overrides: Mapping[str, object]) -> dict[str, float]:
    values: dict[str, float] = {}
    for key, value in overrides.items():
        if key not in LIMITS:
            raise ConfigError(f"limits: 没有上限 {key!r}（可用：{', '.join(LIMITS)}）",
                              f"limits: unknown limit {key!r} (known: {', '.join(LIMITS)})")
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ConfigError(f"limits: {key} 应为数字，而不是 {value!r}",
                              f"limits: {key} must be a number, not {value!r}") from None
        if not number > 0 or number == float("inf"):
            raise ConfigError(f"limits: {key} 应为正数，而不是 {value!r}",
                              f"limits: {key} must be a positive number, not {value!r}")
        values[key] = int(number) if number.is_integer() else number
    return values


def parse_options(given: tuple[str, ...] | list[str]) -> dict[str, float]:
    """`("time-s=120", "pdf-pages=800")` → {"time-s": 120, "pdf-pages": 800}; ConfigError when malformed."""
    pairs = {}
    for item in given:
        key, sep, value = item.partition("=")
        if not sep:
            raise ConfigError(f"--limit {item!r}：应写作 KEY=N（KEY 可为：{', '.join(LIMITS)}）",
                              f"--limit {item!r}: expected KEY=N (keys: {', '.join(LIMITS)})")
        pairs[key.strip()] = value.strip()
    return validated(pairs)


def configure(overrides: Mapping[str, object]) -> dict[str, float]:
    """Sets the limits of this process and of the worker processes it starts; returns the limits in force."""
    global _current
    values = {key: limit.default for key, limit in LIMITS.items()}
    values.update(validated(overrides))
    _current = values
    changed = {k: v for k, v in values.items() if v != LIMITS[k].default}
    if changed:
        os.environ[ENV] = json.dumps(changed)
    else:
        os.environ.pop(ENV, None)
    return values


def check(key: str, found: float) -> None:
    """LimitError when `found` exceeds the limit `key`."""
    if found > get(key):
        raise LimitError(key, found)


def megabytes(key: str) -> int:
    """A size limit in bytes."""
    return int(get(key) * 2**20)


@contextlib.contextmanager
def reading(path: str) -> Iterator[None]:
    """Reports a limit exceeded while reading `path` as one InputError line that starts with the path."""
    try:
        yield
    except LimitError as exc:
        raise InputError(f"{path}: {exc.zh}", f"{path}: {exc.en}") from None
    except Exceeded as exc:
        error = LimitError(exc.key, exc.found)
        raise InputError(f"{path}: {error.zh}", f"{path}: {error.en}") from None


class _TimeUp(BaseException):
    """The time limit ran out; a BaseException so that no `except Exception` inside the audit can keep it."""


@contextlib.contextmanager
def time_limit(path: str) -> Iterator[None]:
    """Stops the block after `time-s` seconds with a LimitError.

    No SIGALRM (Windows has none): a timer thread interrupts the main thread as Ctrl-C would, and a handler
    installed for the block tells the two apart. Like any signal in Python, it takes effect between two
    bytecodes; the other limits keep every single step (a regex, a table) short.
    """
    seconds = get("time-s")
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    lock = threading.Lock()
    state = {"active": True, "fired": False}
    previous = signal.getsignal(signal.SIGINT)

    def on_interrupt(signum, frame):
        if state["fired"]:
            raise _TimeUp
        if callable(previous):
            previous(signum, frame)
        elif previous != signal.SIG_IGN:
            raise KeyboardInterrupt

    def expire():
        with lock:
            if state["active"]:
                state["fired"] = True
                _thread.interrupt_main()

    signal.signal(signal.SIGINT, on_interrupt)
    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        try:
            yield
        finally:
            with lock:
                state["active"] = False
            timer.cancel()
            if state["fired"]:  # the interrupt may still be pending: take it here, under our handler
                with contextlib.suppress(_TimeUp):
                    for _ in range(3):
                        time.sleep(0)
            signal.signal(signal.SIGINT, previous)
    except _TimeUp:
        error = LimitError("time-s")
        raise InputError(f"{path}: {error.zh}", f"{path}: {error.en}") from None


class BoundedZlib:
    """A stand-in for the `zlib` module inside a library (pdfminer): inflating stops at the limit `key`.

    A 1.5 MB PDF stream can inflate to gigabytes; zlib.decompress has no bound of its own."""

    error = zlib.error

    def __init__(self, key: str):
        self.key = key

    def __getattr__(self, name: str):
        return getattr(zlib, name)

    def decompress(self, data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = zlib.DEF_BUF_SIZE) -> bytes:
        inflater = zlib.decompressobj(wbits)
        out = self._bounded(inflater.decompress(data, megabytes(self.key) + 1))
        if not inflater.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def decompress_corrupted(self, data: bytes) -> bytes:
        """Inflates a stream whose last bytes (the checksum) are damaged: the body in one bounded call, only the
        tail byte by byte (pdfminer feeds every byte alone, which is quadratic)."""
        inflater = zlib.decompressobj()
        head, tail = data[:-8], data[-8:]
        out = self._bounded(inflater.decompress(head, megabytes(self.key) + 1))
        for k in range(len(tail)):
            try:
                out += self._bounded(inflater.decompress(tail[k:k + 1], megabytes(self.key) + 1))
            except zlib.error:
                break
        return self._bounded(out)

    def _bounded(self, out: bytes) -> bytes:
        if len(out) > megabytes(self.key):
            raise Exceeded(self.key)
        return out
