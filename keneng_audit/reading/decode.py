"""Turns the bytes of a text report into text: UTF-8 (with or without BOM), else GB18030; refuses binary."""

from __future__ import annotations

from keneng_audit.errors import InputError

_BOM = b"\xef\xbb\xbf"


def decode_text(path: str, data: bytes) -> str:
    """The report's text; InputError for empty, binary (NUL bytes) or undecodable input."""
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    if b"\x00" in data:
        raise InputError(f"{path}: 不是文本文件（含二进制字节）/ not a text file (binary bytes)")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(f"{path}: 无法识别的文字编码（既非 UTF-8 也非 GB18030）/ undecodable text (neither UTF-8 nor GB18030)")
    if not text.strip():
        raise InputError(f"{path}: 文件为空 / the file is empty")
    # GB18030 decodes almost any byte sequence; control characters betray binary data decoded by chance.
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f\v")
    if controls * 100 > len(text):
        raise InputError(f"{path}: 不是文本文件（含二进制字节）/ not a text file (binary bytes)")
    return text
