"""What a page says when the filters match no meeting: why, and the way out."""

import streamlit as st

from components.filter_sidebar import reset_button
from liaison.words.i18n import t


def no_meetings(lang: str) -> None:
    """Explain that nothing matches and offer to clear the filters."""
    st.info(t("empty.message", lang), icon=":material/search_off:")
    reset_button(lang, key="empty_reset")
