"""Who attended: delegations listed at a gathering, a body's members, and the state of who presides.

Every article here is invented for these tests; each case fails when the rule it names is removed.
"""

from __future__ import annotations

import pytest
from conftest import BUNDLED_CODEBOOK

from liaison.extract.article import extract_article


def meetings(body: str, published: str) -> list[dict]:
    text = f"source: https://example.org/invented\npublished: {published}\n\n{body}\n"
    return extract_article(text, codebook=BUNDLED_CODEBOOK)["meetings"]


def test_a_gathering_that_brought_delegations_together_is_placed_where_it_did():
    """ "The conference brought together the chiefs of A, B … in Algiers": the city is the conference's."""
    found = meetings(
        "The conference brought together the heads of the intelligence services of Tunisia, Libya, Egypt, Sudan, "
        "Mauritania, Mali, Burkina Faso, Niger and Chad in Algiers on 26 April to discuss terrorism in the Sahel.",
        "2023-04-28",
    )
    assert [(m["city"], m["country_iso3"], m["start_date"]) for m in found] == [("Algiers", "DZA", "2023-04-26")]
    assert found[0]["participant_states_iso3"] == ["TUN", "LBY", "EGY", "SDN", "MRT", "MLI", "BFA", "NER", "TCD"]


def test_the_states_a_body_groups_are_its_members_not_the_session_s_attendees():
    """ "The CSTO, which groups A, B, C …, held a session": membership, not attendance."""
    found = meetings(
        "The CSTO, which groups Russia, Belarus, Armenia, Kazakhstan, Kyrgyzstan and Tajikistan, held a session of "
        "its Committee of Secretaries of Security Councils in Minsk on 26 April.",
        "2023-04-28",
    )
    assert [(m["city"], m["participant_states_iso3"]) for m in found] == [("Minsk", [])]


def test_who_presides_among_his_named_counterparts_is_the_venue_s_state():
    """ "Le ministre a présidé à Alger la réunion, en présence de ses homologues tunisien et libyen": Algeria too."""
    found = meetings(
        "Le ministre de l'Intérieur a présidé mercredi à Alger la réunion des chefs des services de renseignement sur "
        "le terrorisme au Sahel, en présence de ses homologues tunisien, libyen, malien et nigérien.",
        "2023-04-28",
    )
    assert [m["participant_states_iso3"] for m in found] == [["DZA", "TUN", "LBY", "MLI", "NER"]]


def test_a_minister_who_brought_chiefs_together_held_a_meeting():
    """ "Le ministre a réuni mardi à Rabat les chefs de la police de A, B et C": a meeting, though no noun names it."""
    found = meetings(
        "Le ministre de l'Intérieur a réuni mardi à Rabat les chefs de la police du Maroc, de l'Espagne et du Portugal "
        "afin de coordonner la sécurité de la Coupe du monde.",
        "2024-05-16",
    )
    assert [(m["city"], m["start_date"], m["participant_states_iso3"]) for m in found] == [
        ("Rabat", "2024-05-14", ["MAR", "ESP", "PRT"])
    ]


def test_a_party_s_own_congress_is_no_meeting():
    """ "Le parti au pouvoir a tenu son congrès": a party's gathering, even when its summit speaks of security."""
    found = meetings(
        "Le parti au pouvoir a tenu son congrès à Dakar samedi. Les militants ont réélu leur président. Le sommet du "
        "parti a également évoqué la sécurité dans le pays.",
        "2023-11-02",
    )
    assert found == []


def test_a_trade_fair_of_security_firms_with_no_state_taking_part_is_no_meeting():
    """Exhibitors selling drones to visitors in Johannesburg: security business, not states meeting."""
    found = meetings(
        "The annual conference of the national association of security companies opened in Johannesburg on Monday. "
        "Exhibitors showed drones and cameras to hundreds of visitors. Sales of private security services have grown "
        "by 8 percent.",
        "2024-09-10",
    )
    assert found == []


def test_the_states_a_body_brings_together_are_members_not_attendees():
    """ "The SCO brings together A, B, C …" after the session: membership, while the session's own list counts."""
    found = meetings(
        "The SCO anti-terrorist council met in Tashkent on 28 February. The SCO brings together China, Russia, "
        "India, Pakistan, Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan. Delegates discussed terrorism.",
        "2024-03-01",
    )
    assert [(m["city"], m["participant_states_iso3"]) for m in found] == [("Tashkent", [])]
    found = meetings(
        "The regional counter-terrorism conference, which brings together China, Russia, India and Pakistan, "
        "opened in Tashkent on 28 February.",
        "2024-03-01",
    )
    assert [m["participant_states_iso3"] for m in found] == [["CHN", "RUS", "IND", "PAK"]]


def test_guests_welcomed_at_a_reception_are_not_a_meeting_of_their_own():
    """ "Were welcomed at a reception on Monday" is protocol; the ministerial meeting on Tuesday is the one meeting."""
    found = meetings(
        "The Gulf ministers were welcomed at a reception at the royal palace in Riyadh on Monday evening. The "
        "ministerial meeting on counter-terrorism opens on Tuesday in Riyadh with Saudi Arabia, Qatar, Kuwait and "
        "Oman.",
        "2023-06-10",
    )
    assert [(m["start_date"], m["participant_states_iso3"]) for m in found] == [
        ("2023-06-06", ["SAU", "QAT", "KWT", "OMN"])
    ]


@pytest.mark.parametrize(
    "members",
    [
        "The CSTO includes Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan.",
        "L'OTSC compte six membres : l'Arménie, le Bélarus, le Kazakhstan, le Kirghizstan, la Russie et le "
        "Tadjikistan.",
        "Cette organisation réunit l'Arménie, le Bélarus, le Kazakhstan, le Kirghizstan, la Russie et le Tadjikistan.",
    ],
)
def test_a_body_s_own_list_of_members_after_the_meeting_is_not_its_attendance(members: str):
    """ "The CSTO includes …", "compte six membres", "cette organisation réunit …": who belongs, not who came."""
    found = meetings(f"The CSTO security council secretaries met in Minsk on 28 February. {members}", "2024-03-01")
    assert [(m["city"], m["participant_states_iso3"]) for m in found] == [("Minsk", [])]


def test_participants_who_include_named_police_chiefs_attended():
    """ "Participants include the police chiefs of A, B and C" names who came, unlike a body's own list."""
    found = meetings(
        "The regional police conference opened in Nairobi on 28 February. Participants include the police chiefs "
        "of Kenya, Uganda and Tanzania.",
        "2024-03-01",
    )
    assert [m["participant_states_iso3"] for m in found] == [["KEN", "UGA", "TZA"]]
