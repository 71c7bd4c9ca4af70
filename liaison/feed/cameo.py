"""CAMEO codes as GDELT uses them: actor country codes to ISO3, and selections of event codes.

GDELT's actor country codes (CAMEO.country.txt) are ISO 3166-1 alpha-3 for 228 of its 261
entries, so pycountry decides most of them. The rest are spelled out here: four states under
an older or CAMEO-only code (`ROM` Romania, `TMP` East Timor, `MTN` Montenegro, `IMY` Isle of
Man), the dissolved Netherlands Antilles (`ANT`), and 28 areas that are not states: regions
(`AFR` Africa, `EUR` Europe, `WST` the West…) and places inside states (`WSB` West Bank, `GZS`
Gaza Strip, `BAG` Baghdad). A code in neither list is "unknown" and counted as such.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from liaison.words.places import valid_iso3

RENAMED = {"ROM": "ROU", "TMP": "TLS", "MTN": "MNE", "IMY": "IMN"}
"""CAMEO country codes of states whose ISO3 code differs."""

FORMER = {"ANT": "Netherlands Antilles"}
"""CAMEO codes of states that no longer exist and have no single successor."""

AREAS = {
    "AFR": "Africa",
    "ASA": "Asia",
    "BLK": "Balkans",
    "CRB": "Caribbean",
    "CAU": "Caucasus",
    "CFR": "Central Africa",
    "CAS": "Central Asia",
    "CEU": "Central Europe",
    "EIN": "East Indies",
    "EAF": "Eastern Africa",
    "EEU": "Eastern Europe",
    "EUR": "Europe",
    "LAM": "Latin America",
    "MEA": "Middle East",
    "MDT": "Mediterranean",
    "NAF": "North Africa",
    "NMR": "North America",
    "PGS": "Persian Gulf",
    "SCN": "Scandinavia",
    "SAM": "South America",
    "SAS": "South Asia",
    "SEA": "Southeast Asia",
    "SAF": "Southern Africa",
    "WAF": "West Africa",
    "WST": "The West",
    "WSB": "West Bank",
    "GZS": "Gaza Strip",
    "BAG": "Baghdad",
}
"""CAMEO country codes that name a region or a place inside a state, not a state."""

# Why an actor's country code gives no state, in the order a row's reason is chosen.
NO_COUNTRY = "actor without country"
AREA = "regional code"
FORMER_STATE = "former state code"
UNKNOWN = "unknown country code"
ACTOR_REASONS = (NO_COUNTRY, AREA, FORMER_STATE, UNKNOWN)

CODE = re.compile(r"^\d{2,4}$")


def state_of(code: str | None) -> tuple[str | None, str | None]:
    """The ISO3 code of the state a CAMEO country code names, or None and the reason it names none."""
    if code is None or code == "" or pd.isna(code):
        return None, NO_COUNTRY
    if code in RENAMED:
        return RENAMED[code], None
    if code in AREAS:
        return None, AREA
    if code in FORMER:
        return None, FORMER_STATE
    if code in valid_iso3():
        return code, None
    return None, UNKNOWN


def states_of(codes: pd.Series) -> tuple[pd.Series, pd.Series]:
    """ISO3 per row of a column of CAMEO country codes (missing when no state), and the reason for the missing.

    Each distinct code is looked up once; the column is then mapped whole.
    """
    present = codes.dropna().unique()
    looked_up = {code: state_of(code) for code in present}
    iso3 = codes.map({code: state for code, (state, _) in looked_up.items()})
    reason = codes.map({code: why for code, (_, why) in looked_up.items()}).where(codes.notna(), NO_COUNTRY)
    return iso3.astype("str"), reason.astype("str")


def parse_codes(text: str) -> tuple[str, ...]:
    """Event-code prefixes from `036,04,05`: each a CAMEO root (2 digits), base (3) or full code (4)."""
    codes = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    bad = [code for code in codes if not CODE.match(code)]
    if bad or not codes:
        raise ValueError(f"--codes: '{text}' is not a list of CAMEO event codes such as 036,04,05")
    return codes


def code_mask(root: pd.Series, base: pd.Series, code: pd.Series, prefixes: Iterable[str]) -> np.ndarray:
    """Which rows have an event code under one of the prefixes, read from GDELT's root, base and full code columns.

    A 2-digit prefix is a root code (`04`), a 3-digit one a base code (`043`), a 4-digit one a
    full code (`0431`): whole-column `isin`, no string scanning.
    """
    prefixes = list(prefixes)
    keep = np.zeros(len(code), dtype=bool)
    for column, size in ((root, 2), (base, 3), (code, 4)):
        chosen = [prefix for prefix in prefixes if len(prefix) == size]
        if chosen:
            keep |= is_one_of(column, chosen)
    return keep


def is_one_of(column: pd.Series, codes: Iterable[str]) -> np.ndarray:
    """Which rows hold one of the codes, as a boolean array; a column of categories is decided once per category."""
    codes = list(codes)
    if isinstance(column.dtype, pd.CategoricalDtype):
        per_category = np.append(column.cat.categories.isin(codes), False)
        return per_category[column.cat.codes.to_numpy()]
    return column.isin(codes).to_numpy(dtype=bool)
