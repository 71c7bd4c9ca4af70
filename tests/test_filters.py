"""Filters and their URL form: the parameter names are a public contract."""

from __future__ import annotations

import pytest

from liaison.view.filters import Filters, filters_from_params

KNOWN = {
    "countries": ["QAT", "RUS", "AUT"],
    "formats": ["multilateral", "bilateral"],
    "topics": ["terrorism"],
}


def test_a_view_survives_the_round_trip_through_the_url() -> None:
    view = Filters(
        month_from="2025-05",
        month_to="2025-05",
        countries=("QAT", "RUS"),
        formats=("bilateral",),
        topics=("terrorism",),
        text="Vienna",
    )
    params = view.to_params()
    assert params == {
        "country": ["QAT", "RUS"],
        "format": ["bilateral"],
        "topic": ["terrorism"],
        "from": ["2025-05"],
        "to": ["2025-05"],
        "q": ["Vienna"],
    }
    assert filters_from_params(params, KNOWN) == (view, [])


def test_the_empty_view_has_no_parameters() -> None:
    assert Filters().to_params() == {}
    assert Filters().is_empty


def test_lower_case_and_comma_separated_countries_are_accepted() -> None:
    filters, ignored = filters_from_params({"country": ["qat,rus"]}, KNOWN)
    assert filters.countries == ("QAT", "RUS") and ignored == []


def test_unknown_values_are_dropped_and_reported() -> None:
    filters, ignored = filters_from_params({"country": ["QAT", "ATL"], "format": ["trilateral"]}, KNOWN)
    assert filters == Filters(countries=("QAT",))
    assert ignored == ["country=ATL", "format=trilateral"]


def test_a_malformed_month_is_reported() -> None:
    filters, ignored = filters_from_params({"from": ["May 2025"], "to": ["2025-06"]}, KNOWN)
    assert filters == Filters(month_to="2025-06") and ignored == ["from=May 2025"]


def test_months_in_the_wrong_order_are_swapped() -> None:
    filters, _ = filters_from_params({"from": ["2025-06"], "to": ["2025-01"]})
    assert (filters.month_from, filters.month_to) == ("2025-01", "2025-06")


@pytest.mark.parametrize(
    "bad",
    [{"month_from": "2025-13"}, {"month_to": "25-01"}, {"month_from": "2025-06", "month_to": "2025-01"}],
)
def test_filters_refuse_impossible_months(bad) -> None:
    with pytest.raises(ValueError):
        Filters(**bad)


def test_with_values_keeps_filters_hashable() -> None:
    filters = Filters().with_values(countries=["QAT"])
    assert filters.countries == ("QAT",) and hash(filters)
