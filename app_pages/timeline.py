"""Timeline: meetings per month by format, and every meeting on its lane over time."""

from functools import partial

import streamlit as st

from components.export_buttons import view_caption
from components.feed_data import candidate_answer, layer_digest
from components.feed_panel import apart_note, shown_candidates
from components.figure_panel import figure_panel
from components.meeting_card import meeting_card
from components.meeting_list import meeting_rows
from components.page import open_page
from liaison.feed.aggregates import candidates_per_month
from liaison.feed.charts import with_candidate_month_rows, with_candidate_months
from liaison.figures.charts import monthly_chart, timeline_chart
from liaison.figures.tables import monthly_rows
from liaison.figures.wording import monthly_alt, timeline_alt
from liaison.view.query import meeting_lanes, meetings_per_month, undated_count
from liaison.words.i18n import t

page = open_page("timeline.title")
lang, ds, shown = page.lang, page.ds, page.shown
caption = view_caption(ds, page.view.filters, page.ids, lang)

per_month = page.of_rows(meetings_per_month)
candidates = shown_candidates(page.view)
monthly = page.figure("timeline.monthly", lambda: monthly_chart(per_month, lang))
monthly_table, monthly_caption = partial(monthly_rows, per_month, lang), caption
if candidates is not None:
    found = candidate_answer(candidates_per_month, page.view.filters)
    monthly = page.figure(("timeline.monthly", layer_digest()), partial(with_candidate_months, monthly, found, lang))
    monthly_table = partial(with_candidate_month_rows, per_month, found, lang)
    monthly_caption = view_caption(ds, page.view.filters, page.ids, lang, candidates=len(candidates))
figure_panel(
    monthly,
    monthly_alt(per_month, lang),
    monthly_table,
    key="timeline_monthly",
    lang=lang,
    caption=monthly_caption,
)
if undated := page.of_rows(undated_count):
    st.caption(t("timeline.undated", lang, count=undated))
if candidates is not None:
    apart_note(candidates, "timeline", lang)

lanes = page.of_rows(meeting_lanes)
if (left_out := int(shown["start_date"].notna().sum()) - len(lanes)) > 0:
    st.caption(t("timeline.capped", lang, shown=len(lanes), left_out=left_out))


def _on_click() -> None:
    """A click picks the meeting once; the picker stays free to choose another afterwards."""
    points = st.session_state["timeline_spans"].selection.points
    if points and points[0].get("customdata"):
        st.session_state["timeline_meeting"] = points[0]["customdata"]


figure_panel(
    page.figure("timeline.lanes", lambda: timeline_chart(lanes, lang)),
    timeline_alt(lanes, lang),
    lambda: meeting_rows(lanes, lang),
    key="timeline_spans",
    lang=lang,
    caption=caption,
    on_select=_on_click,
)
st.caption(t("timeline.marks", lang))
# The picker offers the meetings drawn, in the view's order (newest first; lanes keep the rows' labels).
drawn = lanes.sort_index()
if undrawn := int(shown["start_date"].isna().sum()):
    st.caption(t("timeline.undrawn", lang, count=undrawn))
titles = dict(zip(drawn["meeting_id"], drawn["title_fr" if lang == "fr" else "title"], strict=True))
if st.session_state.get("timeline_meeting") not in titles:
    st.session_state["timeline_meeting"] = None
chosen = st.selectbox(
    t("timeline.select", lang),
    list(titles),
    key="timeline_meeting",
    format_func=titles.get,
    placeholder=t("timeline.select.placeholder", lang),
)
if chosen:
    meeting_card(ds, drawn[drawn["meeting_id"] == chosen].iloc[0], lang)
