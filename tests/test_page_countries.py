"""The Countries page, run headless with AppTest on the hand-made dataset: profiles, comparison and the URL."""

from __future__ import annotations

from pathlib import Path

import plotly.io
import pytest
from conftest import displayed, url
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent
PAGE = "app_pages/countries.py"


@pytest.fixture
def app(app):
    """Open the Countries page the way a link to it does: the first run is already on the page."""

    def start(**params: str | list[str]) -> AppTest:
        return app(PAGE, **params)

    return start


def profiled(at: AppTest) -> list[str]:
    return [header.value for header in at.subheader]


def metrics(at: AppTest) -> list[tuple[str, str]]:
    return [(metric.label, metric.value) for metric in at.metric]


def titles(at: AppTest) -> list[str]:
    return [plotly.io.from_json(chart.proto.spec).layout.title.text for chart in at.get("plotly_chart")]


def test_the_page_profiles_the_busiest_state_until_one_is_picked(app) -> None:
    """Opened bare, the page shows Morocco (in 5 of 6 meetings) with all four figures, and puts it in the URL."""
    at = app()
    assert not at.exception
    assert profiled(at) == ["Morocco"] and at.selectbox(key="countries_state").value == "MAR"
    assert metrics(at) == [("Meetings", "5"), ("Multilateral", "2"), ("Bilateral", "3"), ("Partner states", "4")]
    assert titles(at) == [
        "Meetings per month, by format",
        "Roles Morocco played",
        "Topics of the meetings of Morocco (5 meetings)",
        "Partner network of Morocco",
    ]
    assert url(at) == {"state": ["MAR"]}


def test_a_single_country_filter_picks_the_state(app) -> None:
    """`?country=QAT` profiles Qatar without a picker, and says where the choice came from."""
    at = app(country="QAT")
    assert not at.exception
    assert profiled(at) == ["Qatar"]
    assert "countries_state" not in [box.key for box in at.selectbox]
    assert ("Meetings", "2") in metrics(at) and ("Partner states", "1") in metrics(at)
    assert "Profile of Qatar, the only country in the filters" in displayed(at)
    assert url(at) == {"country": ["QAT"], "state": ["QAT"]}


def test_a_link_opens_a_comparison_side_by_side(app) -> None:
    """`?state=MAR&compare=QAT` draws both profiles over the same view, each figure twice."""
    at = app(state="MAR", compare="QAT")
    assert not at.exception
    assert profiled(at) == ["Morocco", "Qatar"]
    assert at.selectbox(key="countries_compare").value == "QAT"
    assert len(at.get("plotly_chart")) == 8
    assert "Partner network of Morocco" in titles(at) and "Partner network of Qatar" in titles(at)
    assert metrics(at)[4:] == [("Meetings", "2"), ("Multilateral", "1"), ("Bilateral", "1"), ("Partner states", "1")]
    assert url(at) == {"state": ["MAR"], "compare": ["QAT"]}


def test_comparing_keeps_the_period_of_the_view(app) -> None:
    """Both profiles follow the same month range: in May 2025 Morocco has three meetings, Russia one."""
    at = app(state="MAR", compare="RUS", **{"from": "2025-05", "to": "2025-05"})
    assert [value for label, value in metrics(at) if label == "Meetings"] == ["3", "1"]


def test_picking_states_writes_them_to_the_url(app) -> None:
    """Each picker writes its parameter; clearing the comparison removes `compare`."""
    at = app()
    at.selectbox(key="countries_state").set_value("RUS").run()
    assert profiled(at) == ["Russia"] and url(at) == {"state": ["RUS"]}
    at.selectbox(key="countries_compare").set_value("MAR").run()
    assert profiled(at) == ["Russia", "Morocco"] and url(at) == {"state": ["RUS"], "compare": ["MAR"]}
    at.selectbox(key="countries_compare").set_value("").run()
    assert profiled(at) == ["Russia"] and url(at) == {"state": ["RUS"]}


def test_a_state_cannot_be_compared_with_itself(app) -> None:
    """Picking the compared state as the profiled one drops the comparison."""
    at = app(state="MAR", compare="QAT")
    at.selectbox(key="countries_state").set_value("QAT").run()
    assert profiled(at) == ["Qatar"] and "compare" not in url(at)


def test_a_url_changed_from_outside_reseeds_the_pickers(app) -> None:
    """Back and forward change the URL under the page: the profile follows it."""
    at = app(state="MAR")
    at.query_params["state"] = "SAU"
    at.query_params["compare"] = "ESP"
    at.run()
    assert profiled(at) == ["Saudi Arabia", "Spain"]
    assert at.selectbox(key="countries_state").value == "SAU"


def test_an_unknown_state_in_a_link_is_named_not_fatal(app) -> None:
    """A state the data do not know is named in a warning, and the busiest state is shown instead."""
    at = app(state="ATL", compare="QAT")
    assert not at.exception
    assert "The link asked for state ATL, which is not in this dataset" in displayed(at)
    assert profiled(at) == ["Morocco", "Qatar"] and url(at) == {"state": ["MAR"], "compare": ["QAT"]}


def test_the_page_reads_in_french(app) -> None:
    """`lang=fr`: titles, figures, metrics and bloc statuses are French."""
    at = app(lang="fr", state="RUS")
    assert at.title[0].value == "Profil de pays"
    assert profiled(at) == ["Russie"]
    assert "Réseau de partenaires de Russie" in titles(at) and "Rôles joués par Russie" in titles(at)
    assert ("États partenaires", "1") in metrics(at)
    assert "membre" in displayed(at)  # Russia's CSTO membership


def test_a_filter_that_matches_nothing_says_so(app) -> None:
    """An empty view gets the shared message and its way out, and no profile."""
    at = app(country="RUS", format="bilateral")
    assert not at.exception
    assert "No meeting matches these filters" in displayed(at)
    assert not at.get("plotly_chart") and not at.metric


def test_a_state_outside_the_view_says_it_has_no_meeting(app) -> None:
    """Russia takes part in no bilateral meeting: its side of the comparison says so instead of drawing."""
    at = app(format="bilateral", state="MAR", compare="RUS")
    assert "No meeting of this view involves Russia." in displayed(at)
    assert len(at.get("plotly_chart")) == 4


def test_partners_are_ranked_and_the_network_offers_its_table(app) -> None:
    """Morocco's partners, strongest first, kinds apart, Austria (venue only) absent; the network has its table."""
    at = app(state="MAR")
    ranked = next(frame.value for frame in at.dataframe if "Partner" in frame.value.columns)
    assert list(ranked["Partner"]) == ["Qatar", "Spain", "Russia", "Saudi Arabia"]
    assert list(ranked["Bilateral meetings"]) == [1, 1, 0, 1]
    assert list(ranked["Multilateral meetings attended together"]) == [1, 0, 1, 0]
    assert "Austria" not in list(ranked["Partner"])
    at.toggle(key="countries_a_network_as_table").set_value(True).run()
    assert sum("Meetings together" in frame.value.columns for frame in at.dataframe) == 2


def test_every_chart_has_its_words_and_a_table(app) -> None:
    """All eight figures of a comparison have a table switch of their own, and alt text under them."""
    at = app(state="RUS", compare="MAR")
    keys = [toggle.key for toggle in at.toggle]
    for side in ("a", "b"):
        for chart in ("monthly", "roles", "topics", "network"):
            assert f"countries_{side}_{chart}_as_table" in keys
    page = displayed(at)
    assert "Bar chart of the roles Russia played in its 2 meeting(s) of this view: host (2), venue country (2)." in page
    assert "Network of Morocco and 4 of its 4 partner state(s)" in page


def test_leaving_the_page_drops_its_parameters(app) -> None:
    """`state` and `compare` belong to this page: another page's URL does not carry them."""
    at = app(state="MAR", compare="QAT")
    at.switch_page("app_pages/overview.py").run()
    assert "state" not in url(at) and "compare" not in url(at)


def test_clearing_the_country_filter_keeps_the_state_in_the_picker(app) -> None:
    """Qatar, picked by the filter, stays profiled when the filter is cleared, now in the picker."""
    at = app(country="QAT")
    at.multiselect(key="f_country").set_value([]).run()
    assert not at.exception
    assert at.selectbox(key="countries_state").value == "QAT" and profiled(at) == ["Qatar"]
    assert url(at) == {"state": ["QAT"]}
