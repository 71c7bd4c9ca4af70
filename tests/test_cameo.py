"""CAMEO codes: which actor country codes name a state (and its ISO3), and event-code selections."""

from __future__ import annotations

import pandas as pd
import pycountry
import pytest

from liaison.feed.cameo import (
    AREA,
    AREAS,
    FORMER,
    FORMER_STATE,
    NO_COUNTRY,
    RENAMED,
    UNKNOWN,
    code_mask,
    is_one_of,
    parse_codes,
    state_of,
    states_of,
)

# Every code of GDELT's CAMEO.country.txt lookup (https://www.gdeltproject.org/data/lookups/), in its order.
CAMEO_COUNTRY_TXT = """
WSB BAG GZS AFR ASA BLK CRB CAU CFR CAS CEU EIN EAF EEU EUR LAM MEA MDT NAF NMR PGS SCN SAM SAS SEA SAF WAF WST
AFG ALA ALB DZA ASM AND AGO AIA ATG ARG ARM ABW AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BMU BTN BOL BIH BWA
BRA VGB BRN BGR BFA BDI KHM CMR CAN CPV CYM CAF TCD CHL CHN COL COM COD COG COK CRI CIV HRV CUB CYP CZE DNK DJI
DMA DOM TMP ECU EGY SLV GNQ ERI EST ETH FRO FLK FJI FIN FRA GUF PYF GAB GMB GEO DEU GHA GIB GRC GRL GRD GLP GUM
GTM GIN GNB GUY HTI VAT HND HKG HUN ISL IND IDN IRN IRQ IRL IMY ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ
LAO LVA LBN LSO LBR LBY LIE LTU LUX MAC MKD MDG MWI MYS MDV MLI MLT MHL MTQ MRT MUS MYT MEX FSM MDA MCO MNG MTN
MSR MAR MOZ MMR NAM NRU NPL NLD ANT NCL NZL NIC NER NGA NIU NFK MNP NOR PSE OMN PAK PLW PAN PNG PRY PER PHL PCN
POL PRT PRI QAT REU ROM RUS RWA SHN KNA LCA SPM VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF ESP
LKA SDN SUR SJM SWZ SWE CHE SYR TWN TJK TZA THA TGO TKL TON TTO TUN TUR TKM TCA TUV UGA UKR ARE GBR USA VIR URY
UZB VUT VEN VNM WLF ESH YEM ZMB ZWE
"""


@pytest.mark.parametrize(
    ("code", "answer"),
    [
        ("USA", ("USA", None)),
        ("TUR", ("TUR", None)),
        ("ROM", ("ROU", None)),
        ("TMP", ("TLS", None)),
        ("MTN", ("MNE", None)),
        ("IMY", ("IMN", None)),
        ("XKX", ("XKX", None)),
        ("AFR", (None, AREA)),
        ("EUR", (None, AREA)),
        ("WST", (None, AREA)),
        ("SAF", (None, AREA)),
        ("WSB", (None, AREA)),
        ("ANT", (None, FORMER_STATE)),
        ("", (None, NO_COUNTRY)),
        (None, (None, NO_COUNTRY)),
        ("XYZ", (None, UNKNOWN)),
        ("usa", (None, UNKNOWN)),
    ],
)
def test_a_cameo_country_code_names_a_state_or_says_why_not(code: str | None, answer: tuple) -> None:
    assert state_of(code) == answer


def test_pycountry_decides_every_code_but_the_listed_exceptions() -> None:
    """Of GDELT's 261 codes, exactly the renamed, former and area codes are not ISO3; each is handled."""
    codes = CAMEO_COUNTRY_TXT.split()
    assert len(codes) == 261
    not_iso3 = {code for code in codes if pycountry.countries.get(alpha_3=code) is None}
    assert not_iso3 == set(RENAMED) | set(FORMER) | set(AREAS)
    assert all(state_of(code) != (None, UNKNOWN) for code in codes)
    assert all(pycountry.countries.get(alpha_3=iso3) for iso3 in RENAMED.values())


def test_a_column_is_mapped_whole_with_the_same_answers() -> None:
    codes = pd.Series(["ROM", None, "EUR", "USA", "ROM", "XYZ"], dtype="str")
    iso3, reason = states_of(codes)
    assert iso3.tolist()[::3] == ["ROU", "USA"] and iso3.isna().tolist() == [False, True, True, False, False, True]
    assert reason.fillna("").tolist() == ["", NO_COUNTRY, AREA, "", "", UNKNOWN]


@pytest.mark.parametrize(
    ("text", "codes"),
    [("036,04,05", ("036", "04", "05")), (" 04 , 0431,04", ("04", "0431")), ("043", ("043",))],
)
def test_codes_are_read_from_a_comma_list(text: str, codes: tuple[str, ...]) -> None:
    assert parse_codes(text) == codes


@pytest.mark.parametrize("text", ["", "4", "04x", "04,,12345", "consult"])
def test_a_code_list_that_is_not_one_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="--codes"):
        parse_codes(text)


def test_a_code_selects_its_root_base_or_full_code() -> None:
    codes = ["036", "040", "041", "043", "0431", "051", "057"]
    root, base, full = (pd.Series([code[:n] for code in codes]) for n in (2, 3, 4))
    chosen = {
        prefixes: [code for code, kept in zip(codes, code_mask(root, base, full, prefixes), strict=True) if kept]
        for prefixes in [("04",), ("036", "05"), ("043",), ("0431",)]
    }
    assert chosen == {
        ("04",): ["040", "041", "043", "0431"],
        ("036", "05"): ["036", "051", "057"],
        ("043",): ["043", "0431"],
        ("0431",): ["0431"],
    }


def test_codes_are_matched_alike_in_text_and_in_categories() -> None:
    """The layer reads codes as categories: matching them through the categories gives the same rows."""
    text = pd.Series(["GOV", None, "BUS", "MIL", "GOV"], dtype="str")
    assert is_one_of(text, ["GOV", "MIL"]).tolist() == [True, False, False, True, True]
    assert is_one_of(text.astype("category"), ["GOV", "MIL"]).tolist() == [True, False, False, True, True]
