"""Turns the bytes of a text report into text: UTF-8 (± BOM), UTF-16 with a BOM, else GB18030, else UTF-8 with a
few damaged bytes replaced; refuses binary."""

from __future__ import annotations

from keneng_audit.errors import InputError

_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # Windows Notepad's "Unicode" saves UTF-16 with a byte-order mark


def decode_text(path: str, data: bytes) -> str:
    """The report's text; InputError for empty, binary (NUL bytes) or undecodable input."""
    if data.startswith(_UTF16_BOMS):
        try:
            return _checked(path, data.decode("utf-16"))
        except UnicodeDecodeError:
            raise InputError(f"{path}: 无法识别的文字编码（UTF-16 已损坏）/ undecodable text (broken UTF-16)") from None
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
        text = _mostly_utf8(data)
        if text is not None:
            return _checked(path, text)
        raise InputError(f"{path}: 无法识别的文字编码（既非 UTF-8 也非 GB18030）/ undecodable text (neither UTF-8 nor GB18030)")
    return _checked(path, text)


# A few damaged bytes in an otherwise UTF-8 file (a PDF converter's slip, a cut transfer): at most this many, and
# at most one per this many bytes; a GBK/GB18030 file fails UTF-8 on nearly every Chinese character instead.
_MAX_BAD = 16
_BAD_PER_BYTES = 1000


def _mostly_utf8(data: bytes) -> str | None:
    """The text with each undecodable byte as U+FFFD (coverage reports them, KA003) when they are few, else None."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    return text if 0 < bad <= _MAX_BAD and bad * _BAD_PER_BYTES <= len(data) else None


_CONTROLS = [chr(i) for i in range(32) if chr(i) not in "\t\n\r\f\v"]


def _checked(path: str, text: str) -> str:
    """The text, unless it is empty or holds the control characters that betray binary data."""
    if not text.strip():
        raise InputError(f"{path}: 文件为空 / the file is empty")
    # GB18030 decodes almost any byte sequence; control characters betray binary data decoded by chance.
    controls = sum(text.count(ch) for ch in _CONTROLS)  # 27 scans in C, not a Python loop over every character
    if controls * 100 > len(text):
        raise InputError(f"{path}: 不是文本文件（含二进制字节）/ not a text file (binary bytes)")
    return text
