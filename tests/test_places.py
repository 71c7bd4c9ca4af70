"""Country names both ways, in English and French."""

from __future__ import annotations

import pytest

from liaison.words.places import country_name, find_country


@pytest.mark.parametrize(
    ("iso3", "english", "french"),
    [
        ("RUS", "Russia", "Russie"),
        ("TUR", "Türkiye", "Turquie"),
        ("ARE", "United Arab Emirates", "Émirats arabes unis"),
        ("SAU", "Saudi Arabia", "Arabie saoudite"),
        ("PSE", "Palestine", "Palestine"),
        ("IRN", "Iran", "Iran"),
        ("USA", "United States", "États-Unis"),
        ("COD", "DR Congo", "RD Congo"),
    ],
)
def test_country_names_read_as_in_a_briefing(iso3, english, french) -> None:
    assert country_name(iso3, "en") == english
    assert country_name(iso3, "fr") == french


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Turkey", "TUR"),
        ("Turquie", "TUR"),
        ("Türkiye", "TUR"),
        ("UAE", "ARE"),
        ("Émirats arabes unis", "ARE"),
        ("emirats arabes unis", "ARE"),
        ("Fédération de Russie", "RUS"),
        ("Russie", "RUS"),
        ("Qatar", "QAT"),
        ("Arabie Saoudite", "SAU"),
        ("Maroc", "MAR"),
        ("Autriche", "AUT"),
        ("qat", "QAT"),
        ("Royaume-Uni", "GBR"),
    ],
)
def test_any_common_name_finds_its_code(name, iso3) -> None:
    assert find_country(name) == iso3


def test_a_name_that_is_no_country_finds_nothing() -> None:
    assert find_country("Atlantis") is None
    assert country_name("UN-MT") == "UN-MT"
