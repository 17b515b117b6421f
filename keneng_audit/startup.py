"""Process start-up: the console script's entry point, and the garbage collector frozen once the imports are done.

The cyclic garbage collector finds nothing to free among the ≈ 500,000 objects the imports create (modules,
classes, functions live as long as the process), yet a run spends ≈ 60 ms traversing them again and again (≈ 8 %
of a single check). So the entry point switches it off before the imports; `settle()`, called once the run's
modules are loaded, moves everything alive into the permanent generation (`gc.freeze`, which also keeps forked
workers' memory shared) and switches it back on with a threshold that lets short-lived objects die by reference
counting before they are ever traversed.

When `check` is done in this one process (no worker processes), it leaves at once once its outputs are flushed
(`_leave`, as mypy's `hard_exit`): freeing those objects one by one at interpreter shutdown costs ≈ 30 ms and
does nothing a run needs.
"""

from __future__ import annotations

import gc
import os
import sys

from keneng_audit.collector import THRESHOLD, settle  # noqa: F401 (settle: what the entry point prepares)


def main() -> None:
    """The `keneng-audit` command: as keneng_audit.cli.main; `check` runs its imports with no collection and
    calls settle() once its modules are loaded (the other commands run as usual); every command compiles its
    regular expressions from the code stored by earlier runs (keneng_audit.regex_cache) and its dataclasses'
    methods other than `__init__` when first called (keneng_audit.lazy_methods)."""
    if sys.argv[1:2] == ["check"]:
        gc.disable()
    from keneng_audit import lazy_methods

    lazy_methods.install()  # first: every library's dataclasses are built as its modules load
    from keneng_audit import regex_cache
    from keneng_audit.cache import cache_dir

    regex_cache.install(cache_dir())  # before the imports: their patterns are compiled as modules load
    from keneng_audit.cli import main as cli_main

    try:
        cli_main()
    except SystemExit as done:
        if sys.argv[1:2] == ["check"]:
            _leave(done)
        raise


def _leave(done: SystemExit) -> None:
    """Ends the process with the run's exit code, its outputs flushed and its patterns stored, skipping the
    interpreter's teardown. Left to the usual exit when worker processes ran (multiprocessing cleans up at
    exit), the exit carries a message instead of a code, a profiler or coverage tracer is watching (it writes its
    results at exit), or a stream cannot be flushed for another reason than a reader that left (the usual exit
    reports it)."""
    code = done.code
    if not (code is None or type(code) is int) or "multiprocessing" in sys.modules \
            or sys.getprofile() is not None or sys.gettrace() is not None:
        return
    from keneng_audit import regex_cache, signals

    try:
        regex_cache.save()
        for stream in (sys.stdout, sys.stderr):
            if stream is None:  # closed by the caller (`>&-`): nothing to flush
                continue
            try:
                stream.flush()
            except (BrokenPipeError, ValueError):  # the reader left (`| head`), or the stream is closed
                pass
            except OSError:  # a full disk (`> /dev/full`): the usual exit says so and fails
                return
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM at the very end: as during the run
        os._exit(signals.interrupted_exit_code())
    os._exit(code or 0)
