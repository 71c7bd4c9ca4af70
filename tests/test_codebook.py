"""The extractor's codebook comes from the dataset being fed, never from the bundled folder."""

from __future__ import annotations

import pandas as pd
from conftest import BUNDLED_CODEBOOK

from liaison.extract.article import extract_article
from liaison.extract.codebook import Codebook

TALKS = (
    "published: 2024-03-07\n\nThe Jordanian interior minister held talks on Tuesday in Amman with his Iraqi "
    "counterpart on border security, at a meeting organised by the Harbour Watch Group."
)


def _codebook(topics: dict[str, str], organisations: list[tuple[str, str, str]]) -> Codebook:
    taxonomy = pd.DataFrame(
        [{"topic_id": key, "keywords_en": words, "keywords_fr": ""} for key, words in topics.items()]
    )
    organizations = pd.DataFrame(
        [
            {"org_id": code, "name": name, "name_fr": name, "acronym": acronym, "acronym_fr": acronym, "kind": "body"}
            for code, name, acronym in organisations
        ]
    )
    return Codebook.from_tables(taxonomy, organizations)


def test_keywords_of_both_languages_are_read_and_blank_ones_dropped() -> None:
    taxonomy = pd.DataFrame([{"topic_id": "border", "keywords_en": "border; frontier;", "keywords_fr": "frontière"}])
    codebook = Codebook.from_tables(
        taxonomy, pd.DataFrame(columns=["org_id", "name", "name_fr", "acronym", "acronym_fr", "kind"])
    )
    assert codebook.topics == {"border": ("border", "frontier", "frontière")}


def test_an_organisation_is_found_by_its_folded_names_and_named_by_its_acronym() -> None:
    (organisation,) = _codebook({}, [("HWG", "Harbour Watch Group", "HWG")]).organisations
    assert organisation.name_en == "HWG"
    assert "harbour watch group" in organisation.names


def test_topics_come_from_the_codebook_passed_in() -> None:
    (meeting,) = extract_article(TALKS, codebook=_codebook({"ports": "border security"}, []))["meetings"]
    assert meeting["topics"] == ["ports"]
    (bundled,) = extract_article(TALKS, codebook=BUNDLED_CODEBOOK)["meetings"]
    assert "ports" not in bundled["topics"]


def test_an_organiser_is_named_as_the_codebook_names_it() -> None:
    codebook = _codebook({"ports": "border security"}, [("HWG", "Harbour Watch Group", "HWG")])
    (meeting,) = extract_article(TALKS, codebook=codebook)["meetings"]
    assert meeting["organizer"] == "HWG"


def test_an_empty_codebook_tags_no_topic() -> None:
    (meeting,) = extract_article(TALKS, codebook=Codebook())["meetings"]
    assert meeting["topics"] == []
