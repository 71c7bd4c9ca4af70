"""Folding text for matching: one rule (lower case, no accents, straight apostrophes) in two shapes."""

from __future__ import annotations

import pytest

from liaison.words.folding import fold, fold_words


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Genève", "geneve"), ("GENEVE", "geneve"), ("Türkiye", "turkiye"), ("Niño", "nino"), ("Ça", "ca")],
)
def test_case_and_accents_are_dropped(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert fold_words(text) == folded


@pytest.mark.parametrize("text", ["d’Interpol", "d‘Interpol", "d`Interpol", "d´Interpol"])
def test_every_curly_or_accent_apostrophe_becomes_a_straight_one(text: str) -> None:
    """ "d’Interpol" as typeset must meet "d'interpol" as typed."""
    assert fold(text) == "d'interpol"


@pytest.mark.parametrize("text", ["d’Interpol", "d‘Interpol", "d`Interpol"])
def test_fold_words_straightens_curly_apostrophes_too(text: str) -> None:
    assert fold_words(text) == "d'interpol"


def test_fold_words_straightens_an_acute_accent_typed_as_an_apostrophe() -> None:
    """The module lists "´" among its quotes; `fold` straightens it and `fold_words` should give the same."""
    assert fold_words("d´Interpol") == fold("d´Interpol")


@pytest.mark.parametrize("text", ["Straße", "ﬁn de l’Œuvre", "Ǆemal", "e\u0301te\u0301", "Île-de-France ½"])
def test_fold_keeps_one_character_for_one(text: str) -> None:
    """The extractor cuts the original text at positions found in folded text, so lengths must match."""
    assert len(fold(text)) == len(text)


def test_a_position_found_in_folded_text_points_at_the_same_word_in_the_original() -> None:
    text = "Réunion à Genève le 6 mai"
    start = fold(text).index("geneve")
    assert text[start : start + len("geneve")] == "Genève"


def test_characters_that_expand_keep_only_their_first_letter() -> None:
    """ "ß" casefolds to "ss" and "ﬁ" decomposes to "fi": one letter each stands in for them."""
    assert fold("Straße") == "strase"
    assert fold("ﬁn") == "fn"


def test_fold_words_collapses_whitespace_and_trims() -> None:
    assert fold_words("  São\tPaulo \n\u00a0 Brésil ") == "sao paulo bresil"


def test_fold_words_drops_marks_already_decomposed() -> None:
    """Text pasted in decomposed form (e + combining acute) folds like the composed form."""
    assert fold_words("e\u0301te\u0301") == fold_words("été") == "ete"


@pytest.mark.parametrize("text", ["La Haye", "Moscou", "Abou Dhabi", "N’Djamena", "Côte d’Ivoire"])
def test_both_shapes_agree_on_single_spaced_names(text: str) -> None:
    """The gazetteer folds names with `fold_words` and the extractor folds sentences with `fold`: they must meet."""
    assert fold(text) == fold_words(text)
