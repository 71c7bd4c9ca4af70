"""One meeting in full: when, where, who, on what, and the sources that say so."""

from __future__ import annotations

import html
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from components.markdown import address_label, html_label, md_escape, web_address
from components.view import current
from liaison.dataset.store import Dataset
from liaison.view.query import margin_meetings, meeting_participants, meeting_sources
from liaison.words.i18n import actor_name, date_span_label, t, topic_label


def meeting_params(meeting_id: str) -> dict[str, list[str]]:
    """The URL parameters that show one meeting on the Meetings page while keeping the current view."""
    return current().to_params() | {"meeting": [meeting_id]}


def meeting_href(meeting_id: str) -> str:
    """A relative link to one meeting on the Meetings page, keeping the view's filters and language."""
    return "meetings?" + urlencode(meeting_params(meeting_id), doseq=True)


def _text(value: object) -> str:
    return value if isinstance(value, str) and value else "—"


def meeting_card(ds: Dataset, meeting: pd.Series, lang: str) -> None:
    """Draw one row of the meeting table as a card."""
    fr = lang == "fr"
    title = meeting["title_fr"] if fr else meeting["title"]
    with st.container(border=True, key=f"meeting_card_{meeting['meeting_id']}"):
        st.subheader(md_escape(title), anchor=False)
        venue = meeting["venue_fr"] if fr else meeting["venue"]
        first = st.columns(3)
        first[0].markdown(
            f"**{t('field.dates', lang)}**  \n"
            f"{date_span_label(meeting['start_date'], meeting['end_date'], meeting['date_precision'], lang)}"
        )
        first[1].markdown(f"**{t('field.venue', lang)}**  \n{md_escape(_text(venue))}")
        first[2].markdown(f"**{t('field.format', lang)}**  \n{t('format.' + meeting['format'], lang)}")
        record = ds.meetings.loc[ds.meetings["meeting_id"] == meeting["meeting_id"]].iloc[0]
        st.markdown(md_escape(_text(record["summary_fr"] if fr else record["summary"])))
        if isinstance(meeting["organizer"], str):
            organizer = actor_name(meeting["organizer"], ds.organizations, lang)
            st.markdown(f"**{t('field.organizer', lang)}**: {md_escape(organizer)}")
        if isinstance(record["reported_participants"], str):
            st.markdown(f"**{t('field.reported', lang)}**: {md_escape(record['reported_participants'])}")
        _participants(ds, meeting["meeting_id"], lang)
        if meeting["topics"]:
            labels = ", ".join(topic_label(topic, ds.taxonomy, lang) for topic in meeting["topics"])
            st.markdown(f"**{t('field.topics', lang)}**: {md_escape(labels)}")
        _related(ds, meeting, lang)
        _sources(ds, meeting["meeting_id"], lang)


def _participants(ds: Dataset, meeting_id: str, lang: str) -> None:
    people = meeting_participants(ds, meeting_id)
    if people.empty:
        return
    st.markdown(f"**{t('field.participants', lang)}**")
    st.dataframe(
        pd.DataFrame(
            {
                t("field.actor", lang): [actor_name(actor, ds.organizations, lang) for actor in people["actor"]],
                t("field.role", lang): [
                    ", ".join(t(f"role.{role}", lang) for role in roles) for roles in people["roles"]
                ],
                t("field.delegation_head", lang): people["delegation_head"].fillna(""),
                t("field.agency", lang): people["agency"].fillna(""),
            }
        ),
        hide_index=True,
        width="stretch",
    )


def _related(ds: Dataset, meeting: pd.Series, lang: str) -> None:
    column = "title_fr" if lang == "fr" else "title"
    parent_id = meeting["parent_meeting_id"]
    if isinstance(parent_id, str):
        parent = ds.meetings.loc[ds.meetings["meeting_id"] == parent_id, column].iloc[0]
        st.markdown(f"**{t('field.parent', lang)}**: {_meeting_link(parent_id, parent)}", unsafe_allow_html=True)
    margins = margin_meetings(ds, meeting["meeting_id"])
    if not margins.empty:
        items = "\n".join(
            f"- {_meeting_link(meeting_id, title)}"
            for meeting_id, title in zip(margins["meeting_id"], margins[column], strict=True)
        )
        st.markdown(f"**{t('field.margins', lang)}**\n{items}", unsafe_allow_html=True)


def _meeting_link(meeting_id: str, title: str) -> str:
    """A link to another meeting, opened in the same tab (the URL carries the view); only our own relative address."""
    return f'<a href="{html.escape(meeting_href(meeting_id))}" target="_self">{html_label(title)}</a>'


def _sources(ds: Dataset, meeting_id: str, lang: str) -> None:
    """Each source as a reader checks it: outlet, headline, date, language, its address, and where it says what."""
    sources = meeting_sources(ds, meeting_id)
    st.markdown(f"**{t('field.sources', lang)}**")
    for _, source in sources.iterrows():
        parts = [f"**{md_escape(source['outlet'])}**"]
        if isinstance(source["title"], str) and source["title"]:
            parts.append(f"“{md_escape(source['title'])}”")
        published = source["published"] if isinstance(source["published"], str) else t("date.unknown", lang)
        parts.append(f"{md_escape(published)} ({md_escape(source['language'])})")
        address = web_address(source["url"])
        if address:
            parts.append(f"[{address_label(address)}]({address})")
        elif isinstance(source["url"], str) and source["url"]:
            parts.append(md_escape(source["url"]))  # an address that is not a web one is shown, never linked
        where = "; ".join(
            f"{t(f'evidence.{field}', lang)}: {md_escape(locator)}" for field, locator in source["locators"]
        )
        st.markdown(f"- {', '.join(parts)} · {where}")
