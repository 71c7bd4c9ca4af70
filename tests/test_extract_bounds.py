"""The extractor answers in bounded time whatever it is given, up to the 20 MB an upload may be."""

from __future__ import annotations

import pytest
from conftest import BUNDLED_CODEBOOK

from liaison.extract.article import MAX_SENTENCE_CHARS, MAX_SENTENCES, REPEATS_READ, extract_article, sentence_spans
from liaison.intake.drafts import MAX_ARTICLE_BYTES

LEDE = (
    "The interior ministers of Jordan and Iraq held talks in Amman on 5 March 2024 on border security and drug "
    "trafficking."
)
FILLER = (
    "The weather in the region stayed mild for the season, and the markets were busy with traders from the "
    "surrounding villages who came to sell fruit and vegetables."
)


def _meeting_of_the_lede(result: dict) -> None:
    assert result["meetings"], "the meeting of the first paragraph is found"
    first = result["meetings"][0]
    assert (first["city"], first["start_date"], first["participant_states_iso3"]) == (
        "Amman",
        "2024-03-05",
        ["JOR", "IRQ"],
    )


@pytest.mark.parametrize(
    "body",
    [
        "\n".join([LEDE] + [f"{FILLER} Item {n}." for n in range(110_000)]),
        " ".join([LEDE] + [f"{FILLER} Item {n}." for n in range(12_000)]),
        LEDE + " " + "réunion à Rabat le 6 mai 2023, " * 200_000,
        LEDE + "\n" + f"{FILLER}\n" * 120_000,
    ],
    ids=["19-mb-of-prose", "a-long-single-line", "one-clause-repeated", "one-sentence-repeated"],
)
def test_long_and_repetitive_articles_are_read_from_their_head(body: str):
    """A text near the upload limit, on one line or repeating itself, still gives the meeting its lede states."""
    assert len(body.encode()) < MAX_ARTICLE_BYTES
    _meeting_of_the_lede(extract_article(f"published: 2024-03-07\n\n{body}", codebook=BUNDLED_CODEBOOK))


def test_a_text_without_spaces_or_stops_gives_no_meeting():
    """A 19 MB run of letters has no sentence to read: no meeting, no error."""
    assert extract_article("x" * 19_000_000, codebook=BUNDLED_CODEBOOK)["meetings"] == []


def test_sentences_are_capped_in_length_number_and_repetition():
    """Over-long sentences are cut, a sentence repeated many times is read twice, and at most so many are read."""
    long_line = ", ".join(f"clause number {n}" for n in range(2_000))
    assert all(end - start <= MAX_SENTENCE_CHARS for start, end, _ in sentence_spans(long_line))
    repeated = " ".join(["The delegations met in Rabat."] * 50)
    assert len(sentence_spans(repeated)) == REPEATS_READ
    distinct = " ".join(f"Sentence number {n} ends here." for n in range(5 * MAX_SENTENCES))
    assert len(sentence_spans(distinct)) == MAX_SENTENCES
