"""The Countries page's pieces: which states to profile (kept in the URL), and one state's profile.

The profiled state and the one it is compared with live in the URL as `state` and `compare`,
so a link reopens the same comparison. They are seeded from the URL when it changes from
outside (a pasted link, back or forward) and written back on every run, as the filters are.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.data import rows_answer, selection, shown_meetings, view_answer, view_figure
from components.export_buttons import view_caption
from components.figure_panel import figure_panel
from components.markdown import md_escape
from components.view import page_param, set_page_param
from liaison.dataset.store import Dataset
from liaison.figures.charts import monthly_chart
from liaison.figures.network import (
    ego_network,
    network_alt,
    roles_alt,
    roles_chart,
    strongest,
    topics_alt,
    topics_chart,
)
from liaison.figures.tables import bloc_rows, monthly_rows, partner_rows, role_rows, topic_rows
from liaison.figures.wording import monthly_alt
from liaison.view.filters import Filters
from liaison.view.partners import (
    blocs_of,
    busiest_state,
    month_span,
    monthly_of,
    partners,
    profile_states,
    roles_played,
)
from liaison.view.query import headline, undated_count
from liaison.view.topics import topic_counts
from liaison.words.i18n import date_span_label, t
from liaison.words.places import country_name

STATE_KEY = "countries_state"
COMPARE_KEY = "countries_compare"
NO_COMPARISON = ""
MAX_PARTNERS = 25
# The (state, compare) pair this page last wrote to the URL: a different URL came from outside.
_SYNCED = "_countries_url"


def _from_url(param: str, known: set[str], lang: str) -> str | None:
    value = (page_param(param) or "").strip().upper()
    if value and value not in known:
        st.warning(t("countries.unknown", lang, state=md_escape(value)))
        return None
    return value or None


def _busiest(ds: Dataset, ids: pd.Index, among: tuple[str, ...]) -> str:
    """The state in most meetings of `ids` (of the filtered countries, if any; ties by code): shown before a choice."""
    return busiest_state(ds, ids, among) or (among[0] if among else profile_states(ds)[0])


def choose_states(ds: Dataset, filters: Filters, ids: pd.Index, lang: str) -> tuple[str, str | None]:
    """The state to profile and the one to compare it with (or None), from the filters, the URL or the pickers.

    `ids` are the meetings the profiles are drawn from; before any choice the busiest state of them is shown.
    """
    options = profile_states(ds)
    known = set(options)
    by_name = sorted(options, key=lambda code: country_name(code, lang))
    url = (page_param("state"), page_param("compare"))
    if st.session_state.get(_SYNCED) != url or STATE_KEY not in st.session_state:
        st.session_state[STATE_KEY] = _from_url("state", known, lang) or _busiest(ds, ids, filters.countries)
        st.session_state[COMPARE_KEY] = _from_url("compare", known, lang) or NO_COMPARISON
    left, right = st.columns(2)
    if len(filters.countries) == 1 and filters.countries[0] in known:
        state = filters.countries[0]
        st.session_state[STATE_KEY] = state
        left.caption(t("countries.from_filter", lang, state=country_name(state, lang)))
    else:
        state = left.selectbox(
            t("countries.state", lang), by_name, key=STATE_KEY, format_func=lambda code: country_name(code, lang)
        )
    if st.session_state.get(COMPARE_KEY) == state:
        st.session_state[COMPARE_KEY] = NO_COMPARISON
    compare = right.selectbox(
        t("countries.compare", lang),
        [NO_COMPARISON, *(code for code in by_name if code != state)],
        key=COMPARE_KEY,
        format_func=lambda code: country_name(code, lang) if code else t("countries.compare.placeholder", lang),
    )
    set_page_param("state", state)
    set_page_param("compare", compare or None)
    st.session_state[_SYNCED] = (state, compare or None)
    return state, compare or None


def _monthly(per_month: pd.DataFrame, peak: int, lang: str) -> go.Figure:
    """The monthly chart on the scale both profiles share, so two states compare at a glance."""
    monthly = monthly_chart(per_month, lang)
    if peak and per_month["meetings"].sum():
        monthly.update_yaxes(range=[0, peak * 1.08])
    return monthly


def _blocs(ds: Dataset, iso3: str, lang: str, key: str) -> None:
    st.markdown(f"**{t('countries.blocs.title', lang)}**")
    blocs = blocs_of(ds, iso3)
    if blocs.empty:
        st.caption(t("countries.blocs.none", lang, state=country_name(iso3, lang)))
        return
    st.dataframe(bloc_rows(blocs, ds.organizations, lang), hide_index=True, width="stretch", key=key)
    st.caption(t("countries.blocs.note", lang))


def country_profiles(ds: Dataset, filters: Filters, states: list[str], lang: str) -> None:
    """Draw one profile, or two side by side whose monthly charts share the time axis and the scale.

    `filters` are the view's with the country filter lifted; each profile reads them with its own state as the
    country filter, so its meetings, figures and charts are the shared, cached answers of that view.
    """
    own = {iso3: filters.with_values(countries=(iso3,)) for iso3 in states}
    shown = {iso3: shown_meetings(view, lang) for iso3, view in own.items()}
    span = month_span(*shown.values())
    per_month = {iso3: rows_answer(monthly_of, view, lang, span=span) for iso3, view in own.items()}
    busiest = [frame.groupby("month")["meetings"].sum().max() for frame in per_month.values() if len(frame)]
    peak = int(max(busiest, default=0))
    if len(states) > 1:
        st.caption(t("countries.compare.same_view", lang))
    columns = st.columns(len(states), gap="large") if len(states) > 1 else [st.container()]
    for column, iso3, key in zip(columns, states, ("countries_a", "countries_b"), strict=False):
        with column:
            _profile(ds, filters, own[iso3], iso3, per_month[iso3], (span, peak), lang, key=key)


def _profile(
    ds: Dataset,
    filters: Filters,
    own_view: Filters,
    iso3: str,
    per_month: pd.DataFrame,
    scale: tuple[tuple[pd.Timestamp, pd.Timestamp] | None, int],
    lang: str,
    key: str,
) -> None:
    """One state's profile: its meetings are `own_view`'s, its partners those of `filters`; `key` keeps two apart.

    `scale` is what both profiles' monthly charts share: the span of months and the busiest month's count.
    """
    name = country_name(iso3, lang)
    st.subheader(name, anchor=False)
    own = selection(own_view, lang)
    if own.empty:
        st.info(t("countries.none", lang, state=name), icon=":material/search_off:")
        _blocs(ds, iso3, lang, key=f"{key}_blocs")
        return
    ranked = view_answer(partners, filters, lang, iso3=iso3)
    figures = rows_answer(headline, own_view, lang)
    metrics = st.columns(4)
    metrics[0].metric(t("field.meetings", lang), figures.meetings)
    metrics[1].metric(t("format.multilateral", lang), figures.multilateral)
    metrics[2].metric(t("format.bilateral", lang), figures.bilateral)
    metrics[3].metric(
        t("countries.partners.count", lang),
        len(ranked),
        help=t("countries.partners.count.help", lang, state=name),
    )
    if figures.first is not None:
        first = date_span_label(figures.first, figures.first, "day", lang)
        st.caption(
            t("overview.period", lang, first=first, last=date_span_label(figures.last, figures.last, "day", lang))
        )
    caption = view_caption(ds, own_view, own, lang)

    alt = t("alt.countries.monthly", lang, state=name, text=monthly_alt(per_month, lang))
    monthly = view_figure(("countries.monthly", scale), partial(_monthly, per_month, scale[1], lang), own_view, lang)
    rows = partial(monthly_rows, per_month, lang)
    figure_panel(monthly, alt, rows, key=f"{key}_monthly", lang=lang, caption=caption)
    if undated := rows_answer(undated_count, own_view, lang):
        st.caption(t("timeline.undated", lang, count=undated))

    roles = view_answer(roles_played, own_view, lang, iso3=iso3)
    figure_panel(
        view_figure(("countries.roles", iso3), partial(roles_chart, roles, iso3, lang), own_view, lang),
        roles_alt(roles, iso3, len(own), lang),
        partial(role_rows, roles, lang),
        key=f"{key}_roles",
        lang=lang,
        caption=caption,
    )

    topics = view_answer(topic_counts, own_view, lang)
    figure_panel(
        view_figure(
            ("countries.topics", iso3), partial(topics_chart, topics, iso3, len(own), ds.taxonomy, lang), own_view, lang
        ),
        topics_alt(topics, iso3, len(own), ds.taxonomy, lang),
        partial(topic_rows, topics, ds.taxonomy, lang),
        key=f"{key}_topics",
        lang=lang,
        caption=caption,
    )

    _blocs(ds, iso3, lang, key=f"{key}_blocs")

    st.markdown(f"**{t('countries.partners.title', lang)}**")
    st.caption(t("countries.partners.rule", lang))
    st.dataframe(partner_rows(ranked, lang), hide_index=True, width="stretch", key=f"{key}_partners")
    figure_panel(
        view_figure(("countries.network", iso3), partial(ego_network, ranked, iso3, lang, MAX_PARTNERS), filters, lang),
        network_alt(ranked, iso3, lang, MAX_PARTNERS),
        lambda: partner_rows(strongest(ranked, MAX_PARTNERS), lang),
        key=f"{key}_network",
        lang=lang,
        caption=caption,
    )
    if len(ranked) > MAX_PARTNERS:
        st.caption(t("countries.network.capped", lang, shown=MAX_PARTNERS, total=len(ranked)))
