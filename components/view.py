"""The view every page shows: filters and language, kept in the sidebar and in the URL.

The URL is the shared state of record: a link opens exactly the view it was
copied from, and the browser's back button returns to the previous view.
Widgets are seeded from the URL when it changes from outside (a pasted
link, back or forward), and the URL is rewritten from the widgets on every
run, since page navigation may drop it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from liaison.filters import Filters, filters_from_params
from liaison.i18n import LANGUAGES, actor_name, month_label, normalise_language, region_label, t, topic_label
from liaison.places import country_name
from liaison.query import meeting_states
from liaison.store import Dataset

KEYS = {
    "countries": "f_country",
    "regions": "f_region",
    "blocs": "f_bloc",
    "formats": "f_format",
    "topics": "f_topic",
    "text": "f_q",
}
MONTHS_KEY = "f_months"
LANG_KEY = "lang"
_WRITTEN = "_url_written"
_PAGE = "_url_page"
_FILTERS = "_filters"
_RENDERED_LANG = "_lang_rendered"
_CHOICES = "_choices"
# Parameters a page keeps in the URL for itself (the meeting shown, the state profiled…).
PAGE_PARAMS = ("meeting", "state", "compare")


@dataclass(frozen=True)
class View:
    """What the current page should show, and in which language."""

    filters: Filters
    lang: str
    ignored: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choices:
    """The values each filter offers, taken from the data."""

    countries: tuple[str, ...]
    regions: tuple[str, ...]
    blocs: tuple[str, ...]
    formats: tuple[str, ...]
    topics: tuple[str, ...]
    months: tuple[str, ...]

    def known(self) -> dict[str, tuple[str, ...]]:
        return {
            "countries": self.countries,
            "regions": self.regions,
            "blocs": self.blocs,
            "formats": self.formats,
            "topics": self.topics,
        }


@st.cache_resource(max_entries=2, show_spinner=False)
def choices(_ds: Dataset, version: str) -> Choices:
    """Filter options: only values that occur in the data, so no choice matches nothing by construction."""
    ds = _ds
    states = sorted(set(meeting_states(ds)["iso3"]))
    regions = ds.regions[ds.regions["iso3"].isin(states)]
    dated = pd.concat([ds.meetings["start_date"], ds.meetings["end_date"]]).dropna()
    months = pd.period_range(dated.min().to_period("M"), dated.max().to_period("M"), freq="M") if len(dated) else []
    return Choices(
        countries=tuple(states),
        regions=tuple(sorted(set(regions["region"]))) + tuple(sorted(set(regions["subregion"].dropna()))),
        blocs=tuple(ds.organizations.loc[ds.organizations["kind"] == "bloc", "org_id"]),
        formats=("multilateral", "bilateral"),
        topics=tuple(ds.taxonomy["topic_id"]),
        months=tuple(str(month) for month in months),
    )


def _url() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _seed(filters: Filters, choices: Choices) -> None:
    for field, key in KEYS.items():
        value = getattr(filters, field)
        st.session_state[key] = value if field == "text" else list(value)
    if choices.months:
        first, last = choices.months[0], choices.months[-1]
        start = min(max(filters.month_from or first, first), last)
        end = max(min(filters.month_to or last, last), first)
        st.session_state[MONTHS_KEY] = (start, end)


def _from_url(url: dict[str, list[str]], choices: Choices) -> tuple[Filters, str, tuple[str, ...]]:
    filters, ignored = filters_from_params(url, choices.known())
    lang = normalise_language((url.get("lang") or [None])[0])
    return filters, lang, tuple(ignored)


def _outside(filters: Filters, choices: Choices) -> tuple[str, ...]:
    """Months of a link that lie outside the data: the slider moves them to the nearest month, and says so."""
    if not choices.months:
        return ()
    first, last = choices.months[0], choices.months[-1]
    bounds = (("from", filters.month_from), ("to", filters.month_to))
    return tuple(f"{name}={value}" for name, value in bounds if value and not first <= value <= last)


def _months_filter(months: object, choices: Choices) -> tuple[str | None, str | None]:
    """The slider's range as from/to; the whole range means no date filter, so undated meetings stay."""
    whole = (choices.months[0], choices.months[-1]) if choices.months else None
    if isinstance(months, tuple | list) and len(months) == 2 and tuple(months) != whole:
        return months[0], months[1]
    return None, None


def sidebar(ds: Dataset, page: str) -> View:
    """Draw the language switch and the filters in the sidebar, keep them in the URL, return the view."""
    options = choices(ds, ds.version.digest)
    st.session_state[_CHOICES] = options
    url = _url()
    ignored: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    written = st.session_state.get(_WRITTEN)
    navigated_away = not url and st.session_state.get(_PAGE) != page
    if written is None or (url != written and not navigated_away):
        filters, lang, ignored = _from_url(url, options)
        moved = _outside(filters, options)
        _seed(filters, options)
        st.session_state[LANG_KEY] = lang
    elif st.session_state.get(_RENDERED_LANG) != st.session_state.get(LANG_KEY):
        _seed(st.session_state[_FILTERS], options)

    with st.sidebar:
        lang = st.segmented_control(
            "Language / Langue",
            LANGUAGES,
            key=LANG_KEY,
            format_func=lambda code: t(f"language.{code}", code),
            required=True,
        )
        lang = normalise_language(lang)
        filters = _draw_filters(ds, options, lang)

    st.session_state[_FILTERS] = filters
    st.session_state[_RENDERED_LANG] = lang
    same_page = st.session_state.get(_PAGE) in (None, page)
    kept = {key: url[key] for key in PAGE_PARAMS if key in url and same_page}
    params = filters.to_params() | ({"lang": [lang]} if lang != "en" else {}) | kept
    if params != url:
        st.query_params.from_dict(params)
    st.session_state[_WRITTEN] = params
    st.session_state[_PAGE] = page
    view = View(filters=filters, lang=lang, ignored=ignored, moved=moved)
    st.session_state["view"] = view
    return view


def _draw_filters(ds: Dataset, options: Choices, lang: str) -> Filters:
    st.header(t("filters.title", lang))
    months = None
    if options.months:
        months = st.select_slider(
            t("filters.months", lang),
            options=options.months,
            key=MONTHS_KEY,
            format_func=lambda month: month_label(pd.Timestamp(f"{month}-01"), lang),
        )
    by_name = sorted(options.countries, key=lambda code: country_name(code, lang))
    countries = st.multiselect(
        t("filters.countries", lang),
        by_name,
        key=KEYS["countries"],
        format_func=lambda code: country_name(code, lang),
        placeholder=t("filters.any", lang),
    )
    regions = st.multiselect(
        t("filters.regions", lang),
        options.regions,
        key=KEYS["regions"],
        format_func=lambda region: region_label(region, lang),
        placeholder=t("filters.any", lang),
    )
    blocs = st.multiselect(
        t("filters.blocs", lang),
        options.blocs,
        key=KEYS["blocs"],
        format_func=lambda org: actor_name(org, ds.organizations, lang),
        placeholder=t("filters.any", lang),
    )
    formats = st.pills(
        t("filters.formats", lang),
        options.formats,
        key=KEYS["formats"],
        selection_mode="multi",
        format_func=lambda value: t(f"format.{value}", lang),
    )
    topics = st.multiselect(
        t("filters.topics", lang),
        options.topics,
        key=KEYS["topics"],
        format_func=lambda topic: topic_label(topic, ds.taxonomy, lang),
        placeholder=t("filters.any", lang),
    )
    text = st.text_input(t("filters.text", lang), key=KEYS["text"], placeholder=t("filters.text.placeholder", lang))
    reset_button(lang, key="f_reset")
    month_from, month_to = _months_filter(months, options)
    return Filters(
        month_from=month_from,
        month_to=month_to,
        countries=tuple(countries),
        regions=tuple(regions),
        blocs=tuple(blocs),
        formats=tuple(formats or ()),
        topics=tuple(topics),
        text=text.strip(),
    )


def _reset() -> None:
    _seed(Filters(), st.session_state[_CHOICES])


def reset_button(lang: str, key: str) -> None:
    """A button that clears every filter (the language stays)."""
    st.button(t("filters.reset", lang), key=key, on_click=_reset, icon=":material/filter_alt_off:")


def choose_countries(codes: list[str]) -> list[str]:
    """Set the country filter from a page, from a widget callback (before the sidebar is drawn).

    Only states that take part in some meeting can be chosen; returns the codes it could not set.
    """
    known = set(st.session_state[_CHOICES].countries)
    chosen = [code for code in codes if code in known]
    if chosen:
        st.session_state[KEYS["countries"]] = chosen
    return [code for code in codes if code not in known]


def page_param(key: str) -> str | None:
    """A page's own URL parameter (see PAGE_PARAMS), or None."""
    values = st.query_params.get_all(key)
    return values[0] if values else None


def set_page_param(key: str, value: str | None) -> None:
    """Set or clear a page's own URL parameter, keeping the record of what the app wrote in step.

    Writing st.query_params directly would look, on the next run, like a link opened from
    outside, and the sidebar would re-seed the filters from it.
    """
    written = dict(st.session_state.get(_WRITTEN) or {})
    if value:
        st.query_params[key] = value
        written[key] = [value]
    else:
        st.query_params.pop(key, None)
        written.pop(key, None)
    st.session_state[_WRITTEN] = written


def current() -> View:
    """The view the sidebar set up for this run (pages call this instead of reading the URL)."""
    return st.session_state["view"]
