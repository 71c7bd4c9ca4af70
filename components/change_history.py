"""The change log of the store, and undo of the last change."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.markdown import md_escape
from components.saving import attempt
from liaison.dataset.access import Editor
from liaison.dataset.changes import author_of
from liaison.dataset.stores import Store
from liaison.words.i18n import t


def change_history(store: Store, author: Editor | None, lang: str) -> None:
    """The log, newest first, with a button that undoes the last save that is not undone yet."""
    entries = store.read_log()
    # Undo applies to the state the reader saw on the previous run, when they decided to click:
    # if someone saved since, the undo is refused rather than undoing their change. The revision
    # is read here, after any save made higher on this page in this run.
    seen = st.session_state.get("history_revision")
    st.session_state["history_revision"] = store.revision()
    if not entries:
        st.info(t("edit.history.empty", lang))
        return
    log = pd.DataFrame(entries[::-1])
    st.dataframe(
        pd.DataFrame(
            {
                t("edit.history.when", lang): log["when"],
                t("edit.history.action", lang): [t(f"edit.history.{action}", lang) for action in log["action"]],
                t("edit.history.who", lang): [author_of(entry) or "—" for entry in entries[::-1]],
                t("edit.history.what", lang): log["summary"],
                t("edit.history.tables", lang): log["tables"].map(", ".join),
                t("edit.history.revision", lang): log["revision"],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    if st.button(t("edit.undo", lang), key="edit_undo", icon=":material/undo:"):
        done = attempt(lambda: store.undo(seen or st.session_state["history_revision"], author), lang)
        if done is not None:
            st.session_state["history_revision"] = done.revision
            st.success(t("edit.undone", lang, summary=md_escape(done.summary), revision=done.revision))
