"""A figure's export caption is made when its button is clicked, never on a rerun, and says what it always said."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import pytest

import components.export_buttons
import liaison.publish.export
from components.export_buttons import _image, view_caption
from liaison.publish.export import Caption, caption_for
from liaison.view.filters import Filters
from liaison.view.query import select


@pytest.mark.parametrize(
    ("page", "params"),
    [("timeline", {}), ("topics", {}), ("map", {}), ("countries", {"country": "MAR"})],
)
def test_no_page_lists_the_view_s_sources_on_a_rerun(app, monkeypatch, page, params) -> None:
    """Listing the sources of a view (for captions) costs seconds at a million meetings: only a click pays it."""

    def refused(*args: object) -> None:
        raise AssertionError("the sources of the view were listed on a rerun")

    monkeypatch.setattr(liaison.publish.export, "view_sources", refused)
    at = app(f"app_pages/{page}.py", **params)
    assert not at.exception
    labels = [button.label for button in at.get("download_button")]
    assert "PNG" in labels  # the buttons are there, their captions not yet made


def test_the_caption_made_on_the_click_is_the_view_s_caption(mini) -> None:
    """Same filters in words, count, version, sources and date as the caption made eagerly before."""
    filters = Filters(countries=("MAR",))
    ids = select(mini, filters)
    made = view_caption(mini, filters, ids, "fr")
    assert callable(made)
    assert made() == caption_for(mini, filters, ids, date.today(), "fr")


def test_a_click_renders_the_figure_with_the_caption_it_makes(mini, monkeypatch) -> None:
    """The button's file is the figure captioned by the deferred caption, as the eager one was."""
    rendered: list[tuple[Caption, str]] = []
    monkeypatch.setattr(
        components.export_buttons, "figure_file", lambda figure, caption, fmt: rendered.append((caption, fmt)) or b""
    )
    ids = select(mini, Filters())
    eager = caption_for(mini, Filters(), ids, date.today())
    _image(go.Figure(), view_caption(mini, Filters(), ids, "en"), "svg")
    _image(go.Figure(), eager, "png")  # a caption already made is used as it is
    assert rendered == [(eager, "svg"), (eager, "png")]


def test_a_figure_that_draws_candidates_says_so_on_a_line_of_its_own(mini) -> None:
    ids = select(mini, Filters())
    plain = caption_for(mini, Filters(), ids, date.today())
    apart = view_caption(mini, Filters(), ids, "en", candidates=7)()
    assert apart.text_lines()[0] == plain.text_lines()[0]
    assert apart.text_lines()[1] == (
        "Also drawn, apart and never counted as meetings: 7 machine-coded GDELT candidate(s) of this view, unverified."
    )
    assert apart.text_lines()[2:] == plain.text_lines()[1:]
    assert not any("machine-coded" in line for line in plain.text_lines())
    assert "non vérifié" in view_caption(mini, Filters(), ids, "fr", candidates=0)().text_lines()[1]
