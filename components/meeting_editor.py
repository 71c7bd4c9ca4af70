"""Editing one meeting's own fields, saved with the revision check so no one's work is overwritten."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.saving import attempt
from liaison.dataset.access import Editor
from liaison.dataset.changes import Snapshot
from liaison.dataset.schema import FORMATS, PRECISIONS
from liaison.dataset.stores import Store
from liaison.words.i18n import t

TEXT_FIELDS = ("title", "title_fr", "title_original", "reported_participants", "summary", "summary_fr")
DATE_FIELDS = ("start_date", "end_date")


def meeting_editor(store: Store, base: Snapshot, author: Editor | None, lang: str) -> None:
    """Pick a meeting, change its fields in a form, save; problems are listed, nothing half-saved.

    The revision the reader opened the meeting at is kept: a save by someone else since then
    is refused rather than overwritten with the values this form showed, and the reader is
    offered to re-apply just the fields they changed onto the meeting as it is now.
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
    row = meetings.set_index("meeting_id").loc[chosen]
    if st.session_state.get("edit_opened", (None,))[0] != chosen:
        # What the form first showed: the fields the reader changed are those that differ from it.
        shown = {field: str(row[field]) for field in (*TEXT_FIELDS, *DATE_FIELDS, "date_precision", "format")}
        st.session_state["edit_opened"] = (chosen, base.revision, shown)
    with st.form(key="edit_form"):
        # Keys name the meeting, so choosing another one shows its own values, not the last one's.
        values = {
            field: st.text_input(_label(field, lang), row[field], key=f"edit_{chosen}_{field}")
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
        _, opened, shown = st.session_state["edit_opened"]
        mine = {field: value.strip() for field, value in values.items() if value.strip() != shown[field]}
        _save(store, meetings, chosen, mine, opened, author, lang)
    pending = st.session_state.get("edit_pending")
    if pending and pending[0] == chosen:
        st.warning(t("edit.stale", lang))
        st.caption(t("edit.reapply.help", lang, fields=", ".join(_label(field, lang) for field in pending[1])))
        if st.button(t("edit.reapply", lang), key="edit_reapply", icon=":material/sync:"):
            st.session_state.pop("edit_pending", None)
            _save(store, base.frames["meetings"], chosen, pending[1], base.revision, author, lang)


def _label(field: str, lang: str) -> str:
    return t("field.format" if field == "format" else f"edit.field.{field}", lang)


def _save(
    store: Store,
    meetings: pd.DataFrame,
    meeting_id: str,
    mine: dict[str, str],
    opened: str,
    author: Editor | None,
    lang: str,
) -> None:
    """Save the fields this reader changed onto `meetings` as read at `opened`.

    Refused as stale, the change is kept so "reload and re-apply" puts the same fields onto the
    meeting as it is now, leaving the other person's changes to the other fields in place.
    """
    changed = meetings.set_index("meeting_id")
    changed.loc[meeting_id, list(mine)] = list(mine.values())

    def keep_mine() -> None:
        st.session_state["edit_pending"] = (meeting_id, mine)
        st.session_state.pop("edit_opened", None)
        for field in (*TEXT_FIELDS, *DATE_FIELDS):
            st.session_state.pop(f"edit_{meeting_id}_{field}", None)
        st.rerun()  # the form shows the meeting as it is now, with the offer to re-apply below it

    done = attempt(
        lambda: store.save({"meetings": changed.reset_index()}, opened, f"edit {meeting_id}", author),
        lang,
        on_stale=keep_mine,
    )
    if done is not None:
        st.session_state.pop("edit_opened", None)
        st.success(t("edit.saved", lang, revision=done.revision))
