"""GDELT's place fields: FIPS 10-4 country codes to ISO3, and what a geocode's point stands for."""

from __future__ import annotations

import pandas as pd
import pytest

from liaison.feed.geo import iso3_of_fips, precision_of


@pytest.mark.parametrize(
    ("fips", "iso3"),
    [("GM", "DEU"), ("UK", "GBR"), ("RS", "RUS"), ("SW", "SWE"), ("SZ", "CHE"), ("AU", "AUT"), ("AS", "AUS")],
)
def test_a_fips_country_code_is_its_iso3(fips: str, iso3: str) -> None:
    """FIPS is not ISO: GM is Germany, SW Sweden, AU Austria and AS Australia."""
    assert iso3_of_fips(pd.Series([fips], dtype="str")).tolist() == [iso3]


def test_an_unknown_or_missing_fips_code_has_no_iso3() -> None:
    assert iso3_of_fips(pd.Series(["ZZ", None], dtype="str")).isna().tolist() == [True, True]


def test_the_geocode_type_says_what_the_point_stands_for() -> None:
    types = pd.Series([1, 2, 3, 4, 5, 0, None, 9], dtype="Int8")
    assert list(precision_of(types)) == ["country", "region", "city", "city", "region", "none", "none", "none"]
