"""The partner network and the profile's figures: what they draw, in which language, and when empty."""

from __future__ import annotations

import pandas as pd
import pytest

from liaison.figures.network import (
    ego_network,
    layout,
    network_alt,
    partner_graph,
    roles_alt,
    roles_chart,
    strongest,
    topics_alt,
    topics_chart,
)
from liaison.figures.theme import FORMAT_COLOURS, TEMPLATE
from liaison.view.filters import Filters
from liaison.view.partners import partners, roles_played, topics_of
from liaison.view.query import select


def edges(figure) -> dict[tuple[str, str], float]:
    """(kind, partner) -> line width, for every drawn edge."""
    return {(trace.meta["kind"], trace.meta["partner"]): trace.line.width for trace in figure.data if trace.meta}


def nodes(figure):
    return next(trace for trace in figure.data if trace.mode == "markers+text")


def ranked(mini, state: str = "MAR") -> pd.DataFrame:
    return partners(mini, state, select(mini, Filters()))


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (
            "MAR",
            {
                ("bilateral", "QAT"),
                ("bilateral", "ESP"),
                ("bilateral", "SAU"),
                ("co_attendance", "QAT"),
                ("co_attendance", "RUS"),
            },
        ),
        ("QAT", {("bilateral", "MAR"), ("co_attendance", "MAR")}),
        ("RUS", {("co_attendance", "MAR")}),
    ],
)
def test_each_kind_of_tie_is_its_own_edge(mini, state, expected) -> None:
    """A pair that met both ways gets two edges, one per kind; a partner of one kind gets one."""
    assert set(edges(ego_network(ranked(mini, state), state))) == expected


def test_edges_are_coloured_by_kind_with_one_legend_entry_each(mini) -> None:
    """Bilateral in the bilateral colour, co-attendance in the multilateral one, each named once in the legend."""
    figure = ego_network(ranked(mini), "MAR")
    legend = [trace for trace in figure.data if trace.showlegend is not False and trace.mode == "lines"]
    assert [(trace.name, trace.line.color) for trace in legend] == [
        ("Bilateral meetings", FORMAT_COLOURS["bilateral"]),
        ("Co-attendance at multilateral meetings", FORMAT_COLOURS["multilateral"]),
    ]
    for trace in figure.data:
        if trace.meta:
            kind = "bilateral" if trace.meta["kind"] == "bilateral" else "multilateral"
            assert trace.line.color == FORMAT_COLOURS[kind] and trace.legendgroup == trace.meta["kind"]


def test_edges_are_wider_for_more_meetings() -> None:
    """Widths follow the number of meetings, on one scale for both kinds."""
    frame = pd.DataFrame({"partner": ["QAT", "TUR"], "bilateral": [3, 1], "co_attendance": [0, 1], "total": [3, 2]})
    widths = edges(ego_network(frame, "MAR"))
    assert widths[("bilateral", "QAT")] > widths[("bilateral", "TUR")] == widths[("co_attendance", "TUR")]


def test_nodes_are_named_in_the_language_and_hover_gives_the_counts(mini) -> None:
    """In French the nodes read Espagne and Russie, and hovering a partner gives both counts."""
    figure = ego_network(ranked(mini), "MAR", "fr")
    points = nodes(figure)
    assert list(points.customdata) == ["MAR", "QAT", "ESP", "RUS", "SAU"]
    assert list(points.text)[1:] == ["Qatar", "Espagne", "Russie", "Arabie saoudite"]
    assert (
        "Réunions bilatérales : 1" in points.hovertext[1]
        and "Réunions multilatérales en commun : 1" in points.hovertext[1]
    )
    assert figure.layout.annotations[0].text == "<b>Maroc</b>"
    assert figure.layout.title.text == "Réseau de partenaires de Maroc"


def test_the_network_keeps_only_the_strongest_partners(mini) -> None:
    """Bounded: with room for two, Qatar (2 meetings) and Spain (1, first by code) are drawn, and the words say so."""
    figure = ego_network(ranked(mini), "MAR", max_partners=2)
    assert list(nodes(figure).customdata) == ["MAR", "QAT", "ESP"]
    assert list(strongest(ranked(mini), 2)["partner"]) == ["QAT", "ESP"]
    assert "2 of its 4 partner state(s)" in network_alt(ranked(mini), "MAR", max_partners=2)


def test_the_layout_is_the_same_every_time_with_the_state_at_the_centre(mini) -> None:
    """No randomness: the same partners give the same picture, the state in the middle."""
    frame = ranked(mini)
    graph = partner_graph(frame, "MAR")
    first = layout(graph, "MAR", list(frame["partner"]))
    assert first == layout(partner_graph(frame, "MAR"), "MAR", list(frame["partner"]))
    assert first["MAR"] == (0.0, 0.0)
    assert graph.edges["MAR", "QAT"] == {"bilateral": 1, "co_attendance": 1, "weight": 2}


def test_a_full_network_puts_the_strongest_partners_on_an_inner_ring() -> None:
    """Past twelve partners, the eight strongest sit closer to the state than the others."""
    codes = ["ARE", "DEU", "DZA", "EGY", "ESP", "FRA", "IRQ", "ITA", "JOR", "LBN", "LBY", "OMN", "PAK", "QAT", "SAU"]
    frame = pd.DataFrame({"partner": codes, "bilateral": range(15, 0, -1), "co_attendance": 0})
    frame = frame.assign(total=frame["bilateral"])
    positions = layout(partner_graph(frame, "MAR"), "MAR", codes)
    radius = {code: (x**2 + y**2) ** 0.5 for code, (x, y) in positions.items()}
    assert max(radius[code] for code in codes[:8]) < min(radius[code] for code in codes[8:])


def test_no_partner_draws_an_explicit_empty_figure(mini) -> None:
    """Austria only hosts a venue: its network says it has no partner rather than drawing a lone dot."""
    figure = ego_network(ranked(mini, "AUT"), "AUT")
    assert not figure.data
    assert figure.layout.annotations[0].text == "Austria has no partner state in this view."
    assert network_alt(ranked(mini, "AUT"), "AUT", "fr") == "Autriche n'a aucun État partenaire dans cette vue."


def test_profile_figures_use_the_project_template(mini) -> None:
    """Every profile figure, empty or not, carries the template, so exports are not drawn black."""
    ids = select(mini, Filters())
    figures = [
        ego_network(ranked(mini), "MAR"),
        ego_network(ranked(mini, "AUT"), "AUT"),
        roles_chart(roles_played(mini, "RUS", ids), "RUS"),
        topics_chart(topics_of(mini, "MAR", ids), "MAR", 5, mini.taxonomy),
    ]
    for figure in figures:
        assert figure.layout.template.layout.font.family == TEMPLATE.layout.font.family


def test_roles_chart_and_its_words(mini) -> None:
    """Russia hosted both Moscow meetings in its own city: host and venue country, two each, in bars and words."""
    roles = roles_played(mini, "RUS", select(mini, Filters()))
    figure = roles_chart(roles, "RUS", "fr")
    assert list(figure.data[0].y) == ["hôte", "pays du lieu"] and list(figure.data[0].x) == [2, 2]
    assert figure.layout.title.text == "Rôles joués par Russie"
    assert roles_alt(roles, "RUS", 2).endswith("its 2 meeting(s) of this view: host (2), venue country (2).")


def test_topics_chart_is_titled_for_the_state_and_says_when_it_has_none(mini) -> None:
    """Side by side, the title names the state; a state whose meetings have no topic gets a sentence, not bars."""
    ids = select(mini, Filters())
    figure = topics_chart(topics_of(mini, "MAR", ids), "MAR", 5, mini.taxonomy)
    assert figure.layout.title.text == "Topics of the meetings of Morocco (5 meetings)"
    assert list(figure.data[0].x) == [2, 1, 1]
    assert "Most discussed: Terrorism (2)" in topics_alt(topics_of(mini, "MAR", ids), "MAR", 5, mini.taxonomy)
    empty = topics_chart(topics_of(mini, "ESP", ids), "ESP", 1, mini.taxonomy)
    assert empty.layout.annotations[0].text == "No topic is stated for the meetings of Spain in this view."
