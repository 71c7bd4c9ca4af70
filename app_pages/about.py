"""About: the codebook in plain words, the data version and sources, and how to cite."""

from datetime import date

import pandas as pd
import streamlit as st

from components.data import dataset
from components.identity import access
from components.markdown import web_address
from components.topic_definitions import topic_definitions
from components.view import current
from liaison.dataset.store import row_counts
from liaison.publish.citation import cite_dashboard
from liaison.words.i18n import t

CODEBOOK = ("meeting", "formats", "roles", "dates", "countries", "venues", "topics", "sources")

lang = current().lang
ds = dataset(lang)

st.title(t("about.title", lang), anchor=False)
st.markdown(t("about.intro", lang))

st.header(t("about.codebook", lang), anchor=False)
for part in CODEBOOK:
    st.subheader(t(f"about.codebook.{part}.title", lang), anchor=False)
    st.markdown(t(f"about.codebook.{part}", lang))
    if part == "topics":
        topic_definitions(ds.taxonomy, lang)

st.header(t("about.editing", lang), anchor=False)
rule = access()
if rule.everyone_edits:
    st.markdown(t("about.editing.none", lang))
else:
    st.markdown(t("about.editing.signed", lang, how=t(f"about.editing.{rule.mode}", lang)))

st.header(t("about.data", lang), anchor=False)
st.markdown(t("about.version", lang, digest=ds.version.digest, changed=ds.version.changed.date().isoformat()))
counts = row_counts(ds)
st.dataframe(
    pd.DataFrame({t("about.table", lang): list(counts), t("about.rows", lang): list(counts.values())}),
    hide_index=True,
)

st.subheader(t("field.sources", lang), anchor=False)
sources = ds.sources.sort_values(["published", "outlet"], na_position="last")
st.dataframe(
    pd.DataFrame(
        {
            t("about.outlet", lang): sources["outlet"],
            t("field.title", lang): sources["title"].fillna("—"),
            t("about.published", lang): sources["published"].fillna("—"),
            t("about.language", lang): sources["language"],
            t("about.link", lang): sources["url"].map(web_address),
        }
    ),
    column_config={t("about.link", lang): st.column_config.LinkColumn()},
    hide_index=True,
    width="stretch",
)

st.header(t("about.maps", lang), anchor=False)
st.markdown(t("map.boundaries", lang))

st.header(t("about.cite", lang), anchor=False)
st.code(cite_dashboard(ds.version, date.today(), lang), language=None, wrap_lines=True)
