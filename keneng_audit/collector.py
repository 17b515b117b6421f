"""The garbage collector's settings for a run: frozen once the imports are done (see keneng_audit.startup).

Its own module so that the command line and the batch workers can call `settle()` without importing the
entry point, which imports them.
"""

from __future__ import annotations

import gc

# Young collections every 20,000 net allocations (one or two per report, not ≈ 30), older ones rarely.
THRESHOLD = (20_000, 10, 10)


def settle() -> None:
    """After the imports: freeze what exists (never collected, never traversed) and collect the rest from now on."""
    gc.freeze()
    gc.set_threshold(*THRESHOLD)
    gc.enable()
