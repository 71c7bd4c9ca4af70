"""Demonyms and national agencies: the word lists that let the extractor see a state the text does not name."""

from __future__ import annotations

import pytest

from liaison.extract.demonyms import (
    AGENCIES,
    CAPITAL_ALIASES,
    COMBINING_FORMS,
    DEMONYMS,
    EXTRA_NAMES,
    FIRST_NAMES,
    NOT_STATES,
    TERRITORIES,
    english_forms,
    french_forms,
)
from liaison.extract.places import find_state_refs
from liaison.words.folding import fold
from liaison.words.places import valid_iso3


@pytest.mark.parametrize(
    ("base", "forms"),
    [
        ("syrien", ["syrien", "syrienne", "syriens", "syriennes"]),
        ("ghanéen", ["ghanéen", "ghanéenne", "ghanéens", "ghanéennes"]),
        ("français", ["français", "française", "françaises"]),
        ("chinois", ["chinois", "chinoise", "chinoises"]),
        ("belge", ["belge", "belges"]),
        ("burkinabè", ["burkinabè", "burkinabès"]),
        ("swazi", ["swazi", "swazis"]),
        ("marocain", ["marocain", "marocaine", "marocains", "marocaines"]),
    ],
    ids=["-ien", "-éen", "-ais", "-ois", "-e", "-è", "swazi", "other"],
)
def test_french_demonyms_get_their_feminine_and_plural_forms(base: str, forms: list[str]) -> None:
    """ "-ien" doubles its n, "-ais" takes no second s, a final "e" or accented vowel only takes an s."""
    assert french_forms(base) == forms


@pytest.mark.parametrize(
    ("base", "forms"),
    [
        ("Qatari", ["Qatari", "Qataris"]),
        ("Moroccan", ["Moroccan", "Moroccans"]),
        ("Spanish", ["Spanish"]),
        ("Czech", ["Czech"]),
        ("Chinese", ["Chinese"]),
        ("Swiss", ["Swiss"]),
        ("U.S.", ["U.S."]),
        ("Thai", ["Thai"]),
        ("Uzbek", ["Uzbek"]),
    ],
)
def test_english_demonyms_get_a_plural_only_where_the_noun_takes_one(base: str, forms: list[str]) -> None:
    """ "the Qataris" is a people; "the Spanishs" and "the Thais" are not how the press writes."""
    assert english_forms(base) == forms


def all_words() -> dict[str, set[str]]:
    """Every generated demonym form, folded, with the states it points to."""
    words: dict[str, set[str]] = {}
    for iso3, (english, french) in DEMONYMS.items():
        for base in english.split("|"):
            for form in english_forms(base):
                words.setdefault(fold(form), set()).add(iso3)
        for base in french.split("|"):
            for form in french_forms(base):
                words.setdefault(fold(form), set()).add(iso3)
    return words


def test_no_demonym_form_points_to_two_states() -> None:
    """A missed state costs less than a wrong one: a word shared by two states must not be listed."""
    assert {word: states for word, states in all_words().items() if len(states) > 1} == {}


@pytest.mark.parametrize("word", ["congolais", "coreen", "coreenne", "dgsn", "guineen-equatorial"])
def test_words_that_could_mean_several_states_are_left_out(word: str) -> None:
    assert word not in all_words()
    assert word.upper() not in AGENCIES


def test_every_code_in_the_lists_is_a_state_the_dataset_accepts() -> None:
    codes = set(DEMONYMS) | set(AGENCIES.values()) | set(EXTRA_NAMES.values()) | set(CAPITAL_ALIASES.values())
    codes |= set(COMBINING_FORMS.values())
    assert codes - valid_iso3() == set()


def test_territories_are_not_given_demonyms_and_are_iso_codes() -> None:
    """Réunion or Puerto Rico send no delegation of their own."""
    assert TERRITORIES.isdisjoint(DEMONYMS)
    assert all(len(code) == 3 and code.isupper() for code in TERRITORIES)


def test_extra_names_not_states_and_first_names_are_written_folded_or_lower_case() -> None:
    """The matcher compares them with folded or lower-cased text: a capital would never match."""
    assert all(name == name.lower() for name in EXTRA_NAMES)
    assert all(phrase == fold(phrase) for phrase in NOT_STATES)
    assert all(name == fold(name) for name in FIRST_NAMES)
    assert all(alias == alias.upper() for alias in CAPITAL_ALIASES)


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("la police nationale espagnole", "ESP"),
        ("les autorités marocaines ont", "MAR"),
        ("his Qatari counterpart", "QAT"),
        ("the Qataris said", "QAT"),
        ("un responsable nigérian", "NGA"),
        ("the FSB director", "RUS"),
        ("the MI6 chief", "GBR"),
    ],
)
def test_the_extractor_reads_generated_forms_and_agencies_as_the_state(text: str, iso3: str) -> None:
    assert [ref.iso3 for ref in find_state_refs(text)] == [iso3]


@pytest.mark.parametrize("text", ["the fsb director", "le ministre congolais", "son homologue coréen"])
def test_lower_case_acronyms_and_ambiguous_demonyms_name_no_state(text: str) -> None:
    assert find_state_refs(text) == []


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("delegations from Latvia and", "LVA"),
        ("the police of Lebanon and", "LBN"),
        ("a delegation from Lesotho", "LSO"),
        ("la délégation de la Lettonie", "LVA"),
        ("les délégations du Kosovo", "XKX"),
        ("le ministre du Burkina a", "BFA"),
        ("la Centrafrique et", "CAF"),
        ("the Netherlands and", "NLD"),
        ("the Democratic Republic of the Congo and", "COD"),
        ("a delegation from the Democratic Republic of Congo", "COD"),
    ],
)
def test_names_that_begin_like_an_article_or_that_iso_lacks_are_states(text: str, iso3: str) -> None:
    """ "Latvia", "Lebanon" and "Lesotho" keep their first letters; Kosovo and short forms are known."""
    assert [ref.iso3 for ref in find_state_refs(text)] == [iso3]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("le comité mixte maroco-mauritanien", [("MAR", "actor"), ("MRT", "actor")]),
        ("Moroccan-Spanish talks were held", [("MAR", "actor"), ("ESP", "actor")]),
        ("les entretiens franco-allemands", [("FRA", "actor"), ("DEU", "actor")]),
        ("the US-Russia talks", [("USA", "actor"), ("RUS", "actor")]),
        ("the Russia-Ukraine war", [("RUS", "ignored"), ("UKR", "ignored")]),
        ("le pôle DGSN-DGST", [("MAR", "actor")]),
        ("la Guinée-Bissau", [("GNB", "actor")]),
    ],
    ids=["maroco-", "demonym-demonym", "franco-", "acronym-name", "a-war-is-not-talks", "agency", "one-name"],
)
def test_two_state_compounds_name_both_states(text: str, found: list[tuple[str, str]]) -> None:
    """Each part of a two-state compound is a state; they are parties where the compound qualifies talks."""
    assert [(ref.iso3, ref.role) for ref in find_state_refs(text)] == found
