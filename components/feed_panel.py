"""The machine-coded candidates of a view, always shown apart: their figure, badge, quality, list and promotion.

Nothing here adds a candidate to a curated count. Each piece names what it shows as
machine-coded and unverified; addresses from GDELT are untrusted input, linked only when
`web_address` accepts them and always escaped.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.feed_data import (
    articles_of,
    candidate_answer,
    events_folder,
    events_root_refused,
    has_events,
    view_candidates,
)
from components.identity import current_editor
from components.markdown import address_label, md_escape, web_address
from components.meeting_list import number_label
from components.view import View
from liaison.dataset.access import AccessError
from liaison.feed.aggregates import candidate_states
from liaison.feed.candidates import feed_quality
from liaison.intake.promotion import promotion
from liaison.publish.candidates import candidates_csv
from liaison.view.filters import Filters
from liaison.words.i18n import t
from liaison.words.places import country_name

ROWS_PER_PAGE = 100
ARTICLES_SHOWN = 20
PROMOTED = "feed_promotion"
"""The session key under which a promoted candidate waits for the Add meetings page to pick it up."""
ADD_PAGE = "app_pages/add_meetings.py"


def shown_candidates(view: View, filters: Filters | None = None) -> pd.DataFrame | None:
    """The candidates of the view (or of `filters`, a page's variant of it) when the switch is on, else None.

    Switched on without an events layer, the page says how to import one (or that LIAISON_EVENTS
    names a file, not a folder) and gets None.
    """
    if not view.feed:
        return None
    if not has_events():
        if refused := events_root_refused():
            path = md_escape(str(refused.root))
            st.warning(t("feed.note.not_a_folder", view.lang, path=path), icon=":material/smart_toy:")
        else:
            folder = md_escape(str(events_folder()))
            st.info(t("feed.note.missing", view.lang, folder=folder), icon=":material/smart_toy:")
        return None
    return view_candidates(view.filters if filters is None else filters)


def badge(lang: str) -> None:
    """The "machine-coded, unverified" badge."""
    st.badge(t("feed.badge", lang), icon=":material/smart_toy:", color="violet")


def _percent(share: float, lang: str) -> str:
    text = f"{share * 100:.0f}"
    return f"{text}\u202f%" if lang == "fr" else f"{text}%"


def candidate_headline(candidates: pd.DataFrame, lang: str) -> None:
    """The candidates' own figure, beside the curated headline and never added to it."""
    with st.container(border=True, key="feed_headline"):
        badge(lang)
        st.metric(t("feed.headline", lang), number_label(len(candidates), lang), help=t("feed.headline.help", lang))
        st.caption(t("feed.apart", lang))


def quality_panel(filters: Filters, lang: str) -> None:
    """What the view's candidates rest on: rows -> candidates -> URLs, and the two warning shares."""
    quality = candidate_answer(feed_quality, filters)
    with st.container(border=True, key="feed_quality"):
        st.markdown(f"**{t('feed.quality.title', lang)}**")
        st.markdown(
            t(
                "feed.quality.chain",
                lang,
                rows=number_label(quality.rows, lang),
                candidates=number_label(quality.candidates, lang),
                urls=number_label(quality.urls, lang),
            )
        )
        columns = st.columns(2)
        columns[0].metric(
            t("feed.quality.centroid", lang),
            _percent(quality.country_share, lang),
            help=t("feed.quality.centroid.help", lang),
        )
        columns[1].metric(
            t("feed.quality.single", lang),
            _percent(quality.single_source_share, lang),
            help=t("feed.quality.single.help", lang),
        )
        st.caption(t("feed.quality.caveat", lang))


def apart_note(candidates: pd.DataFrame, key: str, lang: str, part: str = "", **values: object) -> None:
    """One sentence saying how the page treats the view's candidates, with the badge (`part` tells two apart)."""
    with st.container(key=f"feed_note_{key}{part}"):
        badge(lang)
        st.caption(t(f"feed.note.{key}", lang, count=number_label(len(candidates), lang), **values))


def candidate_states_table(candidates: pd.DataFrame, lang: str) -> None:
    """The candidates' states and how many candidates each is in, behind a switch (one row per state)."""
    if st.toggle(t("feed.states.as_table", lang), key="feed_states_as_table"):
        states = candidate_states(candidates)
        st.dataframe(
            pd.DataFrame(
                {
                    t("feed.column.state", lang): [country_name(code, lang) for code in states["iso3"]],
                    t("feed.headline", lang): states["candidates"].to_numpy(),
                }
            ),
            hide_index=True,
            width="stretch",
        )


def _states(row: pd.Series, lang: str) -> str:
    return f"{country_name(str(row['state_a']), lang)} – {country_name(str(row['state_b']), lang)}"


def _table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    articles = articles_of(rows)
    first = articles.sort_values("rows", ascending=False, kind="stable").drop_duplicates("candidate_id")
    link = first.set_index("candidate_id")["source_url"].map(web_address)
    return pd.DataFrame(
        {
            t("feed.column.status", lang): t("feed.badge", lang),
            t("field.dates", lang): [
                _days(start, end) for start, end in zip(rows["start_date"], rows["end_date"], strict=True)
            ],
            t("feed.column.states", lang): [_states(row, lang) for _, row in rows.iterrows()],
            t("feed.column.host", lang): [
                country_name(str(host), lang) if pd.notna(host) else "—" for host in rows["host"]
            ],
            t("feed.column.place", lang): rows["place"].astype("str").fillna("—").to_numpy(),
            t("feed.column.precision", lang): [t(f"feed.precision.{value}", lang) for value in rows["precision"]],
            t("feed.column.rows", lang): rows["rows"].to_numpy(),
            t("feed.column.sources", lang): rows["sources"].to_numpy(),
            t("feed.column.urls", lang): rows["urls"].to_numpy(),
            t("feed.column.article", lang): rows["candidate_id"].map(link).to_numpy(),
        }
    )


def _days(start: pd.Timestamp, end: pd.Timestamp) -> str:
    first, last = start.date().isoformat(), end.date().isoformat()
    return first if first == last else f"{first} – {last}"


def _article_lines(articles: pd.DataFrame, lang: str) -> list[str]:
    lines = []
    for url, host in zip(articles["source_url"], articles["source_host"], strict=True):
        address = web_address(url)
        site = md_escape(host) if isinstance(host, str) and host else "—"
        if address:
            lines.append(f"- [{address_label(address)}]({address}) ({site})")
        else:
            lines.append(f"- {md_escape(url)} ({t('feed.article.unlinked', lang)})")
    return lines


def _editor_may_promote() -> bool:
    try:
        return current_editor() is not None
    except AccessError:
        return False


def candidate_list(candidates: pd.DataFrame, lang: str) -> None:
    """The view's candidates in their own table, a page at a time; one in full with its articles and its promotion."""
    st.subheader(t("feed.list.title", lang), anchor=False)
    badge(lang)
    total = len(candidates)
    st.caption(t("feed.list.count", lang, count=number_label(total, lang)))
    if not total:
        return
    st.download_button(
        t("feed.list.download", lang),
        data=lambda: candidates_csv(candidates, articles_of(candidates)),
        file_name="liaison-candidates.csv",
        mime="text/csv",
        on_click="ignore",
        key="feed_download",
        icon=":material/download:",
        help=t("feed.list.download.help", lang),
    )
    pages = -(-total // ROWS_PER_PAGE)
    number = 1
    if pages > 1:
        number = int(st.number_input(t("feed.list.page", lang, pages=pages), 1, pages, 1, key="feed_page"))
    rows = candidates.iloc[(number - 1) * ROWS_PER_PAGE : number * ROWS_PER_PAGE]
    st.dataframe(
        _table(rows, lang),
        hide_index=True,
        width="stretch",
        column_config={t("feed.column.article", lang): st.column_config.LinkColumn()},
        key="feed_table",
    )
    labels = {
        row["candidate_id"]: f"{_days(row['start_date'], row['end_date'])} · {_states(row, lang)}"
        + (f" · {row['place']}" if pd.notna(row["place"]) else "")
        for _, row in rows.iterrows()
    }
    chosen = st.selectbox(
        t("feed.list.pick", lang),
        list(labels),
        format_func=labels.get,
        key="feed_candidate",
        index=None,
        placeholder=t("feed.list.pick.placeholder", lang),
    )
    if chosen:
        candidate_card(rows[rows["candidate_id"] == chosen].iloc[0], lang)


def candidate_card(row: pd.Series, lang: str) -> None:
    """One candidate: what the coding says, the articles behind it, and (for an editor) the way to promote it."""
    articles = articles_of(pd.DataFrame({"candidate": [row["candidate"]], "candidate_id": [row["candidate_id"]]}))
    articles = articles.sort_values("rows", ascending=False, kind="stable")
    with st.container(border=True, key="feed_card"):
        badge(lang)
        st.markdown(f"**{md_escape(_states(row, lang))}** · {md_escape(_days(row['start_date'], row['end_date']))}")
        place = row["place"] if pd.notna(row["place"]) else t("feed.place.none", lang)
        st.markdown(
            t(
                "feed.card.facts",
                lang,
                place=md_escape(place),
                precision=t(f"feed.precision.{row['precision']}", lang),
                rows=int(row["rows"]),
                sources=int(row["sources"]),
                urls=int(row["urls"]),
                official=int(row["official_rows"]),
            )
        )
        st.markdown(f"**{t('feed.card.articles', lang)}**")
        st.markdown("\n".join(_article_lines(articles.head(ARTICLES_SHOWN), lang)))
        if len(articles) > ARTICLES_SHOWN:
            st.caption(t("feed.card.more", lang, count=len(articles) - ARTICLES_SHOWN))
        if not _editor_may_promote():
            st.caption(t("feed.promote.readers", lang))
        elif st.button(t("feed.promote", lang), key="feed_promote", icon=":material/verified:", type="primary"):
            st.session_state[PROMOTED] = promotion(row, articles)
            st.switch_page(ADD_PAGE)
        else:
            st.caption(t("feed.promote.help", lang))


def candidates_alone(view: View) -> None:
    """The candidates of a view that keeps no curated meeting: their figure, quality and list, still apart."""
    candidates = shown_candidates(view)
    if candidates is None or candidates.empty:
        return
    candidate_headline(candidates, view.lang)
    quality_panel(view.filters, view.lang)
    candidate_list(candidates, view.lang)
