"""Periods as an analyst names them — everything, the last three months, 2025, May 2025 — as month ranges.

A period is a pair of months `YYYY-MM` (first, last), both included; `(None, None)` means no
date filter at all, which keeps undated meetings too. Presets count back from the month of
`today`, not from the newest meeting in the data: "the last three months" of a stale
dataset is empty, and the dashboard says so rather than quietly meaning something else.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

Months = tuple[str | None, str | None]

EVERYTHING = "all"
PRESETS = ("last_3_months", "last_12_months", "this_year", "last_year")


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def shift(month: str, by: int) -> str:
    """The month `by` months after `month` (before, if negative)."""
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_span(first: str, last: str) -> tuple[str, ...]:
    """Every month from `first` to `last`, both included (empty if `last` is before `first`)."""
    months: list[str] = []
    month = first
    while month <= last:
        months.append(month)
        month = shift(month, 1)
    return tuple(months)


def preset_months(name: str, today: date) -> tuple[str, str]:
    """The months a preset covers, counted back from the month of `today` (which is included)."""
    now = month_of(today)
    if name == "last_3_months":
        return shift(now, -2), now
    if name == "last_12_months":
        return shift(now, -11), now
    if name == "this_year":
        return f"{today.year:04d}-01", now
    if name == "last_year":
        return f"{today.year - 1:04d}-01", f"{today.year - 1:04d}-12"
    raise ValueError(f"unknown period preset: {name}")


def within(start: str, end: str, months: Sequence[str]) -> Months:
    """A range moved inside the months on offer; the whole offer means no date filter."""
    if not months:
        return None, None
    first, last = months[0], months[-1]
    start, end = min(max(start, first), last), max(min(end, last), first)
    if end < start:
        start, end = end, start
    if start == first and end == last:
        return None, None
    return start, end


def quick_periods(months: Sequence[str], today: date) -> dict[str, Months]:
    """Every period offered in one pick, in the order shown: everything, the presets, each year, each month.

    Years come before months, newest first, so typing "2025" and pressing Enter picks the year.
    """
    offered: dict[str, Months] = {EVERYTHING: (None, None)}
    if not months:
        return offered
    for name in PRESETS:
        offered[name] = within(*preset_months(name, today), months)
    for year in sorted({month[:4] for month in months}, reverse=True):
        offered[year] = within(f"{year}-01", f"{year}-12", months)
    for month in reversed(months):
        offered[month] = within(month, month, months)
    return offered


def quick_period_of(start: str | None, end: str | None, offered: dict[str, Months]) -> str | None:
    """The first offered period equal to this range, or None for a range of the analyst's own."""
    return next((name for name, months in offered.items() if months == (start, end)), None)
