"""The view every page shows — filters and language — and its one state of record: the URL.

Each run reads the view from the URL. Widgets are drawn from it, and a widget's change
callback writes the new view back to the URL before the run that shows it; pages read it
through `current()`. Nothing else holds the view, so no click, button or page can lose a part
of it. The page menu's links carry the view in their addresses (components/page_menu.py); a
page opened at a bare address in the same session (typed, or by `st.switch_page`) gets back the
view this session last wrote, without the parameters that belonged to the page it left.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
import streamlit as st

from components.feed_data import layer_digest, view_candidates
from liaison.dataset.store import Dataset
from liaison.feed.aggregates import Extent, candidate_extent
from liaison.view.filters import Filters, filters_from_params
from liaison.view.partners import profile_states
from liaison.view.period import month_of, month_span, within
from liaison.words.i18n import normalise_language

# Parameters a page keeps in the URL for itself (the meeting shown, the state profiled, the
# Meetings list's search, order and page…).
PAGE_PARAMS = ("meeting", "state", "compare", "find", "sort", "page")
# Page parameters a change of filters clears: another view's list starts again at its first page.
RESTARTED = ("page",)
_WRITTEN = "_view_written"
_VIEW = "_view"
# The machine-coded feed shown beside the curated meetings: `feed=gdelt` (the only feed there is).
FEED_PARAM = "feed"
FEEDS = ("gdelt",)


@dataclass(frozen=True)
class View:
    """What the current page should show, in which language, and what of the link was not used."""

    filters: Filters
    lang: str
    ignored: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    feed: bool = False
    """Whether machine-coded GDELT candidates are shown, always apart from the curated meetings."""

    def to_params(self) -> dict[str, list[str]]:
        """The URL form of the view (English and no feed are the defaults and are left out)."""
        return (
            self.filters.to_params()
            | ({FEED_PARAM: [FEEDS[0]]} if self.feed else {})
            | ({"lang": [self.lang]} if self.lang != "en" else {})
        )


@dataclass(frozen=True)
class Choices:
    """The values each filter offers, taken from the data (and months up to today's)."""

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


@st.cache_resource(max_entries=4, show_spinner=False)
def _choices(_ds: Dataset, version: str, this_month: str, feed: Extent | None) -> Choices:
    ds = _ds
    states = profile_states(ds)  # from the index's codes: the states of a million meetings are four million rows
    if feed is not None:
        states = sorted({*states, *feed.states})
    regions = ds.regions[ds.regions["iso3"].isin(states)]
    dated = pd.concat([ds.meetings["start_date"], ds.meetings["end_date"]]).dropna()
    spans = [this_month]
    if len(dated):
        spans += [dated.min().strftime("%Y-%m"), dated.max().strftime("%Y-%m")]
    if feed is not None and feed.first_month and feed.last_month:
        spans += [feed.first_month, feed.last_month]
    return Choices(
        countries=tuple(states),
        regions=tuple(sorted(set(regions["region"]))) + tuple(sorted(set(regions["subregion"].dropna()))),
        blocs=tuple(ds.organizations.loc[ds.organizations["kind"] == "bloc", "org_id"]),
        formats=("multilateral", "bilateral"),
        topics=tuple(ds.taxonomy["topic_id"]),
        months=month_span(min(spans), max(spans)) if len(spans) > 1 else (),
    )


@st.cache_resource(max_entries=2, show_spinner=False)
def _feed_extent(digest: str, version: str) -> Extent:
    return candidate_extent(view_candidates(Filters()))


def choices(ds: Dataset, feed: bool = False) -> Choices:
    """Filter options: values that occur in the data, so no choice matches nothing by construction.

    Months run from the first dated meeting to today's month, so the presets that count
    back from today ("the last three months") always fall among them. With the feed shown,
    the candidates' states and months are offered too: a candidate between two states the
    curated record never met, or older than its first meeting, can still be filtered to.
    """
    digest = layer_digest() if feed else None
    extent = _feed_extent(digest, ds.version.digest) if digest else None
    return _choices(ds, ds.version.digest, month_of(date.today()), extent)


def _shows_feed(params: dict[str, list[str]]) -> bool:
    return any(value in FEEDS for value in params.get(FEED_PARAM) or [])


def _url() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _written() -> dict[str, list[str]]:
    return dict(st.session_state.get(_WRITTEN, (None, {}))[1])


def _of_record(page: str | None) -> dict[str, list[str]]:
    """The URL, or, when navigating to another page dropped it, the view this session last wrote."""
    url = _url()
    last_page, written = st.session_state.get(_WRITTEN, (None, {}))
    if not url and written and (page is None or last_page != page):
        return {key: value for key, value in written.items() if key not in PAGE_PARAMS}
    return url


def _outside(filters: Filters, months: tuple[str, ...]) -> tuple[str, ...]:
    """Months of a link that lie outside those on offer: they move to the nearest one, and the page says so."""
    if not months:
        return ()
    bounds = (("from", filters.month_from), ("to", filters.month_to))
    return tuple(f"{name}={value}" for name, value in bounds if value and not months[0] <= value <= months[-1])


def _parse(params: dict[str, list[str]], options: Choices) -> View:
    filters, ignored = filters_from_params(params, options.known())
    moved = _outside(filters, options.months)
    if filters.month_from or filters.month_to:
        start = filters.month_from or options.months[0] if options.months else None
        end = filters.month_to or options.months[-1] if options.months else None
        month_from, month_to = within(start, end, options.months) if start and end else (None, None)
        filters = replace(filters, month_from=month_from, month_to=month_to)
    lang = normalise_language((params.get("lang") or [None])[0])
    feeds = params.get(FEED_PARAM) or []
    ignored += [f"{FEED_PARAM}={value}" for value in feeds if value not in FEEDS]
    return View(filters=filters, lang=lang, ignored=tuple(ignored), moved=moved, feed=_shows_feed(params))


def language() -> str:
    """The interface language of this run, known before the pages are named (their titles are translated)."""
    return normalise_language((_of_record(None).get("lang") or [None])[0])


def open_view(ds: Dataset, page: str) -> View:
    """Read this run's view from the URL and write back its canonical form; pages then call `current()`."""
    url = _of_record(page)
    options = choices(ds, _shows_feed(url))
    view = _parse(url, options)
    last_page = st.session_state.get(_WRITTEN, (None, {}))[0]
    kept = {key: url[key] for key in PAGE_PARAMS if key in url and last_page in (None, page)}
    params = view.to_params() | kept
    if params != _url():
        st.query_params.from_dict(params)
    st.session_state[_WRITTEN] = (page, params)
    st.session_state[_VIEW] = (view, options)
    return view


def current() -> View:
    """The view of this run (pages call this instead of reading the URL themselves)."""
    return st.session_state[_VIEW][0]


def current_choices() -> Choices:
    """The filter options of this run's data."""
    return st.session_state[_VIEW][1]


def change_view(**changes: object) -> None:
    """The one place the view changes: write the changed filters (or `lang`, or `feed`) to the URL.

    Called from widget callbacks, which run before the script: the run that follows reads the
    new view from the URL like any other. The base is the URL as it stands, so two callbacks
    of one run (a typed search and a click) both take effect.
    """
    params = _of_record(None) or _written()
    base = _parse(params, current_choices())
    lang = str(changes.pop("lang", base.lang))
    feed = bool(changes.pop("feed", base.feed))
    view = View(filters=base.filters.with_values(**changes), lang=normalise_language(lang), feed=feed)
    restarted = RESTARTED if view.filters != base.filters else ()
    kept = {key: params[key] for key in PAGE_PARAMS if key in params and key not in restarted}
    st.query_params.from_dict(view.to_params() | kept)


def reset_filters() -> None:
    """Clear every filter, keep the language."""
    change_view(**{name: value for name, value in vars(Filters()).items()})


def choose_countries(codes: list[str]) -> list[str]:
    """Set the country filter from a page's widget callback; returns the codes that take part in no meeting."""
    known = set(current_choices().countries)
    chosen = [code for code in codes if code in known]
    if chosen:
        change_view(countries=chosen)
    return [code for code in codes if code not in known]


def page_param(key: str) -> str | None:
    """A page's own URL parameter (see PAGE_PARAMS), or None."""
    values = st.query_params.get_all(key)
    return values[0] if values else None


def set_page_param(key: str, value: str | None) -> None:
    """Set or clear a page's own URL parameter; the filters in the URL stay as they are."""
    set_page_params(**{key: value})


def set_page_params(**values: str | None) -> None:
    """Set or clear several of a page's own URL parameters in one change: one step for back and forward."""
    params = _url()
    for key, value in values.items():
        if value:
            params[key] = [value]
        else:
            params.pop(key, None)
    if params != _url():
        st.query_params.from_dict(params)
