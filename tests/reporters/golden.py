"""Golden-file comparison; `UPDATE_GOLDEN=1 pytest` rewrites the files from the current output."""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN_DIR = Path(__file__).resolve().parent.parent / "golden"


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN_DIR / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    assert path.exists(), f"no golden file {path}; run with UPDATE_GOLDEN=1 to create it"
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"output differs from {path}; inspect, then UPDATE_GOLDEN=1 if intended"
