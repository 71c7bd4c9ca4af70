"""Countries: one state's profile (meetings, roles, topics, blocs, partners), or two side by side.

The country filter picks the state when it names exactly one; it does not restrict the profiles
themselves, which already keep only their state's meetings: both states of a comparison are
read over the same period, formats, topics and other filters.
"""

import streamlit as st

from components.country_profile import choose_states, country_profiles
from components.data import selection
from components.feed_data import candidate_answer
from components.feed_panel import apart_note, shown_candidates
from components.page import open_page
from liaison.feed.aggregates import involving
from liaison.words.i18n import t
from liaison.words.places import country_name

page = open_page("countries.title")
lang, ds, filters = page.lang, page.ds, page.view.filters

base = filters.with_values(countries=())
ids = selection(base, lang)
state, compare = choose_states(ds, filters, ids, lang)
if filters.countries:
    st.caption(t("countries.filter_lifted", lang))
if shown_candidates(page.view, base) is not None:
    for code in [state] if compare is None else [state, compare]:
        own = candidate_answer(involving, base, states=(code,))
        apart_note(own, "countries", lang, f"_{code}", state=country_name(code, lang))

country_profiles(ds, base, [state] if compare is None else [state, compare], lang)
