"""The article extractor, one rule per test, on short texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import BUNDLED_CODEBOOK

from liaison.extract.article import detect_language, extract_article, extract_with_evidence, split_header
from liaison.extract.dates import When, find_dates
from liaison.extract.draft import DRAFT_FIELDS
from liaison.extract.places import find_cities, find_state_refs


def day(value: str) -> When:
    parsed = date.fromisoformat(value)
    return When(parsed, parsed, "day")


def meetings(text: str, **options) -> list[dict]:
    return extract_article(text, codebook=BUNDLED_CODEBOOK, **options)["meetings"]


def only(text: str, **options) -> dict:
    found = meetings(text, **options)
    assert len(found) == 1, found
    return found[0]


def test_records_have_exactly_the_labels_keys_and_the_language():
    """The output is the shape of shared/sources/NN.json: a language and meetings with the labels' keys."""
    result = extract_article(
        "published: 2024-03-07\n\nThe Jordanian interior minister held talks on Tuesday in Amman with his Iraqi "
        "counterpart on border security.",
        codebook=BUNDLED_CODEBOOK,
    )
    assert result["language"] == "en"
    assert tuple(result["meetings"][0]) == DRAFT_FIELDS  # the labels' keys (tests/test_draft.py)


def test_header_lines_and_a_leading_date_are_read_and_removed():
    """`source:` and `published:` lines, or a leading "date YYYY-MM", are metadata, not text."""
    header, body = split_header("source: https://example.org/a\npublished: 2024-05\n\nBody text.")
    assert header == {"source": "https://example.org/a", "published": "2024-05"}
    assert body == "Body text."
    header, body = split_header(" date 2025-05 Le ministre a reçu son homologue.")
    assert header["published"] == "2025-05"
    assert body == "Le ministre a reçu son homologue."


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Le ministre de l'Intérieur a reçu son homologue.", "fr"), ("The minister met the chief.", "en")],
)
def test_language_is_told_by_common_words(text, lang):
    """French or English without dateparser's slow auto-detection."""
    assert detect_language(text) == lang


def test_a_list_of_days_with_derniers_is_a_range_in_the_past():
    """ "les 6 et 7 mai derniers" is 6–7 May of the year before the article, here the same year."""
    (mention,) = find_dates("les 6 et 7 mai derniers", "fr", day("2025-05-28"))
    assert mention.when == When(date(2025, 5, 6), date(2025, 5, 7), "day")


def test_a_french_range_without_a_year_is_not_given_one():
    """ "du 26 au 28 juin" in an undated article keeps its day and month but no year is invented."""
    found = only(
        "Le ministre s'est rendu du 26 au 28 juin à Paris pour des entretiens avec son homologue français sur la "
        "coopération policière."
    )
    assert (found["start_date"], found["end_date"], found["date_precision"]) == (None, None, None)
    assert found["city"] == "Paris"


@pytest.mark.parametrize(
    ("text", "lang", "start", "end"),
    [
        ("on April 2-3, 2024", "en", "2024-04-02", "2024-04-03"),
        ("on 24-25 September 2024", "en", "2024-09-24", "2024-09-25"),
        ("from November 24 to 27, 2025", "en", "2025-11-24", "2025-11-27"),
        ("du 4 au 8 février 2024", "fr", "2024-02-04", "2024-02-08"),
        ("le 5 et 6 mars 2024", "fr", "2024-03-05", "2024-03-06"),
        ("on Thursday 17 and Friday 18 November 2022", "en", "2022-11-17", "2022-11-18"),
    ],
)
def test_ranges_and_lists_of_days(text, lang, start, end):
    """Hyphenated, "from … to", "du … au" and "… et …" forms all give a first and a last day."""
    (mention,) = [m for m in find_dates(text, lang, None) if m.kind == "day"]
    assert mention.when == When(date.fromisoformat(start), date.fromisoformat(end), "day")


def test_a_weekday_is_the_last_such_day_before_the_article():
    """ "mardi" in an article of Thursday 7 March 2024 is Tuesday 5 March."""
    found = only(
        "published: 2024-03-07\n\nLe ministre tunisien de l'Intérieur a reçu mardi à Tunis son homologue libyen "
        "pour parler de sécurité des frontières."
    )
    assert (found["start_date"], found["date_precision"]) == ("2024-03-05", "day")


def test_a_weekday_in_an_article_dated_to_the_month_only_gives_the_month():
    """Without the article's day, "dimanche" only says which month."""
    found = only(
        "published: 2024-02\n\nLes ministres arabes de l'Intérieur ont ouvert dimanche à Tunis leur session annuelle "
        "consacrée à la sécurité."
    )
    assert (found["start_date"], found["date_precision"]) == ("2024-02-01", "month")


def test_a_dateline_dates_the_article_not_the_meeting():
    """ "CAIRO, 12 March 2023 –" is when the story was filed; "opened on Sunday … for two days" dates the meeting."""
    found = meetings(
        "CAIRO, 14 March 2023 – The 5th regional conference on counter-terrorism opened on Sunday in Cairo for two "
        "days, with delegations from Egypt, Jordan and Tunisia."
    )[0]
    assert (found["start_date"], found["end_date"]) == ("2023-03-12", "2023-03-13")


def test_a_day_inside_a_longer_event_without_its_first_day_gives_the_month():
    """A speech "on Feb. 17" at a three-day conference does not say when the conference began."""
    found = meetings(
        "A minister spoke at the 2018 Lisbon Security Forum on Feb. 17, in Lisbon. The three-day event drew "
        "intelligence chiefs from Spain and Italy."
    )[0]
    assert (found["start_date"], found["date_precision"]) == ("2018-02-01", "month")


def test_a_weekday_pins_the_year_of_a_date_given_without_one():
    """ "Tuesday 22 November" in an article about November 2022 can only be 2022."""
    found = meetings(
        "Leaders met in Abuja on Thursday 17 and Friday 18 November 2022 to discuss security. They will hold a "
        "summit on Tuesday 22 November in Abuja."
    )
    assert [m["start_date"] for m in found] == ["2022-11-17", "2022-11-22"]


def test_bilateral_talks_on_the_margins_point_to_their_parent_one_per_counterpart():
    """ "En marge de …" links each bilateral to the multilateral meeting, with the visitor and one counterpart each."""
    found = meetings(
        "published: 2025-05-09\n\nLe directeur de la police marocaine a participé les 6 et 7 mai derniers à Vienne "
        "à la 22e réunion régionale des services de sécurité. En marge de cette réunion, il a eu des entretiens "
        "bilatéraux avec les chefs des délégations du Qatar, de la Turquie et du Pakistan sur le terrorisme."
    )
    main, *talks = found
    assert (main["format"], main["edition"], main["city"]) == ("multilateral", 22, "Vienne")
    assert main["country_iso3"] == "AUT"
    assert main["start_date"] == "2025-05-06"
    assert [t["participant_states_iso3"] for t in talks] == [["MAR", "QAT"], ["MAR", "TUR"], ["MAR", "PAK"]]
    assert {t["parent"] for t in talks} == {0}
    assert {t["format"] for t in talks} == {"bilateral"}


def test_a_visit_abroad_is_a_bilateral_between_the_visitor_and_the_host():
    """A visit names the host by place; the visitor's state comes from how the lede introduces him."""
    found = meetings(
        "published: 2024-03-10\n\nUne délégation marocaine conduite par le directeur de la police a effectué du 4 au 6 "
        "mars une visite en Espagne, où elle a discuté de la lutte contre le trafic de drogue."
    )
    assert found[0]["participant_states_iso3"] == ["MAR", "ESP"]
    assert (found[0]["start_date"], found[0]["end_date"]) == ("2024-03-04", "2024-03-06")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le ministre syrien et le ministre émirati", ["SYR", "ARE"]),
        ("his Qatari counterpart and the Emirati delegation", ["QAT", "ARE"]),
        ("les services marocains et la police espagnole", ["MAR", "ESP"]),
        ("the director of the FSB and the head of MI6", ["RUS", "GBR"]),
        ("Türkiye, Turkey, la Turquie, a Turkish officer", ["TUR", "TUR", "TUR", "TUR"]),
        ("la Biélorussie, the Kyrgyz Republic, l'Etat de Palestine", ["BLR", "KGZ", "PSE"]),
    ],
)
def test_states_named_by_name_demonym_or_agency(text, expected):
    """Country names in both languages, demonyms in every gender and number, and national agencies."""
    assert [ref.iso3 for ref in find_state_refs(text) if ref.role == "actor"] == expected


def test_places_and_persons_nationalities_are_not_parties():
    """ "in Afghanistan" is a place, "Dr Amina Bello of Niger" a person; the Gulf of Guinea is no state."""
    refs = find_state_refs(
        "The talks covered the situation in Afghanistan and the Gulf of Guinea; Dr Amina Bello of Niger chaired."
    )
    assert [(ref.iso3, ref.role) for ref in refs] == [("AFG", "place"), ("NER", "ignored")]


def test_guests_and_hopes_are_not_participants():
    """States "invited as guests" or "expected to attend" are left out; those named as attending stay."""
    found = only(
        "The 19th meeting of interior ministers will be held in Tashkent on 2-3 April 2024. Kazakhstan will chair it "
        "and Iran will attend. Mongolia and Belarus are invited as guests. Japan is expected to attend."
    )
    assert found["participant_states_iso3"] == ["KAZ", "IRN"]


def test_a_sentence_about_another_year_adds_no_participant():
    """ "The forum was founded in 1990 by Spain" says nothing about who came in 2024."""
    found = meetings(
        "The 2024 Madrid security forum gathered police chiefs from Portugal and Morocco in Madrid on 5 June 2024. "
        "The forum was founded in 1990 by French and Italian officials."
    )[0]
    assert set(found["participant_states_iso3"]) == {"PRT", "MAR"}


@pytest.mark.parametrize(
    ("text", "edition"),
    [
        ("La 13e rencontre internationale des hauts représentants s'est tenue à Moscou en mai 2025.", 13),
        ("The 22nd regional meeting of intelligence chiefs took place in Vienna in May 2025.", 22),
        ("La XIe réunion internationale sur la sécurité s'est tenue à Moscou en mai 2023.", 11),
        ("The fourth conference of the committee opened in Khartoum in June 2007.", 4),
    ],
)
def test_editions_in_figures_roman_numerals_and_words(text, edition):
    """ "13e", "22nd", "XIe" and "fourth" before the meeting's name are its edition."""
    assert meetings(text)[0]["edition"] == edition


def test_the_next_meeting_of_a_series_is_the_next_edition():
    """ "the next assembly" after the 92nd assembly is the 93rd, a meeting of its own with its own place."""
    found = meetings(
        "The delegation attended the 92nd General Assembly of the police organisation in Glasgow in November 2024. "
        "Morocco will host the next General Assembly in Marrakech from 24 to 27 November 2025."
    )
    assert [(m["edition"], m["city"]) for m in found] == [(92, "Glasgow"), (93, "Marrakech")]


def test_earlier_editions_listed_with_their_years_become_meetings_of_the_series():
    """ "les éditions précédentes tenues à Abidjan (2021), Lomé (2022) et Accra (2023)" are editions 1 to 3."""
    found = meetings(
        "published: 2024-06-12\n\nLa 4e édition de la conférence africaine sur le terrorisme s'est ouverte mardi à "
        "Dakar. Elle prolonge les éditions précédentes tenues à Abidjan (2021), Lomé (2022) et Accra (2023)."
    )
    assert [(m["edition"], m["city"], m["start_date"], m["date_precision"]) for m in found] == [
        (4, "Dakar", "2024-06-11", "day"),
        (1, "Abidjan", "2021-01-01", "year"),
        (2, "Lomé", "2022-01-01", "year"),
        (3, "Accra", "2023-01-01", "year"),
    ]


def test_topics_come_from_the_taxonomy_keywords():
    """Keywords in either language give taxonomy ids, in order of appearance."""
    found = only(
        "published: 2023-05-04\n\nLes chefs de police de la région se sont réunis le 3 mai 2023 à Dakar pour parler "
        "de terrorisme, de cybercriminalité et de trafic de drogue."
    )
    assert {"terrorism", "cybercrime", "drug-trafficking"} <= set(found["topics"])


def test_talks_about_something_other_than_security_are_not_proposed():
    """The dashboard is about security cooperation: a bilateral about tourism is left out."""
    found = meetings(
        "published: 2024-02-20\n\nLe président tunisien a reçu lundi à Tunis le Premier ministre qatari pour parler "
        "des investissements dans le tourisme."
    )
    assert found == []


def test_a_french_city_name_is_kept_as_written_and_placed_in_the_right_country():
    """ "Vienne" next to "capitale de l'Autriche" is Vienna, not the French town, and stays "Vienne"."""
    (place,) = find_cities("Il s'est rendu à Vienne, capitale de l'Autriche.", context=["AUT"])
    assert (place.city, place.iso3) == ("Vienne", "AUT")


def test_the_published_argument_overrides_the_file():
    """`published=` from the command line dates the weekday instead of the file's own line."""
    found = only(
        "published: 2020-01-01\n\nThe Kenyan police chief met with his Ugandan counterpart on Monday in Nairobi to "
        "discuss cross-border crime.",
        published=date(2024, 6, 5),
    )
    assert found["start_date"] == "2024-06-03"


def test_each_field_comes_with_the_sentence_it_was_read_from():
    """The evidence for the date is the dated sentence, for the participants the one naming the states."""
    text = (
        "La 2e session du comité mixte de sécurité s'est tenue à Dakar le 4 juin 2024.\n"
        "Les délégations du Sénégal, du Mali et de la Mauritanie y ont discuté de la lutte contre le terrorisme."
    )
    result = extract_with_evidence(text, date(2024, 6, 6), "fr", codebook=BUNDLED_CODEBOOK)
    assert {key: value for key, value in result.items() if key != "evidence"} == extract_article(
        text, date(2024, 6, 6), "fr", codebook=BUNDLED_CODEBOOK
    )
    assert "evidence" not in extract_article(text, date(2024, 6, 6), "fr", codebook=BUNDLED_CODEBOOK)
    (meeting,) = result["meetings"]
    (evidence,) = result["evidence"]
    assert set(meeting["participant_states_iso3"]) == {"SEN", "MLI", "MRT"}
    assert "le 4 juin 2024" in evidence["date"]
    assert evidence["participants"].startswith("Les délégations du Sénégal, du Mali et de la Mauritanie")
    assert "Dakar" in evidence["venue"]
    assert set(evidence) <= {"meeting", "date", "venue", "participants", "organizer", "topics", "parent"}
    assert "organizer" not in evidence and "parent" not in evidence
    assert all(len(sentence) <= 301 for sentence in evidence.values())
