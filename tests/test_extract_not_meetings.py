"""What is not a security meeting: a numbered summit told in passing, a cabinet's security meeting, a lecture series.

Every article here is invented for these tests; each case fails when the rule it names is removed.
"""

from __future__ import annotations

import pytest
from conftest import BUNDLED_CODEBOOK

from liaison.extract.article import extract_article


def meetings(body: str, published: str) -> list[dict]:
    text = f"source: https://example.org/invented\npublished: {published}\n\n{body}\n"
    return extract_article(text, codebook=BUNDLED_CODEBOOK)["meetings"]


@pytest.mark.parametrize(
    "body",
    [
        "The interior ministers of Chad and Niger met in N'Djamena on Monday to discuss border security. President "
        "Deby will attend the 37th African Union summit in Addis Ababa this weekend.",
        "Les ministres de l'Intérieur du Tchad et du Niger se sont réunis lundi à N'Djamena pour parler de sécurité "
        "des frontières. Le président Déby participera au 37e sommet de l'Union africaine à Addis-Abeba.",
    ],
)
def test_a_numbered_summit_told_after_the_meeting_is_a_summit_in_passing(body: str):
    """The 37th summit is another series the leader attends; only the ministers' meeting is drafted."""
    found = meetings(body, "2024-02-20")
    assert [(m["city"], m["participant_states_iso3"]) for m in found] == [("N'Djamena", ["TCD", "NER"])]


def test_a_numbered_summit_the_article_opens_with_is_its_own():
    """ "The 37th summit opened in Addis Ababa": the article's own meeting, numbered, stays."""
    found = meetings(
        "The 37th African Union summit on peace and security opened in Addis Ababa on 17 February.", "2024-02-20"
    )
    assert [(m["edition"], m["city"]) for m in found] == [(37, "Addis Ababa")]


@pytest.mark.parametrize(
    "body",
    [
        "Le président de la République a réuni vendredi au palais présidentiel le Premier ministre, le ministre de "
        "l'Intérieur et le ministre de la Défense pour une réunion de sécurité après les attentats.",
        "The university hosted a conference on cybercrime on Monday in Nairobi, with lectures by academics. Students "
        "attended the event.",
    ],
)
def test_a_meeting_with_no_state_organisation_or_foreign_party_is_not_cooperation(body: str):
    """A cabinet's meeting after attacks, a lecture series: no state, body or foreign word, so nothing to record."""
    assert meetings(body, "2024-02-20") == []
