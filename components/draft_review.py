"""Review of drafted meetings before they are saved: an editable table, its problems, duplicates, and save.

Drafts come from the article extractor or from a blank row typed by hand; either way a
person sees every field in the interface's language, fixes what is wrong, and saves only
when the whole folder would still be valid. A draft the data already records is shown
with the meeting it repeats and left out of the save unless the reviewer ticks "save
anyway" for it. Drafting, duplicates, checks and the save itself go through
`liaison.intake.article`, the same flow as `python -m liaison ingest`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.markdown import md_escape
from components.meeting_card import meeting_href
from components.saving import attempt
from liaison.dataset.access import Editor
from liaison.dataset.changes import Snapshot
from liaison.dataset.schema import FORMATS, PRECISIONS
from liaison.dataset.stores import Store
from liaison.extract.draft import DraftMeeting
from liaison.intake.article import Review, review, save_review
from liaison.intake.drafts import EXTRACTED, Origin, SourceInfo, untranslated_title
from liaison.words.folding import fold_words
from liaison.words.i18n import catalogue, t
from liaison.words.places import country_name, valid_iso3

COLUMNS = (
    "title_en",
    "title_fr",
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
EVIDENCE = "evidence"


def _field_name(field: str, lang: str) -> str:
    return t(f"evidence.{field}", lang) if f"evidence.{field}" in catalogue(lang) else field


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def drafts_frame(drafts: Sequence[DraftMeeting], evidence: list[dict[str, str]] | None = None, lang: str = "en"):
    """Drafts as editable columns: states as a list of codes (the editor names them), topics as words.

    `evidence` (from `extract_with_evidence`) fills a read-only column of "field: sentence" lines.
    """
    cited = list(evidence or [])
    cited += [{}] * (len(drafts) - len(cited))
    rows = [
        {
            **{column: _cell(draft.get(column)) for column in COLUMNS},
            "participant_states_iso3": [str(code) for code in draft.get("participant_states_iso3") or []],
            "topics": " ".join(str(topic) for topic in draft.get("topics") or []),
            EVIDENCE: "\n".join(f"{_field_name(field, lang)}: {sentence}" for field, sentence in cited[i].items()),
        }
        for i, draft in enumerate(drafts)
    ]
    return pd.DataFrame(rows, columns=[*COLUMNS, EVIDENCE])


def _codes(value: object) -> list[str]:
    if isinstance(value, str):
        items = value.replace(",", " ").split()
    elif value is None or (not hasattr(value, "__iter__")):
        items = []
    else:
        items = [str(item) for item in value]
    return list(dict.fromkeys(code.strip().upper() for code in items if str(code).strip()))


def frame_drafts(frame: pd.DataFrame) -> list[DraftMeeting]:
    """The edited table back to drafts in the extractor's shape."""
    drafts = []
    for record in frame.to_dict("records"):
        row = {column: record.get(column) for column in COLUMNS}
        text = {column: "" if _missing(row[column]) else str(row[column]).strip() for column in COLUMNS}
        draft = DraftMeeting(**{column: text[column] or None for column in COLUMNS})
        draft["participant_states_iso3"] = _codes(row["participant_states_iso3"])
        draft["topics"] = text["topics"].replace(",", " ").split()
        draft["country_iso3"] = text["country_iso3"].upper() or None
        parent = text["parent"]
        draft["parent"] = int(float(parent)) if parent.replace(".", "", 1).isdigit() else None
        drafts.append(draft)
    return drafts


def _missing(value: object) -> bool:
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        return False
    return value is None or bool(pd.isna(value))


def _editor_columns(lang: str, language: str) -> dict:
    """The editor's columns, each labelled in `lang` and showing codes as words."""
    states = sorted(valid_iso3(), key=lambda code: fold_words(country_name(code, lang)))
    return {
        "title_en": st.column_config.TextColumn(t("edit.field.title", lang), required=True, width="large"),
        "title_fr": st.column_config.TextColumn(t("edit.field.title_fr", lang), required=True, width="large"),
        "title": st.column_config.TextColumn(
            t("edit.field.title_original_in", lang, language=t(f"language.name.{language}", lang)),
            disabled=True,
            width="medium",
        ),
        "format": st.column_config.SelectboxColumn(
            t("field.format", lang),
            options=FORMATS,
            required=True,
            format_func=lambda value: t(f"format.{value}", lang),
        ),
        "date_precision": st.column_config.SelectboxColumn(
            t("edit.field.date_precision", lang),
            options=PRECISIONS,
            format_func=lambda value: t(f"precision.{value}", lang),
        ),
        "start_date": st.column_config.TextColumn(t("edit.field.start_date", lang)),
        "end_date": st.column_config.TextColumn(t("edit.field.end_date", lang)),
        "city": st.column_config.TextColumn(t("field.city", lang)),
        "country_iso3": st.column_config.SelectboxColumn(
            t("field.country", lang), options=states, format_func=lambda code: country_name(code, lang)
        ),
        "participant_states_iso3": st.column_config.MultiselectColumn(
            t("edit.field.states", lang), options=states, format_func=lambda code: country_name(code, lang)
        ),
        "organizer": st.column_config.TextColumn(t("field.organizer", lang)),
        "topics": st.column_config.TextColumn(t("field.topics", lang)),
        "parent": st.column_config.TextColumn(t("edit.field.parent", lang)),
        EVIDENCE: st.column_config.TextColumn(t("edit.field.evidence", lang), disabled=True, width="large"),
    }


def draft_review(
    store: Store,
    base: Snapshot,
    key: str,
    source: SourceInfo,
    article: str | None,
    geocoder,
    author: Editor | None,
    lang: str,
    also: Sequence[SourceInfo] = (),
    origin: Origin = EXTRACTED,
):
    """The drafts kept under `key` in an editor, with their duplicates, check and save buttons.

    The rows are drafted on `base`, the store as this run read it, and saved on that revision:
    a save by someone else in between is refused, and the next run drafts on theirs. Each
    draft cites `source` and every one of `also`, each of which must name its outlet.
    """
    state = st.session_state[key]
    first_title = ["title_fr", "title_en"] if lang == "fr" else ["title_en", "title_fr"]
    edited = st.data_editor(
        state["frame"],
        key=f"{key}_editor",
        num_rows="dynamic",
        hide_index=False,
        width="stretch",
        column_order=[*first_title, *(column for column in [*COLUMNS, EVIDENCE] if column not in first_title)],
        column_config=_editor_columns(lang, source.language),
    )
    st.caption(t("edit.drafts.help", lang))
    drafts = frame_drafts(edited)
    for row, draft in zip(edited.index, drafts, strict=True):
        if untranslated_title(draft, source.language):
            language = t(f"language.name.{source.language}", lang)
            st.caption(t("edit.title_untranslated", lang, row=row, language=language))
    drafted = review(base, drafts, source, geocoder, also=also, origin=origin)
    drafted = drafted.keeping(_saved_anyway(key, list(edited.index), drafted, lang))
    saving = len(drafted.added)
    named = all(cited.outlet.strip() for cited in (source, *also))
    problems = drafted.problems() if named and saving else []
    if not named:
        st.warning(t("edit.source.needed", lang))
    elif problems:
        st.error(t("edit.invalid", lang))
        st.code("\n".join(str(problem) for problem in problems), language=None)
    elif drafted.left_out and not saving:
        st.info(t("edit.duplicate.skipped", lang))
    elif drafted.left_out:
        st.info(t("edit.valid.skipping", lang, count=saving, skipped=len(drafted.left_out)))
    else:
        st.success(t("edit.valid", lang, count=saving))
    disabled = bool(problems) or not named or edited.empty
    if st.button(t("edit.save", lang), key=f"{key}_save", disabled=disabled, icon=":material/save:", type="primary"):
        if not saving:
            st.info(t("edit.nothing_to_save", lang))
            return
        summary = t("edit.summary.added", "en", count=saving, outlet=source.outlet)
        done = attempt(lambda: save_review(store, drafted, article, summary, author), lang)
        if done is not None:
            _forget(key)
            st.success(t("edit.saved", lang, revision=done.revision))


def _saved_anyway(key: str, rows: list, drafted: Review, lang: str) -> set[str]:
    """Show each draft the data already records; the ones the reviewer ticked "save anyway"."""
    if not drafted.duplicates:
        return set()
    kept: set[str] = set()
    with st.container(border=True, key=f"{key}_duplicates"):
        for row, draft_id in zip(rows, drafted.draft_ids, strict=True):
            duplicate = drafted.duplicates.get(draft_id)
            if duplicate is None:
                continue
            link = f"[{md_escape(duplicate.recorded_title(lang))}]({meeting_href(duplicate.recorded_id)})"
            st.markdown(f":material/content_copy: {t('edit.duplicate', lang, row=row, title=link)}")
            if st.checkbox(t("edit.duplicate.anyway", lang, row=row), key=f"{key}_anyway_{row}"):
                kept.add(draft_id)
    return kept


def _forget(key: str) -> None:
    """Drop the saved drafts and their widgets, so the tab opens empty for the next article."""
    for stale in [key, f"{key}_editor", *(name for name in st.session_state if str(name).startswith(f"{key}_anyway_"))]:
        st.session_state.pop(stale, None)


def source_form(prefix: str, lang: str, default_language: str = "fr") -> SourceInfo:
    """Where the meetings come from: outlet, address, date and language, as the reviewer states them."""
    columns = st.columns([3, 4, 2, 2])
    outlet = columns[0].text_input(t("about.outlet", lang), key=f"{prefix}_outlet")
    url = columns[1].text_input(t("about.link", lang), key=f"{prefix}_url", placeholder="https://…")
    published = columns[2].text_input(t("about.published", lang), key=f"{prefix}_published", placeholder="YYYY-MM-DD")
    language = columns[3].selectbox(
        t("about.language", lang),
        ("fr", "en"),
        index=0 if default_language == "fr" else 1,
        key=f"{prefix}_language",
        format_func=lambda code: t(f"language.name.{code}", lang),
    )
    title = st.text_input(t("edit.source.title", lang), key=f"{prefix}_title")
    return SourceInfo(
        outlet=outlet.strip(), language=language, url=url.strip(), published=published.strip(), title=title.strip()
    )
