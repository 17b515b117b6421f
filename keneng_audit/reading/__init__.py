"""Reads a report file (text, DOCX or PDF, chosen by content) into a Document."""

from __future__ import annotations

import gc
import importlib
import stat
from pathlib import Path

from keneng_audit import limits
from keneng_audit.document import Document, SourceRef
from keneng_audit.errors import InputError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_BINARY_SUFFIXES = {".docx": "DOCX", ".pdf": "PDF"}
# A report's text is well under 1 MB (the sample: 150 KB); far beyond that it is not a report, and reading it
# would take minutes and gigabytes. The bound is the limit `text-mb` (keneng_audit.limits); this is its default.
MAX_TEXT_BYTES = int(limits.LIMITS["text-mb"].default * 2**20)


def read_report(path: str | Path) -> Document:
    """Reads a report, choosing the reader by the file's content rather than its name."""
    name = str(path)
    with limits.reading(name):
        data = read_bounded(Path(path))
        if not data.strip():
            raise InputError(f"{name}: 文件为空 / the file is empty")
        if data.startswith(b"%PDF"):
            return _reader("pdf", "read_pdf", "PDF")(name, data)
        if data.startswith(b"PK\x03\x04"):
            doc = _reader("docx", "read_docx", "DOCX")(name, data)
            # python-docx's objects refer to each other (document, part, package), so the file's XML trees are freed
            # only by a full collection, which the collector's thresholds put off for dozens of reports: ≈ 8 MB
            # per DOCX report kept in a batch worker. Collected here, once the reader has let go of them.
            gc.collect()
            return doc
        if data.startswith(_OLE_MAGIC):
            raise InputError(f"{name}: 这是旧版 .doc/.xls 文件，不是 DOCX，请另存为 .docx / an old .doc/.xls file, not DOCX: save it as .docx")
        suffix = Path(name).suffix.lower()
        if suffix in _BINARY_SUFFIXES:  # a text file named .docx/.pdf is a mistake or a trick, not a report
            label = _BINARY_SUFFIXES[suffix]
            raise InputError(f"{name}: 文件名是 {suffix}，内容却不是 {label} / named {suffix} but not a {label} file")
        return read_text(name, data)


def read_bounded(path: Path) -> bytes:
    """The file's bytes, read no further than the input-size limit; devices, FIFOs and sockets are refused
    (`/dev/zero` never ends, a FIFO blocks)."""
    name = str(path)
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{name}: 是目录而不是文件 / is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{name}: 不是普通文件（设备、管道或套接字）/ not a regular file (a device, FIFO or socket)")
        limits.check("input-mb", st.st_size / 2**20)
        bound = limits.megabytes("input-mb")
        with path.open("rb") as stream:
            data = stream.read(bound + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: 文件不存在 / no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: 是目录而不是文件 / is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{name}: 无法读取 / cannot be read ({exc.strerror})") from None
    limits.check("input-mb", len(data) / 2**20)  # the file grew while we read it
    return data


def read_text(path: str, data: bytes) -> Document:
    """Reads a PDF-to-text style report from its bytes."""
    from keneng_audit.reading.decode import decode_text
    from keneng_audit.reading.text import read_text_lines

    with limits.reading(path):
        limits.check("text-mb", len(data) / 2**20)
        text = decode_text(path, data)
        # Split on newlines only: a form feed (page break) stays inside its line, so line numbers match editors.
        raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if raw and raw[-1] == "":
            raw.pop()
        limits.check("line-chars", max(map(len, raw), default=0))
    # Form feeds stay: they mark page ends for the furniture finder (the cleaned text drops them).
    lines = [(line, SourceRef(i)) for i, line in enumerate(raw, start=1)]
    return read_text_lines(lines, path, "text")


def _reader(module: str, function: str, label: str):
    try:
        mod = importlib.import_module(f"keneng_audit.reading.{module}")
    except ModuleNotFoundError as exc:
        if exc.name != f"keneng_audit.reading.{module}":
            raise
        raise InputError(f"暂不支持 {label} 格式 / the {label} format is not supported yet") from None
    return getattr(mod, function)
