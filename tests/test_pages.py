"""Every page, run headless with AppTest on the hand-made dataset: filters, URL and language."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy
import plotly.io
import pytest
from conftest import displayed, url
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent
PAGES = sorted(path.name for path in (REPO / "app_pages").glob("*.py"))


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_an_exception(app, page) -> None:
    """A smoke test over pages/: a new page is covered the day it is added."""
    at = app()
    at.switch_page(f"app_pages/{page}").run()
    assert not at.exception


def test_overview_shows_headline_figures(app) -> None:
    at = app()
    assert metric(at, "Meetings") == "6"
    assert metric(at, "States involved") == "6"
    assert metric(at, "Multilateral") == "3" and metric(at, "Bilateral") == "3"
    assert "Title moscow-13" in displayed(at)


def test_a_link_opens_exactly_its_view(app) -> None:
    """`?country=QAT&from=2025-05&to=2025-05` shows the two Vienna meetings and nothing else."""
    at = app(country="QAT", **{"from": "2025-05", "to": "2025-05"})
    assert not at.exception
    assert at.multiselect(key="f_country").value == ["QAT"]
    assert (at.selectbox(key="f_from").value, at.selectbox(key="f_to").value) == ("2025-05", "2025-05")
    assert at.selectbox(key="f_period").value == "2025-05"
    assert metric(at, "Meetings") == "2"
    assert "Morocco and Qatar meet in Vienna" in displayed(at) and "Title moscow-13" not in displayed(at)


def test_changing_a_filter_rewrites_the_url(app) -> None:
    at = app()
    at.multiselect(key="f_country").set_value(["RUS"]).run()
    at.pills(key="f_format").set_value(["multilateral"]).run()
    assert url(at) == {"country": ["RUS"], "format": ["multilateral"]}
    assert metric(at, "Meetings") == "2"


def test_switching_pages_keeps_the_filters(app) -> None:
    at = app(country="QAT")
    at.switch_page("app_pages/timeline.py").run()
    assert not at.exception
    assert at.multiselect(key="f_country").value == ["QAT"]
    assert url(at) == {"country": ["QAT"]}
    assert "Title moscow-13" not in displayed(at)


def test_french_is_chosen_by_the_url_and_kept_in_it(app) -> None:
    at = app(lang="fr", country="RUS")
    assert at.title[0].value == "Vue d'ensemble"
    assert metric(at, "Réunions") == "2"
    assert "pays : Russie" in displayed(at)
    at.segmented_control(key="lang").set_value("en").run()
    assert at.title[0].value == "Overview" and "lang" not in at.query_params
    assert at.multiselect(key="f_country").value == ["RUS"]


def test_a_filter_that_matches_nothing_says_so(app) -> None:
    at = app(country="RUS", format="bilateral")
    assert "No meeting matches these filters" in displayed(at)
    assert not at.metric
    at.button(key="empty_reset").click().run()
    assert metric(at, "Meetings") == "6" and url(at) == {}


def test_an_unknown_value_in_a_link_is_named_not_fatal(app) -> None:
    at = app(country=["QAT", "ATL"])
    assert "country=ATL" in displayed(at)
    assert at.multiselect(key="f_country").value == ["QAT"]


def test_timeline_draws_both_charts_and_details_a_meeting(app) -> None:
    at = app(country="QAT")
    at.switch_page("app_pages/timeline.py").run()
    assert len(at.get("plotly_chart")) == 2
    at.selectbox(key="timeline_meeting").set_value("vienna-mar-qat").run()
    page = displayed(at)
    assert "Outlet One" in page and "Held on the margins of" in page and "Title vienna-22" in page


def test_timeline_offers_each_chart_as_a_table(app) -> None:
    at = app()
    at.switch_page("app_pages/timeline.py").run()
    at.toggle(key="timeline_monthly_as_table").set_value(True).run()
    assert any("Meetings" in frame.value.columns for frame in at.dataframe)  # headed in the reader's language


def test_an_invalid_data_folder_is_explained_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "meetings.csv").write_text("meeting_id\n", encoding="utf-8")
    monkeypatch.setenv("LIAISON_DATA", str(tmp_path))
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30).run()
    assert not at.exception
    assert "is not valid" in at.error[0].value
    assert "venues.csv: file is missing" in at.code[0].value


def chart(at: AppTest, index: int):
    """The plotly figure the app sent."""
    return plotly.io.from_json(at.get("plotly_chart")[index].proto.spec)


def numbers(values) -> list:
    """A trace's numbers, whether sent as a list or as a typed array ({dtype, bdata})."""
    if isinstance(values, dict) and "bdata" in values:
        return numpy.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def test_map_shades_the_states_of_the_view(app) -> None:
    at = app(country="QAT")
    at.switch_page("app_pages/map.py").run()
    assert not at.exception
    trace = chart(at, 0).data[0]
    counts = {code: z for code, z in zip(trace.locations, numbers(trace.z), strict=True) if z}
    assert counts == {"AUT": 2, "MAR": 2, "QAT": 2}
    assert "Qatar (2)" in displayed(at)


def test_map_draws_venues_and_links_without_a_basemap(app) -> None:
    at = app()
    at.switch_page("app_pages/map.py").run()
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert "cartocdn" not in json.dumps(deck)
    layers = {layer["id"]: layer for layer in deck["layers"]}
    assert {row["venue_id"] for row in layers["venues"]["data"]} == {"vic", "moscow", "country-sau"}
    assert "boundaries" in displayed(at).lower()
    assert "1 meeting(s) in this view have no known place" in displayed(at)


def test_map_reads_in_french(app) -> None:
    at = app(lang="fr")
    at.switch_page("app_pages/map.py").run()
    assert at.title[0].value == "Carte des États participants"
    assert chart(at, 0).data[0].colorbar.title.text == "Réunions"


def test_map_offers_both_maps_as_tables(app) -> None:
    at = app()
    at.switch_page("app_pages/map.py").run()
    at.toggle(key="map_states_as_table").set_value(True).run()
    at.toggle(key="map_venues_as_table").set_value(True).run()
    headers = [list(frame.value.columns) for frame in at.dataframe]
    assert ["State", "Meetings", "Roles", "Latest meeting"] in headers
    assert any("Venue" in columns and "Bilateral" in columns for columns in headers)


def test_topics_counts_each_topic_and_states_the_total(app) -> None:
    at = app(country="RUS")
    at.switch_page("app_pages/topics.py").run()
    assert not at.exception
    bars = chart(at, 0).data[0]
    assert dict(zip(bars.y, numbers(bars.x), strict=True)) == {"Terrorism": 1, "Cybercrime": 1}
    assert chart(at, 0).layout.title.text == "Meetings per topic (2 meetings in this view)"
    assert "1 meeting(s) have no topic" in displayed(at)
    assert len(at.get("plotly_chart")) == 3


def test_topics_read_in_french(app) -> None:
    at = app(lang="fr")
    at.switch_page("app_pages/topics.py").run()
    assert at.title[0].value == "Thèmes" and "terrorism (fr)" in list(chart(at, 0).data[0].y)


def test_meetings_lists_the_view_and_details_the_meeting_in_the_url(app) -> None:
    at = app(country="QAT")
    at.switch_page("app_pages/meetings.py").run()
    at.query_params["meeting"] = "vienna-mar-qat"  # a link to the page with its meeting
    at.run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 2
    page = displayed(at)
    assert "Morocco and Qatar meet in Vienna" in page and "Held on the margins of" in page
    assert "Outlet One" in page and "that it took place: paragraph 1" in page
    assert at.code[0].value.startswith("“Morocco and Qatar meet in Vienna”, 6–7 May 2025")
    assert url(at)["meeting"] == ["vienna-mar-qat"] and url(at)["country"] == ["QAT"]


def test_meetings_search_uses_the_q_parameter(app) -> None:
    at = app(q="cyber")
    at.switch_page("app_pages/meetings.py").run()
    assert at.text_input(key="f_q").value == "cyber"
    assert len(at.dataframe[0].value) == 1


def test_an_unknown_meeting_in_a_link_is_named(app) -> None:
    at = app()
    at.switch_page("app_pages/meetings.py").run()
    at.query_params["meeting"] = "no-such-meeting"
    at.run()
    assert "meeting no-such-meeting, which is not in this dataset" in displayed(at)
    assert "meeting" not in url(at)


def test_leaving_the_meetings_page_drops_its_meeting_parameter(app) -> None:
    at = app()
    at.switch_page("app_pages/meetings.py").run()
    at.query_params["meeting"] = "vienna-22"
    at.run()
    assert url(at)["meeting"] == ["vienna-22"]
    at.switch_page("app_pages/overview.py").run()
    assert "meeting" not in url(at)


def test_about_is_the_codebook_with_version_sources_and_citation(app, mini) -> None:
    at = app(lang="fr")
    at.switch_page("app_pages/about.py").run()
    assert not at.exception
    page = displayed(at)
    assert "Ce qui compte comme une réunion" in page and mini.version.digest in page
    assert "Outlet One" in page
    assert at.code[0].value.startswith("Liaison — réunions de coopération internationale")


def test_overview_builds_a_briefing_pack_and_offers_both_files(app) -> None:
    at = app(country="QAT")
    at.button(key="briefing_build").click().run(timeout=120)
    assert not at.exception and not at.error
    labels = [button.label for button in at.get("download_button")]
    assert "PowerPoint" in labels and "PDF" in labels
    assert url(at) == {"country": ["QAT"]}


def test_months_outside_the_data_are_moved_and_said(app) -> None:
    at = app(**{"from": "1990-01", "to": "2024-04"})
    assert "from=1990-01, outside the months the data cover" in displayed(at)
    assert (at.selectbox(key="f_from").value, at.selectbox(key="f_to").value) == ("2024-02", "2024-04")


def test_a_rerun_on_the_same_view_draws_no_figure_again_and_each_view_and_language_draws_its_own(
    app, monkeypatch
) -> None:
    """Building plotly figures was half of a rerun that changed nothing; a figure is kept per view and language."""
    import liaison.figures.charts as charts

    drawn: list[str] = []
    build = charts.timeline_chart
    monkeypatch.setattr(charts, "timeline_chart", lambda lanes, lang: drawn.append(lang) or build(lanes, lang))
    at = app("app_pages/timeline.py")
    at.run()
    assert drawn == ["en"]
    at.pills(key="f_format").set_value(["bilateral"]).run()
    at.run()
    assert drawn == ["en", "en"]
    at.query_params["lang"] = "fr"
    at.run()
    assert drawn == ["en", "en", "fr"] and not at.exception


def test_pages_that_draw_only_aggregates_copy_no_rows_of_a_new_view(app, monkeypatch) -> None:
    """A new view's rows are a copy of up to the whole table (two seconds at a million meetings): only pages that
    list or count rows take them."""
    import components.data as data

    taken: list[int] = []
    take = data.view_table
    monkeypatch.setattr(data, "view_table", lambda ds, ids: taken.append(len(ids)) or take(ds, ids))
    for page in ("map", "topics"):
        assert not app(f"app_pages/{page}.py", format="bilateral").exception
    assert taken == []
    assert not app("app_pages/overview.py", format="bilateral").exception
    assert taken == [3]
