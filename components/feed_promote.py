"""A promoted candidate on the Add meetings page: its meeting pre-filled in the usual review, saved like any other.

The Meetings page leaves a `Promotion` in the session and opens Add meetings; here it becomes
one draft row (the two states, the days, the city and country, bilateral, titles in English
and French), a pre-filled main source (the article behind most of its rows) and the other
articles as further sources, each ticked to be cited; reviewed and saved by `draft_review`,
the same check and save as a drafted article.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.draft_review import draft_review, drafts_frame, source_form
from components.feed_panel import PROMOTED, badge
from components.markdown import md_escape, web_address
from liaison.dataset.access import Editor
from liaison.dataset.changes import Snapshot
from liaison.dataset.stores import Store
from liaison.extract.draft import DraftMeeting
from liaison.intake.drafts import SourceInfo
from liaison.intake.promotion import Promotion
from liaison.words.i18n import t

KEY = "promoted_drafts"
PREFIX = "promoted"
FURTHER = "promoted_further"
CITE_WIDTH = 64
"""Pixels: the "Cite" column holds only its box."""


def promoted_draft(promotion: Promotion) -> DraftMeeting:
    """The draft meeting a promotion proposes, in the review's shape."""
    return DraftMeeting(
        title=None,
        title_en=promotion.title_en,
        title_fr=promotion.title_fr,
        format="bilateral",
        start_date=promotion.start_date,
        end_date=promotion.end_date,
        date_precision="day",
        city=promotion.city,
        country_iso3=promotion.country_iso3,
        participant_states_iso3=list(promotion.states),
        topics=[],
        parent=None,
    )


def _start(promotion: Promotion, lang: str) -> None:
    """Seed the review and its source fields once, when the candidate arrives (an address only if a web one)."""
    source = promotion.source
    st.session_state[KEY] = {
        "frame": drafts_frame(
            [promoted_draft(promotion)],
            [{"meeting": t("feed.promote.evidence", lang, id=promotion.candidate_id)}],
            lang,
        ),
        "promotion": promotion,
    }
    st.session_state[f"{PREFIX}_outlet"] = (source.host or source.url) if source else ""
    st.session_state[f"{PREFIX}_url"] = (web_address(source.url) or "") if source else ""
    st.session_state[f"{PREFIX}_published"] = promotion.published
    st.session_state[f"{PREFIX}_title"] = ""
    st.session_state.pop(FURTHER, None)


def _discard() -> None:
    st.session_state.pop(KEY, None)


def further_frame(promotion: Promotion, language: str) -> pd.DataFrame:
    """The other articles as the reviewer edits them: all cited, outlet from the address, the candidate's date.

    GDELT names some sources by their name rather than an address ("BBC Monitoring"): that name
    is the outlet, with no link.
    """
    return pd.DataFrame(
        {
            "cite": [True] * len(promotion.further),
            "outlet": [article.host or article.url for article in promotion.further],
            "url": [web_address(article.url) for article in promotion.further],
            "published": [promotion.published] * len(promotion.further),
            "language": [language] * len(promotion.further),
            "rows": [article.rows for article in promotion.further],
        }
    )


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def cited_sources(edited: pd.DataFrame) -> list[SourceInfo]:
    """The ticked rows as sources, in the table's order."""
    return [
        SourceInfo(
            outlet=_text(row["outlet"]),
            language=_text(row["language"]) or "en",
            url=_text(row["url"]),
            published=_text(row["published"]),
        )
        for _, row in edited.iterrows()
        if bool(row["cite"])
    ]


def _further_sources(promotion: Promotion, lang: str) -> list[SourceInfo]:
    """The other articles in an editor; the ticked ones, each to be cited as a source of its own."""
    if not promotion.further:
        return []
    st.markdown(f"**{t('feed.promote.further', lang)}**")
    edited = st.data_editor(
        further_frame(promotion, "en"),  # GDELT's event exports code English-language news
        key=FURTHER,
        hide_index=True,
        width="stretch",
        column_config={
            "cite": st.column_config.CheckboxColumn(t("feed.promote.cite", lang), width=CITE_WIDTH),
            "outlet": st.column_config.TextColumn(t("about.outlet", lang)),
            "url": st.column_config.LinkColumn(t("about.link", lang), disabled=True),
            "published": st.column_config.TextColumn(t("about.published", lang)),
            "language": st.column_config.SelectboxColumn(
                t("about.language", lang),
                options=("fr", "en"),
                format_func=lambda code: t(f"language.name.{code}", lang),
                required=True,
            ),
            "rows": st.column_config.NumberColumn(t("feed.promote.rows", lang), disabled=True),
        },
    )
    cited = cited_sources(edited)
    st.caption(t("feed.promote.further.help", lang, cited=len(cited), total=len(promotion.further)))
    for row, (_, cells) in enumerate(edited.iterrows(), start=1):
        if bool(cells["cite"]) and not _text(cells["outlet"]):
            st.warning(t("feed.promote.outlet_needed", lang, url=md_escape(_text(cells["url"])), row=row))
    return cited


def promoted_review(store: Store, base: Snapshot, geocoder, author: Editor | None, lang: str) -> None:
    """The promoted candidate's review, above the page's tabs, until it is saved or discarded."""
    if (arrived := st.session_state.pop(PROMOTED, None)) is not None:
        _start(arrived, lang)
    if KEY not in st.session_state:
        return
    promotion: Promotion = st.session_state[KEY]["promotion"]
    with st.container(border=True, key="promoted_review"):
        st.subheader(t("feed.promote.title.review", lang), anchor=False)
        badge(lang)
        st.caption(t("feed.promote.intro", lang, id=md_escape(promotion.candidate_id)))
        source = source_form(PREFIX, lang, default_language="en")
        also = _further_sources(promotion, lang)
        draft_review(store, base, KEY, source, None, geocoder, author, lang, also=also, origin=promotion.origin)
        st.button(t("feed.promote.discard", lang), key="promoted_discard", on_click=_discard)
