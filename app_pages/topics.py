"""Topics: what the meetings of the view were about, when, and with whom."""

import streamlit as st

from components.export_buttons import view_caption
from components.feed_panel import apart_note, shown_candidates
from components.figure_panel import figure_panel
from components.page import open_page
from components.topic_definitions import topic_definitions
from liaison.figures.tables import topic_month_rows, topic_rows, topic_state_rows
from liaison.figures.topic_charts import topic_bars, topic_month_heatmap, topic_state_matrix
from liaison.figures.wording import topic_bars_alt, topic_matrix_alt, topic_months_alt
from liaison.view.topics import topic_counts, topic_months, topic_states, untagged_count
from liaison.words.i18n import t

page = open_page("topics.title")
lang, ds, ids = page.lang, page.ds, page.ids
caption = view_caption(ds, page.view.filters, ids, lang)
if (candidates := shown_candidates(page.view)) is not None:
    apart_note(candidates, "topics", lang)


counts = page.answer(topic_counts)
figure_panel(
    page.figure("topics.bars", lambda: topic_bars(counts, len(ids), ds.taxonomy, lang)),
    topic_bars_alt(counts, len(ids), ds.taxonomy, lang),
    lambda: topic_rows(counts, ds.taxonomy, lang),
    key="topics_bars",
    lang=lang,
    caption=caption,
)
st.caption(t("topics.multi_label", lang, total=len(ids), untagged=page.answer(untagged_count)))

months = page.answer(topic_months)
figure_panel(
    page.figure("topics.months", lambda: topic_month_heatmap(months, ds.taxonomy, lang)),
    topic_months_alt(months, ds.taxonomy, lang),
    lambda: topic_month_rows(months, ds.taxonomy, lang),
    key="topics_months",
    lang=lang,
    caption=caption,
)

pairs = page.answer(topic_states)
figure_panel(
    page.figure("topics.states", lambda: topic_state_matrix(pairs, ds.taxonomy, lang)),
    topic_matrix_alt(pairs, ds.taxonomy, lang),
    lambda: topic_state_rows(pairs, ds.taxonomy, lang),
    key="topics_states",
    lang=lang,
    caption=caption,
)

with st.expander(t("topics.definitions", lang)):
    topic_definitions(ds.taxonomy, lang)
