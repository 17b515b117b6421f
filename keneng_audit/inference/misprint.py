"""Whether one misprint explains a sum that does not hold: one digit of one printed number changed, or two
neighbouring digits swapped. A breakdown the labels mark off, with one value column only, is adopted on
that evidence (an incomplete breakdown misses by a whole category, which one keystroke rarely gives)."""

from __future__ import annotations

from keneng_audit.numbers import PrintedNumber

_MAX_DIGITS = 12  # longer numbers are not tried (bounded work)


def _digits(number: PrintedNumber) -> tuple[str, int] | None:
    """The number's digits as an integer string, and the power of ten its last digit stands for."""
    text = f"{abs(number.value):.{number.decimals}f}".replace(".", "")
    if not text.isdigit() or len(text) > _MAX_DIGITS:
        return None
    return text, -number.decimals


def _variants(number: PrintedNumber) -> set[float]:
    """Every value one keystroke away: one digit replaced, or two neighbouring digits swapped."""
    found = _digits(number)
    if found is None:
        return set()
    text, power = found
    sign = -1 if number.value < 0 else 1
    out = set()
    for i, old in enumerate(text):
        for new in "0123456789":
            if new != old:
                out.add(text[:i] + new + text[i + 1:])
        if i + 1 < len(text) and text[i + 1] != old:
            out.add(text[:i] + text[i + 1] + old + text[i + 2:])
    return {sign * int(v) * 10.0 ** power for v in out}


def one_misprint(total: PrintedNumber, parts: list[PrintedNumber]) -> bool:
    """Whether changing one keystroke in the total or in one part makes the parts add up to the total."""
    tol = 1e-6 * max(1.0, abs(total.value))
    rest = sum(p.value for p in parts)
    if any(abs(v - rest) <= tol for v in _variants(total)):
        return True
    for p in parts:
        others = rest - p.value
        if any(abs(others + v - total.value) <= tol for v in _variants(p)):
            return True
    return False
