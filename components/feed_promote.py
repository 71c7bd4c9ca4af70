"""A promoted candidate on the Add meetings page: its meeting pre-filled in the usual review, saved like any other.

The Meetings page leaves a `Promotion` in the session and opens Add meetings; here it becomes
one draft row (the two states, the days, the city and country, bilateral, titles in English
and French) and a pre-filled source (the article behind most of its rows), reviewed and saved
by `draft_review`, the same check and save as a drafted article.
"""

from __future__ import annotations

import streamlit as st

from components.draft_review import draft_review, drafts_frame, source_form
from components.feed_panel import PROMOTED, badge
from components.markdown import address_label, md_escape, web_address
from liaison.dataset.access import Editor
from liaison.dataset.changes import Snapshot
from liaison.dataset.stores import Store
from liaison.extract.draft import DraftMeeting
from liaison.feed.promotion import Promotion
from liaison.words.i18n import t

KEY = "promoted_drafts"
PREFIX = "promoted"


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
    """Seed the review and its source fields once, when the candidate arrives."""
    source = promotion.source
    st.session_state[KEY] = {
        "frame": drafts_frame(
            [promoted_draft(promotion)],
            [{"meeting": t("feed.promote.evidence", lang, id=promotion.candidate_id)}],
            lang,
        ),
        "promotion": promotion,
    }
    st.session_state[f"{PREFIX}_outlet"] = source.host if source else ""
    st.session_state[f"{PREFIX}_url"] = source.url if source else ""
    st.session_state[f"{PREFIX}_published"] = promotion.published
    st.session_state[f"{PREFIX}_title"] = ""


def _discard() -> None:
    st.session_state.pop(KEY, None)


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
        lines = []
        for article in promotion.articles[:20]:
            address = web_address(article.url)
            lines.append(f"- [{address_label(address)}]({address})" if address else f"- {md_escape(article.url)}")
        if lines:
            st.markdown(f"**{t('feed.card.articles', lang)}**\n\n" + "\n".join(lines))
        source = source_form(PREFIX, lang, default_language="en")
        draft_review(store, base, KEY, source, None, geocoder, author, lang)
        st.button(t("feed.promote.discard", lang), key="promoted_discard", on_click=_discard)
