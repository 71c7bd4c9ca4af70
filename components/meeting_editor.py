"""Editing one meeting's own fields, saved with the revision check so no one's work is overwritten."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from components.saving import attempt
from liaison.dataset.access import Editor
from liaison.dataset.changes import Snapshot, save
from liaison.dataset.schema import FORMATS, PRECISIONS
from liaison.words.i18n import t

TEXT_FIELDS = ("title", "title_fr", "title_original", "reported_participants", "summary", "summary_fr")
DATE_FIELDS = ("start_date", "end_date")


def meeting_editor(folder: Path, base: Snapshot, author: Editor | None, lang: str) -> None:
    """Pick a meeting, change its fields in a form, save; problems are listed, nothing half-saved.

    The revision the reader opened the meeting at is kept: a save by someone else since then
    is refused rather than overwritten with the values this form showed.
    """
    meetings = base.frames["meetings"]
    titles = dict(zip(meetings["meeting_id"], meetings["title_fr" if lang == "fr" else "title"], strict=True))
    chosen = st.selectbox(
        t("edit.pick", lang),
        list(titles),
        format_func=titles.get,
        index=None,
        key="edit_meeting",
        placeholder=t("edit.pick.placeholder", lang),
    )
    if not chosen:
        return
    if st.session_state.get("edit_opened", (None, None))[0] != chosen:
        st.session_state["edit_opened"] = (chosen, base.revision)
    row = meetings.set_index("meeting_id").loc[chosen]
    with st.form(key="edit_form"):
        # Keys name the meeting, so choosing another one shows its own values, not the last one's.
        values = {
            field: st.text_input(t(f"edit.field.{field}", lang), row[field], key=f"edit_{chosen}_{field}")
            for field in TEXT_FIELDS[:4]
        }
        columns = st.columns(4)
        values |= {
            field: column.text_input(
                t(f"edit.field.{field}", lang), row[field], placeholder="YYYY-MM-DD", key=f"edit_{chosen}_{field}"
            )
            for field, column in zip(DATE_FIELDS, columns, strict=False)
        }
        values["date_precision"] = columns[2].selectbox(
            t("edit.field.date_precision", lang), PRECISIONS, index=PRECISIONS.index(row["date_precision"])
        )
        values["format"] = columns[3].selectbox(
            t("field.format", lang),
            FORMATS,
            index=FORMATS.index(row["format"]),
            format_func=lambda value: t(f"format.{value}", lang),
        )
        values |= {
            field: st.text_area(t(f"edit.field.{field}", lang), row[field], key=f"edit_{chosen}_{field}")
            for field in TEXT_FIELDS[4:]
        }
        submitted = st.form_submit_button(t("edit.save", lang), icon=":material/save:", key="edit_save")
    if submitted:
        changed = meetings.set_index("meeting_id")
        changed.loc[chosen, list(values)] = [value.strip() for value in values.values()]
        _save(folder, changed.reset_index(), chosen, author, lang)


def _save(folder: Path, meetings: pd.DataFrame, meeting_id: str, author: Editor | None, lang: str) -> None:
    opened = st.session_state["edit_opened"][1]
    done = attempt(
        lambda: save(folder, {"meetings": meetings}, opened, f"edit {meeting_id}", author),
        lang,
        on_stale=lambda: st.session_state.pop("edit_opened", None),
    )
    if done is not None:
        st.session_state["edit_opened"] = (meeting_id, done.revision)
        st.success(t("edit.saved", lang, revision=done.revision))
