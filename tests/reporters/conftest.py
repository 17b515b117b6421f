"""Reporter tests lay text out at 80 columns whatever terminal they run in."""

import pytest


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
