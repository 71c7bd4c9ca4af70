"""The taxonomy as a reader needs it: each topic's label and one-line definition, in the page's language."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from liaison.words.i18n import normalise_language, t


def topic_definitions(taxonomy: pd.DataFrame, lang: str) -> None:
    """A table of topics and what each covers."""
    column = normalise_language(lang)
    st.dataframe(
        pd.DataFrame(
            {
                t("field.topic", lang): taxonomy[f"label_{column}"],
                t("field.definition", lang): taxonomy[f"definition_{column}"],
            }
        ),
        hide_index=True,
        width="stretch",
    )
