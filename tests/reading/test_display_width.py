"""display_width: columns of a monospaced layout, wide and full-width characters two, as unicodedata says."""

from __future__ import annotations

import random
import unicodedata

import pytest

from keneng_audit.reading.wraps import display_width


@pytest.mark.parametrize(("text", "width"), [
    ("", 0), ("abc 12", 6), ("在校生", 6), ("１２３", 6), ("在校生 1,234 人", 15), ("（人）", 6), ("①", 1), ("\t", 1),
])
def test_display_width(text, width):
    assert display_width(text) == width


def test_display_width_agrees_with_unicodedata_on_any_text():
    rng = random.Random(2024)
    for _ in range(3000):
        text = "".join(chr(rng.choice([rng.randint(0, 0x7F), rng.randint(0x80, 0x2FFF), rng.randint(0x3000, 0xFFFF),
                                       rng.randint(0x10000, 0x10FFFF)])) for _ in range(rng.randint(0, 12)))
        assert display_width(text) == sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
