"""The sidebar: the language switch, the period and the filters, each drawn from the view and writing to it.

Every widget is given its value from the view before it is drawn, and its change callback
hands the new value to `change_view`; no widget value is read back in the script. So a widget
can never disagree with the URL, whichever widget, button or page the analyst touched last.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.feed_data import events_folder, events_root_refused, has_events
from components.markdown import md_escape
from components.view import View, change_view, current_choices, reset_filters
from liaison.dataset.store import Dataset
from liaison.view.period import EVERYTHING, PRESETS, preset_months, quick_period_of, quick_periods
from liaison.words.i18n import (
    LANGUAGES,
    actor_name,
    month_label,
    organisation_name,
    region_label,
    short_month_label,
    t,
    topic_labels,
)
from liaison.words.places import country_name

LANG_KEY = "lang"
PERIOD_KEY = "f_period"
FROM_KEY = "f_from"
TO_KEY = "f_to"
FEED_KEY = "f_feed"
CUSTOM = "custom"
# Filter field -> widget key.
KEYS = {
    "countries": "f_country",
    "regions": "f_region",
    "blocs": "f_bloc",
    "formats": "f_format",
    "topics": "f_topic",
    "text": "f_q",
}


def _month(month: str, lang: str) -> str:
    return month_label(pd.Timestamp(f"{month}-01"), lang)


def _span(start: str, end: str, lang: str) -> str:
    return _month(start, lang) if start == end else f"{_month(start, lang)} – {_month(end, lang)}"


def _short_span(start: str, end: str, lang: str) -> str:
    """'Oct–Dec 2026', 'Dec 2025 – Feb 2026': short enough for the sidebar's list, never clipped."""
    first, last = pd.Timestamp(f"{start}-01"), pd.Timestamp(f"{end}-01")
    if first.year == last.year:
        return f"{t(f'month.short.{first.month}', lang)}–{short_month_label(last, lang)}"
    return f"{short_month_label(first, lang)} – {short_month_label(last, lang)}"


def _bloc(org: str, ds: Dataset, lang: str) -> str:
    """'SCO — Shanghai Cooperation Organisation': the acronym people say, and the name they may type."""
    short, full = actor_name(org, ds.organizations, lang), organisation_name(org, ds.organizations, lang)
    return short if short == full else f"{short} — {full}"


@st.cache_resource(max_entries=4, show_spinner=False)
def _labels(version: str, lang: str, _ds: Dataset) -> dict[str, dict[str, str]]:
    """The blocs' and topics' labels of one data version in one language: looked up once, not per option and rerun."""
    blocs = _ds.organizations["org_id"]
    topics = _ds.taxonomy["topic_id"]
    return {
        "blocs": {org: _bloc(org, _ds, lang) for org in blocs},
        "topics": dict(zip(topics, topic_labels(topics, _ds.taxonomy, lang), strict=True)),
    }


def _changed(field: str) -> None:
    value = st.session_state[KEYS[field]]
    change_view(**{field: value.strip() if field == "text" else list(value or ())})


def _language_changed() -> None:
    change_view(lang=st.session_state[LANG_KEY])


def _feed_switched() -> None:
    change_view(feed=bool(st.session_state[FEED_KEY]))


def _feed_switch(view: View) -> None:
    """Machine-coded GDELT candidates on or off; without an events layer it says how to import one, or that
    LIAISON_EVENTS names a file rather than a folder (as the feed panel warns)."""
    present = has_events()
    st.session_state[FEED_KEY] = view.feed
    st.toggle(
        t("feed.switch", view.lang),
        key=FEED_KEY,
        on_change=_feed_switched,
        disabled=not present and not view.feed,
        help=t("feed.switch.help", view.lang),
    )
    if present:
        return
    if refused := events_root_refused():
        st.caption(t("feed.switch.not_a_folder", view.lang, path=md_escape(str(refused.root))))
    else:
        st.caption(t("feed.switch.missing", view.lang, folder=md_escape(str(events_folder()))))


def _period_picked(offered: dict[str, tuple[str | None, str | None]]) -> None:
    name = st.session_state[PERIOD_KEY]
    if name in offered:
        start, end = offered[name]
        change_view(month_from=start, month_to=end)


def _bound_picked(which: str) -> None:
    """A first or last month was picked: the other one follows if the range would be reversed.

    The whole range becomes "no date filter" where every view is read (`components.view`), not here.
    """
    start, end = st.session_state[FROM_KEY], st.session_state[TO_KEY]
    if end < start:
        start, end = (start, start) if which == FROM_KEY else (end, end)
    change_view(month_from=start, month_to=end)


def _period(view: View, months: tuple[str, ...], today: date) -> None:
    """One pick for the usual periods (typed or chosen), and first/last month for any other range."""
    lang, filters = view.lang, view.filters
    offered = quick_periods(months, today)
    chosen = quick_period_of(filters.month_from, filters.month_to, offered)
    labels = {EVERYTHING: t("period.all", lang)}
    for name in PRESETS:
        start, end = preset_months(name, today)
        labels[name] = t(f"period.{name}", lang, span=_short_span(start, end, lang))
    names = list(offered)
    if chosen is None:
        names.append(CUSTOM)
        labels[CUSTOM] = t("period.custom", lang, span=_span(filters.month_from, filters.month_to, lang))
    st.session_state[PERIOD_KEY] = chosen or CUSTOM
    st.selectbox(
        t("filters.period", lang),
        names,
        key=PERIOD_KEY,
        format_func=lambda name: (
            labels.get(name) or (t("period.year", lang, year=name) if len(name) == 4 else _month(name, lang))
        ),
        on_change=_period_picked,
        args=(offered,),
        help=t("filters.period.help", lang),
    )
    st.session_state[FROM_KEY] = filters.month_from or months[0]
    st.session_state[TO_KEY] = filters.month_to or months[-1]
    st.selectbox(
        t("filters.from", lang),
        months,
        key=FROM_KEY,
        format_func=lambda month: _month(month, lang),
        on_change=_bound_picked,
        args=(FROM_KEY,),
    )
    st.selectbox(
        t("filters.to", lang),
        months[::-1],
        key=TO_KEY,
        format_func=lambda month: _month(month, lang),
        on_change=_bound_picked,
        args=(TO_KEY,),
    )


def _multiselect(field: str, label: str, options: tuple[str, ...], name, view: View) -> None:
    st.session_state[KEYS[field]] = list(getattr(view.filters, field))
    st.multiselect(
        label,
        options,
        key=KEYS[field],
        format_func=name,
        placeholder=t("filters.any", view.lang),
        on_change=_changed,
        args=(field,),
    )


def reset_button(lang: str, key: str) -> None:
    """A button that clears every filter (the language stays)."""
    st.button(t("filters.reset", lang), key=key, on_click=reset_filters, icon=":material/filter_alt_off:")


def filter_sidebar(ds: Dataset, view: View) -> None:
    """Draw the language switch and every filter of the view in the sidebar."""
    options = current_choices()
    lang = view.lang
    labels = _labels(ds.version.digest, lang, ds)
    with st.sidebar:
        st.session_state[LANG_KEY] = lang
        st.segmented_control(
            "Language / Langue",
            LANGUAGES,
            key=LANG_KEY,
            format_func=lambda code: t(f"language.{code}", code),
            required=True,
            on_change=_language_changed,
        )
        st.header(t("filters.title", lang), anchor=False)
        if options.months:
            _period(view, options.months, date.today())
        _multiselect(
            "countries",
            t("filters.countries", lang),
            tuple(sorted(options.countries, key=lambda code: country_name(code, lang))),
            lambda code: country_name(code, lang),
            view,
        )
        _multiselect(
            "regions", t("filters.regions", lang), options.regions, lambda region: region_label(region, lang), view
        )
        _multiselect("blocs", t("filters.blocs", lang), options.blocs, lambda org: labels["blocs"].get(org, org), view)
        st.session_state[KEYS["formats"]] = list(view.filters.formats)
        st.pills(
            t("filters.formats", lang),
            options.formats,
            key=KEYS["formats"],
            selection_mode="multi",
            format_func=lambda value: t(f"format.{value}", lang),
            on_change=_changed,
            args=("formats",),
        )
        _multiselect(
            "topics",
            t("filters.topics", lang),
            options.topics,
            lambda topic: labels["topics"].get(topic, topic),
            view,
        )
        st.session_state[KEYS["text"]] = view.filters.text
        st.text_input(
            t("filters.text", lang),
            key=KEYS["text"],
            placeholder=t("filters.text.placeholder", lang),
            on_change=_changed,
            args=("text",),
        )
        _feed_switch(view)
        reset_button(lang, key="f_reset")
