"""Periods in words as month ranges: presets count back from today, the whole offer means no filter."""

from __future__ import annotations

from datetime import date

import pytest

from liaison.view.period import (
    EVERYTHING,
    month_span,
    preset_months,
    quick_period_of,
    quick_periods,
    shift,
    within,
)

TODAY = date(2026, 2, 14)
MONTHS = month_span("2024-11", "2026-02")


@pytest.mark.parametrize(
    ("month", "by", "expected"),
    [("2025-05", 1, "2025-06"), ("2025-12", 1, "2026-01"), ("2025-01", -1, "2024-12"), ("2025-03", -14, "2024-01")],
)
def test_shift_crosses_years(month: str, by: int, expected: str) -> None:
    assert shift(month, by) == expected


def test_a_span_includes_both_ends_and_is_empty_when_reversed() -> None:
    assert month_span("2025-11", "2026-01") == ("2025-11", "2025-12", "2026-01")
    assert month_span("2026-01", "2025-11") == ()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("last_3_months", ("2025-12", "2026-02")),
        ("last_12_months", ("2025-03", "2026-02")),
        ("this_year", ("2026-01", "2026-02")),
        ("last_year", ("2025-01", "2025-12")),
    ],
)
def test_presets_count_back_from_the_month_of_today(name: str, expected: tuple[str, str]) -> None:
    assert preset_months(name, TODAY) == expected


def test_an_unknown_preset_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown period preset"):
        preset_months("fortnight", TODAY)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2024-11", "2026-02", (None, None)),
        ("2020-01", "2030-12", (None, None)),
        ("2024-01", "2024-12", ("2024-11", "2024-12")),
        ("2025-05", "2025-05", ("2025-05", "2025-05")),
    ],
)
def test_a_range_moves_inside_the_offer_and_the_whole_offer_is_no_filter(start, end, expected) -> None:
    assert within(start, end, MONTHS) == expected


def test_quick_periods_offer_everything_presets_years_then_months_newest_first() -> None:
    offered = quick_periods(MONTHS, TODAY)
    names = list(offered)
    assert names[:5] == [EVERYTHING, "last_3_months", "last_12_months", "this_year", "last_year"]
    assert names[5:8] == ["2026", "2025", "2024"]
    assert names[8] == "2026-02" and names[-1] == "2024-11"
    assert offered["2025-05"] == ("2025-05", "2025-05")
    assert offered["2024"] == ("2024-11", "2024-12")
    assert offered[EVERYTHING] == (None, None)


def test_a_range_is_named_by_the_first_period_that_equals_it() -> None:
    offered = quick_periods(MONTHS, TODAY)
    assert quick_period_of("2025-01", "2025-12", offered) == "last_year"
    assert quick_period_of("2025-05", "2025-05", offered) == "2025-05"
    assert quick_period_of(None, None, offered) == EVERYTHING
    assert quick_period_of("2025-05", "2025-07", offered) is None


def test_without_dated_meetings_only_everything_is_offered() -> None:
    assert quick_periods((), TODAY) == {EVERYTHING: (None, None)}
