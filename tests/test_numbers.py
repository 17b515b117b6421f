"""Tests for number parsing: every printed form, missing marks, units, decimals, dates that stay text."""

from __future__ import annotations

import pytest

from keneng_audit.intervals import bounds
from keneng_audit.normalize import fold_digits
from keneng_audit.numbers import looks_like_date, looks_like_period, parse_cell, parse_number, unit_after


@pytest.mark.parametrize(
    ("text", "value", "decimals", "kind"),
    [
        ("1677", 1677, 0, "count"),
        ("1,234", 1234, 0, "count"),
        ("-232", -232, 0, "count"),
        ("－232", -232, 0, "count"),  # full-width minus
        ("−17", -17, 0, "count"),  # minus sign
        ("１２３", 123, 0, "count"),  # full-width digits
        ("4903.10", 4903.1, 2, "decimal"),  # printed decimals are kept
        ("40.5%", 40.5, 1, "percent"),
        ("92.5％", 92.5, 1, "percent"),  # full-width percent
        ("-32.7%", -32.7, 1, "percent"),
        ("50.0%", 50.0, 1, "percent"),
        ("1:19", 1 / 19, 0, "ratio"),
        ("19:1", 19, 0, "ratio"),
        ("27：1", 27, 0, "ratio"),  # full-width colon
    ],
)
def test_number_forms(text, value, decimals, kind):
    number = parse_number(text)
    assert number is not None
    assert number.value == pytest.approx(value)
    assert (number.decimals, number.kind) == (decimals, kind)


@pytest.mark.parametrize("text", ["", "—", "——", "-", "无", "仅高职填报", "2023-2024", "(12)", "约200", "▼", "减少",
                                  "▼-3"])
def test_missing_and_text(text):
    assert parse_number(text) is None


def test_ratio_parts_and_value():
    number = parse_number("27：1")
    assert number.ratio == (27.0, 1.0)
    assert number.value == 27.0


def test_units():
    assert parse_number("95", unit="%").kind == "percent"
    assert parse_number("916", unit="人").unit == "人"
    assert unit_after(" 万平方米，较上") == "万平方米"
    assert unit_after("人次，") == "人次"
    assert unit_after("元/生") == "元/生"
    assert unit_after("万人次，较上") == "万人次"  # not left without a unit: 12.6 is not 12.6 人次
    assert unit_after(" 万人。") == "万人"
    assert unit_after("，") is None


@pytest.mark.parametrize(
    ("text", "date_column", "is_date"),
    [("2024-02-30", False, True), ("2024-03-05", False, True), ("2024年2月", False, True),
     ("2024.12", True, True), ("2024.12", False, False), ("2024.6", True, True), ("95.8", True, False),
     ("2023.9.20-9.22", False, True)],
)
def test_dates(text, date_column, is_date):
    assert looks_like_date(text, date_column) is is_date


def test_cells_keep_dates_and_periods_as_text():
    assert parse_cell("2024-02-30") is None
    assert parse_cell("2024.12", date_column=True) is None
    assert parse_cell("2024.12").value == pytest.approx(2024.12)
    assert parse_cell("2022-2023") is None
    assert looks_like_period("2022-2023")
    assert parse_cell("40.5%").value == 40.5


def test_ten_thousands_of_money_keep_their_scale_as_unit_and_of_a_count_are_a_scale():
    from keneng_audit.numbers import parse_number

    n = parse_number("1.2万", "元")
    assert (n.value, n.decimals, n.unit, n.kind) == (1.2, 1, "万元", "decimal")  # a 万元 amount, as tables count
    # 1.2万 people is 12000 people printed to the nearest thousand: [11500, 12500).
    n = parse_number("1.2万", "人")
    assert (n.value, n.decimals, n.unit, n.kind) == (12000, -3, "人", "decimal")
    assert bounds(n) == (11500, 12500)
    n = parse_number("1.1万", "人次")
    assert (n.value, n.unit) == (11000, "人次") and str(n.value) == "11000.0"  # no float noise
    assert (parse_number("3亿").value, parse_number("3亿").unit, parse_number("3亿").decimals) == (3e8, None, -8)
    assert parse_number("12,345,678.90").value == 12345678.9 and parse_number("12,345,678.90").decimals == 2
    assert parse_number("1:19").value == 1 / 19 and parse_number("18.5:1").ratio == (18.5, 1)


@pytest.mark.parametrize("text,value,kind", [
    ("▼10", -10, "count"), ("▲ 3", 3, "count"), ("10↓", -10, "count"), ("↑2.5", 2.5, "decimal"),
    ("12%↓", -12, "percent"), ("减少4", -4, "count"), ("上升 0.6", 0.6, "decimal"), ("下降 0.6", -0.6, "decimal"),
    ("−12", -12, "count"), ("－12", -12, "count"), ("-12", -12, "count"),
])
def test_a_change_printed_with_an_arrow_or_a_word_is_signed(text, value, kind):
    number = parse_number(text)
    assert (number.value, number.kind, number.text) == (pytest.approx(value), kind, text)


@pytest.mark.parametrize("text,value,unit", [
    ("1720人", 1720, "人"), ("136 人", 136, "人"), ("386.5万元", 386.5, "万元"), ("3,450元", 3450, "元"),
    ("12项", 12, "项"), ("1.2万人", 12000, "人"), ("12.6万人次", 126000, "人次"), ("▼10人", -10, "人"),
])
def test_a_cell_may_print_its_unit_after_the_number(text, value, unit):
    number = parse_cell(text, "个")
    assert (number.value, number.unit, number.text) == (pytest.approx(value), unit, text)
    assert parse_number(text) is None  # prose keeps number and unit apart


def test_full_width_digits_fold_one_character_each():
    assert fold_digits("２０２４年 ３．７％ （人）：１") == "2024年 3.7% （人）：1"


@pytest.mark.parametrize("text", [
    " 1,234 ", "12.5%", "", "\t", "ＡＢＣ１２３", "１，２３４", "在校生人数（人）", "−12.5", "12\u00a0345", "12\u3000345",
    "㊟ 说明：数据来源", "⑳⑳⑳⑳⑳⑳⑳⑳", "说明：" + "本表数据来源于学校统计" * 20, " 2023年 ",
])
def test_normalize_is_nfkc_with_minus_and_blanks_unified(text):
    import unicodedata

    from keneng_audit.numbers import normalize

    want = unicodedata.normalize("NFKC", text).replace("−", "-").replace("\u00a0", " ").replace("\u3000", " ").strip()
    assert normalize(text) == want and normalize(text) == want  # the second answer may come from the cache


@pytest.mark.parametrize(("text", "long"), [
    ("1234567890123456", True), ("123456789012345", False), ("1,234,567,890,123,456", True), ("０" * 3 + "１" * 16, True),
    ("⑳" * 8, True), ("12.5%", False), ("", False), ("0000000000000001", False),
])
def test_too_long_counts_significant_digits_after_folding(text, long):
    from keneng_audit.numbers import too_long

    assert too_long(text) is long


@pytest.mark.parametrize("text,value", [
    ("1,240*", 1240), ("86.5%①", 86.5), ("12 *", 12), ("1720人※", 1720), ("1.2万*", 12000), ("3.7²", 3.7),
    ("*", None), ("abc*", None), ("2024年*", None), ("约200*", None),
])
def test_a_footnote_mark_after_a_number_leaves_the_number(text, value):
    number = parse_cell(text, "人")
    assert (number.value if number else None) == value
    assert number is None or number.text == text  # printed as it was
