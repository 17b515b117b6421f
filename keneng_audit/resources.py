"""Locates the bundled rule packs, reference data and sample report (source tree or installed wheel)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    inside_wheel = _PACKAGE / "_bundled" / name
    return inside_wheel if inside_wheel.is_dir() else _PACKAGE.parent / name


def rules_dir() -> Path:
    return _bundled("rules")


def data_dir() -> Path:
    return _bundled("data")


def sample_report() -> Path:
    return data_dir() / "keneng-2024" / "report.txt"
