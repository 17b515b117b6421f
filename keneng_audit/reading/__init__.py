"""Reads a report file (text, DOCX or PDF, chosen by content) into a Document."""

from __future__ import annotations

import importlib
from pathlib import Path

from keneng_audit.document import Document, SourceRef
from keneng_audit.errors import InputError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
# A report's text is well under 1 MB (the sample: 150 KB); far beyond that it is not a report, and reading it
# would take minutes and gigabytes. PDF and DOCX files carry images, so their size says little: no limit there.
MAX_TEXT_BYTES = 16 * 1024 * 1024


def read_report(path: str | Path) -> Document:
    """Reads a report, choosing the reader by the file's content rather than its name."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: 文件不存在 / no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: 是目录而不是文件 / is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{name}: 无法读取 / cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(f"{name}: 文件为空 / the file is empty")
    if data.startswith(b"%PDF"):
        return _reader("pdf", "read_pdf", "PDF")(name, data)
    if data.startswith(b"PK\x03\x04"):
        return _reader("docx", "read_docx", "DOCX")(name, data)
    if data.startswith(_OLE_MAGIC):
        raise InputError(f"{name}: 这是旧版 .doc/.xls 文件，不是 DOCX，请另存为 .docx / an old .doc/.xls file, not DOCX: save it as .docx")
    return read_text(name, data)


def read_text(path: str, data: bytes) -> Document:
    """Reads a PDF-to-text style report from its bytes."""
    from keneng_audit.reading.decode import decode_text
    from keneng_audit.reading.text import read_text_lines

    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"{path}: 文本过大（{len(data) / 2**20:.0f} MB，上限 {MAX_TEXT_BYTES // 2**20} MB）"
                         f" / text too large ({len(data) / 2**20:.0f} MB, limit {MAX_TEXT_BYTES // 2**20} MB)")
    text = decode_text(path, data)
    # Split on newlines only: a form feed (page break) stays inside its line, so line numbers match editors.
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if raw and raw[-1] == "":
        raw.pop()
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
