"""Map: the participating states shaded by their meetings, and the venues with their delegations."""

from functools import partial

import streamlit as st

from components.data import shapes
from components.export_buttons import figure_downloads, view_caption
from components.feed_data import candidate_answer, layer_digest
from components.feed_panel import apart_note, candidate_states_table, shown_candidates
from components.figure_panel import figure_panel
from components.markdown import md_escape
from components.page import open_page
from components.view import choose_countries
from liaison.feed.aggregates import candidate_places, unplaced_count
from liaison.feed.charts import with_candidate_places
from liaison.figures.catalogue import VENUES_DRAWN, states_frame, venue_arcs, venues_frame
from liaison.figures.maps import choropleth, venue_deck, venue_figure
from liaison.figures.tables import state_rows, venue_rows
from liaison.figures.wording import choropleth_alt, venues_alt
from liaison.figures.world import GEO_URL
from liaison.view.activity import state_activity, venue_activity
from liaison.words.i18n import t
from liaison.words.places import country_name


def _choose(code: str | None) -> None:
    if code and choose_countries([code]):
        st.session_state["map_notice"] = code


def _on_state_click() -> None:
    points = st.session_state["map_states"].selection.points
    _choose(points[0].get("location") if points else None)


def _on_venue_map_click() -> None:
    picked = st.session_state["map_venues"].selection.objects.get("states", [])
    _choose(picked[0].get("properties", {}).get("iso3") if picked else None)


page = open_page("map.title")
lang, ds, ids = page.lang, page.ds, page.ids
caption = view_caption(ds, page.view.filters, ids, lang)
st.info(t("map.select.hint", lang), icon=":material/touch_app:")
if notice := st.session_state.pop("map_notice", None):
    st.warning(t("map.state.unselectable", lang, state=md_escape(country_name(notice, lang))))

states = page.answer(state_activity)
shading = page.figure(
    "map.states", lambda: choropleth(states, ds.regions["iso3"], lang, states_frame(ds, ids, states, shapes()))
)
candidates = shown_candidates(page.view)
shading_caption = caption
if candidates is not None:
    places = candidate_answer(candidate_places, page.view.filters)
    shading = page.figure(("map.states", layer_digest()), partial(with_candidate_places, shading, places, lang))
    shading_caption = view_caption(ds, page.view.filters, ids, lang, candidates=len(candidates))
figure_panel(
    shading,
    choropleth_alt(states, len(ids), lang),
    lambda: state_rows(states, lang),
    key="map_states",
    lang=lang,
    caption=shading_caption,
    on_select=_on_state_click,
    config={"topojsonURL": GEO_URL},
)
if candidates is not None:
    unplaced = candidate_answer(unplaced_count, page.view.filters)
    apart_note(candidates, "map", lang, places=len(places), unplaced=unplaced)
    candidate_states_table(candidates, lang)

st.subheader(t("map.venues.title", lang), anchor=False)
venues = page.answer(venue_activity)
arcs, total_arcs = page.answer(venue_arcs)
st.pydeck_chart(
    page.figure("map.venues", lambda: venue_deck(venues.head(VENUES_DRAWN), arcs, states, shapes(), lang)),
    key="map_venues",
    on_select=_on_venue_map_click,
    selection_mode="single-object",
    height=520,
)
st.caption(t("map.venues.legend", lang))
if not venues.empty:
    st.caption(t("map.venues.export", lang))
    figure_downloads(
        partial(venue_figure, venues, arcs, lang, venues_frame(ds, ids, venues, arcs)), caption, "map_venues", lang
    )
st.caption(md_escape(venues_alt(venues, len(arcs), lang)))
if total_arcs > len(arcs):
    st.caption(t("map.arcs.capped", lang, shown=len(arcs), total=total_arcs))
if len(venues) > VENUES_DRAWN:
    st.caption(t("map.venues.capped", lang, shown=VENUES_DRAWN, total=len(venues)))
if placeless := len(ids) - int(venues["meetings"].sum()):
    st.caption(t("map.no_venue", lang, count=placeless))
if st.toggle(t("figure.as_table", lang), key="map_venues_as_table"):
    st.dataframe(venue_rows(venues, ds.organizations, lang), hide_index=True, width="stretch")
st.caption(t("map.boundaries", lang))
