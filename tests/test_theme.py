"""The one template every figure carries: colours readers can tell apart, a white page that exports keep."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import plotly.io as pio

from liaison.figures.theme import FONT, FORMAT_COLOURS, GRID, INK, PALETTE, TEMPLATE

OKABE_ITO = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"}


def test_the_palette_is_the_okabe_ito_set_of_eight_distinct_colours() -> None:
    """Okabe–Ito stays distinguishable with the common forms of colour blindness."""
    assert len(PALETTE) == len(set(PALETTE)) == 8
    assert set(PALETTE) == OKABE_ITO
    assert all(re.fullmatch(r"#[0-9A-F]{6}", colour) for colour in PALETTE)


def test_the_two_formats_have_two_different_colours_of_the_palette() -> None:
    assert set(FORMAT_COLOURS) == {"multilateral", "bilateral"}
    assert FORMAT_COLOURS["multilateral"] != FORMAT_COLOURS["bilateral"]
    assert set(FORMAT_COLOURS.values()) <= set(PALETTE)


def test_traces_take_the_palette_in_order() -> None:
    assert list(TEMPLATE.layout.colorway) == list(PALETTE)


def test_the_page_and_plot_are_white_so_exports_do_not_come_out_black() -> None:
    """Streamlit's own template leaves colours for the browser to fill; an exported figure needs them set."""
    assert TEMPLATE.layout.paper_bgcolor == "white"
    assert TEMPLATE.layout.plot_bgcolor == "white"
    assert TEMPLATE.layout.hoverlabel.bgcolor == "white"


def test_text_is_dark_ink_in_a_font_debian_chromium_has() -> None:
    assert TEMPLATE.layout.font.color == INK
    assert TEMPLATE.layout.font.family == FONT and FONT.startswith("DejaVu Sans")
    assert TEMPLATE.layout.hoverlabel.font.family == FONT


def test_a_figure_built_on_the_template_survives_a_change_of_plotly_default() -> None:
    """Importing Streamlit swaps plotly's default template: a figure naming ours explicitly keeps its look."""
    previous = pio.templates.default
    try:
        pio.templates.default = "plotly_dark"
        figure = go.Figure(layout={"template": TEMPLATE})
        assert figure.layout.template.layout.paper_bgcolor == "white"
        assert list(figure.layout.template.layout.colorway) == list(PALETTE)
    finally:
        pio.templates.default = previous


def test_titles_sit_top_left_and_legends_lie_flat_above_the_plot() -> None:
    title = TEMPLATE.layout.title
    assert (title.x, title.xanchor, title.yanchor, title.yref) == (0, "left", "top", "container")
    legend = TEMPLATE.layout.legend
    assert legend.orientation == "h" and legend.y > 1


def test_axes_have_light_grids_and_no_zero_line() -> None:
    for axis in (TEMPLATE.layout.xaxis, TEMPLATE.layout.yaxis):
        assert axis.gridcolor == GRID and axis.zeroline is False and axis.automargin is True
