"""The sidebar writes one state of record: each widget's change lands in the URL, and nothing else drops it.

AppTest sets widget values directly, so these tests check the callbacks' rules; the browser
journeys (test_browser_sidebar.py) check the same widgets driven by mouse and keyboard.
"""

from __future__ import annotations

from datetime import date

from conftest import url

from liaison.view.period import preset_months

MAY = {"from": ["2025-05"], "to": ["2025-05"]}


def test_one_pick_sets_a_single_month(app) -> None:
    at = app()
    at.selectbox(key="f_period").set_value("2025-05").run()
    assert url(at) == MAY
    assert (at.selectbox(key="f_from").value, at.selectbox(key="f_to").value) == ("2025-05", "2025-05")


def test_a_year_and_a_preset_set_their_months(app) -> None:
    at = app()
    at.selectbox(key="f_period").set_value("2024").run()
    assert url(at) == {"from": ["2024-02"], "to": ["2024-12"]}
    at.selectbox(key="f_period").set_value("last_year").run()
    start, end = preset_months("last_year", date.today())
    assert url(at) == {"from": [start], "to": [end]}
    at.selectbox(key="f_period").set_value("all").run()
    assert url(at) == {}


def test_a_range_of_ones_own_is_offered_as_itself(app) -> None:
    at = app(**{"from": "2024-04", "to": "2025-05"})
    assert at.selectbox(key="f_period").value == "custom"
    assert "April 2024 – May 2025" in at.selectbox(key="f_period").options


def test_a_first_month_after_the_last_moves_the_last_with_it(app) -> None:
    at = app(**{"from": "2024-04", "to": "2024-06"})
    at.selectbox(key="f_from").set_value("2025-05").run()
    assert url(at) == MAY
    at.selectbox(key="f_to").set_value("2024-03").run()
    assert url(at) == {"from": ["2024-03"], "to": ["2024-03"]}


def test_the_whole_range_means_no_date_filter(app) -> None:
    at = app(**{"from": "2024-04", "to": "2025-05"})
    at.selectbox(key="f_from").set_value(at.selectbox(key="f_from").options[0]).run()
    at.selectbox(key="f_to").set_value(at.selectbox(key="f_to").options[0]).run()
    assert url(at) == {}


def test_the_period_survives_every_other_widget_and_button(app) -> None:
    at = app(country="QAT", **MAY)
    at.pills(key="f_format").set_value(["bilateral"]).run()
    assert url(at) == {"country": ["QAT"], "format": ["bilateral"], **MAY}
    at.multiselect(key="f_country").set_value(["QAT", "MAR"]).run()
    assert url(at)["from"] == ["2025-05"] and url(at)["country"] == ["QAT", "MAR"]
    at.button(key="briefing_build").click().run()
    assert url(at) == {"country": ["QAT", "MAR"], "format": ["bilateral"], **MAY}
    at.segmented_control(key="lang").set_value("fr").run()
    assert url(at) == {"country": ["QAT", "MAR"], "format": ["bilateral"], "lang": ["fr"], **MAY}
    assert at.selectbox(key="f_period").value == "2025-05"


def test_two_changes_in_one_run_both_land(app) -> None:
    """A search typed and not yet submitted, then a click elsewhere: the run carries both changes."""
    at = app(**MAY)
    at.text_input(key="f_q").input("Vienna")
    at.pills(key="f_format").set_value(["multilateral"])
    at.run()
    assert url(at) == {"q": ["Vienna"], "format": ["multilateral"], **MAY}


def test_clearing_the_filters_keeps_the_language(app) -> None:
    at = app(country="QAT", lang="fr", **MAY)
    at.button(key="f_reset").click().run()
    assert url(at) == {"lang": ["fr"]}
    assert at.selectbox(key="f_period").value == "all"
