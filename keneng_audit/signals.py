"""SIGTERM handled like Ctrl-C: the run unwinds (workers stopped, temporary files removed) and exits 143, not 130."""

from __future__ import annotations

import signal

_received: list[int] = []


def _terminate(signum, frame) -> None:
    _received.append(signum)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the process at once
    raise KeyboardInterrupt


def install() -> None:
    """From now on SIGINT and SIGTERM unwind this process as KeyboardInterrupt does (main thread only).

    SIGINT too: a shell starts a background job with SIGINT ignored, which would make `kill -INT` do nothing."""
    try:
        signal.signal(signal.SIGTERM, _terminate)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    except ValueError:  # not the main thread (an embedding application): leave its handling alone
        pass


def interrupted_exit_code() -> int:
    """143 after SIGTERM (128 + 15), else 130 (Ctrl-C, 128 + 2), as shells report them."""
    return 128 + signal.SIGTERM if _received else 130
