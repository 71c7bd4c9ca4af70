"""Countries: one state's profile (meetings, roles, topics, blocs, partners), or two side by side.

The country filter picks the state when it names exactly one; it does not restrict the profiles
themselves, which already keep only their state's meetings: both states of a comparison are
read over the same period, formats, topics and other filters.
"""

import streamlit as st

from components.country_profile import choose_states, country_profiles
from components.page import open_page
from liaison.view.query import select
from liaison.words.i18n import t

page = open_page("countries.title")
lang, ds, filters = page.lang, page.ds, page.view.filters

base = filters.with_values(countries=())
ids = select(ds, base)
state, compare = choose_states(ds, filters, ids, lang)
if filters.countries:
    st.caption(t("countries.filter_lifted", lang))

country_profiles(ds, page.table, base, [state] if compare is None else [state, compare], ids, lang)
