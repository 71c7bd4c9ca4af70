"""The machine-coded candidates in the dashboard (AppTest): the switch, counted apart on every page, promoted.

The data folder is the hand-made `mini` dataset plus an events layer of three candidates whose
answers are known: Russia–Türkiye in Sochi (a city, two reports, one article), Morocco–Qatar
in Vienna (hostile article addresses) and Morocco–Spain at Morocco's centroid.
"""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import numpy
import pandas as pd
import plotly.io
import pytest
from conftest import REPO, SHARED, displayed, url
from gdelt_rows import layer_events, sample_file
from streamlit.testing.v1 import AppTest

from components.feed_promote import cited_sources
from liaison.dataset.store import load_dataset
from liaison.feed.events import EVENTS_ENV, import_exports, layer_dir, write_part
from liaison.intake.drafts import SourceInfo
from liaison.words.i18n import t

HOSTILE_URL = "javascript:alert(1)"
MARKDOWN_URL = "https://news.example/vienna?x=[y](http://example.com/md)"
VIENNA = {
    "action_geo_name": "Vienna [x](http://example.com/place), Austria",
    "action_geo_iso3": "AUT",
    "action_geo_feature_id": "-1995499",
    "action_geo_lat": 48.2,
    "action_geo_long": 16.37,
}


def _events():
    return layer_events(
        {"day": "2025-05-06", "source_url": "https://sochi.example/talks", "source_host": "sochi.example"},
        {
            "day": "2025-05-07",
            "actor1_iso3": "TUR",
            "actor2_iso3": "RUS",
            "event_code": "042",
            "source_url": "https://sochi.example/talks",
            "source_host": "sochi.example",
        },
        {
            "day": "2025-05-06",
            "actor1_iso3": "MAR",
            "actor2_iso3": "QAT",
            "source_url": HOSTILE_URL,
            "source_host": "evil.example",
            **VIENNA,
        },
        {
            "day": "2025-05-06",
            "actor1_iso3": "QAT",
            "actor2_iso3": "MAR",
            "source_url": MARKDOWN_URL,
            "source_host": "news.example",
            **VIENNA,
        },
        {
            "day": "2025-05-20",
            "actor1_iso3": "MAR",
            "actor2_iso3": "ESP",
            "action_geo_type": 1,
            "action_geo_name": "Morocco",
            "action_geo_iso3": "MAR",
            "action_geo_feature_id": "MO",
            "action_geo_lat": 32.0,
            "action_geo_long": -5.0,
        },
    )


@pytest.fixture
def feed_folder(mini_folder: Path) -> Path:
    write_part(layer_dir(mini_folder), "20250506000000.export", _events())
    return mini_folder


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def numbers(values) -> list:
    """A trace's numbers, whether sent as a list or as a typed array ({dtype, bdata})."""
    if isinstance(values, dict) and "bdata" in values:
        return numpy.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def chart(at: AppTest, index: int = 0):
    """The page's plotly chart number `index`, as a figure (its arrays decoded)."""
    return plotly.io.from_json(at.get("plotly_chart")[index].proto.spec)


def labels(at: AppTest) -> list[str]:
    return [m.label for m in at.metric]


def test_the_switch_is_off_by_default_and_nothing_machine_coded_shows(feed_folder, app) -> None:
    at = app()
    assert at.toggle(key="f_feed").value is False
    assert "Machine-coded candidates" not in labels(at)
    assert "feed" not in at.query_params


def test_turning_it_on_writes_the_url_and_counts_candidates_apart(feed_folder, app) -> None:
    at = app()
    at.toggle(key="f_feed").set_value(True).run()
    assert url(at) == {"feed": ["gdelt"]}
    assert metric(at, "Machine-coded candidates") == "3"
    assert metric(at, "Meetings") == "6", "candidates are never added to the curated count"
    assert "machine-coded, unverified" in markdown(at)
    assert "5 GDELT report(s) → 3 candidate(s) → 4 article(s)" in displayed(at)
    assert metric(at, "Placed only at a country's centroid") == "33%"
    assert metric(at, "Resting on one news site") == "67%"


def test_the_switch_survives_filters_and_pages(feed_folder, app) -> None:
    at = app(feed="gdelt")
    at.multiselect(key="f_country").set_value(["QAT"]).run()
    assert url(at) == {"country": ["QAT"], "feed": ["gdelt"]}
    assert metric(at, "Machine-coded candidates") == "1"
    at.switch_page("app_pages/timeline.py").run()
    assert not at.exception
    assert url(at) == {"country": ["QAT"], "feed": ["gdelt"]}
    assert at.toggle(key="f_feed").value is True
    at.toggle(key="f_feed").set_value(False).run()
    assert url(at) == {"country": ["QAT"]}


@pytest.mark.parametrize(("params", "expected"), [({"format": "multilateral"}, "0"), ({"country": "ESP"}, "1")])
def test_the_view_filters_select_candidates(feed_folder, app, params, expected) -> None:
    at = app(feed="gdelt", **params)
    assert metric(at, "Machine-coded candidates") == expected


@pytest.mark.parametrize("page", ["app_pages/overview.py", "app_pages/map.py", "app_pages/meetings.py"])
def test_a_view_with_no_curated_meeting_still_shows_its_candidates(feed_folder, app, page) -> None:
    at = app(page, feed="gdelt", q="Sochi")
    assert not at.exception
    assert "No meeting matches these filters" in displayed(at)
    assert metric(at, "Machine-coded candidates") == "1"
    listed = next(frame.value for frame in at.dataframe if "Status" in frame.value.columns)
    assert len(listed) == 1


def test_the_timeline_draws_candidates_as_a_series_of_their_own(feed_folder, app) -> None:
    at = app("app_pages/timeline.py", feed="gdelt")
    figure = chart(at)
    assert figure.data[-1].name == "Machine-coded candidates (unverified)"
    assert numbers(figure.data[-1].y) == [3] and figure.data[-1].type == "scatter"
    assert "drawn as their own dashed line" in displayed(at)


def test_without_the_switch_the_timeline_has_no_candidate_series(feed_folder, app) -> None:
    at = app("app_pages/timeline.py")
    assert "Machine-coded candidates (unverified)" not in [trace.name for trace in chart(at).data]


def test_the_map_marks_candidate_places_in_their_own_trace(feed_folder, app) -> None:
    at = app("app_pages/map.py", feed="gdelt")
    places = [trace for trace in chart(at).data if trace.name == "Machine-coded candidates (unverified)"]
    assert len(places) == 1 and len(numbers(places[0].lat)) == 3
    assert any(text.startswith("Vienna [x](http://example.com/place), Austria<br>") for text in places[0].hovertext)
    assert "drawn as purple diamonds" in displayed(at)


def test_topics_and_countries_say_how_candidates_apply(feed_folder, app) -> None:
    at = app("app_pages/topics.py", feed="gdelt")
    assert "carry no topics: the 3 candidate(s)" in displayed(at)
    at = app("app_pages/countries.py", feed="gdelt", state="MAR")
    assert not at.exception
    assert "2 machine-coded candidate(s) of this view involve Morocco" in displayed(at)


QATAR = "gdelt-20250506-MAR-QAT--1995499"
SOCHI = "gdelt-20250506-RUS-TUR--2980000"


def markdown(at: AppTest) -> str:
    return "\n".join(element.value for element in at.get("markdown"))


def test_meetings_lists_candidates_apart_with_safe_article_links(feed_folder, app) -> None:
    at = app("app_pages/meetings.py", feed="gdelt")
    candidates = next(frame.value for frame in at.dataframe if "Status" in frame.value.columns)
    assert set(candidates["Status"]) == {"machine-coded, unverified"} and len(candidates) == 3
    assert HOSTILE_URL not in set(candidates["Article"].dropna())
    at.selectbox(key="feed_candidate").set_value(QATAR).run()
    shown = markdown(at)
    assert "](https://news.example/vienna?x=[y]%28http://example.com/md%29)" in shown
    assert "](javascript" not in shown and "not linked: not a web address" in displayed(at)
    assert "](http://example.com/place)" not in shown, "a place name from GDELT is text, not a link"
    assert at.button(key="feed_promote")


def test_a_reader_cannot_promote(feed_folder, app, monkeypatch) -> None:
    monkeypatch.setenv("LIAISON_AUTH", "header")
    monkeypatch.setenv("LIAISON_EDITORS", "someone")
    at = app("app_pages/meetings.py", feed="gdelt")
    at.selectbox(key="feed_candidate").set_value(SOCHI).run()
    assert not at.exception
    assert not [button for button in at.button if button.key == "feed_promote"]
    assert "Only an editor can promote" in displayed(at)


def test_promoting_opens_the_review_prefilled_and_saves_a_curated_meeting(feed_folder, app) -> None:
    at = app("app_pages/meetings.py", feed="gdelt")
    at.selectbox(key="feed_candidate").set_value(SOCHI).run()
    at.button(key="feed_promote").click().run()
    assert not at.exception
    assert at.title[0].value == "Add and edit meetings"
    # AppTest's next run goes back to the page it was on before the script switched: go on by hand.
    at.switch_page("app_pages/add_meetings.py").run()
    assert at.text_input(key="promoted_url").value == "https://sochi.example/talks"
    assert at.text_input(key="promoted_outlet").value == "sochi.example"
    assert "Promote a machine-coded candidate" in displayed(at)
    assert url(at) == {"feed": ["gdelt"]}
    at.button(key="promoted_drafts_save").click().run()
    assert not at.exception, at.exception
    ds = load_dataset(feed_folder)
    added = ds.meetings[
        ~ds.meetings["meeting_id"].isin(
            ["vienna-22", "vienna-mar-qat", "moscow-13", "moscow-12", "riyadh-visit", "undated-madrid"]
        )
    ]
    assert len(added) == 1
    row = added.iloc[0]
    assert (row["format"], row["title"]) == ("bilateral", "Russia and Türkiye meet in Sochi")
    assert (str(row["start_date"].date()), str(row["end_date"].date())) == ("2025-05-06", "2025-05-07")
    states = set(ds.participants.loc[ds.participants["meeting_id"] == row["meeting_id"], "actor"])
    assert states == {"RUS", "TUR"}
    assert "https://sochi.example/talks" in set(ds.sources["url"])


def test_a_promotion_cites_every_article_behind_the_candidate_each_as_a_source(feed_folder, app) -> None:
    """Qatar's two articles: one the main source, the other ticked below it; a non-web address is never saved as one."""
    at = app("app_pages/meetings.py", feed="gdelt")
    at.selectbox(key="feed_candidate").set_value(QATAR).run()
    at.button(key="feed_promote").click().run()
    at.switch_page("app_pages/add_meetings.py").run()
    assert not at.exception, at.exception
    assert (at.text_input(key="promoted_outlet").value, at.text_input(key="promoted_url").value) == ("evil.example", "")
    assert "1 of 1 further article(s) ticked" in displayed(at)
    at.button(key="promoted_drafts_save").click().run()
    assert not at.exception, at.exception
    ds = load_dataset(feed_folder)
    added = ds.meetings[ds.meetings["summary"].str.contains(QATAR, regex=False)]
    assert len(added) == 1
    cited = ds.evidence.loc[ds.evidence["meeting_id"] == added.iloc[0]["meeting_id"], "source_id"]
    sources = ds.sources.set_index("source_id").loc[list(cited)]
    assert sorted(sources["outlet"]) == ["evil.example", "news.example"]
    assert list(sources["url"].fillna("")) == ["", MARKDOWN_URL.replace("(", "%28").replace(")", "%29")]


@pytest.fixture
def older_feed(mini_folder: Path) -> Path:
    """One candidate between two states the curated record never met, years before its first meeting."""
    old = {"day": "2019-10-24", "actor1_iso3": "CAN", "actor2_iso3": "PRK", "date_added": "2019-10-24 14:30:00"}
    write_part(layer_dir(mini_folder), "20191024143000.export", layer_events(old))
    return mini_folder


def test_with_the_feed_on_the_filters_offer_the_candidates_states_and_months(older_feed, app) -> None:
    at = app()
    assert "North Korea" not in at.multiselect(key="f_country").options
    assert at.selectbox(key="f_from").options[0] == "February 2024"
    at = app(feed="gdelt")
    assert "North Korea" in at.multiselect(key="f_country").options
    assert at.selectbox(key="f_from").options[0] == "October 2019"
    at = app(feed="gdelt", country="PRK", **{"from": "2019-10", "to": "2019-12"})
    assert url(at) == {"country": ["PRK"], "from": ["2019-10"], "to": ["2019-12"], "feed": ["gdelt"]}
    assert metric(at, "Machine-coded candidates") == "1"
    assert "The link asked for" not in displayed(at)


def test_without_an_events_layer_the_switch_says_how_to_import(mini_folder, app) -> None:
    at = app()
    assert at.toggle(key="f_feed").disabled
    folder = str(mini_folder)
    assert f"There is no GDELT events layer in {folder}. Import exports with python -m liaison gdelt" in displayed(at)
    at = app(feed="gdelt")
    assert not at.exception
    assert f"there is no events layer in {folder}." in displayed(at)
    assert "Machine-coded candidates" not in labels(at)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "Machine-coded events are switched on, but LIAISON_EVENTS names a file, not a folder: {path}. "
            "Set LIAISON_EVENTS to the folder that holds the events layer",
        ),
        (
            "fr",
            "Les événements codés automatiquement sont activés, mais LIAISON_EVENTS désigne un fichier, pas un "
            "dossier : {path}. Donnez à LIAISON_EVENTS le dossier qui contient la couche d'événements",
        ),
    ],
)
def test_liaison_events_naming_a_file_says_so_in_the_readers_language(
    lang: str, said: str, feed_folder, app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The layer the data folder holds is not read (LIAISON_EVENTS wins), and the page warns why: the
    variable names a file, rather than that there is no events layer in it."""
    not_a_folder = tmp_path / "events.txt"
    not_a_folder.write_text("a file\n", encoding="utf-8")
    monkeypatch.setenv(EVENTS_ENV, str(not_a_folder))
    at = app(feed="gdelt", lang=lang)
    assert not at.exception
    warnings = [re.sub(r"\\(.)", r"\1", warning.value) for warning in at.warning]
    assert any(said.format(path=not_a_folder) in warning for warning in warnings), warnings
    assert t("feed.note.missing", lang, folder=not_a_folder) not in displayed(at)
    assert t("feed.headline", lang) not in labels(at)


def test_the_switch_speaks_french(feed_folder, app) -> None:
    at = app(feed="gdelt", lang="fr")
    assert at.toggle(key="f_feed").label == "Inclure les événements codés automatiquement"
    assert metric(at, "Candidats codés automatiquement") == "3"


def test_an_unknown_feed_in_a_link_is_ignored_with_a_message(feed_folder, app) -> None:
    at = app(feed="acled")
    assert "feed=acled" in displayed(at)
    assert at.toggle(key="f_feed").value is False


@pytest.fixture(scope="module")
def real_sample_folder(tmp_path_factory) -> Path:
    """The bundled data plus the real GDELT export sample, built once: the pages only read it.

    One folder for every page also means one location, so the app's caches load it once.
    """
    if not (SHARED / "sources").is_dir():
        pytest.skip("../shared/sources is not present on this machine")
    folder = tmp_path_factory.mktemp("real-sample") / "data"
    shutil.copytree(REPO / "data", folder)
    list(import_exports([sample_file(SHARED)], folder))
    return folder


@pytest.mark.parametrize("page", ["overview", "timeline", "map", "countries", "topics", "meetings", "add_meetings"])
def test_every_page_runs_with_the_real_sample(page, real_sample_folder, monkeypatch) -> None:
    """The bundled data plus the real GDELT export sample: every page opens with the switch on."""
    monkeypatch.setenv("LIAISON_DATA", str(real_sample_folder))
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    at.query_params["feed"] = "gdelt"
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception
    if page == "overview":
        assert metric(at, "Machine-coded candidates") == "33"


@pytest.mark.parametrize("page", ["overview", "timeline", "map", "countries", "topics", "meetings"])
def test_every_page_shows_candidates_in_french_without_english(feed_folder, app, page) -> None:
    """With the switch on in French, each page names the candidates in French (badge included)."""
    at = app(f"app_pages/{page}.py", feed="gdelt", lang="fr")
    assert not at.exception
    text = displayed(at) + markdown(at)
    assert "codé automatiquement, non vérifié" in text
    assert "machine-coded" not in text


def test_the_built_candidates_are_cached_and_a_new_import_reaches_the_page(feed_folder, app) -> None:
    """The build is kept in the data folder's cache; another part of the layer is a new build on the next run."""
    at = app(feed="gdelt")
    assert metric(at, "Machine-coded candidates") == "3"
    assert len(list((feed_folder / ".cache").glob("gdelt-*.candidates.parquet"))) == 1
    write_part(layer_dir(feed_folder), "20250601000000.export", layer_events({"day": "2025-06-01"}))
    at.run()
    assert metric(at, "Machine-coded candidates") == "4"
    assert len(list((feed_folder / ".cache").glob("gdelt-*.candidates.parquet"))) == 1, "the stale build is gone"


def test_a_rerun_counts_and_draws_the_candidates_of_a_view_once(feed_folder, app, monkeypatch) -> None:
    """At ten million events a view holds millions of candidates: its counts per month, and the chart they are
    drawn on, are kept, not redone."""
    import liaison.feed.aggregates as aggregates
    import liaison.feed.charts as charts

    counted: list[int] = []
    count = aggregates.candidates_per_month
    monkeypatch.setattr(aggregates, "candidates_per_month", lambda found: counted.append(len(found)) or count(found))
    layered: list[str] = []
    layer = charts.with_candidate_months
    monkeypatch.setattr(charts, "with_candidate_months", lambda *args: layered.append(args[-1]) or layer(*args))
    at = app("app_pages/timeline.py", feed="gdelt")
    at.run()
    assert counted == [3] and layered == ["en"] and not at.exception
    assert chart(at).data[-1].name == "Machine-coded candidates (unverified)"
    at.pills(key="f_format").set_value(["bilateral"]).run()
    assert len(counted) == 2 and len(layered) == 2


def test_only_the_ticked_further_articles_are_cited_and_blank_cells_are_empty_text() -> None:
    edited = pd.DataFrame(
        {
            "cite": [True, False, True],
            "outlet": ["a.example", "b.example", None],
            "url": ["https://a.example/1", "https://b.example/2", None],
            "published": ["2025-05-06", "", float("nan")],
            "language": ["fr", "en", None],
            "rows": [2, 1, 1],
        }
    )
    assert cited_sources(edited) == [
        SourceInfo(outlet="a.example", language="fr", url="https://a.example/1", published="2025-05-06"),
        SourceInfo(outlet="", language="en", url="", published=""),
    ]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "LIAISON_EVENTS names a file, not a folder: {path}. Set it to the folder that holds the events layer"),
        ("fr", "LIAISON_EVENTS désigne un fichier, pas un dossier : {path}. Donnez-lui le dossier qui contient"),
    ],
)
@pytest.mark.parametrize("feed", [None, "gdelt"])
def test_beside_the_switch_liaison_events_naming_a_file_is_said_not_a_missing_layer(
    lang: str, said: str, feed: str | None, feed_folder, app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Switch off or on, the sidebar's caption agrees with the panel: LIAISON_EVENTS names a file, not that the
    file holds no events layer."""
    not_a_folder = tmp_path / "events.txt"
    not_a_folder.write_text("a file\n", encoding="utf-8")
    monkeypatch.setenv(EVENTS_ENV, str(not_a_folder))
    at = app(lang=lang, **({"feed": feed} if feed else {}))
    assert not at.exception
    captions = [re.sub(r"\\(.)", r"\1", caption.value) for caption in at.sidebar.caption]
    assert any(said.format(path=not_a_folder) in caption for caption in captions), captions
    assert t("feed.switch.missing", lang, folder=not_a_folder) not in captions
    assert not any("GDELT" in caption for caption in captions), captions
    assert at.toggle(key="f_feed").disabled is (feed is None)
