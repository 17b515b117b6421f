"""Plain-text line wrapping by display width that breaks only at spaces and after CJK punctuation, never inside a word."""

from __future__ import annotations

import os
import re

from rich.cells import cell_len

# A line may break after a space or after punctuation that ends a clause; a run of Chinese characters between
# such points is one word and is never split (a line overflows rather than cut 专业大类 in two).
_PIECES = re.compile(r"(?:[^ \t，。；：、！？）」』”]|、(?=\d))*(?:[ \t，。；：、！？）」』”]+|$)")  # 562、564 holds
DEFAULT_WIDTH = 80


def display_width(text: str) -> int:
    """Columns a text takes on a terminal (CJK characters take two): the one width helper of the reporters."""
    return cell_len(text)


def terminal_width(default: int = DEFAULT_WIDTH) -> int:
    """The width of the terminal this process runs in, also when stdout is a pipe: $COLUMNS, else the terminal
    behind stderr, else `default`."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) >= 20:
        return int(columns)
    for fd in (2,):
        try:
            return max(os.get_terminal_size(fd).columns, 20)
        except OSError:
            continue
    return default


def wrap_line(line: str, width: int) -> list[str]:
    """`line` cut into lines of at most `width` columns where it can break; continuation lines keep its indent."""
    if display_width(line) <= width:
        return [line]
    indent = line[: len(line) - len(line.lstrip(" "))]
    pieces = [p for p in _PIECES.findall(line[len(indent):]) if p]
    out: list[str] = []
    current = indent
    for piece in pieces:
        if current.strip() and display_width(current + piece.rstrip()) > width:
            out.append(current.rstrip())
            current = indent + piece
        else:
            current += piece
    if current.strip():
        out.append(current.rstrip())
    return out


def wrap_text(text: str, width: int) -> str:
    return "".join(wrapped + "\n" for line in text.splitlines() for wrapped in wrap_line(line.rstrip(), width))
