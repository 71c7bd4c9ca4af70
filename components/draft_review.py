"""Review of drafted meetings before they are saved: an editable table, its problems, and save.

Drafts come from the article extractor or from a blank row typed by hand; either way a
person sees every field, fixes what is wrong, and saves only when the whole folder would
still be valid. The revision the drafts were made on travels with them, so a save that
would overwrite someone else's change is refused.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from liaison.changes import StaleRevisionError, check, revision, save
from liaison.files import write_atomically
from liaison.i18n import catalogue, t
from liaison.ingest import SourceInfo, draft_rows
from liaison.schema import FORMATS, PRECISIONS
from liaison.store import DatasetError, validate_folder

COLUMNS = (
    "title",
    "format",
    "start_date",
    "end_date",
    "date_precision",
    "city",
    "country_iso3",
    "participant_states_iso3",
    "organizer",
    "topics",
    "parent",
)
LIST_FIELDS = ("participant_states_iso3", "topics")


EVIDENCE = "evidence"


def _field_name(field: str, lang: str) -> str:
    return t(f"evidence.{field}", lang) if f"evidence.{field}" in catalogue(lang) else field


def drafts_frame(drafts: list[dict], evidence: list[dict[str, str]] | None = None, lang: str = "en") -> pd.DataFrame:
    """Drafts as editable text columns: lists become space-separated codes.

    `evidence` (from `extract_with_evidence`) fills a read-only column of "field: sentence" lines.
    """
    cited = list(evidence or [])
    cited += [{}] * (len(drafts) - len(cited))
    rows = [
        {
            **{
                column: " ".join(str(item) for item in draft.get(column) or [])
                if column in LIST_FIELDS
                else ("" if draft.get(column) is None else str(draft.get(column)))
                for column in COLUMNS
            },
            EVIDENCE: "\n".join(f"{_field_name(field, lang)}: {sentence}" for field, sentence in cited[i].items()),
        }
        for i, draft in enumerate(drafts)
    ]
    return pd.DataFrame(rows, columns=[*COLUMNS, EVIDENCE])


def frame_drafts(frame: pd.DataFrame) -> list[dict]:
    """The edited table back to drafts in the extractor's shape."""
    drafts = []
    for row in frame.fillna("").astype(str).to_dict("records"):
        draft: dict = {column: row[column].strip() or None for column in COLUMNS}
        for column in LIST_FIELDS:
            draft[column] = (row[column].replace(",", " ").split()) if row[column].strip() else []
        draft["participant_states_iso3"] = [code.upper() for code in draft["participant_states_iso3"]]
        draft["country_iso3"] = draft["country_iso3"].upper() if draft["country_iso3"] else None
        parent = row["parent"].strip()
        draft["parent"] = int(float(parent)) if parent.replace(".", "", 1).isdigit() else None
        drafts.append(draft)
    return drafts


def draft_review(folder: Path, key: str, source: SourceInfo, article: str | None, geocoder, author: str, lang: str):
    """The drafts kept under `key` in an editor, with check and save buttons."""
    state = st.session_state[key]
    edited = st.data_editor(
        state["frame"],
        key=f"{key}_editor",
        num_rows="dynamic",
        hide_index=False,
        width="stretch",
        column_config={
            "title": st.column_config.TextColumn(t("field.title", lang), required=True, width="large"),
            "format": st.column_config.SelectboxColumn(t("field.format", lang), options=FORMATS, required=True),
            "date_precision": st.column_config.SelectboxColumn(
                t("edit.field.date_precision", lang), options=PRECISIONS
            ),
            "start_date": st.column_config.TextColumn(t("edit.field.start_date", lang)),
            "end_date": st.column_config.TextColumn(t("edit.field.end_date", lang)),
            "city": st.column_config.TextColumn(t("field.city", lang)),
            "country_iso3": st.column_config.TextColumn(t("field.country", lang), max_chars=3),
            "participant_states_iso3": st.column_config.TextColumn(t("edit.field.states", lang)),
            "organizer": st.column_config.TextColumn(t("field.organizer", lang)),
            "topics": st.column_config.TextColumn(t("field.topics", lang)),
            "parent": st.column_config.TextColumn(t("edit.field.parent", lang)),
            EVIDENCE: st.column_config.TextColumn(t("edit.field.evidence", lang), disabled=True, width="large"),
        },
    )
    st.caption(t("edit.drafts.help", lang))
    frames = validate_folder(folder)[0]
    tables = draft_rows(frames, frame_drafts(edited), source, geocoder)
    problems = check(folder, tables) if source.outlet.strip() else []
    if not source.outlet.strip():
        st.warning(t("edit.source.needed", lang))
    elif problems:
        st.error(t("edit.invalid", lang))
        st.code("\n".join(str(problem) for problem in problems), language=None)
    else:
        st.success(t("edit.valid", lang, count=len(edited)))
    disabled = bool(problems) or not source.outlet.strip() or edited.empty
    if st.button(t("edit.save", lang), key=f"{key}_save", disabled=disabled, icon=":material/save:", type="primary"):
        summary = t("edit.summary.added", "en", count=len(edited), outlet=source.outlet)
        _save(folder, key, tables, article, summary, author, lang)


def _save(
    folder: Path, key: str, tables: dict[str, pd.DataFrame], article: str | None, summary: str, author: str, lang: str
) -> None:
    opened = st.session_state[key]["revision"]
    try:
        done = save(folder, tables, opened, summary, author or None)
    except StaleRevisionError:
        st.warning(t("edit.stale", lang))
        st.session_state[key]["revision"] = revision(folder)
        return
    except DatasetError as error:
        st.error(t("edit.invalid", lang))
        st.code("\n".join(str(problem) for problem in error.problems), language=None)
        return
    if article:
        source_id = tables["sources"].iloc[-1]["source_id"]
        write_atomically(folder / "articles" / f"{source_id}.txt", article.encode("utf-8"))
    for stale in (key, f"{key}_editor"):
        st.session_state.pop(stale, None)
    st.success(t("edit.saved", lang, revision=done.revision))


def source_form(prefix: str, lang: str, default_language: str = "fr") -> SourceInfo:
    """Where the meetings come from: outlet, address, date and language, as the reviewer states them."""
    columns = st.columns([3, 4, 2, 1])
    outlet = columns[0].text_input(t("about.outlet", lang), key=f"{prefix}_outlet")
    url = columns[1].text_input(t("about.link", lang), key=f"{prefix}_url", placeholder="https://…")
    published = columns[2].text_input(t("about.published", lang), key=f"{prefix}_published", placeholder="YYYY-MM-DD")
    language = columns[3].selectbox(
        t("about.language", lang), ("fr", "en"), index=0 if default_language == "fr" else 1, key=f"{prefix}_language"
    )
    title = st.text_input(t("edit.source.title", lang), key=f"{prefix}_title")
    return SourceInfo(
        outlet=outlet.strip(), language=language, url=url.strip(), published=published.strip(), title=title.strip()
    )
